"""What every task source shares: the Task record, stable ids, owner lists,
citation links, and where a document's body starts and ends."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from vanban.pipeline.model import Document, Section
from vanban.pipeline.markers import CLOSING, SUMMING_UP, has_motto
from vanban.pipeline.textnorm import fold_diacritics, sentence_case_first

from ..deadlines import Deadline
from ..lexicon import charclass
from ..owners import Owner, make_owner, split_owner_list

LABEL_LINE = re.compile(r"^\s*(?:[-–•+]\s*|[a-zđ]\)\s*)?(?P<label>[^:\n]{2,60}?)\s*:\s*(?P<value>.*)$")


@dataclass
class Task:
    id: str
    ref: str | None
    group: str | None
    group_title: str | None
    description: str
    lead: list[Owner]
    support: list[Owner]
    deadline: Deadline
    source: dict
    citation_ids: list[str] = field(default_factory=list)
    item: int | None = None
    output: str | None = None      # "Sản phẩm" / "Kết quả" column
    note: str | None = None        # "Ghi chú" column

    def as_dict(self) -> dict:
        return {
            "id": self.id, "ref": self.ref, "item": self.item, "group": self.group, "group_title": self.group_title,
            "description": self.description,
            "lead": [o.text for o in self.lead], "support": [o.text for o in self.support],
            "owners": [{"role": "lead", **o.as_dict()} for o in self.lead] + [{"role": "support", **o.as_dict()} for o in self.support],
            "deadline": self.deadline.as_dict(), "source": self.source, "citation_ids": self.citation_ids,
            "output": self.output, "note": self.note,
        }


def owners(text: str, trim: bool, capitalise: bool = False) -> list[Owner]:
    names = split_owner_list(text, trim_verb_phrase=trim)
    if capitalise:
        names = [sentence_case_first(n) for n in names]
    return [make_owner(n) for n in names]


def cited(text_start: int, text_end: int, citations) -> list[str]:
    ids = []
    for c in citations:
        if any(text_start <= m.start < text_end for m in c.mentions):
            ids.append(c.id)
    return ids


class Ids:
    def __init__(self, doc_key: str):
        self.doc_key = doc_key
        self.seen: dict[str, int] = {}

    def make(self, kind: str, ref: str | None, item: int | None, description: str) -> str:
        base = f"{self.doc_key}|{kind}|{ref}|{item}|{fold_diacritics(description)[:120]}"
        n = self.seen.get(base, 0)
        self.seen[base] = n + 1
        return "t" + hashlib.sha1(f"{base}|{n}".encode()).hexdigest()[:16]


def section_lines(doc: Document, section: Section) -> list:
    lines = []
    for line in doc.lines[section.first_line:section.last_line + 1]:
        if CLOSING.match(line.text):
            break
        lines.append(line)
    return lines


def group_of(doc: Document, section: Section) -> str | None:
    parent = section.parent
    while parent is not None:
        if doc.sections[parent].style in ("roman", "part"):
            return doc.sections[parent].ref
        parent = doc.sections[parent].parent
    return None


# The recipients list and the signature block also close the body when "Nơi nhận"
# itself is lost to OCR ("N5 - Như t0 trên;"): its first entry "- Như trên", the
# filing line "Lưu: VT", or an authority line "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH".
CLOSING_BLOCK = re.compile(r"(?:^|\s)[-–]\s*Như\s+(?:\S{1,3}\s+)?trên\s*[;.,]?\s*$"
                           r"|^\s*[NnMm]\S{1,3}\s+nh\S{1,2}n\s*:\s*$"          # "Nơi nhận:" misread ("Mới nhận:")
                           r"|^\s*[-–]?\s*Lưu\s*:\s*VT\b"
                           rf"|^\s*(?:TM|KT|TL|TUQ|Q)\s*\.\s*[{charclass('capitals_loose')}]{{2,}}")




def body_ranges(doc: Document) -> list[tuple[int, int]]:
    """Line ranges ``[start, end)`` of the document's own text and of every document
    attached after it — a draft resolution or decision after a Tờ trình, a plan after
    its cover letter: after the first body closes, a new national motto opens another
    document, whose body runs to its own closing.  Recipients and signature blocks
    between them belong to no body."""
    ranges: list[tuple[int, int]] = []
    first = doc.sections[0].first_line if doc.sections else 0
    start, end = 0, body_end(doc, first)
    while True:
        ranges.append((start, end))
        motto = next((l.index for l in doc.lines[end:] if has_motto(l.text)), None)
        if motto is None:
            return ranges
        start = motto
        after = next((s.first_line for s in doc.sections if s.first_line > motto), motto)
        end = body_end(doc, after)
        if end <= start:
            return ranges


def body_end(doc: Document, start: int | None = None) -> int:
    """Index of the line that closes the body ("Trên đây là…", "Nơi nhận", or the
    recipients and signature blocks that follow it), looking from ``start`` (by
    default the first numbered part)."""
    if start is None:
        start = doc.sections[0].first_line if doc.sections else 0
    for line in doc.lines[start:]:
        if CLOSING.match(line.text) or CLOSING_BLOCK.search(line.text):
            # "Trên đây là Kế hoạch …; trong quá trình thực hiện, … đề nghị X báo cáo …":
            # a closing paragraph that still asks something belongs to the body
            # ("… yêu cầu các công chức nghiêm túc triển khai thực hiện" only restates the document)
            asks = SUMMING_UP.match(line.text) and re.search(r"\b(?:đề\s+nghị|yêu\s+cầu|giao)\s", line.text, re.I) \
                and re.search(r"khó\s+khăn|vướng\s+mắc|báo\s+cáo", line.text, re.I)
            return line.index + 1 if asks else line.index
        if line.text.rstrip().endswith("./."):         # the mark that ends a document's text
            return line.index + 1
    return len(doc.lines)


RESTATES = 0.8      # folded-description similarity at which a prose item restates a table row


def restating(task: Task, rows: list[Task]) -> Task | None:
    """The table row a prose assignment restates (same work, same lead), if any.

    Plans often list a task in their table and repeat it in "Tổ chức thực hiện";
    a tracker must not get it twice."""
    import difflib
    mine = " ".join(fold_diacritics(task.description).lower().split())
    leads = {o.key for o in task.lead}
    best, best_ratio = None, RESTATES
    for row in rows:
        theirs = " ".join(fold_diacritics(row.description).lower().split())
        if not theirs or (leads and row.lead and not leads & {o.key for o in row.lead}):
            continue
        matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
        # the quick bounds are never below ratio(): a row they rule out could not be chosen
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = row, ratio
    return best

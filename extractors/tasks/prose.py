"""Tasks assigned in prose: numbered items whose heading is an owner
(``1. Sở Công Thương``, ``4. Đề nghị các ban ngành …``), sentences that assign
work (``Giao X …``, ``Đề nghị X …``, ``X chủ trì, phối hợp với Y …``, ``Sở X có
trách nhiệm …``) and ``- Owner: work`` lines."""

from __future__ import annotations

import re

from vanban.pipeline.model import Document
from vanban.pipeline.textnorm import collapse_spaces, sentence_case_first

from ..deadlines import Deadline, find_deadline_phrases, parse_deadline
from ..owners import make_owner, owner_phrase_end, split_owner_list, starts_with_owner_head, strip_trigger
from .common import Ids, Task, body_end, cited, group_of, owners, section_lines

_HANDLE_VERBS = re.compile(r"\s+(?:chủ\s+trì|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|là\s+cơ\s+quan\s+đầu\s+mối)\b", re.I)
_ASSIGNING = re.compile(r"\b(?:giao|yêu\s+cầu|đề\s+nghị|chỉ\s+đạo|phân\s+công)\s+(?:cho\s+)?", re.I)
_SUPPORT_IN_TEXT = re.compile(r"phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với|cùng)\s+", re.I)


def _lead_from_sentence(text: str) -> tuple[str | None, int]:
    """Owner named by an assignment sentence, and where the work description starts."""
    body, trigger = strip_trigger(text)
    offset = len(text) - len(body)
    if trigger:
        end = owner_phrase_end(body)
        owner = body[:end].strip(" ,")
        return (owner or None), offset + end
    # "Chủ tịch UBND xã giao cho X …", "Chủ tịch UBND tỉnh yêu cầu X …": the one
    # asked is the owner, not the one asking
    m = _ASSIGNING.search(text)
    if m and m.start() < 80 and (m.start() == 0 or starts_with_owner_head(text)):
        rest = text[m.end():]
        end = owner_phrase_end(rest)
        owner = rest[:end].strip(" ,")
        if owner and starts_with_owner_head(owner):
            return owner, m.end() + end
    if starts_with_owner_head(text):
        hm = _HANDLE_VERBS.search(text)
        end = owner_phrase_end(text)
        if hm and hm.start() <= end + 2:
            return text[:hm.start()].strip(" ,"), hm.start()
        # "UBND các xã, thị trấn căn cứ … xây dựng kế hoạch …": an owner, then
        # what it is to do — the phrase ends at a verb, not at punctuation
        if 0 < end < len(text) and text[end:end + 1] not in ".;:(" and text[end:].strip()[:1].islower():
            return text[:end].strip(" ,"), end
    return None, 0


def _support_from_text(text: str) -> list[str]:
    m = _SUPPORT_IN_TEXT.search(text)
    if not m:
        return []
    rest = text[m.end():]
    end = owner_phrase_end(rest)
    return split_owner_list(rest[:end], trim_verb_phrase=False) if end else []


def _deadline_in(text: str, year: int | None) -> Deadline:
    phrases = find_deadline_phrases(text)
    if not phrases:
        return Deadline(text=None)

    def strength(m) -> int:
        low = m.group(0).lower()
        if re.search(r"trước|chậm nhất|đến hết|xong", low):
            return 0
        if low.startswith("định kỳ"):
            return 1
        return 2

    best = min(phrases, key=lambda m: (strength(m), m.start()))
    return parse_deadline(best.group(0), year)


def _body_items(lines) -> list[list]:
    """Split body lines into dash-bullet items; lines before the first bullet stand alone."""
    items: list[list] = []
    for line in lines:
        if re.match(r"^\s*[-–•+]\s+", line.text) or not items:
            items.append([line])
        else:
            items[-1].append(line)
    return items


_OWNER_COLON = re.compile(r"^\s*(?:[-–+•]\s*|[a-zđ]\)\s*)(?P<owner>[^:]{3,120}?)\s*:\s*(?P<work>\S.*)$")


def owner_colon_tasks(doc: Document, year: int | None, ids: Ids, citations, taken: set[int]) -> list[Task]:
    """``- Văn phòng UBND xã: Tham mưu …`` / ``a) Sở Y tế: chủ trì …`` — an owner,
    a colon, the work.  Lines already used by another task are skipped."""
    tasks: list[Task] = []
    if not doc.sections:
        return tasks
    for line in doc.lines[doc.sections[0].first_line:body_end(doc)]:
        if line.index in taken:
            continue
        m = _OWNER_COLON.match(line.text)
        if not m:
            continue
        owner_text, work = m.group("owner").strip(), m.group("work").strip()
        body, _ = strip_trigger(owner_text)
        if not starts_with_owner_head(body) or owner_phrase_end(body) < len(body.rstrip(" .")) - 1:
            continue
        if re.search(r"phụ\s+trách|chủ\s+trì|phối\s+hợp|thời\s+gian|thời\s+hạn|nơi\s+nhận|kính\s+gửi", owner_text, re.I):
            continue                                    # labels of section tasks, not owners
        section = next((s for s in reversed(doc.sections) if s.first_line <= line.index <= s.last_line), None)
        ref = section.ref if section else None
        lead = owners(body, trim=False, capitalise=True)
        if not lead:
            continue
        support = [make_owner(sentence_case_first(x)) for x in _support_from_text(work)]
        tasks.append(Task(
            id=ids.make("prose", ref, line.index, work), ref=ref, group=group_of(doc, section) if section else None,
            group_title=None, description=sentence_case_first(work), lead=lead, support=support,
            deadline=_deadline_in(work, year), source={"kind": "prose", "page": line.page, "start": line.start, "end": line.end},
            citation_ids=cited(line.start, line.end, citations)))
    return tasks


def prose_tasks(doc: Document, year: int | None, ids: Ids, citations, claimed: set[int]) -> list[Task]:
    """Assignments written as sentences, in the body only: forms and templates
    appended after the signature are not the document's own assignments."""
    tasks: list[Task] = []
    end_of_body = body_end(doc)
    for si, section in enumerate(doc.sections):
        if si in claimed or section.style in ("letter", "part", "roman") or section.first_line >= end_of_body:
            continue
        lines = section_lines(doc, section)
        if not lines:
            continue
        title = section.title
        body_lines = [l for l in lines[1:] if not any(s.first_line == l.index for s in doc.sections)]
        # (a) the heading names the owner, the body says the work
        heading_body, trigger = strip_trigger(title)
        end = owner_phrase_end(heading_body)
        heading_is_owner = (starts_with_owner_head(heading_body) or trigger is not None) and \
            end >= len(heading_body.rstrip(" .:")) - 1 and len(heading_body) < 160 and body_lines
        if heading_is_owner:
            lead = owners(heading_body, trim=False, capitalise=True)
            if not lead:
                continue
            items = _body_items(body_lines)
            bullet_items = [it for it in items if re.match(r"^\s*[-–•+]\s+", it[0].text)]
            use_items = bullet_items if len(bullet_items) >= 2 else [body_lines]
            for n, item in enumerate(use_items, start=1):
                text = collapse_spaces(" ".join(l.text for l in item))
                desc = re.sub(r"^[-–•+]\s+", "", text)
                start, stop = item[0].start, item[-1].end
                support = [make_owner(sentence_case_first(s)) for s in _support_from_text(desc)]
                item_no = n if len(use_items) > 1 else None
                tasks.append(Task(
                    id=ids.make("prose", section.ref, item_no, desc), ref=section.ref, group=group_of(doc, section),
                    group_title=None, description=desc, lead=lead, support=support, deadline=_deadline_in(desc, year),
                    source={"kind": "prose", "page": item[0].page, "start": start, "end": stop},
                    citation_ids=cited(start, stop, citations), item=item_no))
            continue
        # (b) the item is a sentence that assigns work
        text = collapse_spaces(" ".join([title] + [l.text for l in body_lines]))
        owner, desc_at = _lead_from_sentence(title)
        if not owner:
            continue
        lead = owners(owner, trim=False, capitalise=True)
        if not lead:
            continue
        desc = text[desc_at:].strip(" ,") if desc_at < len(title) else text
        desc = re.sub(r"^(?:và\s+|[,:;]\s*)", "", desc)
        support = [make_owner(sentence_case_first(s)) for s in _support_from_text(text)]
        start, stop = lines[0].start, lines[-1].end
        tasks.append(Task(
            id=ids.make("prose", section.ref, None, text), ref=section.ref, group=group_of(doc, section), group_title=None,
            description=sentence_case_first(desc) if desc else text, lead=lead, support=support,
            deadline=_deadline_in(text, year), source={"kind": "prose", "page": lines[0].page, "start": start, "end": stop},
            citation_ids=cited(start, stop, citations)))
    return tasks

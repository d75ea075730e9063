"""Tasks from sections holding labelled lines — ``Phụ trách: …``,
``Phối hợp: …``, ``Thời gian thực hiện: …`` under a lettered item."""

from __future__ import annotations

import re

from vanban.pipeline.model import Document, Section
from vanban.pipeline.sections import match_label
from vanban.pipeline.textnorm import collapse_spaces

from ..deadlines import parse_deadline
from ..lexicon import load
from .common import LABEL_LINE, Ids, Task, cited, group_of, owners, section_lines

_LABELS = load("assignment_words")["line_labels"]
_DEADLINE_LABEL = re.compile(rf"^(?:{'|'.join(_LABELS['deadline'])})")


def label_slot(label: str) -> str | None:
    """The slot a lower-cased line label fills — "support" ("Phối hợp"), "lead" ("Phụ
    trách", "Đơn vị chủ trì"), "deadline" ("Thời gian thực hiện") — or None."""
    if any(word in label for word in _LABELS["support"]):
        return "support"
    if any(word in label for word in _LABELS["lead"]):
        return "lead"
    if _DEADLINE_LABEL.match(label):
        return "deadline"
    return None


def _task_section_of(doc: Document, index: int) -> int:
    """The nearest enclosing section that is not a lettered sub-item."""
    section = doc.sections[index]
    while section.style == "letter" and section.parent is not None:
        index = section.parent
        section = doc.sections[index]
    return index


def _section_title(doc: Document, section: Section) -> str:
    """Heading text, with its continuation line joined (``… mức độ`` / ``4:``).

    A continuation is a short line that is not itself a label, either bold like
    the heading, or following a heading that stops mid-phrase (no closing
    punctuation) — OCR has no bold, but the sentence shows it is unfinished.
    """
    title = section.title
    first = doc.lines[section.first_line]
    for line in doc.lines[section.first_line + 1:section.first_line + 3]:
        text = line.text.strip()
        unfinished = not title.rstrip().endswith((".", ":", ";", "?", "!"))
        if len(text) < 60 and match_label(text) is None and not text.startswith(("-", "+", "•")) \
                and ((first.bold and line.bold) or (unfinished and not LABEL_LINE.match(text) or text.endswith(":") and len(text) < 8)):
            title = f"{title} {text}"
        else:
            break
    return collapse_spaces(title).rstrip(" :")


def labelled_section_tasks(doc: Document, year: int | None, ids: Ids, citations) -> tuple[list[Task], set[int]]:
    found: dict[int, dict] = {}
    for si, section in enumerate(doc.sections):
        if section.style != "letter":
            continue
        for line in section_lines(doc, section):
            m = LABEL_LINE.match(line.text)
            candidates = [m] if m else []
            if line.index == section.first_line:
                mm = LABEL_LINE.match(section.title)
                candidates = [mm] if mm else []
            for m in candidates:
                label = m.group("label").lower()
                value = m.group("value").strip()
                slot = label_slot(label)
                if slot is None or not value:
                    continue
                owner = _task_section_of(doc, si)
                entry = found.setdefault(owner, {"lead": None, "support": None, "deadline": None})
                if entry[slot] is None:
                    entry[slot] = value
    tasks = []
    for si in sorted(found):
        entry = found[si]
        if entry["lead"] is None:
            continue
        section = doc.sections[si]
        desc = _section_title(doc, section)
        if not desc:                      # a bare "Điều 2." names no work: no task (the record would be invalid)
            continue
        deadline_text = entry["deadline"].rstrip(" .") if entry["deadline"] else None
        tasks.append(Task(
            id=ids.make("section", section.ref, None, desc), ref=section.ref, group=group_of(doc, section),
            group_title=None, description=desc, lead=owners(entry["lead"], trim=True),
            support=owners(entry["support"] or "", trim=True), deadline=parse_deadline(deadline_text, year),
            source={"kind": "section", "page": doc.lines[section.first_line].page, "start": section.start, "end": section.end},
            citation_ids=cited(section.start, section.end, citations)))
    claimed = set(found)
    for si in list(claimed):
        claimed.update(doc.sections[si].children)
    return tasks, claimed

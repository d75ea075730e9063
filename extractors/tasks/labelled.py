"""Tasks from sections holding labelled lines — ``Phụ trách: …``,
``Phối hợp: …``, ``Thời gian thực hiện: …`` under a lettered item."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from vanban.pipeline.model import Document, Section
from vanban.pipeline.sections import match_label
from vanban.pipeline.textnorm import collapse_spaces

from ..deadlines import parse_deadline
from ..lexicon import load
from ..spans import located, make_span
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


@dataclass
class _Value:
    """A label's value and where it was printed (``start`` None: not as such)."""
    text: str
    start: int | None
    page: int


def _value_start(line, read_from: str, m: re.Match) -> int | None:
    """Offset in the document of the value ``m`` read from ``read_from`` (the line, or the
    section title at its end)."""
    printed = line.text.rstrip()
    if not printed.endswith(read_from.rstrip()):
        return None
    base = line.start + len(printed) - len(read_from.rstrip())
    raw = m.group("value")
    return base + m.start("value") + len(raw) - len(raw.lstrip())


def _owners_of(value: _Value | None) -> list:
    """Owners a label names, each with the span of its printed text in the value."""
    if value is None:
        return []
    found = owners(value.text, trim=True)
    return found if value.start is None else located(found, value.text, value.start, lambda _: value.page)


def _deadline_of(value: _Value | None, text: str | None, year: int | None):
    """The deadline a "Thời gian: …" value sets, with the span of the value."""
    deadline = parse_deadline(text, year)
    if value is None or value.start is None or not text:
        return deadline
    return replace(deadline, span=make_span(value.text, 0, len(text), value.page, deadline.text, value.start))


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
            read_from = section.title if line.index == section.first_line else line.text
            for m in candidates:
                label = m.group("label").lower()
                value = m.group("value").strip()
                slot = label_slot(label)
                if slot is None or not value:
                    continue
                owner = _task_section_of(doc, si)
                entry = found.setdefault(owner, {"lead": None, "support": None, "deadline": None})
                if entry[slot] is None:
                    entry[slot] = _Value(value, _value_start(line, read_from, m), line.page)
    tasks = []
    for si in sorted(found):
        entry = found[si]
        if entry["lead"] is None:
            continue
        section = doc.sections[si]
        desc = _section_title(doc, section)
        if not desc:                      # a bare "Điều 2." names no work: no task (the record would be invalid)
            continue
        deadline_text = entry["deadline"].text.rstrip(" .") if entry["deadline"] else None
        tasks.append(Task(
            id=ids.make("section", section.ref, None, desc), ref=section.ref, group=group_of(doc, section),
            group_title=None, description=desc, lead=_owners_of(entry["lead"]),
            support=_owners_of(entry["support"]), deadline=_deadline_of(entry["deadline"], deadline_text, year),
            source={"kind": "section", "page": doc.lines[section.first_line].page, "start": section.start, "end": section.end},
            citation_ids=cited(section.start, section.end, citations)))
    claimed = set(found)
    for si in list(claimed):
        claimed.update(doc.sections[si].children)
    return tasks, claimed

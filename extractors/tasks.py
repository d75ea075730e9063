"""Tasks: every assigned piece of work, with lead, support and deadline.

Three sources, tried in this order, each leaving what it claimed to the next:

1. **tables** whose header names a task column and an owner or time column,
   whatever the wording (header keywords are data: ``_COLUMN_ROLES``), with
   group headings (``I``, ``II`` rows) carried onto their rows;
2. **sections** holding labelled lines — ``Phụ trách: …``, ``Phối hợp: …``,
   ``Thời gian thực hiện: …`` (seed 004);
3. **prose**: numbered items whose heading is an owner (``1. Sở Công Thương``,
   ``4. Đề nghị các ban ngành …``) or whose sentence assigns work (``Giao X …``,
   ``Đề nghị X …``, ``… giao cho X …``, ``X chủ trì, phối hợp với Y …``,
   ``Sở X có trách nhiệm …``).

Ids are stable: a hash of the document's identity, the source and the ref, so
re-parsing the same document gives the same ids.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from vanban.pipeline.model import Document, Section, Table
from vanban.pipeline.sections import match_label
from vanban.pipeline.textnorm import collapse_spaces, fold_diacritics, sentence_case_first

from .deadlines import Deadline, find_deadline_phrases, parse_deadline
from .owners import Owner, make_owner, owner_phrase_end, split_owner_list, starts_with_owner_head, strip_trigger

# Header keywords → column role; first match wins, so order matters.
_COLUMN_ROLES: list[tuple[str, tuple[str, ...]]] = [
    ("serial", ("stt", "số tt", "tt")),
    ("support", ("phối hợp",)),
    ("lead", ("chủ trì", "phụ trách", "thực hiện", "cơ quan thực hiện", "đơn vị thực hiện", "trách nhiệm")),
    ("deadline", ("thời gian", "thời hạn", "tiến độ", "thời điểm", "hoàn thành")),
    ("note", ("ghi chú",)),
    ("output", ("sản phẩm", "kết quả")),
    ("description", ("nội dung", "nhiệm vụ", "công việc", "tên", "hoạt động", "giải pháp", "chỉ tiêu")),
]
_LABEL_LINE = re.compile(r"^\s*(?:[-–•+]\s*|[a-zđ]\)\s*)?(?P<label>[^:\n]{2,60}?)\s*:\s*(?P<value>.*)$")
_CLOSING = re.compile(r"^\s*(?:Trên\s+đây\s+là|Nơi\s+nhận|PHỤ\s+LỤC|Phụ\s+lục\s+[IVX\d])", re.I)
_HANDLE_VERBS = re.compile(r"\s+(?:chủ\s+trì|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|là\s+cơ\s+quan\s+đầu\s+mối)\b", re.I)
_ASSIGNING = re.compile(r"\b(?:giao|yêu\s+cầu|đề\s+nghị|chỉ\s+đạo|phân\s+công)\s+(?:cho\s+)?", re.I)
_SUPPORT_IN_TEXT = re.compile(r"phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với|cùng)\s+", re.I)


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


def _column_roles(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, cell in enumerate(header):
        low = " ".join(cell.lower().split())
        for role, keys in _COLUMN_ROLES:
            if role in roles:
                continue
            if role == "serial" and low not in keys:
                continue
            if any(k in low for k in keys):
                roles[role] = i
                break
    return roles


def _two_row_header(table: Table, header_i: int, roles: dict[str, int]) -> tuple[int, dict[str, int]]:
    """A header over two rows ("Đơn vị thực hiện" above "Chủ trì | Phối hợp"):
    the second row names the columns the first one spans."""
    if header_i + 1 >= len(table.rows):
        return header_i, roles
    first = [c.text for c in table.rows[header_i].cells]
    second = [c.text for c in table.rows[header_i + 1].cells]
    serial = roles.get("serial")
    if serial is not None and serial < len(second) and second[serial].strip():
        return header_i, roles                       # a numbered data row, not a header
    if not any(re.search(r"chủ\s+trì|phối\s+hợp|phụ\s+trách|bắt\s+đầu|hoàn\s+thành", t, re.I) for t in second):
        return header_i, roles
    merged = [" ".join(x for x in (a, b) if x.strip()) if b.strip() else a for a, b in zip(first, second)]
    new_roles = _column_roles(merged)
    return (header_i + 1, new_roles) if _is_task_table(new_roles) else (header_i, roles)


def _infer_deadline_column(table: Table, header_i: int, roles: dict[str, int]) -> None:
    """A header cell lost to a scan or left blank: a column whose cells read as
    deadlines is the deadline column."""
    if "deadline" in roles:
        return
    taken = set(roles.values())
    width = len(table.rows[header_i].cells)
    for col in range(width):
        if col in taken:
            continue
        values = [r.cells[col].text for r in table.rows[header_i + 1:] if col < len(r.cells) and r.cells[col].text.strip()]
        if len(values) >= 2 and sum(parse_deadline(v).kind not in ("unspecified",) for v in values) >= 0.6 * len(values):
            roles["deadline"] = col
            return


def _is_task_table(roles: dict[str, int]) -> bool:
    return "description" in roles and ("lead" in roles or "deadline" in roles)


def _owners(text: str, trim: bool, capitalise: bool = False) -> list[Owner]:
    names = split_owner_list(text, trim_verb_phrase=trim)
    if capitalise:
        names = [sentence_case_first(n) for n in names]
    return [make_owner(n) for n in names]


def _cited(text_start: int, text_end: int, citations) -> list[str]:
    ids = []
    for c in citations:
        if any(text_start <= m.start < text_end for m in c.mentions):
            ids.append(c.id)
    return ids


class _Ids:
    def __init__(self, doc_key: str):
        self.doc_key = doc_key
        self.seen: dict[str, int] = {}

    def make(self, kind: str, ref: str | None, item: int | None, description: str) -> str:
        base = f"{self.doc_key}|{kind}|{ref}|{item}|{fold_diacritics(description)[:120]}"
        n = self.seen.get(base, 0)
        self.seen[base] = n + 1
        return "t" + hashlib.sha1(f"{base}|{n}".encode()).hexdigest()[:16]


def _table_tasks(doc: Document, table: Table, year: int | None, ids: _Ids, citations) -> list[Task]:
    if not table.rows:
        return []
    header_i = None
    roles: dict[str, int] = {}
    for i, row in enumerate(table.rows[:3]):
        roles = _column_roles([c.text for c in row.cells])
        if _is_task_table(roles):
            header_i = i
            break
    if header_i is None:
        return []
    header_i, roles = _two_row_header(table, header_i, roles)
    _infer_deadline_column(table, header_i, roles)
    tasks: list[Task] = []
    group = group_title = None
    for row in table.rows[header_i + 1:]:
        cells = row.cells

        def cell(role: str) -> str:
            i = roles.get(role)
            return cells[i].text if i is not None and i < len(cells) else ""

        serial = cell("serial").strip().rstrip(".")
        desc = cell("description").strip()
        others = [c.text for i, c in enumerate(cells) if i not in (roles.get("serial"), roles.get("description")) and c.text.strip()]
        if re.fullmatch(r"[IVXLC]+|[A-Z]", serial) and not others:
            group, group_title = serial, desc or None
            continue
        if not serial and desc and not others and desc.isupper():
            group, group_title = None, desc
            continue
        if not desc:
            continue
        d = cells[roles["description"]]
        tasks.append(Task(
            id=ids.make("table", serial, None, desc), ref=serial or None, group=group, group_title=group_title,
            description=desc, lead=_owners(cell("lead"), trim=False), support=_owners(cell("support"), trim=False),
            deadline=parse_deadline(cell("deadline") or None, year),
            source={"kind": "table", "table": table.index, "page": row.page, "start": row.start, "end": row.end},
            citation_ids=_cited(d.start, d.end, citations),
            output=cell("output").strip() or None, note=cell("note").strip() or None))
    return tasks


def _section_lines(doc: Document, section: Section) -> list:
    lines = []
    for line in doc.lines[section.first_line:section.last_line + 1]:
        if _CLOSING.match(line.text):
            break
        lines.append(line)
    return lines


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
                and ((first.bold and line.bold) or (unfinished and not _LABEL_LINE.match(text) or text.endswith(":") and len(text) < 8)):
            title = f"{title} {text}"
        else:
            break
    return collapse_spaces(title).rstrip(" :")


def _group_of(doc: Document, section: Section) -> str | None:
    parent = section.parent
    while parent is not None:
        if doc.sections[parent].style in ("roman", "part"):
            return doc.sections[parent].ref
        parent = doc.sections[parent].parent
    return None


def _labelled_section_tasks(doc: Document, year: int | None, ids: _Ids, citations) -> tuple[list[Task], set[int]]:
    found: dict[int, dict] = {}
    for si, section in enumerate(doc.sections):
        if section.style != "letter":
            continue
        for line in _section_lines(doc, section):
            m = _LABEL_LINE.match(line.text)
            candidates = [m] if m else []
            if line.index == section.first_line:
                mm = _LABEL_LINE.match(section.title)
                candidates = [mm] if mm else []
            for m in candidates:
                label = m.group("label").lower()
                value = m.group("value").strip()
                slot = None
                if "phối hợp" in label:
                    slot = "support"
                elif "phụ trách" in label or "chủ trì" in label:
                    slot = "lead"
                elif re.match(r"^(?:thời\s+gian|thời\s+hạn|tiến\s+độ|thời\s+điểm)", label):
                    slot = "deadline"
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
            id=ids.make("section", section.ref, None, desc), ref=section.ref, group=_group_of(doc, section),
            group_title=None, description=desc, lead=_owners(entry["lead"], trim=True),
            support=_owners(entry["support"] or "", trim=True), deadline=parse_deadline(deadline_text, year),
            source={"kind": "section", "page": doc.lines[section.first_line].page, "start": section.start, "end": section.end},
            citation_ids=_cited(section.start, section.end, citations)))
    claimed = set(found)
    for si in list(claimed):
        claimed.update(doc.sections[si].children)
    return tasks, claimed


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


def _owner_colon_tasks(doc: Document, year: int | None, ids: _Ids, citations, taken: set[int]) -> list[Task]:
    """``- Văn phòng UBND xã: Tham mưu …`` / ``a) Sở Y tế: chủ trì …`` — an owner,
    a colon, the work.  Lines already used by another task are skipped."""
    tasks: list[Task] = []
    if not doc.sections:
        return tasks
    for line in doc.lines[doc.sections[0].first_line:_body_end(doc)]:
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
        lead = _owners(body, trim=False, capitalise=True)
        if not lead:
            continue
        support = [make_owner(sentence_case_first(x)) for x in _support_from_text(work)]
        tasks.append(Task(
            id=ids.make("prose", ref, line.index, work), ref=ref, group=_group_of(doc, section) if section else None,
            group_title=None, description=sentence_case_first(work), lead=lead, support=support,
            deadline=_deadline_in(work, year), source={"kind": "prose", "page": line.page, "start": line.start, "end": line.end},
            citation_ids=_cited(line.start, line.end, citations)))
    return tasks


def _body_end(doc: Document) -> int:
    """Index of the line that closes the body ("Trên đây là…", "Nơi nhận")."""
    start = doc.sections[0].first_line if doc.sections else 0
    return next((l.index for l in doc.lines[start:] if _CLOSING.match(l.text)), len(doc.lines))


def _prose_tasks(doc: Document, year: int | None, ids: _Ids, citations, claimed: set[int]) -> list[Task]:
    """Assignments written as sentences, in the body only: forms and templates
    appended after the signature are not the document's own assignments."""
    tasks: list[Task] = []
    body_end = _body_end(doc)
    for si, section in enumerate(doc.sections):
        if si in claimed or section.style in ("letter", "part", "roman") or section.first_line >= body_end:
            continue
        lines = _section_lines(doc, section)
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
            lead = _owners(heading_body, trim=False, capitalise=True)
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
                    id=ids.make("prose", section.ref, item_no, desc), ref=section.ref, group=_group_of(doc, section),
                    group_title=None, description=desc, lead=lead, support=support, deadline=_deadline_in(desc, year),
                    source={"kind": "prose", "page": item[0].page, "start": start, "end": stop},
                    citation_ids=_cited(start, stop, citations), item=item_no))
            continue
        # (b) the item is a sentence that assigns work
        text = collapse_spaces(" ".join([title] + [l.text for l in body_lines]))
        owner, desc_at = _lead_from_sentence(title)
        if not owner:
            continue
        lead = _owners(owner, trim=False, capitalise=True)
        if not lead:
            continue
        desc = text[desc_at:].strip(" ,") if desc_at < len(title) else text
        desc = re.sub(r"^(?:và\s+|[,:;]\s*)", "", desc)
        support = [make_owner(sentence_case_first(s)) for s in _support_from_text(text)]
        start, stop = lines[0].start, lines[-1].end
        tasks.append(Task(
            id=ids.make("prose", section.ref, None, text), ref=section.ref, group=_group_of(doc, section), group_title=None,
            description=sentence_case_first(desc) if desc else text, lead=lead, support=support,
            deadline=_deadline_in(text, year), source={"kind": "prose", "page": lines[0].page, "start": start, "end": stop},
            citation_ids=_cited(start, stop, citations)))
    return tasks


def extract_tasks(doc: Document, year: int | None, doc_key: str, citations) -> list[Task]:
    ids = _Ids(doc_key)
    tasks: list[Task] = []
    for table in doc.tables:
        tasks.extend(_table_tasks(doc, table, year, ids, citations))
    section_tasks, claimed = _labelled_section_tasks(doc, year, ids, citations)
    tasks.extend(section_tasks)
    prose = _prose_tasks(doc, year, ids, citations, claimed)
    tasks.extend(prose)
    taken = {line.index for t in tasks if t.source["kind"] != "table"
             for line in doc.lines if t.source["start"] <= line.start <= t.source["end"]}
    for si in claimed:
        sec = doc.sections[si]
        taken.update(range(sec.first_line, sec.last_line + 1))
    tasks.extend(_owner_colon_tasks(doc, year, ids, citations, taken))
    return tasks

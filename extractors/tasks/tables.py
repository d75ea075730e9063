"""Tasks from tables, whatever the header's wording.

Real plans word their task tables many ways ("Nhiệm vụ | Sản phẩm | Thời gian
hoàn thành | Chủ trì | Phối hợp", "TT | Nhiệm vụ thực hiện | Người thực hiện",
"TT | Nội dung công việc | Thời gian | Đơn vị chủ trì/phối hợp").  Each header
cell gets one role from the whole cell, read as a Vietnamese noun phrase: its
head word comes first ("Nhiệm vụ thực hiện" is a task, "Người thực hiện" an
owner, "Tiến độ hiện tại" a status), so the keyword found *earliest* in the cell
decides, the longest one when several start there.  The keywords are data
(``extractors/data/column_roles.json``, read by :mod:`vanban.pipeline.column_roles`).

Rows: column-number rows "(1) (2) (3)" are skipped, group headings (``I``,
``II`` rows, capitalised or spanning rows) are carried onto the rows under
them, and a table without a task column but with a time column and a unit or
team column is a schedule (:mod:`.schedule`).
"""

from __future__ import annotations

import re

from vanban.pipeline.column_roles import column_roles, normalize_cell
from vanban.pipeline.model import Document, Table

from ..deadlines import located_deadline_in_text, parse_deadline
from ..lexicon import load
from ..owners import make_owner, starts_with_owner_head
from ..spans import located, make_span
from .common import Ids, Task, cited, owners

# a row numbering the columns under the header: "(1) (2) (3)", "1 2 3 4", "A B 1 2"
_COLUMN_NUMBER = re.compile(r"^\(?\s*(?:\d{1,2}|[A-Z])\s*\)?(?:\s*=\s*[\d()+\-x*/ ]+)?$")
_ROMAN_OR_LETTER = re.compile(r"[IVXLC]+|[A-Z]")
# sub-headers naming the half-day slots of a schedule ("Phòng ban đào tạo" over "Sáng | Chiều")
_SLOT_WORDS = re.compile(r"(?i)(?:buổi\s+)?(?:sáng|chiều|tối)")
_HEADER_TEXT_MAX = 80            # a header cell is a label, not a sentence
HEADER_SEARCH_ROWS = 6           # a sheet may put its title, "Kèm theo …" and a unit line above the header


def _cols(roles: dict[int, str], role: str) -> list[int]:
    return [i for i, r in roles.items() if r == role]


def _first(roles: dict[int, str], role: str) -> int | None:
    cols = _cols(roles, role)
    return cols[0] if cols else None


def is_task_table(roles: dict[int, str]) -> bool:
    values = set(roles.values())
    return "description" in values and bool(values & {"lead", "lead_support", "deadline"})


_SHORTEST_WORK = 12              # "Tổ trưởng", "Thành viên": a member's place, not a piece of work


_FIGURE = re.compile(r"^[\d.,%/ +-]+$")


def _names_work(table: Table, first_row: int, roles: dict[int, str]) -> bool:
    """The task column holds work, not a member list's places ("Họ và tên |
    Chức vụ | Nhiệm vụ: Tổ trưởng / Thành viên"), and no owner, status or
    unnamed column holds figures (a report's "Chỉ tiêu | Thực hiện 2025 | …")."""
    lengths = sorted(len(t) for t in _column_values(table, first_row, _first(roles, "description")))
    if lengths and lengths[len(lengths) // 2] < _SHORTEST_WORK:
        return False
    width = len(table.rows[first_row - 1].cells)
    figure_cols = [c for c in range(width) if roles.get(c) in (None, "status", "lead", "lead_support")]
    for col in figure_cols:                       # a budget or target column may hold figures in a plan
        values = [v.strip() for v in _column_values(table, first_row, col)]
        if values and sum(bool(_FIGURE.match(v)) for v in values) >= 0.6 * len(values):
            return False
    return True


def _label_row(cells: list[str]) -> bool:
    """Every cell a short label, as in a header row."""
    texts = [c for c in cells if c.strip()]
    return bool(texts) and all(len(c) <= _HEADER_TEXT_MAX for c in texts)


def _sub_header(table: Table, header_i: int, roles: dict[int, str]) -> tuple[int, dict[int, str]]:
    """A header over two rows ("Thời gian" above "Bắt đầu | Hoàn thành",
    "Đơn vị thực hiện" above "Chủ trì | Phối hợp"): a cell of the second row
    names its column; where it names nothing its parent's role stays."""
    if header_i + 1 >= len(table.rows):
        return header_i, roles
    second = [c.text for c in table.rows[header_i + 1].cells]
    serial = _first(roles, "serial")
    first = [c.text for c in table.rows[header_i].cells]
    if serial is not None and serial < len(second) and second[serial].strip() \
            and second[serial].strip() != first[serial].strip():
        return header_i, roles                       # a numbered data row, not a header (a merged "STT" repeats)
    filled = [c.strip() for c in second if c.strip()]
    if not _label_row(second) or is_column_number_row(second) or (len(filled) > 1 and len(set(filled)) == 1):
        return header_i, roles                       # data, column numbers, or a heading spanning the row
    sub = column_roles(second)
    if not sub and not any(_SLOT_WORDS.fullmatch(c.strip()) for c in second):
        return header_i, roles
    merged = dict(roles)
    merged.update(sub)
    return header_i + 1, merged


def is_column_number_row(cells: list[str]) -> bool:
    """"(1) (2) (3)" or "1 2 3" under the header numbers the columns."""
    texts = [c.strip() for c in cells if c.strip()]
    return len(texts) >= 2 and all(_COLUMN_NUMBER.match(t) for t in texts)


def _infer_deadline_column(table: Table, first_row: int, roles: dict[int, str]) -> None:
    """A header cell lost to a scan or left blank: a column whose cells read as
    deadlines is the deadline column."""
    if "deadline" in roles.values():
        return
    width = len(table.rows[first_row - 1].cells) if first_row else 0
    for col in range(width):
        if col in roles:
            continue
        values = _column_values(table, first_row, col)
        if len(values) >= 2 and sum(parse_deadline(v).kind != "unspecified" for v in values) >= 0.6 * len(values):
            roles[col] = "deadline"
            return


def _infer_description_column(table: Table, first_row: int, roles: dict[int, str]) -> None:
    """A task column whose header the scan garbled ("=3 n sẽ" for "Nội dung
    công việc"): beside a numbered column and an owner or time column, the
    unnamed column holding the longest texts is the task column."""
    values = set(roles.values())
    if "description" in values or "serial" not in values or not values & {"lead", "lead_support", "deadline"}:
        return
    width = len(table.rows[first_row - 1].cells)
    best, best_len = None, 20.0
    for col in range(width):
        if col in roles:
            continue
        texts = _column_values(table, first_row, col)
        if len(texts) < 2:
            continue
        mean = sum(len(t) for t in texts) / len(texts)
        if mean > best_len and sum(parse_deadline(t).kind != "unspecified" for t in texts) < 0.5 * len(texts):
            best, best_len = col, mean
    if best is not None:
        roles[best] = "description"


def _column_values(table: Table, first_row: int, col: int) -> list[str]:
    return [r.cells[col].text for r in table.rows[first_row:] if col < len(r.cells) and r.cells[col].text.strip()]


def find_header(table: Table) -> tuple[int, dict[int, str]] | None:
    """(index of the last header row, column roles), for a task table or a schedule."""
    from .schedule import is_schedule
    for i, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        cells = [c.text for c in row.cells]
        if not _label_row(cells):
            continue
        roles = column_roles(cells)
        if not roles:
            continue
        last, roles = _sub_header(table, i, roles)
        _infer_description_column(table, last + 1, roles)
        if (is_task_table(roles) and _names_work(table, last + 1, roles)) or is_schedule(roles):
            _infer_deadline_column(table, last + 1, roles)
            return last, roles
    return None


def table_owners(text: str) -> list:
    """Owners of a table cell.  A cell separates its owners by ``;`` or lines;
    a comma piece that does not open with an owner noun ("…, thương mại và du
    lịch tỉnh") is the rest of the name before it, not an owner of its own."""
    found = owners(text, trim=False)
    merged: list = []
    for o in found:
        piece = o.text.strip()
        if merged and piece[:1].islower() and not starts_with_owner_head(piece) \
                and re.search(re.escape(merged[-1].text) + r"\s*,\s*" + re.escape(piece), text):
            merged[-1] = make_owner(f"{merged[-1].text}, {piece}")
        else:
            merged.append(o)
    return merged


def repeats_header(cells, header_cells) -> bool:
    """A header printed again over a page break that no repair removed."""
    return [normalize_cell(c.text) for c in cells] == [normalize_cell(c.text) for c in header_cells]


def _group_heading(cells, roles: dict[int, str], next_serial: str = "") -> tuple[str | None, str | None] | None:
    """(group label, title) when the row heads a group of rows, else None: a
    Roman or letter number, a row spanning the table, a capitalised title alone,
    or a numbered title alone whose next row numbers under it ("1" then "1.1")."""
    serial_col, desc_col = _first(roles, "serial"), _first(roles, "description")
    texts = [c.text.strip() for c in cells]
    serial = texts[serial_col].rstrip(".") if serial_col is not None and serial_col < len(texts) else ""
    desc = texts[desc_col] if desc_col is not None and desc_col < len(texts) else ""
    others = [t for i, t in enumerate(texts) if i not in (serial_col, desc_col) and t]
    if _ROMAN_OR_LETTER.fullmatch(serial) and not others:
        return serial, desc or None
    if serial and not others and next_serial.startswith(serial + "."):
        return serial, desc or None
    filled = [t for t in texts if t]
    if len(filled) >= 2 and len(set(filled)) == 1 and len(texts) > 2:      # one cell spanning the row
        return _split_label(filled[0])
    if len(filled) == 1 and not desc and len(texts) > 2 and len(filled[0]) > 8:   # spanning, text in its first column
        return _split_label(filled[0])
    if not serial and desc and not others and desc.isupper():
        label, title = _split_label(desc)
        return label, title
    return None


def _split_label(text: str) -> tuple[str | None, str]:
    m = re.match(r"^\s*([IVXLC]+|[A-Z]|\d{1,2})[.)]\s+(.*)$", text)
    return (m.group(1), m.group(2).strip()) if m else (None, text.strip())


# one owner cell telling lead and collaborators apart in words:
# "Chủ trì: Sở Nội vụ; Phối hợp: các sở, ngành" or "Sở Nội vụ chủ trì, phối hợp với các sở, ngành"
_LEAD = load("assignment_words")["lead_word"]          # "chủ trì", the space optional
_SUPPORT = load("assignment_words")["support_word"]    # "phối hợp"
_CELL_LABELS = re.compile(rf"(?i)(?:^|[\n;.]\s*|\s)[-–+•]?\s*({_LEAD}|{_SUPPORT})\s*:\s*")
_CELL_SENTENCE = re.compile(rf"(?is)^(?P<lead>.+?)\s+{_LEAD}\s*[,;]?\s*(?:và\s+)?{_SUPPORT}(?:\s+(?:với|cùng))?\s+(?P<support>.+)$")
_CELL_MARKED = re.compile(rf"(?i)(?P<name>[^;,()]+?)\s*\((?P<role>{_LEAD}|{_SUPPORT})\)")
_CELL_LEAD_ONLY = re.compile(rf"(?is)^(?P<lead>.+?)\s*[(,-]?\s*{_LEAD}\s*\)?[.;]?$")


def split_owner_cell(text: str) -> tuple[str, str] | None:
    """(lead text, support text) when one cell names both in words, else None:
    labels ("Chủ trì: …; Phối hợp: …"), a sentence ("X chủ trì, phối hợp với Y")
    or marks after each name ("Sở Nội vụ (chủ trì); Sở Tư pháp (phối hợp)")."""
    marked = list(_CELL_MARKED.finditer(text))
    if marked:
        lead = [m.group("name").strip(" -–") for m in marked if "tr" in m.group("role").lower()]
        support = [m.group("name").strip(" -–") for m in marked if "tr" not in m.group("role").lower()]
        return "; ".join(lead), "; ".join(support)
    labels = list(_CELL_LABELS.finditer(text))
    if labels:
        parts = {"lead": "", "support": ""}
        for k, m in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
            slot = "lead" if "tr" in m.group(1).lower() else "support"
            parts[slot] = f"{parts[slot]}; {text[m.end():end]}".strip(" ;")
        return parts["lead"], parts["support"]
    m = _CELL_SENTENCE.match(text.strip())
    if m:
        return m.group("lead"), m.group("support")
    m = _CELL_LEAD_ONLY.match(text.strip())
    return (m.group("lead"), "") if m else None


def _owner_cell(text: str, both: bool) -> tuple[list, list]:
    """Owners of one owner cell: (lead, support).  A lead-and-support column
    ("Chủ trì/phối hợp") names its lead first."""
    split = split_owner_cell(text)
    if split is not None:
        return table_owners(split[0]), table_owners(split[1])
    found = table_owners(text)
    return (found[:1], found[1:]) if both else (found, [])


def _lead_and_support(cells, roles: dict[int, str], group_title: str | None = None, group_row=None) -> tuple[list, list]:
    """Owners of a row, each with the span of its printed text in its cell (owners taken
    from a group heading point at the heading row)."""
    lead, support = [], []
    for col in _cols(roles, "lead") + _cols(roles, "lead_support"):
        got_lead, got_support = _owner_cell(_text(cells, col), roles[col] == "lead_support")
        lead += in_cell(got_lead, cells, col)
        support += in_cell(got_support, cells, col)
    for col in _cols(roles, "support"):
        support += in_cell(table_owners(_text(cells, col)), cells, col)
    if not set(roles.values()) & {"lead", "lead_support"}:
        for col in _cols(roles, "team"):            # a programme's "Thành phần", a trainer: who does the row
            lead += in_cell(table_owners(_text(cells, col)), cells, col)
        if not lead and group_title and starts_with_owner_head(group_title):
            lead = table_owners(group_title)        # rows grouped under the body that does them
            if group_row is not None:
                lead = located(lead, "\t".join(c.text for c in group_row.cells), group_row.start, lambda _: group_row.page)
    return lead, support


def in_cell(found: list, cells, col: int | None) -> list:
    """Owners read from the cell ``col`` of a row, with the spans of their printed text (a
    cell's text is the record's text at the cell's offsets)."""
    if col is None or col >= len(cells) or not found:
        return found
    cell = cells[col]
    return located(found, cell.text, cell.start, lambda _: cell.page)


def _text(cells, col: int | None) -> str:
    return cells[col].text if col is not None and col < len(cells) else ""


def _spanned(deadline, cells, col: int | None, at: tuple[int, int] | None):
    """``deadline`` with the span of its printed text, ``at`` offsets inside the cell ``col``."""
    from dataclasses import replace
    if col is None or col >= len(cells) or at is None:
        return deadline
    cell = cells[col]
    return replace(deadline, span=make_span(cell.text, at[0], at[1], cell.page, deadline.text, cell.start))


def _deadline(cells, roles: dict[int, str], year: int | None):
    """From the time column(s); a table without one may date a row in its task
    text ("… hoàn thành trước ngày 30/6/2026").  The deadline carries the span of
    its cell, or of its phrase in the task cell; one put together from a start and
    an end column is printed nowhere as such and has none."""
    from dataclasses import replace
    if not set(roles.values()) & {"deadline", "start"}:
        desc_col = _first(roles, "description")
        deadline, at = located_deadline_in_text(_text(cells, desc_col), year)
        return _spanned(deadline, cells, desc_col, at)
    time_col = _first(roles, "deadline")
    deadline = parse_deadline(_text(cells, time_col) or None, year)
    deadline = _spanned(deadline, cells, time_col, (0, len(_text(cells, time_col))))
    start_text = _text(cells, _first(roles, "start")).strip()
    if start_text:
        start = parse_deadline(start_text, year)
        first = start.start or start.end
        if first and (deadline.end or deadline.text is None):
            text = f"{start_text} - {deadline.text}" if deadline.text else start_text
            kind = "period" if deadline.end else start.kind
            deadline = replace(deadline, text=text, start=first, kind=kind,
                               end=deadline.end if deadline.end else start.end, span=None)
    return deadline


def table_tasks(doc: Document, table: Table, year: int | None, ids: Ids, citations) -> list[Task]:
    """Tasks of one table: a task table's rows, or a schedule's slots."""
    if not table.rows:
        return []
    found = find_header(table)
    if found is None:
        return []
    header_i, roles = found
    if not is_task_table(roles):
        from .schedule import schedule_tasks
        return schedule_tasks(doc, table, header_i, roles, year, ids, citations)
    return _task_rows(table, header_i, roles, year, ids, citations)


def _task_rows(table: Table, header_i: int, roles: dict[int, str], year, ids: Ids, citations) -> list[Task]:
    tasks: list[Task] = []
    group = group_title = group_row = None
    serial_col, desc_col = _first(roles, "serial"), _first(roles, "description")
    body = table.rows[header_i + 1:]
    for k, row in enumerate(body):
        cells = row.cells
        if is_column_number_row([c.text for c in cells]) or repeats_header(cells, table.rows[header_i].cells):
            continue
        following = _text(body[k + 1].cells, serial_col).strip() if k + 1 < len(body) else ""
        heading = _group_heading(cells, roles, following)
        if heading is not None:
            group, group_title = heading
            group_row = row
            continue
        serial = _text(cells, serial_col).strip().rstrip(".")
        if group and group.isdigit() and serial and not serial.startswith(group + "."):
            group = group_title = group_row = None    # past the rows numbered under "1"
        desc = _text(cells, desc_col).strip()
        if not desc:
            continue
        lead, support = _lead_and_support(cells, roles, group_title, group_row)
        d = cells[desc_col]
        tasks.append(Task(
            id=ids.make("table", serial, None, desc), ref=serial or None, group=group, group_title=group_title,
            description=desc, lead=lead, support=support, deadline=_deadline(cells, roles, year),
            source={"kind": "table", "table": table.index, "page": row.page, "start": row.start, "end": row.end},
            citation_ids=cited(d.start, d.end, citations),
            output=_text(cells, _first(roles, "output")).strip() or None,
            note=_text(cells, _first(roles, "note")).strip() or None))
    return tasks

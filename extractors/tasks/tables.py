"""Tasks from tables whose header names a task column and an owner or time column,
whatever the wording (header keywords are data: ``COLUMN_ROLES``), with group
headings (``I``, ``II`` rows) carried onto their rows."""

from __future__ import annotations

import re

from vanban.pipeline.model import Document, Table

from ..deadlines import parse_deadline
from .common import Ids, Task, cited, owners

# Header keywords → column role; first match wins, so order matters.
COLUMN_ROLES: list[tuple[str, tuple[str, ...]]] = [
    ("serial", ("stt", "số tt", "tt")),
    ("support", ("phối hợp",)),
    ("lead", ("chủ trì", "phụ trách", "thực hiện", "cơ quan thực hiện", "đơn vị thực hiện", "trách nhiệm")),
    ("deadline", ("thời gian", "thời hạn", "tiến độ", "thời điểm", "hoàn thành")),
    ("note", ("ghi chú",)),
    ("output", ("sản phẩm", "kết quả")),
    ("description", ("nội dung", "nhiệm vụ", "công việc", "tên", "hoạt động", "giải pháp", "chỉ tiêu")),
]

def _column_roles(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, cell in enumerate(header):
        low = " ".join(cell.lower().split())
        for role, keys in COLUMN_ROLES:
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


def table_tasks(doc: Document, table: Table, year: int | None, ids: Ids, citations) -> list[Task]:
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
            description=desc, lead=owners(cell("lead"), trim=False), support=owners(cell("support"), trim=False),
            deadline=parse_deadline(cell("deadline") or None, year),
            source={"kind": "table", "table": table.index, "page": row.page, "start": row.start, "end": row.end},
            citation_ids=cited(d.start, d.end, citations),
            output=cell("output").strip() or None, note=cell("note").strip() or None))
    return tasks

"""Tasks from schedule tables of inspection and training plans.

A *kế hoạch kiểm tra* or a training plan schedules its work in a table without
a task column: each row gives a date or time, the unit inspected or trained
(or the half-day slots "Sáng | Chiều" a unit is given), perhaps a place and
the team or trainer.  Each row is one dated task; what the work is comes from
the item the table sits in ("c) Đào tạo lý thuyết … cho các phòng ban …"), so
the description is that heading followed by the row's units.  The owner is the
team when the table names one (an inspection team, the "Thành phần" of a
session) and otherwise the party the slot is scheduled for — the units trained,
as the training plans' own assignments read; a trainer is named in the
description, not made the owner.
"""

from __future__ import annotations

import re

from vanban.pipeline.model import Document, Section, Table

from ..deadlines import parse_deadline
from .common import Ids, Task, cited
from .tables import (_deadline, _first, _group_heading, _text, in_cell, is_column_number_row, repeats_header,
                     table_owners)

WHO_ROLES = ("team", "lead", "lead_support", "unit")
WHEN_ROLES = ("deadline", "start")
_PLACE_LABEL = re.compile(r"^\s*[-–+•]?\s*Địa\s+điểm\s*:\s*(?P<place>.+)$", re.I)


def is_schedule(roles: dict[int, str]) -> bool:
    """A time column and a unit, team or place column, but no task column."""
    values = set(roles.values())
    return "description" not in values and bool(values & set(WHEN_ROLES)) \
        and bool(values & {*WHO_ROLES, "place", "trainer"})


def _enclosing_section(doc: Document, table: Table) -> Section | None:
    """The innermost numbered item the table sits in."""
    before = [l.index for l in doc.lines if l.end <= table.start]
    if not before:
        return None
    at = before[-1]
    inside = [s for s in doc.sections if s.first_line <= at <= s.last_line]
    return max(inside, key=lambda s: (s.level, s.first_line)) if inside else None


def _context(doc: Document, table: Table) -> tuple[str | None, str, str | None]:
    """(ref, heading, place) of the item the table belongs to."""
    section = _enclosing_section(doc, table)
    if section is None:
        before = [l for l in doc.lines if l.end <= table.start and l.text.strip()]
        heading = before[-1].text if before else "Lịch thực hiện"
        return None, heading.strip().rstrip(":").strip(), None
    place = None
    for line in doc.lines[section.first_line:section.last_line + 1]:
        m = _PLACE_LABEL.match(line.text)
        if m:
            place = m.group("place").strip().rstrip(".;")
    heading = (section.title or "").strip().rstrip(":").strip() or "Lịch thực hiện"
    return section.ref, heading, place


def _slot_labels(table: Table, header_i: int, roles: dict[int, str]) -> dict[int, str]:
    """The sub-header of a unit column ("Sáng", "Chiều") labels that slot."""
    if header_i == 0:
        return {}
    top = table.rows[header_i - 1].cells
    sub = table.rows[header_i].cells
    labels = {}
    for col, role in roles.items():
        if role in ("unit", "team", "place") and col < len(sub) and sub[col].text.strip() \
                and col < len(top) and top[col].text.strip() != sub[col].text.strip():
            labels[col] = sub[col].text.strip()
    return labels


_NUMBER = re.compile(r"^[\d.,%/ +-]+$")


def reads_as_schedule(table: Table, header_i: int, roles: dict[int, str], year) -> bool:
    """Its rows are slots: most time cells give a date, and no column holds
    figures (a statistics table "Thời điểm | Đơn vị | Số hộ" is not a schedule)."""
    rows = table.rows[header_i + 1:]
    time_col = _first(roles, "deadline")
    if time_col is None:
        time_col = _first(roles, "start")
    times = [_text(r.cells, time_col) for r in rows if _text(r.cells, time_col).strip()]
    if not times:
        return False
    dated = sum(bool(parse_deadline(t, year).end or parse_deadline(t, year).start) for t in times)
    if dated < 0.6 * len(times):
        return False
    width = max(len(r.cells) for r in rows) if rows else 0
    for col in range(width):
        if col in roles:
            continue
        values = [_text(r.cells, col).strip() for r in rows if _text(r.cells, col).strip()]
        if values and sum(bool(_NUMBER.match(v)) for v in values) >= 0.6 * len(values):
            return False
    return True


def schedule_tasks(doc: Document, table: Table, header_i: int, roles: dict[int, str], year, ids: Ids,
                   citations) -> list[Task]:
    if not reads_as_schedule(table, header_i, roles, year):
        return []
    ref, heading, place = _context(doc, table)
    labels = _slot_labels(table, header_i, roles)
    who_cols = [c for c, r in sorted(roles.items()) if r == "team"] or \
               [c for c, r in sorted(roles.items()) if r in ("lead", "lead_support", "unit")]
    shown_cols = [c for c, r in sorted(roles.items())
                  if r in ("unit", "team", "lead", "lead_support", "place", "trainer")]
    time_col = _first(roles, "deadline")
    if time_col is None:
        time_col = _first(roles, "start")
    tasks: list[Task] = []
    for n, row in enumerate(table.rows[header_i + 1:], start=1):
        cells = row.cells
        if is_column_number_row([c.text for c in cells]) or _group_heading(cells, roles) is not None \
                or any(repeats_header(cells, table.rows[i].cells) for i in range(header_i + 1)):
            continue
        when = _text(cells, time_col).strip()
        parts = [f"{labels[c]} {_text(cells, c).strip()}" if c in labels else _text(cells, c).strip()
                 for c in shown_cols if _text(cells, c).strip()]
        if not when or not parts:
            continue
        lead = [o for c in who_cols for o in in_cell(table_owners(_text(cells, c)), cells, c)]
        description = f"{heading}: {'; '.join(parts)}"
        first = cells[time_col]
        tasks.append(Task(
            id=ids.make("schedule", ref, n, description), ref=ref, group=None, group_title=None,
            description=description, lead=lead, support=[], deadline=_deadline(cells, roles, year),
            source={"kind": "table", "table": table.index, "page": row.page, "start": row.start, "end": row.end},
            citation_ids=cited(first.start, row.end, citations), item=n,
            note=f"Địa điểm: {place}" if place and _first(roles, "place") is None else None))
    return tasks

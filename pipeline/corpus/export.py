"""Export tasks to the tools an office already uses.

* CSV (UTF-8 with BOM, so Excel shows Vietnamese) with English or Vietnamese
  column headers;
* XLSX a tracker can use: dates as date cells, fitted column widths, a frozen
  header row and an autofilter over the data;
* JSONL, one task per line, valid against ``schemas/task.schema.json``;
* iCalendar VTODO items (the ``icalendar`` library writes the escaping and line
  folding): DUE from the deadline's end, DTSTART from its start, RRULE for
  recurring ones, UID from the stable task id so a re-import updates instead of
  duplicating.

A deadline that sets several milestones ("sơ kết trước 30/6 và tổng kết trước
15/12") is exported as such: CSV/XLSX list them in one column (``milestones``),
iCalendar gives each its own VTODO (UID ``<task id>-m<n>``), so a calendar shows
every date a task must meet.

Text from a document never becomes a spreadsheet formula (formula or "CSV"
injection, OWASP): a text cell that starts with a character a spreadsheet reads
as the start of a formula is neutralised — in CSV by a leading ``'``, in XLSX by
being written as a string cell with Excel's quote prefix, so its visible text
is the document's own.

``EXPORTERS`` is the one registry of formats: the CLI's ``--format`` choices,
the web app's download links, MIME types and file names all come from it.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..output import write_bytes_atomic

COLUMNS = [
    ("id", "Mã nhiệm vụ"), ("document", "Văn bản"), ("issuer", "Cơ quan ban hành"), ("issued_date", "Ngày ban hành"),
    ("ref", "STT"), ("group", "Nhóm"), ("description", "Nội dung công việc"), ("lead", "Chủ trì"),
    ("support", "Phối hợp"), ("deadline", "Thời gian hoàn thành"), ("deadline_start", "Bắt đầu"),
    ("deadline_end", "Hạn"), ("deadline_kind", "Loại thời hạn"), ("recurrence", "Lặp lại"),
    ("milestones", "Các mốc thời hạn"), ("source", "Nguồn"),
]
DATE_COLUMNS = ("issued_date", "deadline_start", "deadline_end")

# A cell whose text starts with one of these is read as a formula by Excel or
# LibreOffice (OWASP "CSV injection": = + - @, tab, carriage return; the
# full-width forms are included because spreadsheets normalise them).  A
# description that opens with a dash bullet ("- Tuyên truyền …") is text and
# gets the prefix too: "-" followed by words is harmless, but "-1+2" or
# "-HYPERLINK(…)" is not, and telling them apart is what an attacker exploits.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
XLSX_DATE_FORMAT = "dd/mm/yyyy"           # how Vietnamese offices write dates
XLSX_MAX_WIDTH = 60                       # characters; longer text wraps
XLSX_SHEET = "Nhiệm vụ"


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def csv_safe(value):
    """A CSV cell a spreadsheet cannot run: text that starts like a formula gets
    a leading ``'`` (OWASP); dates, numbers and empty cells are left as they are."""
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value


def milestone_label(m: dict) -> str:
    """One milestone in a cell: its words and its dates ("tổng kết trước 15/12 (→ 2025-12-15)")."""
    when = " → ".join(x for x in (m.get("start"), m.get("end")) if x) or m.get("recurrence") or m.get("kind") or ""
    return f"{m.get('text') or '-'} ({when})" if when else (m.get("text") or "-")


def milestones_cell(deadline: dict) -> str | None:
    """Every milestone of a deadline in one cell, separated by " | "; None when it has one date."""
    found = deadline.get("milestones") or []
    return " | ".join(milestone_label(m) for m in found) or None


def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def _rows(tasks: list[dict]) -> list[dict]:
    """One row per task, dates as ``datetime.date`` (each format writes them its own way)."""
    rows = []
    for t in tasks:
        d, dl = t["document"], t["deadline"]
        rows.append({
            "id": t["id"], "document": d["number"] or d["title"] or d["path"], "issuer": d["issuer"],
            "issued_date": _date(d["issued_date"]), "ref": t["ref"], "group": t["group"], "description": t["description"],
            "lead": "; ".join(t["lead"]), "support": "; ".join(t["support"]), "deadline": dl["text"],
            "deadline_start": _date(dl["start"]), "deadline_end": _date(dl["end"]), "deadline_kind": dl["kind"],
            "recurrence": dl["recurrence"], "milestones": milestones_cell(dl), "source": f"{t['source']['kind']}, p.{t['source']['page']}",
        })
    return rows


def task_table(tasks: list[dict]):
    """The tasks as a pandas ``DataFrame``, one row per task and one column per
    ``COLUMNS`` entry (dates as ``datetime.date``): the table CSV and XLSX are
    written from, and what an analyst filters, groups and pivots in a notebook
    (``task_table(corpus_tasks)`` — by owner, by deadline month, by issuer)."""
    import pandas as pd
    return pd.DataFrame(_rows(tasks), columns=[name for name, _ in COLUMNS])


def _headers(vietnamese_headers: bool) -> list[str]:
    return [vi if vietnamese_headers else en for en, vi in COLUMNS]


def _csv_cell(value):
    return csv_safe(value.isoformat() if isinstance(value, dt.date) else value)


def render_csv(tasks: list[dict], vietnamese_headers: bool = False) -> bytes:
    """UTF-8 with BOM; dates ISO; formula-like text prefixed with ``'``."""
    table = task_table(tasks).astype(object).map(_csv_cell)
    table.columns = _headers(vietnamese_headers)
    buf = io.StringIO()
    table.to_csv(buf, index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue().encode("utf-8-sig")


def xml_safe(text: str) -> str:
    """Control characters XML 1.0 cannot hold (a stray \\x0b from a Word line break,
    \\x0c from a page break) become spaces; openpyxl would refuse the whole file."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    return ILLEGAL_CHARACTERS_RE.sub(" ", text)


def _xlsx_cell(ws, row: int, col: int, value):
    """Write one cell: dates as dates, text always as a string cell (never a formula)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = XLSX_DATE_FORMAT
    elif isinstance(value, str):
        value = xml_safe(value)
        cell.value = value
        cell.data_type = "s"                   # openpyxl makes "=…" a formula; text stays text
        if starts_like_formula(value):
            cell.quotePrefix = True            # Excel's own "'": editing the cell keeps it text
    else:
        cell.value = value
    return cell


def _fit_widths(ws, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = min(width + 2, XLSX_MAX_WIDTH)


def _cell_width(value) -> int:
    if isinstance(value, dt.date):
        return len(XLSX_DATE_FORMAT)
    return max((len(line) for line in str(value).splitlines()), default=0) if value is not None else 0


def render_xlsx(tasks: list[dict], vietnamese_headers: bool = False) -> bytes:
    """A sheet a tracker can use: date cells, fitted (capped) widths, long text
    wrapped, the header row frozen and an autofilter over the data."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    wb = Workbook()
    ws = wb.active
    ws.title = XLSX_SHEET
    headers = _headers(vietnamese_headers)
    widths = [len(h) for h in headers]
    for col, header in enumerate(headers, 1):
        _xlsx_cell(ws, 1, col, header).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    table = task_table(tasks).astype(object)
    for r, row in enumerate(table.itertuples(index=False), 2):
        for col, value in enumerate(row, 1):
            value = None if value is None or value != value else value      # pandas' NaN: an empty cell
            cell = _xlsx_cell(ws, r, col, value)
            widths[col - 1] = max(widths[col - 1], _cell_width(value))
            if _cell_width(value) > XLSX_MAX_WIDTH:
                cell.alignment = wrap
    _fit_widths(ws, widths)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def task_record(t: dict) -> dict:
    """One JSONL record: the task as extracted, with its document's identity."""
    return {k: t[k] for k in ("id", "ref", "group", "description", "lead", "support", "owners", "deadline",
                              "source", "citation_ids")} | {"document": t["document"]}


def render_jsonl(tasks: list[dict], vietnamese_headers: bool = False) -> bytes:
    return "".join(json.dumps(task_record(t), ensure_ascii=False) + "\n" for t in tasks).encode("utf-8")


# --- iCalendar ------------------------------------------------------------------------------------
def plan_period_start(document: dict) -> dt.date | None:
    """The first day of the period a plan's title names ("… năm 2022 và những năm
    tiếp theo" → 2022-01-01, "giai đoạn 2021-2025" → 2021-01-01), if it names one."""
    from vanban.extractors.deadlines import parse_deadline
    if not document.get("title"):
        return None
    found = parse_deadline(document["title"])
    return _date(found.start) if found.kind == "period" and found.start else None


def recurrence_anchor(dl: dict, document: dict) -> dt.date | None:
    """The day a recurring task's cycle counts from: its own start, else the
    plan's period, else the document's issue date; None when none is known."""
    return _date(dl.get("start")) or plan_period_start(document) or _date(document.get("issued_date"))


def first_occurrence(rule: str, anchor: dt.date) -> dt.date:
    """The rule's first day on or after ``anchor``, so DTSTART is itself an
    occurrence (RFC 5545 §3.8.5.3: DTSTART SHOULD be synchronised with the RRULE);
    ``anchor`` itself when the rule yields nothing."""
    from dateutil.rrule import rrulestr
    try:
        hit = rrulestr(rule, dtstart=dt.datetime.combine(anchor, dt.time())).after(
            dt.datetime.combine(anchor, dt.time()), inc=True)
    except (ValueError, TypeError):
        return anchor
    return hit.date() if hit else anchor


def _todo(t: dict, dl: dict, uid: str, stamp: dt.datetime, label: str = ""):
    """One VTODO: the task's words and owners, and the dates of one deadline (or milestone).

    A recurring deadline gets a DTSTART (RFC 5545: an RRULE needs one) from
    ``recurrence_anchor``; when nothing gives one, the VTODO is written without
    its RRULE (a plain, undated to-do is valid everywhere) and the cycle is said
    in words in DESCRIPTION ("Lặp lại: …")."""
    from icalendar import Todo, vRecur
    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", stamp)
    summary = t["description"] if len(t["description"]) <= 120 else t["description"][:117] + "…"
    todo.add("summary", f"{label}{summary}")
    doc = t["document"]
    start, due, rule = _date(dl.get("start")), _date(dl.get("end")), dl.get("recurrence")
    if rule and not start:
        anchor = recurrence_anchor(dl, doc)
        start = first_occurrence(rule, anchor) if anchor else None
        if start and due and start >= due:
            start, due = due, None             # DUE must come after DTSTART: the due day is the occurrence
    lines = [t["description"], "",
             f"Chủ trì: {'; '.join(t['lead']) or '-'}", f"Phối hợp: {'; '.join(t['support']) or '-'}",
             f"Thời gian: {dl['text'] or '-'}",
             f"Văn bản: {doc['number'] or doc['title'] or '-'} ({doc['issuer'] or '-'}, {doc['issued_date'] or '-'})"]
    if rule and not start:
        lines.append(f"Lặp lại: {dl['text'] or rule} ({rule}) — chưa rõ ngày bắt đầu")
    todo.add("description", "\n".join(lines))
    if start:
        todo.add("dtstart", start)
    if due:
        todo.add("due", due)
    if rule and start:
        todo.add("rrule", vRecur.from_ical(rule))
    if t["lead"]:
        todo.add("categories", t["lead"])
    todo.add("status", "NEEDS-ACTION")
    return todo


def render_ics(tasks: list[dict], vietnamese_headers: bool = False) -> bytes:
    """One VTODO per task, or one per milestone when its deadline sets several."""
    from icalendar import Calendar
    cal = Calendar()
    cal.add("prodid", "-//vanban//nhiem vu//VI")
    cal.add("version", "2.0")
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for t in tasks:
        milestones = t["deadline"].get("milestones") or []
        if not milestones:
            cal.add_component(_todo(t, t["deadline"], f"{t['id']}@vanban", stamp))
        for n, m in enumerate(milestones, 1):
            cal.add_component(_todo(t, m, f"{t['id']}-m{n}@vanban", stamp, f"[{n}/{len(milestones)}] "))
    return cal.to_ical()


# --- the registry ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Exporter:
    """One export format: how to render tasks, and what a download of it is called."""
    name: str                 # --format value, file suffix
    mime: str                 # Content-Type of a download (Flask adds "; charset=utf-8" to text/*)
    render: Callable[[list[dict], bool], bytes]
    has_headers: bool         # takes --vi-headers (Vietnamese column headers)

    def file_name(self, stem: str = "vanban-tasks") -> str:
        return f"{stem}.{self.name}"


EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("csv", "text/csv", render_csv, True),
    Exporter("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", render_xlsx, True),
    Exporter("jsonl", "application/x-ndjson", render_jsonl, False),
    Exporter("ics", "text/calendar", render_ics, False),
)}


def render(fmt: str, tasks: list[dict], vietnamese_headers: bool = False) -> bytes:
    return EXPORTERS[fmt].render(tasks, vietnamese_headers)


def write_export(fmt: str, tasks: list[dict], out: Path, vietnamese_headers: bool = False) -> None:
    """Render and write atomically; the folder must exist (a typo in ``-o`` is an error, not a new folder)."""
    out = Path(out)
    if not out.parent.is_dir():                # said about the folder, not about our temp file in it
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(out.parent))
    write_bytes_atomic(out, render(fmt, tasks, vietnamese_headers), make_parents=False)


def export_csv(tasks: list[dict], out: Path, vietnamese_headers: bool = False) -> None:
    write_export("csv", tasks, out, vietnamese_headers)


def export_xlsx(tasks: list[dict], out: Path, vietnamese_headers: bool = False) -> None:
    write_export("xlsx", tasks, out, vietnamese_headers)


def export_jsonl(tasks: list[dict], out: Path) -> None:
    write_export("jsonl", tasks, out)


def export_ics(tasks: list[dict], out: Path) -> None:
    write_export("ics", tasks, out)

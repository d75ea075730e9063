"""Export tasks to the tools an office already uses.

* CSV (UTF-8 with BOM, so Excel shows Vietnamese) and XLSX through pandas, with
  English or Vietnamese column headers;
* JSONL, one task per line, valid against ``schemas/task.schema.json``;
* iCalendar VTODO items (the ``icalendar`` library writes the escaping and line
  folding): DUE from the deadline's end, DTSTART from its start, RRULE for
  recurring ones, UID from the stable task id so a re-import updates instead of
  duplicating.

A deadline that sets several milestones ("sơ kết trước 30/6 và tổng kết trước
15/12") is exported as such: CSV/XLSX list them in one column (``milestones``),
iCalendar gives each its own VTODO (UID ``<task id>-m<n>``), so a calendar shows
every date a task must meet.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

COLUMNS = [
    ("id", "Mã nhiệm vụ"), ("document", "Văn bản"), ("issuer", "Cơ quan ban hành"), ("issued_date", "Ngày ban hành"),
    ("ref", "STT"), ("group", "Nhóm"), ("description", "Nội dung công việc"), ("lead", "Chủ trì"),
    ("support", "Phối hợp"), ("deadline", "Thời gian hoàn thành"), ("deadline_start", "Bắt đầu"),
    ("deadline_end", "Hạn"), ("deadline_kind", "Loại thời hạn"), ("recurrence", "Lặp lại"),
    ("milestones", "Các mốc thời hạn"), ("source", "Nguồn"),
]


def milestone_label(m: dict) -> str:
    """One milestone in a cell: its words and its dates ("tổng kết trước 15/12 (→ 2025-12-15)")."""
    when = " → ".join(x for x in (m.get("start"), m.get("end")) if x) or m.get("recurrence") or m.get("kind") or ""
    return f"{m.get('text') or '-'} ({when})" if when else (m.get("text") or "-")


def milestones_cell(deadline: dict) -> str | None:
    """Every milestone of a deadline in one cell, separated by " | "; None when it has one date."""
    found = deadline.get("milestones") or []
    return " | ".join(milestone_label(m) for m in found) or None


def _rows(tasks: list[dict]) -> list[dict]:
    rows = []
    for t in tasks:
        d, dl = t["document"], t["deadline"]
        rows.append({
            "id": t["id"], "document": d["number"] or d["title"] or d["path"], "issuer": d["issuer"],
            "issued_date": d["issued_date"], "ref": t["ref"], "group": t["group"], "description": t["description"],
            "lead": "; ".join(t["lead"]), "support": "; ".join(t["support"]), "deadline": dl["text"],
            "deadline_start": dl["start"], "deadline_end": dl["end"], "deadline_kind": dl["kind"],
            "recurrence": dl["recurrence"], "milestones": milestones_cell(dl), "source": f"{t['source']['kind']}, p.{t['source']['page']}",
        })
    return rows


def to_frame(tasks: list[dict], vietnamese_headers: bool = False):
    import pandas as pd
    frame = pd.DataFrame(_rows(tasks), columns=[c for c, _ in COLUMNS])
    if vietnamese_headers:
        frame = frame.rename(columns=dict(COLUMNS))
    return frame


def export_csv(tasks: list[dict], out: Path, vietnamese_headers: bool = False) -> None:
    to_frame(tasks, vietnamese_headers).to_csv(out, index=False, encoding="utf-8-sig")


def export_xlsx(tasks: list[dict], out: Path, vietnamese_headers: bool = False) -> None:
    to_frame(tasks, vietnamese_headers).to_excel(out, index=False, sheet_name="Nhiệm vụ")


def task_record(t: dict) -> dict:
    """One JSONL record: the task as extracted, with its document's identity."""
    return {k: t[k] for k in ("id", "ref", "group", "description", "lead", "support", "owners", "deadline",
                              "source", "citation_ids")} | {"document": t["document"]}


def export_jsonl(tasks: list[dict], out: Path) -> None:
    with out.open("w", encoding="utf-8") as fh:
        for t in tasks:
            fh.write(json.dumps(task_record(t), ensure_ascii=False) + "\n")


def _todo(t: dict, dl: dict, uid: str, stamp: dt.datetime, label: str = ""):
    """One VTODO: the task's words and owners, and the dates of one deadline (or milestone)."""
    from icalendar import Todo, vRecur
    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", stamp)
    summary = t["description"] if len(t["description"]) <= 120 else t["description"][:117] + "…"
    todo.add("summary", f"{label}{summary}")
    doc = t["document"]
    lines = [t["description"], "",
             f"Chủ trì: {'; '.join(t['lead']) or '-'}", f"Phối hợp: {'; '.join(t['support']) or '-'}",
             f"Thời gian: {dl['text'] or '-'}",
             f"Văn bản: {doc['number'] or doc['title'] or '-'} ({doc['issuer'] or '-'}, {doc['issued_date'] or '-'})"]
    todo.add("description", "\n".join(lines))
    if dl.get("start"):
        todo.add("dtstart", dt.date.fromisoformat(dl["start"]))
    if dl.get("end"):
        todo.add("due", dt.date.fromisoformat(dl["end"]))
    if dl.get("recurrence"):
        todo.add("rrule", vRecur.from_ical(dl["recurrence"]))
    if t["lead"]:
        todo.add("categories", t["lead"])
    todo.add("status", "NEEDS-ACTION")
    return todo


def export_ics(tasks: list[dict], out: Path) -> None:
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
    out.write_bytes(cal.to_ical())


EXPORTERS = {"csv": export_csv, "xlsx": export_xlsx, "jsonl": export_jsonl, "ics": export_ics}

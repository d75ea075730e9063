"""Tasks across the corpus, filtered the way an office asks for them.

Owners are matched on their normalised key (abbreviations expanded, tone
placement unified, marks folded), so ``--owner "VP UBND xã"`` and ``--owner
"Văn phòng Ủy ban nhân dân xã"`` select the same tasks.  A plan stored as
several files (scan, Word, PDF) has the same task ids in each; a task is listed
once.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from vanban.extractors.owners import normalise_name
from vanban.pipeline.textnorm import fold_diacritics

from .db import number_key


def owner_key(text: str) -> str:
    return fold_diacritics(normalise_name(text))


def query_tasks(conn: sqlite3.Connection, owner: str | None = None, due_before: str | None = None,
                due_after: str | None = None, overdue: bool = False, as_of: str | None = None,
                doc: str | None = None, role: str | None = None) -> list[dict]:
    """Tasks matching every filter given, soonest deadline first, each task once.

    ``owner`` matches lead or collaborating owners, or only one ``role``
    (``"lead"``/``"support"``).
    """
    sql = ["SELECT t.*, d.number, d.issuer, d.issued_date, d.doc_type, d.title,",
           "(SELECT path FROM files f WHERE f.sha256 = t.sha256 LIMIT 1) AS path",
           "FROM tasks t JOIN documents d ON d.sha256 = t.sha256 WHERE 1=1"]
    args: list = []
    if owner:
        sql.append("AND EXISTS (SELECT 1 FROM task_owners o JOIN owners w ON w.id = o.owner_id "
                   "WHERE o.task_id = t.id AND o.sha256 = t.sha256 AND w.key LIKE ? AND o.role LIKE ?)")
        args += [f"%{owner_key(owner)}%", role or "%"]
    if due_before:
        sql.append("AND t.deadline_end IS NOT NULL AND t.deadline_end <= ?")
        args.append(due_before)
    if due_after:
        sql.append("AND t.deadline_end IS NOT NULL AND t.deadline_end >= ?")
        args.append(due_after)
    if overdue:
        sql.append("AND t.deadline_end IS NOT NULL AND t.deadline_end < ? AND t.deadline_kind IN ('date', 'period')")
        args.append(as_of or dt.date.today().isoformat())
    if doc:
        sql.append("AND (number_key(d.number) = ? OR t.sha256 LIKE ? "
                   "OR EXISTS (SELECT 1 FROM files f WHERE f.sha256 = t.sha256 AND f.path LIKE ?))")
        args += [number_key(doc), f"{doc}%", f"%{doc}%"]
    sql.append("ORDER BY t.deadline_end IS NULL, t.deadline_end, d.issued_date, t.rowid")
    out: list[dict] = []
    seen: set[str] = set()
    for row in conn.execute(" ".join(sql), args):
        if row["id"] in seen:
            continue
        seen.add(row["id"])
        task = json.loads(row["task_json"])
        task["document"] = {"sha256": row["sha256"], "number": row["number"], "issuer": row["issuer"],
                            "issued_date": row["issued_date"], "doc_type": row["doc_type"], "title": row["title"],
                            "path": row["path"]}
        out.append(task)
    return out

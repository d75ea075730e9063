"""Tasks: every assigned piece of work, with lead, support and deadline.

Three sources, tried in this order, each leaving what it claimed to the next:

1. **tables** whose header names a task column and an owner or time column,
   whatever the wording (header keywords are data: ``extractors/data/column_roles.json``), with
   group headings (``I``, ``II`` rows) carried onto their rows;
2. **sections** holding labelled lines — ``Phụ trách: …``, ``Phối hợp: …``,
   ``Thời gian thực hiện: …`` (seed 004);
3. **prose**, walking the document's tree of units: owner-headed units pass
   their owner to their items (``6. Bộ Nội vụ:`` then ``a) … b) …``), and
   sentences assign work (``Giao X …``, ``Đề nghị X …``, ``X chủ trì, phối hợp
   với Y …``, ``Sở X có trách nhiệm …``, ``- Owner: work``).

A prose assignment that restates a table row is the same task: it is linked to
the row (folded into it) rather than listed twice.

Ids are stable: a hash of the document's identity, the source and the ref, so
re-parsing the same document gives the same ids.
"""

from __future__ import annotations

from vanban.pipeline.model import Document

from .cells import cell_requests
from .common import Ids, Task, restating
from .labelled import labelled_section_tasks
from .prose import prose_tasks
from .tables import table_tasks

__all__ = ["Task", "extract_tasks"]


def extract_tasks(doc: Document, year: int | None, doc_key: str, citations,
                  doc_type: str | None = None, issuer: str | None = None) -> list[Task]:
    ids = Ids(doc_key)
    tasks: list[Task] = []
    for table in doc.tables:
        found = table_tasks(doc, table, year, ids, citations)
        tasks.extend(found or cell_requests(doc, table, year, ids, citations))
    section_tasks, claimed = labelled_section_tasks(doc, year, ids, citations)
    tasks.extend(section_tasks)
    taken: set[int] = set()
    for si in claimed:
        sec = doc.sections[si]
        taken.update(range(sec.first_line, sec.last_line + 1))
    table_rows = [t for t in tasks if t.source["kind"] == "table"]
    for task in prose_tasks(doc, year, ids, citations, taken, tabled=len(table_rows) >= 3,
                            doc_type=doc_type, issuer=issuer):
        row = restating(task, table_rows)
        if row is None:
            tasks.append(task)
        elif not (row.deadline.start or row.deadline.end) and (task.deadline.start or task.deadline.end):
            row.deadline = task.deadline          # the prose dates the row it restates
    return tasks

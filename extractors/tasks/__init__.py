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

from vanban.pipeline.model import Document

from .common import Ids, Task
from .labelled import labelled_section_tasks
from .prose import owner_colon_tasks, prose_tasks
from .tables import table_tasks

__all__ = ["Task", "extract_tasks"]


def extract_tasks(doc: Document, year: int | None, doc_key: str, citations) -> list[Task]:
    ids = Ids(doc_key)
    tasks: list[Task] = []
    for table in doc.tables:
        tasks.extend(table_tasks(doc, table, year, ids, citations))
    section_tasks, claimed = labelled_section_tasks(doc, year, ids, citations)
    tasks.extend(section_tasks)
    prose = prose_tasks(doc, year, ids, citations, claimed)
    tasks.extend(prose)
    taken = {line.index for t in tasks if t.source["kind"] != "table"
             for line in doc.lines if t.source["start"] <= line.start <= t.source["end"]}
    for si in claimed:
        sec = doc.sections[si]
        taken.update(range(sec.first_line, sec.last_line + 1))
    tasks.extend(owner_colon_tasks(doc, year, ids, citations, taken))
    return tasks

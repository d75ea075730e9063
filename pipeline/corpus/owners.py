"""The owner registry: one row per body, with how often it leads or supports.

Owners are keyed when a document is stored (``db.owner_id``): the name is
normalised (abbreviations expanded, tone placement unified, dash spacing fixed),
a bare unit completed with the issuer's place, and folded, so "VP UBND tỉnh" in
a plan of Ủy ban nhân dân tỉnh Lào Cai and "Văn phòng Ủy ban nhân dân tỉnh Lào
Cai" in another are one body.  This module only reads that registry back, counting each
task once even when a plan is stored as several files.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from vanban.extractors.owners import is_owner_name

from .tasks import owner_key


@dataclass
class RegistryEntry:
    id: int
    name: str
    lead: int
    support: int
    documents: int
    spellings: list[str] = field(default_factory=list)


def owner_registry(conn: sqlite3.Connection, name: str | None = None) -> list[RegistryEntry]:
    """Bodies with their task counts, most-loaded first; ``name`` filters on the normalised key.

    A document stored as several files (scan, Word, PDF) counts once, as search
    groups it (``documents.identity``, stored by ``db.store``).  Only names that
    can name an owner are listed (``is_owner_name``): a cell the extractors kept as
    an owner although it reads "Theo phân công tại Quyết định số …" or "(2)" is no
    body to load work on.
    """
    sql = """
        SELECT w.id, w.name,
               COUNT(DISTINCT CASE WHEN o.role = 'lead' THEN o.task_id END) AS lead,
               COUNT(DISTINCT CASE WHEN o.role = 'support' THEN o.task_id END) AS support,
               COUNT(DISTINCT d.identity) AS documents
        FROM owners w
        JOIN task_owners o ON o.owner_id = w.id
        JOIN documents d ON d.sha256 = o.sha256
        WHERE w.key LIKE ?
        GROUP BY w.id
        ORDER BY lead + support DESC, w.name"""
    rows = conn.execute(sql, (f"%{owner_key(name)}%" if name else "%",)).fetchall()
    spellings: dict[int, set[str]] = {}
    for owner, text in conn.execute("SELECT DISTINCT owner_id, text FROM task_owners"):
        spellings.setdefault(owner, set()).add(text)
    return [RegistryEntry(r["id"], r["name"], r["lead"], r["support"], r["documents"], sorted(spellings.get(r["id"], ())))
            for r in rows if is_owner_name(r["name"])]

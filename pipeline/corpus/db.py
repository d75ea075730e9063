"""The corpus: one SQLite file holding documents, citations, tasks, owners and text.

Rows are keyed by the content hash of the source file, so the same bytes under
two names are one document, and a changed file is a new document that replaces
the old rows of its path.  Every file is written in one transaction (WAL mode):
a process killed at any moment leaves either the whole file or nothing.

Search text is stored twice: as shown (NFC) and folded (lower case, no tone or
vowel marks, đ→d).  Folding keeps every character in place, so a match found
in the folded text is cut from the shown text at the same offsets.  A
document's row in the full-text index has the rowid of its ``documents`` row,
so a ranked match reaches its document (and a document its match) without
reading the indexed text back.

Each document also stores its identity (:func:`document_identity`), indexed,
so search and the owner registry group the files of one document by a column
instead of calling Python on every matching row.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from pathlib import Path

from vanban.extractors.issuers import PlaceContext
from vanban.extractors.owners import normalise_name
from vanban.extractors.lexicon import load
from vanban.pipeline.textnorm import clean_text, fold_diacritics

from ..record import checked

SCHEMA_VERSION = 3
# versions this vanban brings up to SCHEMA_VERSION when it opens them (``connect``)
UPGRADABLE = ("2",)    # 2 → 3: documents.identity added and filled, index rows linked by rowid

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY, format TEXT, page_count INTEGER, doc_type TEXT, number TEXT,
    issued_date TEXT, place TEXT, issuer TEXT, issuer_level TEXT, title TEXT,
    text TEXT, text_folded TEXT, result_json TEXT, parsed_at REAL,
    identity TEXT);   -- last, where ALTER TABLE puts it in an upgraded corpus: one layout for both
CREATE INDEX IF NOT EXISTS documents_identity ON documents(identity);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, sha256 TEXT, size INTEGER, status TEXT, seen_at REAL);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE TABLE IF NOT EXISTS failures (
    path TEXT PRIMARY KEY, sha256 TEXT, code TEXT, message TEXT, failed_at REAL);
CREATE TABLE IF NOT EXISTS citations (
    sha256 TEXT, cid TEXT, number TEXT, title TEXT, doc_type TEXT, date TEXT, issuer TEXT, role TEXT,
    PRIMARY KEY (sha256, cid));
CREATE INDEX IF NOT EXISTS citations_number ON citations(number);
CREATE TABLE IF NOT EXISTS owners (id INTEGER PRIMARY KEY, key TEXT UNIQUE, name TEXT);
CREATE TABLE IF NOT EXISTS tasks (
    id TEXT, sha256 TEXT, ref TEXT, grp TEXT, description TEXT, description_folded TEXT,
    deadline_text TEXT, deadline_kind TEXT, deadline_start TEXT, deadline_end TEXT, recurrence TEXT,
    source_kind TEXT, page INTEGER, task_json TEXT,
    PRIMARY KEY (id, sha256));   -- one plan in several files: same task id, one row per file
CREATE INDEX IF NOT EXISTS tasks_doc ON tasks(sha256);
CREATE INDEX IF NOT EXISTS tasks_end ON tasks(deadline_end);
CREATE TABLE IF NOT EXISTS task_owners (
    task_id TEXT, sha256 TEXT, owner_id INTEGER, role TEXT, text TEXT,
    PRIMARY KEY (task_id, sha256, owner_id, role));
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    sha256 UNINDEXED, title, text, tokenize = "unicode61 remove_diacritics 2");
"""


class CorpusVersionError(RuntimeError):
    """The corpus file was written by another version of the corpus schema."""


def connect(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=60)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    _register_functions(conn)
    conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row and row[0] != str(SCHEMA_VERSION) and row[0] not in UPGRADABLE:
        conn.close()
        raise CorpusVersionError(f"{path} holds corpus schema {row[0]}, this vanban writes {SCHEMA_VERSION}: "
                                 f"ingest into a new corpus file")
    upgrade = row is not None and row[0] in UPGRADABLE
    if upgrade:
        _add_identity_column(conn)             # before SCHEMA, whose index needs the column
    conn.executescript(SCHEMA)
    if upgrade:
        _link_index_rows(conn)
    _identify_documents_if_stale(conn)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    conn.commit()
    _rename_owners_if_stale(conn)
    return conn


def _add_identity_column(conn: sqlite3.Connection) -> None:
    """Schema 2 had no ``documents.identity``: add it (filled by ``_identify_documents_if_stale``).

    Checked rather than assumed, so an upgrade stopped half-way is finished on the next open."""
    if "identity" not in {r[1] for r in conn.execute("PRAGMA table_info(documents)")}:
        conn.execute("ALTER TABLE documents ADD COLUMN identity TEXT")


def _link_index_rows(conn: sqlite3.Connection) -> None:
    """Give every full-text row the rowid of its document, as ``store`` now does.

    Schema 2 let both tables number their rows; they agree when every write went
    through ``store`` (each document and its index row are inserted and deleted
    together), so this usually only checks.  Where they do not, the index rows
    are written again from the stored folded text and title."""
    unlinked = conn.execute("SELECT COUNT(*) FROM documents d LEFT JOIN documents_fts f ON f.rowid = d.rowid "
                            "WHERE f.sha256 IS NOT d.sha256").fetchone()[0]
    indexed = conn.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0]
    documents = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    if not unlinked and indexed == documents:
        return
    with conn:
        conn.execute("DELETE FROM documents_fts")
        for r in conn.execute("SELECT rowid, sha256, title, text_folded FROM documents").fetchall():
            _index_document(conn, *r)


def _index_document(conn: sqlite3.Connection, rowid: int, sha: str, title: str | None, folded_text: str) -> None:
    """The document's full-text row, under its ``documents`` rowid (search joins on it)."""
    conn.execute("INSERT INTO documents_fts(rowid, sha256, title, text) VALUES (?, ?, ?, ?)",
                 (rowid, sha, fold_diacritics(title or ""), folded_text))


# how document identities are made (``document_identity``); a corpus stored under another is re-keyed on open
IDENTITY_KEYING = "1"


def _identify_documents_if_stale(conn: sqlite3.Connection) -> None:
    """Fill ``documents.identity`` again when it was stored under another ``document_identity``
    (or not at all: a corpus upgraded from schema 2).

    The identity is stored so that search need not compute it per matching row;
    a change to how it is made (``number_key`` learning another dash, say) must
    then bump ``IDENTITY_KEYING``, and every stored identity is recomputed here
    from the document's own columns, nothing parsed again."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'document_identity'").fetchone()
    if row and row[0] == IDENTITY_KEYING:
        return
    with conn:
        conn.execute("UPDATE documents SET identity = document_identity(doc_type, number, issued_date, issuer, "
                     "title, sha256)")
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('document_identity', ?)", (IDENTITY_KEYING,))


# how owner names are made (``owner_name``); a corpus written under another is renamed on open
OWNER_NAMING = "2"    # 2: a bare unit completed with the issuer's place


def _rename_owners_if_stale(conn: sqlite3.Connection) -> None:
    """Re-key every task owner when the corpus was written under an older ``owner_name``.

    The source spelling of each owner is stored, so the registry can be rebuilt
    without parsing anything again: an existing corpus gains the merges (and the
    separations) of the current naming instead of mixing two key styles."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'owner_naming'").fetchone()
    if row and row[0] == OWNER_NAMING:
        return
    with conn:
        rows = conn.execute("SELECT o.task_id, o.sha256, o.role, o.text, d.issuer FROM task_owners o "
                            "LEFT JOIN documents d ON d.sha256 = o.sha256").fetchall()
        conn.execute("DELETE FROM task_owners")
        conn.execute("DELETE FROM owners")
        for r in rows:
            conn.execute("INSERT OR IGNORE INTO task_owners VALUES (?, ?, ?, ?, ?)",
                         (r["task_id"], r["sha256"], owner_id(conn, r["text"], r["issuer"]), r["role"], r["text"]))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('owner_naming', ?)", (OWNER_NAMING,))


# hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus: all "-" inside a number
_DASHES = str.maketrans("\u2010\u2011\u2012\u2013\u2014\u2212", "------")


def number_key(number: str | None) -> str:
    """A document number as compared: folded, upper case, no spaces, one dash ("181/2024/ND-CP").

    "181/2024/NĐ-CP", "181/2024/ND-CP", "181/2024/NÐ–CP" (eth, en dash) and
    "181 / 2024 / NĐ - CP" are one number."""
    return re.sub(r"\s+", "", fold_diacritics(clean_text(number or "").translate(_DASHES))).upper()


def document_identity(doc_type: str | None, number: str | None, issued_date: str | None, issuer: str | None,
                      title: str | None, sha: str) -> str:
    """What makes two stored files one document (scan, Word and PDF of one plan).

    A numbered document is its kind, number and date (its issuer and title may be
    read a little differently from a scan); an unnumbered one its kind, date,
    issuer and title, folded; with neither, only its bytes.  Search and the owner
    registry group by this one key, so a document is never listed twice.  It is
    stored with the document (``documents.identity``); see ``IDENTITY_KEYING``."""
    if number:
        return "|".join((doc_type or "", number_key(number), issued_date or ""))
    if title:
        words = (doc_type or "", issued_date or "", fold_diacritics(issuer or ""), fold_diacritics(title))
        return "|".join(" ".join(w.split()) for w in words)
    return sha


def _register_functions(conn: sqlite3.Connection) -> None:
    """The comparison keys above, callable from SQL (so filters run before LIMIT, and
    stored identities are recomputed in one UPDATE)."""
    conn.create_function("number_key", 1, number_key, deterministic=True)
    conn.create_function("document_identity", 6, document_identity, deterministic=True)


# a unit word ending the name, not after a word making it a class or a list ("các xã", "cấp tỉnh",
# "huyện, thị xã", "huyện và xã")
_BARE_UNIT = re.compile(r"(?<![\w])(?<!các )(?<!cấp )(?<!những )(?<!, )(?<!và )(?P<unit>%s)$" % "|".join(
    sorted(load("places")["unit_words"], key=len, reverse=True)), re.IGNORECASE)


def owner_name(text: str, issuer: str | None = None) -> str:
    """The registry name of an owner as a document names it.

    Abbreviations expanded and spelling unified (``normalise_name``), and a unit
    left bare ("Văn phòng UBND tỉnh", "Ủy ban nhân dân xã") completed with the
    place of the document's issuer at that unit: in a plan of "Ủy ban nhân dân
    tỉnh Lào Cai", "UBND tỉnh" is "Ủy ban nhân dân tỉnh Lào Cai", the body another
    plan names in full.  A class of units ("các xã", "cấp tỉnh") is left as it is."""
    name = normalise_name(text)
    m = _BARE_UNIT.search(name)
    if m and issuer:
        place = PlaceContext.from_text(issuer).name_for(m.group("unit"))
        if place:
            name = f"{name} {place}"
    return name


def owner_id(conn: sqlite3.Connection, text: str, issuer: str | None = None) -> int:
    """One id per body: the key is the registry name (:func:`owner_name`), folded."""
    name = owner_name(text, issuer)
    key = fold_diacritics(name)
    row = conn.execute("SELECT id FROM owners WHERE key = ?", (key,)).fetchone()
    if row:
        return row[0]
    return conn.execute("INSERT INTO owners(key, name) VALUES (?, ?)", (key, name)).lastrowid


def _delete_document(conn: sqlite3.Connection, sha: str) -> None:
    for table in ("task_owners", "tasks", "citations", "documents", "documents_fts"):
        conn.execute(f"DELETE FROM {table} WHERE sha256 = ?", (sha,))


def forget_path(conn: sqlite3.Connection, path: str) -> None:
    """A path now holds other bytes: drop its old document unless another path shares it."""
    row = conn.execute("SELECT sha256 FROM files WHERE path = ?", (path,)).fetchone()
    if not row or not row[0]:
        return
    others = conn.execute("SELECT COUNT(*) FROM files WHERE sha256 = ? AND path != ?", (row[0], path)).fetchone()[0]
    if not others:
        _delete_document(conn, row[0])


def store(conn: sqlite3.Connection, path: str, sha: str, size: int, result: dict) -> None:
    """Write one parse result (document or error record) in a single transaction.

    The record is checked against the schema here, where every record enters the
    corpus (local workers, Dask, refused zip members): one that fails is stored
    as a ``schema_violation`` failure, never as a half-valid document."""
    result = checked(result, Path(path))
    now = time.time()
    with conn:
        forget_path(conn, path)
        conn.execute("DELETE FROM failures WHERE path = ?", (path,))
        if result.get("status") != "ok":
            err = result.get("error", {})
            conn.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?)",
                         (path, sha, err.get("code"), err.get("message"), now))
            conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, 'failed', ?)", (path, sha, size, now))
            return
        _delete_document(conn, sha)
        d = result["document"]
        text = result["text"]
        folded = fold_diacritics(text)
        identity = document_identity(d["doc_type"], d["number"], d["issued_date"], d["issuer"], d["title"], sha)
        rowid = conn.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
            sha, result["source"]["format"], result["source"]["page_count"], d["doc_type"], d["number"],
            d["issued_date"], d["place"], d["issuer"], d.get("issuer_level"), d["title"], text,
            folded, json.dumps(result, ensure_ascii=False), now, identity)).lastrowid
        _index_document(conn, rowid, sha, d["title"], folded)
        for c in result["citations"]:
            conn.execute("INSERT INTO citations VALUES (?,?,?,?,?,?,?,?)",
                         (sha, c["id"], c["number"], c.get("title"), c["doc_type"], c["date"], c["issuer"], c["role"]))
        for t in result["tasks"]:
            dl = t["deadline"]
            conn.execute("INSERT OR REPLACE INTO tasks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                t["id"], sha, t["ref"], t["group"], t["description"], fold_diacritics(t["description"]),
                dl["text"], dl["kind"], dl["start"], dl["end"], dl["recurrence"], t["source"]["kind"],
                t["source"]["page"], json.dumps(t, ensure_ascii=False)))
            for o in t["owners"]:
                conn.execute("INSERT OR IGNORE INTO task_owners VALUES (?, ?, ?, ?, ?)",
                             (t["id"], sha, owner_id(conn, o["text"], d["issuer"]), o["role"], o["text"]))
        conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, 'ok', ?)", (path, sha, size, now))


# failures that say nothing about the file: a worker killed from outside is tried again on resume
RETRIED_FAILURES = ("worker_died",)


def done(conn: sqlite3.Connection, path: str, sha: str, retry_failed: bool = False) -> bool:
    """Already ingested (or already failed for a reason of its own) with these exact bytes.

    With ``retry_failed`` a recorded failure is not done: ``ingest --retry-failed``
    parses it again (a file that timed out under ``--timeout 120`` may well
    finish under ``--timeout 600``); its new record replaces the failure."""
    row = conn.execute("SELECT f.sha256, x.code FROM files f LEFT JOIN failures x ON x.path = f.path "
                       "WHERE f.path = ?", (path,)).fetchone()
    if not row or row[0] != sha:
        return False
    return row[1] is None or (not retry_failed and row[1] not in RETRIED_FAILURES)


"""Search the corpus: full text, insensitive to tone marks and to đ/d.

The FTS5 index holds the folded text ("cải cách hành chính" → "cai cach hanh
chinh"); the query is folded the same way, so "cai cach hanh chinh" and "cải cách
hành chính" find the same documents.  FTS5's bm25 ranks them.  Snippets are cut
from the shown text at the offsets where the folded terms matched (folding keeps
every character in place), with the match between « and ».
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from vanban.pipeline.textnorm import fold_diacritics


@dataclass
class Hit:
    sha256: str
    rank: float
    number: str | None
    issued_date: str | None
    issuer: str | None
    doc_type: str | None
    title: str | None
    snippet: str
    path: str | None
    copies: int = 1      # the same document (kind, number, date, issuer) in other files


def _fts_query(query: str) -> str:
    """Folded words as a quoted phrase, or the words ANDed when the phrase is loose."""
    words = re.findall(r"\w+", fold_diacritics(query))
    return " ".join(f'"{w}"' for w in words)


def snippet(text: str, folded: str, query: str, width: int = 80) -> str:
    words = re.findall(r"\w+", fold_diacritics(query))
    if not words:
        return text[:2 * width]
    phrase = re.search(r"\W+".join(map(re.escape, words)), folded)
    m = phrase or re.search(re.escape(words[0]), folded)
    if not m:
        return text[:2 * width]
    a, b = m.start(), m.end()
    start, end = max(0, a - width), min(len(text), b + width)
    cut = text[start:a] + "«" + text[a:b] + "»" + text[b:end]
    return ("…" if start else "") + " ".join(cut.split()) + ("…" if end < len(text) else "")


def search(conn: sqlite3.Connection, query: str, doc_type: str | None = None, issuer: str | None = None,
           date_from: str | None = None, date_to: str | None = None, cites: str | None = None,
           limit: int = 20) -> list[Hit]:
    match = _fts_query(query)
    if not match:
        return []
    sql = ["SELECT d.sha256, bm25(documents_fts) AS rank, d.number, d.issued_date, d.issuer, d.doc_type, d.title",
           "FROM documents_fts JOIN documents d ON d.sha256 = documents_fts.sha256",
           "WHERE documents_fts MATCH ?"]
    args: list = [match]
    if doc_type:
        sql.append("AND d.doc_type = ?")
        args.append(doc_type)
    if issuer:
        sql.append("AND d.issuer IS NOT NULL")
    if date_from:
        sql.append("AND d.issued_date >= ?")
        args.append(date_from)
    if date_to:
        sql.append("AND d.issued_date <= ?")
        args.append(date_to)
    if cites:
        sql.append("AND d.sha256 IN (SELECT sha256 FROM citations WHERE REPLACE(number, ' ', '') = ?)")
        args.append(cites.replace(" ", ""))
    sql.append("ORDER BY rank LIMIT ?")
    args.append(limit * 10)
    hits: list[Hit] = []
    seen: dict[tuple, Hit] = {}
    # ranked metadata first; the (long) text is read only for the hits kept
    for row in conn.execute(" ".join(sql), args):
        if issuer and fold_diacritics(issuer) not in fold_diacritics(row["issuer"] or ""):
            continue
        key = (row["doc_type"], row["number"], row["issued_date"], row["issuer"], row["title"])
        if key in seen:                       # one plan scanned, typed and exported is one result
            seen[key].copies += 1
            continue
        hit = Hit(row["sha256"], row["rank"], row["number"], row["issued_date"], row["issuer"], row["doc_type"],
                  row["title"], "", None)
        seen[key] = hit
        hits.append(hit)
        if len(hits) >= limit:
            break
    for hit in hits:
        text, folded, path = conn.execute(
            "SELECT text, text_folded, (SELECT path FROM files f WHERE f.sha256 = d.sha256 LIMIT 1) "
            "FROM documents d WHERE sha256 = ?", (hit.sha256,)).fetchone()
        hit.snippet, hit.path = snippet(text, folded, query), path
    return hits

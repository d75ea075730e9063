"""Search the corpus: full text, insensitive to tone marks and to đ/d.

The FTS5 index holds the folded text ("cải cách hành chính" → "cai cach hanh
chinh"); the query is folded the same way, so "cai cach hanh chinh" and "cải cách
hành chính" find the same documents.  FTS5's bm25 ranks them.  Snippets are cut
from the shown text at the offsets where the folded terms matched (folding keeps
every character in place), with the match between « and ».

Words are ANDed anywhere in a document; a quoted part of the query is a phrase
(``'"hóa chất" an toàn'``).  A query that is a document number finds that
document first; with no query the filters alone select.  Copies of one document
(:func:`db.document_identity`) are one result.

The ranked rows are read only until ``limit`` documents are found, so a query
costs the index's ranking plus the hits kept, not Python work on every matching
document: each row carries its document's stored identity (``documents.identity``),
and the files of the kept documents are counted afterwards in one grouped query.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache

from vanban.extractors.lexicon import load
from vanban.pipeline.textnorm import clean_text, fold_diacritics

from .db import number_key
from .tasks import owner_key


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


# a document number as typed: "43/KH-UBND", "181/2024/NĐ-CP", "15/2026/TT-BCT"
_NUMBER = re.compile(r"^\s*\d+[\w.]*\s*/\s*[\w/.&\s-]*[A-Za-zĐđ][\w/.&\s-]*$")


def _parts(query: str) -> tuple[list[str], list[list[str]]]:
    """The folded loose words and the folded quoted phrases of a query.

    ``hóa chất`` is two words (each anywhere); ``"hóa chất"`` is one phrase, the
    words side by side, so "CỘNG HÒA … chất" no longer matches it."""
    query = clean_text(query)                  # NFC, Ð → Đ (as the stored text was cleaned)
    phrases = [re.findall(r"\w+", fold_diacritics(p)) for p in re.findall(r'"([^"]*)"', query)]
    loose = re.findall(r"\w+", fold_diacritics(re.sub(r'"[^"]*"?', " ", query)))
    return loose, [p for p in phrases if p]


def _fts_query(query: str) -> str:
    """The FTS5 MATCH expression: each loose word and each quoted phrase, ANDed.

    Every word is quoted, so nothing the user types is FTS5 syntax."""
    loose, phrases = _parts(query)
    return " ".join([f'"{w}"' for w in loose] + ['"' + " ".join(p) + '"' for p in phrases])


def _head(text: str, width: int) -> str:
    """The opening of a document, on one line (no match to centre on)."""
    head = " ".join(text[:2 * width].split())
    return head + ("…" if len(text) > 2 * width else "")


def snippet(text: str, folded: str, query: str, width: int = 80) -> str:
    """Where the query matched, cut from the shown text, each matched part between « and ».

    The first quoted phrase, else the loose words side by side, else the shortest
    stretch holding every loose word (so "hóa chất" shows "… quản lý «hóa» và sử
    dụng «chất» …", not "CỘNG «HÒA»" at the top of the page)."""
    loose, phrases = _parts(query)
    words = phrases[0] if phrases else loose
    if not words:
        return _head(text, width)
    side_by_side = next(_word_spans(folded, words), None)
    spans = [side_by_side] if side_by_side else _closest_words(folded, loose if not phrases else words[:1])
    if not spans:
        return _head(text, width)
    start, end = max(0, spans[0][0] - width), min(len(text), spans[-1][1] + width)
    cut, at = [], start
    for a, b in spans:
        cut += [text[at:a], "«", text[a:b], "»"]
        at = b
    cut.append(text[at:end])
    return ("…" if start else "") + " ".join("".join(cut).split()) + ("…" if end < len(text) else "")


def _word_spans(folded: str, words: list[str]):
    """Where ``words`` stand side by side as whole words in ``folded``.

    The word boundaries are checked on each hit rather than written into the
    pattern: a pattern opening with a literal is scanned for fast, one opening
    with a look-behind is tried at every character (ten times slower on a long plan)."""
    for m in re.finditer(r"\W+".join(map(re.escape, words)), folded):
        a, b = m.span()
        if (a == 0 or not folded[a - 1].isalnum()) and (b == len(folded) or not folded[b].isalnum()):
            yield a, b


def _closest_words(folded: str, words: list[str], reach: int = 300) -> list[tuple[int, int]]:
    """The spans of every word in the shortest stretch of ``folded`` holding them all
    (within ``reach`` characters), else of the first word found."""
    found = {w: list(_word_spans(folded, [w])) for w in dict.fromkeys(words)}
    found = {w: spans for w, spans in found.items() if spans}
    if not found:
        return []
    if len(found) < len(set(words)):
        return [min(spans[0] for spans in found.values())]
    events = sorted((span, w) for w, spans in found.items() for span in spans)
    best, last = None, {}
    for span, w in events:
        last[w] = span
        if len(last) == len(found):
            first = min(last.values())
            if best is None or span[1] - first[0] < best[1][1] - best[0][0]:
                best = (first, span, dict(last))
    if best is None or best[1][1] - best[0][0] > reach:
        return [min(spans[0] for spans in found.values())]
    return sorted(best[2].values())


@lru_cache(maxsize=256)
def _issuer_pattern(query: str) -> re.Pattern | None:
    """What ``--issuer`` matches, as a pattern over the folded issuer name.

    The query is normalised like an owner name (``UBND`` → Ủy ban nhân dân) and
    folded, so "UBND tỉnh Lào Cai", "ủy ban nhân dân tinh lao cai" and "sở công
    thương" all match; an all-capital code of two letters or more ("SCT", "BCT")
    also matches a run of words with those initials ("Sở Công Thương …")."""
    query = query.strip()
    if not query:
        return None
    key = _expand_folded(owner_key(query))
    patterns = [r"(?<!\w)" + r"\s+".join(map(re.escape, key.split())) + r"(?!\w)"]
    if re.fullmatch(r"[A-ZĐ]{2,8}", query):
        patterns.append(r"(?<!\w)" + r"\S*\s+".join(fold_diacritics(ch) for ch in query) + r"\w*")
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@lru_cache(maxsize=1)
def _folded_abbreviations() -> list[tuple[re.Pattern, str]]:
    """The abbreviation table (``extractors/data/abbreviations.json``) folded, for
    queries typed in lower case ("ubnd tinh lam dong"); the codes that are
    ambiguous alone ("TT", "CT", …) are left out, as ``expand_abbreviations`` does."""
    table = load("abbreviations")["expansions"]
    pairs = [(fold_diacritics(a), fold_diacritics(e)) for a, e in table.items() if a not in ("TT", "TT.", "CT", "CB", "CC")]
    return [(re.compile(rf"(?<![\w/]){re.escape(a)}(?![\w/])"), e) for a, e in sorted(pairs, key=lambda p: -len(p[0]))]


def _expand_folded(key: str) -> str:
    for pattern, expansion in _folded_abbreviations():
        key = pattern.sub(expansion, key)
    return key


def issuer_matches(query: str, issuer: str | None) -> bool:
    pattern = _issuer_pattern(query)
    return pattern is None or (issuer is not None and pattern.search(owner_key(issuer)) is not None)


def looks_like_number(query: str) -> bool:
    return bool(_NUMBER.match(query)) and '"' not in query


# what a hit is made of, from ``documents d``
_HIT_COLUMNS = "d.sha256, d.number, d.issued_date, d.issuer, d.doc_type, d.title, d.identity"


def search(conn: sqlite3.Connection, query: str | None = None, doc_type: str | None = None, issuer: str | None = None,
           date_from: str | None = None, date_to: str | None = None, cites: str | None = None,
           limit: int = 20) -> list[Hit]:
    """Documents matching the query and every filter, best first, each document once.

    With no query the filters alone select (``--cites N`` lists the documents
    citing N, newest first).  A query that is a document number puts the
    document bearing that number first, then the documents mentioning it."""
    query = (query or "").strip()
    number = number_key(query) if looks_like_number(query) else None
    if number:                                 # "20/KH-UBND" is one phrase, not 20 AND kh AND ubnd
        query = f'"{query}"'
    match = _fts_query(query)
    if not match and not (cites or issuer or doc_type or date_from or date_to):
        return []
    conn.create_function("issuer_matches", 2, issuer_matches, deterministic=True)
    filters, args = _filters(doc_type, issuer, date_from, date_to, cites)
    ranked = []                                # (sql, args): their rows in turn rank the documents
    if number:
        ranked.append((f"SELECT {_HIT_COLUMNS}, -1e9 AS rank FROM documents d WHERE number_key(d.number) = ? "
                       f"{filters} ORDER BY d.issued_date DESC", [number, *args]))
    if match:
        # FTS5 sorts by its rank (bm25, ties in rowid order) and reads no text back; CROSS JOIN keeps
        # the index the outer loop, so that order is the rows' order and nothing else is sorted
        fts = (f"SELECT {_HIT_COLUMNS}, documents_fts.rank AS rank FROM documents_fts CROSS JOIN documents d "
               f"ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? {filters} ORDER BY documents_fts.rank")
        loose, phrases = _parts(query)
        if len(loose) > 1 and not phrases:     # the words side by side first, then anywhere
            ranked.append((fts, ['"' + " ".join(loose) + '"', *args]))
        ranked.append((fts, [match, *args]))
    else:
        ranked.append((f"SELECT {_HIT_COLUMNS}, 0 AS rank FROM documents d WHERE 1=1 {filters} "
                       f"ORDER BY d.issued_date IS NULL, d.issued_date DESC, d.number", args))
    kept = _first_of_each(conn, ranked, limit)
    _count_copies(conn, kept, filters, args, match, number)
    hits = list(kept.values())
    shown = query if match else (cites or "")
    for hit in hits:
        text, folded, path = conn.execute(
            "SELECT text, text_folded, (SELECT path FROM files f WHERE f.sha256 = d.sha256 ORDER BY path LIMIT 1) "
            "FROM documents d WHERE sha256 = ?", (hit.sha256,)).fetchone()
        hit.snippet, hit.path = snippet(text, folded, shown), path
    return hits


def _filters(doc_type, issuer, date_from, date_to, cites) -> tuple[str, list]:
    """The filters as SQL over ``documents d`` (all applied before any limit)."""
    sql, args = [], []
    if doc_type:
        sql.append("AND d.doc_type = ?")
        args.append(doc_type)
    if issuer:
        sql.append("AND issuer_matches(?, d.issuer)")
        args.append(issuer)
    if date_from:
        sql.append("AND d.issued_date >= ?")
        args.append(date_from)
    if date_to:
        sql.append("AND d.issued_date <= ?")
        args.append(date_to)
    if cites:
        sql.append("AND d.sha256 IN (SELECT sha256 FROM citations WHERE number_key(number) = ?)")
        args.append(number_key(cites))
    return " ".join(sql), args


def _first_of_each(conn: sqlite3.Connection, ranked: list[tuple[str, list]], limit: int) -> dict[str, Hit]:
    """The first ``limit`` documents of the ranked queries' rows, by identity, each on its first row.

    Rows are read only until the last kept document is found: the rest of a
    query's rows (and any query after it) are never fetched, so the work done
    here is the kept hits and the rows of their copies ranked above the last."""
    hits: dict[str, Hit] = {}
    for sql, args in ranked:
        if len(hits) >= limit:
            break
        with closing(conn.execute(sql, args)) as rows:
            for row in rows:
                if row["identity"] in hits:    # one plan scanned, typed and exported is one result
                    continue
                hits[row["identity"]] = Hit(row["sha256"], row["rank"], row["number"], row["issued_date"],
                                            row["issuer"], row["doc_type"], row["title"], "", None)
                if len(hits) >= limit:
                    break
    return hits


def _count_copies(conn: sqlite3.Connection, hits: dict[str, Hit], filters: str, args: list, match: str,
                  number: str | None) -> None:
    """Set each hit's ``copies``: the files of its document that the query and filters found.

    Every file that any of the ranked queries returns: those of the full-text
    match (the side-by-side words are among them) and, for a number, those
    bearing it; with no query, every file the filters keep.  One grouped query
    over the kept identities, so copies ranked far below the last hit, or not
    read at all, still count."""
    if not hits:
        return
    # what found a file, by query; the unary + keeps SQLite from seeking the identity index once per
    # matched rowid: the matched rowids are listed once and each kept document's files looked up in them
    found = [(clause, arg) for clause, arg in (
        ("+d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", match),
        ("number_key(d.number) = ?", number)) if arg]
    where = " OR ".join(clause for clause, _ in found)
    sql = (f"SELECT d.identity, COUNT(*) FROM documents d WHERE d.identity IN ({', '.join('?' * len(hits))}) "
           f"{filters} {f'AND ({where})' if where else ''} GROUP BY d.identity")
    for identity, copies in conn.execute(sql, [*hits, *args, *(arg for _, arg in found)]):
        hits[identity].copies = copies

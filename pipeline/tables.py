"""Repair tables: join the pieces a page break cut apart.

A task table printed over two pages arrives as two tables (PDF, scan) or as one
table with a gap (text transcription), and the row that straddles the break is
split in two: the part after the break has an empty "Số TT" cell (seed 000,
rows 5 and 19).  Three repairs, in order:

1. consecutive tables with the same columns (a repeated header dropped) are one table;
2. a row with an empty first cell that is not a group heading continues the row above;
3. a fragment that landed in the wrong row (row 20's lead cell begins with the
   ``- Xã hội`` that ends row 19's) is moved back when the document's own
   vocabulary says so: the column already contains both repaired values.
"""

from __future__ import annotations

import re

from .model import Block, RawLine, RawTable

_PAGE_FURNITURE = re.compile(r"^\s*(?:-?\s*\d{1,3}\s*-?|Trang\s+\d+(?:\s*/\s*\d+)?)\s*$", re.I)


def _norm_header(row: list[str]) -> list[str]:
    return [" ".join(c.lower().split()) for c in row]


def _looks_like_header(row: list[str]) -> bool:
    joined = " ".join(row).lower()
    return any(k in joined for k in ("stt", "số tt", "nội dung", "chủ trì", "phối hợp", "thời gian", "nhiệm vụ"))


def _width(table: RawTable) -> int:
    return max((len(r) for r in table.rows), default=0)


def _concat(a: RawTable, b: RawTable) -> RawTable:
    rows_b = list(b.rows)
    pages_b = list(b.row_pages or [b.page] * len(b.rows))
    if rows_b and a.rows and _norm_header(rows_b[0]) == _norm_header(a.rows[0]):
        rows_b, pages_b = rows_b[1:], pages_b[1:]       # header repeated on the new page
    pages_a = list(a.row_pages or [a.page] * len(a.rows))
    return RawTable(a.rows + rows_b, a.page, pages_a + pages_b, a.bbox, a.ruled and b.ruled)


def _continues(a: RawTable, b: RawTable) -> bool:
    if not a.rows or not b.rows:
        return False
    wa = len(a.rows[0])
    wb = len(b.rows[0])
    if wa != wb and not (abs(wa - wb) <= 1 and b.page != a.page):
        return False
    if _looks_like_header(b.rows[0]) and _norm_header(b.rows[0]) != _norm_header(a.rows[0]):
        return False
    return True


def _trim_width(table: RawTable) -> RawTable:
    """Pad/trim rows to the header's width (trailing empty cells are noise)."""
    if not table.rows:
        return table
    width = len(table.rows[0])
    while width > 1 and all(not (r[width - 1] if len(r) >= width else "").strip() for r in table.rows):
        width -= 1
    rows = []
    for r in table.rows:
        r = list(r)
        while len(r) > width and not r[-1].strip():
            r.pop()
        if len(r) > width:                 # overflow: fold extra cells into the last one
            r = r[:width - 1] + [" ".join(c for c in r[width - 1:] if c.strip())]
        rows.append(r + [""] * (width - len(r)))
    return RawTable(rows, table.page, table.row_pages, table.bbox, table.ruled)


_ROMAN = re.compile(r"^[IVXLC]+\.?$")


def _is_group_row(row: list[str]) -> bool:
    first = row[0].strip()
    rest = [c for c in row[1:] if c.strip()]
    return bool(_ROMAN.match(first)) and len(rest) <= 1


def _join(a: str, b: str) -> str:
    a, b = a.strip(), b.strip()
    if not a:
        return b
    if not b:
        return a
    return f"{a} {b}"


def _merge_continuations(table: RawTable) -> RawTable:
    if not table.rows:
        return table
    has_serial = sum(bool(re.match(r"^\s*(?:\d+|[IVXLC]+)\.?\s*$", r[0])) for r in table.rows[1:]) >= max(1, (len(table.rows) - 1) // 2)
    if not has_serial:
        return table
    rows: list[list[str]] = []
    pages: list[int] = []
    row_pages = table.row_pages or [table.page] * len(table.rows)
    for i, (row, page) in enumerate(zip(table.rows, row_pages)):
        if i > 1 and not row[0].strip() and any(c.strip() for c in row) and rows and not _is_group_row(rows[-1]):
            rows[-1] = [_join(a, b) for a, b in zip(rows[-1], row)]
            continue
        rows.append(list(row))
        pages.append(page)
    return RawTable(rows, table.page, pages, table.bbox, table.ruled)


def _repair_misplaced(table: RawTable) -> RawTable:
    rows = [list(r) for r in table.rows]
    if len(rows) < 3:
        return table
    width = len(rows[0])
    for col in range(1, width):
        values = [r[col] for r in rows[1:]]
        for i in range(1, len(rows) - 1):
            prev, cur = rows[i][col].strip(), rows[i + 1][col].strip()
            if not prev or not cur:
                continue
            vocab = {v.strip() for j, v in enumerate(values, start=1) if j not in (i, i + 1) and v.strip()}
            if prev in vocab or cur in vocab:
                continue
            words = cur.split()
            for k in range(1, len(words)):
                head, tail = " ".join(words[:k]), " ".join(words[k:])
                if _join(prev, head) in vocab and tail in vocab:
                    rows[i][col], rows[i + 1][col] = _join(prev, head), tail
                    break
    return RawTable(rows, table.page, table.row_pages, table.bbox, table.ruled)


def merge_tables(blocks: list[Block]) -> list[Block]:
    """Join page-split tables and continuation rows; return the new block list."""
    out: list[Block] = []
    pending: list[RawLine] = []           # page furniture between two table parts
    for block in blocks:
        if isinstance(block, RawTable):
            last_table = next((b for b in reversed(out) if isinstance(b, RawTable)), None)
            only_furniture = all(_PAGE_FURNITURE.match(l.text) or not l.text.strip() for l in pending)
            if last_table is not None and out and out[-1] is last_table and only_furniture and _continues(last_table, block):
                out[-1] = _concat(last_table, block)
                pending = []
                continue
            out.extend(pending)
            pending = []
            out.append(block)
        else:
            if out and isinstance(out[-1], RawTable) and (_PAGE_FURNITURE.match(block.text) or not block.text.strip()):
                pending.append(block)
                continue
            out.extend(pending)
            pending = []
            out.append(block)
    out.extend(pending)
    return [_repair_misplaced(_merge_continuations(_trim_width(b))) if isinstance(b, RawTable) else b for b in out]

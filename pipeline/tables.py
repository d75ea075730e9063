"""Repair tables: join the pieces a page break cut apart.

A task table printed over two pages arrives as two tables (PDF, scan) or as one
table with a gap (text transcription), and the row that straddles the break is
split in two: the part after the break has an empty "Số TT" cell (seed 000,
rows 5 and 19).  Three repairs, in order:

1. consecutive tables with the same columns (a repeated header dropped) are one table;
2. a row with an empty first cell that is not a group heading continues the row above —
   only in tables whose rows come from layout (PDF, scan, text); a row of real table
   markup (``RawTable.rows_are_markup``: DOCX, DOC, RTF, ODT, HTML, sheets, slides)
   is a whole row and is never merged;
3. a fragment that landed in the wrong row (row 20's lead cell begins with the
   ``- Xã hội`` that ends row 19's) is moved back when the document's own
   vocabulary says so: the column already contains both repaired values.

Before all three, a "table" that is running text a PDF's ruling lines boxed in
(no header row, most rows one line of prose in the first column) is turned back
into paragraphs, so the prose readers see its assignments (a conclusion notice
framed on every page gave no task at all).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .column_roles import looks_like_header
from .model import Block, RawLine, RawTable
from .sections import ROMANS

_PAGE_FURNITURE = re.compile(r"^\s*(?:-?\s*\d{1,3}\s*-?|Trang\s+\d+(?:\s*/\s*\d+)?)\s*$", re.I)


def _norm_header(row: list[str]) -> list[str]:
    return [" ".join(c.lower().replace("|", " ").split()) for c in row]


def _concat(a: RawTable, b: RawTable) -> RawTable:
    rows_b = list(b.rows)
    pages_b = list(b.row_pages or [b.page] * len(b.rows))
    boxes_b = b.boxes_of()
    if rows_b and a.rows and (_norm_header(rows_b[0]) == _norm_header(a.rows[0]) or
                              (looks_like_header(rows_b[0]) and looks_like_header(a.rows[0]))):
        rows_b, pages_b, boxes_b = rows_b[1:], pages_b[1:], boxes_b[1:]   # header repeated on the new page
    pages_a = list(a.row_pages or [a.page] * len(a.rows))
    return RawTable(a.rows + rows_b, a.page, pages_a + pages_b, a.bbox, a.ruled and b.ruled, a.boxes_of() + boxes_b,
                    rows_are_markup=a.rows_are_markup and b.rows_are_markup)


def _continues(a: RawTable, b: RawTable) -> bool:
    if not a.rows or not b.rows:
        return False
    wa = len(a.rows[0])
    wb = len(b.rows[0])
    if wa != wb and not (abs(wa - wb) <= 1 and b.page != a.page):
        return False
    if looks_like_header(b.rows[0]) and not looks_like_header(a.rows[0]):
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
    boxes = []
    for r, b in zip(table.rows, table.boxes_of()):
        r = list(r)
        while len(r) > width and not r[-1].strip():
            r.pop()
            b.pop()
        if len(r) > width:                 # overflow: fold extra cells into the last one
            r = r[:width - 1] + [" ".join(c for c in r[width - 1:] if c.strip())]
            b = b[:width - 1] + [[x for cell in b[width - 1:] for x in cell]]
        rows.append(r + [""] * (width - len(r)))
        boxes.append(b + [[] for _ in range(width - len(b))])
    return replace(table, rows=rows, cell_boxes=boxes)


_ROMAN = re.compile(r"^[IVXLC]+\.?$")


def _is_group_row(row: list[str]) -> bool:
    first = row[0].strip()
    rest = [c for c in row[1:] if c.strip()]
    return bool(_ROMAN.match(first)) and len(rest) <= 1 or (len(row) > 2 and _is_heading_row(row))


def _join(a: str, b: str) -> str:
    a, b = a.strip(), b.strip()
    if not a:
        return b
    if not b:
        return a
    return f"{a} {b}"


def _merge_continuations(table: RawTable) -> RawTable:
    if not table.rows or table.rows_are_markup:    # markup rows are whole rows by construction
        return table
    has_serial = sum(bool(re.match(r"^\s*(?:\d+|[IVXLC]+)\.?\s*$", r[0])) for r in table.rows[1:]) >= max(1, (len(table.rows) - 1) // 2)
    if not has_serial:
        return table
    rows: list[list[str]] = []
    pages: list[int] = []
    boxes: list = []
    row_pages = table.row_pages or [table.page] * len(table.rows)
    last_serial = 0
    for i, (row, page, row_boxes) in enumerate(zip(table.rows, row_pages, table.boxes_of())):
        if row[0].strip().isdigit():
            last_serial = int(row[0].strip())
        if i > 1 and not row[0].strip() and any(c.strip() for c in row) and rows:
            if _is_continuation(row) and not _is_group_row(rows[-1]):
                rows[-1] = [_join(a, b) for a, b in zip(rows[-1], row)]
                boxes[-1] = [a + b for a, b in zip(boxes[-1], row_boxes)]
                continue
            # a whole row whose number the scan lost: it follows its neighbour
            row = list(row)
            if last_serial:
                last_serial += 1
                row[0] = str(last_serial)
        rows.append(list(row))
        pages.append(page)
        boxes.append(row_boxes)
    return replace(table, rows=rows, row_pages=pages, cell_boxes=boxes)


def _is_continuation(row: list[str]) -> bool:
    """The part of a row that a page break pushed onto the next page.

    Its text goes on mid-sentence (lower-case start) or it carries only some of
    the row (no value in the last column); a full row that merely lost its
    number to OCR is not one.
    """
    texts = [c.strip() for c in row[1:]]
    first = next((t for t in texts if t), "")
    if first[:1].islower() or first[:1] in "-–,;.)":
        return True
    return not texts[-1] or sum(bool(t) for t in texts) < len(texts)


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
    return replace(table, rows=rows)


_RULE_NOISE = re.compile(r"\s*[|¦│]\s*")
_TRAILING_UNDERSCORE = re.compile(r"(?<=\w)_+(?=\s|$)")


def _clean_cells(table: RawTable) -> RawTable:
    """Remove what OCR makes of ruling lines (``|``) and tidy the number column.

    A cell of real table markup holds exactly its text: only a serial's own
    punctuation is tidied (``1.`` → ``1``), never words (``5. Gạo`` stays)."""
    if table.rows_are_markup:
        rows = [list(r) for r in table.rows]
        for cells in rows:
            if cells:
                m = re.match(r"^\s*(\d{1,3}|[IVXLC]{1,5})[.)]?\s*$", cells[0])
                if m:
                    cells[0] = m.group(1)
        return replace(table, rows=rows)
    rows = []
    for r in table.rows:
        cells = [" ".join(_TRAILING_UNDERSCORE.sub("", _RULE_NOISE.sub(" ", c)).split()) for c in r]
        if cells:
            m = re.match(r"^\s*(\d{1,3}|[IVXLC]{1,5})(?![\dA-Za-z])", cells[0])
            if m and len(cells[0]) <= 8:
                cells[0] = m.group(1)
        rows.append(cells)
    return replace(table, rows=rows)


_ROMANS = ROMANS


def _is_heading_row(row: list[str]) -> bool:
    """A group heading: capitals in the task column, nothing in the others."""
    desc = row[1].strip() if len(row) > 1 else ""
    letters = [c for c in desc if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.9 and \
        not any(c.strip() for c in row[2:])


def _number_groups(table: RawTable) -> RawTable:
    """Group rows (I, II, III …) are consecutive: a label the scan lost or
    misread ("1", "1H") is replaced by the next one in the sequence."""
    rows = [list(r) for r in table.rows]
    expected = 0
    for r in rows[1:]:
        if len(r) < 2 or not _is_heading_row(r):
            continue
        label = r[0].strip().rstrip(".")
        if label in _ROMANS and _ROMANS.index(label) >= expected:
            expected = _ROMANS.index(label) + 1
        elif expected < len(_ROMANS):
            r[0] = _ROMANS[expected]
            expected += 1
    return replace(table, rows=rows)


def _fix_serials(table: RawTable) -> RawTable:
    """Task numbers run 1, 2, 3 …: one that breaks the run while both of its
    neighbours agree (12, 15, 14) is an OCR slip and takes the value between them."""
    rows = [list(r) for r in table.rows]
    idx = [i for i, r in enumerate(rows) if r and r[0].strip().isdigit()]
    for k in range(1, len(idx) - 1):
        prev, cur, nxt = (int(rows[i][0]) for i in (idx[k - 1], idx[k], idx[k + 1]))
        if nxt - prev == 2 and cur != prev + 1:
            rows[idx[k]][0] = str(prev + 1)
    return replace(table, rows=rows)


_PROSE_ROW_SHARE = 0.6      # rows holding one cell of text, in a frame of running text
_PROSE_LINE_CHARS = 30      # ... and that cell is a line of prose, not a label


def _filled(row: list[str]) -> list[int]:
    return [i for i, c in enumerate(row) if c.strip()]


def _is_header_row(row: list[str]) -> bool:
    cells = [row[i].strip() for i in _filled(row)]
    return len(cells) >= 2 and all(len(c) <= 40 for c in cells)


def is_prose_in_a_frame(table: RawTable) -> bool:
    """Running text that a PDF's ruling lines (a page frame, a boxed paragraph)
    made look like a table: no header row, and most rows hold one line of prose
    in the first column, sometimes cut in two where a stray rule crossed it.
    Left as a table its paragraphs are lost to every prose reader."""
    if table.rows_are_markup or len(table.rows) < 3:
        return False
    if any(_is_header_row(r) for r in table.rows[:2]):
        return False
    rows = [r for r in table.rows if _filled(r)]
    if not rows:
        return False
    single = [r for r in rows if len(_filled(r)) == 1]
    if len(single) < _PROSE_ROW_SHARE * len(rows):
        return False
    first_col = [r for r in single if _filled(r)[0] == 0]
    lengths = sorted(len(r[0].strip()) for r in first_col)
    return len(first_col) >= 0.8 * len(single) and bool(lengths) and lengths[len(lengths) // 2] >= _PROSE_LINE_CHARS


def _glue(pieces: list[str]) -> str:
    """Join the pieces of one line; a word a stray rule cut ("b) T" | "hường
    xuyên") is joined back without a space."""
    text = ""
    for piece in pieces:
        if text and re.search(r"(?:^|\s)[A-ZĐ]$", text) and piece[:1].islower():
            text += piece
        else:
            text = f"{text} {piece}" if text else piece
    return text


def _starts_paragraph(prev: str, text: str) -> bool:
    from .sections import match_label
    t = text.lstrip()
    if t[:1] in "-–•+" or match_label(t) is not None:
        return True
    return prev.rstrip()[-1:] in ".:!?" and (t[:1].isupper() or t[:1].isdigit())


def _as_lines(table: RawTable) -> list[RawLine]:
    """The rows of a frame of prose as the paragraphs they are: a row that does
    not open an item or a sentence goes on the line before it."""
    pages = table.row_pages or [table.page] * len(table.rows)
    lines: list[RawLine] = []
    for row, page, boxes in zip(table.rows, pages, table.boxes_of()):
        text = _glue([c.strip() for c in row if c.strip()])
        if not text:
            continue
        regions = [box for cell in boxes for (pg, box) in cell if pg == page]
        bbox = (min(b[0] for b in regions), min(b[1] for b in regions),
                max(b[2] for b in regions), max(b[3] for b in regions)) if regions else None
        last = lines[-1] if lines else None
        if last is not None and last.page == page and not _starts_paragraph(last.text, text):
            last.text = f"{last.text} {text}"
            if last.bbox and bbox:
                last.bbox = (min(last.bbox[0], bbox[0]), min(last.bbox[1], bbox[1]),
                             max(last.bbox[2], bbox[2]), max(last.bbox[3], bbox[3]))
            continue
        lines.append(RawLine(text, page, bbox, paragraph_break=True))
    return lines


def _unframe(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, RawTable) and is_prose_in_a_frame(_trim_width(block)):
            out.extend(_as_lines(block))
        else:
            out.append(block)
    return out


def merge_tables(blocks: list[Block]) -> list[Block]:
    """Join page-split tables and continuation rows; return the new block list."""
    out: list[Block] = []
    pending: list[RawLine] = []           # page furniture between two table parts
    for block in _unframe(blocks):
        if isinstance(block, RawTable):
            block = _trim_width(block)    # trailing empty cells must not hide a continuation
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
    return [_repair_misplaced(_fix_serials(_merge_continuations(_number_groups(_trim_width(_clean_cells(b))))))
            if isinstance(b, RawTable) else b for b in out]

"""Lay reader blocks out into one text with offsets.

Lines are joined with ``\\n``; a table is written as one text line per row with
cells separated by ``\\t`` — the same shape as the text transcriptions — so a
cell's offsets point at its text in the shipped ``text``.  Table rows that
continue across a page break are merged here (see :mod:`pipeline.tables`),
before offsets are assigned, so every extractor sees whole rows.
"""

from __future__ import annotations

from .model import (Cell, Document, Line, RawDocument, RawLine, RawTable, Row, Table)
from .sections import find_sections
from .tables import merge_tables
from .textnorm import clean_text


def assemble(raw: RawDocument) -> Document:
    blocks = merge_tables(raw.blocks)
    parts: list[str] = []
    pos = 0
    lines: list[Line] = []
    tables: list[Table] = []

    def emit(text: str) -> tuple[int, int]:
        nonlocal pos
        if parts:
            parts.append("\n")
            pos += 1
        start = pos
        parts.append(text)
        pos += len(text)
        return start, pos

    for block in blocks:
        if isinstance(block, RawLine):
            text = clean_text(block.text).replace("\n", " ").replace("\t", " ")
            start, end = emit(text)
            lines.append(Line(len(lines), text, start, end, block.page, block.bbox, block.conf,
                              block.bold, block.column, block.paragraph_break, block.words))
        elif isinstance(block, RawTable):
            rows: list[Row] = []
            table_start = None
            row_pages = block.row_pages or [block.page] * len(block.rows)
            for cells, page, boxes in zip(block.rows, row_pages, block.boxes_of()):
                texts = [" ".join(clean_text(c or "").split()) for c in cells]
                row_text = "\t".join(texts)
                start, end = emit(row_text)
                if table_start is None:
                    table_start = start
                offset = start
                row_cells = []
                for t, cell_boxes in zip(texts, boxes):
                    row_cells.append(Cell(t, offset, offset + len(t), page, cell_boxes))
                    offset += len(t) + 1
                rows.append(Row(row_cells, page, start, end))
            if rows:
                pages = sorted({r.page for r in rows})
                tables.append(Table(len(tables), rows, pages, table_start, pos))
    doc = Document("".join(parts), lines, tables, raw.pages, raw.format,
                   warnings=list(raw.warnings), ocr=raw.ocr, legacy_encoding=raw.legacy_encoding)
    doc.sections = find_sections(doc)
    return doc

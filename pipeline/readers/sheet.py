"""Spreadsheets (XLSX; XLS and ODS through LibreOffice → XLSX): each sheet a table.

A sheet becomes a heading line with its name and a :class:`RawTable` of its
used range, row by row, so task extraction works on spreadsheet task lists
(``TT | Nội dung công việc | Đơn vị chủ trì | … | Thời gian hoàn thành``).
Cells read as a person sees them: dates ``dd/mm/yyyy``, whole numbers
without ``.0``, other numbers with Excel's ten significant digits, formulas by
their cached value.  Each cell — or each run of a rich-text cell — is decoded
by its font (:func:`~vanban.pipeline.legacy_encoding.decode_run`: ``.VnTime``
→ TCVN3, ``VNI-Times`` → VNI); what fonts do not settle goes to the
whole-document detection of :func:`convert_legacy_blocks`.

XLS (Excel 97–2003, including the BIFF5 files of the 1990s) and ODS are
converted by LibreOffice, which keeps cell fonts; openpyxl then reads the
copy.  openpyxl parses with entity resolution off; a zip bomb is refused from
the sizes the zip directory declares.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..errors import CorruptFile
from ..legacy_encoding import decode_run
from ..model import PageInfo, RawDocument, RawLine, RawTable
from ..textnorm import clean_text
from .legacy_blocks import convert_legacy_blocks
from .zip_container import check_container

# A cell in a Unicode font holding TCVN3 codes (typed with a TCVN3 keyboard in
# Arial) spells ``ư`` as byte 0xAD, a soft hyphen: it is kept until the
# whole-workbook detection has converted the cell, and dropped after.
_SOFT_HYPHEN = "\u00ad"
_KEPT = "\ue0ad"                          # private-use stand-in while clean_text runs
MAX_CELLS = 500_000                      # cells read per workbook; the rest is dropped with a warning
WHOLE_DOCUMENT_DETECTION = True          # see read_xlsx


def format_value(value) -> str:
    """A cell value as Excel shows it in the General format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, _dt.datetime):
        if value.hour or value.minute or value.second:
            return value.strftime("%d/%m/%Y %H:%M")
        return value.strftime("%d/%m/%Y")
    if isinstance(value, _dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, _dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}"
    return str(value)


def _cell_text(cell) -> tuple[str, bool]:
    """The cell as shown, and whether a legacy font decoded it."""
    value = cell.value
    font = cell.font.name if cell.font is not None else None
    try:
        from openpyxl.cell.rich_text import CellRichText, TextBlock
    except ImportError:                               # pragma: no cover - old openpyxl
        CellRichText = TextBlock = ()
    if CellRichText and isinstance(value, CellRichText):
        parts = []
        settled = False
        for block in value:
            if isinstance(block, TextBlock):
                run_font = getattr(block.font, "rFont", None) or font
                text = block.text
            else:
                run_font, text = font, str(block)
            decoded = decode_run(text, run_font) if text else None
            settled = settled or decoded is not None
            parts.append(decoded if decoded is not None else text)
        return "".join(parts), settled
    if isinstance(value, str):
        decoded = decode_run(value, font)
        return (decoded, True) if decoded is not None else (value, False)
    return format_value(value), True


def read_xlsx(path: Path, options=None) -> RawDocument:
    from ..limits import Limits
    limits = getattr(options, "limits", None) or Limits()
    check_container(path, limits.max_docx_uncompressed, "spreadsheet")
    import openpyxl
    try:
        wb = openpyxl.load_workbook(str(path), data_only=True, rich_text=True)
    except Exception as exc:
        raise CorruptFile(f"spreadsheet cannot be read ({type(exc).__name__}: {exc})") from exc
    blocks: list = []
    settled: set = set()              # cells their fonts decoded: not to be converted again
    warnings: list[str] = []
    budget = MAX_CELLS
    try:
        for ws in wb.worksheets:
            rows: list[list[str]] = []
            for row in ws.iter_rows():
                if budget <= 0:
                    break
                budget -= len(row)
                cells, done = [], []
                for c in row:
                    text, by_font = _cell_text(c) if c.value is not None else ("", False)
                    if not by_font and _SOFT_HYPHEN in text:   # maybe a TCVN3 ư: kept for the detection below
                        text = clean_text(text.replace(_SOFT_HYPHEN, _KEPT)).replace(_KEPT, _SOFT_HYPHEN)
                    else:
                        text = clean_text(text)
                    cells.append(" ".join(text.split()))
                    done.append(by_font)
                rows.append((cells, done))
            if budget <= 0:
                warnings.append(f"workbook over {MAX_CELLS} cells: the rest was not read")
            # trim empty rows and columns around the used range
            rows = [(r, d) for r, d in rows if any(r)]
            if not rows:
                continue
            width = max(max((i + 1 for i, c in enumerate(r) if c), default=0) for r, _ in rows)
            lead = min(min((i for i, c in enumerate(r) if c), default=width) for r, _ in rows)
            blocks.append(RawLine(ws.title, paragraph_break=True, bold=True))
            table_index = len(blocks)
            for r, (cells, done) in enumerate(rows):
                settled.update((table_index, r, j - lead) for j, d in enumerate(done) if d and lead <= j < width)
            blocks.append(RawTable([r[lead:width] + [""] * (width - len(r)) for r, _ in rows], rows_are_markup=True))
            if budget <= 0:
                break
    finally:
        wb.close()
    # cells in a Unicode font that still hold legacy codes (an Arial cell typed
    # with a TCVN3 keyboard): whole-workbook detection, measured better than
    # trusting the fonts alone (0.982 vs 0.968 on the 15 legacy XLS files)
    legacy, legacy_warnings = convert_legacy_blocks(blocks, settled) if WHOLE_DOCUMENT_DETECTION else (None, [])
    for b in blocks:                      # soft hyphens the conversion did not read as ư are what Excel hides
        if isinstance(b, RawTable):
            b.rows = [[c.replace(_SOFT_HYPHEN, "") if _SOFT_HYPHEN in c else c for c in row] for row in b.rows]
    return RawDocument(blocks, [PageInfo(1, text_source="sheet")], "xlsx", warnings + legacy_warnings,
                       legacy_encoding=legacy)


def read_sheet(path: Path, options=None) -> RawDocument:
    """XLSX directly; XLS and ODS (and anything else LibreOffice Calc opens) via XLSX."""
    from ..detect import sniff
    fmt = sniff(path)
    if fmt == "xlsx":
        return read_xlsx(path, options)
    from .office_convert import via_libreoffice
    return via_libreoffice(path, "xlsx", read_xlsx, fmt if fmt in ("xls", "ods") else "xls", "sheet", options)

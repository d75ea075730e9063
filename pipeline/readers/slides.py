"""Presentations (PPTX; PPT and ODP through LibreOffice → PPTX).

Slides in order; on each slide the shapes in the order the file keeps them
(title placeholder first, as PowerPoint's outline reads them), group shapes
opened, each paragraph a line, each table a :class:`RawTable`, then the
speaker notes.  Every run is decoded by its font — its own, else the
paragraph's default — through
:func:`~vanban.pipeline.legacy_encoding.decode_run` (``VNI-Avo``/``VNI-Times``
→ VNI, ``.VnTime`` → TCVN3); what fonts do not settle goes to the
whole-document detection of :func:`convert_legacy_blocks`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CorruptFile
from ..legacy_encoding import decode_run
from ..model import PageInfo, RawDocument, RawLine, RawTable
from ..textnorm import clean_text
from .legacy_blocks import convert_legacy_blocks
from .zip_container import check_container

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _paragraph_text(p) -> str:
    """One ``a:p`` element: its runs decoded by font, line breaks kept."""
    ppr = p.find(f"{_A}pPr")
    default = None
    if ppr is not None:
        latin = ppr.find(f"{_A}defRPr/{_A}latin")
        default = latin.get("typeface") if latin is not None else None
    end = p.find(f"{_A}endParaRPr/{_A}latin")
    if default is None and end is not None:
        default = end.get("typeface")
    parts = []
    for el in p:
        if el.tag == f"{_A}r" or el.tag == f"{_A}fld":
            t = el.find(f"{_A}t")
            text = (t.text or "") if t is not None else ""
            latin = el.find(f"{_A}rPr/{_A}latin")
            font = latin.get("typeface") if latin is not None else default
            if font and font.startswith("+"):            # a theme font (+mn-lt): no legacy name
                font = None
            decoded = decode_run(text, font) if text else None
            parts.append(decoded if decoded is not None else text)
        elif el.tag == f"{_A}br":
            parts.append("\n")
    return "".join(parts)


def _frame_lines(txbody) -> list[str]:
    lines = []
    for p in txbody.iter(f"{_A}p"):
        for piece in clean_text(_paragraph_text(p)).split("\n"):
            piece = " ".join(piece.replace("\t", " ").split())
            if piece:
                lines.append(piece)
    return lines


def _shape_blocks(shape, blocks: list, page: int) -> None:
    if getattr(shape, "shape_type", None) is not None and shape.shape_type == 6:      # GROUP
        for inner in shape.shapes:
            _shape_blocks(inner, blocks, page)
        return
    if getattr(shape, "has_table", False) and shape.has_table:
        rows = []
        for row in shape.table.rows:
            cells = []
            for cell in row.cells:
                cells.append("; ".join(_frame_lines(cell._tc.txBody)) if cell._tc.txBody is not None else "")
            rows.append(cells)
        if any(any(r) for r in rows):
            blocks.append(RawTable(rows, page=page, rows_are_markup=True))
        return
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        first = True
        for line in _frame_lines(shape.text_frame._txBody):
            blocks.append(RawLine(line, page=page, paragraph_break=first))
            first = False


def read_pptx(path: Path, options=None) -> RawDocument:
    from ..limits import Limits
    limits = getattr(options, "limits", None) or Limits()
    check_container(path, limits.max_docx_uncompressed, "presentation")
    try:
        from pptx import Presentation
        prs = Presentation(str(path))
    except ImportError:
        raise
    except Exception as exc:
        raise CorruptFile(f"presentation cannot be read ({type(exc).__name__}: {exc})") from exc
    blocks: list = []
    pages: list[PageInfo] = []
    for number, slide in enumerate(prs.slides, 1):
        pages.append(PageInfo(number, text_source="slides"))
        for shape in slide.shapes:
            _shape_blocks(shape, blocks, number)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            for i, line in enumerate(_frame_lines(slide.notes_slide.notes_text_frame._txBody)):
                blocks.append(RawLine(line, page=number, paragraph_break=i == 0))
    if not pages:
        pages.append(PageInfo(1, text_source="slides"))
    legacy, warnings = convert_legacy_blocks(blocks)
    return RawDocument(blocks, pages, "pptx", warnings, legacy_encoding=legacy)


def read_slides(path: Path, options=None) -> RawDocument:
    """PPTX directly; PPT and ODP (and what else LibreOffice Impress opens) via PPTX."""
    from ..detect import sniff
    fmt = sniff(path)
    if fmt == "pptx":
        return read_pptx(path, options)
    from .office_convert import via_libreoffice
    return via_libreoffice(path, "pptx", read_pptx, fmt if fmt in ("ppt", "odp") else "ppt", "slides", options)

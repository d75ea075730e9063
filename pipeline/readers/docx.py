"""DOCX: paragraphs and tables in document order (python-docx).

python-docx parses with entity resolution off, so an XML external entity in a
hostile file is not fetched.  A zip bomb is refused before parsing, from the
sizes the zip directory declares.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import CorruptFile, TooLarge
from ..model import PageInfo, RawDocument, RawLine, RawTable
from ..legacy_encoding import decode_run
from ..textnorm import clean_text
from .legacy_blocks import convert_legacy_blocks
from .layout_tables import is_layout_table, layout_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(path: Path, limit: int) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(i.file_size for i in zf.infolist())
            packed = sum(i.compress_size for i in zf.infolist()) or 1
    except zipfile.BadZipFile as exc:
        raise CorruptFile(f"DOCX container is damaged ({exc})") from exc
    if total > limit or (total > 50_000_000 and total / packed > 100):
        raise TooLarge(f"DOCX expands to {total / 1e6:.0f} MB (compression ratio {total / packed:.0f}:1): refused as a zip bomb")


def _run_font(r) -> str | None:
    fonts = r.find(f"{_W}rPr/{_W}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}cs")


def _run_text(r) -> str:
    """A run's text as Word shows it.  ``softHyphen`` is kept as U+00AD: in a
    TCVN3 document that code is the letter ư (``decode_run`` decides)."""
    parts = []
    for x in r:
        if x.tag == f"{_W}t":
            parts.append(x.text or "")
        elif x.tag == f"{_W}tab":
            parts.append("\t")
        elif x.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif x.tag == f"{_W}softHyphen":
            parts.append("\u00ad")
    return "".join(parts)


def _para_text(p) -> tuple[str, bool]:
    runs = [r for r in p.iter(f"{_W}r")]
    texts = []
    bold_all = True
    any_text = False
    for r in runs:
        t = _run_text(r)
        decoded = decode_run(t, _run_font(r)) if t else None
        if decoded is not None:
            t = decoded
        if t.strip():
            any_text = True
            rpr = r.find(f"{_W}rPr")
            b = rpr is not None and rpr.find(f"{_W}b") is not None and rpr.find(f"{_W}b").get(f"{_W}val") not in ("0", "false")
            bold_all = bold_all and b
        texts.append(t)
    return "".join(texts), bold_all and any_text


def _cell_text(tc) -> str:
    return "\n".join(_para_text(p)[0] for p in tc.iter(f"{_W}p"))


def _table_rows(tbl) -> list[list[str]]:
    """Cell texts on the table grid.  A horizontally merged cell fills its first
    grid column; a vertically merged one (``vMerge`` continue) repeats the text
    above it — one owner written once for several tasks belongs to each."""
    rows: list[list[str]] = []
    for tr in tbl.findall(f"{_W}tr"):
        row: list[str] = []
        for tc in tr.findall(f"{_W}tc"):
            text = clean_text(_cell_text(tc))
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            n = int(span.get(f"{_W}val")) if span is not None and span.get(f"{_W}val", "").isdigit() else 1
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vmerge is not None and vmerge.get(f"{_W}val") in (None, "continue") and rows:
                above = rows[-1]
                col = len(row)
                text = above[col] if col < len(above) else text
            row.append(text)
            row.extend([""] * (n - 1))
        rows.append(row)
    return rows


def read_docx(path: Path, options=None) -> RawDocument:
    from ..limits import Limits
    limits = getattr(options, "limits", None) or Limits()
    _check_zip(path, limits.max_docx_uncompressed)
    import docx
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise CorruptFile(f"DOCX cannot be read ({type(exc).__name__}: {exc})") from exc
    blocks: list = []
    for el in document.element.body.iterchildren():
        if el.tag == f"{_W}p":
            text, bold = _para_text(el)
            text = clean_text(text)
            for piece in text.split("\n"):
                if piece.strip():
                    blocks.append(RawLine(" ".join(piece.replace("\t", " ").split()), bold=bold, paragraph_break=True))
        elif el.tag == f"{_W}tbl":
            rows = _table_rows(el)
            if is_layout_table(rows):
                blocks.extend(layout_lines(rows))
            elif rows:
                blocks.append(RawTable([[" ".join(c.split()) for c in r] for r in rows]))
    legacy, warnings = convert_legacy_blocks(blocks)
    return RawDocument(blocks, [PageInfo(1, text_source="docx")], "docx", warnings, legacy_encoding=legacy)

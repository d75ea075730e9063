"""PDFs: the text layer where a page has one that tells the truth, OCR where not.

Each page's text layer is judged from its own text (:mod:`..readability`,
a few ms a page) and :func:`ocr_reason` says why a page is OCR'd, recorded in
``source.pages[].ocr_reason``:

- ``no_text_layer`` — nothing to read;
- ``image_only`` — a thin layer over a page-sized image: a digital-signature
  stamp ("Ký bởi: Bộ Công Thương…") over a scan; the stamp text is kept too
  (it dates the signature);
- ``cid_glyphs`` / ``glyph_shifted`` — a born-digital page whose fonts give
  glyph ids instead of letters (``(cid:38)``, ``&Ӝ1* HOÀ``).  These are first
  decoded through the embedded TrueType program's own cmap
  (``decoded: glyph_ids+font_cmap``; exact on real Word PDFs broken this way)
  and only OCR'd when that does not read as Vietnamese;
- ``no_tone_marks`` / ``not_vietnamese`` — a layer over a page-sized image that
  is a scanner's own OCR without Vietnamese (``CQNG HOA XA HQI``);
- ``forced`` — ``ParseOptions.force_ocr``.

A clean non-Vietnamese layer without an image is kept (the language check then
rejects the file), and so is a page with too little text to judge (signature
block, a table of numbers).  Legacy TCVN3/VNI pages are decodable, not lying:
they are kept and converted.  Ruled tables on text pages come from
pdfplumber's table finder; their words are taken out of the running text.
AcroForm text fields (the number and the day of e-signed letters) are read
from their appearance or, failing that, their value, and put in the line they fill.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorruptFile, EmptyDocument, EncryptedFile, TooLarge
from ..limits import report_pages
from ..layout import build_lines, interleave
from ..model import PageImage, PageInfo, RawDocument, RawLine, RawTable, RawWord
from ..textnorm import clean_text
from .legacy_blocks import convert_legacy_blocks

REVIEW_DPI = 110.0           # pictures of text-layer pages for the review page
MIN_TEXT_CHARS = 200          # fewer on a page mostly covered by an image → OCR it
IMAGE_COVER = 0.5


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages                 # forces the page tree to load
        return pdf
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedFile("PDF is encrypted (password needed)") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CorruptFile(f"PDF is damaged or truncated ({type(exc).__name__})") from exc
    except Exception as exc:
        # pdfplumber wraps pdfminer's errors; look at the cause as well
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__ or exc.__context__
        name = type(exc).__name__ + " " + type(cause).__name__
        if "Password" in name or "Encrypt" in name or _is_encrypted(path):
            raise EncryptedFile("PDF is encrypted (password needed)") from exc
        raise CorruptFile(f"PDF cannot be read ({name}: {exc})") from exc


def _is_encrypted(path: Path) -> bool:
    import logging
    logging.getLogger("pypdf").setLevel(logging.ERROR)     # a damaged file is reported by us, once
    try:
        from pypdf import PdfReader
        return bool(PdfReader(str(path)).is_encrypted)
    except Exception:
        return False


def _image_cover(page) -> float:
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for im in page.images:
        w = max(0.0, min(im["x1"], page.width) - max(im["x0"], 0))
        h = max(0.0, min(im["bottom"], page.height) - max(im["top"], 0))
        covered = max(covered, w * h / area)
    return covered


def _native_dpi(page) -> float | None:
    """Resolution of the scan image that covers the page, if there is one."""
    best = None
    for im in page.images:
        width_pt = im["x1"] - im["x0"]
        src = im.get("srcsize") or (None, None)
        if width_pt > page.width * 0.5 and src[0]:
            dpi = src[0] / (width_pt / 72.0)
            best = max(best or 0, dpi)
    return best


def _legacy_page(page, text: str) -> bool:
    """A page set in a TCVN3/VNI font: its text is decodable, not lying."""
    from ..legacy_encoding import detect, font_encoding
    fonts = {c.get("fontname") for c in page.chars[:2000]}
    return any(font_encoding(_base_font(f)) for f in fonts if f) or detect(text) is not None


def _has_legacy_font(page) -> bool:
    from ..legacy_encoding import font_encoding
    try:
        return any(font_encoding(f) for f in {c.get("fontname") for c in page.chars} if f)
    except Exception:
        return False


def _base_font(name: str) -> str:
    return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name


def ocr_reason(page, chars: int, force: bool = False) -> tuple[str | None, str | None]:
    """(why this page is OCR'd or None, a decoding to apply to its text layer or None).

    Order of the rules: a page without text, then a text layer that lies
    (cid glyphs, glyph ids shifted by 29 — OCR'd even without an image, the page
    is drawn right and only its text is wrong), then a layer over a page-sized
    image that does not read as Vietnamese (a scanner's toneless OCR, or
    anything else), then the short stamp-over-a-scan case.  A clean layer that
    is not Vietnamese and has no image under it is kept: the language check
    rejects the file.  Too little text to judge (signature page, table of
    numbers) is kept too.
    """
    from ..readability import judge, page_text, shift_decode
    if force:
        return "forced", None
    if chars == 0:
        return "no_text_layer", None
    read_fonts_without_tounicode(page)
    decoded = None
    done = _decoded_fonts(page)
    if done:
        # the document's producer is known to lie about glyphs: this page's
        # other glyph-id fonts (a line in a font not used before) lie as well
        if any(objid not in done for objid, _ in _glyph_id_fonts(page)):
            decode_glyph_ids(page)
        decoded = "glyph_ids+font_cmap" if uses_decoded_fonts(page) else None
    text = page_text(page.chars)
    verdict = judge(text)
    reason = verdict.reason
    if reason in ("glyph_shifted", "cid_glyphs", "no_tone_marks", "not_vietnamese") and _legacy_page(page, text):
        return None, None
    if reason in ("glyph_shifted", "cid_glyphs"):
        # the layer holds glyph ids: the embedded fonts' own cmaps say which
        # letter each glyph is; failing that, +29 gives back plain ASCII
        if decode_glyph_ids(page):
            return None, "glyph_ids+font_cmap"
        if reason == "glyph_shifted" and _readable(shift_decode(text)):
            return None, "glyph_shift+29"
        return reason, None
    covered = _image_cover(page) >= IMAGE_COVER
    if reason in ("no_tone_marks", "not_vietnamese") and covered:
        return reason, None
    if chars < MIN_TEXT_CHARS and covered:
        return "image_only", None
    return None, decoded


MIN_DECODED_SYLLABLES = 12


def _readable(text: str) -> bool:
    from ..readability import judge
    verdict = judge(text)
    return verdict.readable and verdict.syllables >= MIN_DECODED_SYLLABLES


def _glyph_id_fonts(page) -> list[tuple[int, dict]]:
    """(object id, font dict) of the page's Identity-coded CID fonts with an
    embedded TrueType program: their codes are glyph ids, and the program's own
    cmap says which letter each glyph is — whatever their ToUnicode claims."""
    from pdfminer.pdftypes import PDFObjRef, resolve1
    out = []
    try:
        fonts = resolve1((resolve1(page.page_obj.resources) or {}).get("Font")) or {}
        for ref in list(fonts.values())[:50]:
            font = resolve1(ref)
            if not isinstance(ref, PDFObjRef) or not isinstance(font, dict):
                continue
            if getattr(resolve1(font.get("Subtype")), "name", "") != "Type0":
                continue
            if getattr(resolve1(font.get("Encoding")), "name", "") != "Identity-H":
                continue
            desc = resolve1((resolve1(font.get("DescendantFonts")) or [None])[0]) or {}
            if getattr(resolve1(desc.get("CIDToGIDMap")), "name", "Identity") != "Identity":
                continue
            if resolve1((resolve1(desc.get("FontDescriptor")) or {}).get("FontFile2")) is not None:
                out.append((ref.objid, font))
    except Exception:                      # a damaged resource dictionary: nothing to decode with
        return []
    return out


def _font_program(font: dict) -> bytes | None:
    from pdfminer.pdftypes import resolve1
    try:
        desc = resolve1(resolve1(font.get("DescendantFonts"))[0])
        return resolve1(resolve1(desc.get("FontDescriptor")).get("FontFile2")).get_data()
    except Exception:
        return None


def glyph_unicode(data: bytes) -> dict[int, str]:
    """Glyph id → character from a TrueType program's Unicode cmap (formats 4
    and 12).  Several characters can share a glyph (space and no-break space,
    ';' and the Greek question mark): the Latin one with the lowest code wins.
    (pdfminer's own reader takes the last one and misreads format-4 segments
    that use glyph-index arrays — Times New Roman's ă ơ đ among them.)"""
    from struct import unpack_from
    char2gid: dict[int, int] = {}
    try:
        n_tables = unpack_from(">H", data, 4)[0]
        tables = {}
        for i in range(n_tables):
            tag, _, off, _len = unpack_from(">4sIII", data, 12 + 16 * i)
            tables[tag] = off
        base = tables[b"cmap"]
        for i in range(unpack_from(">H", data, base + 2)[0]):
            pid, eid, off = unpack_from(">HHI", data, base + 4 + 8 * i)
            if not (pid == 0 or (pid == 3 and eid in (1, 10))):
                continue
            p = base + off
            fmt = unpack_from(">H", data, p)[0]
            if fmt == 4:
                seg2 = unpack_from(">H", data, p + 6)[0]
                seg = seg2 // 2
                ends = unpack_from(f">{seg}H", data, p + 14)
                starts = unpack_from(f">{seg}H", data, p + 16 + seg2)
                deltas = unpack_from(f">{seg}h", data, p + 16 + 2 * seg2)
                ro = p + 16 + 3 * seg2
                offsets = unpack_from(f">{seg}H", data, ro)
                for k in range(seg):
                    for c in range(starts[k], min(ends[k], 0xFFFE) + 1):
                        if offsets[k] == 0:
                            g = (c + deltas[k]) & 0xFFFF
                        else:
                            g = unpack_from(">H", data, ro + 2 * k + offsets[k] + 2 * (c - starts[k]))[0]
                            g = (g + deltas[k]) & 0xFFFF if g else 0
                        if g:
                            char2gid.setdefault(c, g)
            elif fmt == 12:
                for j in range(unpack_from(">I", data, p + 12)[0]):
                    first, last, g0 = unpack_from(">III", data, p + 16 + 12 * j)
                    for c in range(first, min(last, first + 0x10000) + 1):
                        char2gid.setdefault(c, g0 + c - first)
    except Exception:                      # truncated or damaged table: what was read so far
        pass
    latin = lambda c: 0 if c < 0x250 or 0x1E00 <= c < 0x1F00 else 1  # noqa: E731
    out: dict[int, str] = {}
    for c in sorted(char2gid, key=lambda c: (latin(c), c)):
        if 0xD800 <= c < 0xE000 or c < 0x20:
            continue
        out.setdefault(char2gid[c], chr(c))
    return out


def _reread(page) -> None:
    """Forget the page's parsed chars so that the next access lays it out again."""
    for attr in ("_layout", "_objects"):
        page.__dict__.pop(attr, None)


def _install_map(rsrc, objid: int, spec: dict) -> bool:
    from pdfminer.pdffont import FileUnicodeMap
    data = _font_program(spec)
    table = glyph_unicode(data) if data else {}
    if not table:
        return False
    rsrc._cached_fonts.pop(objid, None)
    font = rsrc.get_font(objid, spec)           # cached: the interpreter will use this one
    umap = FileUnicodeMap()
    umap.cid2unichr = table
    font.unicode_map = umap
    rsrc._cached_fonts[objid] = font
    return True


def read_fonts_without_tounicode(page) -> None:
    """Glyph-id fonts with no ToUnicode are read through their program's cmap —
    with :func:`glyph_unicode`, not pdfminer's reader, which turns Times New
    Roman's ă ơ đ into Ą Ƣ Ē."""
    pdf = page.pdf
    fixed = pdf.__dict__.setdefault("_vanban_cmap_fonts", set())
    todo = [(objid, spec) for objid, spec in _glyph_id_fonts(page) if "ToUnicode" not in spec and objid not in fixed]
    if not todo:
        return
    changed = False
    for objid, spec in todo:
        fixed.add(objid)
        changed |= _install_map(pdf.rsrcmgr, objid, spec)
    if changed:
        _reread(page)


def decode_glyph_ids(page) -> bool:
    """Read the page again with its glyph-id fonts mapped through their embedded
    programs' cmaps instead of their ToUnicode.  Kept when the result reads as
    Vietnamese (the fonts stay decoded for the document's other pages, which
    share them); otherwise the fonts are forgotten and read as before."""
    from ..readability import page_text
    rsrc = page.pdf.rsrcmgr
    done = _decoded_fonts(page)
    changed = [objid for objid, spec in _glyph_id_fonts(page)
               if objid not in done and "ToUnicode" in spec and _install_map(rsrc, objid, spec)]
    if not changed:
        return False
    _reread(page)
    try:
        if _readable(page_text(page.chars)):
            done.update(changed)
            return True
    except Exception:
        pass
    for objid in changed:
        rsrc._cached_fonts.pop(objid, None)
    _reread(page)
    return False


def _decoded_fonts(page) -> set:
    pdf = page.pdf
    if not hasattr(pdf, "_vanban_decoded_fonts"):
        pdf._vanban_decoded_fonts = set()
    return pdf._vanban_decoded_fonts


def uses_decoded_fonts(page) -> bool:
    done = _decoded_fonts(page)
    return bool(done) and any(objid in done for objid, _ in _glyph_id_fonts(page))


def judge_text_ok(text: str) -> bool:
    """Stamp text worth keeping: no cid or shifted glyphs in it."""
    from ..readability import judge
    return judge(text).reason not in ("cid_glyphs", "glyph_shifted")


def _decode_chars(page, decoding: str) -> None:
    """Apply a measured decoding to the page's chars in place (pdfplumber caches them)."""
    from ..readability import shift_decode
    if decoding == "glyph_shift+29":
        for c in page.chars:
            c["text"] = shift_decode(c["text"])
    # "glyph_ids+font_cmap": decode_glyph_ids has already read the page again


def _table_rows(table) -> list[list[str]]:
    rows = []
    for row in table.extract():
        rows.append([clean_text(c or "").replace("\n", " ") for c in row])
    return rows


def _annotation_words(path: Path, page, number: int, words: list[dict]) -> list[RawWord]:
    """Text drawn by annotation appearances (e-signature widgets stamp the number
    and the day there).  pdfminer does not read appearance streams; poppler's
    pdftotext does, so it is asked for the text inside each annotation's box."""
    import shutil
    import subprocess
    from pdfminer.pdftypes import resolve1
    if shutil.which("pdftotext") is None:
        return []
    rects = []
    try:
        for ref in (resolve1(page.page_obj.annots) or [])[:20]:
            annot = resolve1(ref)
            rect = [float(resolve1(v)) for v in resolve1(annot.get("Rect"))] if isinstance(annot, dict) else None
            value = _field_value(annot) if isinstance(annot, dict) else None
            if rect and len(rect) == 4 and (annot.get("AP") is not None or value):
                ax0, ay0, ax1, ay1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
                rects.append((ax0, float(page.height) - ay1, ax1, float(page.height) - ay0, value))
    except Exception:                     # a damaged annotation list is not worth failing the page
        return []
    out = []
    for x0, top, x1, bottom, value in rects:
        if x1 - x0 < 2 or bottom - top < 2 or (x1 - x0) * (bottom - top) > page.width * page.height * 0.2:
            continue
        # a box that also holds printed words ("Số:  /BC-SNV" around a stamped "184")
        # is read all the same: the printed words are dropped below, not the box
        found = []
        try:
            proc = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-r", "72",
                                   "-x", str(int(x0)), "-y", str(int(top)), "-W", str(int(x1 - x0) + 2),
                                   "-H", str(int(bottom - top) + 2), "-bbox", str(path), "-"],
                                  capture_output=True, timeout=20)
            html = proc.stdout.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            html = ""
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html):
            wx0, wy0, wx1, wy1 = (float(m.group(i)) for i in range(1, 5))
            cx, cy = (wx0 + wx1) / 2, (wy0 + wy1) / 2
            if x0 <= cx <= x1 and top <= cy <= bottom and m.group(5).strip():
                if not any(_overlaps(w, (wx0, wy0, wx1, wy1)) for w in words):
                    found.append((clean_text(_unescape(m.group(5))), (wx0, wy0, wx1, wy1)))
        if not found and value:
            # a form field whose value has no appearance (or poppler drew none): its value, in its box
            found = [(clean_text(value), (x0, top, x1, bottom))]
        for text, (wx0, wy0, wx1, wy1) in found:
            # the stamp or field fills a blank on a printed line: take that line's baseline box
            line = [w for w in words if min(w["bottom"], wy1) - max(w["top"], wy0) > 0.3 * (wy1 - wy0)]
            if line:
                near = min(line, key=lambda w: abs((w["top"] + w["bottom"]) / 2 - (wy0 + wy1) / 2))
                wy0, wy1 = near["top"], near["bottom"]
            out.append(RawWord(text, (wx0, wy0, wx1, wy1), 100.0))
    return out


def _mostly_bold(chars: list[dict]) -> bool:
    """A word is bold when most of its letters are set in a bold face."""
    letters = [c for c in chars if not c["text"].isspace()]
    return bool(letters) and sum("bold" in (c.get("fontname") or "").lower() for c in letters) * 2 > len(letters)


def _overlaps(word: dict, box: tuple[float, float, float, float]) -> bool:
    """Whether poppler's word ``box`` is a printed word pdfplumber already has
    (the two libraries place the same glyphs a point or two apart)."""
    x0, y0, x1, y1 = box
    w = min(word["x1"], x1) - max(word["x0"], x0)
    h = min(word["bottom"], y1) - max(word["top"], y0)
    return w > 0.5 * min(x1 - x0, word["x1"] - word["x0"]) and h > 0.5 * min(y1 - y0, word["bottom"] - word["top"])


def _field_value(annot: dict) -> str | None:
    """The value of a text form field behind a widget annotation (/V on the widget
    or on its parent field), as text."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    node, ft, value = annot, None, None
    for _ in range(5):                    # widget → field → parent fields
        if not isinstance(node, dict):
            break
        ft = ft or resolve1(node.get("FT"))
        value = value if value is not None else resolve1(node.get("V"))
        node = resolve1(node.get("Parent"))
    if value is None or (ft is not None and getattr(ft, "name", ft) != "Tx"):
        return None
    if isinstance(value, PSLiteral):
        return None
    if isinstance(value, bytes):
        from pdfminer.utils import decode_text
        value = decode_text(value)
    return str(value).strip() or None


def _unescape(text: str) -> str:
    import html
    return html.unescape(text)


def _fast_chars(pdfium_doc, page, number: int, options):
    """The page as pdfium read it (:mod:`.pdf_chars`: chars and drawn edges)
    when its chars can stand for pdfplumber's and the page is plainly a clean
    text page — enough text, read as Vietnamese, no glyph-id font to decode —
    so that :func:`ocr_reason` would keep it as it is; None sends the page down
    pdfplumber's path."""
    from ..readability import judge, page_text
    from .pdf_chars import page_chars
    if options.force_ocr or _decoded_fonts(page) or any("ToUnicode" not in spec for _, spec in _glyph_id_fonts(page)):
        return None
    fast = page_chars(pdfium_doc[number - 1], float(page.height))
    if fast.chars is None or sum(1 for c in fast.chars if not c["text"].isspace()) < MIN_TEXT_CHARS:
        return None
    return fast if judge(page_text(fast.chars)).reason is None else None


class _DrawnPage:
    """What pdfplumber's table finder reads of a page (``chars``, ``edges``,
    ``bbox``), here from pdfium: the finder itself stays pdfplumber's."""

    def __init__(self, page, chars: list[dict], edges: list[dict]):
        self.chars, self.edges, self.bbox = chars, edges, page.bbox


def _chars_within(chars: list[dict], bbox) -> list[dict]:
    """The chars pdfplumber's ``Table.extract`` could place in a cell of a table
    with this bbox: its own test (the char's middle, right and bottom edges open)."""
    x0, top, x1, bottom = bbox
    return [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]


def _find_tables(page) -> list:
    from pdfplumber.table import TableFinder, TableSettings
    try:
        return TableFinder(page, TableSettings.resolve(None)).tables
    except Exception:
        return []


def _text_page(page, number: int, path: Path | None = None, fast=None) -> list:
    """Lines and tables of a text page; ``fast`` (from :func:`_fast_chars`)
    stands for the page's own chars and drawn edges, on a page without legacy fonts."""
    if fast is not None:
        from pdfplumber.utils import extract_words
        chars = fast.chars
        found = _find_tables(_DrawnPage(page, chars, fast.edges)) if fast.edges else []
    else:
        if any(c["text"].startswith("(cid:") for c in page.chars):
            # a stray symbol glyph (a bullet in a symbol font) on a page that reads fine
            page = page.filter(lambda o: not (o.get("object_type") == "char" and o["text"].startswith("(cid:")))
        found = _find_tables(page)
    tables = []
    for t in found:
        # the table reads only its own chars: pdfplumber tests every char of the page
        # against every row, a third of a ruled page's reading
        t.page = _DrawnPage(page, _chars_within(t.page.chars, t.bbox), [])
        rows = _table_rows(t)
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            boxes = [[[(number, tuple(c))] if c else [] for c in r.cells] for r in t.rows] if len(t.rows) == len(rows) else None
            tables.append((t.bbox, rows, boxes))

    def outside(obj) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b, _, _ in tables)

    # words are not split where the font changes: Word sets a syllable's accented
    # letter in a second subset of the same face ("n|ă|m", "ngh|ị"), which
    # extra_attrs=["fontname"] cut into pieces; fonts are read per character instead
    if fast is not None:
        words = extract_words(chars, keep_blank_chars=False, use_text_flow=False, return_chars=True)
        return _page_lines(page, number, path, [w for w in words if outside(w)], tables)
    legacy = _has_legacy_font(page)
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, return_chars=True)
    words = [w for w in words if outside(w)]
    if legacy:
        # words set in .VnTime/VNI fonts decoded by their fonts (before cleaning,
        # which would drop TCVN3's ư, U+00AD); Unicode-font words pass as they are
        from ..legacy_encoding import decode_chars
        for w in words:
            w["text"] = decode_chars(w.get("chars") or []) or w["text"]
    return _page_lines(page, number, path, words, tables)


def _page_lines(page, number: int, path: Path | None, words: list[dict], tables: list) -> list:
    raw_words = [RawWord(clean_text(w["text"]), (w["x0"], w["top"], w["x1"], w["bottom"]), 100.0) for w in words]
    bold = [_mostly_bold(w.get("chars") or []) for w in words]
    if path is not None:
        extra = _annotation_words(path, page, number, words)
        raw_words.extend(extra)
        bold.extend([False] * len(extra))
    lines = build_lines(raw_words, number, float(page.width), bold, precise=True)
    return interleave(lines, [RawTable(rows, page=number, bbox=b, cell_boxes=boxes) for b, rows, boxes in tables])


def read_pdf(path: Path, options) -> RawDocument:
    limits = options.limits
    pdf = _open(path)
    fast_doc = None
    try:
        n = len(pdf.pages)
        if n == 0:
            raise EmptyDocument("PDF has no pages")
        if n > limits.max_pages:
            raise TooLarge(f"PDF has {n} pages, over the {limits.max_pages}-page limit")
        report_pages(n)                    # a long PDF gets a longer time limit
        blocks_by_page: dict[int, list] = {}
        pages: dict[int, PageInfo] = {}
        to_ocr: list[int] = []
        dpis: dict[int, float] = {}
        stamps: list[RawLine] = []
        fast_doc = _pdfium_open(path)
        for i, page in enumerate(pdf.pages, start=1):
            w, h = float(page.width), float(page.height)
            if w * h > 14400 * 14400:
                raise TooLarge(f"page {i} is {w:.0f}×{h:.0f} pt, larger than any real document page")
            fast = _fast_chars(fast_doc, page, i, options) if fast_doc is not None else None
            if fast is not None:
                blocks_by_page[i] = _text_page(page, i, path, fast)
                pages[i] = PageInfo(i, w, h, "text-layer")
                continue
            chars = sum(1 for c in page.chars if not c["text"].isspace())
            reason, decoding = ocr_reason(page, chars, options.force_ocr)
            if reason:
                to_ocr.append(i)
                native = _native_dpi(page)
                # measured on real scans: OCR at the scan's own resolution beats upscaling
                dpis[i] = min(400.0, max(200.0, native)) if native else float(options.ocr_dpi)
                # the signature stamp over a scan is kept (it dates the signature);
                # a layer that lies is not
                if reason in ("image_only", "forced") and chars:
                    text = page.extract_text() or ""
                    if judge_text_ok(text):
                        stamps.extend(RawLine(clean_text(t), page=i, column="right") for t in text.splitlines() if t.strip())
                pages[i] = PageInfo(i, w, h, "ocr", ocr_reason=reason)
            else:
                if decoding:
                    _decode_chars(page, decoding)
                blocks_by_page[i] = _text_page(page, i, path)
                pages[i] = PageInfo(i, w, h, "text-layer", decoded=decoding)
    finally:
        pdf.close()
        if fast_doc is not None:
            fast_doc.close()
    ocr = None
    if to_ocr:
        from ..ocr import ocr_info, ocr_pages
        # rendered lazily: a page image lives while its page is OCR'd, not for the whole scan
        results = ocr_pages(_render_each(path, to_ocr, dpis, limits.max_pixels), options.ocr_lang, limits.ocr_timeout_s,
                            options.ocr_jobs, options.deskew, options.binarize, options.keep_page_images, count=len(to_ocr))
        for number, (blocks, info) in zip(to_ocr, results):
            blocks_by_page[number] = blocks
            info.width, info.height = pages[number].width, pages[number].height
            info.ocr_reason = pages[number].ocr_reason
            pages[number] = info
        ocr = ocr_info(options.ocr_lang)
        confs = [pages[p].ocr_confidence for p in to_ocr if pages[p].ocr_confidence is not None]
        ocr["mean_confidence"] = round(sum(confs) / len(confs), 1) if confs else None
    if options.keep_page_images:
        text_pages = [i for i in sorted(pages) if pages[i].text_source == "text-layer"]
        for number, image in _render(path, text_pages, {i: REVIEW_DPI for i in text_pages}, limits.max_pixels):
            pages[number].image = PageImage(image, image.width / pages[number].width)
    blocks: list = []
    for i in sorted(pages):
        blocks.extend(blocks_by_page.get(i, []))
    # the signature stamp text of scanned pages goes last: it is not body text
    blocks.extend(stamps)
    legacy, warnings = convert_legacy_blocks(blocks)
    return RawDocument(blocks, [pages[i] for i in sorted(pages)], "pdf", warnings, ocr=ocr, legacy_encoding=legacy)


def _pdfium_open(path: Path):
    """pdfium's view of the file for the fast path, or None (pdfplumber reads every page)."""
    try:
        import pypdfium2 as pdfium
        return pdfium.PdfDocument(str(path))
    except Exception:                       # pdfium refuses what pdfminer may still read
        return None


def _render(path: Path, numbers: list[int], dpis: dict[int, float], max_pixels: int):
    return list(_render_each(path, numbers, dpis, max_pixels))


def _render_each(path: Path, numbers: list[int], dpis: dict[int, float], max_pixels: int):
    """(page number, image) for each page, rendered only when the consumer asks for it."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    try:
        for n in numbers:
            page = pdf[n - 1]
            w, h = page.get_size()
            scale = dpis[n] / 72.0
            if w * scale * h * scale > max_pixels:
                scale = (max_pixels / (w * h)) ** 0.5
            # no local name for the image: a suspended generator would hold it while the page is OCR'd
            yield n, page.render(scale=scale).to_pil()
            page.close()
    finally:
        pdf.close()

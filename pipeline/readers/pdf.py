"""PDFs: the text layer where a page has one, OCR where it does not.

A page "has text" when its text layer holds a real amount of text.  Scans
often carry a thin layer that is not the page — a digital-signature stamp
("Ký bởi: Bộ Công Thương…") over a full-page image — so a page whose text is
short while an image covers most of it is OCR'd, and the stamp text is kept
too (it dates the signature).  Ruled tables on text pages come from
pdfplumber's table finder; their words are taken out of the running text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorruptFile, EmptyDocument, EncryptedFile, TooLarge
from ..layout import build_lines
from ..model import PageInfo, RawDocument, RawLine, RawTable, RawWord
from ..textnorm import clean_text
from ..legacy_encoding import to_unicode

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
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise EncryptedFile("PDF is encrypted (password needed)") from exc
        raise CorruptFile(f"PDF cannot be read ({name}: {exc})") from exc


def _image_cover(page) -> float:
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for im in page.images:
        w = max(0.0, min(im["x1"], page.width) - max(im["x0"], 0))
        h = max(0.0, min(im["bottom"], page.height) - max(im["top"], 0))
        covered = max(covered, w * h / area)
    return covered


def _needs_ocr(page, chars: int) -> bool:
    return chars < MIN_TEXT_CHARS and (_image_cover(page) >= IMAGE_COVER or chars == 0)


def _table_rows(table) -> list[list[str]]:
    rows = []
    for row in table.extract():
        rows.append([clean_text(c or "").replace("\n", " ") for c in row])
    return rows


def _text_page(page, number: int) -> list:
    tables = []
    try:
        found = page.find_tables()
    except Exception:
        found = []
    for t in found:
        rows = _table_rows(t)
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append((t.bbox, rows))

    def outside(obj) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b, _ in tables)

    words = page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False, use_text_flow=False)
    words = [w for w in words if outside(w)]
    raw_words = [RawWord(clean_text(w["text"]), (w["x0"], w["top"], w["x1"], w["bottom"]), 100.0) for w in words]
    bold = ["bold" in (w.get("fontname") or "").lower() for w in words]
    lines = build_lines(raw_words, number, float(page.width), bold)
    for line in lines:
        line.words = []              # text-layer words carry no OCR confidence
    items = [(l.bbox[1], 0, l) for l in lines] + [(b[1], 1, RawTable(rows, page=number, bbox=b)) for b, rows in tables]
    items.sort(key=lambda x: (x[0], x[1]))
    return [b for _, _, b in items]


def read_pdf(path: Path, options) -> RawDocument:
    limits = options.limits
    pdf = _open(path)
    try:
        n = len(pdf.pages)
        if n == 0:
            raise EmptyDocument("PDF has no pages")
        if n > limits.max_pages:
            raise TooLarge(f"PDF has {n} pages, over the {limits.max_pages}-page limit")
        blocks_by_page: dict[int, list] = {}
        pages: dict[int, PageInfo] = {}
        to_ocr: list[int] = []
        stamps: list[RawLine] = []
        for i, page in enumerate(pdf.pages, start=1):
            w, h = float(page.width), float(page.height)
            if w * h > 14400 * 14400:
                raise TooLarge(f"page {i} is {w:.0f}×{h:.0f} pt, larger than any real document page")
            text = page.extract_text() or ""
            chars = len(re.sub(r"\s", "", text))
            if options.force_ocr or _needs_ocr(page, chars):
                to_ocr.append(i)
                if text.strip():
                    stamps.extend(RawLine(clean_text(t), page=i, column="right") for t in text.splitlines() if t.strip())
                pages[i] = PageInfo(i, w, h, "ocr")
            else:
                blocks_by_page[i] = _text_page(page, i)
                pages[i] = PageInfo(i, w, h, "text-layer")
    finally:
        pdf.close()
    ocr = None
    if to_ocr:
        from ..ocr import ocr_info, ocr_pages
        images = _render(path, to_ocr, options.ocr_dpi, limits.max_pixels)
        results = ocr_pages(images, options.ocr_lang, limits.ocr_timeout_s)
        for (number, _), (blocks, info) in zip(images, results):
            blocks_by_page[number] = blocks
            info.width, info.height = pages[number].width, pages[number].height
            pages[number] = info
        ocr = ocr_info(options.ocr_lang)
        confs = [pages[p].ocr_confidence for p in to_ocr if pages[p].ocr_confidence is not None]
        ocr["mean_confidence"] = round(sum(confs) / len(confs), 1) if confs else None
    blocks: list = []
    for i in sorted(pages):
        blocks.extend(blocks_by_page.get(i, []))
    # the signature stamp text of scanned pages goes last: it is not body text
    blocks.extend(stamps)
    legacy = None
    texts = " ".join(b.text for b in blocks if isinstance(b, RawLine))
    converted, legacy = to_unicode(texts)
    warnings = []
    if legacy:
        from ..legacy_encoding import convert
        for b in blocks:
            if isinstance(b, RawLine):
                b.text = convert(b.text, legacy)
            elif isinstance(b, RawTable):
                b.rows = [[convert(c, legacy) for c in r] for r in b.rows]
        warnings.append(f"legacy {legacy.upper()} font encoding converted to Unicode")
    return RawDocument(blocks, [pages[i] for i in sorted(pages)], "pdf", warnings, ocr=ocr, legacy_encoding=legacy)


def _render(path: Path, numbers: list[int], dpi: int, max_pixels: int):
    import pypdfium2 as pdfium
    from PIL import Image
    out = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for n in numbers:
            page = pdf[n - 1]
            w, h = page.get_size()
            scale = dpi / 72.0
            if w * scale * h * scale > max_pixels:
                scale = (max_pixels / (w * h)) ** 0.5
            image: Image.Image = page.render(scale=scale).to_pil()
            out.append((n, image))
    finally:
        pdf.close()
    return out

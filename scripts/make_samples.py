"""Render the seed transcriptions as the files real archives hold.

For each seed ``samples/NNN_*.txt`` this writes, next to it:

* ``NNN_*.pdf``       born-digital A4 PDF (reportlab, DejaVu Serif): two-column header and
                      signature blocks, justified paragraphs, the task table ruled and
                      split across pages the way the printer splits it;
* ``NNN_*.docx``      the same content as a Word file (python-docx), header and signature
                      blocks in borderless layout tables, the task table as a real table;
* ``NNN_*.scan.pdf``  an image-only PDF of the rendered pages "scanned" at 250 dpi: slight
                      rotation, blur, paper noise, a red round stamp over the signature and
                      JPEG artefacts — what a scanner in a People's Committee office produces;
* ``NNN_*.tcvn3.txt`` the transcription re-encoded in the legacy TCVN3 (ABC) font encoding.

Deterministic: fixed random seeds, dates and zip times, so re-running gives the same
bytes.  Run: ``make samples``.
"""

from __future__ import annotations

import io
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vanban.pipeline.legacy_encoding import encode  # noqa: E402
from vanban.pipeline.model import RawTable  # noqa: E402
from vanban.pipeline.readers.text import decode_bytes, lines_to_blocks  # noqa: E402
from vanban.pipeline.tables import merge_tables  # noqa: E402

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SCAN_DPI = 250


# --- the seed as blocks ----------------------------------------------------------------
def seed_blocks(path: Path) -> list:
    text, _ = decode_bytes(path.read_bytes())
    return merge_tables(lines_to_blocks(text.split("\n")))


def split_document(blocks: list) -> dict:
    """header (number / place-date pair), body, recipients, signature, appendix."""
    parts = {"header": [], "body": [], "recipients": [], "signature": [], "appendix": []}
    state = "body"
    for i, b in enumerate(blocks):
        if isinstance(b, RawTable):
            parts["appendix" if state in ("signature", "appendix") else "body"].append(b)
            continue
        t = b.text
        if i < 3 and (t.startswith("Số") or re.search(r", ngày \d", t)):
            parts["header"].append(b)
            continue
        if t.startswith("Nơi nhận"):
            state = "recipients"
        elif state == "recipients" and not t.startswith("-"):
            state = "signature"
        if state == "signature" and t.startswith("PHỤ LỤC"):
            state = "appendix"
        parts[state].append(b)
    return parts


# --- PDF (reportlab) ---------------------------------------------------------------------
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if "Serif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Serif", str(FONT_DIR / "DejaVuSerif.ttf")))
        pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily
        registerFontFamily("Serif", normal="Serif", bold="Serif-Bold", italic="Serif", boldItalic="Serif-Bold")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_pdf(blocks: list, out: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _fonts()
    body = ParagraphStyle("body", fontName="Serif", fontSize=11.5, leading=15, alignment=TA_JUSTIFY,
                          firstLineIndent=0.9 * cm, spaceAfter=4)
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0, alignment=TA_LEFT)
    center = ParagraphStyle("center", parent=body, firstLineIndent=0, alignment=TA_CENTER)
    bold_center = ParagraphStyle("bc", parent=center, fontName="Serif-Bold")
    cell = ParagraphStyle("cell", fontName="Serif", fontSize=9.5, leading=12)
    cell_bold = ParagraphStyle("cellb", parent=cell, fontName="Serif-Bold")
    small = ParagraphStyle("small", parent=plain, fontSize=10, leading=12.5, spaceAfter=0)

    parts = split_document(blocks)
    story = []
    if parts["header"]:
        left = parts["header"][0].text
        right = parts["header"][1].text if len(parts["header"]) > 1 else ""
        t = Table([[Paragraph(_esc(left), center), Paragraph(f"<i>{_esc(right)}</i>", center)]], colWidths=[7 * cm, 9.5 * cm])
        story += [t, Spacer(1, 10)]
    title_zone = True
    for b in parts["body"]:
        if isinstance(b, RawTable):
            story.append(_pdf_table(b, cell, cell_bold, colors, TableStyle, Table, Paragraph, cm))
            continue
        text = _esc(b.text)
        if title_zone and (b.bold or b.text.isupper() or len(story) < 4) and not b.text.startswith(("Căn cứ", "Thực hiện")):
            story.append(Paragraph(text, bold_center))
            continue
        title_zone = False
        heading = b.bold or re.match(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.)\s", b.text)
        story.append(Paragraph(f"<b>{text}</b>" if heading and len(b.text) < 140 else text, body))
    if parts["recipients"] or parts["signature"]:
        left = [Paragraph(f"<b><i>{_esc(parts['recipients'][0].text)}</i></b>", small)] + \
            [Paragraph(_esc(b.text), small) for b in parts["recipients"][1:]]
        right = []
        for b in parts["signature"]:
            right.append(Paragraph(f"<b>{_esc(b.text)}</b>", center))
        # room for the signature and the stamp above the name
        if right:
            right = right[:-1] + [Spacer(1, 2.2 * cm), right[-1]]
        sig = Table([[left, right]], colWidths=[8 * cm, 8.5 * cm])
        sig.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [Spacer(1, 8), sig]
    if parts["appendix"]:
        from reportlab.platypus import PageBreak
        story.append(PageBreak())
        for b in parts["appendix"]:
            if isinstance(b, RawTable):
                story.append(_pdf_table(b, cell, cell_bold, colors, TableStyle, Table, Paragraph, cm))
            else:
                story.append(Paragraph(f"<b>{_esc(b.text)}</b>" if b.text.isupper() else f"<i>{_esc(b.text)}</i>", center))
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
                            title=out.stem, author="vanban sample renderer", creator="vanban", producer="reportlab",
                            invariant=1)
    doc.build(story)


def _pdf_table(b: RawTable, cell, cell_bold, colors, TableStyle, Table, Paragraph, cm):
    widths = [1.1 * cm, 6.6 * cm, 3.3 * cm, 3.0 * cm, 2.5 * cm][: len(b.rows[0])]
    data = []
    styles = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for r, row in enumerate(b.rows):
        is_group = r > 0 and re.fullmatch(r"[IVX]+", row[0].strip() or "-") is not None
        style = cell_bold if r == 0 or is_group else cell
        data.append([Paragraph(_esc(c), style) for c in row])
    t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    t.setStyle(TableStyle(styles))
    return t


# --- DOCX (python-docx) -----------------------------------------------------------------
def render_docx(blocks: list, out: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    parts = split_document(blocks)

    def borderless(rows, cols):
        t = d.add_table(rows=rows, cols=cols)
        return t

    if parts["header"]:
        t = borderless(1, 2)
        t.cell(0, 0).text = parts["header"][0].text
        t.cell(0, 1).text = parts["header"][1].text if len(parts["header"]) > 1 else ""
    title_zone = True
    for b in parts["body"]:
        if isinstance(b, RawTable):
            _docx_table(d, b)
            continue
        p = d.add_paragraph()
        run = p.add_run(b.text)
        if title_zone and (b.bold or b.text.isupper() or len(d.paragraphs) < 4) and not b.text.startswith(("Căn cứ", "Thực hiện")):
            run.bold = True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        title_zone = False
        if b.bold or re.match(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.)\s", b.text) and len(b.text) < 140:
            run.bold = True
    if parts["recipients"] or parts["signature"]:
        t = borderless(1, 2)
        t.cell(0, 0).text = "\n".join(b.text for b in parts["recipients"])
        t.cell(0, 1).text = "\n".join(b.text for b in parts["signature"])
    for b in parts["appendix"]:
        if isinstance(b, RawTable):
            _docx_table(d, b)
        else:
            p = d.add_paragraph()
            p.add_run(b.text).bold = b.text.isupper()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.core_properties.author = "vanban sample renderer"
    import datetime as dt
    d.core_properties.created = dt.datetime(2026, 1, 1)
    d.core_properties.modified = dt.datetime(2026, 1, 1)
    d.save(str(out))
    _pin_zip_times(out)


def _pin_zip_times(path: Path) -> None:
    """Rewrite a zip with fixed entry times, so re-rendering gives the same bytes."""
    import zipfile
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)


def _docx_table(d, b: RawTable) -> None:
    t = d.add_table(rows=len(b.rows), cols=len(b.rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(b.rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text


# --- the scan ---------------------------------------------------------------------------
def render_scan(pdf: Path, out: Path, seed: int) -> None:
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    pages = []
    src = pdfium.PdfDocument(str(pdf))
    sign_page = _signature_page(pdf)
    for i in range(len(src)):
        img = src[i].render(scale=SCAN_DPI / 72).to_pil().convert("RGB")
        if i == sign_page:
            img = _stamp(img, ImageDraw, ImageFont, pdf, i)
        angle = rng.uniform(-1.2, 1.2)
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 246))
        img = img.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.5, 0.8)))
        arr = np.asarray(img).astype(np.int16)
        arr += nprng.normal(0, 9, arr.shape[:2])[..., None].astype(np.int16)          # sensor noise
        arr = np.clip(arr * 0.96 + 6, 0, 255).astype(np.uint8)                          # grey paper
        img = Image.fromarray(arr)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=62)
        pages.append(Image.open(io.BytesIO(buf.getvalue())))
    src.close()
    import time
    when = time.gmtime(1767225600)          # 2026-01-01 00:00 UTC
    pages[0].save(out, "PDF", resolution=SCAN_DPI, save_all=True, append_images=pages[1:],
                  creationDate=when, modDate=when, producer="vanban sample renderer")


def _signature_page(pdf: Path) -> int:
    import pdfplumber
    with pdfplumber.open(pdf) as p:
        for i, page in enumerate(p.pages):
            if "Nơi nhận" in (page.extract_text() or ""):
                return i
    return 0


def _stamp(img, ImageDraw, ImageFont, pdf: Path, page_index: int):
    """A red round office stamp over the signature (right column, above the name)."""
    import pdfplumber
    with pdfplumber.open(pdf) as p:
        page = p.pages[page_index]
        words = page.extract_words()
        anchor = next((w for w in words if w["text"] in ("TM.", "KT.")), None)
        scale = SCAN_DPI / 72
        cx = (anchor["x0"] + 40) * scale if anchor else img.width * 0.7
        cy = (anchor["bottom"] + 45) * scale if anchor else img.height * 0.5
    overlay = img.copy()
    draw = ImageDraw.Draw(overlay)
    r = 1.6 * SCAN_DPI / 2.54
    red = (205, 30, 40)
    for k in range(3):
        draw.ellipse([cx - r + k * 6, cy - r + k * 6, cx + r - k * 6, cy + r - k * 6], outline=red, width=5 if k == 0 else 2)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), int(SCAN_DPI * 0.11))
    draw.text((cx, cy), "ỦY BAN NHÂN DÂN", fill=red, font=font, anchor="mm")
    draw.text((cx, cy + SCAN_DPI * 0.16), "★", fill=red, font=font, anchor="mm")
    from PIL import Image
    return Image.blend(img, overlay, 0.85)


def main() -> None:
    seeds = sorted(p for p in (ROOT / "samples").glob("[0-9][0-9][0-9]_*.txt") if ".tcvn3" not in p.name)
    for n, seed in enumerate(seeds):
        stem = seed.with_suffix("")
        blocks = seed_blocks(seed)
        render_pdf(blocks, stem.with_suffix(".pdf"))
        render_docx(blocks, stem.with_suffix(".docx"))
        render_scan(stem.with_suffix(".pdf"), Path(f"{stem}.scan.pdf"), seed=1000 + n)
        text = seed.read_text("utf-8")
        Path(f"{stem}.tcvn3.txt").write_bytes(encode(text, "tcvn3").encode("cp1252", errors="replace"))
        print(f"rendered {seed.name}: .pdf .docx .scan.pdf .tcvn3.txt")


if __name__ == "__main__":
    main()

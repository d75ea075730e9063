"""Make small PDFs whose text layer lies (and some that do not), for tests/test_pdf_layers.py.

    python scripts/make_pdf_samples.py OUTDIR

Every file is a half page (A4 wide, 420 pt high) so OCR stays quick.  Classes:

- ``glyph_shift.pdf`` — born-digital plan set in an embedded DejaVu Sans (Type0,
  Identity-H) whose ToUnicode maps each glyph to ``chr(glyph id)``: the page
  looks right, the text layer reads ``&Ӝ1* HOÀ…``-style garbage (ASCII comes out
  shifted by 29, as in Word exports whose ToUnicode went wrong).  The font
  program keeps its cmap (so the glyph ids can be decoded);
  ``glyph_shift_nocmap.pdf`` is the same without it (only OCR can read it).
- ``cid.pdf`` — the same page with no ToUnicode and no cmap in the embedded
  font: pdfminer can only say ``(cid:38)``.
- ``scan_notone.pdf`` — a degraded page image under an invisible (render mode 3)
  text layer of the same text without tone marks, like a scanner's own OCR
  (``CQNG HOA XA HQI CHU NGHIA VIET NAM``).
- ``acroform.pdf`` — born-digital letter whose "Số:" and "ngày … tháng" are
  blank; the number and the day are AcroForm text fields (value + appearance);
  ``acroform_noap.pdf`` the same with the appearance streams removed.
- ``born_digital.pdf`` — a genuine born-digital plan, a table-only page and a
  signature page with little text (none may be OCR'd).
- ``tcvn3.pdf`` — the plan in TCVN3 codes in a Unicode-named font: detected and
  converted, not OCR'd; ``vntime.pdf`` the same in fonts named .VnTime/.VnTimeH,
  decoded by their fonts.
- ``english.pdf`` — English only (must be rejected as not Vietnamese).
- ``font_subsets.pdf`` — the plan with every non-ASCII letter set in a second
  font (same face, another name), as Word does when it splits a face into
  subsets: "năm" is drawn n | ă | m in two fonts with no gap, and must read as one word.
- ``stamp_over_print.pdf`` — "Số:  /KH-UBND" printed with a blank; the number is
  an AcroForm field whose box also covers the printed code (e-signature stamps
  sit so): the number is read from the box, the printed code not doubled.

``TRUTH`` holds the true text of the plan page (for CER measurements).
"""

from __future__ import annotations

import io
import sys
import zlib
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
REGULAR, BOLD = "VbLayersSans", "VbLayersSans-Bold"      # reportlab names
PAGE_W, PAGE_H = 595.0, 420.0

NUMBER = "12/KH-UBND"
ISSUED = "2026-03-05"

# (column, size, bold, text): column "L"/"R" = header halves (centred), "C" centred, "B" body (left)
PLAN = [
    ("L", 9, True, "ỦY BAN NHÂN DÂN"),
    ("R", 9, True, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("L", 9, True, "TỈNH LÂM ĐỒNG"),
    ("R", 9, True, "Độc lập - Tự do - Hạnh phúc"),
    ("L", 9, False, "Số: 12/KH-UBND"),
    ("R", 9, False, "Lâm Đồng, ngày 05 tháng 3 năm 2026"),
    ("C", 11, True, "KẾ HOẠCH"),
    ("C", 10, True, "Triển khai công tác chuyển đổi số năm 2026"),
    ("B", 10, False, "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;"),
    ("B", 10, False, "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai công tác chuyển đổi số như sau:"),
    ("B", 10, True, "I. NHIỆM VỤ"),
    ("B", 10, False, "1. Sở Nội vụ chủ trì rà soát thủ tục hành chính, hoàn thành trước ngày 30/6/2026."),
    ("B", 10, False, "2. Sở Tài chính bố trí kinh phí thực hiện các nhiệm vụ chuyển đổi số."),
    ("B", 10, False, "3. Ủy ban nhân dân các huyện tổ chức tập huấn cho cán bộ, công chức cấp xã."),
    ("B", 10, False, "4. Văn phòng Ủy ban nhân dân tỉnh theo dõi, tổng hợp kết quả, báo cáo hằng quý."),
]


def truth_text(rows=PLAN) -> str:
    return "\n".join(t for _, _, _, t in rows)


TRUTH = truth_text()


def _layout(rows):
    """(x, y, size, bold, text) for every row: header halves side by side, then the body."""
    out = []
    y_left = y_right = PAGE_H - 40
    y = None
    for col, size, bold, text in rows:
        w = _width(text, size, bold)
        if col == "L":
            out.append((150 - w / 2, y_left, size, bold, text))
            y_left -= size * 1.5
        elif col == "R":
            out.append((410 - w / 2, y_right, size, bold, text))
            y_right -= size * 1.5
        else:
            if y is None:
                y = min(y_left, y_right) - 14
            x = (PAGE_W - w) / 2 if col == "C" else 50
            out.append((x, y, size, bold, text))
            y -= size * 1.55
    return out


_FONTS: dict = {}


def _font(bold: bool):
    if bold not in _FONTS:
        from fontTools.ttLib import TTFont
        _FONTS[bold] = TTFont(FONT_BOLD if bold else FONT)
    return _FONTS[bold]


def _width(text: str, size: float, bold: bool) -> float:
    f = _font(bold)
    cmap, hmtx, upm = f.getBestCmap(), f["hmtx"], f["head"].unitsPerEm
    return sum(hmtx[cmap.get(ord(c), ".notdef")][0] for c in text) * size / upm


# ---------------------------------------------------------------- raw PDF writer (Type0 fonts)

def _subset_font(bold: bool, text: str, keep_cmap: bool) -> tuple[bytes, dict[str, int], dict[int, int]]:
    """A TrueType subset keeping the original glyph ids; (font bytes, char→gid, gid→width/1000)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    f = TTFont(FONT_BOLD if bold else FONT)
    cmap = f.getBestCmap()
    chars = sorted(set(text))
    gid = {c: f.getGlyphID(cmap[ord(c)]) for c in chars if ord(c) in cmap}
    upm = f["head"].unitsPerEm
    widths = {g: round(f["hmtx"][f.getGlyphName(g)][0] * 1000 / upm) for g in gid.values()}
    opts = subset.Options()
    opts.retain_gids = True
    opts.notdef_outline = True
    opts.name_IDs = []
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(f)
    if not keep_cmap:
        del f["cmap"]
        f["post"].formatType = 3.0          # no glyph names either: nothing left to guess from
    buf = io.BytesIO()
    f.save(buf)
    return buf.getvalue(), gid, widths


def _tounicode(mapping: dict[int, str]) -> bytes:
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    items = sorted(mapping.items())
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{g:04X}> <{u.encode('utf-16-be').hex().upper()}>" for g, u in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode()


def _write_pdf(path: Path, objects: list[bytes]) -> None:
    """objects[0] is the catalog (object 1)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    path.write_bytes(out.getvalue())


def _stream(data: bytes, extra: str = "") -> bytes:
    comp = zlib.compress(data)
    return f"<< /Length {len(comp)} /Filter /FlateDecode {extra}>>\nstream\n".encode() + comp + b"\nendstream"


def make_type0_page(path: Path, rows=PLAN, tounicode: str | None = "gid", keep_cmap: bool | None = None) -> None:
    """``tounicode``: "gid" → ToUnicode maps glyph → chr(glyph id) (the lie);
    None → no ToUnicode ((cid:NN)).  ``keep_cmap``: leave the font program's own
    cmap in (default: only when there is a ToUnicode)."""
    if keep_cmap is None:
        keep_cmap = tounicode is not None
    placed = _layout(rows)
    objects: list[bytes] = [b"", b""]          # 1 catalog, 2 pages (filled below)
    font_refs = {}
    gids = {}
    for bold in (False, True):
        text = "".join(t for _, _, _, b, t in placed if b == bold)
        data, gid, widths = _subset_font(bold, text, keep_cmap=keep_cmap)
        gids[bold] = gid
        objects.append(_stream(data, f"/Length1 {len(data)} "))
        ff = len(objects)
        name = "AAAAAA+DejaVuSans" + ("-Bold" if bold else "")
        objects.append(f"<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [-1021 -463 1793 1232] "
                       f"/ItalicAngle 0 /Ascent 928 /Descent -236 /CapHeight 729 /StemV 80 /FontFile2 {ff} 0 R >>".encode())
        fd = len(objects)
        w = " ".join(f"{g} [{wd}]" for g, wd in sorted(widths.items()))
        objects.append(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
                       f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                       f"/FontDescriptor {fd} 0 R /CIDToGIDMap /Identity /DW 600 /W [{w}] >>".encode())
        cid = len(objects)
        tu = ""
        if tounicode == "gid":
            objects.append(_stream(_tounicode({g: " " if c == " " else chr(g) for c, g in gid.items()})))
            tu = f"/ToUnicode {len(objects)} 0 R "
        objects.append(f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
                       f"/DescendantFonts [{cid} 0 R] {tu}>>".encode())
        font_refs[bold] = len(objects)
    ops = []
    for x, y, size, bold, text in placed:
        hexs = "".join(f"{gids[bold][c]:04X}" for c in text)
        ops.append(f"BT /F{int(bold)} {size} Tf {x:.2f} {y:.2f} Td <{hexs}> Tj ET")
    objects.append(_stream("\n".join(ops).encode()))
    content = len(objects)
    objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W:g} {PAGE_H:g}] "
                   f"/Resources << /Font << /F0 {font_refs[False]} 0 R /F1 {font_refs[True]} 0 R >> >> "
                   f"/Contents {content} 0 R >>".encode())
    page = len(objects)
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>".encode()
    _write_pdf(path, objects)


# ---------------------------------------------------------------- reportlab pages

def _register():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    names = pdfmetrics.getRegisteredFontNames()
    for name, path in ((REGULAR, FONT), (BOLD, FONT_BOLD)):
        if name not in names:            # own names: other test helpers register a "DejaVu" of their own
            pdfmetrics.registerFont(TTFont(name, path))


def _draw_rows(c, rows, font=None, mode: int | None = None):
    for x, y, size, bold, text in _layout(rows):
        t = c.beginText(x, y)
        t.setFont(font or (BOLD if bold else REGULAR), size)
        if mode is not None:
            t.setTextRenderMode(mode)
        t.textOut(text)
        c.drawText(t)


def make_born_digital(path: Path) -> None:
    """Plan page, a table-only page and a signature page — all genuine text layers."""
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table, TableStyle
    _register()
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    _draw_rows(c, PLAN)
    c.showPage()
    data = [["STT", "Nội dung", "Đơn vị", "Thời hạn"],
            ["1", "Rà soát thủ tục", "Sở Nội vụ", "30/6/2026"],
            ["2", "Bố trí kinh phí", "Sở Tài chính", "31/7/2026"],
            ["3", "Tập huấn", "UBND huyện", "Quý III"]]
    t = Table(data, colWidths=[40, 180, 120, 90])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 10), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    _, h = t.wrapOn(c, PAGE_W, PAGE_H)
    t.drawOn(c, 80, PAGE_H - 60 - h)
    c.showPage()
    sig = [("B", 10, True, "Nơi nhận:"), ("B", 9, False, "- Như trên;"), ("B", 9, False, "- Lưu: VT."),
           ("C", 10, True, "TM. ỦY BAN NHÂN DÂN"), ("C", 10, True, "CHỦ TỊCH"), ("C", 10, True, "Nguyễn Văn An")]
    _draw_rows(c, sig)
    c.showPage()
    c.save()


def make_tcvn3(path: Path) -> None:
    """The plan typed in a legacy TCVN3 font (the text layer holds TCVN3 codes):
    decodable, not lying — never OCR'd."""
    from reportlab.pdfgen import canvas
    from vanban.pipeline.legacy_encoding import encode
    _register()
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    _draw_rows(c, [(col, size, bold, encode(text, "tcvn3")) for col, size, bold, text in PLAN])
    c.showPage()
    c.save()


def _renamed_font(src: str, name: str, outdir: Path) -> str:
    """A copy of a TTF whose names say ``name`` (a PDF's font is then ``AAAAAA+.VnTime``)."""
    from fontTools.ttLib import TTFont
    f = TTFont(src)
    for rec in f["name"].names:
        if rec.nameID in (1, 3, 4, 6):
            rec.string = name
    out = outdir / (name.strip(".") + ".ttf")
    f.save(str(out))
    return str(out)


def make_vntime(path: Path) -> None:
    """The plan typed in fonts named .VnTime (text) and .VnTimeH (capitals), TCVN3
    codes in the text layer: the fonts say how to decode it (ư kept)."""
    import tempfile
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    from vanban.pipeline.legacy_encoding import encode
    with tempfile.TemporaryDirectory() as tmp:
        for name, src in ((".VnTime", FONT), (".VnTimeH", FONT_BOLD)):
            if "Vb" + name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("Vb" + name, _renamed_font(src, name, Path(tmp))))
        c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
        for x, y, size, _, text in _layout(PLAN):
            capitals = text == text.upper()
            c.setFont("Vb.VnTimeH" if capitals else "Vb.VnTime", size)
            c.drawString(x, y, encode(text.lower() if capitals else text, "tcvn3"))
        c.showPage()
        c.save()


def make_english(path: Path) -> None:
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    lines = ["MINISTRY OF EXAMPLES", "Annual work plan 2026",
             "1. The department shall review all administrative procedures before 30 June 2026.",
             "2. The finance office allocates the budget for the digital transformation tasks.",
             "3. District committees organise training courses for their civil servants.",
             "4. The office monitors progress and reports to the committee every quarter."]
    y = PAGE_H - 50
    for line in lines:
        c.setFont("Helvetica", 10)
        c.drawString(50, y, line)
        y -= 16
    c.showPage()
    c.save()


def make_acroform(path: Path, appearance: bool = True) -> None:
    """"Số:" and "ngày … tháng" blank on the page; number and day in AcroForm fields
    (with ``appearance=False`` the widgets lose their appearance streams: only /V is left)."""
    from reportlab.pdfgen import canvas
    _register()
    rows = [(col, size, bold, {"Số: 12/KH-UBND": "Số:                         ",
                               "Lâm Đồng, ngày 05 tháng 3 năm 2026": "Lâm Đồng, ngày       tháng 3 năm 2026"}.get(text, text))
            for col, size, bold, text in PLAN]
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    _draw_rows(c, rows)
    placed = {t: (x, y) for x, y, _, _, t in _layout(rows)}
    sx, sy = placed[rows[4][3]]
    dx, dy = placed[rows[5][3]]
    c.acroForm.textfield(name="so_ky_hieu", value=NUMBER, x=sx + _width("Số: ", 9, False), y=sy - 3, width=90, height=12,
                         fontName="Helvetica", fontSize=9, borderWidth=0, fillColor=None, borderColor=None, forceBorder=False)
    c.acroForm.textfield(name="ngay", value="05", x=dx + _width("Lâm Đồng, ngày ", 9, False), y=dy - 3, width=16, height=12,
                         fontName="Helvetica", fontSize=9, borderWidth=0, fillColor=None, borderColor=None, forceBorder=False)
    c.showPage()
    c.save()
    if not appearance:
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import NameObject
        writer = PdfWriter(clone_from=PdfReader(str(path)))
        for annot in writer.pages[0].get("/Annots", []):
            annot.get_object().pop(NameObject("/AP"), None)
        writer.write(str(path))


def fold_tones(text: str) -> str:
    """What a scanner's OCR without Vietnamese makes of the text: tone marks and
    letter marks gone, and a few letters misread (Ộ → Q, Ơ → O)."""
    import unicodedata
    text = text.replace("Ộ", "Q").replace("Đ", "D").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


def make_scan_notone(path: Path, dpi: int = 200) -> None:
    """A degraded picture of the plan page under an invisible text layer without tone marks."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    tmp = io.BytesIO()
    _register()
    c = canvas.Canvas(tmp, pagesize=(PAGE_W, PAGE_H))
    _draw_rows(c, PLAN)
    c.showPage()
    c.save()
    doc = pdfium.PdfDocument(tmp.getvalue())
    img = doc[0].render(scale=dpi / 72).to_pil().convert("L")
    doc.close()
    img = img.rotate(0.4, resample=Image.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
    arr = np.asarray(img, dtype=np.int16)
    rng = np.random.default_rng(7)
    arr = np.clip(arr + rng.normal(0, 12, arr.shape), 0, 255).astype(np.uint8)
    jpg = io.BytesIO()
    Image.fromarray(arr).save(jpg, "JPEG", quality=75)
    jpg.seek(0)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.drawImage(ImageReader(jpg), 0, 0, PAGE_W, PAGE_H)
    folded = [(col, size, bold, fold_tones(text)) for col, size, bold, text in PLAN]
    _draw_rows(c, folded, font="Helvetica", mode=3)
    c.showPage()
    c.save()


def break_tounicode(src: str | Path, dst: str | Path, remove: bool = False) -> int:
    """A copy of a born-digital PDF whose Type0 (Identity-H) fonts' ToUnicode maps
    every glyph to ``chr(glyph id)`` — how the real glyph-shifted letters came
    about (their WinAnsi fonts, holding À Ã …, stayed right).  With ``remove``
    the ToUnicode is dropped instead (readers fall back on the font's cmap).
    Returns the number of fonts broken."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(0x00, 0xD8)]
    for i in range(0, len(ranges), 100):
        chunk = ranges[i:i + 100]
        lines += [f"{len(chunk)} beginbfrange", *chunk, "endbfrange"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    cmap = "\n".join(lines).encode()
    writer = PdfWriter(clone_from=PdfReader(str(src)))
    broken = 0
    seen = set()
    for page in writer.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            if id(font) in seen or font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
                continue
            seen.add(id(font))
            broken += 1
            if remove:
                font.pop(NameObject("/ToUnicode"), None)
                continue
            stream = DecodedStreamObject()
            stream.set_data(cmap)
            font[NameObject("/ToUnicode")] = writer._add_object(stream)
    writer.write(str(dst))
    return broken


def make_font_subsets(path: Path) -> None:
    """Non-ASCII letters in a second font of the same face, drawn in runs with no gap."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    _register()
    second = REGULAR + "-Subset2"
    if second not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(second, FONT))
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    for x, y, size, bold, text in _layout(PLAN):
        t = c.beginText(x, y)
        first = BOLD if bold else REGULAR
        run, run_font = "", first
        for ch in text:
            font = first if ord(ch) < 128 else second
            if font != run_font and run:
                t.setFont(run_font, size)
                t.textOut(run)
                run = ""
            run_font = font
            run += ch
        t.setFont(run_font, size)
        t.textOut(run)
        c.drawText(t)
    c.showPage()
    c.save()


def make_stamp_over_print(path: Path) -> None:
    """The number in a field whose box also covers the printed "/KH-UBND"."""
    from reportlab.pdfgen import canvas
    _register()
    rows = [(col, size, bold, "Số:        /KH-UBND" if text == "Số: 12/KH-UBND" else text)
            for col, size, bold, text in PLAN]
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    _draw_rows(c, rows)
    placed = {t: (x, y) for x, y, _, _, t in _layout(rows)}
    sx, sy = placed[rows[4][3]]
    c.acroForm.textfield(name="so", value="12", x=sx + _width("Số: ", 9, False), y=sy - 3,
                         width=_width("       /KH-UBND", 9, False) + 20, height=12, fontName="Helvetica", fontSize=9,
                         borderWidth=0, fillColor=None, borderColor=None, forceBorder=False)
    c.showPage()
    c.save()


MAKERS = {
    "glyph_shift.pdf": lambda p: make_type0_page(p, tounicode="gid"),
    "glyph_shift_nocmap.pdf": lambda p: make_type0_page(p, tounicode="gid", keep_cmap=False),
    "cid.pdf": lambda p: make_type0_page(p, tounicode=None),
    "scan_notone.pdf": make_scan_notone,
    "acroform.pdf": make_acroform,
    "acroform_noap.pdf": lambda p: make_acroform(p, appearance=False),
    "born_digital.pdf": make_born_digital,
    "tcvn3.pdf": make_tcvn3,
    "vntime.pdf": make_vntime,
    "english.pdf": make_english,
    "font_subsets.pdf": make_font_subsets,
    "stamp_over_print.pdf": make_stamp_over_print,
}


def make_all(outdir: str | Path) -> dict[str, Path]:
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, make in MAKERS.items():
        paths[name] = outdir / name
        make(paths[name])
    return paths


if __name__ == "__main__":
    for name, p in make_all(sys.argv[1] if len(sys.argv) > 1 else "pdf_samples").items():
        print(p)

"""Make broken and hostile inputs on the fly (nothing binary is committed)."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path


def small_pdf(path: Path, text: str = "Kế hoạch số 12/KH-UBND ngày 01/02/2024 của Ủy ban nhân dân xã Bình Yên") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", font))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVu", 11)
    y = 800
    for _ in range(12):
        c.drawString(60, y, text)
        y -= 20
    c.save()
    return path


def encrypted_pdf(path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter
    src = small_pdf(path.with_suffix(".plain.pdf"))
    writer = PdfWriter()
    for page in PdfReader(src).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as fh:
        writer.write(fh)
    src.unlink()
    return path


def truncated_pdf(path: Path) -> Path:
    full = small_pdf(path.with_suffix(".full.pdf")).read_bytes()
    path.write_bytes(full[: len(full) // 3])
    path.with_suffix(".full.pdf").unlink()
    return path


def jpeg_named_pdf(path: Path) -> Path:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buf, "JPEG")
    path.write_bytes(buf.getvalue())
    return path


def huge_png(path: Path, side: int = 20000) -> Path:
    """A real 20000×20000 PNG (all white): tiny on disk, 400 Mpx when decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    comp = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * side
    parts = [comp.compress(row) for _ in range(side)]
    parts.append(comp.flush())
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))
    return path


def random_binary(path: Path, size: int = 4096) -> Path:
    path.write_bytes(os.urandom(size))
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


# --- the rest of an archive's horrors (issue 5) ---------------------------------------
def many_pages_pdf(path: Path, pages: int = 3000) -> Path:
    """Thousands of blank pages: small on disk, refused by the page limit."""
    from pypdf import PdfWriter
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def huge_page_pdf(path: Path) -> Path:
    """One page 200 000 pt wide (PDF 1.6 user units allow such boxes)."""
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=200_000, height=200_000)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def _docx_parts(body_xml: str, prolog: str = "") -> dict[str, bytes]:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>').encode(),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>').encode(),
        "word/document.xml": (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {ns}><w:body>{body_xml}</w:body></w:document>').encode(),
    }


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def docx_zip_bomb(path: Path, expanded: int = 400 * 1024**2) -> Path:
    """A DOCX whose one extra member inflates from 0.4 MB to 400 MiB of zeros."""
    import zipfile
    parts = _docx_parts(_para("Kế hoạch số 12/KH-UBND của Ủy ban nhân dân xã"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
        with zf.open("word/media/zeros.bin", "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(expanded >> 20):
                fh.write(block)
    return path


def docx_external_entity(path: Path, secret: Path) -> Path:
    """A DOCX whose XML declares an external entity pointing at a local file."""
    import zipfile
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = _para("KẾ HOẠCH Cải cách hành chính năm 2024 của Ủy ban nhân dân xã Bình Yên") + _para("&xxe;") + \
        _para("Văn phòng Ủy ban nhân dân xã chủ trì thực hiện các nhiệm vụ cải cách thủ tục hành chính trong năm 2024.")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _docx_parts(body, prolog).items():
            zf.writestr(name, data)
    return path


def pdf_named_docx(path: Path) -> Path:
    return small_pdf(path)                       # the bytes decide, not the extension


def utf16_text(path: Path, source: Path) -> Path:
    path.write_bytes(source.read_text("utf-8").encode("utf-16"))
    return path


def tcvn3_text(path: Path, source: Path) -> Path:
    from vanban.pipeline.legacy_encoding import encode
    path.write_bytes(encode(source.read_text("utf-8"), "tcvn3").encode("cp1252", errors="replace"))
    return path


def mixed_languages(path: Path) -> Path:
    """A Vietnamese plan page with English and Chinese paragraphs in it."""
    path.write_text(
        "ỦY BAN NHÂN DÂN XÃ BÌNH YÊN\nSố: 15/KH-UBND\nBình Yên, ngày 03 tháng 3 năm 2024\n"
        "KẾ HOẠCH\nHợp tác đầu tư với đối tác nước ngoài năm 2024\n"
        "Summary in English: the commune will host a trade delegation in April 2024.\n"
        "中文摘要：本乡将于二〇二四年四月接待贸易代表团。\n"
        "1. Văn phòng Ủy ban nhân dân xã chủ trì đón tiếp đoàn, hoàn thành trước ngày 15/4/2024.\n", "utf-8")
    return path


def chinese_only(path: Path) -> Path:
    path.write_text("关于二〇二四年行政改革工作的计划。各部门负责落实。\n" * 20, "utf-8")
    return path


def slow_ocr_page(path: Path, width: int = 4960, height: int = 7016) -> Path:
    """An A4 page at 600 dpi packed with random Vietnamese letter soup: every blob
    looks like text, so Tesseract segments and recognises for many minutes."""
    import random
    from PIL import Image, ImageDraw, ImageFont
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 22)
    rng = random.Random(7)
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộ0123456789/-"
    y = 0
    while y < height:
        x = 0
        while x < width:
            draw.text((x, y), "".join(rng.choice(letters) for _ in range(rng.randint(1, 8))), font=font, fill=0)
            x += rng.randint(60, 160)
        y += rng.randint(18, 30)
    img.save(path, "PNG")
    return path


def huge_sparse(path: Path, size: int = 300 * 1024**2) -> Path:
    """A 300 MB file that takes no disk (sparse): refused by the size limit."""
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


def english_only(path: Path) -> Path:
    path.write_text("Annual plan of the commune. The office is in charge of administrative reform.\n" * 30, "utf-8")
    return path


def hostile_zip(path: Path, good: Path) -> Path:
    """An archive with one good plan and three members that cannot be unpacked:
    one encrypted (flag bit set), one expanding to 250 MB, one with damaged data."""
    import zipfile
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(good, "2024/good-plan.txt")
        zf.writestr("2024/locked.txt", "Kế hoạch số 1/KH-UBND " * 50)
        with zf.open("2024/huge.txt", "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(250):
                fh.write(block)
        zf.writestr("2024/damaged.txt", "Ủy ban nhân dân xã chủ trì thực hiện kế hoạch năm 2024. " * 200)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        infos = {i.filename: i for i in zf.infolist()}
    locked = infos["2024/locked.txt"]
    data[locked.header_offset + 6] |= 0x1                       # local header: encrypted
    cd = data.find(b"PK\x01\x02")
    while cd >= 0:                                              # its central-directory entry too
        name_len = int.from_bytes(data[cd + 28:cd + 30], "little")
        if data[cd + 46:cd + 46 + name_len] == b"2024/locked.txt":
            data[cd + 8] |= 0x1
            break
        cd = data.find(b"PK\x01\x02", cd + 4)
    damaged = infos["2024/damaged.txt"]
    start = damaged.header_offset + 30 + len(damaged.filename) + 40
    data[start:start + 16] = b"\xff" * 16                       # break the deflate stream
    path.write_bytes(bytes(data))
    return path

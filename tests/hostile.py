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

"""Tell what a file is from its bytes, not its name.

An archive's ``.pdf`` may be a JPEG and its ``.doc`` a DOCX; the extension is
only a tie-breaker for plain text.  Returns one of: pdf, docx, doc, image,
text — or raises :class:`UnsupportedFormat` with what it looked like.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import CorruptFile, EmptyDocument, UnsupportedFormat

_IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpeg",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
    b"BM": "bmp",
    b"GIF87a": "gif",
    b"GIF89a": "gif",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}


def sniff(path: Path) -> str:
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocument("empty file (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, _kind in _IMAGE_MAGIC.items():
        if head.startswith(magic):
            if magic == b"BM" and path.suffix.lower() != ".bmp":
                break
            return "image"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image"
    if head.startswith(_OLE):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise CorruptFile(f"broken zip container ({exc})") from exc
        if "word/document.xml" in names:
            return "docx"
        raise UnsupportedFormat("zip archive that is not a Word document")
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return "text"
    if _looks_textual(head):
        return "text"
    raise UnsupportedFormat(f"unrecognised binary content (starts with {head[:8].hex()})")


def _looks_textual(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head:
        # UTF-16 without BOM: every other byte is zero for Latin text.
        zeros = head.count(b"\x00") / len(head)
        return 0.3 < zeros < 0.6
    control = sum(b < 9 or 13 < b < 32 for b in head)
    return control / len(head) < 0.02

"""Tell what a file is from its bytes, not its name.

An archive's ``.pdf`` may be a JPEG and its ``.doc`` a DOCX, an RTF or an
HTML page saved by Word; the extension only breaks ties (plain text, and
OLE files whose streams do not say).  Returns a format name of
:data:`vanban.pipeline.formats.FORMATS`, or raises :class:`UnsupportedFormat`
saying what the file looked like.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .errors import CorruptFile, EmptyDocument, UnsupportedFormat
from .formats import BY_NAME

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a",
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE compound files: the stream that names the application
_OLE_STREAMS = (("worddocument", "doc"), ("workbook", "xls"), ("book", "xls"), ("powerpoint document", "ppt"))
# zip containers: a member that names the application
_ZIP_MEMBERS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx"))
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.text-template": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
_HTML = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                   re.I | re.S)
# Word 2 and Word for DOS files (no OLE container) — old enough to be in archives
_WORD_OLD = (b"\xdb\xa5\x2d\x00", b"\x31\xbe\x00\x00")


def sniff(path: Path) -> str:
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocument("empty file (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(4096)
    return sniff_bytes(head, path)


def sniff_bytes(head: bytes, path: Path) -> str:
    suffix = path.suffix.lower()
    if head.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC) or (head.startswith(b"RIFF") and head[8:12] == b"WEBP") \
            or (head.startswith(b"BM") and suffix == ".bmp"):
        return "image"
    if head.startswith(_OLE):
        return _ole_kind(path, suffix)
    if head.startswith(_WORD_OLD):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if _HTML.match(body[:2048]) or (suffix in BY_NAME["html"].suffixes and b"<" in body[:512] and b">" in body[:2048]):
        return "html"
    if head.startswith(b"\xef\xbb\xbf") or _looks_textual(head):
        return "text"
    raise UnsupportedFormat(f"unrecognised binary content (starts with {head[:8].hex()})")


def _ole_kind(path: Path, suffix: str) -> str:
    import olefile
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=True)}
    except Exception as exc:                  # a damaged directory: let the suffix decide what to try
        for fmt in ("doc", "xls", "ppt"):
            if suffix in BY_NAME[fmt].suffixes:
                return fmt
        raise CorruptFile(f"damaged OLE (Office 97–2003) container ({type(exc).__name__})") from exc
    for stream, fmt in _OLE_STREAMS:
        if stream in streams:
            return fmt
    if any(s.startswith("encryptedpackage") or s == "encryptioninfo" for s in streams):
        from .errors import EncryptedFile
        raise EncryptedFile("Office document is encrypted (password needed)")
    raise UnsupportedFormat("OLE container that is not a Word, Excel or PowerPoint document "
                            f"(streams: {', '.join(sorted(streams)[:5])})")


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError) as exc:
        raise CorruptFile(f"broken zip container ({exc})") from exc
    for member, fmt in _ZIP_MEMBERS:
        if member in names:
            return fmt
    if mimetype in _ODF_MIMETYPES:
        return _ODF_MIMETYPES[mimetype]
    raise UnsupportedFormat("zip archive that is not an office document (give archives to `vanban ingest`)")


def _looks_textual(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head:
        # UTF-16 without BOM: every other byte is zero for Latin text.
        zeros = head.count(b"\x00") / len(head)
        return 0.3 < zeros < 0.6
    control = sum(b < 9 or 13 < b < 32 for b in head)
    return control / len(head) < 0.02

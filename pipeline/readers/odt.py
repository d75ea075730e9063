"""ODT (OpenDocument text): converted to DOCX by LibreOffice, read by the DOCX reader.

Why conversion rather than walking ``content.xml`` ourselves: LibreOffice is
ODF's reference implementation, and its DOCX export writes what the DOCX
reader already understands — ODF lists (``text:list`` with continue-numbering,
list ids, outline numbering of headings, ``display-levels``) become
``numbering.xml`` lists, spanned and covered table cells become
``gridSpan``/``vMerge``, tracked changes, fields and frames become their Word
forms, and every span keeps its font name, so a ``.VnTime`` text still reaches
``decode_run``.  One reader of document structure instead of two that drift
apart (the real 40-page CCHC plan reads to the same text and 52 tasks as ODT
and as DOCX — ``tests/test_odt_html.py``).  The price is the conversion:
about 1.5–2 s for a short document and 6.5 s for that plan on this machine,
against a few hundred ms for a native walk — paid only for ODT, which is rare
in the archives.  The conversion runs in its own process group with a
timeout (``limits.max_seconds``, at most 120 s) and a fresh profile.

The container is checked against ``limits.max_docx_uncompressed`` before
LibreOffice sees it (an ODT is a zip like a DOCX).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from ..errors import CorruptFile, TooLarge
from ..model import RawDocument
from .docx import read_docx
from .office_convert import convert


def _check_zip(path: Path, limit: int) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if "content.xml" not in zf.namelist():
                raise CorruptFile("ODT has no content.xml")
    except zipfile.BadZipFile as exc:
        raise CorruptFile(f"ODT container is damaged ({exc})") from exc
    if total > limit or (total > 50_000_000 and total / packed > 100):
        raise TooLarge(f"ODT expands to {total / 1e6:.0f} MB (compression ratio {total / packed:.0f}:1): refused as a zip bomb")


def read_odt(path: Path, options=None) -> RawDocument:
    from ..limits import Limits
    limits = getattr(options, "limits", None) or Limits()
    _check_zip(path, limits.max_docx_uncompressed)
    work = Path(tempfile.mkdtemp(prefix="vanban-odt-"))
    try:
        docx_path = convert(path, "docx", work, timeout=min(120.0, float(limits.max_seconds)))
        raw = read_docx(docx_path, options)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    raw.format = "odt"
    for page in raw.pages:
        page.text_source = "odt"
    return raw

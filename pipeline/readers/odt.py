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

from pathlib import Path

from ..model import RawDocument
from .docx import read_docx
from .office_convert import via_libreoffice
from .zip_container import check_container


def read_odt(path: Path, options=None) -> RawDocument:
    from ..limits import Limits
    limits = getattr(options, "limits", None) or Limits()
    check_container(path, limits.max_docx_uncompressed, "ODT", "content.xml")
    return via_libreoffice(path, "docx", read_docx, "odt", "odt", options, cap=120.0)

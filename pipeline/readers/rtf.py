"""Rich Text Format: LibreOffice → DOCX → our DOCX reader.

An RTF file names a font for every run (``\\f3`` → ``.VnTime`` in its font
table), and a TCVN3 document's letters are ``\\'xx`` escapes of the legacy
codes.  LibreOffice keeps both through the conversion, so each run is decoded
by its font (:func:`~vanban.pipeline.legacy_encoding.decode_run`: ``.VnTimeH``
capitals, ``ư`` at 0xAD) and tables stay tables read row by row.  A plain
text-only RTF stripper (striprtf, which viparse uses) drops the fonts and
leaves only whole-document detection.
"""

from __future__ import annotations

from pathlib import Path

from ..model import RawDocument
from .office_convert import via_libreoffice


def read_rtf(path: Path, options=None) -> RawDocument:
    from .docx import read_docx
    return via_libreoffice(path, "docx", read_docx, "rtf", "rtf", options)

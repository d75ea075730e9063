"""The zip-bomb check every zip-based office format gets before it is parsed.

DOCX, XLSX, PPTX and ODF files are zip containers; a hostile one declares a
small file that inflates to gigabytes.  The sizes in the zip directory are
checked against the configured limit (``Limits.max_docx_uncompressed``) and a
ratio, before any member is inflated.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import CorruptFile, TooLarge


def check_container(path: Path, limit: int, label: str, required: str | None = None) -> None:
    """Refuse a damaged container, one over ``limit`` bytes unpacked, or a 100:1 bomb over 50 MB."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except zipfile.BadZipFile as exc:
        raise CorruptFile(f"{label} container is damaged ({exc})") from exc
    if required and required not in names:
        raise CorruptFile(f"{label} has no {required}")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > limit or (total > 50_000_000 and total / packed > 100):
        raise TooLarge(f"{label} expands to {total / 1e6:.0f} MB (compression ratio {total / packed:.0f}:1): "
                       "refused as a zip bomb")

"""Convert reader blocks typed in a legacy Vietnamese font (TCVN3/VNI) to Unicode.

PDF and DOCX text in ``.VnTime``/``VNI-Times`` fonts reaches us as mojibake;
the encoding is detected on the document's text as a whole (a single line is
too little evidence) and then every line and table cell is converted.
"""

from __future__ import annotations

from ..legacy_encoding import convert, detect
from ..model import RawLine, RawTable


def convert_legacy_blocks(blocks: list) -> tuple[str | None, list[str]]:
    """Convert in place; return (encoding or None, warnings)."""
    sample = " ".join(b.text for b in blocks if isinstance(b, RawLine))[:20000]
    legacy = detect(sample)
    if not legacy:
        return None, []
    for b in blocks:
        if isinstance(b, RawLine):
            b.text = convert(b.text, legacy)
        elif isinstance(b, RawTable):
            b.rows = [[convert(c, legacy) for c in r] for r in b.rows]
    return legacy, [f"legacy {legacy.upper()} font encoding converted to Unicode"]

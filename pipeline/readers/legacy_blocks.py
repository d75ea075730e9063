"""Convert reader blocks typed in a legacy Vietnamese font (TCVN3/VNI) to Unicode.

Office readers decode each run whose font names its encoding
(:func:`~vanban.pipeline.legacy_encoding.decode_run`); what the fonts did not
say is settled here.  The encoding is detected on the document's still
undecoded text as a whole — lines and table cells (a spreadsheet is all
cells) — since a single line is too little evidence; then every line and cell
is converted, except those that already hold Vietnamese letters no legacy code
can produce (``ư``, ``ạ``…): those were decoded by their fonts or typed in
Unicode, and converting them again would garble them.
"""

from __future__ import annotations

from ..legacy_encoding import convert, detect, looks_unicode, take_decoded
from ..model import RawLine, RawTable


def _texts(blocks: list):
    for b in blocks:
        if isinstance(b, RawLine):
            yield b.text
        elif isinstance(b, RawTable):
            for row in b.rows:
                yield from row


def convert_legacy_blocks(blocks: list) -> tuple[str | None, list[str]]:
    """Convert in place; return (encoding or None, warnings).

    The encoding reported is the one detected here, else the one the fonts
    decoded (TCVN3 before VNI when a document mixes them)."""
    by_font = take_decoded()
    pending = [t for t in _texts(blocks) if t and not looks_unicode(t)]
    sample = " ".join(pending)[:20000]
    legacy = detect(sample) if sample.strip() else None
    if not legacy:
        if by_font:
            enc = "tcvn3" if "tcvn3" in by_font else sorted(by_font)[0]
            return enc, [f"legacy {' and '.join(sorted(e.upper() for e in by_font))} font text decoded to Unicode"]
        return None, []

    def fix(text: str) -> str:
        return text if not text or looks_unicode(text) else convert(text, legacy)

    for b in blocks:
        if isinstance(b, RawLine):
            b.text = fix(b.text)
        elif isinstance(b, RawTable):
            b.rows = [[fix(c) for c in r] for r in b.rows]
    return legacy, [f"legacy {legacy.upper()} font encoding converted to Unicode"]

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


def _keyed_texts(blocks: list):
    for i, b in enumerate(blocks):
        if isinstance(b, RawLine):
            yield (i,), b.text
        elif isinstance(b, RawTable):
            for r, row in enumerate(b.rows):
                for j, cell in enumerate(row):
                    yield (i, r, j), cell


def convert_legacy_blocks(blocks: list, settled: set | None = None) -> tuple[str | None, list[str]]:
    """Convert in place; return (encoding or None, warnings).

    ``settled`` (optional) names the texts a reader already decoded by their
    fonts — ``(block index,)`` for a line, ``(block index, row, column)`` for a
    cell — which are then neither evidence nor converted again.  The encoding
    reported is the one detected here, else the one the fonts decoded (TCVN3
    before VNI when a document mixes them)."""
    by_font = take_decoded()
    settled = settled or set()
    pending = [t for key, t in _keyed_texts(blocks) if t and key not in settled and not looks_unicode(t)]
    sample = " ".join(pending)[:20000]
    legacy = detect(sample) if sample.strip() else None
    if not legacy:
        if by_font:
            enc = "tcvn3" if "tcvn3" in by_font else sorted(by_font)[0]
            return enc, [f"legacy {' and '.join(sorted(e.upper() for e in by_font))} font text decoded to Unicode"]
        return None, []

    def fix(text: str, key: tuple) -> str:
        return text if not text or key in settled or looks_unicode(text) else convert(text, legacy)

    for i, b in enumerate(blocks):
        if isinstance(b, RawLine):
            b.text = fix(b.text, (i,))
        elif isinstance(b, RawTable):
            b.rows = [[fix(c, (i, r, j)) for j, c in enumerate(row)] for r, row in enumerate(b.rows)]
    return legacy, [f"legacy {legacy.upper()} font encoding converted to Unicode"]

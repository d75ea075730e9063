"""Was an OCR'd document number read the same way twice?

The OCR stage re-reads every word that looks like a document number
(:func:`pipeline.ocr.reread_numbers`).  A number whose serial or year comes out
differently on the second reading is not trusted: the document's own number
becomes null, a citation is kept but marked uncertain, both with a warning.
"""

from __future__ import annotations

from vanban.pipeline.model import Document

from .numbers import parse_number


def readings(doc: Document, start: int, end: int, number: str) -> list[str]:
    """Other readings of the number written at ``start:end`` (empty when not OCR'd or agreed)."""
    parsed = parse_number(number)
    if parsed is None:
        return []
    line = doc.line_at(start)
    if line is None or not line.words:
        return []
    serial = parsed.serial
    different: list[str] = []
    for word in line.words:
        if serial not in word.text or not word.alternatives:
            continue
        for alt in word.alternatives:
            other = parse_number(alt)
            if other is not None and (other.serial != serial or (parsed.year and other.year and other.year != parsed.year)):
                different.append(other.number)
    return different

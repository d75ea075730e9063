"""Markers of the document's frame that readers and extractors both look for.

Kept in one place so that every stage spells them alike: the national motto
was once written two ways (one of them missed "CỘNG HÒA" with the old tone
placement), and later a third time for OCR'd headers, so a header read by one
stage was not a header to another.  The mottos are matched on folded letters
(``textnorm.fold_chars``: no marks, lower case, same length), so OCR damage to
the marks ("CỌNG HÒA XÃ HỌI", "ĐỌC LẬP") does not hide them and spans found in
the folded copy point into the text itself.
"""

from __future__ import annotations

import re

from .textnorm import fold_chars

# the national motto's two lines and the Party's header, on folded letters; OCR's
# 0/4/1 for o/a/l and lost spaces tolerated ("CỘNGHÒA", "Độc lập – Tự do")
MOTTO_PATTERNS: tuple[str, ...] = (
    r"c[o0]ng\s*ho?a\s*a?\s*x[a4]\s*h[o0]i\s*(?:ch[u]\s*ngh[il1]a\s*)?(?:v[il1]e\s*t\s*nam)?",
    r"doc\s*lap\s*[-–—.]?\s*tu\s*do(?:\s*[-–—.]?\s*hanh\s*phuc)?",
    r"dang\s*cong\s*(?:\w+\s*)?san\s*viet\s*nam",
)
_MOTTO_FOLDED = re.compile("|".join(f"(?:{p})" for p in MOTTO_PATTERNS))


def motto_spans(text: str) -> list[tuple[int, int]]:
    """Where a motto (national, or the Party's) stands in ``text``, as offsets into it."""
    return [m.span() for m in _MOTTO_FOLDED.finditer(fold_chars(text)) if m.end() > m.start()]


def has_motto(text: str) -> bool:
    """Whether ``text`` holds a motto line (or a merged part of one)."""
    return _MOTTO_FOLDED.search(fold_chars(text)) is not None

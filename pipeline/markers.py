"""Markers of the document's frame that readers and extractors both look for.

Kept in one place so that every stage spells them alike: the national motto
was once written two ways (one of them missed "CỘNG HÒA" with the old tone
placement), and later a third time for OCR'd headers, so a header read by one
stage was not a header to another.  The mottos are matched on folded letters
(``textnorm.fold_chars``: no marks, lower case, same length), so OCR damage to
the marks ("CỌNG HÒA XÃ HỌI", "ĐỌC LẬP") does not hide them and spans found in
the folded copy point into the text itself.

The words are the lexicon's (``extractors/data/markers.json``); the patterns
here only combine them: the motto lines, the words that open a part or an
article of the body, and the lines that close it ("Trên đây là …", "Nơi nhận",
an appendix heading).
"""

from __future__ import annotations

import re

from vanban.extractors.lexicon import load

from .textnorm import fold_chars

_MARKERS = load("markers")

# the national motto's two lines and the Party's header, on folded letters; OCR's
# 0/4/1 for o/a/l and lost spaces tolerated ("CỘNGHÒA", "Độc lập – Tự do")
MOTTO_PATTERNS: tuple[str, ...] = tuple(row["pattern"] for row in _MARKERS["motto"])
_MOTTO_FOLDED = re.compile("|".join(f"(?:{p})" for p in MOTTO_PATTERNS))


def motto_spans(text: str) -> list[tuple[int, int]]:
    """Where a motto (national, or the Party's) stands in ``text``, as offsets into it."""
    return [m.span() for m in _MOTTO_FOLDED.finditer(fold_chars(text)) if m.end() > m.start()]


def has_motto(text: str) -> bool:
    """Whether ``text`` holds a motto line (or a merged part of one)."""
    return _MOTTO_FOLDED.search(fold_chars(text)) is not None


# --- the body's parts and its close ---------------------------------------------------------
# words opening a part ("PHẦN I", "Chương 2") and an article ("Điều 5."), as printed
PART_WORDS: str = "|".join(_MARKERS["part_words"])
ARTICLE_WORD: str = _MARKERS["article_word"]
# "Trên đây là Kế hoạch …": the line summing the document up
SUMMING_UP_WORDS: str = _MARKERS["summing_up"]
SUMMING_UP = re.compile(rf"^\s*{SUMMING_UP_WORDS}", re.I)
# the summing-up line or a notice's closing line ("Nay thông báo", "Trân trọng thông báo")
SUMMING_UP_OR_NOTICE = re.compile(rf"^\s*(?:{'|'.join([SUMMING_UP_WORDS, *_MARKERS['announcing']])})", re.I)
# the heading of an appendix ("PHỤ LỤC", "Phụ lục II")
APPENDIX = re.compile(rf"^\s*(?:{_MARKERS['appendix']})", re.I)
# the recipients block ("Nơi nhận:")
RECIPIENTS_WORDS: str = _MARKERS["recipients"]
# what closes the body: the summing-up line, the recipients block, an appendix
CLOSING = re.compile(rf"^\s*(?:{SUMMING_UP_WORDS}|{RECIPIENTS_WORDS}|{_MARKERS['appendix']})", re.I)

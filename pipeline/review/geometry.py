"""Character offsets → boxes on the page: the inverse of layout and assembly.

Every extracted item carries ``start``/``end`` offsets into the document text.
A table cell knows its regions (from the PDF's or the OCR grid's cells); a line
knows its words' boxes, and the line text is those words joined by spaces, so
walking the words along the text gives each word its character range.  A span
covers the words it overlaps; words on one visual line are merged into one
rectangle.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator

from ..model import BBox, Document, Line, Region
from ..textnorm import clean_text


@dataclass
class _Placed:
    start: int
    end: int
    page: int
    bbox: BBox
    conf: float | None = None


class SpanLocator:
    """Boxes for offset spans of one document (indexes built once)."""

    def __init__(self, doc: Document):
        self._cells = sorted((c for t in doc.tables for r in t.rows for c in r.cells), key=lambda c: c.start)
        self._cell_starts = [c.start for c in self._cells]
        self._lines = doc.lines
        self._line_starts = [l.start for l in doc.lines]
        self._words: dict[int, list[_Placed]] = {}

    def regions(self, start: int, end: int) -> list[Region]:
        """Where the text ``start:end`` sits: one rectangle per visual line or cell."""
        out: list[Region] = []
        for cell in _overlapping(self._cells, self._cell_starts, start, end):
            out.extend(cell.boxes)
        for line in _overlapping(self._lines, self._line_starts, start, end):
            out.extend(self._line_regions(line, start, end))
        return out

    def _line_regions(self, line: Line, start: int, end: int) -> list[Region]:
        words = self._placed(line)
        hit = [w for w in words if w.start < end and w.end > start]
        if not hit:
            return [(line.page, line.bbox)] if line.bbox and not words else []
        return [(line.page, box) for box in _merge_rows([w.bbox for w in hit])]

    def _placed(self, line: Line) -> list[_Placed]:
        if line.index not in self._words:
            self._words[line.index] = place_words(line)
        return self._words[line.index]


def _overlapping(items: list, starts: list[int], start: int, end: int) -> Iterator:
    """Items (sorted by ``start``, with ``start``/``end``) that overlap ``start:end``;
    an empty span finds the item it sits in."""
    i = max(0, bisect_right(starts, start) - 1)
    while i < len(items) and items[i].start < max(end, start + 1):
        if items[i].end > start:
            yield items[i]
        i += 1


def place_words(line: Line) -> list[_Placed]:
    """Give each word of the line its character range in the line's text."""
    placed = []
    cursor = 0
    for w in line.words:                       # reading order, as layout joined them
        text = " ".join(clean_text(w.text).split())
        if not text:
            continue
        at = line.text.find(text, cursor)
        if at < 0 or at - cursor > 2 * len(text) + 8:     # not where the next word should be
            continue
        placed.append(_Placed(line.start + at, line.start + at + len(text), line.page, w.bbox, w.conf))
        cursor = at + len(text)
    return placed


def _merge_rows(boxes: list[BBox]) -> list[BBox]:
    """Boxes of words → one rectangle per visual line."""
    rows: list[list[BBox]] = []
    for b in sorted(boxes, key=lambda b: (b[1], b[0])):
        h = b[3] - b[1]
        row = next((r for r in rows if abs((r[0][1] + r[0][3]) / 2 - (b[1] + b[3]) / 2) < 0.6 * max(h, 1)), None)
        if row is None:
            rows.append([b])
        else:
            row.append(b)
    return [(min(b[0] for b in r), min(b[1] for b in r), max(b[2] for b in r), max(b[3] for b in r)) for r in rows]

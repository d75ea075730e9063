"""Where an extracted owner or deadline was printed: a span of the record's text.

Every task value carries the offsets of the words it was read from (``span``:
``start``, ``end`` into the record's ``text``, the ``page``, and ``text`` — the
printed words exactly as ``text[start:end]`` holds them), so the review page
draws it without searching the text again.

The printed words and the value's own ``text`` are the same words; they may
differ only where the value was tidied for display: whitespace (a phrase that
runs over a line break is shown on one line), the capital a prose owner gets
("giao các phòng" → "Các phòng") and the new tone placement owners are read in
("hoá" → "hóa").  :func:`same_words` is that comparison, and a span is only
ever made when it holds, so a span never points at other words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from vanban.pipeline.textnorm import unify_tones


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    page: int | None
    text: str               # the record's text[start:end], exactly

    def as_dict(self) -> dict:
        out = {"start": self.start, "end": self.end, "text": self.text}
        if self.page is not None:
            out["page"] = self.page
        return out


def _words(text: str) -> str:
    """``text`` as compared with its printed words: tones in the new placement, one space
    between words, the first letter in lower case."""
    words = " ".join(unify_tones(text).split())
    return words[:1].lower() + words[1:]


def same_words(printed: str, value: str) -> bool:
    """The value reads as the printed words (see the module docstring for what may differ)."""
    return bool(value.strip()) and (printed == value or _words(printed) == _words(value))


def make_span(region: str, start: int, end: int, page: int | None, value: str | None, base: int = 0) -> Span | None:
    """The span of ``region[start:end]`` when it holds ``value``'s words, else None; ``region``
    is printed at ``base`` in the record's text (a cell, a line, or the whole text at 0)."""
    if value is None or not (0 <= start < end <= len(region)) or not same_words(region[start:end], value):
        return None
    return Span(base + start, base + end, page, region[start:end])


@lru_cache(maxsize=4096)
def _pattern(value: str) -> re.Pattern:
    """``value``'s words as a pattern over printed text: any whitespace between words (a
    comma or dash may have none), the first letter in either case."""
    value = unify_tones(" ".join(value.split()))
    out = []
    for k, ch in enumerate(value):
        if ch == " ":
            out.append(r"\s*" if (value[k - 1:k] in ",;-–—" or value[k + 1:k + 2] in ",;-–—") else r"\s+")
        elif k == 0 and ch.isalpha():
            out.append(f"[{re.escape(ch.lower())}{re.escape(ch.upper())}]")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out))


def align(region: str, base: int, values: list[str], page_of: Callable[[int], int | None]) -> list[Span | None]:
    """Spans of ``values`` — pieces read, in this order, from ``region`` (an owner cell
    split into its owners, an owner phrase into its bodies), which is printed at ``base``
    in the record's text — each found after the previous one, so a name printed twice gets
    each printing once.  ``page_of`` gives the page of a record offset.  A piece not
    printed as such (a name put together from two cells) gets None.

    This aligns the pieces a splitter returned with the string it split, because the
    splitters (:func:`vanban.extractors.owners.split_owner_list`) return strings, not
    offsets; it never looks outside ``region``."""
    unified = None
    spans: list[Span | None] = []
    at = 0
    for value in values:
        if not value or not value.strip():
            spans.append(None)
            continue
        m = _pattern(value).search(region, at)
        if m is None:                        # printed in the old tone placement ("Văn hoá")
            if unified is None:
                unified = unify_tones(region)
                unified = unified if len(unified) == len(region) else region
            m = _pattern(value).search(unified, at)
        if m is None:
            spans.append(None)
            continue
        spans.append(make_span(region, m.start(), m.end(), page_of(base + m.start()), value, base))
        at = m.end()
    return spans


def with_spans(owners: list, spans: list[Span | None]) -> list:
    """``owners`` (Owner records) with the spans :func:`align` found for them."""
    from dataclasses import replace
    return [replace(o, span=s) if s is not None else o for o, s in zip(owners, spans)]


def located(owners: list, region: str, base: int, page_of: Callable[[int], int | None]) -> list:
    """``owners`` read from ``region`` (printed at ``base``), each with the span of its printed text."""
    return with_spans(owners, align(region, base, [o.text for o in owners], page_of))


def line_page_of(doc) -> Callable[[int], int | None]:
    """The page of an offset of ``doc.text`` that lies on one of its lines."""
    starts = [line.start for line in doc.lines]

    def page_of(offset: int) -> int | None:
        k = bisect.bisect_right(starts, offset) - 1
        return doc.lines[k].page if k >= 0 else None
    return page_of


def located_in_mapped(owners: list, mapped, text: str, page_of: Callable[[int], int | None]) -> list:
    """``owners`` read, in this order, from ``mapped`` (a :class:`MappedText` built from the
    record's ``text``: a unit's heading and lines), each with the span of its printed name."""
    from dataclasses import replace
    out = []
    for owner, found in zip(owners, align(mapped.text, 0, [o.text for o in owners], lambda _: None)):
        at = mapped.record_span(found.start, found.end) if found is not None else None
        span = make_span(text, at[0], at[1], page_of(at[0]), owner.text) if at else None
        out.append(replace(owner, span=span) if span is not None else owner)
    return out

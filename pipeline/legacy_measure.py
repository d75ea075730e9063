"""The legacy-document measure (``/work/shared/legacy/README.md``), as code.

A text read from a TCVN3/VNI document is scored against a hand-checked
transcript:

- both sides are NFC-normalised and every run of whitespace collapsed to one
  space; nothing else;
- ``diacritic_accuracy`` (the headline): of the transcript's characters that
  carry a diacritic (a combining mark under NFD, or đ/Đ), the share that come
  back exactly.  Both sides are reduced to base letters (NFD, marks removed,
  đ→d), aligned, and at each diacritic-bearing transcript position the
  original characters are compared.  The denominator is every such transcript
  character, aligned or not, so dropped text costs;
- ``char_accuracy``: matched characters / transcript length, from the same
  alignment.

The alignment is difflib's, done in two levels so long documents stay
tractable: the base-letter *words* of both sides are aligned first; equal word
runs align letter by letter, and each differing stretch (a reordered table
row, a garbled word) is aligned again character by character.  Letter case is
ignored for the alignment only (a heading that lost its capitals still lines
up) and counted in the comparison.

A document a tool cannot read scores :data:`FAILED` (0, 0).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

_WS = re.compile(r"\s+")
# a differing stretch larger than this (chars × chars) is aligned in pieces
_MAX_CELLS = 4_000_000


def normalise(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, ends trimmed."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def base_char(ch: str) -> str:
    """The base letter of one NFC character: marks removed, đ→d (case kept)."""
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base[:1] if base else ch


def has_diacritic(ch: str) -> bool:
    """A character with a combining mark under NFD, or đ/Đ."""
    return ch in "đĐ" or any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch))


@dataclass
class Score:
    diacritics: int            # diacritic-bearing characters in the transcript
    diacritics_ok: int         # of those, returned exactly
    chars: int                 # transcript length (normalised)
    chars_ok: int              # transcript characters matched exactly
    read: bool = True          # False: the tool could not read the document

    @property
    def diacritic_accuracy(self) -> float:
        return self.diacritics_ok / self.diacritics if self.diacritics else (1.0 if self.read else 0.0)

    @property
    def char_accuracy(self) -> float:
        return self.chars_ok / self.chars if self.chars else (1.0 if self.read else 0.0)


def failed(truth: str) -> Score:
    """The score of a document the tool could not read: nothing matched."""
    t = normalise(truth)
    return Score(sum(map(has_diacritic, t)), 0, len(t), 0, read=False)


def _fold(s: str) -> str:
    return "".join(base_char(c) for c in s).lower()


def _compare(t: str, h: str, acc: list[int]) -> None:
    """Count matches between equal-length aligned stretches (same base letters)."""
    for a, b in zip(t, h):
        ok = a == b
        acc[2] += ok
        if has_diacritic(a):
            acc[1] += ok


def _align_chars(t: str, h: str, acc: list[int]) -> None:
    if not t or not h:
        return
    if len(t) * len(h) > _MAX_CELLS:
        # too big for one char alignment: word-align this stretch with junk heuristics on
        _align_words(t, h, acc, autojunk=True, depth=1)
        return
    ft, fh = _fold(t), _fold(h)
    sm = difflib.SequenceMatcher(None, ft, fh, autojunk=False)
    for i, j, n in sm.get_matching_blocks():
        _compare(t[i:i + n], h[j:j + n], acc)


def _align_words(t: str, h: str, acc: list[int], autojunk: bool = False, depth: int = 0) -> None:
    tw = t.split(" ")
    hw = h.split(" ")
    # each word carries its following space, so spaces are counted like letters
    tt = [w + " " for w in tw[:-1]] + [tw[-1]]
    ht = [w + " " for w in hw[:-1]] + [hw[-1]]
    sm = difflib.SequenceMatcher(None, [_fold(w) for w in tt], [_fold(w) for w in ht], autojunk=autojunk)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for a, b in zip(tt[i1:i2], ht[j1:j2]):
                _compare(a, b, acc)
        elif op == "replace":
            ts, hs = "".join(tt[i1:i2]), "".join(ht[j1:j2])
            if depth and len(ts) * len(hs) > _MAX_CELLS:
                continue            # hopeless stretch: counts as unmatched
            _align_chars(ts, hs, acc)


def score(text: str, truth: str) -> Score:
    """Score ``text`` (what a tool read) against ``truth`` (the transcript)."""
    t, h = normalise(truth), normalise(text)
    acc = [0, 0, 0]                 # unused, diacritics_ok, chars_ok
    if t and h:
        _align_words(t, h, acc)
    return Score(sum(map(has_diacritic, t)), acc[1], len(t), acc[2])


def mean(scores: list[Score]) -> tuple[float, float]:
    """Mean (diacritic_accuracy, char_accuracy) over documents, failures counted as 0."""
    if not scores:
        return 0.0, 0.0
    return (sum(s.diacritic_accuracy for s in scores) / len(scores),
            sum(s.char_accuracy for s in scores) / len(scores))

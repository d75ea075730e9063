"""Strings built from pieces of the record's text that remember where each character was printed."""

from __future__ import annotations

import re
from dataclasses import dataclass


_WHITESPACE_RUN = re.compile(r"\s{2,}|[^\S ]")        # what collapsing changes: not a lone space


@dataclass(frozen=True)
class MappedText:
    """A string built from pieces of the record's text, with the record offset of each of
    its characters (None for a space put between two pieces), so that a phrase found in a
    derived string — a task description made of a unit's lines — maps back to where it
    was printed without being searched for."""
    text: str
    offsets: tuple[int | None, ...]

    @classmethod
    def at(cls, text: str, start: int | None) -> "MappedText":
        """``text`` printed at ``start`` (None: not printed as such)."""
        if start is None:
            return cls(text, (None,) * len(text))
        return cls(text, tuple(range(start, start + len(text))))

    @classmethod
    def join(cls, parts: list["MappedText"], sep: str = " ") -> "MappedText":
        text, offsets = [], []
        for k, part in enumerate(parts):
            if k:
                text.append(sep)
                offsets.extend([None] * len(sep))
            text.append(part.text)
            offsets.extend(part.offsets)
        return cls("".join(text), tuple(offsets))

    def __getitem__(self, item: slice) -> "MappedText":
        return MappedText(self.text[item], self.offsets[item])

    def strip(self, chars: str | None = None) -> "MappedText":
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self[left:max(left, right)]

    def collapse_spaces(self) -> "MappedText":
        """As :func:`vanban.pipeline.textnorm.collapse_spaces`: each run of whitespace one space
        (printed where the run starts), ends stripped."""
        text, offsets, last = [], [], 0
        for m in _WHITESPACE_RUN.finditer(self.text):
            text += [self.text[last:m.start()], " "]
            offsets += self.offsets[last:m.start()]
            offsets.append(self.offsets[m.start()])
            last = m.end()
        text.append(self.text[last:])
        offsets += self.offsets[last:]
        return MappedText("".join(text), tuple(offsets)).strip()

    def record_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Record offsets of ``self.text[start:end]``, when both of its ends were printed."""
        if not 0 <= start < end <= len(self.text):
            return None
        first, last = self.offsets[start], self.offsets[end - 1]
        if first is None or last is None or last < first:
            return None
        return first, last + 1

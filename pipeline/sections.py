"""Find the numbered structure of a document body.

Vietnamese documents number their parts ``I.`` → ``1.`` → ``1.1.`` → ``a)``
(Vietnamese alphabet, so ``đ)`` exists) and decisions use ``Điều N.``.  Labels
are patterns (data); nesting comes from a rank per style, so a ``1.1.`` directly
under ``II.`` (seed 004) nests correctly without a ``1.`` between them.
"""

from __future__ import annotations

import re

from .model import Document, Section

# (style, pattern, rank) — rank decides nesting, lower is outer.
LABEL_PATTERNS: list[tuple[str, re.Pattern, int]] = [
    ("part", re.compile(r"^(?P<label>(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục)\s+(?P<n>[IVXLC]+|\d+))(?!\w)\s*[.:\-–]?\s*(?P<title>.*)$"), 0),
    ("dieu", re.compile(r"^(?P<label>Điều\s+(?P<n>\d{1,3}))\s*[.:]\s*(?P<title>.*)$"), 1),
    ("roman", re.compile(r"^(?P<label>(?P<n>(?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3}))\.)\s*(?P<title>\S.*)$"), 1),
    ("decimal", re.compile(r"^(?P<label>(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})\.?)\s+(?P<title>\S.*)$"), 3),
    ("arabic", re.compile(r"^(?P<label>(?P<n>\d{1,2})\.)\s*(?P<title>[^\d\s].*)$"), 2),
    ("letter", re.compile(r"^(?P<label>(?P<n>[a-zđ])\))\s*(?P<title>.*)$"), 5),
]


def match_label(text: str):
    """``(style, label, number, title, rank)`` when ``text`` opens a numbered part."""
    stripped = text.strip()
    for style, pattern, rank in LABEL_PATTERNS:
        m = pattern.match(stripped)
        if m:
            n = m.group("n")
            if style == "decimal":
                rank = 2 + n.count(".")
            return style, m.group("label"), n, m.group("title").strip(), rank
    return None


def _ref(style: str, number: str, parent: Section | None) -> str:
    if style == "dieu":
        return f"Điều {number}"
    if style == "decimal" or parent is None or parent.style == "part":
        return number
    return f"{parent.ref}.{number}"


ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
_ROMANS = ROMANS


def find_sections(doc: Document) -> list[Section]:
    sections: list[Section] = []
    stack: list[tuple[int, int]] = []       # (rank, index)
    last_roman = 0
    for line in doc.lines:
        found = match_label(line.text)
        if not found or line.column == "right":
            continue
        style, label, number, title, rank = found
        if style == "roman" and number in _ROMANS:
            # top-level parts only go forward: "II." after "II." is an OCR slip for "III."
            value = _ROMANS.index(number) + 1
            if value <= last_roman and last_roman < len(_ROMANS):
                number = _ROMANS[last_roman]
                label = f"{number}."
                value = last_roman + 1
            last_roman = value
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent_index = stack[-1][1] if stack else None
        parent = sections[parent_index] if parent_index is not None else None
        section = Section(_ref(style, number, parent), label, style, rank, title,
                          line.start, len(doc.text), line.index, len(doc.lines) - 1, parent_index)
        sections.append(section)
        if parent is not None:
            parent.children.append(len(sections) - 1)
        stack.append((rank, len(sections) - 1))
    # A section ends where the next section of the same or an outer rank starts.
    for i, section in enumerate(sections):
        for later in sections[i + 1:]:
            if later.level <= section.level:
                section.end = later.start - 1
                section.last_line = later.first_line - 1
                break
    return sections

"""Find the numbered structure of a document body.

Vietnamese documents number their parts ``I.`` → ``1.`` → ``1.1.`` → ``a)``
(Vietnamese alphabet, so ``đ)`` exists) and decisions use ``Điều N.``.  Labels
are patterns (data); nesting comes from a rank per style, so a ``1.1.`` directly
under ``II.`` (seed 004) nests correctly without a ``1.`` between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import ARTICLE_WORD, PART_WORDS, SUMMING_UP_OR_NOTICE
from .model import Document, Section
from .textmap import MappedText

# (style, pattern, rank) — rank decides nesting, lower is outer.
LABEL_PATTERNS: list[tuple[str, re.Pattern, int]] = [
    ("part", re.compile(rf"^(?P<label>(?:{PART_WORDS})\s+(?P<n>[IVXLC]+|\d+))(?!\w)\s*[.:\-–]?\s*(?P<title>.*)$"), 0),
    ("dieu", re.compile(rf"^(?P<label>{ARTICLE_WORD}\s+(?P<n>\d{{1,3}}))\s*[.:]\s*(?P<title>.*)$"), 1),
    ("roman", re.compile(r"^(?P<label>(?P<n>(?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3}))\.)\s*(?P<title>\S.*)$"), 1),
    ("decimal", re.compile(r"^(?P<label>(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})\.?)\s+(?P<title>\S.*)$"), 3),
    ("arabic", re.compile(r"^(?P<label>(?P<n>\d{1,2})\.)\s*(?P<title>[^\d\s].*)$"), 2),
    ("letter", re.compile(r"^(?P<label>(?P<n>[a-zđ])\))\s*(?P<title>.*)$"), 5),
    # "a. Sở Nội vụ …": the same item as typed by hand, or as HTML/ODF lists number
    # Word's "a)" lists; a capital must follow, so "v.v." or an initial never opens one
    ("letter", re.compile(r"^(?P<label>(?P<n>[a-zđ])\.)\s+(?P<title>\S.*)$"), 5),
]


# Tesseract reads a "5" opening a line as "$" ("$.1. Trung tâm …" for "5.1."): read it as 5.
_OCR_FIVE = re.compile(r"^\$(?=\.\d)")


def match_label(text: str):
    """``(style, label, number, title, rank)`` when ``text`` opens a numbered part."""
    stripped = _OCR_FIVE.sub("5", text.strip())
    for style, pattern, rank in LABEL_PATTERNS:
        m = pattern.match(stripped)
        if m and m.group("label").endswith(".") and style == "letter" and not m.group("title")[:1].isupper():
            continue
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

# "II NHIỆM VỤ TRỌNG TÂM …": OCR drops the period of a roman part's label; such a line
# opens a part only when its numeral is the next one due and its title is in capitals
_BARE_ROMAN = re.compile(r"^(?P<n>[IVXLl]{1,4})\s+(?P<title>[^\W\d_].{6,})$")
_OCR_ROMAN = {"L": "I", "l": "I"}          # "L KẾT QUẢ …": OCR's reading of "I." at the top


def _bare_roman(text: str, last_roman: int):
    """``match_label``'s answer for a period-less roman heading that continues the parts."""
    m = _BARE_ROMAN.match(text.strip())
    n = _OCR_ROMAN.get(m.group("n"), m.group("n")) if m else None
    if m is None or last_roman >= len(_ROMANS) or n != _ROMANS[last_roman] \
            or m.group("title") != m.group("title").upper() or len(m.group("title").split()) < 2:
        return None
    return "roman", f"{n}.", n, m.group("title").strip(), 1


def find_sections(doc: Document) -> list[Section]:
    sections: list[Section] = []
    stack: list[tuple[int, int]] = []       # (rank, index)
    last_roman = 0
    for line in doc.lines:
        found = match_label(line.text) or _bare_roman(line.text, last_roman)
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


# --- one tree of units, as a reader sees them -------------------------------------------
# Numbered sections (above) are the skeleton; inside each, the lines that belong to
# no sub-section become bullet units ("-", "–", "•" and their "+" sub-bullets) and
# paragraph units, and tables sit where they occur.  Page numbers printed as lines
# are dropped and a paragraph cut by a page break (its next line starts in lower
# case) is joined again, so a unit's text is what the reader reads as one item.

# "~" is how OCR often reads a dash bullet ("~ Phối hợp với …")
BULLET = re.compile(r"^\s*(?P<mark>[-–—•+]|~(?=\s))\s*(?=\S)")
SUMMING_UP = SUMMING_UP_OR_NOTICE
PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$")


@dataclass
class Unit:
    """A numbered part, a bullet, a paragraph or a table of the body.

    ``heading`` is the unit's first text (a section's title after its label, a
    bullet's text after its mark); ``lines`` are the line indices of the unit's
    own text (continuations included, sub-units excluded).
    """
    kind: str                              # root | part | roman | dieu | arabic | decimal | letter | dash | plus | paragraph | table
    label: str | None
    heading: str
    lines: list[int] = field(default_factory=list)
    children: list["Unit"] = field(default_factory=list)
    section: int | None = None             # index into Document.sections
    table: int | None = None               # index into Document.tables
    ref: str | None = None

    @property
    def is_section(self) -> bool:
        return self.section is not None

    def text(self, doc: Document) -> str:
        """The unit's own text: heading and continuation lines, without label or mark."""
        if not self.lines:
            return self.heading
        rest = [doc.lines[i].text.strip() for i in self.lines[1:]]
        return " ".join([self.heading] + rest).strip()

    def full_text(self, doc: Document) -> str:
        """Own text followed by the text of every sub-unit (bullets folded in)."""
        parts = [self.text(doc)] if self.kind != "root" else []
        for child in self.children:
            if child.kind != "table":
                parts.append(child.full_text(doc))
        return " ".join(p for p in parts if p).strip()

    # The mapped forms give the same strings (tested) and where each character was printed;
    # they cost more, so the walk asks for them only for the units that give a task.
    def mapped_text(self, doc: Document) -> MappedText:
        """:meth:`text`, each character with the offset in ``doc.text`` it was printed at."""
        if not self.lines:
            return MappedText.at(self.heading, None)
        first = doc.lines[self.lines[0]]
        parts = [MappedText.at(self.heading, _tail_start(first, self.heading))]
        for i in self.lines[1:]:
            line = doc.lines[i]
            parts.append(MappedText.at(line.text.strip(), _tail_start(line, line.text.strip())))
        return MappedText.join(parts).strip()

    def mapped_full_text(self, doc: Document) -> MappedText:
        """:meth:`full_text`, each character with the offset in ``doc.text`` it was printed at."""
        parts = [self.mapped_text(doc)] if self.kind != "root" else []
        for child in self.children:
            if child.kind != "table":
                parts.append(child.mapped_full_text(doc))
        return MappedText.join([p for p in parts if p.text]).strip()

    def span(self, doc: Document) -> tuple[int, int]:
        """Offsets of the unit in ``doc.text`` (its first to its last line, sub-units included)."""
        idx = self.all_lines()
        if not idx:
            return 0, 0
        return doc.lines[min(idx)].start, doc.lines[max(idx)].end

    def all_lines(self) -> list[int]:
        out = list(self.lines)
        for child in self.children:
            out.extend(child.all_lines())
        return out

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _tail_start(line, tail: str) -> int | None:
    """Offset in the document of ``tail``, the end of ``line`` after its label or mark (a
    heading, a bullet's text, a stripped line), or None when it is not printed there."""
    printed = line.text.rstrip()
    return line.start + len(printed) - len(tail) if printed.endswith(tail) else None


def _line_units(doc: Document, indices: list[int]) -> list[Unit]:
    """Bullets (``+`` nested under the ``-`` before them) and paragraphs of a run of lines."""
    units: list[Unit] = []
    last: Unit | None = None
    for i in indices:
        text = doc.lines[i].text
        if PAGE_NUMBER.match(text) or not any(ch.isalpha() for ch in text):
            continue                              # page numbers, stray marks ("§") between pages
        m = BULLET.match(text)
        if m:
            mark = m.group("mark")
            unit = Unit("plus" if mark == "+" else "dash", mark, text[m.end():].strip(), [i])
            if mark == "+" and units and units[-1].kind == "dash":
                units[-1].children.append(unit)
            else:
                units.append(unit)
            last = unit
            continue
        stripped = text.strip()
        if last is not None and stripped[:1].islower():
            last.lines.append(i)                 # a paragraph cut by a page break
            continue
        last = Unit("paragraph", None, stripped, [i])
        units.append(last)
    return units


def build_tree(doc: Document, last_line: int | None = None, keep: set[int] | None = None) -> Unit:
    """The document as one tree: sections nest by rank, each holding its own
    bullets and paragraphs, then its sub-sections; tables sit in the unit whose
    lines surround them.  ``last_line`` (exclusive) cuts the tree, e.g. at the
    end of the body; ``keep``, when given, are the only lines read (the bodies of
    a document and its attachments, without the signature blocks between them)."""
    stop = len(doc.lines) if last_line is None else last_line
    root = Unit("root", None, "")
    by_section: dict[int, Unit] = {}
    first_lines = {s.first_line for s in doc.sections}
    for si, section in enumerate(doc.sections):
        if section.first_line >= stop:
            break
        if keep is not None and section.first_line not in keep:
            continue
        unit = Unit(section.style, section.label, section.title, [section.first_line], section=si, ref=section.ref)
        by_section[si] = unit
        parent = by_section.get(section.parent) if section.parent is not None else None
        (parent or root).children.append(unit)
    # own lines: between a section's heading and its first sub-section (or its end)
    owned: dict[int | None, list[int]] = {}
    current: list[int | None] = [None]
    starts = {s.first_line: si for si, s in enumerate(doc.sections) if si in by_section}
    for i in range(stop):
        if i in starts:
            si = starts[i]
            current.append(si)
            continue
        # leave sections whose range is over
        while current[-1] is not None and doc.sections[current[-1]].last_line < i:
            current.pop()
        if i in first_lines or (keep is not None and i not in keep):
            continue
        # the summing-up paragraph closes the whole document, not its last part
        owned.setdefault(None if SUMMING_UP.match(doc.lines[i].text) else current[-1], []).append(i)
    for si, indices in owned.items():
        unit = root if si is None else by_section[si]
        units = _line_units(doc, [i for i in indices if doc.lines[i].column != "right" or si is not None])
        # own bullets and paragraphs come before the sub-sections they precede
        _place(doc, unit, units)
    for table in doc.tables:
        holder = _holder_of(doc, root, table.start)
        holder.children.append(Unit("table", None, "", [], table=table.index))
        holder.children.sort(key=lambda u: _unit_start(doc, u))
    return root


def _unit_start(doc: Document, unit: Unit) -> int:
    if unit.table is not None:
        return doc.tables[unit.table].start
    idx = unit.all_lines()
    return doc.lines[min(idx)].start if idx else 0


def _place(doc: Document, unit: Unit, units: list[Unit]) -> None:
    unit.children.extend(units)
    unit.children.sort(key=lambda u: _unit_start(doc, u))


def _holder_of(doc: Document, root: Unit, offset: int) -> Unit:
    """The innermost section unit whose span holds ``offset`` (the root if none)."""
    holder = root
    for unit in root.walk():
        if unit.section is None:
            continue
        s = doc.sections[unit.section]
        if s.start <= offset <= s.end and (holder is root or s.level >= doc.sections[holder.section].level):
            holder = unit
    return holder

"""The document model every extractor reads.

Readers (text, PDF, scan, DOCX, DOC) differ in what they know — a scan has
boxes and confidences, a transcription has neither — so they all emit the same
small vocabulary of *blocks* in reading order: :class:`RawLine` and
:class:`RawTable`.  :func:`pipeline.assemble.assemble` lays the blocks out into
one NFC text and gives every line, table cell and section character offsets
into that text, which is the text we ship in the JSON: every span in the
output points into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Union

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom — in page units (pt or px)
Region = tuple[int, BBox]                 # (page number, box): where a piece of text sits
Column = Literal["left", "right", "full"]


# --- what readers produce -------------------------------------------------------------
@dataclass
class RawLine:
    text: str
    page: int = 1
    bbox: Optional[BBox] = None
    conf: Optional[float] = None          # mean OCR word confidence 0..100
    words: list["RawWord"] = field(default_factory=list)  # OCR words with boxes (scans)
    bold: bool = False
    column: Column = "full"               # two-column header/signature blocks
    paragraph_break: bool = False         # a blank line (or paragraph end) precedes it


@dataclass
class RawWord:
    text: str
    bbox: BBox
    conf: float
    alternatives: list[str] = field(default_factory=list)   # re-readings (OCR'd document numbers)


@dataclass
class RawTable:
    rows: list[list[str]]
    page: int = 1
    row_pages: Optional[list[int]] = None  # page of each row (tables crossing a page break)
    bbox: Optional[BBox] = None
    ruled: bool = True                     # found by ruling lines / real table markup
    # where each cell sits, parallel to ``rows`` (a cell of a row joined across a
    # page break has a region on each page); None when the source has no geometry
    cell_boxes: Optional[list[list[list[Region]]]] = None
    # each row is a row of the source's own table markup (DOCX/DOC/RTF/ODT, HTML,
    # spreadsheet, slide table): a page break never splits one there, so rows are
    # never merged as page-split continuations (PDF, scan and text tables may be)
    rows_are_markup: bool = False

    def boxes_of(self) -> list[list[list[Region]]]:
        """``cell_boxes`` with one (possibly empty) list per cell, whatever the source gave."""
        given = self.cell_boxes or []
        out = []
        for i, row in enumerate(self.rows):
            have = given[i] if i < len(given) else []
            out.append([list(have[j]) if j < len(have) else [] for j in range(len(row))])
        return out


Block = Union[RawLine, RawTable]


@dataclass
class PageImage:
    """A picture of the page in the frame its boxes were measured in.

    ``scale`` turns a box coordinate into image pixels: 1 for OCR'd pages (the
    boxes are pixels of the deskewed image Tesseract read), the render scale
    for text-layer pages (boxes in points).  Kept only for the review page.
    """
    image: Any                             # PIL.Image.Image
    scale: float = 1.0


@dataclass
class PageInfo:
    number: int
    width: Optional[float] = None
    height: Optional[float] = None
    text_source: str = "text"              # text | text-layer | ocr | docx | doc
    ocr_confidence: Optional[float] = None
    rotation: Optional[float] = None       # degrees corrected before OCR
    image: Optional[PageImage] = field(default=None, repr=False, compare=False)
    # why a PDF page was OCR'd rather than read from its text layer:
    # no_text_layer | image_only | cid_glyphs | glyph_shifted | no_tone_marks | not_vietnamese | forced
    ocr_reason: Optional[str] = None
    decoded: Optional[str] = None          # a lying text layer decoded instead (e.g. "glyph_shift+29")


@dataclass
class RawDocument:
    """What a reader hands to :func:`assemble`."""
    blocks: list[Block]
    pages: list[PageInfo]
    format: str
    warnings: list[str] = field(default_factory=list)
    ocr: Optional[dict] = None             # engine, version, language, settings
    legacy_encoding: Optional[str] = None  # tcvn3 / vni when converted


# --- the assembled document -----------------------------------------------------------
@dataclass
class Line:
    index: int
    text: str
    start: int
    end: int
    page: int
    bbox: Optional[BBox] = None
    conf: Optional[float] = None
    bold: bool = False
    column: Column = "full"
    paragraph_break: bool = False
    words: list[RawWord] = field(default_factory=list)


@dataclass
class Cell:
    text: str
    start: int
    end: int
    page: int
    boxes: list[Region] = field(default_factory=list)


@dataclass
class Row:
    cells: list[Cell]
    page: int
    start: int
    end: int


@dataclass
class Table:
    index: int
    rows: list[Row]
    pages: list[int]
    start: int
    end: int


@dataclass
class Section:
    """A numbered part of the body: ``I.``, ``1.``, ``1.1.``, ``a)``, ``Điều 2.``."""
    ref: str                               # full reference: "IV.1", "1.1", "III.2.a", "Điều 2"
    label: str                             # as written: "1.", "a)", "Điều 2."
    style: str                             # roman | arabic | decimal | letter | dieu | part
    level: int
    title: str                             # the heading text after the label
    start: int                             # offset of the heading line
    end: int                               # offset where the section ends
    first_line: int                        # index into Document.lines
    last_line: int                         # inclusive
    parent: Optional[int] = None           # index into Document.sections
    children: list[int] = field(default_factory=list)


@dataclass
class Document:
    text: str
    lines: list[Line]
    tables: list[Table]
    pages: list[PageInfo]
    format: str
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ocr: Optional[dict] = None
    legacy_encoding: Optional[str] = None

    def line_at(self, offset: int) -> Optional[Line]:
        for line in self.lines:
            if line.start <= offset <= line.end:
                return line
        return None

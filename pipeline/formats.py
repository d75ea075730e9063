"""The one place that knows the input formats.

Each :class:`Format` says how to recognise a file from its bytes (the
extension only breaks ties for plain text and HTML), which suffixes it usually
carries, which reader turns it into a :class:`~vanban.pipeline.model.RawDocument`
and what the pages' ``text_source`` will say.  Detection (:mod:`.detect`), the
runner, the CLI and ingest (which files to take from a folder or a zip), the
web app (which copies have page pictures) and the JSON Schema's enums all
derive from :data:`FORMATS`; ``tests/test_formats.py`` checks they agree.

Every reader has one contract: ``read(path: Path, options: ParseOptions) ->
RawDocument``, imported only when a file of its format arrives (a text file
never loads OpenCV or LibreOffice glue).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:                       # pragma: no cover
    from .model import RawDocument


@dataclass(frozen=True)
class Format:
    name: str                           # the value of ``source.format`` in the JSON
    label: str                          # what a person calls it
    suffixes: tuple[str, ...]           # usual extensions (lower case, with the dot)
    reader: str                         # "module:function", relative to vanban.pipeline.readers
    text_sources: tuple[str, ...]       # what its pages' ``text_source`` may say
    has_pages: bool = False             # real pages that can be pictured (review page, web app)
    preload: tuple[str, ...] = ()       # libraries every file of it needs: a batch imports them before forking

    def warm_up(self) -> None:
        """Import this format's reader and the libraries every file of it needs, so
        that forked workers inherit them instead of importing them again each."""
        importlib.import_module(f"vanban.pipeline.readers.{self.reader.split(':')[0]}")
        for name in self.preload:
            try:
                importlib.import_module(name)
            except ImportError:          # an optional engine (tesserocr): the reader copes without it
                pass
        if "ocr" in self.text_sources:
            from .ocr import warm_up as warm_up_ocr
            warm_up_ocr()

    def read(self, path: Path, options) -> "RawDocument":
        module, func = self.reader.split(":")
        fn: Callable = getattr(importlib.import_module(f"vanban.pipeline.readers.{module}"), func)
        return fn(path, options)


FORMATS: tuple[Format, ...] = (
    Format("pdf", "PDF", (".pdf",), "pdf:read_pdf", ("text-layer", "ocr"), has_pages=True,
           preload=("pdfplumber", "pypdfium2", "cv2", "tesserocr")),
    Format("image", "scanned image (PNG, JPEG, TIFF, BMP, GIF, WebP)",
           (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"), "image:read_image", ("ocr",),
           has_pages=True, preload=("cv2", "tesserocr")),
    Format("docx", "Word (DOCX)", (".docx", ".docm", ".dotx"), "docx:read_docx", ("docx",), preload=("docx",)),
    Format("doc", "Word 97–2003 / 6 / 95 (DOC)", (".doc", ".dot"), "doc:read_doc", ("doc",)),
    Format("rtf", "Rich Text Format (RTF)", (".rtf",), "rtf:read_rtf", ("rtf",)),
    Format("odt", "OpenDocument text (ODT)", (".odt", ".ott"), "odt:read_odt", ("odt",)),
    Format("xlsx", "Excel (XLSX)", (".xlsx", ".xlsm"), "sheet:read_sheet", ("sheet",)),
    Format("xls", "Excel 97–2003 (XLS)", (".xls",), "sheet:read_sheet", ("sheet",)),
    Format("ods", "OpenDocument spreadsheet (ODS)", (".ods",), "sheet:read_sheet", ("sheet",)),
    Format("pptx", "PowerPoint (PPTX)", (".pptx",), "slides:read_slides", ("slides",)),
    Format("ppt", "PowerPoint 97–2003 (PPT)", (".ppt", ".pps"), "slides:read_slides", ("slides",)),
    Format("odp", "OpenDocument presentation (ODP)", (".odp",), "slides:read_slides", ("slides",)),
    Format("html", "web page (HTML)", (".html", ".htm", ".xhtml"), "html:read_html", ("html",)),
    Format("text", "plain text or Markdown (UTF-8/16, TCVN3, VNI)", (".txt", ".md", ".markdown", ".text", ".csv"),
           "text:read_text", ("text",)),
)

BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}


def by_name(name: str) -> Format:
    return BY_NAME[name]


def names() -> list[str]:
    return [f.name for f in FORMATS]


def text_sources() -> list[str]:
    out: list[str] = []
    for f in FORMATS:
        out.extend(s for s in f.text_sources if s not in out)
    return out


def paged_formats() -> list[str]:
    """Formats whose copies have pages to picture (the web app re-reads these)."""
    return [f.name for f in FORMATS if f.has_pages]


def by_suffix(path: Path) -> Format | None:
    """The format a file's extension usually means (a guess: the bytes decide when it is read)."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def known_suffixes() -> set[str]:
    return {s for f in FORMATS for s in f.suffixes}


# Files a folder walk passes over without a record: they are never documents
# (desktop metadata, lock files of an open office document, thumbnails).
_NOT_DOCUMENTS = {"thumbs.db", "desktop.ini", ".ds_store"}


def is_candidate(path: Path) -> bool:
    """Whether a file found in a folder or zip is taken into a batch.

    Every file is, except hidden files and desktop clutter: an unsupported one
    still gets an ``unsupported_format`` record and a line on stderr rather
    than being skipped in silence.  Zip archives are unpacked by ingest.
    """
    name = path.name
    return not (name.startswith((".", "~$")) or name.lower() in _NOT_DOCUMENTS)


def read(path: Path, fmt: str, options) -> "RawDocument":
    """The reader contract: ``read(path, options) -> RawDocument`` for a sniffed format.

    The record of which legacy encodings fonts decoded is per thread; it is
    cleared first, so a reader that failed half-way on the previous file (the
    web app and the benches read many files in one process) leaves nothing in it."""
    from .legacy_encoding import take_decoded
    take_decoded()
    return BY_NAME[fmt].read(path, options)

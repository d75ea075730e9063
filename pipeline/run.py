"""Parse one file end to end: detect → read → assemble → extract → JSON dict.

:func:`parse_file` raises :class:`VanbanError` for a bad input; :func:`parse_many`
turns every failure into an error record and carries on, so one broken file
never stops a batch.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from dataclasses import dataclass
from pathlib import Path

from vanban.extractors.citations import extract_citations
from vanban.extractors.issuers import PlaceContext
from vanban.extractors.metadata import Metadata, extract_metadata
from vanban.extractors.tasks import extract_tasks

from .assemble import assemble
from .detect import sniff
from .formats import read as read_format
from .errors import EmptyDocument, NotVietnamese, OutOfMemory, TooLarge, TooShort, VanbanError
from .readability import check_document
from .limits import Limits
from .model import Document
from .record import Extraction, Source, build_record, checked, error_record
from .stages import stage
from .textnorm import fold_diacritics


@dataclass
class ParseOptions:
    limits: Limits = Limits()
    ocr_dpi: int = 300
    ocr_lang: str = "vie"
    force_ocr: bool = False
    deskew: bool = True           # measured in `make bench`: keep on
    binarize: bool = False        # measured in `make bench`: Tesseract's own Otsu does as well
    ocr_jobs: int | None = None   # parallel Tesseract processes (default: cores)
    keep_page_images: bool = False  # pictures of the pages in their box frames (review page)
    read_cache: str | None = None   # folder caching what readers return (vanban eval --cache)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _was_scanned(doc: Document) -> bool:
    """Did any page's text come from OCR?  Then little text means a bad scan, not a short file."""
    return any(page.text_source == "ocr" for page in doc.pages)


def _check_language(doc: Document) -> None:
    verdict = check_document(doc.text)
    if verdict in ("empty", "too_short") and _was_scanned(doc):
        raise EmptyDocument("no text found in the document (blank pages or unreadable scan)")
    if verdict == "empty":
        raise EmptyDocument("the file has no text")
    if verdict == "too_short":
        letters = sum(c.isalpha() for c in doc.text)
        raise TooShort(f"too short to be a document ({letters} letters of text)")
    if verdict in ("cid_glyphs", "glyph_shifted"):
        raise NotVietnamese("the text is font glyph codes, not letters (a PDF text layer without a usable "
                            "Unicode mapping that OCR could not replace)")
    if verdict:
        raise NotVietnamese("text does not look Vietnamese (no Vietnamese letters or words found)")


def parse_file(path: str | Path, options: ParseOptions | None = None) -> dict:
    """One file → its JSON record (raises VanbanError subclasses on bad input)."""
    return analyse(path, options)[1]


def analyse(path: str | Path, options: ParseOptions | None = None) -> tuple[Document, dict]:
    """One file → the assembled :class:`Document` (lines, cells and their boxes)
    and its JSON record; the review page needs both."""
    options = options or ParseOptions()
    path = Path(path)
    if not path.exists():
        raise VanbanError(f"file not found: {path}")
    size = path.stat().st_size
    if size > options.limits.max_file_bytes:
        raise TooLarge(f"file is {size / 1e6:.0f} MB, over the {options.limits.max_file_bytes / 1e6:.0f} MB limit")
    fmt = sniff(path)
    sha = sha256_of(path)                  # the record's identity, and the read cache's key
    with stage("read"):                    # OCR inside it counts as "ocr" (pipeline.stages)
        raw = _read(path, fmt, options, sha)
    with stage("layout"):
        doc = assemble(raw)
    with stage("extract"):
        _check_language(doc)
        return doc, extract(doc, path, fmt, sha)


def _read(path: Path, fmt: str, options: ParseOptions, sha: str):
    if not options.read_cache or options.keep_page_images:
        return read_format(path, fmt, options)
    from . import read_cache
    raw = read_cache.load(Path(options.read_cache), sha, fmt, options)
    if raw is None:
        raw = read_format(path, fmt, options)
        read_cache.store(Path(options.read_cache), sha, fmt, options, raw)
    return raw


def _task_id_key(meta: Metadata, sha: str) -> str:
    """What task ids are derived from: the document's identity, not its file.

    The same plan scanned, typed and exported to PDF gives the same task ids, so
    a tracker fed from any copy updates rather than duplicates.  A numbered
    document is identified by number, date and issuer; an unnumbered draft by its
    kind, issuer and (folded) title; with neither, only the bytes identify it.
    """
    if meta.number:
        return "|".join(str(x) for x in (meta.number, meta.issued_date, meta.issuer))
    if meta.title and meta.issuer:
        return "|".join(str(x) for x in (meta.doc_type, meta.issued_date, meta.issuer, fold_diacritics(" ".join(meta.title.split()))))
    return sha


def extract(doc: Document, path: Path, fmt: str, sha: str | None = None) -> dict:
    """The extractors in their order (metadata first: its year and issuer
    inform the others), then one serialised, schema-checked record."""
    meta = extract_metadata(doc)
    year = int(meta.issued_date[:4]) if meta.issued_date else _guess_year(doc)
    # the document's own issuer names its place too ("UBND TỈNH GIA LAI" in the header)
    ctx = PlaceContext.from_text("\n".join([doc.text, meta.issuer or "", meta.issuer_parent or ""]))
    citations, self_ref = extract_citations(doc, meta.number, meta.doc_type, ctx, meta.header_end)
    sha = sha or sha256_of(path)
    tasks = extract_tasks(doc, year, _task_id_key(meta, sha), citations, meta.doc_type, meta.issuer)
    found = Extraction(meta=meta, year=year, citations=citations, self_reference=self_ref, tasks=tasks)
    return checked(build_record(doc, found, Source(path=path, fmt=fmt, sha256=sha)), path)


def _guess_year(doc: Document) -> int | None:
    import re
    years = re.findall(r"năm\s+((?:19|20)\d\d)", doc.text[:4000])
    return int(years[0]) if years else None


_CV_NO_MEMORY = -4        # OpenCV's CV_StsNoMem: "Insufficient memory", raised as cv2.error, not MemoryError


def _library_out_of_memory(exc: BaseException) -> bool:
    """A library that reports running out of memory its own way: OpenCV raises ``cv2.error``
    with status -4 when an allocation fails under the worker's memory limit; pdfplumber wraps
    pdfminer's MemoryError in its own exception (the MemoryError is in the chain of causes)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, MemoryError) or (type(exc).__name__ == "error" and type(exc).__module__.startswith("cv2")
                                            and getattr(exc, "code", None) == _CV_NO_MEMORY):
            return True
        args_cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = exc.__cause__ or args_cause or exc.__context__
    return False


def parse_safely(path: Path, options: ParseOptions | None = None) -> dict:
    """Never raises: a failure becomes an error record."""
    try:
        return parse_file(path, options)
    except VanbanError as exc:
        return error_record(path, exc)
    except MemoryError:
        return error_record(path, OutOfMemory("ran out of memory while parsing (the worker's memory limit, or the machine's)"))
    except Exception as exc:  # a bug or a library choking on a hostile file: record, go on
        if _library_out_of_memory(exc):
            return error_record(path, OutOfMemory(f"ran out of memory while parsing ({type(exc).__name__}: {exc})"[:300]))
        if os.environ.get("VANBAN_DEBUG"):
            traceback.print_exc()
        return error_record(path, exc)

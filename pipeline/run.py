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

from . import SCHEMA_ID, SCHEMA_VERSION, __version__
from .assemble import assemble
from .detect import sniff
from .formats import read as read_format
from .errors import EmptyDocument, NotVietnamese, OutOfMemory, TooLarge, VanbanError
from .readability import check_document
from .limits import Limits
from .model import Document
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


def _check_language(doc: Document) -> None:
    verdict = check_document(doc.text)
    if verdict == "empty":
        raise EmptyDocument("no text found in the document (blank pages or unreadable scan)")
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
    raw = _read(path, fmt, options)
    doc = assemble(raw)
    _check_language(doc)
    return doc, extract(doc, path, fmt)


def _read(path: Path, fmt: str, options: ParseOptions):
    if not options.read_cache or options.keep_page_images:
        return read_format(path, fmt, options)
    from . import read_cache
    sha = sha256_of(path)
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


def extract(doc: Document, path: Path, fmt: str) -> dict:
    meta = extract_metadata(doc)
    year = int(meta.issued_date[:4]) if meta.issued_date else _guess_year(doc)
    # the document's own issuer names its place too ("UBND TỈNH GIA LAI" in the header)
    ctx = PlaceContext.from_text("\n".join([doc.text, meta.issuer or "", meta.issuer_parent or ""]))
    citations, self_ref = extract_citations(doc, meta.number, meta.doc_type, ctx, meta.header_end)
    sha = sha256_of(path)
    tasks = extract_tasks(doc, year, _task_id_key(meta, sha), citations)
    warnings = list(doc.warnings) + meta.warnings
    for c in citations:
        if c.ocr_readings:
            warnings.append(f"citation {c.number}: read differently on a second OCR pass "
                            f"({', '.join(c.ocr_readings)}); check the digits")
    for t in tasks:
        if t.deadline.year_inferred:
            warnings.append(f"task {t.ref}: deadline year taken from the document ({year})")
            break
    pages = []
    for p in doc.pages:
        pages.append({"number": p.number, "width": p.width, "height": p.height, "text_source": p.text_source,
                      "ocr_confidence": p.ocr_confidence, "rotation": p.rotation,
                      "ocr_reason": p.ocr_reason, "decoded": p.decoded})
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "status": "ok",
        "source": {
            "path": str(path), "file_name": path.name, "sha256": sha, "format": fmt,
            "page_count": len(doc.pages), "pages": pages, "ocr": doc.ocr,
            "legacy_encoding": doc.legacy_encoding, "parser": f"vanban {__version__}",
        },
        "document": meta.as_dict(),
        "citations": [c.as_dict() for c in citations],
        "self_reference": self_ref,
        "tasks": [t.as_dict() for t in tasks],
        # the prose tasks again, as the index the gold files call assignments_in_prose
        "assignments_in_prose": [
            {"task_id": t.id, "ref": t.ref, "item": t.item, "lead": [o.text for o in t.lead],
             "description": t.description, "deadline_text": t.deadline.text}
            for t in tasks if t.source["kind"] == "prose"],
        "sections": [{"ref": s.ref, "label": s.label, "level": s.level, "title": s.title, "start": s.start, "end": s.end}
                     for s in doc.sections],
        "text": doc.text,
        "warnings": warnings,
    }


def _guess_year(doc: Document) -> int | None:
    import re
    years = re.findall(r"năm\s+((?:19|20)\d\d)", doc.text[:4000])
    return int(years[0]) if years else None


def error_record(path: Path, exc: BaseException) -> dict:
    code = getattr(exc, "code", "internal_error")
    message = str(exc) if isinstance(exc, VanbanError) else f"{type(exc).__name__}: {exc}"
    return failure_record(path, code, message)


def failure_record(path: Path, code: str, message: str) -> dict:
    """The JSON record of a file that could not be parsed."""
    return {
        "$schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION, "status": "error",
        "source": {"path": str(path), "file_name": Path(path).name},
        "error": {"code": code, "message": " ".join(message.split())[:500]},
    }


def parse_safely(path: Path, options: ParseOptions | None = None) -> dict:
    """Never raises: a failure becomes an error record."""
    try:
        return parse_file(path, options)
    except VanbanError as exc:
        return error_record(path, exc)
    except MemoryError:
        return error_record(path, OutOfMemory("ran out of memory while parsing (the worker's memory limit, or the machine's)"))
    except Exception as exc:  # a bug or a library choking on a hostile file: record, go on
        if os.environ.get("VANBAN_DEBUG"):
            traceback.print_exc()
        return error_record(path, exc)

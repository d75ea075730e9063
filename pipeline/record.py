"""The JSON record of one file: serialising what the extractors found, and
checking it against the schema — in one place.

Why one module: ``parse``, ``ingest``, ``review`` and ``eval`` all get their
records from :func:`vanban.pipeline.run.parse_safely` / ``analyse``, which end
here, so every record any of them stores or shows has passed the same schema
check; a record that fails it becomes a ``schema_violation`` error record
instead of reaching a corpus or a tracker half-valid.  ``run.py`` only
coordinates the stages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import SCHEMA_ID, SCHEMA_VERSION, __version__
from .errors import VanbanError
from .model import Document
from .output import validate


@dataclass
class Source:
    """Which file the record is of."""
    path: Path
    fmt: str
    sha256: str


@dataclass
class Extraction:
    """What the extractors found in one document (the stage boundary before serialising)."""
    meta: object                 # vanban.extractors.metadata.Metadata
    year: int | None
    citations: list
    self_reference: dict | None
    tasks: list


def _warnings(doc: Document, found: Extraction) -> list[str]:
    warnings = list(doc.warnings) + found.meta.warnings
    for c in found.citations:
        if c.ocr_readings:
            warnings.append(f"citation {c.number}: read differently on a second OCR pass "
                            f"({', '.join(c.ocr_readings)}); check the digits")
    for t in found.tasks:
        if t.deadline.year_inferred:
            warnings.append(f"task {t.ref}: deadline year taken from the document ({found.year})")
            break
    return warnings


def _pages(doc: Document) -> list[dict]:
    return [{"number": p.number, "width": p.width, "height": p.height, "text_source": p.text_source,
             "ocr_confidence": p.ocr_confidence, "rotation": p.rotation,
             "ocr_reason": p.ocr_reason, "decoded": p.decoded} for p in doc.pages]


def build_record(doc: Document, found: Extraction, source: Source) -> dict:
    """The record of a parsed document, in the schema's shape."""
    path = source.path
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "status": "ok",
        "source": {
            "path": str(path), "file_name": path.name, "sha256": source.sha256, "format": source.fmt,
            "page_count": len(doc.pages), "pages": _pages(doc), "ocr": doc.ocr,
            "legacy_encoding": doc.legacy_encoding, "parser": f"vanban {__version__}",
        },
        "document": found.meta.as_dict(),
        "citations": [c.as_dict() for c in found.citations],
        "self_reference": found.self_reference,
        "tasks": [t.as_dict() for t in found.tasks],
        # the prose tasks again, as the index the gold files call assignments_in_prose
        "assignments_in_prose": [
            {"task_id": t.id, "ref": t.ref, "item": t.item, "lead": [o.text for o in t.lead],
             "description": t.description, "deadline_text": t.deadline.text}
            for t in found.tasks if t.source["kind"] == "prose"],
        "sections": [{"ref": s.ref, "label": s.label, "level": s.level, "title": s.title, "start": s.start, "end": s.end}
                     for s in doc.sections],
        "text": doc.text,
        "warnings": _warnings(doc, found),
    }


def checked(record: dict, path: Path) -> dict:
    """The record if it is schema-valid, else an error record saying what is wrong."""
    problems = validate(record)
    if problems:
        return failure_record(path, "schema_violation", "; ".join(problems[:3]))
    return record


def error_record(path: Path, exc: BaseException) -> dict:
    """Only our own errors name a code; a library's ``code`` attribute (OpenCV's ``cv2.error``
    carries an integer status) is no error code of the schema's."""
    code = exc.code if isinstance(exc, VanbanError) else "internal_error"
    message = str(exc) if isinstance(exc, VanbanError) else f"{type(exc).__name__}: {exc}"
    return failure_record(path, code, message)


def failure_record(path: Path, code: str, message: str) -> dict:
    """The JSON record of a file that could not be parsed."""
    return {
        "$schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION, "status": "error",
        "source": {"path": str(path), "file_name": Path(path).name},
        "error": {"code": code, "message": " ".join(message.split())[:500]},
    }

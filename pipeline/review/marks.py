"""The extracted items of one JSON record, as spans of its text.

Every item is drawn from the span the record gives it and never searched for
in the text again: citations from their ``spans``, metadata values from
``document.spans`` (where the number, date, place, issuer, title, kind, signer
were printed), a task from its ``source`` (its row or paragraph), and its
owners and deadline from their own ``span`` — the words they were read from,
which for an owner passed down by a heading ("6. Bộ Nội vụ:") is the heading.
A value without a span (taken from a stamp outside the text, a deadline put
together from two columns) gets no mark.  Everything is an offset into
``record["text"]``, so the same marks serve the text view and, through
:mod:`.geometry`, the page pictures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources

LOW_CONFIDENCE = 60.0          # Tesseract word confidence below which a word is flagged

# the metadata fields the review page marks, in the order of ``document.spans``' keys, and how it names them
METADATA_LABELS = {
    "doc_type": "Loại văn bản",
    "number": "Số hiệu",
    "issued_date": "Ngày ban hành",
    "place": "Địa danh",
    "issuer_parent": "Cơ quan chủ quản",
    "issuer": "Cơ quan ban hành",
    "title": "Trích yếu / tiêu đề",
    "signer_position": "Chức vụ người ký",
    "signer_name": "Người ký",
}


def mark_kinds() -> dict:
    text = resources.files("vanban.pipeline").joinpath("data/review_marks.json").read_text("utf-8")
    return json.loads(text)["kinds"]


@dataclass
class Mark:
    kind: str                  # a key of data/review_marks.json
    start: int
    end: int
    label: str                 # what the item is, shown on hover
    task: str | None = None    # the task it belongs to (clicking the task lights these)
    warning: str | None = None # set when the value is uncertain
    regions: list = field(default_factory=list)   # (page, bbox) once located


def record_marks(record: dict) -> list[Mark]:
    marks: list[Mark] = []
    for c in record.get("citations", []):
        warn = f"OCR đọc lại số hiệu khác: {', '.join(c['ocr_readings'])}" if c.get("ocr_uncertain") else None
        for s in c.get("spans", []):
            marks.append(Mark("citation", s["start"], s["end"], c.get("number") or c.get("title") or s["text"], warning=warn))
    for t in record.get("tasks", []):
        src = t["source"]
        start, end = src.get("start"), src.get("end")
        if start is None or end is None:
            continue
        marks.append(Mark("task", start, end, f"{t.get('ref') or ''} {t['description'][:80]}".strip(), task=t["id"]))
        for owner in t.get("owners", []):
            hit = _own_span(owner)
            if hit and owner.get("role") in ("lead", "support"):
                marks.append(Mark(owner["role"], *hit, owner["text"], task=t["id"]))
        hit = _own_span(t["deadline"])
        if hit:
            marks.append(Mark("deadline", *hit, f"{t['deadline']['text']} → {t['deadline'].get('end') or '?'}", task=t["id"]))
    marks.extend(_metadata_marks(record))
    return marks


def _own_span(item: dict) -> tuple[int, int] | None:
    """The ``span`` an owner or deadline carries (None when it was printed nowhere as such)."""
    span = item.get("span")
    if isinstance(span, dict) and span.get("start") is not None and span.get("end") is not None:
        return span["start"], span["end"]
    return None


def metadata_value(document: dict, name: str):
    """The value of a ``document.spans`` field: ``signer_name`` is ``signer.name``; the
    number is shown as printed."""
    if name.startswith("signer_"):
        return (document.get("signer") or {}).get(name[len("signer_"):])
    if name == "number":
        return document.get("number") or document.get("number_text")
    return document.get(name)


def shown_value(document: dict, name: str):
    """:func:`metadata_value` as the page shows it: the kind by its Vietnamese name ('Kế hoạch')."""
    value = metadata_value(document, name)
    if name == "doc_type":
        from .labels import doc_type_label
        return doc_type_label(value)
    return value


def _metadata_marks(record: dict) -> list[Mark]:
    """One mark per printed span of each metadata value, from ``document.spans``."""
    d = record.get("document", {})
    spans = d.get("spans") or {}
    out = []
    for name, label in METADATA_LABELS.items():
        value = shown_value(d, name)
        for s in spans.get(name, []) if value else []:
            out.append(Mark("metadata", s["start"], s["end"], f"{label}: {value}"))
    return out


def low_confidence_marks(doc) -> list[Mark]:
    """OCR words Tesseract was unsure of, each with its own offsets and box."""
    from .geometry import place_words
    out = []
    for line in doc.lines:
        if not any(w.conf is not None and 0 <= w.conf < LOW_CONFIDENCE for w in line.words):
            continue
        for word in place_words(line):
            if word.conf is not None and 0 <= word.conf < LOW_CONFIDENCE:
                out.append(Mark("low_conf", word.start, word.end, f"{doc.text[word.start:word.end]} ({word.conf:.0f}%)",
                                regions=[(line.page, word.bbox)]))
    return out

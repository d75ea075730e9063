"""Build the review page: page pictures with boxes, or the text with highlights,
beside the metadata, warnings, citations and the task table.

One HTML file with everything inline (CSS, JS, JPEG pictures as data URIs), so
it can be mailed or archived next to the JSON.  Jinja2 renders it with
autoescaping: document text never becomes markup.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ..model import Document
from .geometry import SpanLocator
from .marks import Mark, low_confidence_marks, mark_kinds, record_marks

PICTURE_WIDTH = 1100           # px: enough to read a scan, small enough to mail
JPEG_QUALITY = 70


@dataclass
class Box:
    kind: str
    left: float                # percentages of the picture, so the picture can scale
    top: float
    width: float
    height: float
    label: str
    task: str | None
    warning: str | None


@dataclass
class PagePicture:
    number: int
    data_uri: str
    boxes: list[Box]


@dataclass
class Segment:
    text: str
    kinds: list[str]
    tasks: list[str]
    labels: list[str]
    warning: bool


def _data_uri(image) -> str:
    image = image.convert("RGB")
    if image.width > PICTURE_WIDTH:
        image = image.resize((PICTURE_WIDTH, round(image.height * PICTURE_WIDTH / image.width)))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def page_pictures(doc: Document, marks: list[Mark]) -> list[PagePicture]:
    """Pictures of the pages that have one, each with the boxes of the marks on it."""
    locator = SpanLocator(doc)
    for m in marks:
        if not m.regions:
            m.regions = locator.regions(m.start, m.end)
    pictures = []
    for page in doc.pages:
        if page.image is None:
            continue
        img, scale = page.image.image, page.image.scale
        w, h = img.width, img.height
        boxes = [Box(m.kind, 100 * b[0] * scale / w, 100 * b[1] * scale / h, 100 * (b[2] - b[0]) * scale / w,
                     100 * (b[3] - b[1]) * scale / h, m.label, m.task, m.warning)
                 for m in marks for p, b in m.regions if p == page.number]
        pictures.append(PagePicture(page.number, _data_uri(img), boxes))
    return pictures


def text_segments(text: str, marks: list[Mark]) -> list[Segment]:
    """The text cut at every mark boundary; each piece knows the marks covering it
    (marks overlap: an owner inside a task row inside nothing else)."""
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    spans = [m for m in marks if m.end > m.start]
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        covering = [m for m in spans if m.start <= a and m.end >= b]
        out.append(Segment(text[a:b], sorted({m.kind for m in covering}), sorted({m.task for m in covering if m.task}),
                           [m.label for m in covering], any(m.warning for m in covering)))
    return out


def _env() -> Environment:
    from .labels import install
    env = Environment(loader=PackageLoader("vanban.pipeline.review", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    install(env)
    return env


def render_review(record: dict, doc: Document | None = None, links: dict | None = None) -> str:
    """The review page of one record; with its :class:`Document` (and page
    pictures in it) the marks are drawn on the pages, else on the text."""
    marks = record_marks(record)
    if doc is not None:
        marks += low_confidence_marks(doc)
    pictures = page_pictures(doc, marks) if doc is not None else []
    warned = {m.task for m in marks if m.warning and m.task}
    return _env().get_template("review.html.j2").render(
        record=record, d=record.get("document", {}), kinds=mark_kinds(), pictures=pictures,
        segments=text_segments(record["text"], marks), tasks=record.get("tasks", []), warned=warned,
        citations=record.get("citations", []), warnings=record.get("warnings", []), links=links or {},
        low_conf=sum(m.kind == "low_conf" for m in marks))


def review_in_worker(path: Path, limits, links: dict | None = None, progress=None) -> dict:
    """Parse ``path`` keeping page pictures and render its review page, in a fenced
    worker on the batch path every parse takes (:func:`pipeline.isolate.run_batch`):
    ``{"status": "ok", "html": …, "source": {"page_count": …}}`` or the file's error record."""
    from ..errors import VanbanError
    from ..isolate import run_batch
    from ..record import error_record
    from ..run import ParseOptions, analyse

    def work(p: Path) -> dict:
        try:
            doc, record = analyse(p, ParseOptions(keep_page_images=True))
            return {"status": "ok", "html": render_review(record, doc, links), "source": record["source"]}
        except VanbanError as exc:
            return error_record(p, exc)

    [(_, result)] = list(run_batch([Path(path)], work, limits, progress=progress))
    return result


def review_file(path: str | Path, out: str | Path) -> dict:
    """Parse ``path`` keeping page pictures and write its review page to ``out`` atomically."""
    from ..output import write_text_atomic
    from ..run import ParseOptions, analyse
    doc, record = analyse(path, ParseOptions(keep_page_images=True))
    write_text_atomic(Path(out), render_review(record, doc))
    return record

"""Per-file limits: a hostile file must fail alone, fast and clearly.

The wall-time limit scales with the file's length: ``max_seconds`` is what a
one-page file may take and every further page adds ``seconds_per_page``, so an
80-page scan is not held to the deadline of a one-page letter.  The page count
is known only inside the worker, once a reader has opened the file: the reader
calls :func:`report_pages` and the fence around the worker (``pipeline.isolate``)
moves its deadline.  Outside a fenced worker the report goes nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 500
    max_pixels: int = 60_000_000          # per page image (≈ A4 at 600 dpi is 35 Mpx)
    ocr_timeout_s: int = 120              # per page
    max_docx_uncompressed: int = 300 * 1024 * 1024
    # enforced around each file by pipeline.isolate (batch parse and ingest)
    max_seconds: float = 300.0            # wall time of a one-page file (or one of unknown length), OCR included
    seconds_per_page: float = 15.0        # added for each page after the first
    max_memory_bytes: int = 4 * 1024**3   # address space a worker may add to what it starts with

    def seconds_for(self, pages: int | None) -> float:
        """The wall-time limit of a file of ``pages`` pages (None: not known yet).

        0 for ``max_seconds`` means no limit.  Pages beyond ``max_pages`` are
        refused by the readers anyway, so the limit never grows past theirs.
        """
        if not self.max_seconds:
            return 0.0
        extra = max(0, min(pages or 1, self.max_pages) - 1)
        return self.max_seconds + self.seconds_per_page * extra


_listener: Callable[[int], None] | None = None


def listen_for_pages(listener: Callable[[int], None] | None) -> None:
    """Set who hears :func:`report_pages` (the fenced worker's pipe to its parent)."""
    global _listener
    _listener = listener


def report_pages(pages: int) -> None:
    """A reader knows how many pages the file has: the worker's limit may grow."""
    if _listener is not None:
        _listener(pages)

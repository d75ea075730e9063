"""Progress of a batch on a terminal: files, pages, pages/s and ETA, on stderr.

A scan takes over a minute of OCR; without a word the user cannot tell work
from a hang.  So ``parse``, ``ingest`` and ``review`` draw one line that is
kept up to date while the fenced workers run — and draw nothing when stderr
is not a terminal (a log, a pipe, a test) or with ``-q``.

Pages are known two ways.  A finished file's record says how many pages it
had.  Pages still being OCR'd live in a worker process, so :func:`page_read`
(called by the OCR loop) bumps a counter in shared memory that the parent made
before forking its workers; the parent reads it between results.  The ETA is
the later of two estimates: files left at the pace of the files done, and OCR
pages left (the readers announce them with :func:`pages_planned`) at the OCR
pace so far — the second is what a single long scan has.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import time
from dataclasses import dataclass

_ocr_read = None         # shared counters: set in the parent by Progress, inherited by forked workers
_ocr_planned = None
REDRAW_SECONDS = 0.5     # how often the line is redrawn while workers run


def _bump(counter, n: int) -> None:
    if counter is not None:
        with counter.get_lock():
            counter.value += n


def pages_planned(n: int) -> None:
    """A reader is about to OCR ``n`` pages (for the ETA of a long scan)."""
    _bump(_ocr_planned, n)


def page_read() -> None:
    """One page OCR'd (in whatever worker process or thread)."""
    _bump(_ocr_read, 1)


@dataclass
class Counts:
    files_total: int
    files_done: int = 0
    failed: int = 0
    pages_done: int = 0          # pages of finished files, from their records
    ocr_in_done: int = 0         # of which OCR'd (already in the shared counter too)
    ocr_read: int = 0            # the shared counter: OCR'd pages, finished files or not
    ocr_planned: int = 0
    elapsed: float = 0.0

    @property
    def pages(self) -> int:
        return self.pages_done + max(0, self.ocr_read - self.ocr_in_done)

    def eta(self) -> float | None:
        """Seconds left: the later of the files estimate and the OCR-pages estimate (None: no pace yet)."""
        estimates = []
        if 0 < self.files_done < self.files_total:
            estimates.append(self.elapsed / self.files_done * (self.files_total - self.files_done))
        if self.ocr_read and self.ocr_planned > self.ocr_read:
            estimates.append(self.elapsed / self.ocr_read * (self.ocr_planned - self.ocr_read))
        if self.files_done >= self.files_total:
            return 0.0
        return max(estimates) if estimates else None


def describe(c: Counts) -> str:
    """The progress line's text: ``3/10 files · 12 pages · 0.8 pages/s · 1 failed · ETA 0:42``."""
    rate = c.pages / c.elapsed if c.elapsed > 0 else 0.0
    parts = [f"{c.files_done}/{c.files_total} files", f"{c.pages} page{'' if c.pages == 1 else 's'}", f"{rate:.1f} pages/s"]
    if c.failed:
        parts.append(f"{c.failed} failed")
    eta = c.eta()
    parts.append("ETA " + ("?" if eta is None else _clock(eta)))
    return " · ".join(parts)


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """One line on stderr for a batch of ``total`` files; silent unless ``enabled`` and stderr is a terminal.

    Make it *before* the workers fork (the shared page counter must exist in them), call
    :meth:`tick` while waiting, :meth:`file_done` per record, :meth:`say` for a message
    that must not be overwritten, and :meth:`close` at the end."""

    def __init__(self, total: int, label: str, enabled: bool = True, stream=None):
        global _ocr_read, _ocr_planned
        self.stream = stream or sys.stderr
        self.shown = bool(enabled and total and _is_terminal(self.stream))
        self.counts = Counts(total)
        self.started = time.monotonic()
        self.drawn = 0.0
        self.bar = None
        if self.shown:
            ctx = mp.get_context("fork")
            _ocr_read, _ocr_planned = ctx.Value("q", 0), ctx.Value("q", 0)
            from tqdm import tqdm
            self.label = label
            self.bar = tqdm(total=total, file=self.stream, bar_format="{desc}", dynamic_ncols=True, leave=True)
            self.tick(force=True)

    def file_done(self, record: dict) -> None:
        c = self.counts
        c.files_done += 1
        if record.get("status") != "ok":
            c.failed += 1
        source = record.get("source") or {}
        c.pages_done += source.get("page_count") or 0
        c.ocr_in_done += sum(p.get("text_source") == "ocr" for p in source.get("pages") or [])
        self.tick(force=True)

    def tick(self, force: bool = False) -> None:
        if not self.shown or (not force and time.monotonic() - self.drawn < REDRAW_SECONDS):
            return
        c = self.counts
        c.elapsed = time.monotonic() - self.started
        c.ocr_read, c.ocr_planned = _ocr_read.value, _ocr_planned.value
        self.bar.set_description_str(f"{self.label}: {describe(c)}", refresh=False)
        self.bar.n = c.files_done
        self.bar.refresh()
        self.drawn = time.monotonic()

    def say(self, message: str) -> None:
        """A line of its own (a failed file), above the progress line."""
        if self.shown:
            self.bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream)

    def close(self) -> None:
        global _ocr_read, _ocr_planned
        if self.shown:
            self.tick(force=True)
            self.bar.close()
            self.shown = False
        _ocr_read = _ocr_planned = None


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

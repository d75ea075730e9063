"""Where a parse spends its time: read, OCR, layout, extract (and store, in ingest).

The pipeline marks its stages with :func:`stage`; a stage entered inside another
is not counted twice (OCR runs inside reading, so "read" is reading without its
OCR).  A fenced worker sends :func:`take` to its parent beside the record, so
the records themselves stay as they were (no timings in the JSON: they would
differ on every run).  ``make bench`` prints each stage's share of an ingest.
"""

from __future__ import annotations

import functools
import time
from contextlib import contextmanager
from typing import Callable, Iterator

STAGES = ("read", "ocr", "layout", "extract", "store")

_seconds: dict[str, float] = {}
_open: list[list] = []           # [name, seconds spent in stages nested inside it]


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the time of the ``with`` body to ``name``, minus nested stages."""
    started = time.perf_counter()
    _open.append([name, 0.0])
    try:
        yield
    finally:
        _, nested = _open.pop()
        elapsed = time.perf_counter() - started
        _seconds[name] = _seconds.get(name, 0.0) + elapsed - nested
        if _open:
            _open[-1][1] += elapsed


def timed(name: str) -> Callable:
    """:func:`stage` as a decorator."""
    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            with stage(name):
                return fn(*args, **kwargs)
        return inner
    return wrap


def take() -> dict[str, float]:
    """The seconds per stage since the last call, and start again from zero."""
    out = dict(_seconds)
    _seconds.clear()
    return out


def add(total: dict[str, float], more: dict[str, float]) -> None:
    """Sum ``more`` into ``total`` (per stage)."""
    for name, seconds in more.items():
        total[name] = total.get(name, 0.0) + seconds

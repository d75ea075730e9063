"""Parse each file in its own short-lived process, fenced by limits.

A hostile file can do what no ``try`` catches: hang Tesseract for minutes,
allocate until the machine swaps, or crash a C library.  So every file is
parsed in a child forked from a parent that has already imported the pipeline
(forking is cheap; importing spaCy is not) and the child runs under:

* ``RLIMIT_AS`` — address space beyond what the parent already maps, so an
  allocation storm ends in ``MemoryError`` (an error record) or a kill;
* ``RLIMIT_CPU`` — a backstop for pure-CPU loops;
* a wall-clock deadline kept by the parent, which kills the child's whole
  process group (Tesseract and antiword are its children) when it passes.
  The deadline grows with the file's pages: a reader that has counted them
  calls ``limits.report_pages``, the child sends the count up its pipe before
  the result, and the parent moves the deadline (and the child its CPU limit).

The parent never waits on one child: it watches all of them (result pipes and
process sentinels) and starts the next file as soon as a slot frees, so a
timed-out or crashed worker is simply replaced and the batch goes on.  Each
outcome is a JSON record; a child that died gets an error record saying how.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from . import stages
from .limits import Limits, listen_for_pages

T = TypeVar("T")

# codes of the records made here, not by the parser
TIMEOUT = "timeout"
OUT_OF_MEMORY = "out_of_memory"
WORKER_DIED = "worker_died"
PAGES = "pages"           # the child's message before its result: (PAGES, count)
STAGES = "stages"         # and the seconds per stage of its parse: (STAGES, {stage: seconds})
WAKE_SECONDS = 1.0        # the parent's longest sleep while a progress line is shown


@dataclass
class _Running:
    item: object
    process: mp.process.BaseProcess
    reader: object
    started: float
    pages: int | None = None          # reported by the child once a reader counted them
    stages: dict | None = None        # seconds per stage of the parse (pipeline.stages), sent with the result

    def deadline(self, limits: Limits) -> float | None:
        """When this worker is stopped (monotonic clock); None: never."""
        seconds = limits.seconds_for(self.pages)
        return self.started + seconds if seconds else None


def warm_up(paths: Iterable[Path] = ()) -> None:
    """Import and load what every parse needs, and what the formats of ``paths``
    need (by extension), once, before forking."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from . import run  # noqa: F401  (readers, extractors)
    from vanban.extractors.owners import _body_names_re
    from .nlp import verb_spans
    from .output import _validator
    verb_spans("Ủy ban nhân dân xã chủ trì thực hiện.")   # loads underthesea's models
    # built once here rather than in every forked worker: ~0.2-0.3 s each
    _body_names_re()
    _validator()
    from .formats import by_suffix
    for fmt in {by_suffix(Path(p)) for p in paths} - {None}:
        fmt.warm_up()


def _address_space() -> int:
    """Bytes this process maps now (the child starts with the same)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _peak_address_space() -> int:
    """The most bytes this process has mapped at once (``VmPeak``), or 0 when unknown."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


_AT_THE_CAP = 16 * 2**20      # an allocation refused within this much of the cap: the cap refused it


def _hit_the_cap(result: dict, cap: int) -> bool:
    """An internal error of a worker whose address space reached its cap: a library turned
    the refused allocation into an error of its own (pdfplumber, OpenCV, …), but the worker
    ran out of memory."""
    return result.get("status") == "error" and (result.get("error") or {}).get("code") == "internal_error" \
        and _peak_address_space() >= cap - _AT_THE_CAP


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this worker when the parent dies (Linux prctl)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)             # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:                    # the parent died before the request took effect
        os._exit(1)


def _child(work: Callable[[object], dict], item: object, writer, limits: Limits, base_memory: int, parent: int) -> None:
    os.setsid()                                   # its own process group: the parent kills it whole
    _die_with_parent(parent)
    if limits.max_memory_bytes:
        cap = base_memory + limits.max_memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    if limits.max_seconds:                        # CPU time of this process; the wall clock is the parent's
        resource.setrlimit(resource.RLIMIT_CPU, (_cpu_seconds(limits, 1), _cpu_seconds(limits, limits.max_pages) + 5))
    listen_for_pages(lambda pages: _pages_known(pages, writer, limits))
    stages.take()                                 # what the parent had timed is not this file's
    try:
        result = work(item)
        if limits.max_memory_bytes and _hit_the_cap(result, base_memory + limits.max_memory_bytes):
            result["error"] = {"code": OUT_OF_MEMORY, "message": f"ran out of memory while parsing (limit "
                               f"{limits.max_memory_bytes // 2**20} MiB over the base): {result['error']['message']}"[:500]}
    except MemoryError:
        result = _error(OUT_OF_MEMORY, f"ran out of memory while parsing (limit {limits.max_memory_bytes // 2**20} MiB over the base)")
    except BaseException as exc:                  # work() should not raise; if it does, say what
        result = _error("internal_error", f"{type(exc).__name__}: {exc}"[:500])
    try:
        writer.send((STAGES, stages.take()))
        writer.send(result)
    finally:
        writer.close()
        os._exit(0)                               # no atexit handlers, no flushing of inherited buffers


def _cpu_seconds(limits: Limits, pages: int) -> int:
    """The CPU-time backstop of a file of ``pages`` pages: twice its wall time."""
    return int(limits.seconds_for(pages) * 2) + 5


def _pages_known(pages: int, writer, limits: Limits) -> None:
    """In the child: tell the parent the page count, and let the CPU backstop grow with it."""
    writer.send((PAGES, pages))
    if limits.max_seconds:
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (min(_cpu_seconds(limits, pages), hard), hard))


def _error(code: str, message: str) -> dict:
    """An error record without a ``source``: the caller knows which file it was."""
    return {"status": "error", "error": {"code": code, "message": message}}


def _kill(process) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.join(5)


def _death_record(process, limits: Limits, timed_out: bool, pages: int | None = None) -> dict:
    if timed_out:
        length = f" for {pages} pages" if pages and pages > 1 else ""
        return _error(TIMEOUT, f"parsing took longer than {limits.seconds_for(pages):.0f} s{length}; the worker was stopped")
    code = process.exitcode
    if code is not None and code < 0:
        sig = signal.Signals(-code).name
        if -code == signal.SIGXCPU:
            return _error(TIMEOUT, "CPU time limit reached; the worker was stopped")
        if -code == signal.SIGKILL and limits.max_memory_bytes:
            why = "killed (SIGKILL: out of memory, or stopped from outside)"
        else:
            why = f"killed by {sig}"
        return _error(WORKER_DIED, f"worker {why}")
    return _error(WORKER_DIED, f"worker exited with status {code} without a result")


def run_isolated(items: Iterable[T], work: Callable[[T], dict], limits: Limits | None = None,
                 jobs: int = 1, retries: int = 1, on_wait: Callable[[], None] | None = None,
                 on_stages: Callable[[dict], None] | None = None) -> Iterator[tuple[T, dict]]:
    """Yield ``(item, record)`` for every item, in completion order.

    ``work`` runs in a forked child per item and returns a JSON record.  A child
    that dies without a result (not by our timeout) is retried ``retries`` times
    — something outside may have killed it — before its death is the record.
    ``on_wait`` is called at least every second while children run (a progress line);
    ``on_stages`` gets each finished child's seconds per stage (``pipeline.stages``).
    """
    limits = limits or Limits()
    ctx = mp.get_context("fork")
    queue = [(item, 0) for item in items]
    queue.reverse()
    running: list[_Running] = []
    base_memory = _address_space()
    try:
        yield from _schedule(queue, running, work, limits, jobs, retries, ctx, base_memory, on_wait, on_stages)
    finally:                                      # interrupted (Ctrl-C, an exception in the consumer): stop them all
        for r in running:
            _kill(r.process)


def _schedule(queue: list, running: list[_Running], work: Callable, limits: Limits, jobs: int, retries: int,
              ctx, base_memory: int, on_wait: Callable[[], None] | None = None,
              on_stages: Callable[[dict], None] | None = None) -> Iterator[tuple[object, dict]]:
    """Keep ``jobs`` children busy; wake on a result, a death or the nearest deadline."""
    while queue or running:
        while queue and len(running) < max(1, jobs):
            item, tries = queue.pop()
            reader, writer = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_child, args=(work, item, writer, limits, base_memory, os.getpid()), daemon=False)
            process.start()
            writer.close()
            run = _Running((item, tries), process, reader, time.monotonic())
            running.append(run)
        now = time.monotonic()
        deadlines = [d for d in (r.deadline(limits) for r in running) if d is not None]
        next_deadline = min(deadlines) if deadlines else now + 3600
        if on_wait is not None:
            on_wait()
            next_deadline = min(next_deadline, now + WAKE_SECONDS)
        ready = wait([r.reader for r in running] + [r.process.sentinel for r in running],
                     timeout=max(0.0, next_deadline - now))
        for r in list(running):
            (item, tries) = r.item
            result = None
            if r.reader in ready or r.process.sentinel in ready:
                result = _receive(r)
                if result is None and r.process.is_alive():
                    continue                      # the pipe closed early but the child is still finishing
                r.process.join(5)
                if result is None:
                    if tries < retries and r.process.exitcode != -signal.SIGXCPU:
                        queue.append((item, tries + 1))
                        running.remove(r)
                        r.reader.close()
                        continue
                    result = _death_record(r.process, limits, timed_out=False)
            elif r.deadline(limits) is not None and time.monotonic() > r.deadline(limits):
                _kill(r.process)
                result = _death_record(r.process, limits, timed_out=True, pages=r.pages)
            else:
                continue
            running.remove(r)
            r.reader.close()
            if on_stages is not None and r.stages:
                on_stages(r.stages)
            yield item, result


def _receive(r: _Running) -> dict | None:
    """Read what the child sent so far: page counts update ``r``; the result is returned."""
    try:
        while r.reader.poll():
            message = r.reader.recv()
            if isinstance(message, tuple) and message and message[0] == PAGES:
                r.pages = message[1]
                continue
            if isinstance(message, tuple) and message and message[0] == STAGES:
                r.stages = message[1]
                continue
            return message
    except (EOFError, OSError):
        pass
    return None


def run_batch(items: list[T], work: Callable[[T], dict], limits: Limits, jobs: int = 1,
              path_of: Callable[[T], Path] = Path, progress=None,
              on_stages: Callable[[dict], None] | None = None) -> Iterator[tuple[T, dict]]:
    """The one fenced batch path of ``parse``, ``ingest`` and ``review``.

    Loads the pipeline once and forks a worker per item (:func:`run_isolated`); a
    worker that died or ran out of memory gets the failure record of
    ``path_of(item)``; ``progress`` (a :class:`pipeline.progress.Progress`, made
    before this is called) is kept up to date while the workers run and per result.
    """
    from .record import failure_record
    items = list(items)
    warm_up(path_of(item) for item in items)
    on_wait = progress.tick if progress is not None else None
    for item, result in run_isolated(items, work, limits, jobs, on_wait=on_wait, on_stages=on_stages):
        if result.get("status") != "ok" and "source" not in result:
            result = failure_record(path_of(item), result["error"]["code"], result["error"]["message"])
        if progress is not None:
            progress.file_done(result)
        yield item, result


def parse_isolated(paths: list[Path], options=None, jobs: int = 1, progress=None) -> Iterator[tuple[Path, dict]]:
    """``parse_safely`` for each path, each in its own fenced process."""
    from .run import ParseOptions, parse_safely
    options = options or ParseOptions(ocr_jobs=1)
    yield from run_batch(paths, lambda p: parse_safely(p, options), options.limits, jobs, progress=progress)

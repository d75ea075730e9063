"""`vanban ingest`: parse whole archives into the corpus, in parallel, resumably.

* Files are found by walking folders and opening ``.zip`` archives (a member is
  recorded as ``archive.zip!folder/name.pdf``).
* Each file is keyed by the SHA-256 of its bytes: a rerun skips what is done, a
  changed file is parsed again and replaces its old rows.
* Parsing runs in worker processes (``--jobs``, default one per core), each with
  one Tesseract thread; the main process alone writes to SQLite, one
  transaction per file, so killing either at any moment loses nothing already
  committed and leaves no half-written document.
* A file that fails is recorded with its reason and the batch goes on; a rerun
  skips it (same bytes, same failure) unless ``--retry-failed`` asks for another
  try, typically with a longer ``--timeout``, more ``--memory-mb`` or ``--force-ocr``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import is_candidate
from ..isolate import run_batch
from ..limits import Limits
from ..progress import Progress
from ..record import failure_record
from ..run import sha256_of
from .. import stages
from . import db

MAX_MEMBER_BYTES = 200 * 1024 * 1024


@dataclass
class Item:
    label: str           # what the corpus records as the path
    real: Path           # where the bytes are on disk now
    sha256: str
    size: int
    refused: tuple[str, str] | None = None   # (code, message) when it cannot even be unpacked


@dataclass
class Summary:
    files: int = 0
    skipped: int = 0
    skipped_failed: int = 0     # of the skipped: failures recorded before (``--retry-failed`` tries them again)
    parsed: int = 0
    failed: int = 0
    pages: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)   # worker seconds per stage (pipeline.stages), store included


def corpus_files(corpus: str | Path) -> set[Path]:
    """The corpus database and SQLite's side files beside it: never documents to ingest,
    even when the corpus sits inside the folder being ingested."""
    path = Path(corpus).resolve()
    return {path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
            path.with_name(path.name + "-journal")}


def discover(inputs: list[str], scratch: Path, skip: set[Path] = frozenset()) -> list[Item]:
    """Every file under ``inputs`` (hidden files and desktop clutter aside: an unsupported
    file gets its own ``unsupported_format`` failure) but those in ``skip`` (the corpus
    itself); zip members are extracted to ``scratch``."""
    items: list[Item] = []
    for raw in inputs:
        p = Path(raw)
        paths = sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p]
        for path in paths:
            if path.resolve() in skip:
                continue
            suffix = path.suffix.lower()
            if suffix == ".zip":
                items.extend(_zip_members(path, scratch))
            elif is_candidate(path) and path.is_file():
                items.append(Item(str(path.resolve()), path, sha256_of(path), path.stat().st_size))
    return items


def _zip_members(archive: Path, scratch: Path) -> list[Item]:
    """The supported members of a zip, unpacked to ``scratch``.

    A member that cannot be unpacked — encrypted, over the size limit, damaged,
    compressed with a method Python lacks — becomes a refused item, recorded as
    a failure like any broken file; the other members go on.
    """
    out = []
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError):
        return [Item(str(archive.resolve()), archive, sha256_of(archive), archive.stat().st_size,
                     ("corrupt_file", "zip archive is damaged or truncated"))]
    archive_sha = sha256_of(archive)
    with zf:
        for info in zf.infolist():
            if info.is_dir() or not is_candidate(Path(info.filename)):
                continue
            label = f"{archive.resolve()}!{info.filename}"
            key = hashlib.sha256(f"{archive_sha}!{info.filename}".encode()).hexdigest()   # stable without unpacking
            if info.flag_bits & 0x1:
                out.append(Item(label, archive, key, info.file_size, ("encrypted_file", "zip member is encrypted (password needed)")))
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                out.append(Item(label, archive, key, info.file_size,
                                ("too_large", f"zip member expands to {info.file_size / 2**20:.0f} MiB, over the "
                                              f"{MAX_MEMBER_BYTES / 2**20:.0f} MiB limit")))
                continue
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib.error) as exc:
                out.append(Item(label, archive, key, info.file_size,
                                ("corrupt_file", f"zip member cannot be unpacked ({type(exc).__name__}: {exc})")))
                continue
            sha = hashlib.sha256(data).hexdigest()
            target = scratch / f"{sha}{Path(info.filename).suffix.lower()}"
            target.write_bytes(data)
            out.append(Item(label, target, sha, len(data)))
    return out


def _work(item: Item, limits: Limits, force_ocr: bool = False) -> dict:
    """Run in a worker process: one file, one Tesseract thread."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from vanban.pipeline.run import ParseOptions, parse_safely
    return parse_safely(item.real, ParseOptions(ocr_jobs=1, limits=limits, force_ocr=force_ocr))


def work_on_bytes(label: str, suffix: str, data: bytes, limits: Limits | None = None, force_ocr: bool = False) -> dict:
    """Run on a Dask worker, which may not see our disk: the task carries the bytes.

    The file-size, page and pixel limits hold here; the per-file wall-clock and
    memory fences of :mod:`pipeline.isolate` do not (Dask's worker processes may
    not fork children of their own): Dask's nanny restarts a worker that runs
    out of memory, and its task then fails into an error record."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from vanban.pipeline.run import ParseOptions, parse_safely
    with tempfile.TemporaryDirectory(prefix="vanban-worker-") as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        result = parse_safely(path, ParseOptions(ocr_jobs=1, limits=limits or Limits(), force_ocr=force_ocr))
    result.setdefault("source", {})["path"] = label
    if result.get("status") == "ok":
        result["source"]["file_name"] = Path(label.split("!")[-1]).name
    return result


def _run_local(todo: list[Item], jobs: int, limits: Limits, force_ocr: bool = False, progress=None, on_stages=None):
    """(item, result) pairs as the fenced worker processes finish them — the batch
    path ``parse`` and ``review`` use too (:func:`pipeline.isolate.run_batch`: one
    process per file, time and memory limits, a stopped or crashed worker replaced)."""
    for item, result in run_batch(todo, lambda it: _work(it, limits, force_ocr), limits, jobs,
                                  path_of=lambda it: Path(it.label), progress=progress, on_stages=on_stages):
        result["source"]["path"] = item.label
        yield item, result


def _run_dask(todo: list[Item], scheduler: str, limits: Limits, force_ocr: bool = False, progress=None):
    """The same per-file work on a Dask distributed cluster; results come back here."""
    from distributed import Client, as_completed as dask_completed
    with Client(scheduler) as client:
        futures = {client.submit(work_on_bytes, it.label, it.real.suffix.lower(), it.real.read_bytes(), limits, force_ocr,
                                 key=f"vanban-{it.sha256}-{abs(hash(it.label))}", pure=False): it for it in todo}
        for fut in dask_completed(futures):
            item = futures[fut]
            try:
                result = fut.result()
            except Exception as exc:
                result = _died(item, exc)
            if progress is not None:
                progress.file_done(result)
            yield item, result


def _failed(item: Item, code: str, message: str) -> dict:
    """The error record of an archive item (labelled as the corpus records it)."""
    return failure_record(Path(item.label), code, message)


def _died(item: Item, exc: BaseException) -> dict:
    return _failed(item, "worker_died", f"worker failed: {exc!s}"[:300])


def ingest(inputs: list[str], corpus: str | Path, jobs: int | None = None, progress: bool = True,
           engine: str = "local", scheduler: str | None = None, limits: Limits | None = None,
           retry_failed: bool = False, force_ocr: bool = False) -> Summary:
    """Parse ``inputs`` into ``corpus``; files already there with the same bytes are
    skipped, recorded failures too unless ``retry_failed``."""
    jobs = jobs or os.cpu_count() or 1
    conn = db.connect(corpus)
    summary = Summary()
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="vanban-ingest-"))
    bar = None
    try:
        items = discover(inputs, scratch, skip=corpus_files(corpus))
        summary.files = len(items)
        todo = [it for it in items if not db.done(conn, it.label, it.sha256, retry_failed)]
        summary.skipped = len(items) - len(todo)
        failed_before = {r[0] for r in conn.execute("SELECT path FROM failures")}
        pending = {it.label for it in todo}
        summary.skipped_failed = sum(1 for it in items if it.label in failed_before and it.label not in pending)
        refused = [it for it in todo if it.refused]
        todo = [it for it in todo if not it.refused]
        for it in refused:                         # recorded without a worker: nothing to parse
            db.store(conn, it.label, it.sha256, it.size, _failed(it, *it.refused))
            summary.failed += 1
            summary.failures.append(f"{it.label}: {it.refused[1]}")
        bar = Progress(len(todo), "ingest", enabled=progress)
        if engine == "dask":
            if not scheduler:
                raise ValueError("--engine dask needs --scheduler tcp://HOST:PORT")
            results = _run_dask(todo, scheduler, limits or Limits(), force_ocr, bar)
        else:
            results = _run_local(todo, jobs, limits or Limits(), force_ocr, bar,
                                 on_stages=lambda seconds: stages.add(summary.stages, seconds))
        for item, result in results:
            with stages.stage("store"):
                db.store(conn, item.label, item.sha256, item.size, result)
            stages.add(summary.stages, stages.take())
            if result.get("status") == "ok":
                summary.parsed += 1
                summary.pages += result["source"]["page_count"]
            else:
                summary.failed += 1
                summary.failures.append(f"{item.label}: {result['error']['message']}")
    finally:
        if bar is not None:
            bar.close()
        shutil.rmtree(scratch, ignore_errors=True)
        conn.close()
    summary.seconds = time.perf_counter() - started
    return summary


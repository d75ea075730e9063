"""Hostile and broken input: nothing crashes, nothing hangs, nothing is lost.

A hostile corpus is generated on the fly (tests/hostile.py) and ingested in one
batch; every file must end as a document or a failure record with a clear code,
the batch must finish within its time bounds, and the figures — files tried,
failures recorded, crashes, hangs, records lost — are printed and asserted.
The fences themselves (wall time, memory, a crashing worker) and ingest under
random kills of workers and of the main process are tested separately.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vanban.pipeline.corpus import db
from vanban.pipeline.corpus.ingest import ingest
from vanban.pipeline.isolate import run_isolated
from vanban.pipeline.limits import Limits
from vanban.pipeline.output import validate

from . import hostile
from .conftest import ROOT, SAMPLES

SEED_TEXT = SAMPLES / "004_d5409b736efdaf35.txt"
SLOW_PAGE_SECONDS = 12          # the wall-time limit the hostile batch runs under


def _attempt(item):
    """Worker body for the fence tests: behave as the item says."""
    kind, log = item
    with open(log, "a") as fh:
        fh.write(kind + "\n")
    if kind == "crash":
        import faulthandler
        faulthandler.disable()                       # pytest's handler would print the child's stack
        os.kill(os.getpid(), signal.SIGSEGV)
    if kind == "hang":
        time.sleep(120)
    if kind == "raise":
        raise RuntimeError("a bug")
    return {"status": "ok", "kind": kind}


def test_a_crashed_or_hung_worker_is_replaced_and_the_batch_goes_on(tmp_path):
    log = tmp_path / "attempts.log"
    items = [(k, str(log)) for k in ("crash", "ok", "hang", "raise", "ok")]
    started = time.monotonic()
    out = list(run_isolated(items, _attempt, Limits(max_seconds=2), jobs=2, retries=1))
    elapsed = time.monotonic() - started
    assert len(out) == len(items)
    by_kind: dict[str, list[dict]] = {}
    for (kind, _), record in out:
        by_kind.setdefault(kind, []).append(record)
    assert [r["status"] for r in by_kind["ok"]] == ["ok", "ok"]
    assert by_kind["crash"][0]["error"]["code"] == "worker_died" and "SIGSEGV" in by_kind["crash"][0]["error"]["message"]
    assert by_kind["hang"][0]["error"]["code"] == "timeout"
    assert by_kind["raise"][0]["error"]["code"] == "internal_error"
    assert log.read_text().split().count("crash") == 2          # tried again once: it may have been killed from outside
    assert elapsed < 15                                          # the hang cost its 2 s, not 120


def test_memory_limit_gives_an_error_record(tmp_path):
    from vanban.pipeline.isolate import parse_isolated
    from vanban.pipeline.run import ParseOptions
    # 4 MiB over what the worker starts with: less than one rendered page of the scan (an A4
    # page at its resolution is several MiB), so the parse cannot fit however much the parent
    # had loaded before forking (pages are rendered one at a time, so 40 MiB sometimes fitted)
    options = ParseOptions(ocr_jobs=1, limits=Limits(max_memory_bytes=4 * 2**20))
    [(_, record)] = list(parse_isolated([SAMPLES / "004_d5409b736efdaf35.scan.pdf"], options))
    assert record["status"] == "error" and record["error"]["code"] == "out_of_memory"
    assert validate(record) == []


def build_hostile_corpus(folder: Path) -> dict[str, str | None]:
    """Write the hostile corpus; return file name → expected error code (None: parses)."""
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder.parent / "secret-outside-the-archive.txt"
    secret.write_text("TOP-SECRET-4242", "utf-8")
    cases = {
        "empty.pdf": (hostile.empty, "empty_document"),
        "zero.docx": (hostile.empty, "empty_document"),
        "truncated.pdf": (hostile.truncated_pdf, "corrupt_file"),
        "encrypted.pdf": (hostile.encrypted_pdf, "encrypted_file"),
        "3000-pages.pdf": (hostile.many_pages_pdf, "too_large"),
        "huge-page-box.pdf": (hostile.huge_page_pdf, "too_large"),
        "decompression-bomb.png": (hostile.huge_png, "too_large"),
        "zip-bomb.docx": (hostile.docx_zip_bomb, "too_large"),
        "external-entity.docx": (lambda p: hostile.docx_external_entity(p, secret), None),
        "really-a-pdf.docx": (hostile.pdf_named_docx, None),
        "really-a-jpeg.pdf": (hostile.jpeg_named_pdf, "empty_document"),
        "junk.doc": (hostile.random_binary, "unsupported_format"),
        "junk.txt": (hostile.random_binary, None),             # decodes to noise: not Vietnamese or empty
        "utf16.txt": (lambda p: hostile.utf16_text(p, SEED_TEXT), None),
        "tcvn3.txt": (lambda p: hostile.tcvn3_text(p, SEED_TEXT), None),
        "mixed-vi-en-zh.txt": (hostile.mixed_languages, None),
        "chinese.txt": (hostile.chinese_only, "not_vietnamese"),
        "english.txt": (hostile.english_only, "not_vietnamese"),
        "300-MB.pdf": (hostile.huge_sparse, "too_large"),
        "tesseract-for-minutes.png": (hostile.slow_ocr_page, "timeout"),
    }
    expected = {}
    for name, (make, code) in cases.items():
        make(folder / name)
        expected[name] = code
    for extra in folder.parent.glob("*.plain.pdf"):
        extra.unlink()
    shutil.copy(SAMPLES / "000_1e1698cb1e74ad37.docx", folder / "good-plan.docx")
    expected["good-plan.docx"] = None
    hostile.hostile_zip(folder / "archive-2024.zip", SEED_TEXT)     # its members are the files
    expected.update({"good-plan.txt": None, "locked.txt": "encrypted_file", "huge.txt": "too_large",
                     "damaged.txt": "corrupt_file"})
    return expected


def hostile_figures(folder: Path, corpus: Path, expected: dict[str, str | None], limits: Limits, jobs: int = 2) -> dict:
    """Ingest the hostile corpus and count what happened to every file."""
    started = time.monotonic()
    summary = ingest([str(folder)], corpus, jobs=jobs, progress=False, limits=limits)
    seconds = time.monotonic() - started
    conn = db.connect(corpus)
    rows = {Path(r["path"]).name: r for r in conn.execute(
        "SELECT f.path, f.status, x.code, x.message FROM files f LEFT JOIN failures x ON x.path = f.path")}
    crashes = [n for n, r in rows.items() if r["code"] in ("internal_error", "worker_died")]
    figures = {
        "files tried": summary.files, "parsed": summary.parsed, "failures recorded": len([r for r in rows.values() if r["code"]]),
        "crashes": len(crashes), "hangs": len([n for n in expected if n not in rows]) if seconds < 600 else len(expected),
        "records lost": summary.files - len(rows), "seconds": round(seconds, 1),
    }
    figures["_summary"] = summary
    figures["_rows"] = rows
    figures["_conn"] = conn
    return figures


def test_hostile_corpus_nothing_crashes_hangs_or_is_lost(tmp_path, capsys):
    folder = tmp_path / "archive"
    expected = build_hostile_corpus(folder)
    limits = Limits(max_seconds=SLOW_PAGE_SECONDS)
    figures = hostile_figures(folder, tmp_path / "corpus.db", expected, limits)
    rows, conn, summary = figures.pop("_rows"), figures.pop("_conn"), figures.pop("_summary")
    assert summary.skipped == 0 and summary.parsed + summary.failed == summary.files    # each file counted once
    with capsys.disabled():
        print("\nhostile corpus: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    assert figures["files tried"] == len(expected)
    assert figures["crashes"] == 0 and figures["hangs"] == 0 and figures["records lost"] == 0
    for name, code in expected.items():
        row = rows[name]
        if code is None and name != "junk.txt":
            assert row["status"] == "ok", (name, row["message"])
        elif code is not None:
            assert row["code"] == code, (name, row["code"], row["message"])
            assert row["message"] and "\n" not in row["message"]
    # the hung OCR page cost its time limit, not minutes; the whole batch stays bounded
    assert figures["seconds"] < 4 * SLOW_PAGE_SECONDS + 60
    # nothing from outside the archive leaked in through the external entity
    for (text,) in conn.execute("SELECT result_json FROM documents"):
        record = json.loads(text)
        assert validate(record) == []
        assert "TOP-SECRET" not in text
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == \
        conn.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0]
    # a rerun finds every file, broken ones included, already accounted for
    again = ingest([str(folder)], tmp_path / "corpus.db", jobs=2, progress=False, limits=limits)
    assert (again.files, again.skipped, again.parsed, again.failed) == (len(expected), len(expected), 0, 0)


def _running(command: str) -> list[int]:
    """Pids of processes named ``command`` (read from /proc: no procps needed)."""
    pids = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            state = (comm.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
            if comm.read_text().strip() == command and state not in ("Z", "X"):   # zombies are already dead
                pids.append(int(comm.parent.name))
        except (OSError, IndexError):
            pass
    return pids


def _no_worker_outlives(marker: str, wait_s: float = 3.0) -> bool:
    """No process whose command line names ``marker`` is left after ``wait_s``."""
    deadline = time.monotonic() + wait_s
    while True:
        alive = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                state = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if marker.encode() in cmdline.read_bytes() and state not in ("Z", "X"):
                    alive.append(int(cmdline.parent.name))
            except (OSError, IndexError):
                pass
        if not alive or time.monotonic() > deadline:
            return not alive
        time.sleep(0.1)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _consistent(corpus: Path) -> int:
    """Check the corpus after a kill; return how many files are done."""
    conn = sqlite3.connect(corpus, timeout=30)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == \
            conn.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0]
        for sha, text in conn.execute("SELECT sha256, result_json FROM documents"):
            stored = conn.execute("SELECT COUNT(*) FROM tasks WHERE sha256 = ?", (sha,)).fetchone()[0]
            assert stored == len({t["id"] for t in json.loads(text)["tasks"]})      # never half a document
        orphans = conn.execute("SELECT COUNT(*) FROM files WHERE status = 'ok' AND sha256 NOT IN "
                               "(SELECT sha256 FROM documents)").fetchone()[0]
        assert orphans == 0
        return conn.execute("SELECT COUNT(*) FROM files WHERE status = 'ok'").fetchone()[0]
    finally:
        conn.close()


def test_ingest_survives_random_kills_of_workers_and_main(tmp_path, capsys):
    """Kill workers and the whole ingest at random moments, resume, until done; check after every kill."""
    src = tmp_path / "in"
    src.mkdir()
    names = ["000_1e1698cb1e74ad37.txt", "004_d5409b736efdaf35.txt", "000_1e1698cb1e74ad37.pdf", "004_d5409b736efdaf35.pdf",
             "000_1e1698cb1e74ad37.docx", "004_d5409b736efdaf35.docx", "000_1e1698cb1e74ad37.tcvn3.txt",
             "004_d5409b736efdaf35.scan.pdf"]
    for n in names:
        shutil.copy(SAMPLES / n, src / n)
    corpus = tmp_path / "corpus.db"
    rng = random.Random(20261122)
    cmd = [sys.executable, "-m", "vanban.pipeline.cli", "ingest", str(src), "--corpus", str(corpus), "--jobs", "2", "-q"]
    kills = {"worker": 0, "main": 0}
    for _ in range(6):
        proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.5, 4.5))
        if proc.poll() is not None:
            break
        if rng.random() < 0.5 and _children(proc.pid):
            victim = rng.choice(_children(proc.pid))
            os.kill(victim, signal.SIGKILL)                # one worker: the batch must go on around it
            kills["worker"] += 1
            try:
                proc.wait(timeout=rng.uniform(1.0, 4.0))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                kills["main"] += 1
        else:
            os.killpg(proc.pid, signal.SIGKILL)            # the main process and all its workers
            kills["main"] += 1
        proc.wait()
        assert _no_worker_outlives(str(corpus))        # workers die with their parent (PDEATHSIG)
        if corpus.exists():
            _consistent(corpus)
    final = ingest([str(src)], corpus, jobs=2, progress=False)   # the last resume, never killed
    with capsys.disabled():
        print(f"\nkill loop: {kills['worker']} worker kills, {kills['main']} whole-ingest kills; "
              f"last resume parsed {final.parsed}, skipped {final.skipped}, failed {final.failed}")
    assert final.failed == 0
    assert _consistent(corpus) == len(names)
    assert kills["main"] >= 1
    conn = db.connect(corpus)
    assert conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0] == 0


def test_parse_command_stops_a_slow_file_and_writes_its_record(tmp_path):
    slow = hostile.slow_ocr_page(tmp_path / "soup.png")
    good = SAMPLES / "004_d5409b736efdaf35.txt"
    out = tmp_path / "out"
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "vanban.pipeline.cli", "parse", str(slow), str(good), "-o", str(out),
                           "--timeout", "4", "--jobs", "2"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert time.monotonic() - started < 60
    assert proc.returncode == 1 and "2 file(s): 1 ok, 1 failed" in proc.stderr
    record = json.loads((out / "soup.png.json").read_text("utf-8"))
    assert record["error"]["code"] == "timeout" and validate(record) == []
    assert json.loads((out / f"{good.name}.json").read_text("utf-8"))["status"] == "ok"
    for _ in range(10):                                         # SIGKILL is delivered; give the kernel a moment
        if not _running("tesseract"):
            break
        time.sleep(0.1)
    assert _running("tesseract") == []                         # the stopped worker's Tesseract went with it


def test_a_library_running_out_of_memory_is_out_of_memory(tmp_path, monkeypatch):
    """Under the worker's memory cap OpenCV fails an allocation with ``cv2.error`` (status -4,
    "Insufficient memory"), not MemoryError: the record says out_of_memory, and a library's
    own integer ``code`` never becomes the record's error code."""
    import cv2
    import numpy as np
    from vanban.pipeline import run
    from vanban.pipeline.record import error_record
    try:
        cv2.resize(np.zeros((10, 10), np.uint8), (0, 0), fx=1e6, fy=1e6)
    except cv2.error as exc:
        failure = exc
    assert error_record(tmp_path / "x.pdf", failure)["error"]["code"] == "internal_error"

    def exhausted(path, options=None):
        raise failure
    monkeypatch.setattr(run, "parse_file", exhausted)
    record = run.parse_safely(tmp_path / "x.pdf")
    assert record["error"]["code"] == "out_of_memory" and "Insufficient memory" in record["error"]["message"]
    failure = RuntimeError(MemoryError())      # how pdfplumber wraps pdfminer's MemoryError
    assert run.parse_safely(tmp_path / "x.pdf")["error"]["code"] == "out_of_memory"
    failure = RuntimeError("a bug")
    assert run.parse_safely(tmp_path / "x.pdf")["error"]["code"] == "internal_error"


def _swallows_memory_error(_item) -> dict:
    """Work that meets the cap and, as some libraries do, turns the refusal into an error of its own."""
    try:
        bytearray(64 * 2**20)
    except MemoryError:
        return {"status": "error", "error": {"code": "internal_error", "message": "SomeLibraryError: wrapped"}}
    return {"status": "ok"}


def test_an_error_raised_at_the_memory_cap_is_out_of_memory():
    """Whatever a library made of the refused allocation, a worker whose address space reached
    its cap ran out of memory; the same error far from the cap stays an internal error."""
    from vanban.pipeline.isolate import run_isolated
    [(_, capped)] = list(run_isolated(["x"], _swallows_memory_error, Limits(max_memory_bytes=8 * 2**20)))
    assert capped["error"]["code"] == "out_of_memory" and "SomeLibraryError" in capped["error"]["message"]
    [(_, roomy)] = list(run_isolated(["x"], lambda item: {"status": "error", "error": {
        "code": "internal_error", "message": "a bug"}}, Limits(max_memory_bytes=512 * 2**20)))
    assert roomy["error"]["code"] == "internal_error"

"""The command line as a user meets it: argument checks, missing inputs, exit codes, one-line errors.

Every command runs in a subprocess on real files (a text plan and a Word plan from the samples,
never the scans), so what is checked is what a terminal shows.
"""

import shutil
import sqlite3
import subprocess
import sys

import pytest

from vanban.pipeline.cli import EXIT_NOTHING_DONE, EXIT_OK, EXIT_SOME_FAILED

from .conftest import ROOT, SAMPLES

TEXT_PLAN = SAMPLES / "000_1e1698cb1e74ad37.txt"
WORD_PLAN = SAMPLES / "004_d5409b736efdaf35.docx"


def vanban(*args, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vanban.pipeline.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def assert_one_clear_line(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.startswith("vanban")]
    assert len(lines) == 1, proc.stderr
    for word in words:
        assert word in lines[0], proc.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A corpus of the two plans (text and Word), built once through the CLI."""
    folder = tmp_path_factory.mktemp("plans")
    for src in (TEXT_PLAN, WORD_PLAN):
        shutil.copy(src, folder / src.name)
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    proc = vanban("ingest", folder, "--corpus", path, "--jobs", "2")
    assert proc.returncode == EXIT_OK, proc.stderr
    assert "2 file(s): 2 parsed, 0 already in the corpus, 0 failed" in proc.stderr
    return path


@pytest.mark.parametrize("args,words", [
    (["search", "x", "--from", "2021-13-45"], ["--from", "2021-13-45", "YYYY-MM-DD"]),
    (["search", "x", "--to", "31/12/2021"], ["--to", "31/12/2021"]),
    (["tasks", "--due-before", "notadate"], ["--due-before", "notadate"]),
    (["tasks", "--overdue", "--as-of", "2021-02-30"], ["--as-of", "2021-02-30"]),
    (["export", "tasks", "--format", "csv", "-o", "x.csv", "--due-after", "soon"], ["--due-after", "soon"]),
    (["search", "x", "--limit", "-1"], ["--limit", "1 or more"]),
    (["search", "x", "--limit", "0"], ["--limit", "1 or more"]),
    (["tasks", "--role", "lead"], ["--role needs --owner"]),
    (["export", "tasks", "--format", "csv", "-o", "x.csv", "--role", "support"], ["--role needs --owner"]),
    (["parse", "x.txt", "--jobs", "0"], ["--jobs", "1 or more"]),
    (["ingest", "x", "--timeout", "-5"], ["--timeout", "above 0"]),
    (["parse", "x.pdf", "--page-timeout", "0"], ["--page-timeout", "above 0"]),
    (["ingest", "x", "--memory-mb", "lots"], ["--memory-mb", "whole number"]),
])
def test_bad_arguments_are_refused_before_any_work(tmp_path, args, words):
    proc = vanban(*args, "--corpus", tmp_path / "c.db") if args[0] in ("search", "tasks", "export") else vanban(*args)
    assert proc.returncode == EXIT_NOTHING_DONE
    assert "error:" in proc.stderr and "Traceback" not in proc.stderr
    error = next(l for l in proc.stderr.splitlines() if "error:" in l)
    for word in words:
        assert word in error
    assert not (tmp_path / "c.db").exists()


def test_good_dates_still_filter(corpus):
    proc = vanban("tasks", "--corpus", corpus, "--due-before", "2021-12-31", "--owner", "VP UBND xã", "--role", "lead")
    assert proc.returncode == EXIT_OK, proc.stderr
    assert "43/KH-UBND" in proc.stdout
    assert vanban("search", "cải cách", "--corpus", corpus, "--from", "2030-01-01").stderr.strip().endswith("0 result(s)")


def test_ingest_of_a_missing_path_makes_no_corpus(tmp_path):
    corpus = tmp_path / "typo.db"
    proc = vanban("ingest", tmp_path / "no-such-folder", "--corpus", corpus)
    assert proc.returncode == EXIT_NOTHING_DONE
    assert f"{tmp_path / 'no-such-folder'}: no such file or folder" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not corpus.exists()


def test_ingest_of_a_folder_without_documents_makes_no_corpus(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".DS_Store").write_bytes(b"\0" * 10)
    corpus = tmp_path / "c.db"
    proc = vanban("ingest", tmp_path / "empty", "--corpus", corpus)
    assert proc.returncode == EXIT_NOTHING_DONE and "vanban: no input files" in proc.stderr
    assert not list(tmp_path.glob("c.db*"))


def test_a_missing_path_among_several_is_reported_and_the_rest_ingested(tmp_path):
    corpus = tmp_path / "c.db"
    proc = vanban("ingest", tmp_path / "gone.pdf", TEXT_PLAN, "--corpus", corpus, "-q")
    assert proc.returncode == EXIT_SOME_FAILED
    assert f"{tmp_path / 'gone.pdf'}: no such file or folder" in proc.stderr
    assert "1 file(s): 1 parsed" in proc.stderr
    with sqlite3.connect(corpus) as conn:
        assert conn.execute("SELECT COUNT(*) FROM files WHERE status = 'ok'").fetchone()[0] == 1


def test_a_corpus_inside_the_ingested_folder_is_not_read_as_a_document(tmp_path):
    """Ingesting a folder twice with the corpus kept in it: the database and its WAL side
    files are the corpus, not documents that fail as "unrecognised binary content"."""
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(TEXT_PLAN, folder)
    corpus = folder / "corpus.db"
    first = vanban("ingest", folder, "--corpus", corpus, "-q")
    assert first.returncode == EXIT_OK, first.stderr
    again = vanban("ingest", folder, "--corpus", corpus, "-q")
    assert again.returncode == EXIT_OK and "1 file(s): 0 parsed, 1 already in the corpus" in again.stderr, again.stderr
    with sqlite3.connect(corpus) as conn:
        assert conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0] == 0


def test_parse_and_ingest_share_their_exit_codes(tmp_path):
    """0 all done, 1 finished with failed files, 2 nothing to do — the same for both commands."""
    note = tmp_path / "note.txt"
    note.write_bytes(b"hello\n")
    out = tmp_path / "out"
    ok = vanban("parse", TEXT_PLAN, "-o", out, "-q")
    assert ok.returncode == EXIT_OK, ok.stderr
    failed = vanban("parse", TEXT_PLAN, note, "-o", out, "-q")
    assert failed.returncode == EXIT_SOME_FAILED
    assert f"{note}: too short to be a document" in failed.stderr
    missing = vanban("parse", tmp_path / "gone.docx", TEXT_PLAN, "-o", out, "-q")
    assert missing.returncode == EXIT_SOME_FAILED and "gone.docx: no such file or folder" in missing.stderr
    assert vanban("parse", tmp_path / "gone.docx", "-o", out).returncode == EXIT_NOTHING_DONE
    ingested = vanban("ingest", TEXT_PLAN, note, "--corpus", tmp_path / "c.db", "-q")
    assert ingested.returncode == EXIT_SOME_FAILED
    assert "2 file(s): 1 parsed, 0 already in the corpus, 1 failed" in ingested.stderr
    again = vanban("ingest", TEXT_PLAN, "--corpus", tmp_path / "c.db", "-q")
    assert again.returncode == EXIT_OK and "1 already in the corpus" in again.stderr


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl", "ics"])
def test_export_to_a_missing_folder_is_one_clear_line(corpus, tmp_path, fmt):
    target = tmp_path / "missing" / "dir" / f"x.{fmt}"
    proc = vanban("export", "tasks", "--format", fmt, "-o", target, "--corpus", corpus)
    assert proc.returncode == EXIT_NOTHING_DONE
    assert_one_clear_line(proc, str(target), "does not exist")
    assert not target.parent.exists()


def test_export_onto_a_folder_is_one_clear_line(corpus, tmp_path):
    proc = vanban("export", "tasks", "--format", "csv", "-o", tmp_path, "--corpus", corpus)
    assert proc.returncode == EXIT_NOTHING_DONE
    assert_one_clear_line(proc, "cannot write")


# --- progress on a terminal ---------------------------------------------------------------
def run_on_terminal(*args, timeout=300) -> tuple[int, str]:
    """Run vanban with stderr on a pseudo-terminal (120 columns), as a user's shell would; return
    (exit status, what the terminal received)."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import termios
    import time
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "vanban.pipeline.cli", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    received, deadline = b"", time.time() + timeout
    while time.time() < deadline:
        if select.select([master], [], [], 0.5)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:                        # the child closed the terminal
                break
            if not chunk:
                break
            received += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=30), received.decode("utf-8", "replace")


def test_parse_shows_files_pages_rate_and_eta_on_a_terminal(tmp_path):
    note = tmp_path / "note.txt"
    note.write_bytes(b"hello\n")
    status, screen = run_on_terminal("parse", TEXT_PLAN, WORD_PLAN, note, "-o", tmp_path / "out")
    assert status == EXIT_SOME_FAILED
    states = [s for s in screen.replace("\n", "\r").split("\r") if s.startswith("parse: ")]
    assert "parse: 0/3 files · 0 pages · 0.0 pages/s · ETA ?" in states
    last = states[-1]
    assert last.startswith("parse: 3/3 files · 2 pages · ") and "pages/s · 1 failed · ETA 0:00" in last
    assert f"vanban: {note}: too short to be a document" in screen      # said on a line of its own


def test_quiet_means_no_progress_line(tmp_path):
    status, screen = run_on_terminal("parse", TEXT_PLAN, "-o", tmp_path / "out", "-q")
    assert status == EXIT_OK and "files ·" not in screen and screen.strip() == ""


def test_no_progress_line_when_stderr_is_not_a_terminal(tmp_path, corpus):
    proc = vanban("parse", TEXT_PLAN, "-o", tmp_path / "out")
    assert proc.returncode == EXIT_OK and "files ·" not in proc.stderr
    assert proc.stderr.splitlines() == [f"vanban: 1 file(s): 1 ok, 0 failed; JSON in {tmp_path / 'out'}/"]
    ingested = vanban("ingest", WORD_PLAN, "--corpus", tmp_path / "c.db")
    assert "files ·" not in ingested.stderr and "ingest:" not in ingested.stderr


def test_review_shows_progress_on_a_terminal(tmp_path):
    status, screen = run_on_terminal("review", WORD_PLAN, "-o", tmp_path / "r.html")
    assert status == EXIT_OK
    assert "review: 1/1 files · 1 page · " in screen and "ETA 0:00" in screen
    assert "Đăktover" in (tmp_path / "r.html").read_text("utf-8")      # the plan reviewed


def test_ocr_pages_in_a_worker_reach_the_parent_line():
    """A long scan is one file: its pages, OCR'd in the worker, are what the line can show."""
    import io

    from vanban.pipeline.isolate import run_batch
    from vanban.pipeline.limits import Limits
    from vanban.pipeline.progress import Progress, page_read, pages_planned

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    def work(_item):
        pages_planned(4)
        for _ in range(3):
            page_read()
        return {"status": "ok", "source": {"page_count": 4, "pages": [{"text_source": "ocr"}] * 3 + [{"text_source": "text"}]}}

    screen = Terminal()
    progress = Progress(2, "parse", stream=screen)
    try:
        results = list(run_batch(["a", "b"], work, Limits(max_seconds=60), progress=progress))
        assert [r["status"] for _, r in results] == ["ok", "ok"]
        counts = progress.counts
        assert (counts.ocr_read, counts.ocr_planned, counts.pages) == (6, 8, 8)
    finally:
        progress.close()
    assert "parse: 2/2 files · 8 pages · " in screen.getvalue()


@pytest.mark.parametrize("files,planned,read,elapsed,eta", [
    ((10, 2), 0, 0, 20.0, 80.0),          # files at the pace so far
    ((1, 0), 10, 2, 20.0, 80.0),          # one long scan: its OCR pages at the OCR pace
    ((4, 2), 10, 2, 20.0, 80.0),          # the later of the two
    ((1, 0), 0, 0, 5.0, None),            # no pace yet
    ((3, 3), 0, 0, 9.0, 0.0),
])
def test_eta(files, planned, read, elapsed, eta):
    from vanban.pipeline.progress import Counts
    counts = Counts(files[0], files_done=files[1], ocr_planned=planned, ocr_read=read, elapsed=elapsed)
    assert counts.eta() == eta


def test_progress_is_silent_off_a_terminal():
    import io

    from vanban.pipeline.progress import Progress
    for stream, enabled in ((io.StringIO(), True), (type("T", (io.StringIO,), {"isatty": lambda self: True})(), False)):
        progress = Progress(2, "parse", enabled=enabled, stream=stream)
        progress.file_done({"status": "ok", "source": {"page_count": 1}})
        progress.close()
        assert stream.getvalue() == ""


# --- one fenced batch path ------------------------------------------------------------------
def test_parse_ingest_and_review_share_the_fenced_batch_path(tmp_path):
    """The wall-clock fence of --timeout stops the worker in all three commands alike."""
    parsed = vanban("parse", TEXT_PLAN, "-o", tmp_path / "out", "--timeout", "0.01", "-q")
    assert parsed.returncode == EXIT_SOME_FAILED and "took longer than" in parsed.stderr
    ingested = vanban("ingest", TEXT_PLAN, "--corpus", tmp_path / "c.db", "--timeout", "0.01", "-q")
    assert ingested.returncode == EXIT_SOME_FAILED and "took longer than" in ingested.stderr
    reviewed = vanban("review", TEXT_PLAN, "-o", tmp_path / "r.html", "--timeout", "0.01", "-q")
    assert reviewed.returncode == EXIT_SOME_FAILED and "took longer than" in reviewed.stderr
    assert not (tmp_path / "r.html").exists()


def test_cli_messages_are_english_throughout(corpus):
    """One language per interface: the CLI speaks English (the documents' own text aside)."""
    proc = vanban("search", "khắc phục tồn tại", "--corpus", corpus)
    assert proc.returncode == EXIT_OK
    assert "(no number) | - | Ủy ban nhân dân xã Đăktover" in proc.stdout
    assert "không số" not in proc.stdout

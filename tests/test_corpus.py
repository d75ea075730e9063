"""Batch ingestion into the corpus, resuming, replacing, failures, search."""

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from vanban.pipeline.corpus import db
from vanban.pipeline.corpus.ingest import ingest
from vanban.pipeline.corpus.search import search
from vanban.pipeline.textnorm import fold_diacritics

from . import hostile
from .conftest import REALDOCS, ROOT, SAMPLES

FAST = ["000_1e1698cb1e74ad37.txt", "004_d5409b736efdaf35.txt", "000_1e1698cb1e74ad37.docx", "004_d5409b736efdaf35.pdf"]


@pytest.fixture()
def archive(tmp_path):
    folder = tmp_path / "archive"
    (folder / "sub").mkdir(parents=True)
    for name in FAST[:2]:
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(SAMPLES / FAST[2], folder / "sub" / FAST[2])
    with zipfile.ZipFile(folder / "old-plans.zip", "w") as zf:
        zf.write(SAMPLES / FAST[3], f"2023/{FAST[3]}")
    hostile.truncated_pdf(folder / "broken.pdf")
    return folder


def test_ingest_resume_and_failures(archive, tmp_path):
    corpus = tmp_path / "corpus.db"
    first = ingest([str(archive)], corpus, jobs=2, progress=False)
    assert (first.files, first.parsed, first.failed) == (5, 4, 1)
    conn = db.connect(corpus)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 4
    labels = [r[0] for r in conn.execute("SELECT path FROM files")]
    assert any(label.endswith("old-plans.zip!2023/004_d5409b736efdaf35.pdf") for label in labels)
    [failure] = conn.execute("SELECT path, code FROM failures").fetchall()
    assert failure["path"].endswith("broken.pdf") and failure["code"] == "corrupt_file"
    # every task row belongs to a document, every owner link to a task
    assert conn.execute("SELECT COUNT(*) FROM tasks WHERE sha256 NOT IN (SELECT sha256 FROM documents)").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0] == 30 + 12 + 30 + 12
    again = ingest([str(archive)], corpus, jobs=2, progress=False)
    assert (again.parsed, again.skipped, again.failed) == (0, 5, 0)


def test_changed_file_replaces_its_rows(archive, tmp_path):
    corpus = tmp_path / "corpus.db"
    ingest([str(archive)], corpus, jobs=1, progress=False)
    target = archive / FAST[0]
    target.write_text(target.read_text("utf-8").replace("Số **43** /KH-UBND", "Số **44** /KH-UBND"), "utf-8")
    summary = ingest([str(archive)], corpus, jobs=1, progress=False)
    assert summary.parsed == 1
    conn = db.connect(corpus)
    numbers = sorted(r[0] or "-" for r in conn.execute("SELECT number FROM documents"))
    assert "44/KH-UBND" in numbers and numbers.count("43/KH-UBND") == 1     # the docx copy still says 43
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 4


def test_search_ignores_tone_marks_and_d(archive, tmp_path):
    corpus = tmp_path / "corpus.db"
    ingest([str(archive)], corpus, jobs=2, progress=False)
    conn = db.connect(corpus)
    with_marks = search(conn, "cải cách hành chính")
    without = search(conn, "cai cach hanh chinh")
    assert [h.sha256 for h in with_marks] == [h.sha256 for h in without] and with_marks
    assert "«cải cách hành chính»" in with_marks[0].snippet
    assert {h.number for h in search(conn, "dang uy")} >= {"43/KH-UBND"}        # đ ↔ d
    assert search(conn, "Đăktover")[0].issuer == "Ủy ban nhân dân xã Đăktover"
    cite = search(conn, "chinh phu", cites="61/2018/NĐ-CP")
    assert {h.number for h in cite} == {"43/KH-UBND"}
    assert cite[0].copies == 2                                               # .txt and .docx of one plan
    assert search(conn, "ke hoach", doc_type="quyet_dinh") == []
    assert {h.number for h in search(conn, "ke hoach", date_from="2021-01-01", date_to="2021-12-31")} == {"43/KH-UBND"}
    assert [h.issuer for h in search(conn, "ke hoach", issuer="dăktover")] == ["Ủy ban nhân dân xã Đăktover"]


def test_fold_keeps_offsets():
    text = "Ủy ban nhân dân xã Đăktover; Quý II/2026 — hoá, thuỷ"
    assert len(fold_diacritics(text)) == len(text)


def test_kill_minus_9_loses_nothing_committed(tmp_path):
    """Kill the ingest process hard mid-batch, check the corpus, resume, check again."""
    src = tmp_path / "in"
    src.mkdir()
    names = ["000_1e1698cb1e74ad37.txt", "004_d5409b736efdaf35.txt", "000_1e1698cb1e74ad37.pdf",
             "004_d5409b736efdaf35.docx", "004_d5409b736efdaf35.scan.pdf", "000_1e1698cb1e74ad37.docx"]
    for n in names:
        shutil.copy(SAMPLES / n, src / n)
    corpus = tmp_path / "corpus.db"
    cmd = [sys.executable, "-m", "vanban.pipeline.cli", "ingest", str(src), "--corpus", str(corpus), "--jobs", "2", "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:                    # wait until at least one file is committed
        time.sleep(0.3)
        try:
            with sqlite3.connect(corpus, timeout=5) as c:
                if c.execute("SELECT COUNT(*) FROM files").fetchone()[0] >= 1:
                    break
        except sqlite3.OperationalError:
            pass
    import os
    os.killpg(proc.pid, signal.SIGKILL)              # the main process and its workers
    proc.wait()
    conn = db.connect(corpus)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    committed = conn.execute("SELECT COUNT(*) FROM files WHERE status = 'ok'").fetchone()[0]
    assert committed >= 1
    # nothing half-written: every committed document has its text in the index and its tasks
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == \
        conn.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0]
    conn.close()
    resumed = ingest([str(src)], corpus, jobs=2, progress=False)
    assert resumed.skipped == committed and resumed.failed == 0
    conn = db.connect(corpus)
    assert conn.execute("SELECT COUNT(*) FROM files WHERE status = 'ok'").fetchone()[0] == len(names)


def test_dask_engine_writes_the_same_corpus(tmp_path):
    """The same per-file work on a Dask cluster (a local one with two worker processes)."""
    from distributed import LocalCluster
    inputs = [str(SAMPLES / n) for n in FAST] + [str(tmp_path / "bad.pdf")]
    hostile.truncated_pdf(tmp_path / "bad.pdf")
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    ingest(inputs, local_db, jobs=2, progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = ingest(inputs, dask_db, progress=False, engine="dask", scheduler=cluster.scheduler_address)
    assert (summary.parsed, summary.failed) == (4, 1)

    def snapshot(path):
        conn = db.connect(path)
        return (sorted(tuple(r) for r in conn.execute("SELECT sha256, doc_type, number, issued_date, issuer FROM documents")),
                sorted(tuple(r) for r in conn.execute("SELECT id, sha256, deadline_end FROM tasks")),
                sorted(tuple(r) for r in conn.execute("SELECT sha256, code FROM failures")))
    assert snapshot(local_db) == snapshot(dask_db)

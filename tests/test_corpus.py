"""Batch ingestion into the corpus, resuming, replacing, failures, search."""

import copy
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile

import pytest

from vanban.pipeline.corpus import db
from vanban.pipeline.corpus.ingest import ingest
from vanban.pipeline.corpus.search import search
from vanban.pipeline.textnorm import fold_diacritics

from . import hostile
from .conftest import REALDOCS, ROOT, SAMPLES, need_realdocs

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


# --- search, owners and validation over a small corpus of plans from one province ------------
# tests/data/corpus: a plan of Sở Công Thương tỉnh Lào Cai (12/KH-SCT, about "hóa chất"), one of
# UBND tỉnh Lào Cai (20/KH-UBND, "CỘNG HÒA … chất lượng" but no "hóa chất"), one of UBND tỉnh
# An Giang (7/KH-UBND); the Lào Cai plans cite 181/2024/NĐ-CP.  Plus a second reading of the
# Sở Công Thương plan with its title read a little differently, and the typed and Word copies
# of sample 000 (43/KH-UBND).
PLANS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    for path in PLANS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    text = (PLANS / "sct.txt").read_text("utf-8")
    (folder / "sct-ocr.txt").write_text(text.replace("an toàn hóa chất trên địa bàn tỉnh năm 2026\n",
                                                     "an toàn hoá chất trên đia bàn tỉnh năm 2026.\n", 1), "utf-8")
    for name in ("000_1e1698cb1e74ad37.txt", "000_1e1698cb1e74ad37.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    corpus = tmp_path_factory.mktemp("corpus") / "plans.db"
    summary = ingest([str(folder)], corpus, jobs=2, progress=False)
    assert (summary.parsed, summary.failed) == (6, 0)
    conn = db.connect(corpus)
    yield conn
    conn.close()


def numbers(hits) -> list:
    return [h.number for h in hits]


def test_quoted_phrase_is_a_phrase(plans):
    """'"hóa chất"' needs the two words side by side; the Lào Cai plan with "CỘNG HÒA" and
    "chất lượng" matches the loose words only, and ranks after the plan with the phrase."""
    phrase = search(plans, '"hóa chất"')
    assert numbers(phrase) == ["12/KH-SCT"]
    assert "«hóa chất»" in phrase[0].snippet.lower() or "«hoá chất»" in phrase[0].snippet.lower()
    loose = search(plans, "hóa chất")
    assert "20/KH-UBND" in numbers(loose) and numbers(loose)[0] == "12/KH-SCT"
    assert numbers(search(plans, '"hoa chat" "xang dau"')) == ["12/KH-SCT"]      # folded, two phrases ANDed
    assert search(plans, '"hóa chất lượng"') == []


@pytest.mark.parametrize("issuer, expected", [
    ("UBND tỉnh Lào Cai", {"20/KH-UBND"}),
    ("ủy ban nhân dân tinh lao cai", {"20/KH-UBND"}),
    ("ubnd tinh lao cai", {"20/KH-UBND"}),
    ("UBND tỉnh", {"20/KH-UBND", "7/KH-UBND"}),
    ("sở công thương", {"12/KH-SCT"}),
    ("SCT", {"12/KH-SCT"}),
    ("Sở Công Thương tỉnh Lào Cai", {"12/KH-SCT"}),
    ("UBND xã Bình Yên", {"43/KH-UBND"}),
    ("Sở Tài chính", set()),
])
def test_issuer_filter_matches_abbreviations_and_folded_forms(plans, issuer, expected):
    assert set(numbers(search(plans, None, issuer=issuer))) == expected
    assert set(numbers(search(plans, "kế hoạch", issuer=issuer))) == expected


def test_issuer_filter_applies_before_the_limit(plans):
    assert numbers(search(plans, "kế hoạch", issuer="SCT", limit=1)) == ["12/KH-SCT"]


def test_cites_without_a_query_lists_the_citing_documents(plans):
    for number in ("181/2024/NĐ-CP", "181/2024/ND-CP", "181/2024/nđ-cp", "181/2024/NÐ–CP", "181 / 2024 / NĐ - CP"):
        hits = search(plans, None, cites=number)
        assert sorted(numbers(hits)) == ["12/KH-SCT", "20/KH-UBND"], number
        assert all("«181/2024/NĐ-CP»" in h.snippet for h in hits)
    sct = next(h for h in search(plans, "", cites="181/2024/NĐ-CP") if h.number == "12/KH-SCT")
    assert sct.copies == 2                                                     # sct.txt and sct-ocr.txt


def test_cli_search_by_filter_alone(plans, capsys):
    from vanban.pipeline.cli import main
    path = plans.execute("PRAGMA database_list").fetchone()[2]
    assert main(["search", "--cites", "181/2024/NĐ-CP", "--corpus", path]) == 0
    out = capsys.readouterr()
    assert out.out.count("/KH-") == 2 and "2 result(s)" in out.err
    assert main(["search", "--corpus", path]) == 2                            # neither a query nor a filter
    assert "needs a query or a filter" in capsys.readouterr().err


@pytest.mark.parametrize("number", ["20/KH-UBND", "7/KH-UBND", "12/KH-SCT", "43/KH-UBND", "20/kh-ubnd"])
def test_own_number_finds_the_document_first(plans, number):
    hits = search(plans, number)
    assert hits and hits[0].number.upper() == number.upper()


def test_a_document_never_appears_twice(plans):
    """Copies of one document — the same bytes' twins, a Word copy, a second reading with its
    title read differently — are one result counting its files."""
    for query in ("kế hoạch", "43/KH-UBND", "12/KH-SCT", "hóa chất", "181/2024/NĐ-CP"):
        hits = search(plans, query)
        assert len(numbers(hits)) == len(set(numbers(hits))), query
    [sct] = [h for h in search(plans, "hoa chat") if h.number == "12/KH-SCT"]
    assert sct.copies == 2
    [plan] = search(plans, "43/KH-UBND")
    assert plan.copies == 2


def test_copies_are_the_matching_files_of_a_kept_document(plans, tmp_path):
    """Three files of 7/KH-UBND: A, B (longer, so ranked last, and its issuer read as another
    body) and C (without "xăng dầu").  Copies count the files the query and the filters find,
    including one ranked below the last hit kept, which search stops before reading."""
    record = _stored_record(plans, "7/KH-UBND")
    longer = copy.deepcopy(record)
    longer["text"] += "\n" + "Phụ lục kèm theo. " * 300
    longer["document"]["issuer"] = "Sở Công Thương tỉnh An Giang"
    without = copy.deepcopy(record)
    without["text"] = without["text"].replace("xăng dầu", "điện")
    conn = db.connect(tmp_path / "c.db")
    for name, r in (("a", record), ("b", longer), ("c", without), ("ubnd", _stored_record(plans, "20/KH-UBND")),
                    ("sct", _stored_record(plans, "12/KH-SCT"))):
        db.store(conn, f"/x/{name}.txt", name * 64 if len(name) == 1 else r["source"]["sha256"], 1, r)
    ranked = [r[0] for r in conn.execute("SELECT sha256 FROM documents_fts WHERE documents_fts MATCH '\"xang\" \"dau\"' "
                                         "ORDER BY rank")]
    assert ranked[-1] == "b" * 64 and "c" * 64 not in ranked                 # B last, C not found
    full = search(conn, "xăng dầu")
    assert [(h.number, h.copies) for h in full if h.number == "7/KH-UBND"] == [("7/KH-UBND", 2)]
    kept = numbers(full).index("7/KH-UBND") + 1                              # stop at it: B is never read
    assert search(conn, "xăng dầu", limit=kept)[-1].copies == 2
    [only_a] = search(conn, "xăng dầu", issuer="UBND tỉnh An Giang")         # B's issuer is filtered out
    assert (only_a.sha256, only_a.copies) == ("a" * 64, 1)
    [plan] = search(conn, "7/KH-UBND")                                        # all three bear the number
    assert plan.copies == 3
    assert [h.copies for h in search(conn, None, issuer="UBND tỉnh An Giang")] == [2]    # A and C


def test_owner_registry_merges_one_body_across_documents(plans):
    """"Văn phòng UBND tỉnh" in the plan of UBND tỉnh Lào Cai is the "Văn phòng Ủy ban nhân
    dân tỉnh Lào Cai" another plan names in full; the An Giang one is another body."""
    from vanban.pipeline.corpus.owners import owner_registry
    [office] = owner_registry(plans, "Văn phòng Ủy ban nhân dân tỉnh Lào Cai")
    assert office.name == "Văn phòng Ủy ban nhân dân tỉnh Lào Cai"
    assert {"Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh Lào Cai"} <= set(office.spellings)
    assert (office.lead, office.documents) == (2, 2)                         # sct.txt and sct-ocr.txt count once
    [other] = owner_registry(plans, "VP UBND tỉnh An Giang")
    assert other.id != office.id and other.lead == 1
    names = [e.name for e in owner_registry(plans)]
    assert len(names) == len(set(names))


def test_owner_name_completes_a_bare_unit_only():
    from vanban.pipeline.corpus.db import owner_name
    lao_cai = "Ủy ban nhân dân tỉnh Lào Cai"
    assert owner_name("UBND tỉnh", lao_cai) == lao_cai
    assert owner_name("Công an tỉnh", lao_cai) == "Công an tỉnh Lào Cai"
    assert owner_name("UBND các xã", lao_cai) == "Ủy ban nhân dân các xã"      # a class of units
    assert owner_name("Các đơn vị cấp tỉnh", lao_cai) == "Các đơn vị cấp tỉnh"
    assert owner_name("UBND huyện, thị xã", "Ủy ban nhân dân thị xã Sa Pa") == "Ủy ban nhân dân huyện, thị xã"
    assert owner_name("VP UBND thị xã", "Ủy ban nhân dân thị xã Sa Pa") == "Văn phòng Ủy ban nhân dân thị xã Sa Pa"
    assert owner_name("UBND tỉnh", "Bộ Công Thương") == "Ủy ban nhân dân tỉnh"  # no province to complete with
    assert owner_name("UBND xã", lao_cai) == "Ủy ban nhân dân xã"


def _stored_record(conn, number: str) -> dict:
    return json.loads(conn.execute("SELECT result_json FROM documents WHERE number = ?", (number,)).fetchone()[0])


def test_owner_registry_lists_only_owners(plans, tmp_path):
    from vanban.pipeline.corpus.owners import owner_registry
    record = _stored_record(plans, "7/KH-UBND")
    record["tasks"][0]["owners"][0]["text"] = "Theo phân công tại Quyết định số 1441/QĐ-UBND"
    conn = db.connect(tmp_path / "c.db")
    db.store(conn, "/x/plan.txt", record["source"]["sha256"], 1, record)
    names = [e.name for e in owner_registry(conn)]
    assert names and not any(n.startswith("Theo phân công") for n in names)
    assert conn.execute("SELECT COUNT(*) FROM task_owners").fetchone()[0] == len(record["tasks"])


def test_only_schema_valid_records_are_stored(plans, tmp_path):
    """A record that fails the schema becomes a schema_violation failure; the next goes in."""
    bad = _stored_record(plans, "7/KH-UBND")
    bad["tasks"][0]["deadline"]["kind"] = "someday"
    good = _stored_record(plans, "20/KH-UBND")
    conn = db.connect(tmp_path / "c.db")
    db.store(conn, "/x/bad.txt", bad["source"]["sha256"], 1, bad)
    db.store(conn, "/x/good.txt", good["source"]["sha256"], 1, good)
    [failure] = conn.execute("SELECT path, code, message FROM failures").fetchall()
    assert (failure["path"], failure["code"]) == ("/x/bad.txt", "schema_violation") and "deadline" in failure["message"]
    assert [r[0] for r in conn.execute("SELECT number FROM documents")] == ["20/KH-UBND"]
    assert conn.execute("SELECT COUNT(*) FROM tasks WHERE sha256 = ?", (bad["source"]["sha256"],)).fetchone()[0] == 0


def test_retry_failed_parses_a_failed_file_again(tmp_path):
    """A file that timed out is skipped by a plain rerun and parsed by --retry-failed."""
    from vanban.pipeline.cli import main
    from vanban.pipeline.limits import Limits
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PLANS / "ubnd.txt", folder / "ubnd.txt")
    corpus = tmp_path / "c.db"
    # a millisecond: no worker can fork, parse and answer in it, even with every cache of this
    # process warm from the tests before (at 0.05 s a warm worker sometimes made it)
    first = ingest([str(folder)], corpus, jobs=1, progress=False, limits=Limits(max_seconds=0.001))
    assert (first.parsed, first.failed) == (0, 1)
    with db.connect(corpus) as conn:
        assert conn.execute("SELECT code FROM failures").fetchone()[0] == "timeout"
    rerun = ingest([str(folder)], corpus, jobs=1, progress=False)
    assert (rerun.skipped, rerun.skipped_failed) == (1, 1)
    assert main(["ingest", str(folder), "--corpus", str(corpus), "--retry-failed", "--timeout", "300",
                 "--jobs", "1", "-q"]) == 0
    conn = db.connect(corpus)
    assert conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0] == 0
    assert [r[0] for r in conn.execute("SELECT number FROM documents")] == ["20/KH-UBND"]
    done = ingest([str(folder)], corpus, jobs=1, progress=False, retry_failed=True)
    assert (done.skipped, done.skipped_failed, done.parsed) == (1, 0, 0)                    # done stays done


def test_tasks_of_a_document_by_its_number_in_any_spelling(plans):
    from vanban.pipeline.corpus.tasks import query_tasks
    for doc in ("20/KH-UBND", "20/kh-ubnd", "20 / KH-UBND"):
        assert [t["document"]["number"] for t in query_tasks(plans, doc=doc)] == ["20/KH-UBND"] * 2, doc


def test_a_number_is_searched_as_one_phrase(plans):
    """"20/KH-UBND" is the document and the ones naming it, not every text holding 20, KH and UBND."""
    assert numbers(search(plans, "20/KH-UBND")) == ["20/KH-UBND"]
    assert sorted(numbers(search(plans, "181/2024/NĐ-CP"))) == ["12/KH-SCT", "20/KH-UBND"]


def test_a_corpus_written_under_the_old_owner_naming_is_renamed_on_open(plans, tmp_path):
    """Owners keyed before bare units were completed ("Văn phòng Ủy ban nhân dân tỉnh" for
    both provinces) are re-keyed from their stored spellings when the corpus is opened."""
    from vanban.pipeline.corpus.owners import owner_registry
    path = tmp_path / "old.db"
    conn = db.connect(path)
    for number in ("20/KH-UBND", "7/KH-UBND"):
        record = _stored_record(plans, number)
        db.store(conn, f"/x/{number.replace('/', '-')}.txt", record["source"]["sha256"], 1, record)
    with conn:                                   # what an older vanban wrote
        conn.execute("UPDATE owners SET key = 'van phong uy ban nhan dan tinh', name = 'Văn phòng Ủy ban nhân dân tỉnh' "
                     "WHERE key LIKE 'van phong uy ban nhan dan tinh lao cai'")
        conn.execute("UPDATE task_owners SET owner_id = (SELECT id FROM owners WHERE key = 'van phong uy ban nhan dan tinh') "
                     "WHERE text = 'Văn phòng UBND tỉnh'")
        conn.execute("DELETE FROM meta WHERE key = 'owner_naming'")
    assert [e.name for e in owner_registry(conn, "Văn phòng UBND tỉnh")] == ["Văn phòng Ủy ban nhân dân tỉnh"]
    conn.close()
    conn = db.connect(path)
    assert sorted(e.name for e in owner_registry(conn, "Văn phòng UBND tỉnh")) == [
        "Văn phòng Ủy ban nhân dân tỉnh An Giang", "Văn phòng Ủy ban nhân dân tỉnh Lào Cai"]


def test_a_corpus_of_schema_2_is_upgraded_on_open(plans, tmp_path):
    """Schema 2 had no documents.identity and let the full-text index number its rows itself:
    opened, the column is added and filled and the index rows take their documents' rowids,
    and search finds what it found before the corpus was made old.  Other versions are refused."""
    import dataclasses
    path = tmp_path / "old.db"
    conn = db.connect(path)
    for f in plans.execute("SELECT f.path, f.sha256, f.size, d.result_json FROM files f JOIN documents d "
                           "ON d.sha256 = f.sha256 ORDER BY f.path"):
        db.store(conn, f["path"], f["sha256"], f["size"], json.loads(f["result_json"]))
    queries = (("kế hoạch", {}), ("hoa chat", {}), ("43/KH-UBND", {}), ("12/KH-SCT", {}),
               ("xăng dầu", {"issuer": "UBND tỉnh"}), (None, {"cites": "181/2024/NĐ-CP"}))
    found = [[dataclasses.asdict(h) for h in search(conn, q, **filters)] for q, filters in queries]
    with conn:                                   # what vanban wrote under schema 2
        conn.execute("DROP INDEX documents_identity")
        conn.execute("ALTER TABLE documents DROP COLUMN identity")
        indexed = conn.execute("SELECT sha256, title, text FROM documents_fts ORDER BY rowid DESC").fetchall()
        conn.execute("DELETE FROM documents_fts")
        conn.executemany("INSERT INTO documents_fts(sha256, title, text) VALUES (?, ?, ?)", indexed)
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
        conn.execute("DELETE FROM meta WHERE key = 'document_identity'")
    assert conn.execute("SELECT COUNT(*) FROM documents d JOIN documents_fts f ON f.rowid = d.rowid "
                        "WHERE f.sha256 = d.sha256").fetchone()[0] < len(indexed)      # rowids apart
    conn.close()
    conn = db.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(db.SCHEMA_VERSION)
    for r in conn.execute("SELECT doc_type, number, issued_date, issuer, title, sha256, identity FROM documents"):
        assert r["identity"] == db.document_identity(*tuple(r)[:6])
    assert [[dataclasses.asdict(h) for h in search(conn, q, **filters)] for q, filters in queries] == found
    assert [h.copies for h in search(conn, "43/KH-UBND")] == [2]
    with conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(db.CorpusVersionError):
        db.connect(path)


def test_snippet_shows_the_closest_stretch_holding_every_word():
    from vanban.pipeline.corpus.search import snippet
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM " + "Căn cứ Luật. " * 40 + "Kiểm tra hóa đơn và chất thải tại cơ sở."
    cut = snippet(text, fold_diacritics(text), "hóa chất")
    assert "«hóa» đơn và «chất» thải" in cut and "HÒA" not in cut
    assert "«hóa chất»" in snippet("… an toàn hóa chất …", fold_diacritics("… an toàn hóa chất …"), "hóa chất")
    lone = "CỘNG HÒA " + "x " * 400 + "chất"
    assert snippet(lone, fold_diacritics(lone), "hóa chất").startswith("CỘNG «HÒA»")   # too far apart: the first found


def test_real_plans_of_two_provinces(tmp_path):
    """Three plans of UBND tỉnh Lâm Đồng and a letter of UBND tỉnh Lào Cai (../shared/realdocs):
    "Công an tỉnh" in each is the police of its own province, the Lâm Đồng plans citing
    76/NQ-CP are listed by --cites alone, the issuer filter takes the folded abbreviation."""
    from vanban.pipeline.corpus.owners import owner_registry
    need_realdocs()
    lam_dong = ["Ke-hoach-CCHC-2026-cua-tinh-Lam-Dong.docx", "Ke-hoach-CCHC-giai-doan-2026-2030.docx",
                "Ke-hoach-phat-dong-phong-trao-thi-dua-CCHC-nam-2026-tinh-Lam.docx"]
    inputs = [str(REALDOCS / "more" / n) for n in lam_dong] + [str(REALDOCS / "CV-UBND-bao-ve-khoang-san-chua-khai-thac.docx")]
    assert ingest(inputs, tmp_path / "real.db", jobs=2, progress=False).parsed == 4
    conn = db.connect(tmp_path / "real.db")
    assert len(search(conn, None, cites="76/NQ-CP")) == 3
    assert len(search(conn, None, issuer="ubnd tinh lam dong")) == 3
    police = {e.name: e for e in owner_registry(conn, "Công an tỉnh")}
    assert police["Công an tỉnh Lâm Đồng"].documents == 2 and "Công an tỉnh Lào Cai" in police
    assert "Công an tỉnh" not in police

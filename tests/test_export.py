"""Tasks across the corpus and their export: re-read every format and check it."""

import json

import pytest

from vanban.pipeline.corpus import db
from vanban.pipeline.corpus.export import EXPORTERS
from vanban.pipeline.corpus.ingest import ingest
from vanban.pipeline.corpus.tasks import query_tasks

from .conftest import REALDOCS, ROOT, SAMPLES, need_realdocs


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory):
    need_realdocs()
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    inputs = [SAMPLES / "000_1e1698cb1e74ad37.txt", SAMPLES / "000_1e1698cb1e74ad37.docx", SAMPLES / "004_d5409b736efdaf35.txt",
              REALDOCS / "CV-UBND-bao-ve-khoang-san-chua-khai-thac.docx", REALDOCS / "CV-7432-UBND-XD-21-7-2026-trien-khai-QD-1074.pdf"]
    ingest([str(p) for p in inputs], path, jobs=2, progress=False)
    return path


@pytest.fixture(scope="module")
def corpus(corpus_path):
    return db.connect(corpus_path)


def test_command_line_over_the_corpus(corpus_path, tmp_path, capsys):
    from vanban.pipeline.cli import main
    c = ["--corpus", str(corpus_path)]
    assert main(["search", "phong chay chua chay", *c]) == 0
    out = capsys.readouterr().out
    assert out.startswith("7432/UBND-XD | 2026-07-21 | Ủy ban nhân dân tỉnh Lào Cai | cong_van") and "«phòng cháy" in out
    assert main(["tasks", "--owner", "UBND các xã, phường", "--role", "lead", *c]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["due", "document", "ref", "lead", "task"] and len(out) > 1
    assert all("7432/UBND-XD" in line or "-" in line.split()[1] for line in out[1:])
    assert main(["owners", "VP UBND xã", "--spellings", *c]) == 0
    out = capsys.readouterr().out
    assert "Văn phòng Ủy ban nhân dân xã" in out and "← Văn phòng UBND xã" in out
    assert main(["export", "tasks", "--format", "ics", "--doc", "7432/UBND-XD", "-o", str(tmp_path / "t.ics"), *c]) == 0
    assert (tmp_path / "t.ics").read_text("utf-8").count("BEGIN:VTODO") == 5    # the letter's five assignments (its gold)
    assert main(["failures", *c]) == 0 and capsys.readouterr().out == ""
    missing = tmp_path / "typo.db"
    assert main(["tasks", "--corpus", str(missing)]) == 2 and not missing.exists()
    assert "no corpus at" in capsys.readouterr().err


def test_owner_filter_is_normalised(corpus):
    a = query_tasks(corpus, owner="VP UBND xã")
    b = query_tasks(corpus, owner="Văn phòng Ủy ban nhân dân xã")
    c = query_tasks(corpus, owner="van phong uy ban nhan dan xa")
    assert [t["id"] for t in a] == [t["id"] for t in b] == [t["id"] for t in c]
    assert len(a) == 16                       # 15 table rows + prose IV.1 of seed 000, once despite two copies
    assert all(any("Văn phòng" in x for x in t["lead"] + t["support"]) for t in a)


def test_owner_registry_has_one_id_per_body(corpus):
    from vanban.pipeline.corpus.owners import owner_registry
    registry = owner_registry(corpus)
    names = [e.name for e in registry]
    assert len(names) == len(set(names))
    [office] = owner_registry(corpus, "VP UBND xã")
    assert office.name == "Văn phòng Ủy ban nhân dân xã Bình Yên" and "Văn phòng UBND xã" in office.spellings
    led = [t for t in query_tasks(corpus, owner="VP UBND xã") if any("Văn phòng" in x for x in t["lead"])]
    assert office.lead == len(led) == 16 and office.support == 2                # counted once despite .txt + .docx
    [culture] = owner_registry(corpus, "Công chức Văn hóa - Xã hội")
    assert culture.documents == 2 and len(culture.spellings) >= 2           # "Văn hoá- Xã hội" and "Văn hóa- Xã hội"


def test_owner_role_filter(corpus):
    every = query_tasks(corpus, owner="Văn phòng - Thống kê")
    lead = query_tasks(corpus, owner="Văn phòng - Thống kê", role="lead")
    support = query_tasks(corpus, owner="Văn phòng - Thống kê", role="support")
    assert lead and support and {t["id"] for t in lead} | {t["id"] for t in support} == {t["id"] for t in every}
    assert all(any("Thống kê" in x for x in t["lead"]) for t in lead)
    assert all(any("Thống kê" in x for x in t["support"]) for t in support)


def test_deadline_filters(corpus):
    due = query_tasks(corpus, due_before="2021-12-31", due_after="2021-12-31")
    assert due and all(t["deadline"]["end"] == "2021-12-31" for t in due)
    overdue = query_tasks(corpus, overdue=True, as_of="2024-01-01")
    assert overdue and all(t["deadline"]["end"] < "2024-01-01" for t in overdue)
    assert not any(t["deadline"]["kind"] in ("recurring", "event", "unspecified") for t in overdue)
    assert query_tasks(corpus, overdue=True, as_of="2000-01-01") == []
    by_doc = query_tasks(corpus, doc="7432/UBND-XD")
    assert {t["document"]["number"] for t in by_doc} == {"7432/UBND-XD"} and len(by_doc) == 5


def test_exports_reread(corpus, tmp_path):
    import pandas as pd
    import jsonschema
    from icalendar import Calendar
    tasks = query_tasks(corpus)
    assert len({t["id"] for t in tasks}) == len(tasks)
    for fmt, fn in EXPORTERS.items():
        out = tmp_path / f"tasks.{fmt}"
        if fmt in ("csv", "xlsx"):
            fn(tasks, out, vietnamese_headers=(fmt == "xlsx"))
        else:
            fn(tasks, out)
    raw = (tmp_path / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                                # BOM for Excel
    frame = pd.read_csv(tmp_path / "tasks.csv", encoding="utf-8-sig")
    assert len(frame) == len(tasks) and frame["id"].tolist() == [t["id"] for t in tasks]
    assert "Văn phòng UBND xã" in set(frame["lead"].dropna())
    sheet = pd.read_excel(tmp_path / "tasks.xlsx")
    assert list(sheet.columns)[:3] == ["Mã nhiệm vụ", "Văn bản", "Cơ quan ban hành"] and len(sheet) == len(tasks)
    schema = json.loads((ROOT / "schemas" / "task.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    lines = (tmp_path / "tasks.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == len(tasks)
    for line in lines:
        assert list(validator.iter_errors(json.loads(line))) == []
    cal = Calendar.from_ical((tmp_path / "tasks.ics").read_bytes())
    todos = [c for c in cal.walk() if c.name == "VTODO"]
    # one VTODO per task, or one per milestone when a deadline sets several
    assert len(todos) == sum(max(1, len(t["deadline"].get("milestones") or [])) for t in tasks)
    by_uid = {str(t["uid"]): t for t in todos}

    def rule_parts(rule: str) -> set[str]:          # icalendar writes the parts in its own order
        return set(rule.split(";"))

    for t in tasks:
        milestones = t["deadline"].get("milestones") or []
        dated = [(f"{t['id']}@vanban", t["deadline"])] if not milestones else \
            [(f"{t['id']}-m{n}@vanban", m) for n, m in enumerate(milestones, 1)]
        for uid, dl in dated:
            todo = by_uid[uid]
            if dl["end"]:
                assert todo["due"].dt.isoformat() == dl["end"]
            if dl["recurrence"]:
                assert rule_parts(todo["rrule"].to_ical().decode()) == rule_parts(dl["recurrence"])
    assert any("rrule" in todo for todo in todos)                       # "Định kỳ hàng quý" in seed 004


def test_task_ids_survive_reingest(tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    for corpus in (first, second):
        ingest([str(SAMPLES / "000_1e1698cb1e74ad37.txt")], corpus, jobs=1, progress=False)
    ids = [[r[0] for r in db.connect(c).execute("SELECT id FROM tasks ORDER BY id")] for c in (first, second)]
    assert ids[0] == ids[1] and len(ids[0]) == 30

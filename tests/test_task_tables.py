"""Tasks from tables of every shape real plans use.

Column roles come from the whole header row (the words are data, each one
tested in test_lexicon.py; whole header rows below).  The table shapes are generated as DOCX files with
python-docx in the shapes real plans use — one-column "Chủ trì/phối hợp",
column-number rows, two-row headers, spanning group headings, a table split by
a page break with its header repeated, report tables whose status columns are
not deadlines, and the schedules of inspection and training plans — and go
through the whole pipeline.  Real documents are read from ../shared when present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.extractors.tasks.tables import is_column_number_row
from vanban.pipeline.column_roles import cell_role, column_roles
from vanban.pipeline.model import RawLine, RawTable
from vanban.pipeline.run import analyse
from vanban.pipeline.tables import is_prose_in_a_frame, merge_tables

from .conftest import REALDOCS

docx = pytest.importorskip("docx")

# --- header row → roles ---------------------------------------------------------------
HEADERS = [
    (["TT", "Nhiệm vụ thực hiện", "Người thực hiện", "Ghi chú"], ["serial", "description", "lead", "note"]),
    (["TT", "Nội dung công việc", "Thời gian", "Đơn vị chủ trì/phối hợp"],
     ["serial", "description", "deadline", "lead_support"]),
    (["STT", "Nhiệm vụ", "Sản phẩm", "Thời gian hoàn thành", "Chủ trì thực hiện", "Phối hợp thực hiện",
      "Theo dõi, kiểm tra, đôn đốc"], ["serial", "description", "output", "deadline", "lead", "support", "monitor"]),
    (["STT", "Nội dung", "Tiến độ hiện tại", "Kết quả"], ["serial", "description", "status", "output"]),
    (["STT", "Nội dung", "Kết quả thực hiện", "Tình hình thực hiện"], ["serial", "description", "status", "status"]),
    (["Số TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"],
     ["serial", "description", "lead", "support", "deadline"]),
    (["STT", "Nội dung góp ý", "Đơn vị góp ý", "Ý kiến của Sở Nội vụ"], ["serial", "description", None, "status"]),
    (["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác"], ["serial", "lead", "person", None]),
    (["TT", "Thời gian", "Đơn vị được kiểm tra", "Địa điểm", "Thành phần đoàn"],
     ["serial", "deadline", "unit", "place", "team"]),
    (["Ngày", "Lớp", "Giảng viên"], ["deadline", "unit", "trainer"]),
    (["TT", "=3 n sẽ", "Thời gian", "Đơn vị chủ trì/phôi"], ["serial", None, "deadline", "lead_support"]),
    (["TT", "Giải pháp", "Đơn vị thực hiện", "Thời gian thực hiện", "Kinh phí"],
     ["serial", "description", "lead", "deadline", "budget"]),
    (["Bắt đầu", "Hoàn thành", "Chủ trì, phối hợp"], ["start", "deadline", "lead_support"]),
    (["Nội dung", "Đơn vị", "Thời gian"], ["description", "lead", "deadline"]),
    (["Tên chỉ tiêu", "Đơn vị tính", "Kế hoạch"], ["description", "status", None]),
    (["TT", "Họ và tên", "Chức vụ", "Nhiệm vụ được phân công"], ["serial", "lead", "person", "description"]),
    (["STT", "Họ và tên", "Ngày sinh", "Chức vụ"], ["serial", "lead", "person", "person"]),
    (["Số, ký hiệu", "Ngày ban hành", "Trích yếu", "Cơ quan ban hành"], ["reference", "reference", "reference", None]),
    (["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2025", "Thực hiện năm 2025", "Ước thực hiện 6 tháng", "So với cùng kỳ"],
     ["serial", "description", "status", "status", "status", "status", "status"]),
    (["Nội dung", "Cách thức thực hiện", "Kinh phí thực hiện", "Mục tiêu"],
     ["description", "method", "budget", "target"]),
]


@pytest.mark.parametrize("header,want", HEADERS, ids=[" | ".join(h) for h, _ in HEADERS])
def test_column_roles_from_the_whole_header(header, want):
    got = column_roles(header)
    assert [got.get(i) for i in range(len(header))] == want


@pytest.mark.parametrize("cells,want", [
    (["(1)", "(2)", "(3)", "(4)"], True),
    (["1", "2", "3", "4", "5"], True),
    (["A", "B", "1", "2"], True),
    (["1", "Ban hành kế hoạch", "Quý I/2026", "Sở Nội vụ"], False),
    (["", "", ""], False),
])
def test_column_number_rows(cells, want):
    assert is_column_number_row(cells) is want


@pytest.mark.parametrize("cell,role", [
    ("Phòng ban đào tạo", "unit"),
    ("Phòng, ban chủ trì", "lead"),
    ("Tên đơn vị thực hiện", "lead"),
    ("Tên đơn vị được kiểm tra", "unit"),
    ("Đơn vị chủ trì/phối hợp", "lead_support"),
    ("Thời gian\nhoàn thành", "deadline"),
    ("Cơ quan, đơn vị chủ trì", "lead"),
    ("Năm thực hiện", "deadline"),
    ("Lộ trình thực hiện", "deadline"),
    ("Đơn vị chịu trách nhiệm", "lead"),
    ("Cán bộ phụ trách", "lead"),
])
def test_generic_heads_yield_to_the_words_after_them(cell, role):
    assert cell_role(cell) == role


def test_role_keywords_are_whole_words():
    assert cell_role("Tên đơn vị được kiểm tra") == "unit"
    assert cell_role("Sáng") is None
    assert cell_role("Thời gian thực hiện") == "deadline"


# --- generated plans ---------------------------------------------------------------------
HEAD = ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Lâm Đồng, ngày 05 tháng 01 năm 2026", "KẾ HOẠCH",
        "Kiểm tra công tác cải cách hành chính năm 2026",
        "I. MỤC ĐÍCH, YÊU CẦU", "Đánh giá việc thực hiện nhiệm vụ cải cách hành chính của các cơ quan, đơn vị."]


def _fill(table, rows):
    for r, values in zip(table.rows, rows):
        for c, value in zip(r.cells, values):
            if value is not None:
                c.text = value


def _new_doc(lines=HEAD):
    d = docx.Document()
    for text in lines:
        d.add_paragraph(text)
    return d


def _add_table(d, rows):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    _fill(t, rows)
    return t


def _tasks(d, tmp_path, name="plan.docx"):
    path = tmp_path / name
    d.save(path)
    doc, record = analyse(path)
    return doc, [t for t in record["tasks"] if t["source"]["kind"] == "table"]


def test_one_column_lead_and_support_and_column_numbers(tmp_path):
    d = _new_doc()
    d.add_paragraph("II. TIẾN ĐỘ THỰC HIỆN")
    _add_table(d, [
        ["TT", "Nội dung công việc", "Thời gian", "Đơn vị chủ trì/phối hợp"],
        ["(1)", "(2)", "(3)", "(4)"],
        ["1", "Ban hành kế hoạch kiểm tra", "Trước ngày 27/6/2026", "Sở Nội vụ; Văn phòng UBND tỉnh"],
        ["2", "Tổng hợp kết quả kiểm tra", "10/7/2026 - 13/7/2026", "Sở Nội vụ; các sở, ngành; Công an tỉnh"],
    ])
    _, tasks = _tasks(d, tmp_path)
    assert [t["description"] for t in tasks] == ["Ban hành kế hoạch kiểm tra", "Tổng hợp kết quả kiểm tra"]
    assert tasks[0]["lead"] == ["Sở Nội vụ"] and tasks[0]["support"] == ["Văn phòng UBND tỉnh"]
    assert tasks[1]["support"] == ["các sở, ngành", "Công an tỉnh"]
    assert tasks[0]["deadline"]["end"] == "2026-06-27"
    assert (tasks[1]["deadline"]["start"], tasks[1]["deadline"]["end"]) == ("2026-07-10", "2026-07-13")


def test_task_column_worded_as_work_done_and_person_owner(tmp_path):
    d = _new_doc()
    _add_table(d, [
        ["TT", "Nhiệm vụ thực hiện", "Người thực hiện", "Ghi chú"],
        ["1", "Rà soát hồ sơ thủ tục hành chính", "Nguyễn Văn An\nTrần Thị Bình", ""],
        ["2", "Cập nhật cơ sở dữ liệu", "Lê Văn Cường", "Hằng tuần"],
    ])
    _, tasks = _tasks(d, tmp_path)
    assert [t["description"] for t in tasks] == ["Rà soát hồ sơ thủ tục hành chính", "Cập nhật cơ sở dữ liệu"]
    assert tasks[0]["lead"] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert tasks[1]["note"] == "Hằng tuần"


def test_two_row_header_deadline_is_the_completion_column(tmp_path):
    d = _new_doc()
    t = _add_table(d, [
        ["STT", "Nhiệm vụ", "Thời gian", None, "Chủ trì", "Phối hợp"],
        [None, None, "Bắt đầu", "Hoàn thành", None, None],
        ["1", "Xây dựng cơ sở dữ liệu", "01/3/2026", "30/6/2026", "Sở Khoa học và Công nghệ", "Sở Tài chính"],
    ])
    for col in (0, 1, 4, 5):
        t.cell(0, col).merge(t.cell(1, col))
    t.cell(0, 2).merge(t.cell(0, 3))
    _, tasks = _tasks(d, tmp_path)
    assert len(tasks) == 1
    assert tasks[0]["deadline"]["end"] == "2026-06-30"
    assert tasks[0]["deadline"]["start"] == "2026-03-01"
    assert tasks[0]["lead"] == ["Sở Khoa học và Công nghệ"] and tasks[0]["support"] == ["Sở Tài chính"]


def test_status_columns_are_not_deadlines(tmp_path):
    d = _new_doc()
    _add_table(d, [
        ["STT", "Nội dung", "Tiến độ hiện tại", "Kết quả"],
        ["1", "Số hóa hồ sơ", "Đang thực hiện", "80%"],
        ["2", "Công bố thủ tục", "Hoàn thành 30/6/2025", "Đạt"],
    ])
    _, tasks = _tasks(d, tmp_path)
    assert tasks == []


def test_spanning_group_headings_are_carried(tmp_path):
    d = _new_doc()
    t = _add_table(d, [
        ["STT", "Nhiệm vụ", "Thời gian hoàn thành", "Chủ trì", "Phối hợp"],
        ["I. Cải cách thể chế", None, None, None, None],
        ["1", "Rà soát văn bản quy phạm pháp luật", "Năm 2026", "Sở Tư pháp", "Các sở, ngành"],
        ["II. Cải cách thủ tục hành chính", None, None, None, None],
        ["1", "Công bố danh mục thủ tục hành chính", "Quý I/2026", "Văn phòng UBND tỉnh", ""],
    ])
    for r in (1, 3):
        t.cell(r, 0).merge(t.cell(r, 4))
    _, tasks = _tasks(d, tmp_path)
    assert [(t["group"], t["group_title"], t["ref"]) for t in tasks] == [
        ("I", "Cải cách thể chế", "1"), ("II", "Cải cách thủ tục hành chính", "1")]


def test_table_split_by_a_page_break_with_its_header_repeated(tmp_path):
    from docx.enum.text import WD_BREAK
    d = _new_doc()
    header = ["STT", "Nhiệm vụ", "Thời gian hoàn thành", "Chủ trì", "Phối hợp"]
    _add_table(d, [header, ["I", "CÔNG TÁC CHỈ ĐẠO", "", "", ""],
                   ["1", "Ban hành kế hoạch năm", "Tháng 01/2026", "Sở Nội vụ", ""]])
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _add_table(d, [header, ["2", "Kiểm tra công tác cải cách hành chính", "Quý III/2026", "Sở Nội vụ", "Sở Tư pháp"]])
    doc, tasks = _tasks(d, tmp_path)
    assert len(doc.tables) == 1
    assert [t["ref"] for t in tasks] == ["1", "2"]
    assert {t["group"] for t in tasks} == {"I"}


def test_inspection_schedule_gives_dated_tasks(tmp_path):
    d = _new_doc()
    d.add_paragraph("II. NỘI DUNG, LỊCH KIỂM TRA")
    d.add_paragraph("1. Kiểm tra công tác cải cách hành chính tại các xã")
    _add_table(d, [
        ["TT", "Thời gian", "Đơn vị được kiểm tra", "Thành phần đoàn"],
        ["1", "Ngày 10/3/2026", "UBND xã Lạc Dương", "Đoàn kiểm tra số 1"],
        ["2", "Ngày 12/3/2026", "UBND xã Đơn Dương", "Đoàn kiểm tra số 2"],
    ])
    _, tasks = _tasks(d, tmp_path)
    assert [t["deadline"]["end"] for t in tasks] == ["2026-03-10", "2026-03-12"]
    assert tasks[0]["lead"] == ["Đoàn kiểm tra số 1"]
    assert tasks[0]["description"].startswith("Kiểm tra công tác cải cách hành chính tại các xã: ")
    assert "UBND xã Lạc Dương" in tasks[0]["description"]


def test_training_schedule_by_half_day_slot(tmp_path):
    d = _new_doc()
    d.add_paragraph("II. PHƯƠNG ÁN TRIỂN KHAI")
    d.add_paragraph("c) Đào tạo sử dụng phần mềm quản lý văn bản cho các phòng")
    d.add_paragraph("- Địa điểm: Phòng đào tạo")
    t = _add_table(d, [
        ["Thời gian", "Phòng ban đào tạo", None],
        [None, "Sáng", "Chiều"],
        ["Ngày 02/01/2011 (thứ 2)", "Văn phòng", "Phòng Bưu chính"],
        ["Ngày 03/01/2012 (thứ 3)", "Phòng Viễn thông", "Thanh tra Sở"],
    ])
    t.cell(0, 1).merge(t.cell(0, 2))
    t.cell(0, 0).merge(t.cell(1, 0))
    _, tasks = _tasks(d, tmp_path)
    assert [t["lead"] for t in tasks] == [["Văn phòng", "Phòng Bưu chính"], ["Phòng Viễn thông", "Thanh tra Sở"]]
    # the weekday says 02/01 is the Monday of 2012, not of 2011 (a mistyped year)
    assert [t["deadline"]["end"] for t in tasks] == ["2012-01-02", "2012-01-03"]
    assert "Sáng Văn phòng" in tasks[0]["description"]


# --- frames of prose are not tables ------------------------------------------------------
def test_prose_in_a_ruled_frame_becomes_lines():
    frame = RawTable([
        ["Để đẩy nhanh tiến độ triển khai thực hiện các Chương trình mục tiêu", "", ""],
        ["quốc gia trong thời gian tới, yêu cầu các sở, ngành thực hiện:", "", ""],
        ["a) Tập trung thực hiện các nội dung, nhiệm vụ đã được giao tại", "", ""],
        ["các văn bản chỉ đạo của UBND tỉnh;", "", ""],
        ["", "b) T", "hường xuyên phối hợp với các cơ quan, đơn vị và địa phương."],
    ], page=2, ruled=True)
    assert is_prose_in_a_frame(frame)
    blocks = merge_tables([frame])
    assert all(isinstance(b, RawLine) for b in blocks)
    assert [b.text for b in blocks] == [
        "Để đẩy nhanh tiến độ triển khai thực hiện các Chương trình mục tiêu quốc gia trong thời gian tới, "
        "yêu cầu các sở, ngành thực hiện:",
        "a) Tập trung thực hiện các nội dung, nhiệm vụ đã được giao tại các văn bản chỉ đạo của UBND tỉnh;",
        "b) Thường xuyên phối hợp với các cơ quan, đơn vị và địa phương.",
    ]


def test_a_real_table_with_wrapped_lines_stays_a_table():
    table = RawTable([
        ["Nội dung", "Thời gian", "Chủ trì"],
        ["Tổ chức tập huấn nghiệp vụ cho cán bộ, công chức làm công tác", "Quý II/2026", "Sở Nội vụ"],
        ["văn thư, lưu trữ tại các cơ quan, đơn vị trên địa bàn tỉnh", "", ""],
        ["Kiểm tra việc thực hiện quy chế công tác văn thư tại các xã", "Quý III/2026", "Sở Nội vụ"],
    ], ruled=False)
    assert not is_prose_in_a_frame(table)


# --- real documents ----------------------------------------------------------------------
MORE = REALDOCS / "more"


def _real(name: str):
    path = MORE / name
    if not path.is_file():
        pytest.skip(f"{name} not in ../shared")
    cache = Path(__file__).resolve().parents[1] / "out" / "read-cache"
    from vanban.pipeline.run import ParseOptions
    return analyse(path, ParseOptions(read_cache=str(cache)) if cache.is_dir() else None)


def test_scanned_progress_table_with_a_garbled_task_header():
    """kh-753: "TT | Nội dung công việc | Thời gian | Đơn vị chủ trì/phối hợp" over two
    pages, the task header and "phối hợp" garbled by the scan."""
    _, record = _real("kh-753-khao-sat-xac-dinh-chi-so-hai-long-cua-nguoi-dan-doi-v.pdf")
    rows = [t for t in record["tasks"] if t["source"]["kind"] == "table"]
    assert [t["ref"] for t in rows] == ["1", "2", "3", "4", "5"]
    assert rows[0]["lead"] == ["Phòng Đào tạo"] and rows[0]["support"] == ["Trung tâm QLCL"]
    assert (rows[2]["deadline"]["start"], rows[2]["deadline"]["end"]) == ("2026-06-29", "2026-07-09")


def test_training_schedule_of_a_real_plan():
    _, record = _real("Ke-hoach-trien-khai-dao-tao-phan-mem-Qlvb-Dh.doc")
    rows = [t for t in record["tasks"] if t["source"]["kind"] == "table"]
    assert [t["deadline"]["end"] for t in rows] == ["2012-01-02", "2012-01-03", "2012-01-04", "2012-01-05"]
    assert rows[0]["lead"] == ["Văn phòng", "Phòng Bưu chính"]
    assert all(t["ref"] == "II.2.c" for t in rows)


def test_conclusion_notice_in_a_ruled_frame_is_read_as_prose():
    doc, record = _real("vht534.signed-20250510-124908.pdf")
    assert not doc.tables
    assert any(l.text.startswith("a) Tập trung thực hiện các nội dung") for l in doc.lines)
    assert len(record["tasks"]) >= 10


# --- a table a page break cut in two (PDF, scan) ------------------------------------------
PAGE3 = [["STT", "Nội dung công việc", "Thời gian", "Chủ trì"],
         ["1", "Ban hành kế hoạch triển khai", "Tháng 3/2026", "Sở Nội vụ"],
         ["2", "Tổ chức tập huấn cho cán bộ, công chức làm", "Quý II/2026", "Sở Nội vụ"]]


@pytest.mark.parametrize("repeat_header", [True, False])
def test_rows_continue_across_a_page_break(repeat_header):
    page4 = ([PAGE3[0]] if repeat_header else []) + [
        ["", "công tác văn thư, lưu trữ", "", ""],
        ["3", "Kiểm tra việc thực hiện", "Quý III/2026", "Sở Nội vụ"]]
    blocks = merge_tables([RawTable(PAGE3, page=3, ruled=True), RawLine("3", page=3),
                           RawTable(page4, page=4, ruled=True)])
    tables = [b for b in blocks if isinstance(b, RawTable)]
    assert len(tables) == 1
    rows = tables[0].rows
    assert [r[0] for r in rows] == ["STT", "1", "2", "3"]
    assert rows[2][1] == "Tổ chức tập huấn cho cán bộ, công chức làm công tác văn thư, lưu trữ"
    assert tables[0].row_pages == [3, 3, 3, 4]


def test_numbered_group_rows_over_sub_numbered_tasks(tmp_path):
    d = _new_doc()
    _add_table(d, [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"],
        ["1", "Cải cách thể chế", "", ""],
        ["1.1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Quý II/2026"],
        ["1.2", "Kiểm tra văn bản", "Sở Tư pháp", ""],
        ["2", "Công khai thủ tục hành chính", "Văn phòng UBND tỉnh", "Năm 2026"],
    ])
    _, tasks = _tasks(d, tmp_path)
    assert [(t["group"], t["ref"]) for t in tasks] == [("1", "1.1"), ("1", "1.2"), (None, "2")]
    assert tasks[0]["group_title"] == "Cải cách thể chế"
    assert tasks[2]["lead"] == ["Văn phòng UBND tỉnh"]


def test_row_dated_in_its_task_text_when_no_time_column(tmp_path):
    d = _new_doc()
    _add_table(d, [
        ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp"],
        ["1", "Xây dựng quy chế phối hợp, hoàn thành trước ngày 30/6/2026", "Sở Nội vụ", "Sở Tư pháp"],
        ["2", "Tuyên truyền về cải cách hành chính", "Sở Văn hóa, Thể thao và Du lịch", ""],
    ])
    _, tasks = _tasks(d, tmp_path)
    assert tasks[0]["deadline"]["end"] == "2026-06-30"
    assert tasks[1]["deadline"]["end"] is None
    assert tasks[1]["lead"] == ["Sở Văn hóa, Thể thao và Du lịch"]


def test_schedule_split_by_a_page_break_keeps_one_header():
    """A schedule's header ("Đơn vị được kiểm tra | Ngày kiểm tra") has none of the
    task-table words; repeated on the next page it is still a header."""
    header = ["TT", "Đơn vị được kiểm tra", "Ngày kiểm tra", "Đoàn kiểm tra"]
    blocks = merge_tables([
        RawTable([header, ["1", "UBND xã Lạc Dương", "10/3/2026", "Đoàn số 1"]], page=2, ruled=True),
        RawLine("- 2 -", page=2),
        RawTable([["TT", "Đơn vị được kiếm tra", "Ngày kiểm tra", "Đoàn kiểm tra"],      # as OCR read it again
                  ["2", "UBND xã Đơn Dương", "12/3/2026", "Đoàn số 2"]], page=3, ruled=True)])
    tables = [b for b in blocks if isinstance(b, RawTable)]
    assert len(tables) == 1 and [r[0] for r in tables[0].rows] == ["TT", "1", "2"]


@pytest.mark.parametrize("cell,lead,support", [
    ("Chủ trì: Sở Nội vụ\nPhối hợp: Sở Tư pháp; Công an tỉnh", ["Sở Nội vụ"], ["Sở Tư pháp", "Công an tỉnh"]),
    ("Sở Nội vụ chủ trì, phối hợp với các sở, ngành", ["Sở Nội vụ"], ["các sở, ngành"]),
    ("Sở Nội vụ (chủ trì); Sở Tư pháp (phối hợp)", ["Sở Nội vụ"], ["Sở Tư pháp"]),
    ("Sở Nội vụ; Sở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"], []),
    ("Sở Nội vụ chủ trì", ["Sở Nội vụ"], []),
])
def test_one_owner_cell_naming_lead_and_collaborators_in_words(tmp_path, cell, lead, support):
    d = _new_doc()
    _add_table(d, [
        ["STT", "Nội dung", "Cơ quan thực hiện", "Thời gian"],
        ["1", "Rà soát quy chế làm việc", cell, "Quý II/2026"],
    ])
    _, tasks = _tasks(d, tmp_path)
    assert (tasks[0]["lead"], tasks[0]["support"]) == (lead, support)


def test_rows_grouped_under_the_body_that_does_them(tmp_path):
    d = _new_doc()
    _add_table(d, [
        ["STT", "Nhiệm vụ", "Thời hạn"],
        ["I", "SỞ NỘI VỤ", ""],
        ["1", "Tham mưu kế hoạch kiểm tra cải cách hành chính", "Tháng 01/2026"],
        ["II", "VĂN PHÒNG UBND TỈNH", ""],
        ["1", "Theo dõi việc giải quyết thủ tục hành chính", "Hằng quý"],
        ["III", "Công tác chỉ đạo, điều hành", ""],
        ["1", "Ban hành kế hoạch", "Quý I/2026"],
    ])
    _, tasks = _tasks(d, tmp_path)
    assert [t["lead"] for t in tasks] == [["SỞ NỘI VỤ"], ["VĂN PHÒNG UBND TỈNH"], []]


def test_sheet_with_title_rows_above_its_header(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for values in (["PHỤ LỤC"], ["DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
                   ["(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2026 của UBND tỉnh Lâm Đồng)"],
                   ["Đơn vị chủ quản: Ủy ban nhân dân tỉnh Lâm Đồng"],
                   ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
                   ["1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Các sở, ngành", "Quý II/2026"],
                   ["2", "Công bố thủ tục hành chính", "Văn phòng UBND tỉnh", "", "Năm 2026"]):
        ws.append(values)
    for r in range(1, 5):
        ws.merge_cells(f"A{r}:E{r}")
    path = tmp_path / "phu-luc.xlsx"
    wb.save(path)
    _, record = analyse(path)
    tasks = [t for t in record["tasks"] if t["source"]["kind"] == "table"]
    assert [t["lead"] for t in tasks] == [["Sở Tư pháp"], ["Văn phòng UBND tỉnh"]]
    assert tasks[0]["deadline"]["end"] == "2026-06-30"


def test_member_list_with_a_duty_column_of_places_is_not_a_task_table(tmp_path):
    d = _new_doc()
    _add_table(d, [
        ["TT", "Họ và tên", "Chức vụ", "Nhiệm vụ"],
        ["1", "Nguyễn Văn An", "Phó Giám đốc Sở Nội vụ", "Tổ trưởng"],
        ["2", "Trần Thị Bình", "Chuyên viên Sở Nội vụ", "Thành viên"],
        ["3", "Lê Văn Cường", "Chuyên viên Sở Tư pháp", "Thư ký"],
    ])
    assert _tasks(d, tmp_path)[1] == []


def test_duty_table_of_a_working_group_names_its_people(tmp_path):
    d = _new_doc()
    _add_table(d, [
        ["TT", "Họ và tên", "Chức vụ", "Nhiệm vụ được phân công"],
        ["1", "Nguyễn Văn An", "Tổ trưởng", "Chỉ đạo chung, phê duyệt báo cáo kết quả kiểm tra"],
        ["2", "Trần Thị Bình", "Thành viên", "Kiểm tra hồ sơ thủ tục hành chính tại bộ phận một cửa"],
    ])
    _, tasks = _tasks(d, tmp_path)
    assert [t["lead"] for t in tasks] == [["Nguyễn Văn An"], ["Trần Thị Bình"]]


def test_training_schedule_owner_is_the_class_not_the_trainer(tmp_path):
    d = _new_doc()
    d.add_paragraph("2. Tập huấn nghiệp vụ văn thư, lưu trữ")
    _add_table(d, [
        ["Ngày", "Lớp", "Giảng viên"],
        ["15/4/2026", "Văn thư các xã", "Chi cục Văn thư - Lưu trữ"],
    ])
    _, tasks = _tasks(d, tmp_path)
    assert tasks[0]["lead"] == ["Văn thư các xã"] and tasks[0]["deadline"]["end"] == "2026-04-15"
    assert "Chi cục Văn thư - Lưu trữ" in tasks[0]["description"]


def test_statistics_table_with_a_time_column_is_not_a_schedule(tmp_path):
    d = _new_doc()
    _add_table(d, [
        ["Thời điểm", "Đơn vị", "Số hộ nghèo", "Tỷ lệ"],
        ["31/12/2024", "Xã Lạc Dương", "125", "3,2%"],
        ["31/12/2025", "Xã Lạc Dương", "98", "2,5%"],
    ])
    assert _tasks(d, tmp_path)[1] == []


def test_report_figures_are_not_tasks(tmp_path):
    d = _new_doc()
    _add_table(d, [
        ["STT", "Chỉ tiêu", "Thực hiện 2025", "Thời gian"],
        ["1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "98,5%", "Năm 2025"],
        ["2", "Số thủ tục hành chính được cắt giảm", "120", "Năm 2025"],
    ])
    assert _tasks(d, tmp_path)[1] == []


def test_plan_table_with_a_budget_column_keeps_its_tasks(tmp_path):
    d = _new_doc()
    _add_table(d, [
        ["STT", "Nhiệm vụ", "Chủ trì", "Kinh phí (triệu đồng)", "Thời gian"],
        ["1", "Nâng cấp hệ thống thông tin giải quyết thủ tục hành chính", "Sở Khoa học và Công nghệ", "500", "Năm 2026"],
        ["2", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Văn phòng UBND tỉnh", "300", "Quý III/2026"],
    ])
    assert len(_tasks(d, tmp_path)[1]) == 2


def test_a_request_inside_a_comments_table_is_a_task_and_the_rest_is_not(tmp_path):
    """A table of comments on a draft has no work column; a cell that asks a named body
    ("…, kính đề nghị Sở Nội vụ tỉnh phối hợp với …") is that body's task, ref = its
    row number; requests naming nobody and cells opening with a body are not."""
    d = _new_doc(["Phụ lục", "TỔNG HỢP Ý KIẾN GÓP Ý ĐỐI VỚI DỰ THẢO KẾ HOẠCH"])
    _add_table(d, [
        ["STT", "Nội dung góp ý", "Đơn vị góp ý", "Ý kiến của Sở Nội vụ"],
        ["1", "Đề nghị bổ sung chỉ tiêu về chuyển đổi số.", "Sở Y tế", "Tiếp thu."],
        ["2", "Sở Tài chính đã bố trí kinh phí năm 2026.", "Sở Tài chính", "Ghi nhận."],
        ["3", "Mục tiêu chưa đồng nhất với dự thảo của Sở Khoa học và Công nghệ. Để xã có căn cứ triển khai, "
              "kính đề nghị Sở Nội vụ tỉnh phối hợp với Sở Khoa học và Công nghệ tỉnh thống nhất nội dung Kế hoạch.",
         "UBND phường Đông Gia Nghĩa", "Tiếp thu."],
    ])
    _, tasks = _tasks(d, tmp_path, "gop-y.docx")
    assert [(t["ref"], t["lead"], t["support"]) for t in tasks] == \
        [("3", ["Sở Nội vụ tỉnh"], ["Sở Khoa học và Công nghệ tỉnh"])]
    assert tasks[0]["description"].startswith("Để xã có căn cứ triển khai, kính đề nghị Sở Nội vụ tỉnh")

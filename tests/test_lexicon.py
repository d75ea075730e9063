"""The lexicon: every vocabulary entry with a real example it must match.

One table per vocabulary in ``extractors/data``.  Each row names an entry and a
real example (a header cell, a deadline wording, a motto line as printed or as
OCR damaged it) with what it must yield; where it matters a near miss it must
not.  A coverage test per vocabulary checks that the table and the data hold the
same entries, so an entry removed from the data, or added without an example,
fails here as surely as a broken one.
"""

from __future__ import annotations

import re
import unicodedata
from importlib import resources

import pytest

from vanban.extractors.citations import _kind_before
from vanban.extractors.deadlines import (IN_TEXT_FORMS, KINDS, PHRASES, deadline_in_text, find_deadline_phrases,
                                          parse_deadline)
from vanban.extractors.issuers import PLACE_RE
from vanban.extractors.lexicon import charclass, load
from vanban.extractors.metadata import BODY_START_RE, _NAME_RE, _PEOPLES_COMMITTEE_RE, _type_line, _UNIT_START_FOLDED
from vanban.extractors.numbers import find_numbers
from vanban.extractors.tasks.labelled import label_slot
from vanban.extractors.tasks.prose import _HANDLE_VERBS, _OWNER_TAIL
from vanban.extractors.tasks.tables import split_owner_cell
from vanban.pipeline.assemble import assemble
from vanban.pipeline.column_roles import (cell_role, column_roles, generic_heads, header_words, looks_like_header,
                                          role_phrases)
from vanban.pipeline.markers import APPENDIX, CLOSING, MOTTO_PATTERNS, SUMMING_UP, SUMMING_UP_OR_NOTICE, has_motto
from vanban.pipeline.model import RawDocument, RawLine
from vanban.pipeline.readability import _MARKED
from vanban.pipeline.readers.layout_tables import is_layout_table
from vanban.pipeline.sections import match_label
from vanban.pipeline.textnorm import fold_chars


def _ids(rows, at=1):
    return [str(r[at]) for r in rows]


# --- column roles: (role, lexicon phrase, a header cell naming it) --------------------------
COLUMN_ROLE_ROWS = [
    ("serial"      , "=stt", "Stt"),
    ("serial"      , "=số tt", "Số TT"),
    ("serial"      , "=tt", "TT"),
    ("serial"      , "=số thứ tự", "Số thứ tự"),
    ("serial"      , "=thứ tự", "Thứ tự."),
    ("description" , "nội dung", "Nội dung"),
    ("description" , "nhiệm vụ", "Nhiệm vụ"),
    ("description" , "công việc", "Công việc"),
    ("description" , "tên nhiệm vụ", "Tên nhiệm vụ"),
    ("description" , "tên công việc", "Tên công việc"),
    ("description" , "tên hoạt động", "Tên hoạt động"),
    ("description" , "tên đề án", "Tên đề án"),
    ("description" , "tên nội dung", "Tên nội dung"),
    ("description" , "hoạt động", "Hoạt động"),
    ("description" , "giải pháp", "Giải pháp"),
    ("description" , "chỉ tiêu", "Chỉ tiêu"),
    ("description" , "đề án", "Đề án"),
    ("description" , "dự án", "Dự án"),
    ("description" , "tên văn bản", "Tên văn bản"),
    ("description" , "danh mục", "Danh mục"),
    ("description" , "việc cần làm", "Việc cần làm"),
    ("description" , "nội dung công việc", "Nội dung công việc"),
    ("description" , "các bước", "Các bước"),
    ("lead"        , "chủ trì", "Chủ trì"),
    ("lead"        , "cơ quan chủ trì", "Cơ quan chủ trì"),
    ("lead"        , "đơn vị chủ trì", "Đơn vị chủ trì"),
    ("lead"        , "phụ trách", "Phụ trách"),
    ("lead"        , "người phụ trách", "Người phụ trách"),
    ("lead"        , "bộ phận phụ trách", "Bộ phận phụ trách"),
    ("lead"        , "thực hiện", "Thực hiện"),
    ("lead"        , "người thực hiện", "Người thực hiện"),
    ("lead"        , "cơ quan thực hiện", "Cơ quan thực hiện"),
    ("lead"        , "đơn vị thực hiện", "Đơn vị thực hiện"),
    ("lead"        , "bộ phận thực hiện", "Bộ phận thực hiện"),
    ("lead"        , "cán bộ thực hiện", "Cán bộ thực hiện"),
    ("lead"        , "cá nhân thực hiện", "Cá nhân thực hiện"),
    ("lead"        , "trách nhiệm", "Trách nhiệm"),
    ("lead"        , "đơn vị/cá nhân thực hiện", "Đơn vị/Cá nhân thực hiện"),
    ("lead"        , "cơ quan, đơn vị thực hiện", "Cơ quan, đơn vị thực hiện"),
    ("lead"        , "đầu mối", "Đầu mối"),
    ("lead"        , "cơ quan đầu mối", "Cơ quan đầu mối"),
    ("lead"        , "đơn vị đầu mối", "Đơn vị đầu mối"),
    ("lead"        , "cơ quan tham mưu", "Cơ quan tham mưu"),
    ("lead"        , "đơn vị tham mưu", "Đơn vị tham mưu"),
    ("lead"        , "người chịu trách nhiệm", "Người chịu trách nhiệm"),
    ("lead"        , "phân công", "Phân công"),
    ("lead"        , "=đơn vị", "Đơn vị"),
    ("lead"        , "=cơ quan", "Cơ quan"),
    ("lead"        , "=cơ quan, đơn vị", "Cơ quan, đơn vị"),
    ("lead"        , "=đơn vị, cá nhân", "Đơn vị, cá nhân"),
    ("lead"        , "họ và tên", "Họ và tên"),
    ("lead"        , "họ tên", "Họ tên"),
    ("support"     , "phối hợp", "Phối hợp"),
    ("support"     , "cơ quan phối hợp", "Cơ quan phối hợp"),
    ("support"     , "đơn vị phối hợp", "Đơn vị phối hợp"),
    ("support"     , "người phối hợp", "Người phối hợp"),
    ("support"     , "phối hợp thực hiện", "Phối hợp thực hiện"),
    ("start"       , "bắt đầu", "Bắt đầu"),
    ("start"       , "thời gian bắt đầu", "Thời gian bắt đầu"),
    ("start"       , "ngày bắt đầu", "Ngày bắt đầu"),
    ("start"       , "từ ngày", "Từ ngày"),
    ("deadline"    , "thời gian", "Thời gian"),
    ("deadline"    , "thời hạn", "Thời hạn"),
    ("deadline"    , "tiến độ", "Tiến độ"),
    ("deadline"    , "thời điểm", "Thời điểm"),
    ("deadline"    , "hoàn thành", "Hoàn thành"),
    ("deadline"    , "thời gian hoàn thành", "Thời gian\nhoàn thành"),
    ("deadline"    , "hạn hoàn thành", "Hạn hoàn thành"),
    ("deadline"    , "mốc thời gian", "Mốc thời gian"),
    ("deadline"    , "ngày", "Ngày"),
    ("deadline"    , "ngày, giờ", "Ngày, giờ"),
    ("deadline"    , "ngày giờ", "Ngày giờ"),
    ("deadline"    , "lịch", "Lịch"),
    ("deadline"    , "đến ngày", "Đến ngày"),
    ("deadline"    , "thời gian thực hiện", "Thời gian thực hiện"),
    ("deadline"    , "tiến độ thực hiện", "Tiến độ thực hiện"),
    ("deadline"    , "thời gian dự kiến", "Thời gian dự kiến"),
    ("deadline"    , "lộ trình", "Lộ trình"),
    ("deadline"    , "năm thực hiện", "Năm thực hiện"),
    ("deadline"    , "năm hoàn thành", "Năm hoàn thành"),
    ("deadline"    , "giai đoạn", "Giai đoạn"),
    ("deadline"    , "giai đoạn thực hiện", "Giai đoạn thực hiện"),
    ("deadline"    , "hạn chót", "Hạn chót:"),
    ("deadline"    , "thời gian trình", "Thời gian trình"),
    ("status"      , "ước thực hiện", "Ước thực hiện"),
    ("status"      , "kế hoạch năm", "Kế hoạch năm"),
    ("status"      , "so với", "So với"),
    ("status"      , "so sánh", "So sánh"),
    ("status"      , "cùng kỳ", "Cùng kỳ"),
    ("status"      , "số lượng", "Số lượng"),
    ("status"      , "số liệu", "Số liệu"),
    ("status"      , "đơn vị tính", "Đơn vị tính"),
    ("status"      , "giá trị", "Giá trị"),
    ("status"      , "tiến độ hiện tại", "Tiến độ hiện tại"),
    ("status"      , "tình hình", "Tình hình"),
    ("status"      , "tình hình thực hiện", "Tình hình thực hiện"),
    ("status"      , "kết quả thực hiện", "Kết quả thực hiện"),
    ("status"      , "kết quả đạt được", "Kết quả đạt được"),
    ("status"      , "hiện trạng", "Hiện trạng"),
    ("status"      , "mức độ hoàn thành", "Mức độ hoàn thành"),
    ("status"      , "đánh giá", "Đánh giá"),
    ("status"      , "tự đánh giá", "Tự đánh giá"),
    ("status"      , "lũy kế", "Lũy kế"),
    ("status"      , "đã thực hiện", "Đã thực hiện"),
    ("status"      , "chưa thực hiện", "Chưa thực hiện"),
    ("status"      , "tỷ lệ", "Tỷ lệ"),
    ("status"      , "điểm số", "Điểm số"),
    ("status"      , "thứ hạng", "Thứ hạng"),
    ("status"      , "ý kiến", "Ý kiến"),
    ("output"      , "sản phẩm", "Sản phẩm"),
    ("output"      , "kết quả", "Kết quả"),
    ("output"      , "kết quả đầu ra", "Kết quả đầu ra"),
    ("output"      , "hình thức văn bản", "Hình thức văn bản"),
    ("output"      , "yêu cầu", "Yêu cầu"),
    ("note"        , "ghi chú", "Ghi chú"),
    ("monitor"     , "theo dõi", "Theo dõi"),
    ("monitor"     , "theo dõi, kiểm tra", "Theo dõi, kiểm tra"),
    ("monitor"     , "kiểm tra, đôn đốc", "Kiểm tra, đôn đốc"),
    ("monitor"     , "giám sát", "Giám sát"),
    ("monitor"     , "cơ quan theo dõi", "Cơ quan theo dõi"),
    ("monitor"     , "đơn vị theo dõi", "Đơn vị theo dõi"),
    ("budget"      , "kinh phí", "Kinh phí"),
    ("budget"      , "dự toán", "Dự toán"),
    ("budget"      , "nguồn kinh phí", "Nguồn kinh phí"),
    ("budget"      , "nguồn vốn", "Nguồn vốn"),
    ("budget"      , "nguồn lực", "Nguồn lực"),
    ("person"      , "ngày sinh", "Ngày sinh"),
    ("person"      , "năm sinh", "Năm sinh"),
    ("person"      , "giới tính", "Giới tính"),
    ("person"      , "quê quán", "Quê quán"),
    ("person"      , "số điện thoại", "Số điện thoại"),
    ("person"      , "điện thoại", "Điện thoại"),
    ("person"      , "email", "Email"),
    ("person"      , "địa chỉ thư điện tử", "Địa chỉ thư điện tử"),
    ("person"      , "chức vụ", "Chức vụ"),
    ("person"      , "chức danh", "Chức danh"),
    ("person"      , "trình độ", "Trình độ"),
    ("reference"   , "ngày ban hành", "Ngày ban hành"),
    ("reference"   , "ngày, tháng, năm ban hành", "Ngày, tháng, năm ban hành"),
    ("reference"   , "số, ký hiệu", "Số, ký hiệu"),
    ("reference"   , "số ký hiệu", "Số ký hiệu"),
    ("reference"   , "trích yếu", "Trích yếu"),
    ("reference"   , "ngày đến", "Ngày đến"),
    ("reference"   , "ngày nhận", "Ngày nhận"),
    ("method"      , "cách thức", "Cách thức"),
    ("method"      , "phương thức", "Phương thức"),
    ("method"      , "hình thức", "Hình thức"),
    ("method"      , "phương pháp", "Phương pháp"),
    ("method"      , "căn cứ", "Căn cứ"),
    ("target"      , "mục tiêu", "Mục tiêu"),
    ("target"      , "yêu cầu cần đạt", "Yêu cầu cần đạt"),
    ("target"      , "chỉ tiêu cần đạt", "Chỉ tiêu cần đạt"),
    ("unit"        , "đơn vị được kiểm tra", "Đơn vị được kiểm tra"),
    ("unit"        , "tên đơn vị", "Tên đơn vị"),
    ("unit"        , "đơn vị kiểm tra", "Đơn vị kiểm tra"),
    ("unit"        , "cơ quan được kiểm tra", "Cơ quan được kiểm tra"),
    ("unit"        , "đối tượng", "Đối tượng"),
    ("unit"        , "phòng ban", "Phòng ban"),
    ("unit"        , "phòng, ban", "Phòng, ban"),
    ("unit"        , "lớp", "Lớp"),
    ("unit"        , "địa bàn", "Địa bàn"),
    ("unit"        , "xã, phường", "Xã, phường"),
    ("unit"        , "đơn vị được khảo sát", "Đơn vị được khảo sát"),
    ("unit"        , "đơn vị được giám sát", "Đơn vị được giám sát"),
    ("unit"        , "cơ sở được kiểm tra", "Cơ sở được kiểm tra"),
    ("place"       , "địa điểm", "Địa điểm"),
    ("place"       , "nơi tổ chức", "Nơi tổ chức"),
    ("team"        , "đoàn kiểm tra", "Đoàn kiểm tra"),
    ("team"        , "tổ kiểm tra", "Tổ kiểm tra"),
    ("team"        , "thành phần đoàn", "Thành phần đoàn"),
    ("team"        , "thành phần", "Thành phần"),
    ("team"        , "thành viên", "Thành viên"),
    ("team"        , "người kiểm tra", "Người kiểm tra"),
    ("team"        , "trưởng đoàn", "Trưởng đoàn"),
    ("team"        , "tổ công tác", "Tổ công tác"),
    ("team"        , "đoàn công tác", "Đoàn công tác"),
    ("team"        , "đoàn giám sát", "Đoàn giám sát"),
    ("trainer"     , "giảng viên", "Giảng viên"),
    ("trainer"     , "báo cáo viên", "Báo cáo viên"),
    ("trainer"     , "người hướng dẫn", "Người hướng dẫn"),
    ("trainer"     , "người trình bày", "Người trình bày"),
]


@pytest.mark.parametrize("role,phrase,cell", COLUMN_ROLE_ROWS, ids=_ids(COLUMN_ROLE_ROWS))
def test_every_column_role_phrase_names_its_role(role, phrase, cell):
    assert cell_role(cell) == role


def test_column_role_table_covers_the_lexicon():
    in_data = {(role, p) for role, phrases in role_phrases().items() for p in phrases}
    in_table = {(role, p) for role, p, _ in COLUMN_ROLE_ROWS}
    assert in_data == in_table


# a whole-cell phrase ("=đơn vị") names only the whole cell; longer cells are other columns
@pytest.mark.parametrize("cell,role", [
    ("Đơn vị tính", "status"),
    ("Đơn vị góp ý", None),
    ("Đơn vị công tác", None),
    ("Cơ quan ban hành", None),
    ("STT đơn vị", None),
    ("Sáng", None),
    ("Thực hiện năm 2025", "status"),          # "thực hiện" then a period: figures, not an owner
    ("Ước thực hiện 6 tháng", "status"),
])
def test_column_role_near_misses(cell, role):
    assert cell_role(cell) == role


# generic heads: the owner word after them decides
GENERIC_HEAD_ROWS = [
    ("phòng ban", "Phòng ban đào tạo", "unit", "Phòng ban chủ trì", "lead"),
    ("phòng, ban", "Phòng, ban", "unit", "Phòng, ban chủ trì", "lead"),
    ("tên đơn vị", "Tên đơn vị", "unit", "Tên đơn vị thực hiện", "lead"),
    ("lớp", "Lớp", "unit", "Lớp phối hợp", "support"),
    ("đối tượng", "Đối tượng", "unit", "Đối tượng thực hiện", "lead"),
]


@pytest.mark.parametrize("head,alone,role_alone,with_owner,role_with_owner", GENERIC_HEAD_ROWS,
                         ids=_ids(GENERIC_HEAD_ROWS, 0))
def test_generic_heads_yield_to_an_owner_word(head, alone, role_alone, with_owner, role_with_owner):
    assert cell_role(alone) == role_alone
    assert cell_role(with_owner) == role_with_owner


def test_generic_head_table_covers_the_lexicon():
    assert set(generic_heads()) == {r[0] for r in GENERIC_HEAD_ROWS}


# header words: one of them makes a short row a header even when it names no second column
HEADER_WORD_ROWS = [
    ("stt", ["STT", "Chữ ký"]),
    ("số tt", ["Số TT", "Chữ ký"]),
    ("nội dung", ["Nội dung", "Chữ ký"]),
    ("chủ trì", ["Chữ ký", "Chủ trì"]),
    ("phối hợp", ["Chữ ký", "Phối hợp"]),
    ("thời gian", ["Thời gian", "Chữ ký"]),
    ("nhiệm vụ", ["Nhiệm vụ", "Chữ ký"]),
]


@pytest.mark.parametrize("word,row", HEADER_WORD_ROWS, ids=_ids(HEADER_WORD_ROWS, 0))
def test_every_header_word_makes_a_header_row(word, row):
    assert len(column_roles(row)) < 2            # the word alone, not two named columns, decides
    assert looks_like_header(row)


def test_header_word_table_covers_the_lexicon():
    assert set(header_words()) == {w for w, _ in HEADER_WORD_ROWS}


def test_every_vocabulary_says_what_it_is():
    names = [f.name[:-5] for f in resources.files("vanban.extractors").joinpath("data").iterdir()
             if f.name.endswith(".json")]
    assert {"column_roles", "deadline_phrases", "markers", "charclasses", "header", "places", "doc_types",
            "assignment_words", "part_kinds"} <= set(names)
    for name in names:
        assert load(name)["_about"].strip(), name


# --- deadline phrases: (row name, an example it reads, the kind and RRULE it yields, a near miss) --
# The near miss is a wording the row must not take ("trước khi …" is an event, not a limit).
DEADLINE_PHRASE_ROWS = [
    ("according to another instrument", "Theo kế hoạch của huyện", "unspecified", None, "Theo dõi, đôn đốc"),
    ("when asked", "Khi có yêu cầu", "unspecified", None, "Khi nào xong"),
    ("after / when / if", "Sau khi kết thúc đợt kiểm tra", "event", None, "Sau ngày 30/6/2025"),
    ("some time after something", "Sau 15 ngày kể từ ngày nhận được văn bản", "event", None, "Sau ngày 15/7/2025"),
    ("during the work", "Trong quá trình triển khai", "event", None, "Trong tháng 6/2025"),
    ("before a meeting", "trước kỳ họp", "event", None, "trước ngày 30/6/2025"),
    ("weekly", "hàng tuần", "recurring", "FREQ=WEEKLY", "tuần đầu tháng 3/2026"),
    ("quarterly", "định kỳ quý", "recurring", "FREQ=MONTHLY;INTERVAL=3", "quý III/2026"),
    ("half-yearly", "định kỳ 6 tháng", "recurring", "FREQ=MONTHLY;INTERVAL=6", "trong 6 tháng đầu năm 2026"),
    ("monthly", "giao ban ít nhất 01 lần/tháng", "recurring", "FREQ=MONTHLY", "tháng 5/2026"),
    ("yearly", "mỗi năm", "recurring", "FREQ=YEARLY", "năm 2026"),
    ("daily", "hằng ngày", "recurring", "FREQ=DAILY", "ngày 30/6/2025"),
    ("periodic, no cycle named", "định kỳ", "recurring", None, "kỳ họp thứ 10"),
    ("before", "trước ngày 30/6/2025", "date", None, "trước khi nghiệm thu"),
    ("at the latest", "chậm nhất ngày 30/6/2025", "date", None, "nhanh nhất có thể"),
    ("until the end of", "đến hết ngày 30/6/2025", "date", None, "đến nơi"),
    ("by the end of", "cuối năm 2026", "date", None, "tháng cuối năm 2026"),
    ("before a month, quarter or year (the day before it starts)", "trước quý III/2026", "date", None,
     "trước ngày 30/6/2026"),
    ("starting from", "bắt đầu từ ngày 01/7/2025", "ongoing", None, "bắt đầu ngày 01/7/2025"),
    ("from", "từ ngày 01/7/2025", "period", None, "từng tháng"),
    ("on the day", "trong ngày 01/7/2025", "date", None, "trong tháng 7/2025"),
    ("continuous", "liên tục", "ongoing", None, "tục lệ"),
]


def _phrase_row(name: str):
    return next(p for p in PHRASES if p.name == name)


@pytest.mark.parametrize("name,text,kind,rrule,near_miss", DEADLINE_PHRASE_ROWS, ids=_ids(DEADLINE_PHRASE_ROWS, 0))
def test_every_deadline_phrase_reads_its_example(name, text, kind, rrule, near_miss):
    row = _phrase_row(name)
    assert row.regex.search(text.lower()), (name, text)
    assert not row.regex.search(near_miss.lower()), (name, near_miss)
    got = parse_deadline(text, 2025)
    assert got.kind == kind
    assert row.kind is None or row.kind in KINDS
    assert row.rrule == rrule
    if rrule:
        assert got.recurrence.startswith(rrule)


def test_deadline_phrase_table_covers_the_lexicon():
    names = [row["name"] for row in load("deadline_phrases")["phrases"]]
    assert len(set(names)) == len(names)
    assert set(names) == {r[0] for r in DEADLINE_PHRASE_ROWS}


# --- deadline forms inside sentences: (form, a sentence, the phrase found, (start, end, RRULE)) ----
DEADLINE_FORM_EXAMPLES = {
    "a day in a cycle": ("Định kỳ trước ngày 30 tháng 6 hằng năm, các sở báo cáo.", "Định kỳ trước ngày 30 tháng 6 hằng năm",
                         (None, None, "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=30")),
    "a cycle, with its day": ("Sở Nội vụ tổng hợp, hằng năm (trước ngày 15/12) báo cáo.", "hằng năm (trước ngày 15/12)",
                              (None, None, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15")),
    "a periodic report": ("Các xã báo cáo định kỳ sáu tháng về UBND huyện.", "định kỳ sáu tháng",
                          (None, None, "FREQ=MONTHLY;INTERVAL=6")),
    "a limit": ("Các đơn vị gửi hồ sơ chậm nhất đến ngày 30/6/2025.", "chậm nhất đến ngày 30/6/2025", (None, "2025-06-30", None)),
    "within a span": ("Báo cáo Thủ tướng Chính phủ trong quý III năm 2012.", "trong quý III năm 2012",
                      ("2012-07-01", "2012-09-30", None)),
    "a limit at a span": ("Các bộ sửa đổi thông tư, hoàn thành trước quý III/2026.", "hoàn thành trước quý III/2026",
                          (None, "2026-06-30", None)),
    "done within a span of this year": ("Sở Y tế hoàn thành trong tháng 6 để trình UBND tỉnh.", "hoàn thành trong tháng 6",
                                        ("2025-06-01", "2025-06-30", None)),
    "done in a span": ("Các sở hoàn thành quý I/2026.", "hoàn thành quý I/2026", ("2026-01-01", "2026-03-31", None)),
    "starting from": ("Định kỳ hằng tháng báo cáo, bắt đầu thực hiện từ tháng 01/2026.", "bắt đầu thực hiện từ tháng 01/2026",
                      ("2026-01-01", None, "FREQ=MONTHLY")),
    "a start without an end": ("Tổ chức thanh tra, kiểm tra từ tháng 01/2026.", "từ tháng 01/2026", ("2026-01-01", None, None)),
    "a time put first": ("Trong tháng 12/2025, các sở rà soát thủ tục hành chính.", "Trong tháng 12/2025",
                         ("2025-12-01", "2025-12-31", None)),
    "opening 'Thường xuyên'": ("Thường xuyên kiểm tra, đôn đốc trong năm 2025.", "Thường xuyên", (None, None, None)),
}


@pytest.mark.parametrize("name", list(DEADLINE_FORM_EXAMPLES))
def test_every_deadline_form_finds_its_example(name):
    sentence, phrase, (start, end, rrule) = DEADLINE_FORM_EXAMPLES[name]
    assert phrase in [m.group(0) for m in find_deadline_phrases(sentence)]
    d = deadline_in_text(sentence, 2025)
    assert (d.start, d.end, d.recurrence) == (start, end, rrule)


def test_deadline_form_table_covers_the_lexicon_in_its_order():
    assert [row["name"] for row in load("deadline_phrases")["in_text_forms"]] == list(DEADLINE_FORM_EXAMPLES)
    assert [n for n, _ in IN_TEXT_FORMS] == list(DEADLINE_FORM_EXAMPLES)


# quarter numerals: every written form (OCR's shapes of "IV" too) names its quarter
QUARTER_ROWS = [
    ("I", "Quý I/2026", "2026-01-01"), ("II", "Quý II/2026", "2026-04-01"), ("III", "Quý III/2026", "2026-07-01"),
    ("IV", "Quý IV/2026", "2026-10-01"), ("1", "Quý 1/2026", "2026-01-01"), ("2", "Quý 2/2026", "2026-04-01"),
    ("3", "Quý 3/2026", "2026-07-01"), ("4", "Quý 4/2026", "2026-10-01"), ("IW", "hoàn thành trong quý IW/2025", "2025-10-01"),
    ("1V", "Quý 1V/2025", "2025-10-01"), ("LV", "quý lV năm 2025", "2025-10-01"),
]


@pytest.mark.parametrize("numeral,text,start", QUARTER_ROWS, ids=_ids(QUARTER_ROWS, 0))
def test_every_quarter_numeral_names_its_quarter(numeral, text, start):
    assert parse_deadline(text, 2025).start == start


def test_quarter_numeral_table_covers_the_lexicon():
    assert set(load("deadline_phrases")["quarter_numerals"]) == {r[0] for r in QUARTER_ROWS}
    assert parse_deadline("Quý V/2026", 2026).start is None          # no fifth quarter


# --- markers: each motto line as printed, in the other tone placement, as OCR damaged it --------
MOTTO_ROWS = [
    ("national motto, first line", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "CỌNG HÒA XÃ HỌI CHỦ NGHĨA VIỆT NAM", "Cộng đồng xã hội"),
    ("national motto, second line", "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc",
     "ĐỌC LẬP - TỤ DO - HẠNH PHÚC", "độc lập tác chiến"),
    ("the Party's header", "ĐẢNG CỘNG SẢN VIỆT NAM", "Đảng Cộng sản Việt Nam",
     "ĐẢNG CỌNG SẢN VIỆT NAM", "Đảng viên cộng đồng"),
]


@pytest.mark.parametrize("name,printed,other_form,ocr_damaged,near_miss", MOTTO_ROWS, ids=_ids(MOTTO_ROWS, 0))
def test_every_motto_pattern_reads_its_line_however_written(name, printed, other_form, ocr_damaged, near_miss):
    pattern = next(re.compile(r["pattern"]) for r in load("markers")["motto"] if r["name"] == name)
    for text in (printed, other_form, ocr_damaged):
        assert pattern.search(fold_chars(text)), text
        assert has_motto(text)
    assert not pattern.search(fold_chars(near_miss))
    assert not has_motto(near_miss)


def test_motto_table_covers_the_lexicon():
    assert [r["name"] for r in load("markers")["motto"]] == [r[0] for r in MOTTO_ROWS]
    assert MOTTO_PATTERNS == tuple(r["pattern"] for r in load("markers")["motto"])


# the words that open a part of the body: each opens one, and only followed by its number
PART_WORD_ROWS = [
    ("PHẦN", "PHẦN I. NHỮNG QUY ĐỊNH CHUNG"), ("Phần", "Phần 2: Tổ chức thực hiện"),
    ("CHƯƠNG", "CHƯƠNG II"), ("Chương", "Chương III - ĐIỀU KHOẢN THI HÀNH"),
    ("MỤC", "MỤC 1. PHẠM VI"), ("Mục", "Mục IV. Nhiệm vụ"),
]


@pytest.mark.parametrize("word,line", PART_WORD_ROWS, ids=_ids(PART_WORD_ROWS, 0))
def test_every_part_word_opens_a_part(word, line):
    style, label, *_ = match_label(line)
    assert style == "part" and label.startswith(word)
    assert match_label(f"{word} lớn các đơn vị đã hoàn thành") is None        # a word of a sentence, no number


def test_part_word_table_covers_the_lexicon():
    assert load("markers")["part_words"] == [w for w, _ in PART_WORD_ROWS]


def test_the_article_word_opens_an_article():
    assert load("markers")["article_word"] == "Điều"
    assert match_label("Điều 5. Tổ chức thực hiện")[:3] == ("dieu", "Điều 5", "5")
    assert match_label("Điều chỉnh kế hoạch năm 2026") is None


# lines that close the body: (lexicon key, a line it closes at, a near miss that does not close)
CLOSING_ROWS = [
    ("summing_up", "Trên đây là Kế hoạch triển khai của UBND xã.", "Các nội dung trên đây là nhiệm vụ trọng tâm."),
    ("recipients", "Nơi nhận:", "Nơi tổ chức: Hội trường UBND xã"),
    ("appendix", "PHỤ LỤC", "Các phụ lục kèm theo Kế hoạch"),
    ("appendix", "Phụ lục II", "phụ huynh học sinh"),
]


@pytest.mark.parametrize("key,line,near_miss", CLOSING_ROWS, ids=_ids(CLOSING_ROWS, 1))
def test_every_closing_marker_closes_the_body(key, line, near_miss):
    assert re.match(rf"^\s*(?:{load('markers')[key]})", line, re.I)
    assert CLOSING.match(line)
    assert not CLOSING.match(near_miss)
    if key == "appendix":
        assert APPENDIX.match(line) and not APPENDIX.match(near_miss)


# the lines that end a section's own text (a notice's closing lines as well as the summing-up)
NOTICE_LINES = [
    ("Trên đây là Kế hoạch thực hiện năm 2026 của Sở Nội vụ.", True),
    ("Nay thông báo để các cơ quan, đơn vị biết, thực hiện.", True),
    ("Trân trọng thông báo./.", True),
    ("Thông báo này được gửi đến các đơn vị.", False),
]


@pytest.mark.parametrize("line,closes", NOTICE_LINES)
def test_summing_up_and_notice_lines(line, closes):
    assert bool(SUMMING_UP_OR_NOTICE.match(line)) is closes
    assert bool(SUMMING_UP.match(line)) is line.startswith("Trên đây là")


def test_closing_markers_cover_the_lexicon():
    assert {k for k, _, _ in CLOSING_ROWS} == {"summing_up", "recipients", "appendix"}
    for words in load("markers")["announcing"]:      # each notice closing has its example line above
        assert any(re.match(rf"^\s*{words}", line, re.I) for line, closes in NOTICE_LINES if closes), words


# --- character classes -------------------------------------------------------------------------
# Derived here independently of the lexicon: the Vietnamese vowels, with their hats and horns, under
# each of the five tone marks, composed to NFC.
_BASES = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
VIETNAMESE_LOWER = {unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES} | {"đ"}
MARKED_LOWER = {c for c in VIETNAMESE_LOWER if c not in "aeiouy"}
VIETNAMESE_CAPITALS = {c.upper() for c in VIETNAMESE_LOWER}

# (class, letters it must hold, letters it must not)
CHARCLASS_ROWS = [
    ("capitals", VIETNAMESE_CAPITALS | set("BCDGHKLMNPQRSTVX"), VIETNAMESE_LOWER | set("0-")),
    ("lower", VIETNAMESE_LOWER | set("bcdghklmnpqrstvx"), set("0-,")),
    ("capitals_loose", VIETNAMESE_CAPITALS, set("0-,ab")),
    ("marked_lower", MARKED_LOWER, set("aeiouyAĐ")),
]


@pytest.mark.parametrize("name,holds,not_held", CHARCLASS_ROWS, ids=_ids(CHARCLASS_ROWS, 0))
def test_every_character_class_holds_its_letters(name, holds, not_held):
    cls = re.compile(f"[{charclass(name)}]")
    assert all(cls.fullmatch(c) for c in holds), sorted(c for c in holds if not cls.fullmatch(c))
    assert not any(cls.fullmatch(c) for c in not_held), sorted(c for c in not_held if cls.fullmatch(c))


def test_character_class_examples_read_by_their_users():
    assert _NAME_RE.match("Ngô Xuân Ánh") and _NAME_RE.match("Đặng Ổn")         # capitals
    assert PLACE_RE.search("xã Ân Hảo").group("name") == "Ân Hảo"                  # capitals, lower
    assert _MARKED == MARKED_LOWER                                                   # marked_lower


def test_character_class_table_covers_the_lexicon():
    assert {k for k in load("charclasses") if not k.startswith("_")} == {r[0] for r in CHARCLASS_ROWS}
    assert set(charclass("marked_lower")) == MARKED_LOWER                    # exactly, one letter each


# --- header words --------------------------------------------------------------------------------
# the words that open the body (the header ends before them): (lexicon entry, a line, a near miss)
BODY_OPENER_ROWS = [
    (r"Căn\s+cứ", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "Cơ sở căn cứ"),
    (r"Thực\s+hiện", "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2026 của UBND tỉnh,", "THỰC TẬP SINH"),
    (r"Theo\s+đề\s+nghị", "Theo đề nghị của Giám đốc Sở Nội vụ.", "Theo dõi"),
    (r"Xét\b", "Xét đề nghị của Trưởng phòng Nội vụ,", "Xétnghiệm"),
    (r"Kính\s+gửi", "Kính gửi: Các sở, ban, ngành tỉnh", "Kính chuyển"),
    (r"Trong\s+thời\s+gian", "Trong thời gian qua, công tác cải cách hành chính", "Trong tháng 6"),
    (r"Ngày\s+\d", "Ngày 15/3/2026, UBND tỉnh tổ chức hội nghị", "Ngày hội"),
    (r"Để\s+", "Để triển khai có hiệu quả Kế hoạch số 45/KH-UBND,", "Đề án"),
    (r"Qua\s+", "Qua kiểm tra thực tế tại các xã,", "Quan hệ"),
    (r"Nhằm\s+", "Nhằm nâng cao chất lượng công tác văn thư,", "Nhằmnâng"),
]


@pytest.mark.parametrize("words,line,near_miss", BODY_OPENER_ROWS, ids=_ids(BODY_OPENER_ROWS, 0))
def test_every_body_opener_opens_the_body(words, line, near_miss):
    assert re.match(rf"^\s*{words}", line, re.I)
    assert BODY_START_RE.match(line)
    assert not BODY_START_RE.match(near_miss)


def test_body_opener_table_covers_the_lexicon():
    assert load("header")["body_openers"] == [w for w, _, _ in BODY_OPENER_ROWS]


# the people's committee and council as an issuer line opens: (lexicon entry, an issuer)
PEOPLES_BODY_ROWS = [
    ("Ủy ban nhân dân", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"),
    ("Uỷ ban nhân dân", "UỶ BAN NHÂN DÂN HUYỆN ĐAM RÔNG"),
    ("UBND", "UBND xã Bình Yên"),
    ("Hội đồng nhân dân", "Hội đồng nhân dân tỉnh Quảng Ngãi"),
    ("HĐND", "HĐND thành phố Huế"),
]


@pytest.mark.parametrize("body,issuer", PEOPLES_BODY_ROWS, ids=_ids(PEOPLES_BODY_ROWS, 0))
def test_every_peoples_body_opens_an_issuer(body, issuer):
    assert _PEOPLES_COMMITTEE_RE.match(issuer).group(0).lower() == body.lower()
    assert not _PEOPLES_COMMITTEE_RE.match("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")


def test_peoples_body_table_covers_the_lexicon():
    assert load("header")["peoples_bodies"] == [b for b, _ in PEOPLES_BODY_ROWS]


# the words naming an administrative unit: (word, a place it names, the second line of a stacked
# issuer it opens, OCR-damaged or in capitals)
UNIT_WORD_ROWS = [
    ("thành phố", "thành phố Huế", "THÀNH PHỐ HÀ NỘI"),
    ("thị xã", "thị xã Sa Pa", "THỊ XÃ BUÔN HỒ"),
    ("thị trấn", "thị trấn Mộc Châu", "THỊ TRÂN NÔNG TRƯỜNG"),
    ("đặc khu", "đặc khu Phú Quốc", "ĐẶC KHU CÔN ĐẢO"),
    ("tỉnh", "tỉnh Lâm Đồng", "TỈNH LÀO CAI"),
    ("huyện", "huyện Đam Rông", "HUYỆN ĐĂK TÔ"),
    ("quận", "quận Hoàn Kiếm", "QUẬN 1"),
    ("xã", "xã Bình Yên", "XÃ ĐĂK TƠ VER"),
    ("phường", "phường Ân Hảo", "PHƯỜNG 3"),
]


@pytest.mark.parametrize("word,place,stacked", UNIT_WORD_ROWS, ids=_ids(UNIT_WORD_ROWS, 0))
def test_every_unit_word_names_a_unit(word, place, stacked):
    m = PLACE_RE.search(f"Ủy ban nhân dân {place}")
    assert m and m.group("unit") == word and m.group("name") == place[len(word) + 1:]
    assert _UNIT_START_FOLDED.match(fold_chars(stacked))
    assert not _UNIT_START_FOLDED.match(fold_chars(word + "ng"))          # a longer word, not the unit


def test_unit_word_table_covers_the_lexicon():
    assert load("places")["unit_words"] == [w for w, _, _ in UNIT_WORD_ROWS]


# --- document types: (name as printed in a header, the kind it names) -----------------------------
DOC_TYPE_NAME_ROWS = [
    ("hiến pháp", "hien_phap"), ("bộ luật", "bo_luat"), ("luật", "luat"), ("pháp lệnh", "phap_lenh"),
    ("lệnh", "lenh"), ("nghị quyết liên tịch", "nghi_quyet_lien_tich"), ("nghị quyết", "nghi_quyet"),
    ("nghị định", "nghi_dinh"), ("thông tư liên tịch", "thong_tu_lien_tich"), ("thông tư", "thong_tu"),
    ("quyết định", "quyet_dinh"), ("chỉ thị", "chi_thi"), ("kế hoạch", "ke_hoach"), ("công văn", "cong_van"),
    ("văn bản", "cong_van"), ("công điện", "cong_dien"), ("thông báo", "thong_bao"), ("báo cáo", "bao_cao"),
    ("tờ trình", "to_trinh"), ("kết luận", "ket_luan"), ("hướng dẫn", "huong_dan"), ("quy chế", "quy_che"),
    ("quy định", "quy_dinh"), ("chương trình", "chuong_trinh"), ("đề án", "de_an"),
    ("phương án", "phuong_an"), ("dự án", "du_an"), ("biên bản", "bien_ban"), ("giấy mời", "giay_moi"),
    ("thông tri", "thong_tri"), ("nghị quyết chuyên đề", "nghi_quyet"), ("quy chế phối hợp", "quy_che"),
    ("giấy phép", "giay_phep"), ("quy chuẩn", "quy_chuan"), ("quy chuẩn kỹ thuật quốc gia", "quy_chuan"),
    ("phiếu trình", "phieu_trinh"), ("thông cáo", "thong_cao"), ("hợp đồng", "hop_dong"),
    ("bản ghi nhớ", "ban_ghi_nho"), ("bản thỏa thuận", "ban_thoa_thuan"), ("giấy ủy quyền", "giay_uy_quyen"),
    ("giấy giới thiệu", "giay_gioi_thieu"), ("giấy nghỉ phép", "giay_nghi_phep"), ("phiếu gửi", "phieu_gui"),
    ("phiếu chuyển", "phieu_chuyen"), ("phiếu báo", "phieu_bao"), ("điều lệ", "dieu_le"),
]


@pytest.mark.parametrize("name,kind", DOC_TYPE_NAME_ROWS, ids=_ids(DOC_TYPE_NAME_ROWS, 0))
def test_every_document_type_name_names_its_kind(name, kind):
    if kind == "cong_van":                       # "VĂN BẢN" is not a header kind: it names a cited letter
        text = f"Căn cứ {name.capitalize()} số "
        assert _kind_before(text, len(text))[0] == kind
        assert _type_line(_doc_of_lines([name.upper()]).lines) is None
        return
    found = _type_line(_doc_of_lines(["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", name.upper(), "Về việc tổ chức thực hiện"]).lines)
    assert found is not None and found[1] == kind


def test_document_type_name_table_covers_the_lexicon():
    assert load("doc_types")["names"] == dict(DOC_TYPE_NAME_ROWS)


# (type code in a document number, the kind it names)
DOC_TYPE_CODE_ROWS = [
    ("KH", "ke_hoach"), ("QĐ", "quyet_dinh"), ("QD", "quyet_dinh"), ("NĐ", "nghi_dinh"), ("ND", "nghi_dinh"),
    ("TT", "thong_tu"), ("TTLT", "thong_tu_lien_tich"), ("CT", "chi_thi"), ("NQ", "nghi_quyet"),
    ("NQLT", "nghi_quyet_lien_tich"), ("TB", "thong_bao"), ("BC", "bao_cao"), ("TTr", "to_trinh"),
    ("KL", "ket_luan"), ("HD", "huong_dan"), ("QH", "luat"), ("L", "luat"), ("PL", "phap_lenh"),
    ("CĐ", "cong_dien"), ("CTr", "chuong_trinh"), ("ĐA", "de_an"), ("PA", "phuong_an"), ("QC", "quy_che"),
    ("QyĐ", "quy_dinh"), ("BB", "bien_ban"), ("GM", "giay_moi"), ("CV", "cong_van"),
    ("HĐ", "hop_dong"), ("GP", "giay_phep"),
]


@pytest.mark.parametrize("code,kind", DOC_TYPE_CODE_ROWS, ids=_ids(DOC_TYPE_CODE_ROWS, 0))
def test_every_document_type_code_names_its_kind(code, kind):
    [number] = find_numbers(f"Căn cứ văn bản số 12/2024/{code.rstrip('-')}-UBND ngày 01/01/2024")
    assert number.doc_type == kind


def test_document_type_code_table_covers_the_lexicon():
    assert load("doc_types")["codes"] == dict(DOC_TYPE_CODE_ROWS)


# (a type code as typed or as OCR/fonts spell it, the code it stands for)
CODE_TYPO_ROWS = [("Tg", "TTg"), ("QÐ", "QĐ"), ("NÐ", "NĐ")]      # "Ð" is the Icelandic eth, not "Đ"


@pytest.mark.parametrize("typo,code", CODE_TYPO_ROWS, ids=_ids(CODE_TYPO_ROWS, 0))
def test_every_code_typo_is_read_as_its_code(typo, code):
    [number] = find_numbers(f"Căn cứ văn bản số 12/2024/{typo}-UBND ngày 01/01/2024")
    assert number.number == f"12/2024/{code}-UBND"


def test_code_typo_table_covers_the_lexicon():
    assert load("doc_types")["code_typos"] == dict(CODE_TYPO_ROWS)


def _doc_of_lines(texts: list[str]):
    return assemble(RawDocument(blocks=[RawLine(text=t, column="full", paragraph_break=True) for t in texts],
                                pages=[], format="text"))


# --- assignment words: (handle verb, a sentence assigning work with it, an owner heading ending in it)
HANDLE_VERB_ROWS = [
    (r"chủ\s+trì", "Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tổ chức kiểm tra.",
     ", chủ trì, phối hợp với các sở, ngành:"),
    (r"có\s+trách\s+nhiệm", "UBND các xã có trách nhiệm báo cáo kết quả trước ngày 15/12/2026.",
     " có trách nhiệm:"),
    (r"chịu\s+trách\s+nhiệm", "Giám đốc Sở Y tế chịu trách nhiệm thi hành Quyết định này.",
     " chịu trách nhiệm, phối hợp với Công an tỉnh:"),
]


@pytest.mark.parametrize("verb,sentence,heading_tail", HANDLE_VERB_ROWS, ids=_ids(HANDLE_VERB_ROWS, 0))
def test_every_handle_verb_assigns_work(verb, sentence, heading_tail):
    m = _HANDLE_VERBS.search(sentence)
    assert m and re.fullmatch(rf"\s+{verb}", m.group(0), re.I)
    assert _OWNER_TAIL.match(heading_tail)
    assert not _HANDLE_VERBS.search("Sở Nội vụ chủ động rà soát, trách nhiệm thuộc về các xã.")   # near misses


def test_handle_verb_table_covers_the_lexicon():
    assert load("assignment_words")["handle_verbs"] == [v for v, _, _ in HANDLE_VERB_ROWS]


# the words telling lead from collaborators inside an owner cell or header, spaced or not:
# (lexicon key, cells split into (lead, support), a header naming both)
OWNER_CELL_ROWS = [
    ("lead_word", [("Chủ trì: Sở Nội vụ; Phối hợp: các sở, ngành", ("Sở Nội vụ", "các sở, ngành")),
                   ("Sở Tư pháp (chủtrì)", ("Sở Tư pháp", "")),
                   ("Sở Y tế chủ trì", ("Sở Y tế", ""))],
     "Đơn vị chủ trì/phối hợp"),
    ("support_word", [("Sở Nội vụ (chủ trì); Sở Tư pháp (phối hợp)", ("Sở Nội vụ", "Sở Tư pháp")),
                      ("Sở Nội vụ chủ trì, phốihợp với Công an tỉnh", ("Sở Nội vụ", "Công an tỉnh"))],
     "Chủ trì, phối hợp"),
]


@pytest.mark.parametrize("key,cells,header", OWNER_CELL_ROWS, ids=_ids(OWNER_CELL_ROWS, 0))
def test_owner_cell_words_split_lead_from_support(key, cells, header):
    for cell, parts in cells:
        assert split_owner_cell(cell) == parts, cell
    assert cell_role(header) == "lead_support"
    assert split_owner_cell("Sở Nội vụ") is None                        # a plain owner: nothing to split


def test_owner_cell_word_table_covers_the_lexicon():
    words = load("assignment_words")
    assert {k for k in words if k.endswith("_word")} == {k for k, _, _ in OWNER_CELL_ROWS}


def test_the_recipients_marker_marks_a_layout_table():
    assert is_layout_table([["Nơi nhận:\n- Như trên;\n- Lưu: VT.", "Nguyễn Văn Hùng"]])   # no other marker
    assert not is_layout_table([["Sở Nội vụ", "Tổ chức hội nghị"]])


# labelled lines under a lettered item: (slot, lexicon entry, a label holding it, a near miss)
LINE_LABEL_ROWS = [
    ("support", "phối hợp", "Đơn vị phối hợp", "Phối kết hợp"),
    ("lead", "phụ trách", "Phụ trách", "Trách nhiệm"),
    ("lead", "chủ trì", "Cơ quan chủ trì", "Chủ tịch"),
    ("deadline", r"thời\s+gian", "Thời gian thực hiện", "Trong thời gian"),
    ("deadline", r"thời\s+hạn", "Thời hạn hoàn thành", "Gia hạn"),
    ("deadline", r"tiến\s+độ", "Tiến độ", "Cải tiến"),
    ("deadline", r"thời\s+điểm", "Thời điểm báo cáo", "Địa điểm"),
]


@pytest.mark.parametrize("slot,entry,label,near_miss", LINE_LABEL_ROWS, ids=_ids(LINE_LABEL_ROWS, 2))
def test_every_line_label_fills_its_slot(slot, entry, label, near_miss):
    assert label_slot(label.lower()) == slot
    assert label_slot(near_miss.lower()) is None


def test_line_label_table_covers_the_lexicon():
    labels = load("assignment_words")["line_labels"]
    assert {(slot, e) for slot, entries in labels.items() for e in entries} == {(s, e) for s, e, _, _ in LINE_LABEL_ROWS}


# --- part kinds: (kind, folded phrase, a heading as printed it makes that kind, a near miss) ------
from vanban.extractors.tasks import prose as _prose  # noqa: E402

_KIND_PATTERNS = {"non_assigning": _prose.NON_ASSIGNING_PARTS, "implementation": _prose.IMPLEMENTATION_PARTS,
                  "proposal": _prose.PROPOSAL_PARTS, "prescribing_labels": _prose.PRESCRIBING_LABELS}
PART_KIND_ROWS = [
    ("non_assigning", "muc dich", "MỤC ĐÍCH, YÊU CẦU", "Sử dụng đúng mục đích"),
    ("non_assigning", "yeu cau", "Yêu cầu", "Đề nghị yêu cầu"),
    ("non_assigning", "muc tieu", "Mục tiêu cụ thể", "Các mục tiêu"),
    ("non_assigning", "chi tieu", "CHỈ TIÊU", "Các chỉ tiêu"),
    ("non_assigning", "quan diem", "Quan điểm chỉ đạo", "Sở Nội vụ"),
    ("non_assigning", "danh gia chung", "Đánh giá chung", "Đánh giá kết quả"),
    ("non_assigning", "tinh hinh", "Tình hình thực hiện", "Sở Tài chính"),
    ("non_assigning", "ket qua", "KẾT QUÁ THỰC HIỆN", "Công tác"),          # the OCR'd tone still folds
    ("non_assigning", "pham vi", "Phạm vi điều chỉnh", "Trong phạm vi"),
    ("non_assigning", "doi tuong", "Đối tượng úp dụng", "Các đối tượng"),
    ("non_assigning", "giai thich tu ngu", "Giải thích từ ngữ", "Giải pháp"),
    ("implementation", "to chuc thuc hien", "TÔ CHỨC THỰC HIỆN", "Thực hiện"),
    ("implementation", "phan cong", "Phân công nhiệm vụ", "Công tác phân công"),
    ("implementation", "trach nhiem", "Trách nhiệm của các sở, ngành", "Các sở có trách nhiệm"),
    ("proposal", "de xuat", "ĐỀ XUẤT NHIỆM VỤ, GIẢI PHÁP", "Nhiệm vụ đề xuất"),
    ("proposal", "kien nghi", "KIẾN NGHỊ", "Xử lý kiến nghị"),
]
for _label in ("giai phap", "giai phap khac phuc", "de xuat giai phap", "de xuat giai phap khac phuc", "bien phap",
               "bien phap khac phuc", "de xuat", "kien nghi"):
    PART_KIND_ROWS.append(("prescribing_labels", _label, _label.capitalize() + ": Sở Tư pháp tập trung rà soát.",
                           _label.capitalize() + " Sở Tư pháp tập trung rà soát."))
# a report's planning part: an opener (or none) and a head, never a head followed by 'của' / 'được giao'
PLANNED_WORK_ROWS = [
    ("planned_work_heads", "nhiem vu", "NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2026", "Các nhiệm vụ"),
    ("planned_work_heads", "giai phap", "Giải pháp chủ yếu", "Các giải pháp"),
    ("planned_work_openers", "phuong huong", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", "PHƯƠNG HƯỚNG NĂM 2026"),
    ("planned_work_openers", "de xuat", "ĐỀ XUẤT NHIỆM VỤ, GIẢI PHÁP", "ĐỀ XUẤT"),
    ("planned_work_openers", "kien nghi", "KIẾN NGHỊ, GIẢI PHÁP", "KIẾN NGHỊ"),
    ("planned_work_openers", "dinh huong", "ĐỊNH HƯỚNG NHIỆM VỤ", "ĐỊNH HƯỚNG PHÁT TRIỂN"),
    ("planned_work_not_after", "cua", "Nhiệm vụ trọng tâm", "Nhiệm vụ của các sở"),
    ("planned_work_not_after", "duoc giao", "Nhiệm vụ năm 2026", "Nhiệm vụ được giao"),
]


@pytest.mark.parametrize("kind,phrase,heading,miss", PART_KIND_ROWS, ids=[f"{k}:{p}" for k, p, _, _ in PART_KIND_ROWS])
def test_every_part_kind_phrase_classifies_a_heading(kind, phrase, heading, miss):
    assert _prose.part_is(_KIND_PATTERNS[kind], heading)
    assert not _prose.part_is(_KIND_PATTERNS[kind], miss)


@pytest.mark.parametrize("key,phrase,heading,miss", PLANNED_WORK_ROWS, ids=[f"{k}:{p}" for k, p, _, _ in PLANNED_WORK_ROWS])
def test_every_planned_work_phrase_classifies_a_heading(key, phrase, heading, miss):
    assert _prose.part_is(_prose.PLANNED_WORK_PARTS, heading)
    assert not _prose.part_is(_prose.PLANNED_WORK_PARTS, miss)


@pytest.mark.parametrize("phrase", load("part_kinds")["implementation_articles"])
def test_every_implementation_article_word_finds_its_article(phrase):
    from vanban.pipeline.textnorm import fold_chars
    heading = {"to chuc thuc hien": "Tổ chức thực hiện", "trach nhiem": "Trách nhiệm thi hành",
               "thi hanh": "Điều khoản thi hành"}[phrase]
    assert _prose.IMPLEMENTATION_ARTICLES.search(fold_chars(heading))
    assert not _prose.IMPLEMENTATION_ARTICLES.search(fold_chars("Phạm vi điều chỉnh"))


def test_part_kind_tables_cover_the_lexicon():
    kinds = load("part_kinds")
    for kind in _KIND_PATTERNS:
        assert sorted(kinds[kind]) == sorted(p for k, p, _, _ in PART_KIND_ROWS if k == kind), kind
    for key in ("planned_work_heads", "planned_work_openers", "planned_work_not_after"):
        assert sorted(kinds[key]) == sorted(p for k, p, _, _ in PLANNED_WORK_ROWS if k == key), key

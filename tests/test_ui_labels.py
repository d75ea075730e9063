"""The pages people read speak Vietnamese: a record's warnings (English, for programs and
the CLI) are shown translated by the patterns of pipeline/data/ui_labels.json.

Each example is a warning as the code writes it (the sites are named); every pattern of the
table is exercised by one, and nothing English is left in what the page shows."""

import re

import pytest

from vanban.pipeline.review.labels import _labels, warning_label
from vanban.pipeline.review.page import render_review

from .conftest import SAMPLES

EXAMPLES = [
    # extractors/metadata.py — the number field
    ("document number read as '43/KH-UBND' and, on a second reading, as '48/KH-UBND'; left null rather than risk a wrong digit",
     "Số hiệu đọc là '43/KH-UBND', lần đọc thứ hai là '48/KH-UBND'; để trống để không ghi sai chữ số"),
    ("document number '43/KH-UBND' read with low OCR confidence (41); left null rather than risk a wrong digit",
     "Số hiệu '43/KH-UBND' đọc với độ tin cậy OCR thấp (41); để trống để không ghi sai chữ số"),
    ("document number not legible (handwritten?): read as '9% /TTr-CAT'", "Số hiệu không đọc được (viết tay?): đọc là '9% /TTr-CAT'"),
    ("document number is blank (unsigned draft or number written by hand)", "Số hiệu để trống (dự thảo chưa ký hoặc số viết tay)"),
    ("document number taken from the e-office issuing stamp", "Số hiệu lấy từ dấu phát hành của văn phòng điện tử"),
    # extractors/metadata.py — the date and the issuer
    ("issue date taken from the e-office issuing stamp", "Ngày ban hành lấy từ dấu phát hành của văn phòng điện tử"),
    ("header date not legible but the document's own appendix reference says 'kèm theo Kế hoạch số 43/KH-UBND ngày 05/3/2025'"
     " (2025-03-05)",
     "Ngày ở phần đầu là không đọc được nhưng phụ lục của chính văn bản ghi 'kèm theo Kế hoạch số 43/KH-UBND ngày 05/3/2025'"
     " (2025-03-05)"),
    ("issue day not legible (handwritten?): 'ngày tháng 12 năm 2011'; left null",
     "Ngày ban hành không đọc được (viết tay?): 'ngày tháng 12 năm 2011'; để trống"),
    ("issue date not legible or blank: 'ngày … tháng … năm'", "Ngày ban hành không đọc được hoặc để trống: 'ngày … tháng … năm'"),
    ("issue date taken from the digital-signature time (header date not legible)",
     "Ngày ban hành lấy từ thời điểm ký số (ngày ở phần đầu không đọc được)"),
    ("issuer not in a header; taken from the document's own closing/appendix",
     "Cơ quan ban hành không có ở phần đầu; lấy từ phần cuối hoặc phụ lục của văn bản"),
    ("issuer not found", "Không tìm thấy cơ quan ban hành"),
    ("document kind not found", "Không xác định được loại văn bản"),
    # pipeline/record.py
    ("citation 61/2018/NĐ-CP: read differently on a second OCR pass (67/2018/NĐ-CP); check the digits",
     "Trích dẫn 61/2018/NĐ-CP: lần OCR thứ hai đọc khác (67/2018/NĐ-CP); cần kiểm tra các chữ số"),
    ("task 3: deadline year taken from the document (2021)", "Nhiệm vụ 3: năm của thời hạn lấy theo năm của văn bản (2021)"),
    # readers
    ("workbook over 200000 cells: the rest was not read", "Bảng tính quá 200000 ô: phần còn lại không được đọc"),
    ("HTML bytes are not valid in any known charset: undecodable bytes replaced",
     "Tệp HTML có byte không hợp lệ trong mọi bảng mã đã biết: các byte đó đã được thay thế"),
    ("legacy TCVN3 and VNI font text decoded to Unicode", "Văn bản phông cũ TCVN3 and VNI đã được giải mã sang Unicode"),
    ("legacy VNI font encoding converted to Unicode", "Bảng mã cũ VNI đã được chuyển sang Unicode"),
    ("legacy TCVN3 encoding converted to Unicode", "Bảng mã cũ TCVN3 đã được chuyển sang Unicode"),
]


@pytest.mark.parametrize("english,vietnamese", EXAMPLES)
def test_each_warning_is_shown_in_vietnamese(english, vietnamese):
    assert warning_label(english) == vietnamese


def test_every_pattern_of_the_table_has_an_example():
    for pattern, _template in _labels()["warnings"]:
        assert any(re.fullmatch(pattern, english) for english, _ in EXAMPLES), pattern


def test_an_unknown_warning_is_shown_as_it_is():
    assert warning_label("something new happened") == "something new happened"


def test_the_review_page_lists_the_warnings_in_vietnamese(parse):
    record = dict(parse(str(SAMPLES / "000_1e1698cb1e74ad37.txt")))
    record["warnings"] = ["issuer not found", "task 3: deadline year taken from the document (2021)"]
    items = re.findall(r'<li class="warning">(.*?)</li>', render_review(record))
    assert items == ["Không tìm thấy cơ quan ban hành", "Nhiệm vụ 3: năm của thời hạn lấy theo năm của văn bản (2021)"]

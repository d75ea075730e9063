"""Table tests for the frame markers and the signer-name shape (one spelling each, Vietnamese capitals)."""

from __future__ import annotations

import pytest

from vanban.extractors.metadata import _NAME_RE
from vanban.pipeline.markers import has_motto, motto_spans
from vanban.pipeline.readers.layout_tables import is_layout_table


@pytest.mark.parametrize("text,found", [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),      # old tone placement
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),      # new tone placement
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", True),
    ("CỌNG HÒA XÃ HỌI CHỦ NGHĨA VIỆT NAM", True),      # OCR damage to the marks
    ("CỘNGHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),       # OCR lost a space
    ("Độc lập - Tự do - Hạnh phúc", True),
    ("Độc lập – Tự do – Hạnh phúc", True),
    ("ĐẢNG CỘNG SẢN VIỆT NAM", True),                  # the Party's header
    ("CQNG HOA XA HQI CHU NGHIA", False),              # letters OCR replaced are not guessed back
    ("Cộng đồng xã hội", False),
    ("độc lập tác chiến", False),
])
def test_motto_is_one_pattern_for_readers_and_extractors(text, found):
    assert has_motto(text) is found
    assert is_layout_table([[text, "x"]]) is found           # the reader's layout-table test uses it too


def test_motto_spans_point_into_the_text():
    line = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TỈNH QUẢNG NGÃI"
    [(start, end)] = motto_spans(line)
    assert line[start:end].strip() == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert line[:start].strip() == "ỦY BAN NHÂN DÂN" and line[end:].strip() == "TỈNH QUẢNG NGÃI"


@pytest.mark.parametrize("name,is_name", [
    ("Ngô Xuân Ánh", True), ("Đặng Ổn", True), ("Lê Ý Nhi", True), ("Nguyễn Văn Hiệp", True),
    ("Ông Ích Khiêm", True), ("Trên đây là", False), ("Nơi nhận", False), ("NGUYỄN VĂN A", False),
])
def test_signer_names_with_vietnamese_capitals(name, is_name):
    assert bool(_NAME_RE.match(name)) is is_name

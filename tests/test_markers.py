"""Table tests for the frame markers and the signer-name shape (one spelling each, Vietnamese capitals)."""

from __future__ import annotations

import pytest

from vanban.extractors.metadata import _NAME_RE
from vanban.pipeline.markers import MOTTO_RE
from vanban.pipeline.readers.layout_tables import _LAYOUT_MARKERS


@pytest.mark.parametrize("text,found", [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),      # old tone placement
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),      # new tone placement
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", True),
    ("Độc lập - Tự do - Hạnh phúc", True),
    ("Độc lập – Tự do – Hạnh phúc", True),
    ("CQNG HOA XA HQI CHU NGHIA", False),              # a toneless scanner layer is not the motto
    ("Cộng đồng xã hội", False),
])
def test_motto_is_one_pattern_for_readers_and_extractors(text, found):
    assert bool(MOTTO_RE.search(text)) is found
    assert bool(_LAYOUT_MARKERS.search(text)) is found


@pytest.mark.parametrize("name,is_name", [
    ("Ngô Xuân Ánh", True), ("Đặng Ổn", True), ("Lê Ý Nhi", True), ("Nguyễn Văn Hiệp", True),
    ("Ông Ích Khiêm", True), ("Trên đây là", False), ("Nơi nhận", False), ("NGUYỄN VĂN A", False),
])
def test_signer_names_with_vietnamese_capitals(name, is_name):
    assert bool(_NAME_RE.match(name)) is is_name

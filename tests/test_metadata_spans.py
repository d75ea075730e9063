"""Every metadata value points at the text it was printed as (``document.spans``).

The check is the reader's: ``record["text"][start:end]`` is the value, or folds to it
(tone marks and case aside — a province's marks restored, a title's capitals written as
running text, an abbreviation expanded).  It runs over the seeds in every form the
project ships, the generated transcriptions of ``tests/data`` and a few real documents
with text layers; each field has its own notion of "the printed form".
"""

from __future__ import annotations

import re

import pytest

from vanban.extractors.issuers import fold_key, full_name
from vanban.extractors.lexicon import load
from vanban.pipeline.output import validate
from vanban.pipeline.review.marks import metadata_value

from .conftest import ROOT, SAMPLES, SHARED

GENERATED = sorted((ROOT / "tests" / "data").glob("*.txt"))
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if not p.name.startswith("."))
MORE = SHARED / "realdocs" / "more"
# real documents read from their text layers or Word XML (no OCR): letters, plans, a notice
REAL_TEXT_DOCS = ["Ke-hoach-CCHC-2026-cua-tinh-Lam-Dong.docx", "Thong-bao-ket-luan-Hoi-nghi-ngay-22.1.2026.docx",
                  "Ke-hoach-thuc-hien-Chuong-trinh-PCMT-den-nam-2030.docx", "2003-CD-VPCP-07102025-2-signed.pdf",
                  "Bao-cao-cac-chi-so-cua-tinh-28.11.pdf", "vht534.signed-20250510-124908.pdf"]


def _letters(text: str) -> str:
    """Letters and digits, folded: how a value and its printed text are compared."""
    return fold_key(text)


def _without_specks(text: str) -> str:
    """OCR's one-letter specks between a name's words left out ("Nguyên Z Hoàng")."""
    return " ".join(w for w in re.sub(r"[^\w\s]", " ", text).split() if len(w) > 1)


def _without_speck_words(text: str) -> str:
    """OCR's short lower-case speck words in a place name left out ("Hà an Nội"); a
    one-letter syllable of the name itself stays ("Ô Môn")."""
    return " ".join(w for w in text.split() if not (w.islower() and len(w) <= 2))


def _kind_names(code: str) -> set[str]:
    return {_letters(name) for name, c in load("doc_types")["names"].items() if c == code}


def _printed_matches(name: str, value: str, printed: str) -> bool:
    """Whether ``printed`` (the spans' text, joined) is the printed form of ``value``."""
    if name == "number":
        return printed == value or " ".join(printed.split()) == " ".join(value.split())
    if name == "issued_date":
        return [int(n) for n in re.findall(r"\d+", printed)] == [int(p) for p in reversed(value.split("-"))]
    if name == "doc_type":
        return _letters(printed) in _kind_names(value)
    if name in ("issuer", "issuer_parent"):
        # a body under a People's Committee takes the committee's place ("Sở Nội vụ tỉnh Gia Lai")
        return _letters(full_name(printed)) in _letters(value) and bool(_letters(printed))
    if name == "place":
        bare = re.sub(r"^(?:thanhpho|tp)", "", _letters(value))
        return re.sub(r"^(?:thanhpho|tp)", "", _letters(_without_speck_words(printed))) == bare
    if name == "signer_name":
        return _letters(_without_specks(printed)) == _letters(value)
    return _letters(printed) == _letters(value)


def span_problems(record: dict) -> list[str]:
    """What is wrong with the record's metadata spans (empty when nothing is)."""
    text, d = record["text"], record["document"]
    problems = []
    for name, spans in d.get("spans", {}).items():
        value = d.get("number_text") if name == "number" else metadata_value(d, name)
        if not value:
            problems.append(f"{name}: a span but no value")
            continue
        if any(not (0 <= s["start"] < s["end"] <= len(text)) for s in spans):
            problems.append(f"{name}: span outside the text: {spans}")
            continue
        if any("\n" in text[s["start"]:s["end"]] for s in spans):
            problems.append(f"{name}: a span crosses a line: {spans}")
        printed = " ".join(text[s["start"]:s["end"]] for s in spans)
        if not _printed_matches(name, value, printed):
            problems.append(f"{name}: value {value!r} but printed {printed!r}")
    return problems


def _check(record: dict, expect: set[str]) -> None:
    assert record["status"] == "ok"
    assert validate(record) == []
    assert span_problems(record) == []
    assert expect <= set(record["document"]["spans"])


# the fields each seed prints (seed 004 is an unsigned draft: no number, date or place)
SEED_FIELDS = {"000": {"number", "issued_date", "place", "issuer", "doc_type", "title", "signer_name", "signer_position"},
               "004": {"issuer", "doc_type", "title", "signer_name", "signer_position"}}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_seed_spans_point_at_the_printed_values(parse, path):
    record = parse(path)
    _check(record, SEED_FIELDS[path.name[:3]])
    assert "number" not in record["document"]["spans"] or record["document"]["number_text"]


@pytest.mark.parametrize("path", GENERATED, ids=lambda p: p.name)
def test_generated_spans_point_at_the_printed_values(parse, path):
    _check(parse(path), {"doc_type", "title"})


@pytest.mark.parametrize("name", REAL_TEXT_DOCS)
def test_real_document_spans_point_at_the_printed_values(parse, name):
    path = MORE / name
    if not path.exists():
        pytest.skip(f"{path} not found")
    record = parse(path)
    _check(record, set())
    assert record["document"]["spans"], "a real document prints some of its metadata"


def test_a_dropped_title_prefix_is_left_out_of_the_span(parse):
    """``Về việc ban hành …``: the value drops the prefix, so does its span — and a
    stacked issuer ``UBND TỈNH GIA LAI / SỞ NỘI VỤ`` points at its own line only."""
    record = parse(ROOT / "tests" / "data" / "qd-so-noi-vu.txt")
    d, text = record["document"], record["text"]
    (title,) = d["spans"]["title"]
    assert text[title["start"]:title["end"]].startswith("ban hành Kế hoạch")
    assert [text[s["start"]:s["end"]] for s in d["spans"]["issuer"]] == ["SỞ NỘI VỤ"]
    assert [text[s["start"]:s["end"]] for s in d["spans"]["issuer_parent"]] == ["UBND TỈNH GIA LAI"]


def test_a_two_line_issuer_has_a_span_per_line(parse):
    record = parse(ROOT / "tests" / "data" / "kh-huyen-bang-khac.txt")
    d, text = record["document"], record["text"]
    assert [text[s["start"]:s["end"]] for s in d["spans"]["issuer"]] == ["ỦY BAN NHÂN DÂN", "HUYỆN ĐỊNH HÓA"]
    assert len({text.count("\n", 0, s["start"]) for s in d["spans"]["issuer"]}) == 2


@pytest.mark.parametrize("name,value,printed,ok", [
    ("number", "43 /KH-UBND", "43 /KH-UBND", True),
    ("number", "43 /KH-UBND", "48 /KH-UBND", False),
    ("issued_date", "2021-09-22", "ngày 22 tháng 9 năm 2021", True),
    ("issued_date", "2021-09-22", "ngày 22 tháng 9 năm 2012", False),
    ("place", "Lâm Đồng", "Lâm Đông", True),
    ("place", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", True),
    ("place", "Lâm Đồng", "Gia Lai", False),
    ("place", "Hà Nội", "Hà an Nội", True),
    ("place", "Ô Môn", "Ô Môn", True),
    ("issuer", "Ủy ban nhân dân xã Bình Yên", "UBND xã Bình Yên", True),
    ("issuer", "Sở Nội vụ tỉnh Gia Lai", "SỞ NỘI VỤ", True),
    ("issuer", "Sở Nội vụ tỉnh Gia Lai", "CỘNG HÒA XÃ HỘI", False),
    ("title", "Phòng, chống thiên tai năm 2025", "PHÒNG, CHỐNG THIÊN TAI NĂM 2025", True),
    ("title", "Phòng, chống thiên tai năm 2025", "Về việc phòng, chống thiên tai năm 2025", False),
    ("doc_type", "quyet_dinh", "QUYẾT ĐỊNH", True),
    ("doc_type", "ke_hoach", "QUYẾT ĐỊNH", False),
    ("signer_name", "Nguyễn Hoàng Giang", "Nguyên Z Hoàng Giang", True),
    ("signer_position", "Phó Chủ tịch", "CHỦ TỊCH", False),
])
def test_the_printed_form_check_itself(name, value, printed, ok):
    """The comparison the span tests rest on accepts repairs and refuses other text."""
    assert _printed_matches(name, value, printed) is ok


# --- header shapes: each value's span is the text it was read from ---------------------------
def _meta(rows):
    from vanban.extractors.metadata import extract_metadata
    from .test_metadata_headers import doc_of
    doc = doc_of(rows)
    return doc, extract_metadata(doc)


def _printed(doc, meta, name) -> list[str]:
    return [doc.text[s["start"]:s["end"]] for s in meta.spans.get(name, [])]


BODY = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"]
RECIPIENTS = [("Nơi nhận:", "left"), ("- Như trên;", "left"), ("- Lưu: VT.", "left")]

ISSUER_SPAN_CASES = [
    # both sides of a motto merged into the issuer's line
    ([("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TỈNH QUẢNG NGÃI", "full"), ("Số: 12/TB-UBND", "left")],
     ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], []),
    # a stacked issuer: the body's own line; the parent's line is the parent's
    ([("UBND TỈNH LÂM ĐỒNG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "full"), ("SỞ NỘI VỤ", "left"),
      ("Số: 7/TTr-SNV", "left")], ["SỞ NỘI VỤ"], ["UBND TỈNH LÂM ĐỒNG"]),
    # a province whose marks OCR damaged: the span is what was printed, not the repair
    ([("BỘ CÔNG AN", "left"), ("CÔNG AN TĨNH LÀÁM ĐÔNG", "left"), ("Số: 1/TTr-CAT", "left")],
     ["CÔNG AN TĨNH LÀÁM ĐÔNG"], ["BỘ CÔNG AN"]),
    # a proper name over two lines
    ([("BỘ CÔNG THƯƠNG", "left"), ("TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG", "left"), ("THÀNH PHÓ HÒ CHÍ MINH", "left"),
      ("Số: 5/KH-DCT", "left"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right")],
     ["TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG", "THÀNH PHÓ HÒ CHÍ MINH"], ["BỘ CÔNG THƯƠNG"]),
]


@pytest.mark.parametrize("rows,issuer,parent", ISSUER_SPAN_CASES)
def test_issuer_spans_are_its_header_lines(rows, issuer, parent):
    doc, meta = _meta(rows + ["KẾ HOẠCH", "Tổ chức hội nghị"] + BODY)
    assert _printed(doc, meta, "issuer") == issuer
    assert _printed(doc, meta, "issuer_parent") == parent


PLACE_DATE_SPAN_CASES = [
    ("Lâm Đông, ngày 06 tháng 01 năm 2026", "Lâm Đông", ["ngày 06 tháng 01 năm 2026"]),
    ("Hà an Nội, ngày 27 tháng , 5 năm 2026", "Hà an Nội", ["ngày 27 tháng , 5 năm 2026"]),   # specks kept in the span
    ("Thành phó Hô Chí Minh, ngày 23 tháng 6 năm 2026", "Thành phó Hô Chí Minh", ["ngày 23 tháng 6 năm 2026"]),
    ("Quảng Ngãi, ngày @3 tháng 01 năm 2025", "Quảng Ngãi", []),          # an illegible day: null, no span
]


@pytest.mark.parametrize("line,place,date", PLACE_DATE_SPAN_CASES)
def test_place_and_date_spans(line, place, date):
    doc, meta = _meta([("ỦY BAN NHÂN DÂN", "left"), ("Số: 12/KH-UBND", "left"),
                       ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right"), (line, "right"), "KẾ HOẠCH", "Tổ chức"] + BODY)
    assert _printed(doc, meta, "place") == [place]
    assert _printed(doc, meta, "issued_date") == date
    assert _printed(doc, meta, "number") == ["12/KH-UBND"]


def test_a_date_broken_over_two_lines_has_a_span_on_each():
    doc, meta = _meta([("ỦY BAN NHÂN DÂN", "left"), ("TỈNH LÂM ĐỒNG", "left"), ("Số: 12/BC-UBND", "left"),
                       ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right"), ("Lâm Đồng, ngày", "right"),
                       ("15 tháng 01 năm 2026", "right"), "BÁO CÁO", "Kết quả"] + BODY)
    assert meta.issued_date == "2026-01-15"
    assert _printed(doc, meta, "issued_date") == ["ngày", "15 tháng 01 năm 2026"]


def test_the_e_office_stamp_is_the_number_and_date_it_gave():
    doc, meta = _meta([("Phụ lục", "left"), ("Số: 666/TTr-SNV; 22/12/2025; 18:56:39; +07:00", "right"),
                       "TỔNG HỢP Ý KIẾN GÓP Ý ĐỐI VỚI DỰ THẢO KẾ HOẠCH", "NĂM 2026 TỈNH LÂM ĐÔNG", "Nội dung góp ý"])
    assert (_printed(doc, meta, "number"), _printed(doc, meta, "issued_date")) == (["666/TTr-SNV"], ["22/12/2025"])
    assert _printed(doc, meta, "title") == ["TỔNG HỢP Ý KIẾN GÓP Ý ĐỐI VỚI DỰ THẢO KẾ HOẠCH", "NĂM 2026 TỈNH LÂM ĐÔNG"]


SIGNER_SPAN_CASES = [
    # OCR's noise glued before the position; a rank before the name
    ([("ZZ2-sGIÁM ĐÓC", "right"), ("92 =4 N", "right"), ("Thiếu tướng Trương Minh Đương", "right")],
     ["GIÁM ĐÓC"], ["Trương Minh Đương"]),
    ([("KT. CHỦ TỊCH", "right"), ("PHO ˆ CHU 4 TỊCH", "right"), ("TP,", "right"), ("Trần Hoàng Tuấn", "right")],
     ["PHO ˆ CHU 4 TỊCH"], ["Trần Hoàng Tuấn"]),
    # a family name whose marks are restored; a last syllable on the next line
    ([("TM. ỦY BAN NHÂN DÂN", "right"), ("CHỦ TỊCH", "right"), ("l", "right"), ("Nguyên Z Hoàng `", "right"),
      ("Giang :", "right")], ["CHỦ TỊCH"], ["Nguyên Z Hoàng", "Giang"]),
]


@pytest.mark.parametrize("block,position,name", SIGNER_SPAN_CASES)
def test_signer_spans(block, position, name):
    doc, meta = _meta([("ỦY BAN NHÂN DÂN", "left"), ("Số: 1/KH-UBND", "left"), "KẾ HOẠCH", "Tổ chức"] + BODY
                      + RECIPIENTS + block)
    assert _printed(doc, meta, "signer_position") == position
    assert _printed(doc, meta, "signer_name") == name


TITLE_SPAN_CASES = [
    (["TỜ TRÌNH", "Về việc trình ký dự thảo Kế hoạch cải cách hành chính", "năm 2026 tỉnh Lâm Đồng"],
     ["trình ký dự thảo Kế hoạch cải cách hành chính", "năm 2026 tỉnh Lâm Đồng"], ["TỜ TRÌNH"]),
    (["KẾ HOẠCH", "PHÒNG, CHỐNG THIÊN TAI NĂM 2025."], ["PHÒNG, CHỐNG THIÊN TAI NĂM 2025"], ["KẾ HOẠCH"]),
]


@pytest.mark.parametrize("rows,title,kind", TITLE_SPAN_CASES)
def test_title_and_kind_spans(rows, title, kind):
    doc, meta = _meta([("ỦY BAN NHÂN DÂN", "left"), ("Số: 1/KH-UBND", "left")] + rows + BODY)
    assert _printed(doc, meta, "title") == title
    assert _printed(doc, meta, "doc_type") == kind

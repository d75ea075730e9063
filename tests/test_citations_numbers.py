"""Document numbers as real documents print them, and as OCR damages them.

Each table entry is text → the normalised numbers vanban must find in it (an
empty list: none).  The cases come from the classes seen in the dev documents:
QCVN/TCVN standards, the Government's dotted resolution series, Party numbers,
codes joined by '&' or carrying a unit in brackets, OCR doubling a Đ or a dash,
reading a slash as ';' or '⁄', wrapping a code after its dash, splitting a
serial, gluing a symbol to it, and the legislature code of Quốc hội numbers.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanban.extractors.numbers import find_numbers, parse_number, repaired_view
from vanban.extractors.lexicon import load

# Spellings that name another code (QD for QĐ): never the canonical form of a number.
_ALIASES = {k for k, v in load("abbreviations")["number_codes"]["canonical"].items() if k != v}

CASES = [
    # clean shapes
    ("Kế hoạch số 43/KH-UBND ngày 02/7/2026", ["43/KH-UBND"]),
    ("Nghị định số 61/2018/NĐ-CP", ["61/2018/NĐ-CP"]),
    ("Luật số 72/2025/QH15", ["72/2025/QH15"]),
    ("Chỉ thị số 11-CT/TU và Nghị quyết số 668-NQ/ĐU", ["11-CT/TU", "668-NQ/ĐU"]),
    ("Công văn số 2265/BCT-ATMT", ["2265/BCT-ATMT"]),
    ("Số: 43 /KH-UBND", ["43/KH-UBND"]),
    ("Tờ trình số 1856/TTr -SCT", ["1856/TTr-SCT"]),
    ("Quyết định số: 1743/QĐ- BGTVT, 1744/QĐ- BGTVT ngày 31/12/2024", ["1743/QĐ-BGTVT", "1744/QĐ-BGTVT"]),
    ("Nghị quyết SỐ 30c/NQ-CP ngày 08/11/2011", ["30c/NQ-CP"]),
    # dotted normative series, standards
    ("Nghị quyết số 66.7/2025/NQ-CP ngày 15/11/2025", ["66.7/2025/NQ-CP"]),
    ("theo QCVN 01:2019/BCT và TCVN 5574:2018", ["QCVN 01:2019/BCT", "TCVN 5574:2018"]),
    ("TCVN ISO 9001:2015; TCVN 4054-85", ["TCVN ISO 9001:2015", "TCVN 4054-85"]),
    # codes with '&' or a unit in brackets
    ("Công văn số 215/SNV-CCHC&VTLT ngày 14/01/2026", ["215/SNV-CCHC&VTLT"]),
    ("Tờ trình số 409/TTr-CAT(PC04)", ["409/TTr-CAT(PC04)"]),
    # OCR damage that the code tables make unambiguous
    ("Quyết định số 28/QĐĐ- -TTg ngày 24/8/2025", ["28/QĐ-TTg"]),
    ("Quy định số 399-QĐĐ/TW, ngày 09/01/2026", ["399-QĐ/TW"]),
    ("Nghị quyết số 163/2024/QHI5 ngày", ["163/2024/QH15"]),
    ("Nghị quyết 163/2024/QHI15, cụ thể", ["163/2024/QH15"]),
    ("Luật số 20/2008/QHl2", ["20/2008/QH12"]),
    ("Quyết định số 25/2025; QĐ-TTg ngày 22/7/2025", ["25/2025/QĐ-TTg"]),
    ("Nghị định số 27⁄2022/NĐ-CP", ["27/2022/NĐ-CP"]),
    # D for Đ (a typist's plain keyboard, OCR), O for Q: canonical where one code is meant
    ("Quyết định số 12/QD-UBND; Nghị định số 5/2020/ND-CP", ["12/QĐ-UBND", "5/2020/NĐ-CP"]),
    ("Quyết định số 1/OĐ-TTg", ["1/QĐ-TTg"]),
    ("Nghị quyết số 420/2025/NQ-HDND; Công văn số 2637/BGDDT-VP", ["420/2025/NQ-HĐND", "2637/BGDĐT-VP"]),
    ("Công điện số 7/CD-TTg", ["7/CĐ-TTg"]),
    ("Hướng dẫn số 37/HD-BCA và dự án số 4/DA-UBND", ["37/HD-BCA", "4/DA-UBND"]),   # HD, DA are codes of their own
    ("Công văn số 6138/UBND-\t\nKGVX ngày 13/11/2024", ["6138/UBND-KGVX"]),
    # not numbers, or misreads that must not become a wrong number
    ("Công văn số 67§5/VPCP-KGVX", []),
    ("Só:#3 /TTr-UBND", []),
    ("Nghị định số 2 7⁄2022/NĐ-CP", ["27/2022/NĐ-CP"]),   # a serial split right after "số"
    ("khoản 2 7/2022/NĐ-CP", []),                          # elsewhere a split serial is not guessed
    ("Điện thoại 0912.345.678; ngày 31/12/2020; đạt 73,79/100; trang 5/12", []),
    ("giá 1.500.000 đồng/m2, 25/25 xã", []),
    ("dùng bảng mã TCVN3 hoặc TCVN 3", []),
    ("năm 2019/BCT", ["2019/BCT"]),   # a bare code after a number stays a number; citations decide
]


@pytest.mark.parametrize("text,expected", CASES)
def test_numbers_found_in_text(text, expected):
    assert [n.number for n in find_numbers(text)] == expected


@pytest.mark.parametrize("text,expected", CASES)
def test_number_spans_point_at_the_text(text, expected):
    for n in find_numbers(text):
        assert text[n.start:n.end] == n.text


def test_a_standard_hides_the_number_inside_it():
    assert [n.doc_type for n in find_numbers("QCVN 06:2022/BXD")] == ["quy_chuan"]


LEGISLATURE_CASES = [("QHI5", 2024, "QH15"), ("QHI15", 2024, "QH15"), ("QHI4", 2018, "QH14"),
                     ("QHl3", 2013, "QH13"), ("QHI5", 2010, "QHI5"), ("QH15", 2010, "QH15")]


@pytest.mark.parametrize("code,year,expected", LEGISLATURE_CASES)
def test_legislature_code_read_from_the_year(code, year, expected):
    n = parse_number(f"1/{year}/{code}")
    assert n is not None and n.codes == [expected]


def test_canonical_spellings_name_known_codes():
    known = set(load("doc_types")["codes"]) | set(load("issuers")["codes"])
    for alias, code in load("abbreviations")["number_codes"]["canonical"].items():
        assert code in known or alias == code, alias


@given(st.sampled_from(sorted(_ALIASES)))
def test_an_alias_spelling_reads_as_its_code(alias):
    canonical = load("abbreviations")["number_codes"]["canonical"][alias]
    assert find_numbers(f"số 12/{alias}-UBND")[0].codes[0] == canonical


def test_legislature_table_is_contiguous_and_names_each_term():
    terms = load("abbreviations")["number_codes"]["legislatures"]
    spans = sorted((int(k), v) for k, v in terms.items())
    for (a, (_, end_a)), (b, (start_b, _)) in zip(spans, spans[1:]):
        assert b == a + 1 and start_b == end_a          # one term starts the year the last ends
    assert all(first < last for _, (first, last) in spans)


# --- properties -------------------------------------------------------------------------------

TYPE_CODES = sorted(c for c in load("doc_types")["codes"] if re.fullmatch(r"[A-ZĐ][A-Za-zĐ]*", c) and c not in _ALIASES)
ISSUER_CODES = sorted(c for c in load("issuers")["codes"] if re.fullmatch(r"[A-ZĐ][A-Za-zĐ]*", c))


@st.composite
def numbers(draw) -> str:
    serial = str(draw(st.integers(1, 99999)))
    year = draw(st.one_of(st.none(), st.integers(1990, 2030)))
    codes = [draw(st.sampled_from(TYPE_CODES)), draw(st.sampled_from(ISSUER_CODES))]
    middle = f"{year}/" if year else ""
    return f"{serial}/{middle}{'-'.join(codes)}"


@given(numbers(), st.sampled_from(["số ", "Số: ", "(", "; ", ", "]), st.sampled_from(["", " ngày 01/01/2020", ";", ")"]))
def test_a_clean_number_is_found_whole_in_any_sentence(number, before, after):
    found = find_numbers(f"Căn cứ văn bản {before}{number}{after} của cơ quan")
    assert [n.number for n in found] == [number]


@given(numbers(), st.sampled_from([" ", "  ", " - "]))
def test_stray_spaces_and_a_doubled_dash_do_not_change_the_number(number, gap):
    damaged = number.replace("-", gap.replace(" - ", "- -") if gap == " - " else gap + "-", 1)
    found = find_numbers(f"số {damaged} ngày")
    assert [n.number for n in found] == [number]


@given(st.text(alphabet="0123456789/.,:- ()đồng", max_size=40))
def test_digits_and_punctuation_alone_are_never_a_number(text):
    assert find_numbers(text) == []


@given(st.text(max_size=80))
def test_the_repaired_view_keeps_every_offset(text):
    assert len(repaired_view(text)) == len(text)

"""Table-driven and property tests for the number, date and deadline parsers."""

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from vanban.extractors.dates import find_dates, parse_date
from vanban.extractors.deadlines import KINDS, parse_deadline
from vanban.extractors.numbers import find_numbers, parse_number

NUMBERS = [
    ("Số: 43/KH-UBND", "43/KH-UBND", "ke_hoach"),
    ("Số **43** /KH-UBND".replace("**", ""), "43/KH-UBND", "ke_hoach"),
    ("Quyết định số 7196/QĐ-UBND", "7196/QĐ-UBND", "quyet_dinh"),
    ("Nghị định số 61/2018/NĐ-CP ngày", "61/2018/NĐ-CP", "nghi_dinh"),
    ("Chỉ thị 11-CT/TU", "11-CT/TU", "chi_thi"),
    ("Công văn số 179/NV-CCHC", "179/NV-CCHC", "cong_van"),
    ("Tờ trình 1856/TTr -SCT", "1856/TTr-SCT", "to_trinh"),
    ("Luật số 72/2025/QH15", "72/2025/QH15", "luat"),
    ("Quyết định 866/QĐ-Tg", "866/QĐ-TTg", "quyet_dinh"),
    ("Số: 2265/BCT-ATMT", "2265/BCT-ATMT", "cong_van"),
    ("Nghị quyết số 668-NQ/ĐU", "668-NQ/ĐU", "nghi_quyet"),
    ("Thông tư số 01/2018/TT-VPCP", "01/2018/TT-VPCP", "thong_tu"),
]


@pytest.mark.parametrize("text,number,doc_type", NUMBERS)
def test_numbers(text, number, doc_type):
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.number == number
    assert parsed.doc_type == doc_type


@pytest.mark.parametrize("text", ["73,79/100 điểm", "ngày 31/12/2020", "tỷ lệ 1/2", "Số:        /KH-UBND", "a/b"])
def test_not_numbers(text):
    assert parse_number(text) is None


DATES = [
    ("ngày 22 tháng 9 năm 2021", dt.date(2021, 9, 22)),
    ("22/9/2021", dt.date(2021, 9, 22)),
    ("Lào Cai, ngày 02 tháng 7 năm 2026", dt.date(2026, 7, 2)),
    ("ngày 31/12/2020 của", dt.date(2020, 12, 31)),
    ("22-9-2021", dt.date(2021, 9, 22)),
    ("02.04.2026 14:24:26", dt.date(2026, 4, 2)),
    ("ngày 16\ntháng 6 năm 2025", dt.date(2025, 6, 16)),
]


@pytest.mark.parametrize("text,want", DATES)
def test_dates(text, want):
    assert parse_date(text) == want


@pytest.mark.parametrize("text", ["31/02/2021", "ngày 0$ tháng È năm 2026", "73,79/100", "1/2018/NĐ-CP"])
def test_not_dates(text):
    assert parse_date(text) is None


def test_yearless_date_takes_document_year():
    assert parse_date("trước ngày 30/6", default_year=2024) == dt.date(2024, 6, 30)


DEADLINES = [
    ("Năm 2021", "period", "2021-01-01", "2021-12-31", None),
    ("Trong năm 2023", "period", "2023-01-01", "2023-12-31", None),
    ("Xong trong Quý II/2026", "period", "2026-04-01", "2026-06-30", None),
    ("Xong trong tháng 5/2026", "period", "2026-05-01", "2026-05-31", None),
    ("trước ngày 01/01/2030", "date", None, "2030-01-01", None),
    ("trước ngày 30/6/2024", "date", None, "2024-06-30", None),
    ("đến hết ngày 28 tháng 02 năm 2027", "date", None, "2027-02-28", None),
    ("Hàng năm", "recurring", None, None, "FREQ=YEARLY"),
    ("Định kỳ hàng quý", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("hằng quý", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("hàng tháng", "recurring", None, None, "FREQ=MONTHLY"),
    ("Thường xuyên", "ongoing", None, None, None),
    ("Theo kế hoạch của huyện, của tỉnh", "unspecified", None, None, None),
    ("Sau khi kết thúc đợt kiểm tra", "event", None, None, None),
    ("6 tháng đầu năm 2024", "period", "2024-01-01", "2024-06-30", None),
    ("Giai đoạn 2021-2025", "period", "2021-01-01", "2025-12-31", None),
    ("Từ tháng 3/2024 đến tháng 6/2024", "period", "2024-03-01", "2024-06-30", None),
    ("Quý IV", "period", "2024-10-01", "2024-12-31", None),      # year from the document
    ("Trước ngày 20/12 hằng năm", "recurring", None, None, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20"),
    ("ngày 15 hằng tháng", "recurring", None, None, "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("Tháng 6 hàng năm", "recurring", None, None, "FREQ=YEARLY;BYMONTH=6"),
    ("Quý I, II/2025", "period", "2025-01-01", "2025-06-30", None),          # a run of quarters: first to last
    ("Quý III và Quý IV năm 2025", "period", "2025-07-01", "2025-12-31", None),
    ("Quý II-III", "period", "2024-04-01", "2024-09-30", None),
    ("Quý III - 2025", "period", "2025-07-01", "2025-09-30", None),          # a dash before the year is not a range
    ("Tháng 3, 4/2025", "period", "2025-03-01", "2025-04-30", None),
    ("tháng 10 và tháng 11 năm 2025", "period", "2025-10-01", "2025-11-30", None),
]


@pytest.mark.parametrize("text,kind,start,end,rrule", DEADLINES)
def test_deadlines(text, kind, start, end, rrule):
    d = parse_deadline(text, default_year=2024)
    assert (d.kind, d.start, d.end, d.recurrence) == (kind, start, end, rrule)
    assert d.text == text


# --- properties --------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(["long", "slash", "dash", "dot"]), st.booleans())
def test_any_real_date_round_trips(date, style, pad):
    d = f"{date.day:02d}" if pad else str(date.day)
    m = f"{date.month:02d}" if pad else str(date.month)
    text = {"long": f"ngày {d} tháng {m} năm {date.year}", "slash": f"{d}/{m}/{date.year}",
            "dash": f"{d}-{m}-{date.year}", "dot": f"{d}.{m}.{date.year}"}[style]
    assert parse_date(f"Hà Nội, {text} về việc") == date


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 99999), st.sampled_from(["KH", "QĐ", "CT", "TB", "BC", "TTr", "HD"]), st.sampled_from(["UBND", "SCT", "VPCP", "BNV"]),
       st.sampled_from(["", " "]), st.sampled_from(["", " "]))
def test_admin_numbers_survive_stray_spaces(serial, type_code, org, sp1, sp2):
    parsed = parse_number(f"số {serial}{sp1}/{sp2}{type_code}-{org} ngày")
    assert parsed is not None
    assert parsed.number == f"{serial}/{type_code}-{org}"


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.integers(1990, 2030), st.sampled_from(["NĐ-CP", "TT-BTC", "QĐ-TTg", "NQ-HĐND", "QĐ-UBND"]))
def test_normative_numbers(serial, year, codes):
    parsed = parse_number(f"theo {serial}/{year}/{codes};")
    assert parsed.number == f"{serial}/{year}/{codes}" and parsed.year == year


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x1EFF), max_size=80))
def test_deadline_parser_never_raises_and_is_well_formed(text):
    d = parse_deadline(text, default_year=2025)
    assert d.kind in KINDS
    for value in (d.start, d.end):
        if value is not None:
            dt.date.fromisoformat(value)
    if d.start and d.end:
        assert d.start <= d.end


@settings(max_examples=200, deadline=None)
@given(st.integers(2000, 2040), st.integers(1, 4))
def test_quarter_covers_exactly_three_months(year, q):
    roman = ["I", "II", "III", "IV"][q - 1]
    d = parse_deadline(f"Quý {roman}/{year}")
    start, end = dt.date.fromisoformat(d.start), dt.date.fromisoformat(d.end)
    assert start.month == 3 * q - 2 and start.day == 1 and end.month == 3 * q
    assert (end + dt.timedelta(days=1)).day == 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_number_and_date_finders_never_raise(text):
    for n in find_numbers(text):
        assert text[n.start:n.end] == n.text
    for d in find_dates(text):
        assert text[d.start:d.end] == d.text

"""Property tests for the deadline parser: any valid day, month and year written in each form
a document uses round-trips; ranges, cycles and milestones keep their dates; phrases found in
running text point into it and parse to the same date."""

import datetime as dt
import json
from pathlib import Path

import jsonschema
from hypothesis import given, settings, strategies as st

from vanban.extractors.deadlines import KINDS, deadline_in_text, find_deadline_phrases, parse_deadline

DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))
LIMITS = st.sampled_from(["trước ngày", "chậm nhất ngày", "chậm nhất là ngày", "hoàn thành trước ngày", "đến hết ngày",
                          "trước", "hoàn thành trước", "trước 17 giờ ngày"])


def _written(date: dt.date, style: str, pad: bool, year: bool = True) -> str:
    d = f"{date.day:02d}" if pad else str(date.day)
    m = f"{date.month:02d}" if pad else str(date.month)
    if style == "long":
        return f"{d} tháng {m}" + (f" năm {date.year}" if year else "")
    if style == "spaced":
        return f"{d}/ {m}" + (f"/ {date.year}" if year else "")
    if style in ("dot", "dash"):                   # written with a year only: "2-3 ngày" is not a date
        sep = "." if style == "dot" else "-"
        return f"{d}{sep}{m}{sep}{date.year}"
    return f"{d}/{m}" + (f"/{date.year}" if year else "")


STYLES = st.sampled_from(["slash", "long", "spaced"])
DATED_STYLES = st.sampled_from(["slash", "long", "spaced", "dot", "dash"])


@settings(max_examples=300, deadline=None)
@given(DATES, DATED_STYLES, st.booleans(), LIMITS)
def test_a_limit_round_trips(date, style, pad, limit):
    text = f"{limit} {_written(date, style, pad)}"
    if style == "long" and not limit.endswith("ngày"):
        text = f"{limit} ngày {_written(date, style, pad)}"
    d = parse_deadline(text, default_year=2000)
    assert (d.kind, d.start, d.end, d.year_inferred) == ("date", None, date.isoformat(), False), text


@settings(max_examples=300, deadline=None)
@given(DATES, STYLES, st.booleans(), LIMITS)
def test_a_limit_without_year_takes_the_documents_year(date, style, pad, limit):
    text = f"{limit} {_written(date, style, pad, year=False)}"
    if style == "long" and not limit.endswith("ngày"):
        text = f"{limit} ngày {_written(date, style, pad, year=False)}"
    d = parse_deadline(text, default_year=date.year)
    assert (d.kind, d.end, d.year_inferred) == ("date", date.isoformat(), True), text


@settings(max_examples=200, deadline=None)
@given(DATES, STYLES, st.booleans())
def test_that_day_is_start_and_end(date, style, pad):
    d = parse_deadline(f"trong ngày {_written(date, style, pad)}", default_year=2000)
    assert (d.start, d.end) == (date.isoformat(), date.isoformat())


@settings(max_examples=300, deadline=None)
@given(DATES, DATES, st.sampled_from(["Từ ngày {a} đến ngày {b}", "từ {a} đến {b}", "{a} - {b}", "{a} – {b}"]))
def test_a_range_spans_its_ends(a, b, shape):
    a, b = min(a, b), max(a, b)
    d = parse_deadline(shape.format(a=_written(a, "slash", True), b=_written(b, "slash", True)), default_year=2000)
    assert (d.kind, d.start, d.end) == ("period", a.isoformat(), b.isoformat())


@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2060), st.integers(1, 12), st.sampled_from(["trong tháng {m}/{y}", "tháng {m} năm {y}",
                                                                     "hoàn thành trong tháng {m:02d}/{y}"]))
def test_a_month_spans_the_month(year, month, shape):
    d = parse_deadline(shape.format(m=month, y=year))
    start, end = dt.date.fromisoformat(d.start), dt.date.fromisoformat(d.end)
    assert (start.year, start.month, start.day) == (year, month, 1)
    assert end.month == month and (end + dt.timedelta(days=1)).day == 1


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(1, 28), st.sampled_from(["định kỳ trước ngày {d} tháng {m} hằng năm",
                                                                "trước ngày {d}/{m} hàng năm", "Ngày {d}/{m} hằng năm"]))
def test_a_yearly_day_is_an_rrule(month, day, shape):
    d = parse_deadline(shape.format(d=day, m=month), default_year=2025)
    assert (d.kind, d.start, d.end) == ("recurring", None, None)
    assert d.recurrence == f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"


@settings(max_examples=200, deadline=None)
@given(DATES, DATES)
def test_two_limits_are_two_milestones_spanned_by_the_deadline(a, b):
    text = f"báo cáo sơ kết trước ngày {_written(a, 'slash', False)} và tổng kết trước ngày {_written(b, 'slash', False)}"
    d = parse_deadline(text, default_year=2000)
    assert [m.end for m in d.milestones] == [a.isoformat(), b.isoformat()]
    assert d.end == max(a, b).isoformat() and d.start is None


@settings(max_examples=200, deadline=None)
@given(DATES, DATED_STYLES, LIMITS, st.sampled_from(["Sở Nội vụ tổng hợp, báo cáo UBND tỉnh {p}.",
                                               "{p}, các đơn vị gửi báo cáo về Sở Tài chính.",
                                               "Giao Sở Y tế chủ trì, phối hợp với các sở, hoàn thành {p}; báo cáo kết quả."]))
def test_a_limit_inside_a_sentence_is_found_and_read(date, style, limit, sentence):
    phrase = f"{limit} {_written(date, style, True)}"
    if style == "long" and not limit.endswith("ngày"):
        phrase = f"{limit} ngày {_written(date, style, True)}"
    text = sentence.format(p=phrase)
    found = find_deadline_phrases(text)
    assert found and all(text[m.start():m.end()] == m.group(0) for m in found)
    d = deadline_in_text(text, 2000)
    assert d.end == date.isoformat() and d.text in text


SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "vanban.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator({"$ref": "#/$defs/deadline", "$defs": SCHEMA["$defs"]},
                                            format_checker=jsonschema.FormatChecker())
WORDS = st.sampled_from(["trước", "ngày", "tháng", "quý", "năm", "hằng", "định kỳ", "và", ",", ";", "từ", "đến", "-",
                         "chậm nhất", "trong", "thứ Sáu", "của tháng cuối quý", "liền kề", "Theo", "khi", "II", "30/6",
                         "15/12/2025", "2026", "01", "12", "6", "2025-2026", "(thứ 2)", "sau"])


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, max_size=14).map(" ".join), st.one_of(st.none(), st.integers(1990, 2060)))
def test_any_phrase_parses_to_a_schema_valid_deadline(text, year):
    for d in (parse_deadline(text, year), deadline_in_text(text, year)):
        assert d.kind in KINDS
        assert list(VALIDATOR.iter_errors(d.as_dict())) == [], (text, d.as_dict())
        for m in [d] + d.milestones:
            if m.start and m.end:
                assert m.start <= m.end, (text, m)


def test_dates_out_of_order_never_give_a_run_that_ends_before_it_starts():
    """Found by the property test above: '30/6 2026 15/12/2025' was a period from
    2026-06-30 to 2025-12-15."""
    d = parse_deadline("30/6 2026 15/12/2025")
    assert (d.start, d.end) == ("2025-12-15", "2026-06-30")

"""Turn a Vietnamese deadline phrase into a kind and an ISO date range.

``Năm 2021`` → 2021-01-01..2021-12-31, ``Quý II/2026`` → 2026-04-01..06-30,
``Quý I, II/2025`` → 2025-01-01..06-30 (a run of quarters or months spans first to last),
``tháng 5/2026``, ``trước ngày 30/6/2024`` (end only), ``Định kỳ hàng quý``
(recurring, RRULE ``FREQ=MONTHLY;INTERVAL=3``), ``Sau khi kết thúc đợt kiểm
tra`` (event), ``Theo kế hoạch của huyện`` (unspecified), ``Thường xuyên``
(ongoing).  A year missing from the phrase comes from ``default_year`` (the
document's year).  The rules are tried in the order of ``_RULES``: the most
specific first.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .dates import find_dates, make_date

KINDS = ("date", "period", "recurring", "ongoing", "event", "unspecified")

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:19|20)\d\d"

# (pattern, rrule) — "hằng" is a spelling of "hàng".
RECURRENCES: list[tuple[str, str]] = [
    (r"(?:hàng|hằng)\s+tuần|định\s+kỳ\s+tuần", "FREQ=WEEKLY"),
    (r"(?:hàng|hằng)\s+tháng|định\s+kỳ\s+tháng", "FREQ=MONTHLY"),
    (r"(?:hàng|hằng)\s+quý|định\s+kỳ\s+quý", "FREQ=MONTHLY;INTERVAL=3"),
    (r"(?:định\s+kỳ\s+)?(?:06|6)\s+tháng(?:\s+(?:một|1)\s+lần)?(?!\s+(?:đầu|cuối))|(?:hàng|hằng)\s+(?:06|6)\s+tháng|nửa\s+năm\s+một\s+lần", "FREQ=MONTHLY;INTERVAL=6"),
    (r"(?:hàng|hằng)\s+năm|định\s+kỳ\s+năm|mỗi\s+năm", "FREQ=YEARLY"),
    (r"(?:hàng|hằng)\s+ngày", "FREQ=DAILY"),
]
EVENT_RE = re.compile(r"^\s*(?:ngay\s+)?(?:sau\s+khi|khi\s+có|khi\s+|ngay\s+khi|trước\s+khi|sau\s+(?:\d+|mười|hai|ba)\s+ngày)", re.I)
UNSPECIFIED_RE = re.compile(r"^\s*(?:theo\s+(?:kế\s+hoạch|yêu\s+cầu|chỉ\s+đạo|quy\s+định|tiến\s+độ|hướng\s+dẫn|lộ\s+trình)|khi\s+có\s+yêu\s+cầu)", re.I)
ONGOING_RE = re.compile(r"thường\s+xuyên|liên\s+tục|hàng\s+ngày", re.I)

# one quarter or a run of them ("Quý I, II/2025", "Quý III và Quý IV năm 2025", "Quý II-III"): first to last
_Q = r"(?:IV|III|II|I|[1-4])(?!\w)"
_LIST_SEP = r"\s*(?:,|và|-|–|đến|tới)\s*"
QUARTER_RE = re.compile(rf"quý\s+(?P<qs>{_Q}(?:{_LIST_SEP}(?:quý\s+)?{_Q})*)(?:\s*(?:/|năm|-)\s*(?P<y>{_YEAR}))?", re.I)
_M = r"(?:1[0-2]|0?[1-9])(?!\d)"
HALF_RE = re.compile(rf"(?P<n>6|06|sáu)\s+tháng\s+(?P<which>đầu|cuối)\s+năm(?:\s+(?P<y>{_YEAR}))?", re.I)
MONTH_RE = re.compile(rf"tháng\s+(?P<ms>{_M}(?:{_LIST_SEP}(?:tháng\s+)?{_M})*)(?:\s*(?:/|năm|-)\s*(?P<y>{_YEAR}))?(?![\d/])", re.I)
YEAR_RANGE_RE = re.compile(rf"(?P<a>{_YEAR})\s*[-–÷]\s*(?P<b>{_YEAR})")
YEAR_RE = re.compile(rf"(?:năm|giai\s+đoạn)\s+(?P<y>{_YEAR})|^\s*(?P<bare>{_YEAR})\s*$", re.I)
BEFORE_RE = re.compile(r"trước|chậm\s+nhất|đến\s+hết|hạn\s+chót|không\s+quá|xong\s+trước|hoàn\s+thành\s+trước|đến\s+ngày", re.I)
FROM_TO_RE = re.compile(r"\btừ\b.*\bđến\b", re.I | re.S)


@dataclass
class Deadline:
    text: str | None
    kind: str = "unspecified"
    start: str | None = None
    end: str | None = None
    recurrence: str | None = None
    year_inferred: bool = False

    def as_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "start": self.start, "end": self.end,
                "recurrence": self.recurrence, "year_inferred": self.year_inferred}


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter_range(year: int, q: int) -> tuple[dt.date, dt.date]:
    first = 3 * (q - 1) + 1
    return dt.date(year, first, 1), _month_range(year, first + 2)[1]


def _year(explicit: str | None, default_year: int | None) -> tuple[int | None, bool]:
    if explicit:
        return int(explicit), False
    return default_year, default_year is not None


def _span(text: str, default_year: int | None) -> tuple[dt.date | None, dt.date | None, bool] | None:
    """A date range named by one phrase (quarter, half-year, month, year)."""
    m = QUARTER_RE.search(text)
    if m:
        year, inferred = _year(m.group("y"), default_year)
        quarters = sorted(_ROMAN[q.upper()] for q in re.findall(_Q, m.group("qs"), re.I))
        if year:
            return _quarter_range(year, quarters[0])[0], _quarter_range(year, quarters[-1])[1], inferred
    m = HALF_RE.search(text)
    if m:
        year, inferred = _year(m.group("y"), default_year)
        if year:
            if m.group("which").lower() == "đầu":
                return dt.date(year, 1, 1), dt.date(year, 6, 30), inferred
            return dt.date(year, 7, 1), dt.date(year, 12, 31), inferred
    m = MONTH_RE.search(text)
    if m:
        year, inferred = _year(m.group("y"), default_year)
        months = sorted(int(x) for x in re.findall(_M, m.group("ms")))
        if year:
            return _month_range(year, months[0])[0], _month_range(year, months[-1])[1], inferred
    m = YEAR_RANGE_RE.search(text)
    if m and int(m.group("a")) <= int(m.group("b")):
        return dt.date(int(m.group("a")), 1, 1), dt.date(int(m.group("b")), 12, 31), False
    m = YEAR_RE.search(text)
    if m:
        year = int(m.group("y") or m.group("bare"))
        return dt.date(year, 1, 1), dt.date(year, 12, 31), False
    return None


def _by_parts(low: str, rrule: str) -> str:
    """Day and month a recurring deadline names: "trước ngày 20/12 hằng năm" →
    ``;BYMONTH=12;BYMONTHDAY=20``, "ngày 15 hằng tháng" → ``;BYMONTHDAY=15``."""
    m = re.search(r"ngày\s+(?P<d>[0-3]?\d)(?:\s*/\s*(?P<m>[01]?\d)(?![\d/])|\s+tháng\s+(?P<m2>[01]?\d)(?!\d))?", low)
    month = day = None
    if m:
        day = int(m.group("d"))
        month = m.group("m") or m.group("m2")
    else:
        mm = re.search(r"tháng\s+(?P<m>1[0-2]|0?[1-9])(?!\s*/\s*\d{4})(?!\d)", low)
        month = mm.group("m") if mm else None
    parts = ""
    if rrule == "FREQ=YEARLY" and month and 1 <= int(month) <= 12:
        parts += f";BYMONTH={int(month)}"
    if day and 1 <= day <= 31 and rrule in ("FREQ=YEARLY", "FREQ=MONTHLY"):
        parts += f";BYMONTHDAY={day}"
    return parts


def parse_deadline(text: str | None, default_year: int | None = None) -> Deadline:
    """Parse one deadline phrase.  Never raises; unknown phrases are ``unspecified``."""
    if text is None or not text.strip():
        return Deadline(text=None)
    phrase = " ".join(text.split())
    low = phrase.lower()

    for pattern, rrule in RECURRENCES:
        if re.search(pattern, low):
            deadline = Deadline(phrase, "recurring", recurrence=rrule + _by_parts(low, rrule))
            explicit = find_dates(phrase)
            if explicit:
                deadline.end = _iso(explicit[-1].date)
            return deadline

    if EVENT_RE.search(low):
        return Deadline(phrase, "event")
    if UNSPECIFIED_RE.search(low):
        return Deadline(phrase, "unspecified")

    dates = find_dates(phrase)
    if FROM_TO_RE.search(low):
        left, right = re.split(r"\bđến\b", phrase, maxsplit=1, flags=re.I)
        a = find_dates(left) or None
        b = find_dates(right) or None
        sa = _span(left, default_year) if not a else (a[0].date, a[0].date, False)
        sb = _span(right, default_year) if not b else (b[0].date, b[0].date, False)
        if sa and sb:
            return Deadline(phrase, "period", _iso(sa[0]), _iso(sb[1]), year_inferred=sa[2] or sb[2])

    if dates:
        last = dates[-1].date
        if BEFORE_RE.search(low) or len(dates) == 1:
            return Deadline(phrase, "date", None, _iso(last))

    if dates == [] and default_year is not None:
        m = re.search(r"ngày\s+(?P<d>[0-3]?\d)\s*(?:/|tháng)\s*(?P<m>[01]?\d)(?![\d/])", low)
        if m:
            d = make_date(default_year, int(m.group("m")), int(m.group("d")))
            if d:
                return Deadline(phrase, "date", None, _iso(d), year_inferred=True)

    span = _span(phrase, default_year)
    if span:
        start, end, inferred = span
        if BEFORE_RE.search(low) and not re.search(r"\btrong\b", low):
            return Deadline(phrase, "date", None, _iso(start - dt.timedelta(days=1)) if re.search(r"\btrước\b", low) else _iso(end), year_inferred=inferred)
        return Deadline(phrase, "period", _iso(start), _iso(end), year_inferred=inferred)

    if ONGOING_RE.search(low):
        return Deadline(phrase, "ongoing")
    return Deadline(phrase, "unspecified")


# Phrases inside running text that name a deadline, for prose tasks.
DEADLINE_IN_TEXT_RE = re.compile(
    rf"(?:(?:định\s+kỳ\s+)?(?:hàng|hằng)\s+(?:tuần|tháng|quý|năm)|định\s+kỳ\s+(?:\d+\s+tháng|tuần|tháng|quý|năm)"
    rf"|(?:hoàn\s+thành\s+|xong\s+|báo\s+cáo\s+)?(?:trước|chậm\s+nhất(?:\s+đến)?|đến\s+hết)\s+ngày\s+[0-3]?\d(?:\s*[/.-]\s*[01]?\d(?:\s*[/.-]\s*{_YEAR})?|\s+tháng\s+[01]?\d(?:\s+năm\s+{_YEAR})?)"
    rf"|xong\s+trong\s+(?:quý\s+(?:IV|III|II|I|[1-4])|tháng\s+\d{{1,2}})(?:\s*(?:/|năm)\s*{_YEAR})?"
    rf"|trong\s+(?:quý\s+(?:IV|III|II|I|[1-4])(?:\s*(?:/|năm)\s*{_YEAR})?|tháng\s+\d{{1,2}}\s*(?:/|năm)\s*{_YEAR}|năm\s+{_YEAR}))",
    re.I,
)


def find_deadline_phrases(text: str) -> list[re.Match]:
    return list(DEADLINE_IN_TEXT_RE.finditer(text))

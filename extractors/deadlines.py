"""Turn a Vietnamese deadline phrase into a kind and an ISO date range.

``Năm 2021`` → 2021-01-01..2021-12-31, ``Quý II/2026`` → 2026-04-01..06-30,
``Quý I, II/2025`` → 2025-01-01..06-30 (a run of quarters or months spans first to last),
``tháng 5/2026``, ``trước ngày 30/6/2024`` (end only), ``chậm nhất trong tháng 9/2026``
(end only: the month's last day), ``Ngày 26, 27/12/2011`` and ``29/6/2026 - 09/7/2026``
(periods), ``trong ngày 30 tháng 4 năm 2026`` (that day: start = end), ``Định kỳ hàng quý``
(recurring, RRULE ``FREQ=MONTHLY;INTERVAL=3``), ``định kỳ trước ngày 30 tháng 6 hằng năm``
(``FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=30``), ``Trước ngày 05 của tháng liền kề`` (monthly on
the 5th), ``Sau khi kết thúc đợt kiểm tra`` (event), ``Theo kế hoạch của huyện`` and ``Theo các
mốc thời gian tại Quyết định số … ngày …`` (unspecified: the date belongs to another
instrument), ``Thường xuyên`` (ongoing), ``từ tháng 01/2026`` (start only).

A phrase that sets several deadlines ("báo cáo sơ kết trước 30/6 và tổng kết trước 15/12")
keeps each in ``milestones``; the deadline itself spans them (the first one's start to the
last one's end), so a tracker that reads only ``start``/``end`` sees when the whole task is
due.  A year missing from the phrase comes from a later date of the same phrase, else from
``default_year`` (the document's year, marked ``year_inferred``); a printed weekday that
contradicts the date while it fits the next or the previous year corrects a mistyped year
(``Ngày 02/01/2011 (thứ 2)`` in a plan of December 2011 is 2012-01-02, marked too).  Dates of
cited documents ("Quyết định số 1441/QĐ-UBND ngày 25/9/2025") are never deadlines.

Every wording the parser knows is a row of ``PHRASES`` (role, name, pattern, kind, rule) and
every form a deadline takes inside a sentence a row of ``IN_TEXT_FORMS``, both read from the
lexicon (``extractors/data/deadline_phrases.json``): adding a wording is adding a row there.
``parse_deadline`` reads a deadline cell or a "Thời gian:" value; ``deadline_in_text`` reads
the deadline a sentence or a bullet sets ("báo cáo Thủ tướng Chính phủ trong quý III năm
2012"); ``items_sharing_deadline`` names the items a deadline note covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import find_dates, make_date
from .lexicon import load
from .spans import Span

_LEXICON = load("deadline_phrases")

KINDS = ("date", "period", "recurring", "ongoing", "event", "unspecified")

# quarter numerals, with the shapes OCR gives "IV" on scans ("IW", "1V", "lV"): written form → quarter
_ROMAN: dict[str, int] = _LEXICON["quarter_numerals"]
_YEAR = r"(?:19|20)\d\d"


@dataclass(frozen=True)
class Phrase:
    """One class of deadline wording.

    ``role`` says how the wording bears on the dates: ``delegated`` (the time is set by
    another instrument), ``event`` (a condition, not a date), ``recurring`` (a cycle, with
    its RRULE), ``ongoing``, ``before`` (the date is a limit: end only), ``from`` (the date
    starts the work), ``on`` (the work happens that day).
    """
    role: str
    name: str
    pattern: str
    kind: str | None = None
    rrule: str | None = None

    @property
    def regex(self) -> re.Pattern:
        return _compiled(self.pattern)


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    """A lexicon pattern with each ``{NAME}`` replaced by its fragment (regex quantifiers
    such as ``{1,2}`` are digits, so they are left alone)."""
    return re.sub(r"\{([A-Z_]+)\}", lambda m: fragments[m.group(1)], pattern)


_WORDS: dict[str, str] = _LEXICON["fragments"]   # EVERY, DOC_WORD, LIMIT, DONE, LIST_SEP

# Every wording of a deadline cell is a row of the lexicon (extractors/data/deadline_phrases.json)
PHRASES: tuple[Phrase, ...] = tuple(
    Phrase(row["role"], row["name"], _expand(row["pattern"], _WORDS), row["kind"], row["rrule"])
    for row in _LEXICON["phrases"])


def phrases(role: str) -> list[Phrase]:
    return [p for p in PHRASES if p.role == role]


def _first(role: str, low: str) -> Phrase | None:
    return next((p for p in phrases(role) if p.regex.search(low)), None)


# --- dates and spans named by a phrase ---------------------------------------------------
# one quarter or a run of them ("Quý I, II/2025", "Quý III và Quý IV năm 2025", "Quý II-III"): first to last
# a quarter's numeral as a whole word, longest written form first (matched case-insensitively)
_Q = "(?:" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r")(?!\w)"
_LIST_SEP = _WORDS["LIST_SEP"]
QUARTER_RE = re.compile(rf"quý\s+(?P<qs>{_Q}(?:{_LIST_SEP}(?:quý\s+)?{_Q})*)(?:\s*(?:/|năm|-)\s*(?P<y>{_YEAR}))?", re.I)
_M = r"(?:1[0-2]|0?[1-9])(?!\d)"
HALF_RE = re.compile(rf"(?P<n>6|06|sáu)\s+tháng\s+(?P<which>đầu|cuối)\s+năm(?:\s+(?P<y>{_YEAR}))?", re.I)
MONTH_RE = re.compile(rf"tháng\s+(?P<ms>{_M}(?:{_LIST_SEP}(?:tháng\s+)?{_M})*)(?:\s*(?:/|năm|-)\s*(?P<y>{_YEAR}))?(?![\d/])", re.I)
YEAR_RANGE_RE = re.compile(rf"(?P<a>{_YEAR})\s*[-–÷]\s*(?P<b>{_YEAR})")
YEAR_RE = re.compile(rf"(?:năm|giai\s+đoạn)\s+(?P<y>{_YEAR})|^\s*(?P<bare>{_YEAR})\s*$", re.I)
# days sharing one month: "Ngày 26, 27/12/2011", "ngày 26-27/12"
DAY_LIST_RE = re.compile(rf"(?<![\d/])(?P<days>[0-3]?\d(?:\s*(?:,|và|-|–)\s*[0-3]?\d)+)\s*/\s*(?P<m>[01]?\d)(?:\s*/\s*(?P<y>{_YEAR}))?(?![\d/])")
# a day and month without a year: "ngày 30/6", "ngày 15 tháng 12", "trước 30/6" and "từ 01/3" after a
# limit word, or a cell that is only "15/12"
NO_YEAR_RE = re.compile(r"(?<![\d/])(?:^\s*|(?:ngày|trước|hết|nhất(?:\s+là)?|đến|tới|từ)\s+)(?P<d>[0-3]?\d)(?:\s*/\s*|\s+tháng\s+)(?P<m>[01]?\d)"
                        r"(?![\d/]|\s*(?:/|năm)\s*\d)", re.I)
# the date of a cited document ("Quyết định số 1441/QĐ-UBND ngày 25/9/2025"): not a deadline
_CITED_BEFORE = re.compile(r"\d[\w.]*/[\w/.-]*[^\W\d_][\w/.-]*\s*,?\s*(?:ban\s+hành\s+)?$")
# the weekday printed beside a date: "02/01/2012 (thứ 2)", "(thứ Hai)", "(Chủ nhật)"
_WEEKDAY_RE = re.compile(r"^\s*\(?\s*(?:thứ\s+(?P<n>[2-7]|hai|ba|tư|năm|sáu|bảy)|(?P<sun>chủ\s+nhật))", re.I)
_WEEKDAY_WORDS = {"2": 0, "hai": 0, "3": 1, "ba": 1, "4": 2, "tư": 2, "5": 3, "năm": 3, "6": 4, "sáu": 4, "7": 5, "bảy": 5}
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass
class Point:
    """A date or a span of dates named in the phrase, with where it sits."""
    start: dt.date
    end: dt.date
    pos: int
    stop: int
    inferred: bool = False
    day: bool = False            # a calendar day (not a month, quarter or year)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter_range(year: int, q: int) -> tuple[dt.date, dt.date]:
    first = 3 * (q - 1) + 1
    return dt.date(year, first, 1), _month_range(year, first + 2)[1]


def _weekday_checked(date: dt.date, after: str) -> tuple[dt.date, bool]:
    """A printed weekday that the date contradicts, while the same day a year later or earlier
    agrees, shows a mistyped year (schedules made in December for January keep last year's
    number): take the year the weekday names.  Returns the date and whether it was corrected."""
    m = _WEEKDAY_RE.match(after)
    if not m:
        return date, False
    want = 6 if m.group("sun") else _WEEKDAY_WORDS[m.group("n").lower()]
    if date.weekday() == want:
        return date, False
    fits = [d for d in (make_date(date.year + 1, date.month, date.day), make_date(date.year - 1, date.month, date.day))
            if d and d.weekday() == want]
    return (fits[0], True) if len(fits) == 1 else (date, False)


class _Taken:
    """Character ranges already read, so a month inside a full date is not read again."""

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in self.ranges)

    def take(self, a: int, b: int) -> None:
        self.ranges.append((a, b))


def _later_year(text: str, pos: int) -> int | None:
    """The first explicit year after ``pos``: "trước 30/6 và 15/12/2025" dates both in 2025."""
    m = re.search(rf"(?<!\d){_YEAR}(?!\d)", text[pos:])
    return int(m.group(0)) if m else None


def _year_for(text: str, pos: int, default_year: int | None) -> tuple[int | None, bool]:
    later = _later_year(text, pos)
    if later:
        return later, False
    return default_year, default_year is not None


def find_points(text: str, default_year: int | None = None) -> list[Point]:
    """Every date and span the phrase names, in text order; dates of cited documents left out."""
    taken, points = _Taken(), []

    def add(start, end, a, b, inferred=False, day=False):
        if start and end and taken.free(a, b):
            taken.take(a, b)
            points.append(Point(start, end, a, b, inferred, day))

    for m in DAY_LIST_RE.finditer(text):
        year, inferred = (int(m.group("y")), False) if m.group("y") else _year_for(text, m.end(), default_year)
        days = sorted(int(x) for x in re.findall(r"\d+", m.group("days")))
        if year and 1 <= int(m.group("m")) <= 12:
            add(make_date(year, int(m.group("m")), days[0]), make_date(year, int(m.group("m")), days[-1]), m.start(), m.end(), inferred, True)
    for d in find_dates(text):
        if _CITED_BEFORE.search(text[max(0, d.start - 40):d.start]):
            taken.take(d.start, d.end)
            continue
        date, corrected = _weekday_checked(d.date, text[d.end:d.end + 16])
        add(date, date, d.start, d.end, corrected, True)
    for m in NO_YEAR_RE.finditer(text):
        year, inferred = _year_for(text, m.end(), default_year)
        day = make_date(year, int(m.group("m")), int(m.group("d"))) if year else None
        a = m.start("d")
        add(day, day, a, m.end(), inferred, True)
    for m in HALF_RE.finditer(text):
        year, inferred = (int(m.group("y")), False) if m.group("y") else _year_for(text, m.end(), default_year)
        if year:
            first = m.group("which").lower() == "đầu"
            add(dt.date(year, 1 if first else 7, 1), dt.date(year, 6 if first else 12, 30 if first else 31), m.start(), m.end(), inferred)
    for m in QUARTER_RE.finditer(text):
        year, inferred = (int(m.group("y")), False) if m.group("y") else _year_for(text, m.end(), default_year)
        quarters = sorted(_ROMAN[q.upper()] for q in re.findall(_Q, m.group("qs"), re.I))
        if year:
            add(_quarter_range(year, quarters[0])[0], _quarter_range(year, quarters[-1])[1], m.start(), m.end(), inferred)
    for m in MONTH_RE.finditer(text):
        year, inferred = (int(m.group("y")), False) if m.group("y") else _year_for(text, m.end(), default_year)
        months = sorted(int(x) for x in re.findall(_M, m.group("ms")))
        if year:
            add(_month_range(year, months[0])[0], _month_range(year, months[-1])[1], m.start(), m.end(), inferred)
    for m in YEAR_RANGE_RE.finditer(text):
        if int(m.group("a")) <= int(m.group("b")):
            add(dt.date(int(m.group("a")), 1, 1), dt.date(int(m.group("b")), 12, 31), m.start(), m.end())
    for m in YEAR_RE.finditer(text):
        year = int(m.group("y") or m.group("bare"))
        add(dt.date(year, 1, 1), dt.date(year, 12, 31), m.start(), m.end())
    return sorted(points, key=lambda p: p.pos)


# --- the deadline record ------------------------------------------------------------------
@dataclass
class Deadline:
    text: str | None
    kind: str = "unspecified"
    start: str | None = None
    end: str | None = None
    recurrence: str | None = None
    year_inferred: bool = False
    milestones: list["Deadline"] = field(default_factory=list)
    span: Span | None = field(default=None, compare=False)   # where ``text`` was printed (see .spans)

    def __post_init__(self) -> None:
        # dates listed out of order ("30/6 2026 15/12/2025", a mistyped year in a range) must
        # not give a run that ends before it starts: the run covers both dates
        if self.start and self.end and self.start > self.end:
            self.start, self.end = self.end, self.start

    def as_dict(self) -> dict:
        out = {"text": self.text, "kind": self.kind, "start": self.start, "end": self.end,
               "recurrence": self.recurrence, "year_inferred": self.year_inferred}
        if self.milestones:
            out["milestones"] = [{k: v for k, v in m.as_dict().items() if k != "milestones"} for m in self.milestones]
        if self.span is not None:
            out["span"] = self.span.as_dict()
        return out

    @property
    def timed(self) -> bool:
        """Sets a date or a cycle (what makes a clause a milestone of its own)."""
        return bool(self.start or self.end) or self.kind == "recurring"


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


_WEEKDAY_ANYWHERE = re.compile(r"thứ\s+(?P<n>[2-7]|hai|ba|tư|năm|sáu|bảy)(?!\w)|(?P<sun>chủ\s+nhật)", re.I)
_QUARTER_EDGE = re.compile(r"tháng\s+(?P<which>cuối|đầu)\s+(?:của\s+)?quý", re.I)
_QUARTERLY, _MONTHLY, _YEARLY, _WEEKLY = "FREQ=MONTHLY;INTERVAL=3", "FREQ=MONTHLY", "FREQ=YEARLY", "FREQ=WEEKLY"


# a day (and month) a cycle falls on: "ngày 20/12", "trước 15/12", "ngày 30 tháng 6", "và 15/12"
_CYCLE_DAY = re.compile(r"(?:^\s*|(?:ngày|trước|hết|nhất(?:\s+là)?|đến|vào|và|,)\s+)(?P<d>[0-3]?\d)(?!\d)(?!\s*(?:giờ|h\b|h\d))"
                        r"(?:\s*/\s*(?P<m>[01]?\d)(?![\d/])|\s+tháng\s+(?P<m2>[01]?\d)(?!\d))?", re.I)
# the months a yearly cycle names: "tháng 6", "tháng 6 và tháng 12"
_CYCLE_MONTHS = re.compile(rf"tháng\s+(?P<ms>{_M}(?:{_LIST_SEP}(?:tháng\s+)?{_M})*)(?!\s*/\s*\d{{4}})", re.I)


def _cycle_days(low: str) -> list[tuple[int, int | None]]:
    """Every (day, month) a cycle names, month None when it names a day of every month."""
    days = []
    for m in _CYCLE_DAY.finditer(low):
        day, month = int(m.group("d")), m.group("m") or m.group("m2")
        if 1 <= day <= 31 and (month is None or 1 <= int(month) <= 12):
            days.append((day, int(month) if month else None))
    if days and days[0][1] is None and any(month for _, month in days[1:]):
        days = [d for d in days if d[1]]
    return days


def _cycle_months(low: str) -> list[int]:
    m = _CYCLE_MONTHS.search(low)
    return sorted({int(x) for x in re.findall(_M, m.group("ms"))}) if m else []


def _rrules(low: str, base: str) -> list[str]:
    """The RRULEs of a cycle with the days, months and weekday the phrase names — one rule, or
    one per date when the dates differ in day: "trước ngày 20/12 hằng năm" →
    ``FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20``, "ngày 15 hằng tháng" → ``FREQ=MONTHLY;BYMONTHDAY=15``,
    "tháng 6 và tháng 12 hằng năm" → ``FREQ=YEARLY;BYMONTH=6,12``, "hằng tuần trước 16 giờ ngày thứ
    Sáu" → ``FREQ=WEEKLY;BYDAY=FR``, "hằng quý, trước ngày 20 của tháng cuối quý" →
    ``FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20``."""
    days = _cycle_days(low)
    edge = _QUARTER_EDGE.search(low)
    if base == _QUARTERLY and edge:
        months = "3,6,9,12" if edge.group("which").lower() == "cuối" else "1,4,7,10"
        return [f"{_YEARLY};BYMONTH={months}" + (f";BYMONTHDAY={days[0][0]}" if days else "")]
    if base == _YEARLY:
        dated = [(d, m) for d, m in days if m]
        if len({d for d, _ in dated}) > 1:
            return [f"{_YEARLY};BYMONTH={m};BYMONTHDAY={d}" for d, m in dated]
        months = sorted({m for _, m in dated}) or _cycle_months(low)
        rule = base + (f";BYMONTH={','.join(map(str, months))}" if months else "")
        return [rule + (f";BYMONTHDAY={days[0][0]}" if days else "")]
    if base == _MONTHLY and days:
        return [f"{base};BYMONTHDAY={','.join(str(d) for d in sorted({d for d, _ in days}))}"]
    weekday = _WEEKDAY_ANYWHERE.search(low) if base == _WEEKLY else None
    if weekday:
        return [f"{base};BYDAY={_BYDAY[6 if weekday.group('sun') else _WEEKDAY_WORDS[weekday.group('n').lower()]]}"]
    return [base]


def _recurring(phrase: str, low: str, rule: Phrase, default_year: int | None) -> Deadline:
    """A cycle; "bắt đầu thực hiện từ tháng 01/2026" gives its first date; a yearly cycle on
    dates of different days ("trước ngày 15/6 và 20/12 hằng năm") keeps one milestone each."""
    rules = _rrules(low, rule.rrule) if rule.rrule else [None]
    deadline = Deadline(phrase, "recurring", recurrence=rules[0])
    if len(rules) > 1:
        deadline.milestones = [Deadline(phrase, "recurring", recurrence=r) for r in rules]
    start = _first("from", low)
    if start:
        m = start.regex.search(low)
        later = [p for p in find_points(phrase, default_year) if p.pos >= m.start()]
        if later:
            deadline.start, deadline.year_inferred = _iso(later[0].start), later[0].inferred
    return deadline


def _range(phrase: str, low: str, points: list[Point]) -> Deadline | None:
    """"từ A đến B", "A - B", "A đến B": A's start to B's end."""
    for a, b in zip(points, points[1:]):
        between = low[a.stop:b.pos]
        if re.fullmatch(r"\s*(?:[-–÷]|đến|tới|đến\s+hết|đến\s+ngày|tới\s+ngày)\s*(?:ngày\s+)?", between) and a.start <= b.end:
            return Deadline(phrase, "period", _iso(a.start), _iso(b.end), year_inferred=a.inferred or b.inferred)
    return None


def _single(phrase: str, default_year: int | None) -> Deadline:
    """One deadline: the phrase names one time (or a run, a range, a cycle)."""
    low = phrase.lower()
    for role in ("delegated", "event"):
        rule = _first(role, low)
        if rule and not (role == "event" and find_points(phrase, default_year) and rule.name != "before a meeting"):
            return Deadline(phrase, rule.kind)
    rule = _first("recurring", low)
    if rule:
        return _recurring(phrase, low, rule, default_year)
    points = find_points(phrase, default_year)
    if not points:
        return Deadline(phrase, "ongoing" if _first("ongoing", low) else "unspecified")
    inferred = any(p.inferred for p in points)
    ranged = _range(phrase, low, points)
    if ranged:
        return ranged
    first, last = points[0], points[-1]
    start_rule = _first("from", low[:first.pos + 1])
    if start_rule and re.search(r"\b(?:đến|tới)\b|[-–]", low[first.pos:]):
        # "Từ tháng 01 đến tháng 6/2026" read as one run of months: its first start to its last end
        return Deadline(phrase, "period", _iso(first.start), _iso(last.end), year_inferred=inferred)
    before = _first("before", low[:last.stop])
    if before:
        if _first("before-start", low) and not last.day:
            return Deadline(phrase, "date", None, _iso(last.start - dt.timedelta(days=1)), year_inferred=inferred)
        return Deadline(phrase, "date", None, _iso(last.end), year_inferred=inferred)
    if start_rule:
        return Deadline(phrase, start_rule.kind, _iso(first.start), None, year_inferred=inferred)
    if len(points) > 1:
        return Deadline(phrase, "period", _iso(first.start), _iso(last.end), year_inferred=inferred)
    if first.day and first.start != first.end:                 # "Ngày 26, 27/12/2011"
        return Deadline(phrase, "period", _iso(first.start), _iso(first.end), year_inferred=inferred)
    if first.day:
        on_day = _first("on", low)
        return Deadline(phrase, "date", _iso(first.start) if on_day else None, _iso(first.end), year_inferred=inferred)
    return Deadline(phrase, "period", _iso(first.start), _iso(first.end), year_inferred=inferred)


# --- several deadlines in one phrase -----------------------------------------------------
_CLAUSE_SEP = re.compile(r"\s*;\s*|\.\s+(?=\S)|\s*,\s*|\s+(?:và|còn)\s+", re.I)
_TIME_WORD = re.compile(r"^(?:trước|chậm|muộn|đến|tới|trong|từ|hết|ngày|tháng|quý|năm|hằng|hàng|định|mỗi|giai|thứ|sáng|chiều|tối|"
                        r"\d|\(|[ivx]+\b|[ivx]+/)", re.I)
_FILLER = {"cả", "các", "hoặc", "là", "vào", "ngay", "và"}
# a limit or a cycle after a separator opens a deadline of its own: "trước 30/6/2026 và trước
# 31/12/2026", "trước ngày 15/01/2026 và định kỳ hằng quý"
_CLAUSE_OPENER = re.compile(r"(?:trước|chậm\s+nhất|đến\s+hết|định\s+kỳ|hằng|hàng)\b", re.I)


def _starts_new_clause(rest: str, sep: str) -> bool:
    """A separator starts a new clause when words that are not time words ("tổng kết",
    "tổ chức kiểm tra") come before the next time word; "Quý III và Quý IV", "ngày 26, 27/12",
    "28/12 và cả ngày 29/12" are one time."""
    if sep.strip() in (";", ".") or _CLAUSE_OPENER.match(rest):
        return True
    for word in rest.split():
        if _TIME_WORD.match(word):
            return False
        if word.lower() not in _FILLER:
            return True
    return True


def split_clauses(phrase: str) -> list[str]:
    """The clauses of a phrase that may each set a deadline."""
    clauses, begin = [], 0
    for m in _CLAUSE_SEP.finditer(phrase):
        if _starts_new_clause(phrase[m.end():], m.group(0)):
            clauses.append(phrase[begin:m.start()])
            begin = m.end()
    clauses.append(phrase[begin:])
    return [c.strip(" ,;.") for c in clauses if c.strip(" ,;.")]


def combine(text: str, parts: list[Deadline]) -> Deadline:
    """Several milestones as one deadline: the dated ones spanned from the first's start to the
    last end (a tracker sees when the whole task is due); with no dated one, the first cycle.
    Each stays in ``milestones``."""
    dated = [p for p in parts if p.kind in ("date", "period", "ongoing") and (p.start or p.end)]
    cycles = [p for p in parts if p.kind == "recurring"]
    if cycles and dated and not any(p.end for p in dated):
        # "hằng tháng …, bắt đầu thực hiện từ tháng 01/2026": the cycle, from that start
        lead = cycles[0]
        main = Deadline(text, "recurring", min(p.start for p in dated), None, lead.recurrence,
                        any(p.year_inferred for p in dated))
    elif dated:
        first = min(dated, key=lambda p: p.start or p.end)
        ends = [p.end for p in dated if p.end]
        end = max(ends) if ends else None
        start = first.start
        kind = "period" if start and start != end else "date"
        if start and not end:
            kind = first.kind
        main = Deadline(text, kind, start, end, year_inferred=any(p.year_inferred for p in dated))
    else:
        lead = next((p for p in parts if p.recurrence), parts[0])
        main = Deadline(text, lead.kind, lead.start, lead.end, lead.recurrence, lead.year_inferred)
    main.milestones = list(parts)
    return main


def parse_deadline(text: str | None, default_year: int | None = None) -> Deadline:
    """Parse one deadline phrase (a table cell, a "Thời gian:" line).  Never raises; unknown
    phrases are ``unspecified``."""
    if text is None or not text.strip():
        return Deadline(text=None)
    phrase = " ".join(text.split())
    low = phrase.lower()
    if _first("delegated", low):
        return Deadline(phrase, "unspecified")
    clauses = split_clauses(phrase)
    if len(clauses) > 1:
        timed = [p for p in (_single(c, default_year) for c in clauses) if p.timed]
        qualified = any(_BARE_CYCLE.fullmatch(c) for c in clauses) and not any(p.start or p.end for p in timed)
        if len(timed) > 1 and not qualified and not _limits_belong_to_a_cycle(timed):
            return combine(phrase, timed)
    return _single(phrase, default_year)


# a clause that is only a cycle ("hằng quý", "định kỳ hằng năm") qualifies the clauses beside it:
# "hằng quý, trước ngày 20 của tháng cuối quý" is one cycle with its day
_BARE_CYCLE = re.compile(r"\s*(?:định\s+kỳ\s*)?(?:(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm))?\s*", re.I)


def _limits_belong_to_a_cycle(parts: list[Deadline]) -> bool:
    """"Hằng năm, trước ngày 15/12": a year-less limit beside a cycle is the cycle's day, not a
    one-off date of the document's year."""
    dated = [p for p in parts if p.start or p.end]
    return any(p.recurrence for p in parts) and bool(dated) and all(p.year_inferred for p in dated)


# --- deadlines inside running text --------------------------------------------------------
_D = r"[0-3]?\d"
_MM = r"[01]?\d"
_DATE_IN_TEXT = (rf"(?:{_D}\s*/\s*{_MM}(?:\s*/\s*{_YEAR})?(?![\d/])|{_D}[.-]{_MM}[.-]{_YEAR}"
                 rf"|{_D}\s+tháng\s+{_MM}(?:\s+năm\s+{_YEAR})?)")
_TIME_OF_DAY = r"(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s*,?\s*)"
_SPAN_IN_TEXT = (rf"(?:quý\s+{_Q}(?:{_LIST_SEP}(?:quý\s+)?{_Q})*(?:\s*(?:/|năm|-)\s*{_YEAR})?"
                 rf"|tháng\s+\d{{1,2}}\s*(?:/|năm)\s*{_YEAR}"
                 rf"|(?:06|6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+{_YEAR})?"
                 rf"|năm\s+{_YEAR})")
_SHAPES = {"D": _D, "MM": _MM, "YEAR": _YEAR, "Q": _Q, "DATE_IN_TEXT": _DATE_IN_TEXT,
           "SPAN_IN_TEXT": _SPAN_IN_TEXT, "TIME_OF_DAY": _TIME_OF_DAY}

# The forms a deadline takes inside running text, tried in this order at each place (the first
# that matches wins, so a cycle's day comes before the bare limit it contains): (name, pattern),
# rows of the lexicon.
IN_TEXT_FORMS: tuple[tuple[str, str], ...] = tuple(
    (row["name"], _expand(row["pattern"], {**_WORDS, **_SHAPES})) for row in _LEXICON["in_text_forms"])
DEADLINE_IN_TEXT_RE = re.compile("|".join(f"(?:{pattern})" for _, pattern in IN_TEXT_FORMS), re.I)


def find_deadline_phrases(text: str) -> list[re.Match]:
    """Phrases inside running text that name a deadline, for prose tasks: "trước ngày
    15/12/2025", "chậm nhất ngày …", "trong tháng 11/2025", "trong quý III năm 2012",
    "hằng quý", "định kỳ sáu tháng", "bắt đầu thực hiện từ tháng 01/2026" …"""
    return [m for m in DEADLINE_IN_TEXT_RE.finditer(text) if m.group(0).strip()]


def deadline_in_text(text: str, default_year: int | None = None) -> Deadline:
    """The deadline a sentence or a bullet sets, for prose tasks: every deadline phrase in it
    parsed, several kept as milestones (the deadline spans the dated ones, as ``combine``
    says); a sentence that opens with "Thường xuyên" is ongoing.  The text of the result is a
    stretch of ``text`` (first phrase to last)."""
    return located_deadline_in_text(text, default_year)[0]


def located_deadline_in_text(text: str, default_year: int | None = None) -> tuple[Deadline, tuple[int, int] | None]:
    """:func:`deadline_in_text`, and where in ``text`` the phrase its text was read from stands."""
    found = find_deadline_phrases(text)
    if not found:
        return Deadline(text=None), None
    parts = [parse_deadline(m.group(0), default_year) for m in found]
    limits = [m for m in found if _first("before", m.group(0).lower())]
    if parts[0].kind == "ongoing" and found[0].start() <= 3 and not limits:
        return parts[0], found[0].span()    # "Thường xuyên theo dõi … trong năm 2026": ongoing work
    timed = [p for p in parts if p.timed]
    whole = (found[0].start(), found[-1].end())
    span = " ".join(text[whole[0]:whole[1]].split())
    if _limits_belong_to_a_cycle(parts) and len(span) <= 120:
        # "định kỳ hằng năm (trước ngày 15/12)": a year-less limit beside a cycle is the cycle's day
        return parse_deadline(span, default_year), whole
    if len(timed) > 1:
        return combine(span, timed), whole
    best = next((p for p in parts if p.start or p.end), None) or timed[0] if timed else parts[0]
    return best, next(m.span() for m, p in zip(found, parts) if p is best)


# "(Nội dung a, b, c gửi về Bộ Công an trước ngày 30/9/2025)", "các nhiệm vụ tại điểm 1, 2 hoàn thành …"
_NOTE_ITEMS = re.compile(r"(?:nội\s+dung|nhiệm\s+vụ|điểm|mục|khoản)(?:\s+(?:tại|ở|nêu\s+tại))?(?:\s+(?:điểm|mục|khoản))?\s+"
                         r"(?P<items>[a-zđ0-9]{1,2}(?:\s*(?:,|và|-|–)\s*[a-zđ0-9]{1,2}(?!\w))+)", re.I)


def items_sharing_deadline(text: str) -> list[str]:
    """The items a deadline note names, so the deadline reaches each of them and not only the item
    the note is printed under: "(Nội dung a, b, c gửi về Bộ Công an trước ngày 30/9/2025)" →
    ``["a", "b", "c"]``.  Empty when the text sets no deadline or names no items."""
    if not find_deadline_phrases(text):
        return []
    m = _NOTE_ITEMS.search(text)
    return [x.lower() for x in re.split(r"\s*(?:,|\bvà\b|-|–)\s*", m.group("items")) if x.strip()] if m else []

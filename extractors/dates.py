"""Parse Vietnamese calendar dates.

Shapes: ``ngày 22 tháng 9 năm 2021``, ``22/9/2021``, ``22-9-2021``,
``22.9.2021``, ``ngày 31/12/2020``; year-less forms (``ngày 30/6``) take the
year the caller supplies (the document's own year).  Impossible dates
(``31/02/2021``) are not dates: the parser returns nothing rather than guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DAY = r"(?P<d>[0-3]?\d)"
_MONTH = r"(?P<m>[01]?\d)"
_YEAR = r"(?P<y>(?:19|20)\d\d)"

# Written out: "ngày 22 tháng 9 năm 2021" (the leading "ngày" optional).
_LONG = rf"(?:[Nn]gày\s+)?{_DAY}\s+tháng\s+{_MONTH}\s+năm\s+{_YEAR}"
# Numeric: "22/9/2021", "22-9-2021", "22.9.2021" (one separator kind per date); typists
# put spaces after the slashes ("22/ 12/ 2011"), so slashes may carry spaces.
_NUMERIC = rf"(?:[Nn]gày\s+)?{_DAY}(?:(?P<sep>[.-]){_MONTH}(?P=sep)|\s?/\s?(?P<sm>[01]?\d)\s?/\s?){_YEAR}"
DATE_RE = re.compile(rf"(?<![\d/.-])(?:{_LONG.replace('(?P<', '(?P<l')}|{_NUMERIC})(?![\d/])")
# Year-less: "ngày 30/6", "ngày 15 tháng 12"
NO_YEAR_RE = re.compile(r"(?<![\d/])[Nn]gày\s+(?P<d>[0-3]?\d)(?:\s*/\s*|\s+tháng\s+)(?P<m>[01]?\d)(?![\d/]|\s*(?:/|năm)\s*\d)")


@dataclass(frozen=True)
class DateMatch:
    text: str
    date: dt.date
    start: int
    end: int


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    out = []
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        if g.get("ld"):
            day, month, year = int(g["ld"]), int(g["lm"]), int(g["ly"])
        else:
            day, month, year = int(g["d"]), int(g["m"] or g["sm"]), int(g["y"])
        date = make_date(year, month, day)
        if date:
            out.append(DateMatch(m.group(0), date, m.start(), m.end()))
    return out


def parse_date(text: str, default_year: int | None = None) -> dt.date | None:
    """The first date in ``text``; year-less dates use ``default_year``."""
    found = find_dates(text)
    if found:
        return found[0].date
    if default_year is not None:
        m = NO_YEAR_RE.search(text)
        if m:
            return make_date(default_year, int(m.group("m")), int(m.group("d")))
    return None

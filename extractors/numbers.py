"""Parse Vietnamese document numbers (số hiệu).

Three shapes (domain notes, Nghị định 30/2020/NĐ-CP):

* administrative ``43/KH-UBND``, ``2265/BCT-ATMT`` (a letter: no type code),
* normative ``61/2018/NĐ-CP``, ``72/2025/QH15``,
* party ``11-CT/TU``, ``668-NQ/ĐU``.

Real text has stray spaces (``43 /KH-UBND``, ``1856/TTr -SCT``); they are
allowed inside a match and removed from the normalised number.  A blank
number (``Số:      /KH-UBND`` in a draft) is recognised as blank, not invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tables_data import load

# One code segment: QĐ, NĐ, TTr, TTg, QH15, BCT, ANTCĐT, UBND …
_SEG = r"[A-ZĐÐ][A-ZĐÐ]*(?:[a-zđ][A-ZĐÐ]*)?\d{0,3}(?![\wĐđ])"
_SEG_LIST = rf"{_SEG}(?:[ ]?[-–][ ]?{_SEG})*"
_SP = r"[ ]{0,3}"

NUMBER_RE = re.compile(
    rf"""(?<![\w/.-])(?:
        (?P<party_no>\d{{1,6}}){_SP}-{_SP}(?P<party_type>{_SEG}){_SP}/{_SP}(?P<party_org>{_SEG_LIST})
      | (?P<no>\d{{1,6}}[a-z]?){_SP}/{_SP}(?:(?P<year>(?:19|20)\d\d){_SP}/{_SP})?(?P<codes>{_SEG_LIST})
    )""",
    re.VERBOSE,
)
# "Số:      /KH-UBND" — a number left blank for handwriting or a draft.
BLANK_NUMBER_RE = re.compile(rf"Số\s*:?\s*[.…_ ]*/{_SP}(?P<codes>{_SEG_LIST})")


@dataclass(frozen=True)
class DocNumber:
    text: str          # as matched in the source
    number: str        # normalised: spaces removed, known typos fixed
    serial: str
    year: int | None
    type_code: str | None
    issuer_code: str | None
    doc_type: str | None   # from the type code; None when the code names no type
    start: int
    end: int


def _fix_codes(codes: str) -> list[str]:
    typos = load("doc_types")["code_typos"]
    parts = [p for p in re.split(r"\s*[-–]\s*", codes.replace(" ", "")) if p]
    return [typos.get(p.replace("Ð", "Đ"), p.replace("Ð", "Đ")) for p in parts]


def _type_of(code: str | None) -> str | None:
    if code is None:
        return None
    codes = load("doc_types")["codes"]
    if code in codes:
        return codes[code]
    if re.fullmatch(r"QH\d+", code):
        return "luat"
    return None


def parse_match(m: re.Match) -> DocNumber:
    if m.group("party_no"):
        serial = m.group("party_no")
        type_code = _fix_codes(m.group("party_type"))[0]
        org = _fix_codes(m.group("party_org"))
        number = f"{serial}-{type_code}/{'-'.join(org)}"
        return DocNumber(m.group(0), number, serial, None, type_code, org[0] if org else None,
                         _type_of(type_code), m.start(), m.end())
    serial = m.group("no")
    year = int(m.group("year")) if m.group("year") else None
    parts = _fix_codes(m.group("codes"))
    head = parts[0]
    doc_type = _type_of(head)
    if year is not None and re.fullmatch(r"QH\d+", head):
        type_code, issuer_code = head, "QH"
    elif doc_type is not None and len(parts) > 1:
        type_code, issuer_code = head, parts[1]
    elif doc_type is not None:
        type_code, issuer_code = head, None
    else:
        # "2265/BCT-ATMT", "7432/UBND-XD": a letter (công văn) has no type code.
        type_code, issuer_code = None, head
    middle = f"{year}/" if year is not None else ""
    number = f"{serial}/{middle}{'-'.join(parts)}"
    return DocNumber(m.group(0), number, serial, year, type_code, issuer_code,
                     doc_type or ("cong_van" if type_code is None else None), m.start(), m.end())


def find_numbers(text: str) -> list[DocNumber]:
    """Every document number in ``text``, in order."""
    found = []
    for m in NUMBER_RE.finditer(text):
        # A fraction like "73,79/100" or a date "31/12/2020" has no letter code.
        found.append(parse_match(m))
    return found


def parse_number(text: str) -> DocNumber | None:
    """Parse a single number such as ``"43 /KH-UBND"``; None if it is not one."""
    m = NUMBER_RE.search(text)
    return parse_match(m) if m else None

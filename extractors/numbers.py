"""Parse Vietnamese document numbers (số hiệu).

Three shapes (domain notes, Nghị định 30/2020/NĐ-CP):

* administrative ``43/KH-UBND``, ``2265/BCT-ATMT`` (a letter: no type code),
* normative ``61/2018/NĐ-CP``, ``72/2025/QH15``, and the Government's dotted
  series ``66.4/2025/NQ-CP``,
* party ``11-CT/TU``, ``668-NQ/ĐU``;

and technical standards, numbered by their own scheme: ``QCVN 01:2019/BCT``,
``TCVN 5574:2018``.

Real text has stray spaces (``43 /KH-UBND``, ``1856/TTr -SCT``); they are
allowed inside a match and removed from the normalised number.  A blank
number (``Số:      /KH-UBND`` in a draft) is recognised as blank, not invented.

Scans add OCR damage.  :func:`find_numbers` reads the text through a
same-length *repaired view* (a doubled dash ``QĐ- -TTg``, a code wrapped after
its dash, ``25/2025; QĐ-TTg``, the fraction slash ``⁄``), so offsets still
point into the document; code segments are put right only where the code
tables make it unambiguous (``QĐĐ`` → ``QĐ``, ``QHI5`` in a 2024 number →
``QH15``).  A number glued to a symbol (``67§5/…``, ``#3 /TTr``) is a misread
and is not taken: a wrong digit is worse than no number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import load

# One code segment: QĐ, NĐ, TTr, TTg, QH15, BCT, ANTCĐT, UBND, CCHC&VTLT, CAT(PC04) …
_SEG = r"[A-ZĐÐ][A-ZĐÐ]*(?:[a-zđ][A-ZĐÐ]*)?\d{0,3}(?:&[A-ZĐÐ]+)*(?:\([A-ZĐÐ]+\d{0,3}\))?(?![\wĐđ&])"
_SEG_LIST = rf"{_SEG}(?:[ ]{{0,2}}[-–][ ]{{0,2}}{_SEG})*"
_SP = r"[ ]{0,3}"
# What may stand right before a number: nothing, a space, an opening bracket or
# quote, or the punctuation of a list ("số:", "1743/QĐ-BGTVT, 1744/QĐ-BGTVT").
# A serial right after "<digit> " is the tail of a serial OCR split ("số 2 7/2022/…").
_BEFORE = r"(?<![^\s(\[“”\"'‘’:;,])(?<!\d[ ])"

NUMBER_RE = re.compile(
    rf"""{_BEFORE}(?:
        (?P<party_no>\d{{1,6}}){_SP}-{_SP}(?P<party_type>{_SEG}){_SP}/{_SP}(?P<party_org>{_SEG_LIST})
      | (?P<no>\d{{1,4}}\.\d{{1,2}}(?={_SP}/{_SP}(?:19|20)\d\d)|\d{{1,6}}[a-z]?){_SP}/{_SP}(?:(?P<year>(?:19|20)\d\d){_SP}/{_SP})?(?P<codes>{_SEG_LIST})
    )""",
    re.VERBOSE,
)
# "QCVN 01:2019/BCT", "QCVN 06:2022/BXD", "TCVN 5574:2018", "TCVN ISO 9001:2015".
# A standard is always cited with its year; "TCVN3" (the legacy font) is none.
STANDARD_RE = re.compile(
    r"(?<![\w/])(?P<std>QCVN|TCVN(?:[ ]ISO)?)[ ](?P<std_no>\d{1,5}(?:-\d{1,2}(?=:))?)"
    r"(?P<std_sep>[:-])[ ]?(?P<std_year>(?:19|20)\d\d|\d\d)(?!\d)(?:[ ]?/[ ]?(?P<std_org>[A-ZĐ]{2,8}))?(?![\w/])")
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

    @property
    def codes(self) -> list[str]:
        """The code segments after the serial (and year): ``["QĐ", "UBND"]``, ``["NQ", "TW"]``."""
        if self.type_code in _STANDARD_TYPES:
            return []
        tail = self.number[len(self.serial) + 1:]
        if self.year is not None:
            tail = tail[len(str(self.year)) + 1:]
        return [p for p in re.split(r"[-/]", tail) if p]


def _known_codes() -> set[str]:
    return set(load("doc_types")["codes"]) | set(load("issuers")["codes"])


def _legislature_fix(code: str, year: int | None) -> str:
    """``QHI5``/``QHI15``/``QHl4`` read by OCR → the legislature sitting in ``year``.

    Laws and resolutions of the Quốc hội carry the legislature (QH15 = khóa XV,
    2021–2026); an OCR'd ``I``/``l``/``|`` among its digits is a ``1`` or noise,
    and the year decides which reading is the legislature of that year.
    """
    m = re.fullmatch(r"QH([0-9Il|]{1,3})", code)
    if not m or year is None or code[2:].isdigit():
        return code
    terms = load("abbreviations")["number_codes"]["legislatures"]
    body = m.group(1)
    candidates = {body.replace(c, "1") for c in "Il|"} | {re.sub(r"[Il|]", "", body)}
    sitting = {c for c in candidates if c.isdigit() and c in terms
               and terms[c][0] <= year <= terms[c][1]}
    return f"QH{sitting.pop()}" if len(sitting) == 1 else code


def _undouble(code: str) -> str:
    """``QĐĐ`` → ``QĐ``: OCR reads a Đ twice (as Đ and as its look-alike Ð); undo
    it when only the single form is a known code (doubled Latin letters are real:
    TTr, CCHC)."""
    known = _known_codes()
    if code in known or "ĐĐ" not in code:
        return code
    single = code.replace("ĐĐ", "Đ")
    return single if single in known else code


def _restore_dj(code: str) -> str:
    """``QD`` → ``QĐ``, ``HDND`` → ``HĐND``: the one spelling with Đ that a code table knows.

    Typists without Vietnamese keyboards and OCR without the bar write D for Đ;
    a code that is in no table but becomes exactly one known code with Đ is that
    code ("HD", hướng dẫn, is known as it is and stays)."""
    canonical = load("abbreviations")["number_codes"]["canonical"]
    if code in canonical:
        return canonical[code]
    known = _known_codes()
    if code in known or "D" not in code:
        return code
    spots = [i for i, c in enumerate(code) if c == "D"]
    variants = {code[:i] + "Đ" + code[i + 1:] for i in spots} | {code.replace("D", "Đ")}
    hits = variants & known
    return hits.pop() if len(hits) == 1 else code


def _fix_codes(codes: str, year: int | None = None) -> list[str]:
    typos = load("doc_types")["code_typos"]
    parts = [p for p in re.split(r"\s*[-–]\s*", codes.replace(" ", "")) if p]
    fixed = []
    for p in parts:
        p = p.replace("Ð", "Đ")
        p = typos.get(p, p)
        p = _legislature_fix(_restore_dj(_undouble(p)), year)
        fixed.append(p)
    return fixed


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
    parts = _fix_codes(m.group("codes"), year)
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


_STANDARD_TYPES = {"QCVN": "quy_chuan", "TCVN": "tieu_chuan"}


def _parse_standard(m: re.Match, text: str) -> DocNumber:
    kind = " ".join(m.group("std").split())
    number = f"{kind} {m.group('std_no')}{m.group('std_sep')}{m.group('std_year')}"
    if m.group("std_org"):
        number += f"/{m.group('std_org')}"
    year = int(m.group("std_year")) if len(m.group("std_year")) == 4 else None
    return DocNumber(text[m.start():m.end()], number, m.group("std_no"), year, kind.split()[0],
                     m.group("std_org"), _STANDARD_TYPES[kind.split()[0]], m.start(), m.end())


# Same-length repairs of OCR damage around separators (the view keeps offsets).
_VIEW_REPAIRS = [
    # "QĐ- -TTg", "QĐ--TTg": a dash read twice
    (re.compile(r"(?<=[A-ZĐa-z\d])([ ]?[-–])[ ]?[-–](?=[ ]?[A-ZĐ])"), lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1)))),
    # "6138/UBND-\t\nKGVX": a code wrapped after its dash
    (re.compile(r"(?<=[A-ZĐ\d]-)[ \t]*\n[ \t]*(?=[A-ZĐ]{2})"), lambda m: " " * len(m.group(0)) if len(m.group(0)) <= 2 else m.group(0)),
    # "7⁄2022": the fraction slash
    (re.compile("⁄"), lambda m: "/"),
    # "số 2 7/2022/NĐ-CP": a serial split by a space, right after "số"
    (re.compile(r"(?<=số )(\d{1,3}) (\d{1,3})(?=[ ]?[/⁄])"), lambda m: m.group(1) + m.group(2) + " "),
]
# "25/2025; QĐ-TTg": the slash after the year read as a semicolon or colon
_YEAR_SEMICOLON = re.compile(r"(?<=/(?:19|20)\d\d)[;:](?=[ ]?(?P<code>[A-ZĐ][A-ZĐa-z]{0,3})[ ]?[-–])")


def repaired_view(text: str) -> str:
    """``text`` with OCR-damaged separators put right, character for character."""
    view = text
    for pattern, repl in _VIEW_REPAIRS:
        view = pattern.sub(repl, view)
    codes = load("doc_types")["codes"]
    view = _YEAR_SEMICOLON.sub(lambda m: "/" if m.group("code") in codes else m.group(0), view)
    assert len(view) == len(text)
    return view


def find_numbers(text: str) -> list[DocNumber]:
    """Every document number (and standard) in ``text``, in order.

    A fraction like "73,79/100" or a date "31/12/2020" has no letter code and is
    no number; a phone number, page or amount has no code either.
    """
    view = repaired_view(text)
    found = [_parse_standard(m, text) for m in STANDARD_RE.finditer(view)]
    taken = [(n.start, n.end) for n in found]
    for m in NUMBER_RE.finditer(view):
        if any(s <= m.start() < e for s, e in taken):
            continue                       # "2019/BCT" inside "QCVN 01:2019/BCT"
        parsed = parse_match(m)
        found.append(DocNumber(text[m.start():m.end()], *_fields_after_text(parsed)))
    return sorted(found, key=lambda n: n.start)


def _fields_after_text(n: DocNumber) -> tuple:
    return (n.number, n.serial, n.year, n.type_code, n.issuer_code, n.doc_type, n.start, n.end)


def parse_number(text: str) -> DocNumber | None:
    """Parse a single number such as ``"43 /KH-UBND"``; None if it is not one."""
    m = NUMBER_RE.search(repaired_view(text))
    if m:
        parsed = parse_match(m)
        return DocNumber(text[m.start():m.end()], *_fields_after_text(parsed))
    s = STANDARD_RE.search(text)
    return _parse_standard(s, text) if s else None

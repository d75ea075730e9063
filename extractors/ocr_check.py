"""Was an OCR'd document number read the same way twice — and which reading holds?

The OCR stage re-reads every word that looks like a document number
(:func:`pipeline.ocr.reread_numbers`).  A number whose serial or year comes out
differently on the second reading is not trusted: the document's own number
becomes null, a citation is kept but marked uncertain, both with a warning.

:func:`settle_ocr_numbers` goes one step further for citations in scans: the
document itself is the arbiter, and a reading changes only when the choice is
unambiguous.  In order:

* a cut-off number takes the one whole number of the document it begins
  (``38/2023/NĐ`` beside ``38/2023/NĐ-CP``);
* a second reading wins when it keeps serial, year and the count of codes and
  puts known codes (tables, or other numbers of the document) where the first
  had unknown ones (``8016/KH-LBND`` read again ``8016/KH-UBND``);
* a second reading that the document cites elsewhere wins over a first that it
  cites nowhere else (``06/2025/QH15`` read again ``206/2025/QHI15`` beside
  ``206/2025/QH15``);
* an impossible shape (a thông tư without its year, a Đ read twice) takes the
  codes of the document's other numbers that its own codes begin
  (``432/TT - CĐĐS`` beside ``423/TTg-CĐS``);
* a word after "số" that the first reading garbled past parsing (``67§5/…``)
  takes a second reading that is a number.

A sound number whose second reading is merely different stays as read and is
flagged by :func:`readings`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from vanban.pipeline.model import Document

from .numbers import DocNumber, parse_number
from .lexicon import load

# Type codes whose documents are always numbered with their year (normative texts).
_YEAR_ALWAYS = {"TT", "TTLT"}


def readings(doc: Document, start: int, end: int, number: str) -> list[str]:
    """Other readings of the number written at ``start:end`` (empty when not OCR'd or agreed).

    Only the words that hold ``start:end`` are compared: another number on the
    same line is another citation, not a second reading of this one (``2018``
    in ``61/2018/NĐ-CP`` holds the serial ``01`` of ``01/2018/TT-VPCP``)."""
    parsed = parse_number(number)
    if parsed is None:
        return []
    different: list[str] = []
    for other in _second_readings(doc, start, end):
        if (other.serial != parsed.serial or (parsed.year and other.year and other.year != parsed.year)) \
                and other.number not in different:
            different.append(other.number)
    return different


def _ocr_read(doc: Document, offset: int) -> bool:
    line = doc.line_at(offset)
    if line is None:
        return False
    page = next((p for p in doc.pages if p.number == line.page), None)
    return page is not None and page.text_source == "ocr"


def _second_readings(doc: Document, start: int, end: int) -> list[DocNumber]:
    """The re-readings of the OCR words that hold ``start:end``, parsed as numbers."""
    line = doc.line_at(start)
    if line is None or not line.words:
        return []
    out, pos = [], 0
    for word in line.words:
        at = line.text.find(word.text, pos)
        if at < 0:
            continue
        pos = at + len(word.text)
        if line.start + at < end and line.start + pos > start:
            for alt in word.alternatives:
                parsed = parse_number(alt.lstrip(".,;:'\"“‘|"))
                if parsed is not None:
                    out.append(parsed)
    return out


def _known_codes() -> set[str]:
    return set(load("doc_types")["codes"]) | set(load("issuers")["codes"])


def _impossible(n: DocNumber) -> bool:
    """A shape no real number has: a thông tư without its year, a Đ read twice."""
    return (n.type_code in _YEAR_ALWAYS and n.year is None) or any("ĐĐ" in code for code in n.codes)


def _better_second_reading(n: DocNumber, alt: DocNumber, vocabulary: set[str]) -> bool:
    """Does ``alt`` read the same number with codes the document knows where ``n``'s are unknown?

    Serial, year and the count of code segments must agree (a second reading of a
    cut word, "3422/UBND-", is no better); every segment that differs must be
    unknown in ``n`` and known in ``alt``.
    """
    if (alt.serial, alt.year, len(alt.codes)) != (n.serial, n.year, len(n.codes)) or alt.number == n.number:
        return False
    pairs = [(mine, theirs) for mine, theirs in zip(n.codes, alt.codes) if mine != theirs]
    return bool(pairs) and all(mine not in vocabulary and theirs in vocabulary for mine, theirs in pairs)


def _with_number(n: DocNumber, number: str) -> DocNumber:
    parsed = parse_number(number)
    if parsed is None:
        return n
    return replace(parsed, text=n.text, start=n.start, end=n.end)


def _whole_form(n: DocNumber, numbers: list[DocNumber]) -> str | None:
    """The one number of the document with the same serial and year whose codes extend ``n``'s."""
    longer = {m.number for m in numbers if m.serial == n.serial and m.year == n.year
              and len(m.codes) > len(n.codes) and m.codes[:len(n.codes)] == n.codes}
    return longer.pop() if len(longer) == 1 else None


def _codes_used_elsewhere(n: DocNumber, numbers: list[DocNumber]) -> list[str] | None:
    """Codes of other numbers that ``n``'s codes are (letter by letter) a prefix of, if unique."""
    mine = [code.replace("ĐĐ", "Đ") for code in n.codes]
    fits = {tuple(m.codes) for m in numbers if m is not n and len(m.codes) == len(mine)
            and all(theirs.startswith(own) for own, theirs in zip(mine, m.codes))
            and (m.year is not None or n.year is None)}
    return list(fits.pop()) if len(fits) == 1 else None


def _renumber(n: DocNumber, codes: list[str]) -> str:
    middle = f"{n.year}/" if n.year is not None else ""
    if "-" in n.number.split("/", 1)[0]:                 # a party number: 11-CT/TU
        return f"{n.serial}-{codes[0]}/{'-'.join(codes[1:])}"
    return f"{n.serial}/{middle}{'-'.join(codes)}"


def settle_ocr_numbers(doc: Document, numbers: list[DocNumber]) -> list[DocNumber]:
    """``numbers`` with OCR-damaged readings replaced where the document settles them,
    and the numbers only a second reading could read (``67§5/VPCP-KGVX`` read again
    ``6785/VPCP-KGVX``) added."""
    known = _known_codes()
    cited = Counter(n.number for n in numbers)
    settled = []
    for n in numbers:
        settled.append(_settle(doc, n, numbers, cited, known) if _ocr_read(doc, n.start) else n)
    settled.extend(_read_only_the_second_time(doc, settled, known))
    return sorted(settled, key=lambda n: n.start)


_SO_BEFORE_RE = re.compile(r"(?:\b[sS][ốô]|\bS[ỐÔ])\s*:?\s*$")


def _read_only_the_second_time(doc: Document, numbers: list[DocNumber], known: set[str]) -> list[DocNumber]:
    """Words after "số" that the first reading garbled past parsing (a symbol inside
    the serial) but the second reading gives as a number whose first code the
    tables or the document know: the second reading is the only reading there is."""
    taken = [(n.start, n.end) for n in numbers]
    vocabulary = known | {code for n in numbers for code in n.codes}
    found = []
    for line in doc.lines:
        if not line.words or not _ocr_read(doc, line.start):
            continue
        pos = 0
        for word in line.words:
            at = line.text.find(word.text, pos)
            if at < 0:
                continue
            pos = at + len(word.text)
            start, end = line.start + at, line.start + pos
            if not word.alternatives or "/" not in word.text or any(s < end and e > start for s, e in taken):
                continue
            if not _SO_BEFORE_RE.search(doc.text[max(0, start - 12):start]):
                continue
            for alt in word.alternatives:
                parsed = parse_number(alt.strip(".,;:'\"“‘|()"))
                if parsed is not None and parsed.codes and parsed.codes[0] in vocabulary:
                    length = len(word.text.rstrip(".,;:)"))
                    found.append(replace(parsed, text=doc.text[start:start + length], start=start, end=start + length))
                    break
    return found


def _vocabulary(n: DocNumber, numbers: list[DocNumber], known: set[str]) -> set[str]:
    """Codes known from the tables or used by another number of the document."""
    return known | {code for m in numbers if m is not n and m.number != n.number for code in m.codes}


def _settle(doc: Document, n: DocNumber, numbers: list[DocNumber], cited: Counter, known: set[str]) -> DocNumber:
    seconds = _second_readings(doc, n.start, n.end)
    vocabulary = _vocabulary(n, numbers, known)
    whole = _whole_form(n, numbers)
    if whole:                                            # "38/2023/NĐ" beside "38/2023/NĐ-CP"
        return _with_number(n, whole)
    for alt in seconds:
        if _better_second_reading(n, alt, vocabulary):   # "8016/KH-LBND" read again "8016/KH-UBND"
            return _with_number(n, alt.number)
    for alt in seconds:                                  # "06/2025/QH15" read again "206/2025/QHI15"
        if alt.number != n.number and cited[alt.number] > 0 and cited[n.number] == 1:
            return _with_number(n, alt.number)
    if _impossible(n):                                   # "432/TT - CĐĐS" beside "423/TTg-CĐS"
        codes = _codes_used_elsewhere(n, numbers)
        if codes and codes != n.codes:
            return _with_number(n, _renumber(n, codes))
    return n

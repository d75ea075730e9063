"""Document metadata: kind, number, date, place, issuer, title, signer, recipients.

The header of page 1 is two columns (issuer and number left; motto, place and
date right).  Readers that know positions mark lines ``left``/``right``; a text
transcription loses the columns, so every rule here also works on plain line
order.  What the page does not say legibly stays null with a warning: a blank
or handwritten number is never guessed.

Scans and PDF text layers damage headers in a few recurring ways, each handled
by a general rule whose words live in ``data/header.json``, ``places.json`` and
``positions.json``: the two columns merged into one line (the motto is cut out,
found on folded letters, and what stands on either side of it kept), tone marks
lost in a province (a closed list of 64, matched on folded letters), the kind
name with a wrong mark (``QUYÉT ĐỊNH``), a title introduced by ``Về việc``/``V/v``
(dropped, as the gold does) or printed in capitals (written as running text),
an OCR'd title syllable the document itself spells otherwise, a handwritten day
glued to a speck (null), and a signature block whose position, rank and name
OCR garbled or a transcription merged with the recipients.

Every value read from the text keeps where it was printed (``Metadata.spans``,
serialised as ``document.spans``): offsets into the document text with their
page, one span per line the value came from.  A repaired value (marks restored,
capitals rewritten, ``Về việc`` dropped) points at the printed words it was
repaired from, so a reviewer sees what the page said; a value the text does not
hold has no span.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from vanban.pipeline.markers import APPENDIX, SUMMING_UP_WORDS, has_motto, motto_spans
from vanban.pipeline.model import Document, Line
from vanban.pipeline.textnorm import collapse_spaces, fold_diacritics, sentence_case_first, unify_tones

from .dates import find_dates
from .issuers import (PLACE_RE, canonical_province, caps_to_name, fold_chars, full_name, known_body_names, level_of,
                      split_province_tail)
from .numbers import BLANK_NUMBER_RE, NUMBER_RE, parse_match
from .ocr_check import readings
from .lexicon import charclass, load

NUMBER_LINE_RE = re.compile(r"(?:(?<!\w)(?:Số|SỐ)|^\s*số(?=\s*[:.;,]))\s*[:.;,]?\s*(?P<rest>.*)$")
_CAP = charclass("capitals")                # every Vietnamese capital
_LOWER = charclass("lower")
_CAP_LOOSE = charclass("capitals_loose")
# "<Place>, ngày …"; OCR turns the comma into a period and glues the day to "ngày" ("ngày0?"),
# and a city's place keeps its printed "Thành phố" ("Thành phố Hồ Chí Minh, ngày …")
PLACE_DATE_RE = re.compile(rf"(?<!\w)(?P<place>(?:Thành\s+ph[ốóô]\s+|TP\.\s*)?(?:[{_CAP}][{_LOWER}]*|TP\.?)(?:\s+[{_CAP}][{_LOWER}]*(?:\s[{_LOWER}]{{1,2}}(?=\s*[,.]))?){{0,4}})\s*[,.]\s*ng[àa][yi](?![{_LOWER}])")
BODY_START_RE = re.compile(rf"^\s*(?:{'|'.join(load('header')['body_openers'])})", re.I)
RECIPIENTS_RE = re.compile(r"^\s*[^\w\s]{0,2}\w?\s?N[ơo]i\s+nhận\s*[:_.]*\s*(?P<rest>.*)$", re.I)   # tolerate an OCR speck
ADDRESSEE_RE = re.compile(r"^\s*Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.I)
SIGNATURE_STAMP_RE = re.compile(r"Thời\s+gian\s+ký\s*:?\s*(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})")
APPENDIX_RE = APPENDIX
# a person's name: two to five words, each starting with a capital — Vietnamese capitals too ("Ngô Xuân Ánh")
_NAME_RE = re.compile(rf"^[{_CAP}][{_LOWER}]*(?:\s+[{_CAP}][{_LOWER}]*){{1,4}}$")
# the unit word that opens the second line of a stacked issuer ("ỦY BAN NHÂN DÂN / TỈNH LÀO CAI"), folded
_UNIT_START_FOLDED = re.compile(
    "^(?:" + "|".join(fold_chars(w).replace(" ", r"\s*") for w in load("places")["unit_words"]) + r")(?![a-z])")
# copy and e-signature stamps printed into the header ("SAO Y; CÔNG AN TỈNH …; 06/01/2026; 16:42:26")
_STAMP_RE = re.compile(r"\bSAO\s+Y\b|\d{1,2}:\d{2}:\d{2}", re.I)


def _header_table() -> dict:
    return load("header")


def _motto_spans(text: str) -> list[tuple[int, int]]:
    """Where the national or Party motto sits in ``text`` (one spelling for every stage:
    ``pipeline.markers``)."""
    return motto_spans(text)


def strip_mottos(text: str) -> str:
    """The text of a header line with the mottos cut out, what was on either side kept:
    a merged two-column line ("ỦY BAN NHÂN DÂN CỘNG HÒA … VIỆT NAM TỈNH QUẢNG NGÃI")
    holds the issuer on both sides of the motto."""
    parts, pos = [], 0
    for start, end in _motto_spans(text):
        if start >= pos:
            parts.append(text[pos:start])
            pos = end
    parts.append(text[pos:])
    return collapse_spaces(" ".join(p.strip(" -–—_") for p in parts))


def strip_title_prefix(title: str) -> str:
    """``Về việc trình ký …`` / ``(V/v Phê duyệt …)`` → ``Trình ký …`` / ``Phê duyệt …``: the
    prefix is how a trích yếu is introduced, not part of it; the first letter is then
    capitalised.  A title printed without a prefix is kept as printed."""
    end = title_prefix_end(title)
    if end is None:
        return title
    rest = title[end:].strip()
    if title.lstrip().startswith("(") and rest.endswith(")") and rest.count(")") > rest.count("("):
        rest = rest[:-1].rstrip()
    return sentence_case_first(rest) if rest else title


def title_prefix_end(title: str) -> int | None:
    """Where the ``Về việc``/``V/v`` that introduces ``title`` ends, or None without one."""
    folded = fold_chars(title)
    for pattern in _header_table()["title_prefixes"]:
        m = re.match(pattern, folded)
        if m:
            return m.end()
    return None


# --- spans: where each value was printed ---------------------------------------------------
def line_span(line: Line, start: int, end: int) -> dict:
    """The span of ``line.text[start:end]`` in the document text, blanks at either end left out."""
    piece = line.text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return {"start": line.start + start, "end": line.start + max(start, end), "page": line.page}


def locate_in_line(line: Line, piece: str, last: bool = False) -> tuple[int, int] | None:
    """Where ``piece`` — a part of the line with its blanks collapsed (``collapse_spaces``,
    ``strip``) — sits in ``line.text``: the line's own spacing may differ, its words not."""
    words = piece.split()
    if not words:
        return None
    found = list(re.finditer(r"\s+".join(map(re.escape, words)), line.text))
    if not found:
        return None
    m = found[-1] if last else found[0]
    return m.start(), m.end()


def piece_span(line: Line, piece: str, last: bool = False) -> list[dict]:
    """``[span]`` of a collapsed piece of ``line``, or ``[]`` when the line does not hold it."""
    at = locate_in_line(line, piece, last)
    return [line_span(line, *at)] if at else []


def text_span(doc: Document, start: int, end: int) -> dict:
    """The span of ``doc.text[start:end]`` with the page of the line or table row it is in."""
    return {"start": start, "end": end, "page": _page_at(doc, start)}


def _page_at(doc: Document, offset: int) -> int:
    """The page of the line or table row holding ``offset`` (else of the nearest before it)."""
    page = doc.lines[0].page if doc.lines else 1
    best = -1
    for item in list(doc.lines) + [r for t in doc.tables for r in t.rows]:
        if best < item.start <= offset:
            best, page = item.start, item.page
    return page


@dataclass
class Traced:
    """Text stitched from pieces of the document, each character remembering its offset in
    the document text (-1 for what was inserted): a value read from text that was joined
    across lines or cleaned of OCR's specks still points at the printed characters."""
    text: str
    origin: list[int]

    @classmethod
    def of_line(cls, line: Line, start: int = 0) -> "Traced":
        return cls(line.text[start:], list(range(line.start + start, line.end)))

    def joined(self, other: "Traced", sep: str = " ") -> "Traced":
        return Traced(self.text + sep + other.text, self.origin + [-1] * len(sep) + other.origin)

    def sub(self, pattern: str, repl: str) -> "Traced":
        """``re.sub`` with a fixed replacement; the replacement's characters have no origin."""
        text, origin, pos = [], [], 0
        for m in re.finditer(pattern, self.text):
            text.append(self.text[pos:m.start()])
            origin.extend(self.origin[pos:m.start()])
            text.append(repl)
            origin.extend([-1] * len(repl))
            pos = m.end()
        text.append(self.text[pos:])
        origin.extend(self.origin[pos:])
        return Traced("".join(text), origin)

    def spans(self, doc: Document, start: int, end: int) -> list[dict]:
        """The document spans ``self.text[start:end]`` came from: one per line it crosses."""
        offsets = [o for o in self.origin[start:end] if o >= 0]
        out: list[dict] = []
        run_start = prev = None
        for o in offsets:
            if run_start is None:
                run_start = o
            elif "\n" in doc.text[prev:o]:
                out.append(text_span(doc, run_start, prev + 1))
                run_start = o
            prev = o
        if run_start is not None:
            out.append(text_span(doc, run_start, prev + 1))
        return out


@dataclass
class Metadata:
    doc_type: str | None = None
    number: str | None = None
    number_text: str | None = None
    issued_date: str | None = None
    place: str | None = None
    issuer: str | None = None
    issuer_level: str | None = None
    issuer_parent: str | None = None
    title: str | None = None
    signer: dict = field(default_factory=lambda: {"name": None, "position": None, "on_behalf": []})
    recipients: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    header_end: int = 0
    number_kind: str | None = None          # the kind a number's code names, digits legible or not
    warnings: list[str] = field(default_factory=list)
    # where each value was printed: field → [{"start", "end", "page"}], offsets into the document text
    spans: dict[str, list[dict]] = field(default_factory=dict)

    def set_spans(self, name: str, spans: list[dict]) -> None:
        """Record where ``name``'s value was printed (nothing when it was found nowhere)."""
        spans = [s for s in spans if s["end"] > s["start"]]
        if spans:
            self.spans[name] = spans
        else:
            self.spans.pop(name, None)

    def as_dict(self) -> dict:
        return {
            "doc_type": self.doc_type, "number": self.number, "number_text": self.number_text,
            "issued_date": self.issued_date,
            "place": self.place, "issuer": self.issuer, "issuer_level": self.issuer_level,
            "issuer_parent": self.issuer_parent, "title": self.title, "signer": self.signer,
            "recipients": self.recipients, "addressees": self.addressees,
            "spans": self.spans,
        }


def _type_names_upper() -> list[tuple[str, str]]:
    names = load("doc_types")["names"]
    return sorted(((k.upper(), v) for k, v in names.items()), key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def _type_names_folded() -> list[tuple[str, str]]:
    """Kind names by their folded letters, longest first: a scanned ``QUYÉT ĐỊNH`` or
    ``KÉ HOẠCH`` names its kind although OCR changed a mark."""
    return [(fold_diacritics(name), code) for name, code in _type_names_upper()]


def _type_line(lines: list[Line]) -> tuple[int, str, str] | None:
    """Index of the line that names the document kind in capitals, its code, the rest."""
    for line in lines[:60]:
        # OCR sprinkles punctuation into spaced capitals ("QUYẾT: ĐỊNH")
        text = collapse_spaces(re.sub(rf"(?<=[{_CAP_LOOSE}])[:;.,'`](?=\s)", "", line.text)).strip(" :")
        if not text.isupper():
            continue
        folded = fold_chars(text)
        for name, code in _type_names_folded():
            if folded == name or folded.startswith(name + " "):
                if code in ("cong_van",):          # "VĂN BẢN" is not a header kind
                    continue
                return line.index, code, text[len(name):].strip()
    return None


def _number(doc: Document, lines: list[Line], meta: Metadata, limit: int) -> None:
    for line in lines[:limit]:
        m = NUMBER_LINE_RE.search(line.text)
        if not m or line.column == "right":
            continue
        rest = m.group("rest")
        nm = NUMBER_RE.match(rest.strip())
        if nm:
            parsed = parse_match(nm)
            low_conf = _low_confidence_digits(line, parsed.serial)
            start = line.start + m.start("rest") + (len(rest) - len(rest.lstrip())) + nm.start()
            others = readings(doc, start, start + len(parsed.text), parsed.number)
            meta.set_spans("number", [{"start": start, "end": start + len(parsed.text), "page": line.page}])
            if others:
                meta.warnings.append(f"document number read as '{parsed.number}' and, on a second reading, as "
                                     f"{', '.join(repr(o) for o in others)}; left null rather than risk a wrong digit")
                meta.number_text = parsed.text
            elif low_conf:
                meta.warnings.append(f"document number '{parsed.number}' read with low OCR confidence "
                                     f"({low_conf:.0f}); left null rather than risk a wrong digit")
                meta.number_text = parsed.text
            else:
                meta.number, meta.number_text = parsed.number, parsed.text
            meta.header_end = max(meta.header_end, line.start + m.start("rest") + len(rest))
            return
        blank = BLANK_NUMBER_RE.search(line.text)
        slash = re.search(r"/\s*[A-ZĐ][A-Za-zĐ]{0,5}(?:[-–(][A-ZĐ0-9]+)+", rest)
        meta.number_kind = _kind_of_code(rest)
        if blank or slash:
            filler = rest[:slash.start()].strip() if slash else ""
            if filler:
                meta.warnings.append(f"document number not legible (handwritten?): read as '{collapse_spaces(rest)}'")
            else:
                meta.warnings.append("document number is blank (unsigned draft or number written by hand)")
            meta.header_end = max(meta.header_end, line.end)
            return


def _kind_of_code(rest: str) -> str | None:
    """The kind a number's type code names even when its digits are illegible
    (``9% /TTr-CAT-PC06`` → to_trinh): the code is printed, only the digits are by hand."""
    m = re.search(r"/\s*(?P<code>[A-ZĐ][A-Za-zĐđ]{0,4})(?=\s*[-–(]|\s*$)", rest)
    return load("doc_types")["codes"].get(m.group("code")) if m else None


def _issuing_stamp(doc: Document, lines: list[Line], meta: Metadata) -> None:
    """Number and date from the e-office issuing stamp ("Số: 666/TTr-SNV; 22/12/2025;
    18:56:39; +07:00") when the page prints none: the system stamps what it issued."""
    pattern = _header_table()["issuing_stamp"]
    for line in lines[:15]:
        m = re.search(pattern, fold_chars(line.text), re.I)
        if not m:
            continue
        nm = NUMBER_RE.match(line.text[m.start("number"):m.end("number")])
        dates = find_dates(line.text[m.start("date"):m.end("date")])
        if nm:
            parsed = parse_match(nm)
            meta.number, meta.number_text = parsed.number, parsed.text
            meta.set_spans("number", [line_span(line, m.start("number") + nm.start(), m.start("number") + nm.end())])
            meta.warnings.append("document number taken from the e-office issuing stamp")
        if dates and meta.issued_date is None:
            meta.issued_date = dates[0].date.isoformat()
            meta.set_spans("issued_date", [line_span(line, m.start("date") + dates[0].start, m.start("date") + dates[0].end)])
            meta.warnings.append("issue date taken from the e-office issuing stamp")
        return


_SELF_APPENDIX_RE = re.compile(
    r"kèm\s+theo\s+(?P<kind>[^\n()]{2,30}?)\s+số\s*:?\s*(?P<number>[^\s,;()]+)\s*,?\s*(?P<date>ngày[^\n()]{4,30}?năm\s+\d{4}|ngày\s+\d{1,2}/\d{1,2}/\d{4})",
    re.I)


def _appendix_date_check(doc: Document, meta: Metadata) -> None:
    """An appendix says which document it belongs to ("(Kèm theo Công văn số 4214/BCA-C04
    ngày 16 tháng 9 năm 2025)"); when that is this document (same number) and its date is
    not the header's, both are reported: one of them was misread or mistyped."""
    if not meta.number:
        return
    own = re.sub(r"\s+", "", meta.number).upper()
    for m in _SELF_APPENDIX_RE.finditer(doc.text):
        if re.sub(r"\s+", "", m.group("number")).upper().rstrip(".") != own:
            continue
        dates = find_dates(m.group("date"))
        said = dates[0].date.isoformat() if dates else None
        if said != meta.issued_date:
            meta.warnings.append(f"header date {meta.issued_date or 'not legible'} but the document's own appendix "
                                 f"reference says '{collapse_spaces(m.group(0))}' ({said or 'not legible'})")
        return


def _low_confidence_digits(line: Line, serial: str) -> float | None:
    """Mean confidence of the OCR words holding the serial digits, when below the bar."""
    if not line.words:
        return None
    confs = [w.conf for w in line.words if any(ch.isdigit() for ch in w.text) and
             (serial in w.text or w.text.strip("/ ").isdigit())]
    if not confs:
        return None
    mean = sum(confs) / len(confs)
    return mean if mean < 80 else None


def _date_and_place(doc: Document, lines: list[Line], meta: Metadata, limit: int) -> None:
    """"<Place>, ngày … tháng … năm …" in the header: at the start of its line, in
    the right column, or after the number on a merged two-column OCR line."""
    for line in lines[:max(limit, 40)]:
        pm = PLACE_DATE_RE.search(line.text)
        if not pm and not re.search(r"^\s*ngày\b.*\btháng\b", line.text):
            continue
        if pm and not (pm.start() == 0 or line.column == "right" or NUMBER_LINE_RE.search(line.text[:pm.start()])
                       or has_motto(line.text[:pm.start()])):
            continue
        if pm:
            speck = _place_with_speck(line.text[:pm.end("place")])
            meta.place = speck[0] if speck else _place_name(pm.group("place"))
            meta.set_spans("place", [line_span(line, speck[1] if speck else pm.start("place"), pm.end("place"))])
        # OCR's specks between a date's parts ("ngày 27 tháng , 5 năm 2026")
        traced = _date_text(lines, line, pm.start() if pm else 0)
        tail_text = traced.text
        dates = find_dates(tail_text)
        if dates and _day_smudged(tail_text, dates[0].start):
            meta.warnings.append(f"issue day not legible (handwritten?): '{collapse_spaces(tail_text)}'; left null")
        elif dates:
            meta.issued_date = dates[0].date.isoformat()
            meta.set_spans("issued_date", traced.spans(doc, dates[0].start, dates[0].end))
        else:
            tail = line.text[pm.end():] if pm else line.text
            if re.search(r"tháng|năm", tail):
                meta.warnings.append(f"issue date not legible or blank: '{collapse_spaces(tail)}'")
        return


def _place_name(printed: str) -> str:
    """The place as printed, a province's tone marks restored (``Lâm Đông`` → ``Lâm Đồng``)
    and a city's ``TP.``/``Thành phó`` written ``Thành phố``."""
    printed = collapse_spaces(printed)
    m = re.match(r"^(?:Thành\s+ph[ốóô]|TP\.?)\s*(?P<name>.+)$", printed)
    name = m.group("name") if m else printed
    name = canonical_province(name) or name
    return f"Thành phố {name}" if m else name


def _date_text(lines: list[Line], line: Line, start: int) -> Traced:
    """The place-date text from ``start``, with the next line when OCR broke the date
    after "ngày" ("Lâm Đồng, ngày" / "15 tháng 01 năm 2026"), and OCR's specks between
    a date's parts dropped ("ngày 27 tháng , 5 năm 2026"); traced back to the page."""
    text = Traced.of_line(line, start)
    if "tháng" not in text.text and line.index + 1 < len(lines):
        nxt = lines[line.index + 1]
        if re.search(r"\btháng\b.*\bnăm\b", nxt.text) and not PLACE_DATE_RE.search(nxt.text):
            text = text.joined(Traced.of_line(nxt))
    return text.sub(r"(?:(?<=tháng)|(?<=năm))\s*[,.;:]\s*(?=\d)", " ")


def _place_with_speck(before_comma: str) -> tuple[str, int] | None:
    """A province whose name OCR broke with a speck word ("Hà an Nội, ngày …"), and where
    its first word starts in ``before_comma``."""
    found = list(re.finditer(r"\S+", before_comma))[-4:]
    words = [m.group(0) for m in found]
    for n in (3, 4):
        if len(words) < n:
            continue
        tail = words[-n:]
        kept = [w for w in tail if not (w.islower() and len(w) <= 2)]
        if len(kept) < len(tail) and kept and kept[0][:1].isupper():
            province = canonical_province(" ".join(kept))
            if province and fold_chars(" ".join(kept)) == fold_chars(province):
                first = next(i for i, w in enumerate(tail) if w is kept[0])
                return province, found[len(found) - n + first].start()
    return None


def _day_smudged(text: str, start: int) -> bool:
    """A header date whose day OCR glued to a stray mark (``ngày @3``, ``ngày⁄|5 {5``) was
    handwritten and misread: the parsed day would be a guess."""
    before = text[:start].rstrip()
    return bool(before) and not before[-1].isalnum() and before[-1] not in ",.:;"


def _signature_stamp_date(doc: Document) -> tuple[str, dict] | None:
    """The digital-signature time's date, and the span of the printed date."""
    m = SIGNATURE_STAMP_RE.search(doc.text)
    if not m:
        return None
    dates = find_dates(f"{m.group('d')}/{m.group('m')}/{m.group('y')}")
    return (dates[0].date.isoformat(), text_span(doc, m.start("d"), m.end("y"))) if dates else None


def _outside_mottos(line: Line) -> list[dict]:
    """Spans of the parts of a header line that are not a motto (the issuer's words on
    either side of a motto merged into the same line), trimmed of dashes and specks."""
    spans, pos = [], 0
    cuts = [(a, b) for a, b in _motto_spans(line.text)] + [(len(line.text), len(line.text))]
    for start, end in cuts:
        if start >= pos:
            piece = line.text[pos:start]
            lead = len(piece) - len(piece.lstrip(" -–—_*."))
            trail = len(piece) - len(piece.rstrip(" -–—_*."))
            if lead < len(piece):
                spans.append(line_span(line, pos + lead, start - trail))
            pos = max(pos, end)
    return spans


def _header_caps_lines(lines: list[Line], limit: int) -> list[tuple[str, list[dict]]]:
    """The capitals of the header's left column, top to bottom, up to the number line:
    mottos cut out of merged lines, copy stamps and OCR specks left aside; each with the
    spans it was read from."""
    caps: list[tuple[str, list[dict]]] = []
    framed = False                  # a number line or a motto: the page has a header at all
    for line in lines[:limit]:
        framed = framed or bool(_motto_spans(line.text))
        if line.column == "right" or _STAMP_RE.search(line.text):
            continue
        text = collapse_spaces(line.text)
        if NUMBER_LINE_RE.search(text):
            framed = True
            break
        text = strip_mottos(text).strip(" -_—–*.")
        letters = [c for c in text if c.isalpha()]
        if len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.9:
            caps.append((text, _outside_mottos(line)))
    return caps if framed else []


def _repair_place(caps: str) -> str:
    """A header line ending in a province has its unit and name spelled right again
    (``CÔNG AN TĨNH LÀÁM ĐÔNG`` → ``CÔNG AN TỈNH LÂM ĐỒNG``): provinces are a closed list."""
    found = split_province_tail(caps)
    if not found:
        return caps
    body, unit, province = found
    return collapse_spaces(f"{body} {unit.upper()} {province.upper()}")


@dataclass
class _Found:
    """A value and the spans of the page it was read from."""
    value: str | None
    spans: list[dict] = field(default_factory=list)


def _header_issuer(lines: list[Line], limit: int) -> tuple[_Found, _Found]:
    """Issuer from the capitals at the top left, with its parent body if stacked; each
    with the header lines it came from."""
    caps = _header_caps_lines(lines, limit)
    if not caps:
        return _Found(None), _Found(None)
    caps = caps[-3:]
    merged: list[tuple[str, list[dict]]] = []
    for text, spans in caps:
        if merged and _UNIT_START_FOLDED.match(fold_chars(text)):
            merged[-1] = (f"{merged[-1][0]} {text}", merged[-1][1] + spans)
        else:
            merged.append((text, spans))
    names = [caps_to_name(_repair_place(t)) for t, _ in merged]
    if len(names) == 1:
        return _Found(names[0], merged[0][1]), _Found(None)
    return _Found(_with_parent_place(names[-1], names[-2]), merged[-1][1]), _Found(names[-2], merged[-2][1])


# the parents whose bodies are named after the unit ("Sở Nội vụ tỉnh Lâm Đồng"); a department
# under another body ("CÔNG AN TỈNH X / PHÒNG PC04") follows no such convention here
_PEOPLES_BODIES = "|".join(load("header")["peoples_bodies"])   # "Ủy ban nhân dân|Uỷ ban nhân dân|UBND|…"
_PEOPLES_COMMITTEE_RE = re.compile(rf"^(?:{_PEOPLES_BODIES})\b", re.I)


def _with_parent_place(issuer: str, parent: str) -> str:
    """A body under a parent that names a place takes the place: ``UBND TỈNH LÂM ĐỒNG /
    SỞ NỘI VỤ`` is ``Sở Nội vụ tỉnh Lâm Đồng`` (the seeds' and the gold's convention).
    A body that names its own place, or a parent without one (``BỘ CÔNG AN``), changes nothing."""
    if PLACE_RE.search(issuer) or split_province_tail(issuer):
        return issuer
    suffix = load("issuers")["parent_suffixes"].get(parent)
    if suffix:
        return f"{issuer} {suffix}"
    m = PLACE_RE.search(parent)
    if not m or not _PEOPLES_COMMITTEE_RE.match(parent):
        return issuer
    return f"{issuer} {parent[m.start():].strip()}"


_SELF_CONTEXT = [
    re.compile(rf"{SUMMING_UP_WORDS}\s+[^\n]*?của\s+(?P<who>(?:{_PEOPLES_BODIES})\s+[^\n./]*?)(?:\s*[,;./]|$)", re.I),
    re.compile(r"kèm\s+theo[^\n)]*?của\s+(?P<who>[^\n)]+?)\s*\)", re.I),
    re.compile(r"(?P<who>(?:Ủy ban nhân dân|UBND|Uỷ ban nhân dân)\s+(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố)\s+[A-ZĐ][^\s,.;]*(?:\s+[A-ZĐ][^\s,.;]*)*)\s+(?:ban\s+hành|xây\s+dựng)\s+(?:Kế\s+hoạch|Quyết\s+định|Chỉ\s+thị)", re.I),
]


def _issuer_from_body(doc: Document) -> _Found:
    """A document without a header (transcriptions) names itself in the body."""
    for pattern in _SELF_CONTEXT:
        for m in pattern.finditer(doc.text):
            who = collapse_spaces(m.group("who"))
            if PLACE_RE.search(who):
                return _Found(who, [text_span(doc, *m.span("who"))])
    return _Found(None)


def _without_title_prefix(doc: Document, title: str, spans: list[dict]) -> list[dict]:
    """The title's spans without the ``Về việc``/``V/v`` that ``strip_title_prefix`` drops
    from the value: the span starts where the kept words are printed."""
    if not spans or title_prefix_end(title) is None or strip_title_prefix(title) == title:
        return spans
    first = spans[0]
    printed = doc.text[first["start"]:first["end"]]
    end = title_prefix_end(printed)
    if end is None:
        return spans
    rest = printed[end:]
    start = first["start"] + end + len(rest) - len(rest.lstrip())
    trimmed = [{**first, "start": start}] if start < first["end"] else []
    return trimmed + spans[1:]


def _end_trimmed(doc: Document, spans: list[dict], chars: str) -> list[dict]:
    """The spans without the ``chars`` the value was stripped of at its end (a title's full stop)."""
    if not spans:
        return spans
    last = spans[-1]
    printed = doc.text[last["start"]:last["end"]]
    return spans[:-1] + [{**last, "end": last["start"] + len(printed.rstrip(chars))}]


def _has_title_prefix(text: str) -> bool:
    folded = fold_chars(text)
    return any(re.match(p, folded) for p in _header_table()["title_prefixes"])


def _closes_title(text: str) -> bool:
    """A parenthesised note under a title ("(Ban hành kèm theo …)", "(Cấp lần đầu: …)",
    "(Dự thảo)") is not part of it: notes open with a capital; a parenthesised clause of
    the trích yếu itself runs on in lower case ("(sau khi HĐND tỉnh …)")."""
    folded = fold_chars(text)
    if any(re.match(p, folded) for p in _header_table()["title_notes"]):
        return True
    first = re.match(r"^\(\s*(\w)", text)
    return not (first and first.group(1).islower())


def _kind_word_span(line: Line, rest: str) -> list[dict]:
    """The span of the kind name in the line that prints it (``QUYẾT ĐỊNH``), without the
    title that may follow it on the same line."""
    end = len(line.text)
    if rest:
        at = locate_in_line(line, rest, last=True)
        if at is None:
            return []
        end = at[0]
    piece = line.text[:end]
    start = len(piece) - len(piece.lstrip(" :"))
    end = len(piece.rstrip(" :"))
    return [line_span(line, start, end)] if end > start else []


def _title(lines: list[Line], type_idx: int, same_line_rest: str) -> _Found:
    """The title under (or beside) the kind name, over the lines that continue it."""
    nxt = next((ln for ln in lines[type_idx + 1:type_idx + 3] if ln.text.strip()), None)
    if same_line_rest.isupper() and nxt is not None and _has_title_prefix(nxt.text.strip()):
        same_line_rest = ""            # "BÁO CÁO ĐỀ XUẤT" / "(V/v …)": the capitals qualify the kind
    parts = [same_line_rest] if same_line_rest else []
    spans = piece_span(lines[type_idx], same_line_rest, last=True) if same_line_rest else []
    bold_run = lines[type_idx + 1].bold if type_idx + 1 < len(lines) else False
    for line in lines[type_idx + 1:type_idx + 8]:
        text = line.text.strip()
        if not text or BODY_START_RE.match(text) or text.startswith("---"):
            break
        opens_with_prefix = not parts and _has_title_prefix(text)
        if text.startswith("(") and not opens_with_prefix and (not parts or _closes_title(text)):
            break
        if re.match(r"^(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|CHÁNH|TRƯỞNG BAN)\b", text):
            break
        if re.match(r"^[-_—–\s]+$", text):
            break
        if parts and text.isupper() and not parts[-1].isupper():
            break                      # the authority line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN …")
        continues = bool(parts) and (text[:1].islower() or text.startswith("(")) \
            and not parts[-1].rstrip().endswith((".", ":", ";"))
        if parts and bold_run and not line.bold and not continues:
            break
        if parts and not bold_run and line.paragraph_break and not text.isupper() and not continues:
            break
        if re.match(r"^(?:[IVX]+\.|\d+\.)\s", text):
            break
        parts.append(text)
        spans.extend(piece_span(line, text))
    title = collapse_spaces(" ".join(parts)).strip(" .")
    return _Found(title or None, spans if title else [])


# "V/v …" anywhere in a header line; at a line's start also "Về việc …" and OCR's readings of
# "V/v" ("VW", "V/V", "V|v")
_VV_RE = re.compile(r"(?<!\w)[Vv]/[vV]\s*:?\s*(?P<t>.+)$|^\s*(?:V[ềỀ]\s+việc|V\s*[/|]\s*[vV]|VW)\s*:?\s+(?P<t2>.+)$")


def _read_by_ocr(doc: Document, lines: list[Line]) -> bool:
    """The header was read by OCR (its pages' text came from Tesseract)."""
    pages = {ln.page for ln in lines}
    sources = {getattr(p, "text_source", None) for i, p in enumerate(doc.pages, 1) if i in pages}
    return "ocr" in sources


def caps_title_to_text(title: str) -> str:
    """A title printed in capitals, written as running text: lower case with a capital
    first letter, and capitals kept where Vietnamese keeps them — known body names
    (``Bộ Công Thương``), a position before one (``Bộ trưởng Bộ …``), a kind naming a
    numbered document (``Thông tư số …``) and a province after its unit word.  Marks are
    kept as printed."""
    letters = [c for c in title if c.isalpha()]
    if len(letters) < 8 or sum(c.isupper() for c in letters) / len(letters) < 0.9:
        return title
    upper = unify_tones(title).upper()
    text = list(unify_tones(title).lower())
    if len(text) != len(upper):
        return title

    def restore(start: int, written: str) -> None:
        text[start:start + len(written)] = list(written)

    for m in re.finditer(r"[^\s,;]*[\d/][^\s,;]*", title):      # numbers and codes as printed
        restore(m.start(), unify_tones(m.group(0)))
    bodies = known_body_names()
    for caps in sorted(bodies, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(caps)}(?!\w)", upper):
            restore(m.start(), bodies[caps])
    positions = load("positions")["positions"]
    for caps, written in positions.items():
        for m in re.finditer(rf"(?<!\w){re.escape(caps)}(?=\s+(?:BỘ|SỞ|ỦY BAN|UBND)\b)", upper):
            restore(m.start(), written)
    for name in load("doc_types")["names"]:      # a kind naming one document: "Thông tư số …", "dự thảo Kế hoạch …"
        for m in re.finditer(rf"(?:(?<=DỰ THẢO )|(?<!\w)){re.escape(name.upper())}(?=\s+SỐ\b)|(?<=DỰ THẢO ){re.escape(name.upper())}(?!\w)", upper):
            restore(m.start(), name[:1].upper() + name[1:])
    for m in re.finditer(r"(?<!\w)(?:TỈNH|THÀNH PHỐ)\s+((?:\w+\s*){1,4})", upper):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            if canonical_province(" ".join(words[:n])):
                pos = m.start(1)
                for w in words[:n]:
                    at = upper.index(w, pos)
                    restore(at, title[at] + "".join(text[at + 1:at + len(w)]))
                    pos = at + len(w)
                break
    return sentence_case_first("".join(text))


_WORD_RE = re.compile(r"[^\W\d_]+")
RESPELL_MIN = 3          # how often the document must spell a phrase otherwise before a title follows it


def _bigram_spellings(text: str) -> dict[tuple[str, str], Counter]:
    """How the document spells each pair of neighbouring words, by their folded letters."""
    words = _WORD_RE.findall(text.lower())
    table: dict[tuple[str, str], Counter] = {}
    for a, b in zip(words, words[1:]):
        table.setdefault((fold_diacritics(a), fold_diacritics(b)), Counter())[(a, b)] += 1
    return table


def respell_from_document(title: str, text: str) -> str:
    """An OCR'd title's syllable whose marks OCR damaged ("tố chức", "chồng ma túy",
    "địa bản") spelt as the document itself spells the same phrase elsewhere: a word is
    changed only when, beside the same neighbours, the document writes it another way at
    least ``RESPELL_MIN`` times and three times as often as the title's way."""
    table = _bigram_spellings(text)
    matches = list(_WORD_RE.finditer(title))
    words = [m.group(0).lower() for m in matches]
    out = list(title)
    for i, m in enumerate(matches):
        votes: Counter = Counter()
        for j in (i - 1, i + 1):
            if 0 <= j < len(words):
                pair = (words[min(i, j)], words[max(i, j)])
                for spelled, n in table.get((fold_diacritics(pair[0]), fold_diacritics(pair[1])), {}).items():
                    votes[spelled[0 if j > i else 1]] += n
        own = votes.get(words[i], 0)
        best, count = votes.most_common(1)[0] if votes else (words[i], 0)
        if best != words[i] and count >= RESPELL_MIN and count >= 3 * max(own, 1):
            word = m.group(0)
            fixed = best[:1].upper() + best[1:] if word[:1].isupper() else best
            if len(fixed) == len(word):
                out[m.start():m.end()] = list(fixed)
    return "".join(out)


def _appendix_heading(lines: list[Line]) -> _Found:
    """A file that is an appendix on its own ("Phụ lục" / its heading in capitals) is
    titled by that heading."""
    first = next((ln for ln in lines[:3] if ln.text.strip()), None)
    if first is None or not APPENDIX_RE.match(first.text):
        return _Found(None)
    parts: list[str] = []
    spans: list[dict] = []
    for line in lines[first.index + 1:first.index + 6]:
        text = line.text.strip()
        if line.column == "right" and not parts:
            continue                                   # a stamp beside "Phụ lục"
        if not text or not text.isupper():
            break
        parts.append(text)
        spans.extend(piece_span(line, text))
    return _Found(collapse_spaces(" ".join(parts)) or None, spans)


def _vv_title(lines: list[Line], limit: int) -> _Found:
    """The trích yếu of a letter, under its number: "V/v …" / "Về việc …", over as many
    lines as continue it (a line starting in lower case continues whatever OCR's spacing says)."""
    for line in lines[:limit]:
        m = _VV_RE.search(line.text)
        if not m:
            continue
        group = "t" if m.group("t") else "t2"
        parts = [m.group(group)]
        spans = [line_span(line, *m.span(group))]
        for nxt in lines[line.index + 1:line.index + 6]:
            text = nxt.text.strip()
            if not text or ADDRESSEE_RE.match(text) or nxt.column == "right" \
                    or has_motto(text) or PLACE_DATE_RE.search(text) or BODY_START_RE.match(text):
                break
            if nxt.paragraph_break and not text[:1].islower():
                break
            parts.append(text)
            spans.extend(piece_span(nxt, text))
        title = collapse_spaces(" ".join(parts).replace("`", " ")).strip(" .")
        return _Found(sentence_case_first(title), spans) if title else _Found(None)
    return _Found(None)


def _dash_items(lines: list[Line], start: int, skip_right: bool = True) -> list[str]:
    items: list[str] = []
    for line in lines[start:]:
        text = line.text.strip()
        if skip_right and line.column == "right":
            continue
        if not text:
            continue
        m = re.match(r"^[-–•+]\s*(?P<t>.+)$", text)
        if not m:
            if items and text[:1].islower() and not items[-1].endswith((";", ".")):
                items[-1] = f"{items[-1]} {text}"        # a wrapped item
                continue
            if items:
                break
            continue
        items.append(m.group("t").strip().lstrip("'\"`‘’“”"))      # OCR's stray quotes
    return [re.sub(r"\s*(?:\./\.|[;.,])\s*$", "", i).strip() for i in items if i]


def _recipients(lines: list[Line]) -> tuple[list[str], int | None]:
    # the first "Nơi nhận" closes the document itself; later ones belong to
    # form templates in the appendices
    for line in lines:
        m = RECIPIENTS_RE.match(line.text)
        if m and line.column != "right":
            items = []
            rest = m.group("rest").strip()
            if rest.startswith("-"):
                items.append(re.sub(r"\s*[;.,]\s*$", "", rest.lstrip("-– ").strip()))
            items.extend(_dash_items(lines, line.index + 1))
            return [_without_signature_tail(i) for i in items if i], line.index
    return [], None


def _without_signature_tail(item: str) -> str:
    """``Bộ Khoa học và Công nghệ; KT.CHỦ TỊCH`` → ``Bộ Khoa học và Công nghệ``: a line merged
    across the bottom columns carries the signature block after the recipient."""
    if ";" not in item:
        return item
    head, tail = item.rsplit(";", 1)
    tail = tail.strip()
    if _on_behalf_of(tail) or _position_of(tail) or _person_name(tail)[0] or re.match(r"^\(?Đã\s+ký\)?$", tail):
        return head.strip()
    return item


def _addressees(lines: list[Line]) -> list[str]:
    for line in lines[:80]:
        m = ADDRESSEE_RE.match(line.text)
        if not m:
            continue
        rest = m.group("rest").strip()
        if rest and not rest.startswith("-"):
            return [re.sub(r"\s*[;.]\s*$", "", rest)]
        items = [re.sub(r"\s*[;.]\s*$", "", rest.lstrip("-– "))] if rest else []
        items.extend(_dash_items(lines, line.index + 1, skip_right=False))
        return [i for i in items if i]
    return []


def _signature_segments(line: Line) -> list[str]:
    """The parts of a line that can belong to the signature block (right column).

    A line merged across the two bottom columns ("- UBND các huyện, thị xã; Nguyễn Văn
    Hiệp", "Nơi nhận: TM. UỶ BAN NHÂN DÂN") keeps only what follows the recipient; a
    transcription's wide gap separates the columns too."""
    if line.column == "left":
        return []
    raw = line.text.strip()
    if line.column == "right":
        return [collapse_spaces(raw)] if raw else []
    gap = re.split(r"\s{3,}|\t", raw)
    if len(gap) > 1:
        return [collapse_spaces(gap[-1])]
    rec = RECIPIENTS_RE.match(raw)
    if rec:
        rest = rec.group("rest").strip()
        return [rest] if rest and not rest.startswith(("-", "–")) else []
    if raw.startswith(("-", "–", "•", "+", "~")):
        tail = raw.rsplit(";", 1)[1].strip() if ";" in raw else ""
        return [collapse_spaces(tail)] if tail else []
    return [collapse_spaces(raw)] if raw else []


@lru_cache(maxsize=1)
def _positions_folded() -> list[tuple[str, list[tuple[str, str]]]]:
    """Positions by folded letters, longest first; a fold shared by two positions
    (THỦ TRƯỞNG / THỨ TRƯỞNG) keeps both, to be told apart by their marks."""
    by_key: dict[str, list[tuple[str, str]]] = {}
    for caps, written in load("positions")["positions"].items():
        by_key.setdefault(_letters_key(caps), []).append((caps, written))
    return sorted(by_key.items(), key=lambda kv: -len(kv[0]))


def _letters_key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", fold_diacritics(unify_tones(text))).split())


def _closest(segment: str, candidates: list[tuple[str, str]]) -> str:
    if len(candidates) == 1:
        return candidates[0][1]
    upper = unify_tones(segment).upper()
    return max(candidates, key=lambda c: (c[0] in upper, difflib.SequenceMatcher(None, upper, c[0]).ratio()))[1]


def _position_of(segment: str) -> str | None:
    """The position a signature line names, whatever OCR did to its marks (``GIÁM ĐÓC``,
    ``PHO ˆ CHU 4 TỊCH``) or glued before it (``ZZ2-sGIÁM ĐÓC``); a line that adds words
    after the position (``CHỦ TỊCH UBND TỈNH``, the signer's other office) names none."""
    if not segment.isupper() and not segment[:1].isupper():
        return None
    key = _letters_key(segment)
    for pos_key, candidates in _positions_folded():
        if key == pos_key:
            return _closest(segment, candidates)
        if key.endswith(pos_key):
            noise = key[:-len(pos_key)].split()
            if noise and all(len(tok) <= 2 for tok in noise):
                return _closest(segment, candidates)
    return None


def _on_behalf_of(segment: str) -> str | None:
    """``KT. CHỦ TỊCH`` → ``KT. Chủ tịch``: the authority the signer signs for."""
    prefixes = load("positions")["on_behalf_prefixes"]
    positions = load("positions")["positions"]
    for raw_prefix, prefix in prefixes.items():
        m = re.search(rf"(?:^|\s){re.escape(raw_prefix)}\s*(?P<body>[^\W\d_][^\n]*)$", segment)
        if m and m.group("body")[0].isupper():
            body = m.group("body").strip()
            body_case = caps_to_name(body) if body.isupper() else body
            if body.upper() in positions:
                body_case = positions[body.upper()]
            else:
                body_case = _position_of(body) or body_case
            return f"{prefix} {body_case}"
    return None


def _without_rank(words: list[str]) -> list[str]:
    """``Thiếu tướng Trương Minh Đương`` → ``Trương Minh Đương`` (OCR's ``Thiêu tướng`` too)."""
    ranks = sorted((_letters_key(r).split() for r in load("positions")["ranks"]), key=len, reverse=True)
    folded = [_letters_key(w) for w in words]
    for rank in ranks:
        if rank and folded[:len(rank)] == rank:
            return words[len(rank):]
    return words


@lru_cache(maxsize=1)
def _surnames_by_letters() -> dict[str, str]:
    return {_letters_key(n): n for n in load("positions")["surnames"]}


def _person_name(segment: str) -> tuple[str | None, bool]:
    """A signer's name in a signature line, rank and OCR specks removed, the family
    name's marks restored; and whether specks were removed (the line was damaged)."""
    words = re.sub(r"[^\w\s-]|[\d_]", " ", segment).split()
    kept = [w for w in words if len(w) > 1]
    damaged = len(kept) != len(words) or bool(re.search(r"[^\w\s-]", segment))
    kept = _without_rank(kept)
    if not kept:
        return None, damaged
    surname = _surnames_by_letters().get(_letters_key(kept[0]))
    if surname and kept[0] != surname and kept[0][:1].isupper():
        kept[0] = surname
    name = " ".join(kept)
    if _NAME_RE.match(name) and not name.isupper() and not RECIPIENTS_RE.match(name):
        return name, damaged
    return None, damaged


def _after_header(lines: list[Line]) -> int:
    """Index of the first line below the header's motto and place-date line."""
    marks = [ln.index for ln in lines[:20] if _motto_spans(ln.text) or PLACE_DATE_RE.search(ln.text)]
    return marks[-1] + 1 if marks else 0


def _next_document_starts(line: Line) -> bool:
    """A second document in the same file (an attached draft) opens with its own header."""
    return bool(_motto_spans(line.text)) or (line.column != "right" and bool(NUMBER_LINE_RE.search(line.text))
                                              and "/" in line.text)


def _last_words_span(line: Line, segment: str, words: list[tuple[int, int]]) -> list[dict]:
    """The span from the first to the last of ``words`` (offsets in ``segment``) in ``line``
    — where a value made of the segment's final words (a name after a rank or OCR's
    specks) was printed.  ``words`` are the segment's words as the value's reader split them."""
    at = locate_in_line(line, segment, last=True)
    if at is None or not words:
        return []
    return [line_span(line, at[0] + words[0][0], at[0] + words[-1][1])]


def _tail_letters_span(line: Line, segment: str, key: str) -> list[dict]:
    """The span of the end of ``segment`` that spells ``key``'s letters: a position read by
    its folded letters (``_position_of``) after OCR's noise glued to it (``ZZ2-sGIÁM ĐÓC``)
    starts at its own first letter."""
    at = locate_in_line(line, segment, last=True)
    if at is None:
        return []
    wanted = len(key.replace(" ", ""))
    count, start = 0, at[1]
    while start > at[0] and count < wanted:
        start -= 1
        count += sum(1 for c in fold_diacritics(unify_tones(line.text[start])).lower() if "a" <= c <= "z")
    return [line_span(line, start, at[1])] if count == wanted else []


def _name_words(piece: str) -> list[tuple[int, int]]:
    """The words ``_person_name`` keeps (specks and one-letter marks left out), as spans."""
    cleaned = re.sub(r"[^\w\s-]|[\d_]", " ", piece)          # one character for one: offsets hold
    return [m.span() for m in re.finditer(r"\S+", cleaned) if len(m.group(0)) > 1]


def _signer(lines: list[Line], recipients_idx: int | None, spans: dict | None = None) -> dict:
    """Signer from the block beside "Nơi nhận": on-behalf lines (KT., TM., TL.), the
    position just above the name, and the name — the first one; the block ends there.
    Where the position and name were printed goes into ``spans`` when given."""
    spans = {} if spans is None else spans
    start = recipients_idx if recipients_idx is not None else max(len(lines) - 40, _after_header(lines))
    on_behalf: list[str] = []
    position = None
    block = lines[start:]
    for i, line in enumerate(block):
        if i and (APPENDIX_RE.match(line.text) or _next_document_starts(line)):
            break
        for segment in _signature_segments(line):
            behalf = _on_behalf_of(segment)
            if behalf:
                on_behalf.append(behalf)
                continue
            pos = _position_of(segment)
            if pos:
                position = pos
                spans["signer_position"] = _tail_letters_span(line, segment, _letters_key(pos))
                continue
            if not (position or on_behalf):
                continue
            name, damaged = _person_name(segment)
            if name:
                located = locate_in_line(line, segment, last=True)
                words = _name_words(line.text[located[0]:located[1]]) if located else []
                spans["signer_name"] = _last_words_span(line, segment, words[-len(name.split()):])
                continued = _name_continued(name, damaged, block[i + 1:i + 2])
                if continued != name:
                    spans["signer_name"] += piece_span(block[i + 1], continued.split()[-1])
                return {"name": continued, "position": position, "on_behalf": on_behalf}
    return {"name": None, "position": position, "on_behalf": on_behalf}


def _name_continued(name: str, damaged: bool, following: list[Line]) -> str:
    """A damaged two-word name whose last syllable OCR put on the next line
    ("Nguyên Z Hoàng `" / "Giang :") gets it back."""
    if not damaged or len(name.split()) > 2 or not following:
        return name
    nxt = re.sub(r"[^\w\s]|[\d_]", " ", following[0].text).split()
    if len(nxt) == 1 and re.match(rf"^[{_CAP}][{_LOWER}]+$", nxt[0]):
        return f"{name} {nxt[0]}"
    return name


def extract_metadata(doc: Document) -> Metadata:
    meta = Metadata()
    lines = doc.lines
    found = _type_line(lines)
    type_idx = found[0] if found else None
    limit = type_idx if type_idx is not None else min(len(lines), 25)
    limit = max(limit, 1)
    _number(doc, lines, meta, max(limit, 12))
    _date_and_place(doc, lines, meta, max(limit, 12))
    if meta.number is None and meta.number_text is None:
        _issuing_stamp(doc, lines, meta)
    if meta.issued_date is None:
        stamp = _signature_stamp_date(doc)
        if stamp:
            meta.issued_date = stamp[0]
            meta.set_spans("issued_date", [stamp[1]])
            meta.warnings.append("issue date taken from the digital-signature time (header date not legible)")
    _appendix_date_check(doc, meta)
    issuer, parent = _header_issuer(lines, type_idx if type_idx is not None else 12)
    if issuer.value is None:
        body_issuer = _issuer_from_body(doc)
        if body_issuer.value:
            issuer = body_issuer
            meta.warnings.append("issuer not in a header; taken from the document's own closing/appendix")
    meta.issuer = full_name(issuer.value) if issuer.value else None
    meta.issuer_parent = full_name(parent.value) if parent.value else None
    meta.set_spans("issuer", issuer.spans if meta.issuer else [])
    meta.set_spans("issuer_parent", parent.spans if meta.issuer_parent else [])
    meta.issuer_level = level_of(meta.issuer)
    title = _Found(None)
    if found:
        meta.doc_type = found[1]
        meta.set_spans("doc_type", _kind_word_span(lines[type_idx], found[2]))
        title = _title(lines, type_idx, found[2])
    vv = _vv_title(lines, max(limit, 20))
    vv, vv_spans = vv.value, vv.spans
    if meta.doc_type is None:
        number_type = None
        if meta.number:
            from .numbers import parse_number
            parsed = parse_number(meta.number)
            number_type = parsed.doc_type if parsed else None
        meta.doc_type = number_type or meta.number_kind or ("cong_van" if vv or _addressees(lines) else None)
    if title.value is None and vv:
        title = _Found(vv, vv_spans)
    if title.value is None and not found:
        title = _appendix_heading(lines)
    meta.title = title.value
    if meta.title:
        meta.set_spans("title", _end_trimmed(doc, _without_title_prefix(doc, meta.title, title.spans), " ."))
        meta.title = caps_title_to_text(strip_title_prefix(meta.title))
        if _read_by_ocr(doc, lines[:max(limit, 20)]):
            meta.title = respell_from_document(meta.title, doc.text)
    meta.recipients, rec_idx = _recipients(lines)
    meta.addressees = _addressees(lines)
    signer_spans: dict = {}
    meta.signer = _signer(lines, rec_idx, signer_spans)
    meta.set_spans("signer_name", signer_spans.get("signer_name", []) if meta.signer["name"] else [])
    meta.set_spans("signer_position", signer_spans.get("signer_position", []) if meta.signer["position"] else [])
    if meta.issuer is None:
        meta.warnings.append("issuer not found")
    if meta.doc_type is None:
        meta.warnings.append("document kind not found")
    return meta

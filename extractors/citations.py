"""Find references to other documents and merge their mentions.

A citation is anchored on a document number (``Quyết định số 7196/QĐ-UBND
ngày 31/12/2020 của Ủy ban nhân dân huyện Định Hóa phê duyệt …``): the kind
is read from the words before ``số`` (or from the number's type code), then
date, issuer and subject from what follows.  All mentions of one number become
one entry with every span.  Role comes from the first mention that stands in a
preamble clause: the nearest clause opener before it in the same sentence
(``Căn cứ`` → basis, ``Thực hiện`` → implements, :data:`_ROLE_OPENERS`), unless
the reference is named inside the subject of the one before it ("… ban hành Kế
hoạch triển khai Nghị quyết số …": a mention); in the body every reference is
a mention.  A reference to the document itself (its appendix
says ``kèm theo Kế hoạch số 43/KH-UBND``) is not a citation: it is returned as
the self reference, and so is a number printed under a ``Số:`` label (the
number field of a header or an e-issuing stamp, the file's own number).

Scanned text is settled against the document itself before citations are
built (:func:`settle_ocr_numbers`): a number whose code OCR damaged takes its
second reading, the fuller form of itself cited elsewhere in the document, or
the code the document uses elsewhere — only when that choice is unambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vanban.pipeline.model import Document
from vanban.pipeline.textnorm import fold_diacritics

from .dates import find_dates
from .issuers import PlaceContext, from_code, full_name, issuer_phrase_end, level_of, resolve
from .numbers import DocNumber, find_numbers
from .ocr_check import readings, settle_ocr_numbers
from .lexicon import charclass, load

# The words that open a clause of the preamble and the role they give the
# documents cited in that clause ("Căn cứ …; Thực hiện …; Triển khai …"); a
# letter's subject line "V/v triển khai thực hiện Quyết định số …" implements it.
# "Xét …" and "Theo đề nghị …" give a decision its grounds (basis) and a letter
# the request it answers (implements); "trên cơ sở …" (on the basis of) is a
# basis in any case.  Otherwise capitalised: after ";" a lower-case "triển
# khai …" is a verb in a list, not an opener.
_ROLE_OPENERS = {
    "Căn cứ": "basis", "CĂN CỨ": "basis",
    "Thực hiện": "implements", "THỰC HIỆN": "implements",
    "Triển khai": "implements", "TRIỂN KHAI": "implements",
    "Để triển khai": "implements", "Để thực hiện": "implements",
    "Trên cơ sở": "basis", "trên cơ sở": "basis",
    "V/v triển khai thực hiện": "implements", "V/v thực hiện": "implements", "V/v triển khai": "implements",
    "Xét": "grounds", "Theo đề nghị": "grounds",
}
_ROLE_OPENER_RE = re.compile(r"(?:^|(?<=\n)|(?<=;))[ \t]*(?P<w>"
                             + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_ROLE_OPENERS, key=len, reverse=True))
                             + r")\b")
# "số" as printed and as OCR or a spaced text layer gives it ("sô", "SỐ", "s ố").
_SO_RE = re.compile(r"(?:\b[sS][ốô]|\bS[ỐÔ]|\bs ố)\s*:?\s*$")
# The document's own number field: "Số: 666/TTr-SNV" opening a line.
_OWN_NUMBER_LABEL_RE = re.compile(r"(?:^|\n)[ \t]*S[ốóôo][ \t]*:?[ \t]*$")
# "(Kèm theo Kế hoạch số …)": an appendix naming the document it belongs to.
_APPENDIX_REF_RE = re.compile(r"(?:^|\n|\()[ \t]*(?:[Bb]an\s+hành\s+)?[Kk]èm\s+theo\s*$")
_SUBJECT_RE = re.compile(r"^\s*,?\s*(?:về\s+việc|V/v|về)\s+(?P<s>[^;\n]+?)(?=\s*(?:[;\n]|\.(?:\s|$)|$|,\s*(?:cụ thể|trong đó)))", re.I)
_VERB_SUBJECT_RE = re.compile(r"^\s*(?P<s>(?:phê duyệt|ban hành|hướng dẫn|quy định|sửa đổi|triển khai|kế hoạch|công bố|chấp thuận|thống nhất)[^;\n]*?)(?=\s*(?:[;\n]|\.(?:\s|$)|$))", re.I)


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Citation:
    id: str
    number: str | None             # None for a law cited by name and date only
    doc_type: str | None
    date: str | None = None
    issuer: str | None = None
    issuer_full: str | None = None
    issuer_level: str | None = None
    subject: str | None = None
    role: str = "mention"
    ocr_readings: list[str] = field(default_factory=list)   # other readings of an OCR'd number
    title: str | None = None       # "Luật Đất đai": the name a law is cited by
    year: int | None = None
    text: str = ""
    mentions: list[Mention] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "id": self.id, "text": self.text, "doc_type": self.doc_type, "number": self.number,
            "date": self.date, "issuer": self.issuer, "issuer_full": self.issuer_full,
            "issuer_level": self.issuer_level, "subject": self.subject, "role": self.role,
            "ocr_uncertain": bool(self.ocr_readings), "ocr_readings": self.ocr_readings,
            "title": self.title, "year": self.year,
            "spans": [{"start": m.start, "end": m.end, "text": m.text} for m in self.mentions],
        }


def _type_names() -> list[tuple[str, str]]:
    names = load("doc_types")["names"]
    return sorted(names.items(), key=lambda kv: -len(kv[0]))


def _kind_before(text: str, start: int) -> tuple[str | None, int]:
    """Document kind named before ``số`` ahead of a number, and where that phrase starts."""
    window_start = max(0, start - 120)
    before = text[window_start:start]
    m = _SO_RE.search(before)
    if not m:
        return None, start
    head = before[:m.start()]
    best = _kind_in(head, head.lower(), _type_names())
    if best is None:                           # OCR lost a tone mark: "Hướng dân số", "quy ết định"
        best = _kind_in(head, fold_diacritics(head), [(fold_diacritics(n), c) for n, c in _type_names()])
    if best is None:
        return None, window_start + m.start()
    return best[2], window_start + best[0]


def _kind_in(head: str, low: str, names: list[tuple[str, str]]) -> tuple[int, str, str] | None:
    """The last kind name in ``low`` (``head`` lower-cased or folded) that starts the clause before "số"."""
    best = None
    for name, code in names:
        idx = low.rfind(name)
        if idx < 0:
            continue
        # the kind word must start a word and be within the same clause
        if idx > 0 and low[idx - 1].isalnum():
            continue
        between = head[idx + len(name):]
        if re.search(r"[;\n]|\bsố\b", between) or len(between) > 90:
            continue
        # the name ending last is the kind; of two ending together the longer ("Bộ luật" over
        # "luật", "Pháp lệnh" over "lệnh")
        if best is None or (idx + len(name), len(name)) > (best[0] + len(best[1]), len(best[1])):
            best = (idx, name, code)
    return best


def _preamble_zones(doc: Document) -> list[tuple[int, int]]:
    """Spans of the text where ``Căn cứ``/``Thực hiện`` paragraphs give citations a role.

    The preamble runs from the top to the first numbered unit.  A document
    without numbered units has no such boundary: "QUYẾT ĐỊNH:" ends a decision's
    preamble, and a letter's opening paragraphs ("Thực hiện Công văn số …, Sở …
    đề nghị") are its preamble.
    """
    starts = sorted(section.start for section in doc.sections)
    if starts:
        return [(0, starts[0])]
    m = _DECISION_RE.search(doc.text)
    return [(0, m.start() if m else len(doc.text))]


# A sentence ends: the next clause is no longer governed by the opener before it.
# A table cell (tab) is no preamble either, and a line closed by ";" or ":" ends
# the opener's clause unless the next line continues its list ("- Luật …").
_SENTENCE_END_RE = re.compile(rf"\.[ \t]*\n|\.[ \t]+(?=[{charclass('capitals_loose')}])|\t|[;:][ \t]*\n(?![ \t]*[-+•–])")


# "QUYẾT ĐỊNH:" closing a decision's preamble (OCR may give "QUYÉT ĐỊNH:").
_DECISION_RE = re.compile(r"^\s*QUY[^\W\d_]T\s+[ĐD][^\W\d_]NH\s*:", re.M)


def _opener_role(doc: Document, pos: int, zones: list[tuple[int, int]]) -> str:
    """The role given by the nearest clause opener before ``pos`` in the same sentence.

    "Thực hiện A; Căn cứ B, C" gives A implements and B, C basis; the opener
    governs the clauses after it until a sentence ends (";" and "," do not end
    it; OCR'd lines break paragraphs in odd places, so lines do not either).
    """
    zone = next(((a, b) for a, b in zones if a <= pos < b), None)
    if zone is None:
        return "mention"
    text = doc.text[max(zone[0], pos - 1500):pos]
    openers = list(_ROLE_OPENER_RE.finditer(text))
    if not openers or _SENTENCE_END_RE.search(text, openers[-1].end()):
        return "mention"
    role = _ROLE_OPENERS[" ".join(openers[-1].group("w").split())]
    if role == "grounds":
        return "basis" if _DECISION_RE.search(doc.text) else "implements"
    return role


_NEW_ITEM_RE = re.compile(r"(?:[,;:(]|\bvà|\bcác|\bcũng\s+như)\s*$", re.I)


def _nested(text: str, previous_end: int | None, phrase_start: int) -> bool:
    """Is a reference named inside the subject of the one before it in the same clause?

    "Nghị quyết số 50/NQ-CP … ban hành Kế hoạch triển khai Nghị quyết số
    163/2024/QH15": 163 is part of what 50 is about, not a basis of its own.  A
    new list item follows a comma, a semicolon or "và" instead.
    """
    if previous_end is None or previous_end > phrase_start:
        return False
    between = text[previous_end:phrase_start]
    if re.search(r"[;]|\.\s|\svà\s", between) or len(between) > 300 or _ROLE_OPENER_RE.search(between):
        return False
    return not _NEW_ITEM_RE.search(between)


def _own_number_label(text: str, start: int) -> bool:
    """Is the number printed under a "Số:" label opening its line (a header or stamp)?"""
    return bool(_OWN_NUMBER_LABEL_RE.search(text[max(0, start - 40):start]))


def _appendix_self(text: str, phrase_start: int) -> bool:
    """Does the reference open an appendix heading ("(Kèm theo Kế hoạch số …)")?"""
    return bool(_APPENDIX_REF_RE.search(text[max(0, phrase_start - 40):phrase_start]))


# A date split by OCR: "21/1 1/2025", "ngày 27 tháng l1 năm 2024" (same length, for offsets).
_DATE_REPAIRS = [
    (re.compile(r"(?<![\d/])(\d{1,2}/)(\d) (\d)(/(?:19|20)\d\d)"), lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(4)} "),
    (re.compile(r"(?:(?<=tháng )|(?<=ngày ))[lI](?=\d\b)"), lambda m: "1"),
]


def _dates_in(text: str):
    for pattern, repl in _DATE_REPAIRS:
        text = pattern.sub(repl, text)
    return find_dates(text)


# "Ngày 25/9/2025, UBND tỉnh đã ban hành Quyết định số …": the date opens the clause.
_ISSUED_ON_BEFORE_RE = re.compile(r"(?:^|[.;:\n]\s*|\s-\s)(?P<date>[Nn]gày\s+[^,;.\n]{6,22}),[^;.\n]{0,80}?\bban\s+hành\s+$")


def _date_before(text: str, phrase_start: int) -> str | None:
    m = _ISSUED_ON_BEFORE_RE.search(text[max(0, phrase_start - 140):phrase_start])
    if not m:
        return None
    dates = _dates_in(m.group("date"))
    return dates[0].date.isoformat() if dates else None


# Between two numbers of one list: "1743/QĐ-BGTVT, 1744/QĐ-BGTVT ngày 31/12/2024".
_LIST_GAP_RE = re.compile(r"\s*(?:,|và)\s*(?:(?:số|Số)\s*:?\s*)?")


def _list_dates(text: str, numbers: list[DocNumber]) -> dict[int, str]:
    """Dates that numbers listed together share: the list prints one date after the last."""
    shared: dict[int, str] = {}
    for i in range(len(numbers) - 2, -1, -1):
        here, nxt = numbers[i], numbers[i + 1]
        if not _LIST_GAP_RE.fullmatch(text[here.end:nxt.start]):
            continue
        if nxt.start in shared:
            shared[here.start] = shared[nxt.start]
            continue
        dates = _dates_in(text[nxt.end:nxt.end + 60])
        if dates and dates[0].start <= 12:
            shared[here.start] = dates[0].date.isoformat()
    return shared


def extract_citations(doc: Document, own_number: str | None, own_type: str | None,
                      ctx: PlaceContext, header_end: int = 0) -> tuple[list[Citation], dict | None]:
    found: dict[str, Citation] = {}
    self_ref: dict | None = None
    zones = _preamble_zones(doc)
    previous_end: int | None = None
    numbers = settle_ocr_numbers(doc, find_numbers(doc.text))
    list_dates = _list_dates(doc.text, numbers)
    for num in numbers:
        if num.start < header_end:
            continue                                  # the document's own "Số:" line
        kind, phrase_start = _kind_before(doc.text, num.start)
        if not _cites_a_document(num, kind, doc.text):
            continue
        doc_type = kind or num.doc_type
        tail = doc.text[num.end:num.end + 400]
        date = None
        consumed = 0
        dates = _dates_in(tail[:60])
        if dates and dates[0].start <= 12:
            date = dates[0].date.isoformat()
            consumed = dates[0].end
        issuer = None
        after = tail[consumed:]
        im = re.match(r"\s*,?\s*(?:của|do)\s+", after)
        if im:
            rest = after[im.end():]
            length = issuer_phrase_end(rest)
            if length:
                issuer = resolve(rest[:length], ctx)
                consumed += im.end() + length
        after = tail[consumed:]
        subject = None
        sm = _SUBJECT_RE.match(after) or _VERB_SUBJECT_RE.match(after)
        if sm:
            subject = " ".join(sm.group("s").split()).rstrip(" ,")
        date = date or list_dates.get(num.start) or _date_before(doc.text, phrase_start)
        mention_end = num.end + consumed
        is_self = (own_number is not None and num.number == own_number) or (
            _appendix_self(doc.text, phrase_start) and (own_type is None or doc_type == own_type)) or (
            _own_number_label(doc.text, num.start) and own_number is None)
        mention = Mention(phrase_start, mention_end, doc.text[phrase_start:mention_end])
        nested = _nested(doc.text, previous_end, phrase_start)
        previous_end = num.end
        if is_self:
            if self_ref is None:
                self_ref = {"doc_type": doc_type, "number": num.number, "spans": []}
            if num.number == self_ref["number"]:
                self_ref["spans"].append({"start": mention.start, "end": mention.end, "text": mention.text})
            continue
        role = "mention" if nested else _opener_role(doc, num.start, zones)
        key = num.number
        cit = found.get(key)
        if cit is None:
            cit = Citation(id=f"c{len(found) + 1}", number=num.number, doc_type=doc_type, text=mention.text)
            found[key] = cit
        cit.mentions.append(mention)
        for other in readings(doc, num.start, num.end, num.number):
            if other not in cit.ocr_readings:
                cit.ocr_readings.append(other)
        if cit.doc_type is None or (kind and cit.doc_type != kind and cit.doc_type == num.doc_type):
            cit.doc_type = doc_type
        if date and not cit.date:
            cit.date = date
        if issuer and not cit.issuer:
            cit.issuer = issuer
        if subject and not cit.subject:
            cit.subject = subject
        if cit.role == "mention":
            cit.role = role                    # the first clause that gives it a role decides
        if len(mention.text) > len(cit.text):
            cit.text = mention.text
    _unnumbered_laws(doc, found, zones)
    for cit in found.values():
        if not cit.issuer and cit.number:
            cit.issuer = from_code(_issuer_code(cit.number))
        cit.issuer_full = full_name(cit.issuer) if cit.issuer else None
        cit.issuer_level = level_of(cit.issuer)
    ordered = sorted(found.values(), key=lambda c: c.mentions[0].start)      # document order
    for n, cit in enumerate(ordered, start=1):
        cit.id = f"c{n}"
    return ordered, self_ref


def _cites_a_document(num: DocNumber, kind: str | None, text: str) -> bool:
    """Whether a number is a reference at all.

    "47/SC3", a room, a product or a form code, has the shape of a letter's
    number but neither a kind or "số" before it nor a code of the code tables;
    a real reference has one of the three.
    """
    if kind or num.type_code or _SO_RE.search(text[max(0, num.start - 12):num.start]):
        return True
    known = set(load("issuers")["codes"]) | set(load("doc_types")["codes"])
    return len(num.codes) > 1 or any(code in known for code in num.codes)


# "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "Bộ luật Lao động năm 2019":
# laws are cited by name and date; the name runs up to the date (commas allowed).
_LAW_BY_NAME = re.compile(
    rf"(?<!\w)(?P<kind>Bộ\s+luật|Luật|Pháp\s+lệnh|Hiến\s+pháp)\s+(?P<name>(?:[{charclass('capitals_loose')}]|sửa\s+đ[^\W\d_]i\b)[^;\n()]{{2,120}}?)"
    r"\s+(?P<when>ngày\s+[0-3]?\d(?:\s+tháng\s+[01]?\d\s+năm\s+|/[01]?\d/)(?:19|20)\d\d|năm\s+(?:19|20)\d\d)")
# A law's name is words and the commas or dashes between them ("Phòng, chống ma túy").
_LAW_NAME_RE = re.compile(r"[^\W\d_]+(?:[ ,\-–]+[^\W\d_]+)*")
_LAW_KINDS = {"bộ luật": "bo_luat", "luật": "luat", "pháp lệnh": "phap_lenh", "hiến pháp": "hien_phap"}


def _unnumbered_laws(doc: Document, found: dict, zones: list[tuple[int, int]]) -> None:
    """Laws cited by name and date, with no number: one citation per law name."""
    for m in _LAW_BY_NAME.finditer(doc.text):
        name = " ".join(m.group("name").split())
        if re.search(r"\bsố\s*:?\s*\d|\d+/", name) or len(name.split()) > 24:
            continue                                   # a numbered citation handles it
        if not _LAW_NAME_RE.fullmatch(name):
            continue                                   # "Đầu tư 2025, trình …", OCR debris: no law's name
        kind = _LAW_KINDS[" ".join(m.group("kind").lower().split())]
        when = m.group("when")
        dates = find_dates(when)
        year = re.search(r"(?:19|20)\d\d", when).group(0)
        key = f"{kind}:{name.lower()}"
        cit = found.get(key)
        if cit is None:
            cit = Citation(id=f"c{len(found) + 1}", number=None, doc_type=kind, text=m.group(0),
                           date=dates[0].date.isoformat() if dates else None)
            cit.title = f"{m.group('kind')} {name}"
            cit.year = int(year)
            found[key] = cit
        cit.mentions.append(Mention(m.start(), m.end(), m.group(0)))
        if cit.role == "mention":
            cit.role = _opener_role(doc, m.start(), zones)


def _issuer_code(number: str) -> str | None:
    from .numbers import parse_number
    parsed: DocNumber | None = parse_number(number)
    return parsed.issuer_code if parsed else None

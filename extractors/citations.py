"""Find references to other documents and merge their mentions.

A citation is anchored on a document number (``Quyết định số 7196/QĐ-UBND
ngày 31/12/2020 của Ủy ban nhân dân huyện Định Hóa phê duyệt …``): the kind
is read from the words before ``số`` (or from the number's type code), then
date, issuer and subject from what follows.  All mentions of one number become
one entry with every span.  Role comes from the preamble paragraph the first
mention stands in: ``Căn cứ`` → basis, ``Thực hiện`` → implements; in the body
every reference is a mention.  A reference to the document itself (its appendix
says ``kèm theo Kế hoạch số 43/KH-UBND``) is not a citation: it is returned as
the self reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vanban.pipeline.model import Document

from .dates import find_dates
from .issuers import PlaceContext, from_code, full_name, issuer_phrase_end, level_of, resolve
from .numbers import DocNumber, find_numbers
from .ocr_check import readings
from .tables_data import load

ROLE_RANK = {"basis": 3, "implements": 2, "mention": 1}
_ROLE_OPENERS = [(re.compile(r"^\s*Căn\s+cứ\b", re.I), "basis"), (re.compile(r"^\s*Thực\s+hiện\b", re.I), "implements")]
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
    m = re.search(r"(?:\bsố|\bSố)\s*:?\s*$", before)
    if not m:
        return None, start
    head = before[:m.start()]
    low = head.lower()
    best = None
    for name, code in _type_names():
        idx = low.rfind(name)
        if idx < 0:
            continue
        # the kind word must start a word and be within the same clause
        if idx > 0 and low[idx - 1].isalnum():
            continue
        between = head[idx + len(name):]
        if re.search(r"[;\n]|\bsố\b", between) or len(between) > 90:
            continue
        if best is None or idx > best[0] or (idx == best[0] and len(name) > len(best[1])):
            best = (idx, name, code)
    if best is None:
        return None, window_start + m.start()
    return best[2], window_start + best[0]


def _paragraph_start(doc: Document, offset: int) -> int:
    """Offset where the paragraph holding ``offset`` starts (wrapped PDF lines join)."""
    line = doc.line_at(offset)
    if line is None:
        return offset
    i = line.index
    while i > 0:
        cur = doc.lines[i]
        if cur.paragraph_break or re.match(r"^\s*(?:Căn\s+cứ|Thực\s+hiện|Xét|Theo\s+đề\s+nghị)\b", cur.text):
            break
        prev = doc.lines[i - 1]
        if prev.text.rstrip().endswith((";", ".", ":")):
            break
        i -= 1
    return doc.lines[i].start


def _preamble_end(doc: Document) -> int:
    for section in doc.sections:
        return section.start
    m = re.search(r"^\s*(?:QUYẾT ĐỊNH|Kính gửi)\s*:", doc.text, re.M)
    return m.start() if m else len(doc.text)


def extract_citations(doc: Document, own_number: str | None, own_type: str | None,
                      ctx: PlaceContext, header_end: int = 0) -> tuple[list[Citation], dict | None]:
    found: dict[str, Citation] = {}
    self_ref: dict | None = None
    preamble_end = _preamble_end(doc)
    for num in find_numbers(doc.text):
        if num.start < header_end:
            continue                                  # the document's own "Số:" line
        kind, phrase_start = _kind_before(doc.text, num.start)
        doc_type = kind or num.doc_type
        tail = doc.text[num.end:num.end + 400]
        date = None
        consumed = 0
        dates = find_dates(tail[:60])
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
        mention_end = num.end + consumed
        line_before = doc.text[max(0, phrase_start - 40):phrase_start].lower()
        is_self = (own_number is not None and num.number == own_number) or (
            "kèm theo" in line_before and (own_type is None or doc_type == own_type))
        mention = Mention(phrase_start, mention_end, doc.text[phrase_start:mention_end])
        if is_self:
            if self_ref is None:
                self_ref = {"doc_type": doc_type, "number": num.number, "spans": []}
            self_ref["spans"].append({"start": mention.start, "end": mention.end, "text": mention.text})
            continue
        role = "mention"
        if num.start < preamble_end:
            para = doc.text[_paragraph_start(doc, num.start):num.start]
            for pattern, name in _ROLE_OPENERS:
                if pattern.search(para):
                    role = name
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
        if ROLE_RANK[role] > ROLE_RANK[cit.role]:
            cit.role = role
        if len(mention.text) > len(cit.text):
            cit.text = mention.text
    _unnumbered_laws(doc, found, preamble_end)
    for cit in found.values():
        if not cit.issuer and cit.number:
            cit.issuer = from_code(_issuer_code(cit.number))
        cit.issuer_full = full_name(cit.issuer) if cit.issuer else None
        cit.issuer_level = level_of(cit.issuer)
    ordered = sorted(found.values(), key=lambda c: c.mentions[0].start)      # document order
    for n, cit in enumerate(ordered, start=1):
        cit.id = f"c{n}"
    return ordered, self_ref


# "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "Bộ luật Lao động năm 2019":
# laws are cited by name and date; the name runs up to the date (commas allowed).
_LAW_BY_NAME = re.compile(
    r"(?<!\w)(?P<kind>Bộ\s+luật|Luật|Pháp\s+lệnh|Hiến\s+pháp)\s+(?P<name>[A-ZĐÀ-Ỹ][^;\n()]{2,120}?)"
    r"\s+(?P<when>ngày\s+[0-3]?\d(?:\s+tháng\s+[01]?\d\s+năm\s+|/[01]?\d/)(?:19|20)\d\d|năm\s+(?:19|20)\d\d)")
_LAW_KINDS = {"bộ luật": "bo_luat", "luật": "luat", "pháp lệnh": "phap_lenh", "hiến pháp": "hien_phap"}


def _unnumbered_laws(doc: Document, found: dict, preamble_end: int) -> None:
    """Laws cited by name and date, with no number: one citation per law name."""
    for m in _LAW_BY_NAME.finditer(doc.text):
        name = " ".join(m.group("name").split())
        if re.search(r"\bsố\b|\d+/", name) or len(name.split()) > 16:
            continue                                   # a numbered citation handles it
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
        if m.start() < preamble_end:
            para = doc.text[_paragraph_start(doc, m.start()):m.start()]
            for pattern, role in _ROLE_OPENERS:
                if pattern.search(para) and ROLE_RANK[role] > ROLE_RANK[cit.role]:
                    cit.role = role


def _issuer_code(number: str) -> str | None:
    from .numbers import parse_number
    parsed: DocNumber | None = parse_number(number)
    return parsed.issuer_code if parsed else None

"""Tasks assigned in prose, found by walking the document's tree of units
(:func:`vanban.pipeline.sections.build_tree`): numbered parts, ``-``/``+``
bullets and paragraphs, as a reader sees them.

Two things make a unit a task:

* **an owner passed down** — a unit whose heading names a body (``6. Bộ Nội
  vụ:``, ``a) Sở Y tế``, ``2. Giám đốc Sở Công Thương:``, ``Đề nghị Ủy ban MTTQ
  tỉnh:``, ``Trách nhiệm của các sở, ngành``) or an intro paragraph that does
  (``Giao Sở Tư pháp chủ trì, phối hợp với …:``, ``Ủy ban nhân dân tỉnh yêu cầu
  các sở … thực hiện các nội dung sau:``) gives that owner to the items under
  it; each item (a sub-unit, a bullet with its ``+`` sub-bullets, a paragraph)
  is one task, unless it names its own owner;
* **a sentence that assigns work** anywhere in the body — ``Giao Sở X chủ trì,
  phối hợp với Y … trước ngày …``, ``Đề nghị Công ty …``, ``X có trách nhiệm
  …``, ``X chịu trách nhiệm thi hành Quyết định này`` — or an ``Owner: work``
  line.

Precision: an owner must pass :func:`is_owner_name` (never "Trường hợp",
"Cơ quan", a section word or a number); in normative texts (laws, decrees,
circulars, standards) only the articles that organise implementation hold tasks
("Điều 12. Tổ chức thực hiện", "Trách nhiệm thi hành"; the other articles lay
down rules, even "Cục X có trách nhiệm …"), and only for a named body or office,
never for a class of actors ("Cơ quan thuế …", "Người mua …", "Tổ chức, cá nhân …"); purpose,
requirement, target and assessment parts hold no tasks; plans with a task table
take prose tasks only from their implementation part; form fields ("Tên: ……")
are never tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from vanban.pipeline.markers import SUMMING_UP_WORDS
from vanban.pipeline.model import Document
from vanban.pipeline.sections import Unit, build_tree
from vanban.pipeline.textnorm import collapse_spaces, fold_chars, sentence_case_first, unify_tones

from ..deadlines import Deadline, find_deadline_phrases, parse_deadline
from ..lexicon import charclass, load
from ..owners import (Owner, defined_owner_names, distributed_names, is_owner_name, make_owner, names_a_body, owner_phrase_end,
                      split_owner_list, starts_with_owner_head, strip_trigger)
from ..spans import line_page_of, located_in_mapped, make_span
from .common import Ids, Task, body_ranges, cited

# "X chủ trì / có trách nhiệm / chịu trách nhiệm …" (the lexicon's handle verbs)
_HANDLES = "|".join(load("assignment_words")["handle_verbs"])
_HANDLE_VERBS = re.compile(rf"\s+(?:{_HANDLES}|là\s+cơ\s+quan\s+(?:đầu\s+mối|thường\s+trực))\b", re.I)
# the one asked follows these; not "được giao" / "đã giao" (a task already given), not "đề nghị của" (a request made)
_REQUEST_WORDS = r"giao|yêu\s+cầu|đề\s+nghị"
_ASSIGNING = re.compile(rf"(?<!được )(?<!đã )\b(?:{_REQUEST_WORDS}|phân\s+công)\s+(?!của\b)(?:cho\s+)?", re.I)
# an explicit request naming whom it asks (not "phân công", not "X chủ trì …", a statement of who leads)
REQUESTING = re.compile(rf"(?<!được )(?<!đã )\b(?:{_REQUEST_WORDS})\s+(?!của\b)", re.I)
# the same requests of more than one word on folded letters, for scans whose marks OCR damaged
# ("để nghị", "yêu câu"); "giao" stays exact, since folded it is also "giáo" (Sở Giáo dục)
_ASSIGNING_FOLDED = re.compile(r"(?<!duoc )(?<!da )\b(?:yeu\s+cau|de\s+nghi|phan\s+cong)\s+(?!cua\b)(?:cho\s+)?")
_SUPPORT_IN_TEXT = re.compile(r"phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với\s+|cùng\s+(?:với\s+)?)?", re.I)
# under an owner, "Phân công cán bộ …" / "Chỉ đạo các cơ quan …" is that owner's work
_DELEGATING = re.compile(r"^\s*(?:phân\s+công|chỉ\s+đạo)\b", re.I)
# "Tỉnh ủy đã ban hành …", "Sở Nội vụ đang phối hợp …", "Thanh tra tỉnh có số hồ sơ …":
# what a body did, is doing or has — a report's narration, not work given to it
_NARRATED = re.compile(r"\s*(?:\S+\s+)?(?:đã|dã|đang|vừa|chưa|không|có)\b", re.I)   # "dã": OCR's "đã"
# "Các cấp ủy, tổ chức, cơ quan đảng từ Trung ương đến chi bộ.", "X thuộc …": the owner
# phrase is followed by where it stands — a scope, not work given to it ("X là đầu mối …" is work)
_DESCRIBED = re.compile(r"\s*(?:từ|tại|ở|thuộc)\s", re.I)
# "Trên đây là Kế hoạch … năm 2026. Trong quá trình …, đề nghị X …": the request is the task
_CLOSING_LEAD = re.compile(rf"^{SUMMING_UP_WORDS}[^.]*\.\s*(?=\S)", re.I)
# "giao" in a relative clause after the work it qualifies ("các nhiệm vụ Chính phủ giao cho …")
_RELATIVE_ASSIGNMENT = re.compile(r"\b(?:nhiệm\s+vụ|công\s+việc|nội\s+dung|việc)\s+(?:[^.;:]{0,80}\s)?$", re.I)
_BODY_END = re.compile(r"\./\.?\s*$")        # "./." closes the body of a document
# units named by their codes in ministry documents: "C04", "V01", "PC06" (Bộ Công an)
_UNIT_CODE = re.compile(r"[A-ZĐ]{1,3}\d{2,3}")
_FORM_BLANK = re.compile(r"[.…]{5,}|…{2,}|_{5,}")
# "Kính đề nghị …" — and OCR's "Kinh để nghị …" (marks lost or moved on a scan)
_COURTESY_WORDS = r"kính|trân\s+trọng"
_COURTESY = re.compile(rf"^\s*(?:{_COURTESY_WORDS}|kinh(?=\s+\S+\s+nghị))\s+", re.I)
_COURTESY_TAIL = re.compile(rf"\s*(?:(?:{_COURTESY_WORDS}|kinh)\s*)?$", re.I)
_RESPONSIBILITY_OF = re.compile(r"^\s*(?:trách\s+nhiệm|nhiệm\s+vụ)\s+(?:của\s+)?", re.I)
# "X chủ trì, phối hợp (với) Y" / "X chịu trách nhiệm" after an owner heading: still the heading of an owner
_OWNER_TAIL = re.compile(rf"^\s*,?\s*(?:(?:{_HANDLES}|thực\s+hiện|là\s+cơ\s+quan\s+\S+(?:\s+\S+)?)"
                         r"\s*,?\s*)?(?:phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với\s+|cùng\s+)?(?P<support>.+?))?\s*[:.]?\s*$", re.I)
_LABEL_COLON = re.compile(r"^(?P<label>[^:]{2,80}?)\s*:\s*(?P<rest>\S.*)$")
_WORK_INTRO = re.compile(r"(?:sau|như\s+sau|sau\s+đây|cụ\s+thể|gồm|bao\s+gồm)\s*:?\s*$", re.I)

# Normative texts (laws, decrees, circulars, standards): type words as printed in the header;
# their assignments are in the articles that organise implementation ("Điều 12. Tổ chức thực
# hiện", "Trách nhiệm thi hành", "Điều khoản thi hành") — the other articles lay down rules,
# even when worded "X có trách nhiệm …".
# What a part is, by the folded words its heading opens with (data/part_kinds.json): folded
# (``fold_chars``: no marks, lower case, same length), an OCR'd tone ("KẾT QUÁ", "TÔ CHỨC")
# does not change what a part is.
_PARTS = load("part_kinds")


def _alternation(words: list[str]) -> str:
    """Folded phrases as one alternation, longest first, any whitespace between words."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


IMPLEMENTATION_ARTICLES = re.compile(_alternation(_PARTS["implementation_articles"]))
NORMATIVE_TYPES = ("LUẬT", "BỘ LUẬT", "PHÁP LỆNH", "NGHỊ ĐỊNH", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH", "QUY CHUẨN",
                   "TIÊU CHUẨN", "QUY CHUẨN KỸ THUẬT QUỐC GIA", "TIÊU CHUẨN QUỐC GIA")
# purposes, requirements, targets, assessments, results, scope, definitions: no assignments
NON_ASSIGNING_PARTS = re.compile(rf"\s*(?:ve\s+)?(?:{_alternation(_PARTS['non_assigning'])})")
# A report's part that plans or proposes the coming work: each of its items is a piece of
# work even where it names nobody — the report's own programme.
REPORT_TYPES = ("BÁO CÁO",)
PLANNED_WORK_PARTS = re.compile(rf"\s*(?:(?:{_alternation(_PARTS['planned_work_openers'])})\s*[,;]?\s*(?:cac\s+)?)?"
                                rf"(?:{_alternation(_PARTS['planned_work_heads'])})"
                                rf"(?!\s+(?:{_alternation(_PARTS['planned_work_not_after'])})\b)")
# a paragraph labelled as a remedy or a proposal prescribes: an owner opening it is asked
PRESCRIBING_LABELS = re.compile(rf"\s*(?:{_alternation(_PARTS['prescribing_labels'])})\s*:")
PROPOSAL_PARTS = re.compile(rf"\s*(?:cac\s+)?(?:{_alternation(_PARTS['proposal'])})\b")
# Plans whose tasks are tabulated assign them in the table; their prose restates it,
# except in the part that organises implementation.
IMPLEMENTATION_PARTS = re.compile(rf"\s*(?:ve\s+)?(?:{_alternation(_PARTS['implementation'])})")


def part_is(kind: re.Pattern, heading: str) -> bool:
    """Whether a part's ``heading`` opens with one of the folded wordings of ``kind``."""
    return kind.match(fold_chars(heading)) is not None


@dataclass
class Assignee:
    """Who an item is for: the lead owners, their partners, and whether it was asked of them."""
    lead: list[Owner]
    support: list[Owner] = field(default_factory=list)
    unnamed: bool = False          # planned work whose item names nobody: a task with no lead


NOBODY = Assignee([], unnamed=True)


# --- reading one heading or sentence -------------------------------------------------------
def _requests(text: str) -> list[tuple[int, int]]:
    """Where requests stand in ``text`` ("giao", "yêu cầu", "đề nghị", "phân công" and what
    follows them up to the one asked), as (start, end) offsets in order."""
    found = {m.span() for m in _ASSIGNING.finditer(text)}
    found |= {m.span() for m in _ASSIGNING_FOLDED.finditer(fold_chars(text))}
    spans = sorted(found)
    return [sp for k, sp in enumerate(spans) if not k or sp[0] >= spans[k - 1][1]]


def _owners_of(text: str) -> list[Owner]:
    """Owners of an owner phrase: each must open with an owner noun and pass :func:`is_owner_name`."""
    names = [sentence_case_first(n) for n in split_owner_list(_same_length_tones(text), trim_verb_phrase=False)]
    return [make_owner(n) for n in names if is_owner_name(n) and starts_with_owner_head(n)]


def _defined_lead(text: str) -> tuple[list[Owner], int] | None:
    """The owners opening ``text`` by the names the document gives them ("các bộ, cơ quan
    chủ dự án … (gọi là chủ dự án thành phần)"), and where they end; None when ``text``
    defines no name for them (:func:`defined_owner_names`)."""
    found = defined_owner_names(text)
    if found is None:
        return None
    spans, end = found
    lead = [make_owner(sentence_case_first(text[a:b])) for a, b in spans]
    return lead, end


def _support_owners(text: str) -> list[Owner]:
    """Bodies named after "phối hợp (chặt chẽ) (với)" in ``text``."""
    out: list[Owner] = []
    for m in _SUPPORT_IN_TEXT.finditer(text):
        rest = text[m.end():]
        if not starts_with_owner_head(rest):
            continue
        end = _phrase_end(rest)
        for name in split_owner_list(rest[:end], trim_verb_phrase=False) if end else []:
            if is_owner_name(name) and all(o.key != make_owner(name).key for o in out):
                out.append(make_owner(sentence_case_first(name)))
    return out


def heading_owner(text: str) -> Assignee | None:
    """The owner a heading names when it is nothing but an owner: "Bộ Nội vụ:",
    "Đề nghị các ban ngành …", "Trách nhiệm của các sở, ngành", "Sở Tài chính
    chủ trì, phối hợp các sở, ban, ngành"."""
    body = _COURTESY.sub("", text.strip())
    body, _trigger = strip_trigger(body)
    body = _RESPONSIBILITY_OF.sub("", body)
    body = body.strip().rstrip(" :.;")
    if _UNIT_CODE.fullmatch(body):
        return Assignee([make_owner(body)])           # "1. C04:" — a unit named by its code
    if not body or len(body) > 220 or not starts_with_owner_head(body):
        return None
    end = _phrase_end(body)
    tail = _OWNER_TAIL.match(body[end:])
    if end == 0 or tail is None:
        return None
    partners = (tail.group("support") or "").strip(" .:")
    if partners and (not starts_with_owner_head(partners) or _phrase_end(partners) < len(partners) - 1):
        return None                                   # "… phối hợp với Y rà soát …": a sentence, not a heading
    lead = _owners_of(body[:end])
    if not lead:
        return None
    return Assignee(lead, _owners_of(partners) if partners else [])


_CLASS_DETERMINER = re.compile(r"^\s*(?:các|những|tất\s+cả)\s", re.I)
_CLASS_CLAUSE_WORDS = 4      # "tham gia khảo sát", "được giao nhiệm vụ": a short qualifying clause


def _class_heading_owner(heading: str) -> Assignee | None:
    """"5. Các khoa tham gia khảo sát", "Các phòng ban tham gia đào tạo": a heading over
    items naming a class of bodies by what they take part in is one owner, clause and all —
    the class it heads, not every faculty or department ("Các khoa").  Only a plural class
    (các, những, tất cả) and a short clause naming no other body or request; a named body
    and its verb ("Sở Y tế hướng dẫn") is a body and its work."""
    title = heading.strip().rstrip(" .:;")
    if not _CLASS_DETERMINER.match(title) or re.search(r"[,;:()]", title) or not starts_with_owner_head(title):
        return None
    end = _phrase_end(title)
    clause = title[end:].split()
    if not end or not 0 < len(clause) <= _CLASS_CLAUSE_WORDS or _requests(title[end:]) \
            or any(starts_with_owner_head(" ".join(clause[k:])) for k in range(len(clause))):
        return None
    return Assignee([make_owner(sentence_case_first(title))])


def intro_owner(text: str) -> Assignee | None:
    """The ones asked by a sentence that introduces a list of work ("…, Bộ Công an đề
    nghị các bộ, cơ quan … phối hợp chỉ đạo thực hiện một số nội dung sau:"), wherever
    the request stands in it."""
    for _start, m_end in _requests(text):
        rest = text[m_end:]
        defined = _defined_lead(rest)
        if defined is not None:
            return Assignee(defined[0], _support_owners(rest[defined[1]:]))
        end = _phrase_end(rest)
        if end and starts_with_owner_head(rest[:end]):
            lead = _owners_of(rest[:end].strip(" ,"))
            if lead:
                return Assignee(lead, _support_owners(rest[end:]))
    return None


def sentence_owner(text: str, strict: bool = False, adverbial: bool = True) -> tuple[Assignee, int] | None:
    """The owner an assignment sentence names, and where its work starts.

    "Giao X …", "Đề nghị X …" (the one asked, also after the asker: "UBND tỉnh
    yêu cầu X …"), "X chủ trì/có trách nhiệm/chịu trách nhiệm …"; unless
    ``strict``, also "X <verb> …" (an owner opening a sentence)."""
    body = _COURTESY.sub("", text)
    offset = len(text) - len(body)
    stripped, trigger = strip_trigger(body)
    offset += len(body) - len(stripped)
    owner_text, at = None, 0
    for opening in ((stripped, offset),) if trigger else ():
        defined = _defined_lead(opening[0])
        if defined is not None:
            return Assignee(defined[0], _support_owners(opening[0][defined[1]:])), opening[1] + defined[1]
    if trigger:
        end = _phrase_end(stripped)
        owner_text, at = stripped[:end].strip(" ,"), offset + end
    else:
        m = next(iter(_requests(text)), None)
        if m is not None and _RELATIVE_ASSIGNMENT.search(text[:m[0]]) and text[:m[0]].rstrip()[-1:] not in (",", ";"):
            m = None                                  # "các nhiệm vụ Thủ tướng giao cho UBND tỉnh": work described
        # a request opening the sentence or a clause ("Để …, kính đề nghị Sở Nội vụ …"), courtesy word aside
        before = _COURTESY_TAIL.sub("", text[:m[0]]) if m is not None else ""
        clause_start = m is not None and (before[-1:] in (",", ";") or not before.strip())
        # ... or after a leading condition the request follows unpunctuated ("Khi có kết quả
        # đánh giá chính thức … giao Sở Nội vụ chủ trì …")
        if m and (m[0] < 160 and (starts_with_owner_head(text) or _ends_with_owner(text[:m[0]])
                                  or _LEADING_CONDITION.match(text))
                  or clause_start):
            # the asker speaks ("UBND tỉnh yêu cầu X …"): the one asked is the owner, or nobody
            # when the request opens a list ("Văn phòng Chính phủ trân trọng đề nghị:")
            rest = text[m[1]:]
            if not rest.strip(" :.;"):
                return None
            defined = _defined_lead(rest)
            if defined is not None:
                return Assignee(defined[0], _support_owners(rest[defined[1]:])), m[1] + defined[1]
            end = _phrase_end(rest)
            if starts_with_owner_head(rest[:end]):
                owner_text, at = rest[:end].strip(" ,"), m[1] + end
                working = _working_asker(text[:m[0]])
                if working and _owners_of(owner_text):
                    return Assignee(working + _owners_of(owner_text), _support_owners(text[at:])), at
        if owner_text is None and starts_with_owner_head(text):
            end = _phrase_end(text)
            hm = _HANDLE_VERBS.search(text[:4 * _OWNER_WINDOW])
            whole = text[:hm.start()].strip(" ,") if hm else ""
            if hm and (hm.start() <= end + 2 or _owner_list(whole)):
                owner_text, at = whole, hm.start()
            elif whole and not re.search(r"[.;:]", whole) and is_owner_name(whole) and not _owners_of(text[:end]):
                # "Cơ quan, đơn vị được giao nhiệm vụ … tại Phụ lục có trách nhiệm …": a long
                # owner phrase, described rather than named, is one owner
                return Assignee([make_owner(sentence_case_first(whole))], _support_owners(text[hm.end():])), hm.start()
            elif not strict and 0 < end < len(text) and text[end:end + 1] not in ".;:(" and text[end:].strip()[:1].islower() \
                    and not _NARRATED.match(text[end:]) and not _DESCRIBED.match(text[end:]):
                owner_text, at = text[:end].strip(" ,"), end
    if not owner_text:
        return _after_adverbial(text) if adverbial else None
    if not owner_text:
        return None
    lead = _owners_of(owner_text)
    if not lead:
        return None
    return Assignee(lead, _support_owners(text[at:])), at


_OWNER_WINDOW = 240      # an owner phrase is never longer: tag only this much (POS tagging costs by length)


def _phrase_end(text: str) -> int:
    """Where the owner phrase opening ``text`` ends (tones unified, only its opening window tagged)."""
    window = _same_length_tones(text[:_OWNER_WINDOW])
    return owner_phrase_end(window)


def _same_length_tones(text: str) -> str:
    """``text`` in the new tone placement ("hoá" → "hóa") when that keeps every offset,
    so known names match whatever the spelling; else ``text`` itself."""
    unified = unify_tones(text)
    return unified if len(unified) == len(text) else text


# a sentence may open with when, on what grounds or on what condition before its subject:
# "Căn cứ Kế hoạch …, các cơ quan, đơn vị … xây dựng …", "Quý I/2027, các cơ quan … đánh giá …",
# "Khi có kết quả đánh giá chính thức …, Sở Nội vụ …"
_CONDITION_WORDS = r"khi|sau\s+khi|trong\s+quá\s+trình|nếu|trường\s+hợp"
_LEADING_CONDITION = re.compile(rf"^\s*(?:{_CONDITION_WORDS})\b", re.I)
_LEADING_ADVERBIAL = re.compile(rf"^\s*(?:căn\s+cứ|trên\s+cơ\s+sở|quý|tháng|năm|hằng|hàng|định\s+kỳ|trước|{_CONDITION_WORDS})\b", re.I)


_ADVERBIAL_WORDS = 16      # "Căn cứ Kế hoạch phát động thi đua của UBND tỉnh," — never a whole clause


def _after_adverbial(text: str) -> tuple[Assignee, int] | None:
    """The owner of a sentence whose subject follows a leading adverbial clause."""
    if not _LEADING_ADVERBIAL.match(text):
        return None
    # the subject follows the first comma, or a semicolon closing an adverbial that lists
    # things ("Căn cứ nội dung Chiến lược, Chương trình; các sở, ban, ngành … triển khai")
    separators = list(re.finditer(r"[,;]\s*", text[:_OWNER_WINDOW]))
    for n, m in enumerate(separators):
        if n and not m.group(0).startswith(";"):
            continue
        if _SUPPORT_IN_TEXT.search(text[:m.start()]):
            return None                               # "… phối hợp với A, B": the comma continues a list of partners
        if len(text[:m.start()].split()) > _ADVERBIAL_WORDS:
            return None                               # a long clause with its own verbs: not an adverbial
        rest = text[m.end():]
        if not starts_with_owner_head(rest):
            continue
        end = _phrase_end(rest)
        if 0 < end < len(rest) and rest[end:end + 1] not in ".;:(" and rest[end:].strip()[:1].islower() \
                and not _NARRATED.match(rest[end:]):
            lead = _owners_of(rest[:end].strip(" ,"))
            return (Assignee(lead, _support_owners(rest[end:])), m.end() + end) if lead else None
        return None
    return None


def _working_asker(before: str) -> list[Owner]:
    """"Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng và | đề nghị Bộ tư lệnh
    …": the asker has work of its own, joined by "và" to its request, so it leads beside the
    one it asks (not "UBND tỉnh đề nghị X", where it only asks, nor "X đã …", a narration)."""
    if not re.search(r"\svà\s*$", before) or not starts_with_owner_head(before):
        return []
    end = _phrase_end(before)
    work = before[end:].strip()
    if not work or not work[:1].islower() or _NARRATED.match(before[end:]) or _DESCRIBED.match(before[end:]):
        return []
    return _owners_of(before[:end].strip(" ,"))


def _owner_list(text: str) -> bool:
    """"Chánh Văn phòng UBND tỉnh, Giám đốc Công an tỉnh; thành viên Ban Chỉ đạo …":
    owners separated by ';' (Điều 3 of a decision), each opening with an owner noun."""
    chunks = [c.strip(" ,") for c in text.split(";") if c.strip(" ,")]
    return len(chunks) > 1 and not re.search(r"\.\s", text) and all(starts_with_owner_head(c) for c in chunks)


def _ends_with_owner(text: str) -> bool:
    """"…, Ủy ban nhân dân tỉnh" — the clause before a trigger ends with the asker's name."""
    words = text.strip(" ,").split()
    for n in range(1, min(len(words), 8) + 1):
        tail = " ".join(words[-n:])
        if starts_with_owner_head(tail) and owner_phrase_end(tail, use_pos=False) >= len(tail) - 1:
            return True
    return False


def owner_colon(text: str) -> tuple[Assignee, str] | None:
    """``Owner: work`` — an owner, a colon, the work ("Bộ Y tế: Chuẩn bị …")."""
    m = _LABEL_COLON.match(text.strip())
    if not m or re.search(r"phụ\s+trách|chủ\s+trì|phối\s+hợp|thời\s+gian|thời\s+hạn|nơi\s+nhận|kính\s+gửi", m.group("label"), re.I):
        return None
    listed = distributed_names(m.group("label"), m.group("rest"))
    if listed is not None:                            # "Các Bộ: Công Thương, …, Y tế nghiên cứu …"
        names, at = listed
        work = m.group("rest")[at:].strip(" ,.;")
        if not work[:1].islower():
            return None                               # the names alone: addressees, attendees
        return Assignee([make_owner(n) for n in names]), text.strip()
    if _is_name_list(m.group("rest")):
        return None                                   # "Các Bộ: Công an, Quốc phòng, …" names, no work
    who = heading_owner(m.group("label"))
    if who is None:
        return None
    rest = m.group("rest")
    said = sentence_owner(rest, strict=not starts_with_owner_head(rest))
    if said is not None and said[0].lead and said[1] < len(rest) // 2:
        # "Thanh tra khoa học và công nghệ: Ủy ban nhân dân các huyện … chủ trì …": the label
        # names a topic that looks like a body; the sentence after it names the owner
        return said[0], m.group("rest").strip()
    return who, m.group("rest").strip()


def _is_name_list(text: str) -> bool:
    """"Công an, Quốc phòng, Tư pháp" / "Đài Truyền hình Việt Nam, Đài Tiếng nói": a list
    of names (addressees, attendees), not a piece of work."""
    pieces = [p.strip(" .;") for p in re.split(r"[,;]|\s+và\s+", text) if p.strip(" .;")]
    return len(pieces) >= 2 and all(p[:1].isupper() and len(p.split()) <= 10 for p in pieces[:-1]) \
        and (pieces[-1][:1].isupper() or len(pieces[-1].split()) <= 3)


def _after_label(text: str) -> str:
    """"Giải pháp khắc phục: Giao X …" → "Giao X …": a topic label before the sentence."""
    m = _LABEL_COLON.match(text.strip())
    if m and len(m.group("label").split()) <= 8 and not _requests(m.group("label")) \
            and (not starts_with_owner_head(m.group("label")) or starts_with_owner_head(m.group("rest"))):
        # "Thanh tra khoa học và công nghệ: Ủy ban nhân dân các huyện … làm đầu mối …": a
        # topic that looks like a body, then the sentence naming its own subject
        return m.group("rest").strip()
    return text.strip()


# --- deadlines ---------------------------------------------------------------------------
def _deadline_in(text: str, year: int | None) -> tuple[Deadline, tuple[int, int] | None]:
    """The deadline an item sets, and where in ``text`` its phrase stands: of the deadline
    phrases in it, a limit ("trước", "chậm nhất", "đến hết", "xong") first, then a cycle
    ("định kỳ …"), then the first one — a "hàng năm" qualifying a plan is weaker than
    "định kỳ hàng quý"."""
    phrases = find_deadline_phrases(text)
    if not phrases:
        return Deadline(text=None), None

    def strength(m) -> int:
        low = m.group(0).lower()
        if re.search(r"trước|chậm nhất|đến hết|xong", low):
            return 0
        return 1 if low.startswith("định kỳ") else 2

    best = min(phrases, key=lambda m: (strength(m), m.start()))
    return parse_deadline(best.group(0), year), best.span()


# --- walking the tree ----------------------------------------------------------------------
def _states_purposes(unit: Unit) -> bool:
    """A part headed "Mục đích, yêu cầu", "Chỉ tiêu …", "Đánh giá chung" — a topic, not
    "Yêu cầu các sở, ngành …" (a request naming whom it asks)."""
    return unit.is_section and len(unit.heading.split()) <= 15 and part_is(NON_ASSIGNING_PARTS, unit.heading) \
        and heading_owner(unit.heading) is None and sentence_owner(unit.heading, strict=True, adverbial=False) is None


@dataclass
class _Walk:
    doc: Document
    year: int | None
    ids: Ids
    citations: list
    taken: set[int]                # lines already used by another source (tables, labelled sections)
    normative: bool
    tabled: bool                   # the document's tasks are in a task table
    report: bool = False           # a report: its planning part lists work without owners
    issuer: str | None = None      # who issues the document: a report's own programme is its work
    tasks: list[Task] = field(default_factory=list)
    page_of: Callable[[int], int | None] = lambda _offset: None   # page of a text offset (spans.line_page_of)

    def read_in(self, unit: Unit, who: Assignee | None) -> Assignee | None:
        """``who`` as read from ``unit``'s own text (its heading and lines): each owner with
        the span of its printed name, so that items inheriting it point at the heading."""
        if who is None:
            return None
        mapped = unit.mapped_text(self.doc)
        named = located_in_mapped(who.lead + who.support, mapped, self.doc.text, self.page_of)
        return Assignee(named[:len(who.lead)], named[len(who.lead):])

    def may_assign(self, path: list[Unit]) -> bool:
        """Whether items at ``path`` can be tasks: never under a purpose, requirements,
        targets or assessment part ("I. MỤC ĐÍCH, YÊU CẦU", "II. CHỈ TIÊU", "I. Đánh giá
        chung"); in a normative text only inside an implementation article; in a plan
        with a task table only in its implementation part ("Tổ chức thực hiện",
        "Phân công …", "Trách nhiệm …")."""
        if any(_states_purposes(u) for u in path):
            return False
        if self.normative:
            return any(u.kind == "dieu" and IMPLEMENTATION_ARTICLES.search(fold_chars(u.heading)) for u in path)
        if self.tabled:
            return self.in_implementation(path)
        return True

    @staticmethod
    def in_implementation(path: list[Unit]) -> bool:
        """Under a part that organises implementation ("IV. TỔ CHỨC THỰC HIỆN", "5. Phân
        công trách nhiệm"): there a paragraph opening with an owner and a verb assigns."""
        return any(u.is_section and part_is(IMPLEMENTATION_PARTS, u.heading) for u in path)

    def plans_work(self, path: list[Unit]) -> bool:
        """Under a report's part that plans or proposes the coming work."""
        return self.report and any(u.is_section and part_is(PLANNED_WORK_PARTS, u.heading) for u in path)

    def planner(self, path: list[Unit]) -> Assignee:
        """Who does the work of a planning part that names nobody: the reporting body
        for its own programme ("NHIỆM VỤ TRỌNG TÂM THÁNG 02"); nobody for work it
        proposes to a superior ("ĐỀ XUẤT NHIỆM VỤ, GIẢI PHÁP"), whose doer is for the
        superior to choose."""
        proposed = any(u.is_section and part_is(PROPOSAL_PARTS, u.heading) for u in path[:-1])
        if proposed or not self.issuer:
            return NOBODY
        return Assignee([make_owner(self.issuer)])

    def emit(self, unit: Unit, who: Assignee, description: str, group: str | None, group_title: str | None,
             ref: str | None, item: int | None, when: Deadline | None = None) -> None:
        """One task; ``when`` is the deadline an enclosing heading sets ("tháng 02 năm
        2025"), used when the item sets none of its own."""
        description = _CLOSING_LEAD.sub("", collapse_spaces(description)).strip(" ;")
        if not description or not (who.lead or who.unnamed):
            return
        if _FORM_BLANK.search(description):
            return                                  # "Tên: ............": a form to fill in, not work
        if self.normative and not all(names_a_body(o.text) for o in who.lead):
            return                                  # "Cơ quan thuế có trách nhiệm …": a rule for a class of actors
        lines = unit.all_lines()
        if lines and all(i in self.taken for i in lines):
            return
        start, end = unit.span(self.doc)
        support = list(who.support)
        added = [o for o in _support_owners(description)
                 if all(o.key != s.key for s in support) and all(o.key != l.key for l in who.lead)]
        deadline, at = _deadline_in(description, self.year)
        if added or deadline.text:           # the unit's text, each character knowing where it was printed
            full = unit.mapped_full_text(self.doc).collapse_spaces()
            support += located_in_mapped(added, full, self.doc.text, self.page_of)    # "phối hợp với Y" in the item
            deadline = self.located_deadline(description, full, deadline, at)
        page = self.doc.lines[min(lines)].page if lines else 1
        if when is not None and not deadline.text:
            deadline = when
        self.tasks.append(Task(
            id=self.ids.make("prose", ref, item, description), ref=ref, group=group, group_title=group_title,
            description=sentence_case_first(description), lead=list(who.lead), support=support,
            deadline=deadline,
            source={"kind": "prose", "page": page, "start": start, "end": end},
            citation_ids=cited(start, end, self.citations), item=item))

    def located_deadline(self, description: str, full, deadline: Deadline, at: tuple[int, int] | None) -> Deadline:
        """``deadline``, read at ``at`` in ``description``, with the span of its phrase: the
        description is the unit's text (``full``, collapsed, each character knowing where it
        was printed) less a label or a closing "Trên đây là …", so the phrase's offsets in it
        map back to the record.  A description put together otherwise (an ``Owner: work`` line
        joined to the paragraphs under it) falls back to the phrase's first printing in the
        unit's text."""
        if at is None or not deadline.text:
            return deadline
        k = full.text.find(description)
        if k >= 0:
            where = full.record_span(k + at[0], k + at[1])
        else:
            k = full.text.find(deadline.text)
            where = full.record_span(k, k + len(deadline.text)) if k >= 0 else None
        if where is None:
            return deadline
        return replace(deadline, span=make_span(self.doc.text, where[0], where[1], self.page_of(where[0]), deadline.text))


def _sub_units(unit: Unit) -> list[Unit]:
    """The items of a unit: its sections, bullets and paragraphs (tables are tasks of their own)."""
    if unit.kind in ("dash", "plus"):
        return []                                   # "+" sub-bullets are folded into their bullet
    return [c for c in unit.children if c.kind != "table"]


def _has_items(unit: Unit) -> bool:
    return any(c.is_section or c.kind in ("dash", "plus") for c in _sub_units(unit))


def _group_of(unit_path: list[Unit]) -> str | None:
    for u in reversed(unit_path):
        if u.kind in ("roman", "part"):
            return u.ref
    return None


def _walk(w: _Walk, unit: Unit, inherited: Assignee | None, path: list[Unit]) -> None:
    """Tasks of ``unit`` and below, ``inherited`` being the owner passed down to it."""
    heading = unit.heading
    ref = unit.ref or next((u.ref for u in reversed(path) if u.ref), None)
    group = _group_of(path + [unit])
    allowed = w.may_assign(path + [unit])
    items = _sub_units(unit)
    own = None if unit.kind == "root" else w.read_in(unit, heading_owner(heading))
    if own is not None:                               # "6. Bộ Nội vụ:" — passes its owner down
        if items and allowed:
            _walk_items(w, unit, items, own, path, per_paragraph=True)
        return
    colon = None if unit.kind == "root" else owner_colon(unit.text(w.doc))
    if colon is not None:                             # "2. Bộ Y tế: Chuẩn bị …"
        who, work = w.read_in(unit, colon[0]), colon[1]
        if allowed:
            _emit_item(w, unit, who, work, [c for c in items if not c.is_section and c.kind == "paragraph"], group, ref)
            _walk_items(w, unit, [c for c in items if c.is_section or c.kind != "paragraph"], who, path, per_paragraph=True)
        return
    # paragraphs, and bullets outside any part (the "Kính gửi" list), assign only with
    # an explicit request or responsibility, except in an implementation part
    outside = unit.kind in ("dash", "plus") and all(u.kind == "root" for u in path)
    strict = (unit.kind == "paragraph" or outside) and not w.in_implementation(path) \
        and not PRESCRIBING_LABELS.match(fold_chars(heading))
    said = None if unit.kind == "root" else sentence_owner(_after_label(heading), strict=strict)
    if said is not None and allowed:
        who = w.read_in(unit, said[0])
        if heading.rstrip().endswith(":") and items:  # "Giao Sở X chủ trì, phối hợp với Y:" then its items
            _walk_items(w, unit, items, who, path, per_paragraph=True)
            return
        if not _has_items(unit):                      # one sentence (and its paragraphs): one task
            _emit_item(w, unit, who, unit.text(w.doc), [c for c in unit.children if c.kind != "table"], group, ref,
                       clean=_after_label)
            return
        # a sentence over bullets or sub-items introduces them: they are the tasks
        if unit.is_section:
            who = w.read_in(unit, _class_heading_owner(heading)) or who
        _walk_items(w, unit, items, who, path, per_paragraph=False)
        return
    if inherited is not None and unit.kind not in ("root", "roman", "part") and allowed and not _has_items(unit) \
            and not heading.rstrip().endswith(":"):   # an item under an owner: the task itself
        text = unit.full_text(w.doc)
        w.emit(unit, w.read_in(unit, _requested_later(text)) or inherited, text, group, None, ref, None)
        return
    if inherited is None and unit.kind not in ("root", "roman", "part", "paragraph") and allowed \
            and not _has_items(unit) and not heading.rstrip().endswith(":") and w.plans_work(path + [unit]):
        w.emit(unit, w.planner(path + [unit]), unit.full_text(w.doc), group, None, ref, None,
               when=_heading_period(w, path + [unit]))
        return
    passing = inherited if unit.kind not in ("root", "roman", "part") else None
    _walk_items(w, unit, items, passing, path, per_paragraph=False)


_SENTENCE_BREAK = re.compile(rf"(?<=[.!?])\s+(?=[{charclass('capitals')}])")


def _requested_later(text: str) -> Assignee | None:
    """The ones a later sentence of an item asks ("Chương trình tổ chức thực hiện điểm
    … tại Điện Biên, Nghệ An và Tây Ninh. Đề nghị UBND tỉnh Điện Biên, … chuẩn bị …"):
    the item states the work, then names who does it, so they own it rather than the
    owners the item inherits."""
    for sentence in _SENTENCE_BREAK.split(text)[1:]:
        body = _COURTESY.sub("", sentence)
        if not any(start == 0 for start, _end in _requests(body)):
            continue
        said = sentence_owner(body, strict=True, adverbial=False)
        if said is not None and said[0].lead:
            return said[0]
    return None


def _emit_item(w: _Walk, unit: Unit, who: Assignee, opening: str, following: list[Unit], group: str | None,
               ref: str | None, clean: Callable[[str], str] = lambda text: text) -> None:
    """One task of ``who``: the item's ``opening`` text and the ``following`` units under
    it, except the paragraphs that hand work to someone else — each of those is a task of
    its own owner.  ``clean`` trims the joined description (a topic label)."""
    others = _reassigning_paragraphs(w, unit, who)
    moved = [child for child, _ in others]
    kept = [opening] + [c.full_text(w.doc) for c in following if all(c is not m for m in moved)]
    w.emit(unit, who, clean(" ".join(kept)), group, None, ref, None)
    for child, their in others:
        w.emit(child, w.read_in(child, their), child.full_text(w.doc), group, None, ref, None)


def _reassigning_paragraphs(w: _Walk, unit: Unit, who: Assignee) -> list[tuple[Unit, Assignee]]:
    """Paragraphs following an item's sentence that give work to someone else ("Trên cơ
    sở đó, Bộ Tư pháp tổng hợp …", "Trường hợp …, giao Bộ Tài chính chủ trì …"): each
    is a task of its own owner, not the tail of the item."""
    leads = {o.key for o in who.lead}
    out = []
    for child in unit.children:
        if child.kind != "paragraph" or _BODY_END.search(child.text(w.doc)):
            continue                                  # the closing "…triển khai thực hiện./." ends the body
        said = sentence_owner(_after_label(child.text(w.doc)), strict=True)
        if said is not None and said[0].lead and not {o.key for o in said[0].lead} & leads:
            out.append((child, said[0]))
    return out


def _heading_period(w: _Walk, path: list[Unit]) -> Deadline | None:
    """The time a planning heading gives its items ("NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2025")."""
    for u in reversed(path):
        if u.is_section and part_is(PLANNED_WORK_PARTS, u.heading):
            found = parse_deadline(u.heading, w.year)    # the heading is a span of time, no "trong"
            if not (found.start or found.end):
                return None
            return w.located_deadline(u.heading, u.mapped_text(w.doc), found, (0, len(u.heading)))
    return None


def _walk_items(w: _Walk, unit: Unit, items: list[Unit], who: Assignee | None, path: list[Unit],
                per_paragraph: bool) -> None:
    """Walk the items of ``unit`` in order.  An intro paragraph ending in ':' that
    names an owner ("Giao Sở Nội vụ:") gives that owner to the items after it;
    with ``per_paragraph`` (the unit's heading named the owner) each paragraph
    is a task of its own."""
    current = who
    bullets = [c for c in items if c.kind in ("dash", "plus")]
    for n, child in enumerate(items):
        if child.kind == "paragraph":
            text = child.text(w.doc)
            intro = text.rstrip().endswith(":")
            # a bare name with a colon opens a list of addressees at the top ("VĂN PHÒNG CHÍNH
            # PHỦ điện:"); inside a part it heads that owner's items ("Giao Sở Nội vụ:")
            named = heading_owner(text) if intro and unit.kind != "root" else None
            if named is None and intro:
                # an intro passes on the ones it asks or names as responsible; a sentence
                # that opens with its grounds ("Căn cứ …, X tiến hành …: ") is work itself
                said = sentence_owner(_after_label(text), strict=True, adverbial=False)
                named = said[0] if said else (intro_owner(text) if _WORK_INTRO.search(text) else None)
            if named is not None:
                current = w.read_in(child, named)
                continue
            if intro and _WORK_INTRO.search(text) and current is None:
                continue
        if child.kind in ("dash", "plus") and current is not None:
            _walk_bullet(w, unit, child, current, path, bullets.index(child) + 1 if len(bullets) > 1 else None)
            continue
        if child.kind == "paragraph" and current is not None and per_paragraph:
            said = sentence_owner(_after_label(child.text(w.doc)), strict=True)
            if said is None and w.may_assign(path + [unit]):
                w.emit(child, current, child.full_text(w.doc), _group_of(path + [unit]), None, unit.ref, None)
                continue
        _walk(w, child, current, path + [unit])


def _walk_bullet(w: _Walk, unit: Unit, bullet: Unit, who: Assignee, path: list[Unit], item: int | None) -> None:
    """A bullet under an owner: its own owner if it names one ("Sở Y tế tham mưu …",
    "Đề nghị Bộ Tư lệnh …"), else the owner passed down.  The text stays whole."""
    if not w.may_assign(path + [unit]):
        return
    text = bullet.full_text(w.doc)
    colon = owner_colon(bullet.heading)
    if colon is not None:
        w.emit(bullet, w.read_in(bullet, colon[0]), colon[1] + "".join(" " + c.full_text(w.doc) for c in bullet.children),
               _group_of(path + [unit]), None, unit.ref, item)
        return
    said = None if _DELEGATING.match(text) else sentence_owner(text, strict=True)
    if said is None and starts_with_owner_head(text):
        said = sentence_owner(text)
    w.emit(bullet, w.read_in(bullet, said[0]) if said else who, text, _group_of(path + [unit]), None, unit.ref, item)


def _header_types(doc: Document) -> set[str]:
    """Type words standing alone on a line of the header ("THÔNG TƯ", "BÁO CÁO")."""
    return {" ".join(line.text.split()).upper().rstrip(".") for line in doc.lines[:25]}


def is_normative(doc: Document) -> bool:
    """A law, decree, circular or standard: its type word stands alone on a line of the header."""
    return bool(_header_types(doc) & set(NORMATIVE_TYPES))


def is_report(doc: Document) -> bool:
    """A report ("BÁO CÁO" alone on a header line)."""
    return bool(_header_types(doc) & set(REPORT_TYPES))


def prose_tasks(doc: Document, year: int | None, ids: Ids, citations, taken: set[int],
                tabled: bool = False, doc_type: str | None = None, issuer: str | None = None) -> list[Task]:
    """Assignments in the body (forms and templates appended after the signature are
    not the document's own assignments), walking its tree of units; ``tabled`` says
    the document already gave its tasks in a task table; ``doc_type`` and ``issuer``
    come from the metadata (a report's own programme is its issuer's work)."""
    ranges = body_ranges(doc)
    tree = build_tree(doc, ranges[-1][1], keep={i for start, end in ranges for i in range(start, end)})
    walk = _Walk(doc, year, ids, citations, taken, is_normative(doc), tabled,
                 doc_type == "bao_cao" or is_report(doc), issuer, page_of=line_page_of(doc))
    _walk(walk, tree, None, [])
    return walk.tasks

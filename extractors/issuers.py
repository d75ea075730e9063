"""Issuing bodies: find them in text, resolve them from context, name their level.

``của UBND tỉnh về việc …`` names a body by its kind and level only; the
document says elsewhere which province it is (``trên địa bàn tỉnh Gia Lai``), so
:class:`PlaceContext` collects the named units the document mentions and fills
the gap: ``UBND tỉnh`` → ``UBND tỉnh Gia Lai``.  Headers in capitals
(``ỦY BAN NHÂN DÂN / TỈNH LÀO CAI``) are turned back into running-text case.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from vanban.pipeline.textnorm import collapse_spaces, fold_chars, fold_diacritics, unify_tones  # noqa: F401 (fold_chars: for metadata)

from .owners import expand_abbreviations
from .lexicon import charclass, load

_UNIT_WORDS = "|".join(load("places")["unit_words"])   # "thành phố|thị xã|…|xã|phường"
_CAP = charclass("capitals")                # every Vietnamese capital
_LOWER = charclass("lower")
_NAME_SYL = rf"[{_CAP}][{_LOWER}']*"
_PROPER = rf"{_NAME_SYL}(?:[ -]{_NAME_SYL}){{0,3}}"
PLACE_RE = re.compile(rf"(?<!\w)(?P<unit>{_UNIT_WORDS})\s+(?P<name>{_PROPER})")

# Where an issuer phrase after "của" ends.
_STOP = re.compile(
    r"\s+(?:về|phê duyệt|ban hành|hướng dẫn|quy định|triển khai|kế hoạch|sửa đổi|thực hiện|công bố|giao|tham gia|"
    r"chấp thuận|thống nhất|phân cấp|bổ sung|xây dựng|đề nghị|tổ chức|đối với|cho|tại|trong|theo|nhằm|để|với|"
    r"năm|ngày|đã|và\s+(?:hướng|các|văn)|gồm|là|có|được|quyết định|nghị định|thông tư|luật)(?!\w)"
    rf"|\s*[;.()\n\t\"“”:]|,(?!\s*[{_CAP}])"
    r"|,\s*(?=(?:Quyết định|Nghị định|Thông tư|Luật|Kế hoạch|Công văn|Chỉ thị|Nghị quyết|Văn bản)\b)"
    r"|\s+(?=\d)"
)


@dataclass
class PlaceContext:
    """Named units (tỉnh X, huyện Y, xã Z) a document mentions, most frequent first."""
    by_unit: dict[str, Counter] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str) -> "PlaceContext":
        ctx = cls()
        for m in PLACE_RE.finditer(text):
            ctx.by_unit.setdefault(m.group("unit").lower(), Counter())[m.group("name")] += 1
        return ctx

    def name_for(self, unit: str) -> str | None:
        counts = self.by_unit.get(unit.lower())
        if not counts:
            return None
        return counts.most_common(1)[0][0]


def issuer_phrase_end(text: str) -> int:
    """Length of the issuer phrase at the start of ``text`` (text after ``của``)."""
    m = _STOP.search(text)
    end = m.start() if m else len(text)
    # a known body name followed by a lower-case word ends there, even when the
    # word after it is an OCR-damaged stop word ("Chính phủ 4y định …")
    phrase = text[:end]
    for name in _known_full_names():
        if phrase.startswith(name) and re.match(rf"\s+[{_LOWER}0-9]", phrase[len(name):]):
            end = len(name)
            break
    return len(text[:end].rstrip(" ,-"))


@lru_cache(maxsize=1)
def _known_full_names() -> list[str]:
    data = load("issuers")
    # only names that are whole by themselves: "Ủy ban nhân dân" needs its unit
    names = (set(data["central"]) | set(data["codes"].values())) - set(data["local_bodies"]) - {"Hội đồng nhân dân", "Ủy ban nhân dân"}
    names = {n for n in names if not n.startswith(("Phòng", "Sở"))}
    for n in data["ministry_names"]:
        names.add(f"Bộ {n}")
        names.add(f"Bộ trưởng Bộ {n}")
    return sorted(names, key=len, reverse=True)


_BARE_UNIT = re.compile(rf"(?P<body>.*?)(?P<unit>\b(?:{_UNIT_WORDS}))\s*$")


def resolve(issuer: str, ctx: PlaceContext | None) -> str:
    """``UBND tỉnh`` + context → ``UBND tỉnh Gia Lai``; named issuers unchanged."""
    issuer = collapse_spaces(issuer)
    if ctx is None:
        return issuer[:1].upper() + issuer[1:]
    m = _BARE_UNIT.match(issuer)
    if m and m.group("body").strip():
        name = ctx.name_for(m.group("unit"))
        if name:
            issuer = f"{issuer} {name}"
    return issuer[:1].upper() + issuer[1:]


def full_name(issuer: str) -> str:
    """Abbreviations expanded and tones unified: ``UBND tỉnh Gia Lai`` → ``Ủy ban nhân dân tỉnh Gia Lai``."""
    name = collapse_spaces(unify_tones(expand_abbreviations(issuer)))
    return name[:1].upper() + name[1:]


def level_of(issuer: str | None) -> str | None:
    """xa / huyen / tinh / bo / trung_uong, or None when the phrase does not say."""
    if not issuer:
        return None
    data = load("issuers")
    name = full_name(issuer)
    low = name.lower()
    if any(low == c.lower() or low.startswith(c.lower()) for c in data["central"]):
        return "trung_uong"
    if re.match(r"^(?:bộ|bộ trưởng)\b", low) and not low.startswith("bộ phận") and not low.startswith("bộ chỉ huy"):
        return "bo"
    if low.startswith("cục") or low.startswith("tổng cục"):
        return "bo"
    levels = data["levels"]
    found = None
    for m in re.finditer(rf"(?<!\w)({_UNIT_WORDS})(?!\w)", low):
        found = levels.get(m.group(1))
        break
    if found:
        return found
    if low.startswith("sở"):
        return "tinh"
    if low.startswith("phòng"):
        return "huyen"
    return None


def from_code(code: str | None) -> str | None:
    """Issuer named by a number's code when the code alone identifies it (CP, TTg, BCT…)."""
    if not code:
        return None
    codes = load("issuers")["codes"]
    name = codes.get(code)
    if name and name not in ("Ủy ban nhân dân", "Hội đồng nhân dân", "Đảng ủy"):
        return name
    return None


# --- header capitals back to running-text case ---------------------------------------
@lru_cache(maxsize=1)
def _known_names() -> dict[str, str]:
    data = load("issuers")
    names = {}
    for n in list(data["codes"].values()) + data["central"] + data["local_bodies"]:
        names[n.upper()] = n
    for n in data["ministry_names"]:
        for head in ("Bộ", "Sở", "Phòng", "Ban"):
            names[f"{head} {n}".upper()] = f"{head} {n}"
    return names


def _institution_name(body: str, unit: str, rest: str) -> str | None:
    """A school's or academy's name is a proper name: ``TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG THÀNH PHỐ
    HỒ CHÍ MINH`` → ``Trường Đại học Công Thương Thành phố Hồ Chí Minh``."""
    for head, written in load("issuers")["institution_heads"].items():
        if body == head or body.startswith(head + " "):
            own = _title_syllables(body[len(head):].strip())
            parts = [written, own, unit[:1].upper() + unit[1:] if unit else "", _title_syllables(rest)]
            return " ".join(p for p in parts if p)
    return None


def known_body_names() -> dict[str, str]:
    """Body names the tables know, by their capitals: ``BỘ CÔNG THƯƠNG`` → ``Bộ Công Thương``."""
    return dict(_known_names())


@lru_cache(maxsize=1)
def _known_by_letters() -> dict[str, str]:
    """Known body names in capitals by their folded letters: ``SỞ THÔNG TIN VÀ TRUYÈN THÔNG``
    (OCR's marks) is ``SỞ THÔNG TIN VÀ TRUYỀN THÔNG`` — the names are a closed list."""
    return {fold_key(k): k for k in _known_names()}


def _title_syllables(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def caps_to_name(text: str) -> str:
    """``ỦY BAN NHÂN DÂN TỈNH LÀO CAI`` → ``Ủy ban nhân dân tỉnh Lào Cai``."""
    text = collapse_spaces(unify_tones(text))
    if not text.isupper():
        return text
    text = expand_abbreviations(text).upper()          # "UBND TỈNH GIA LAI"
    m = re.search(rf"(?<!\w)({_UNIT_WORDS.upper()})(?!\w)", text)
    body, unit, rest = (text[:m.start()].strip(), m.group(1).lower(), text[m.end():].strip()) if m else (text, "", "")
    institution = _institution_name(body, unit, rest)
    if institution:
        return institution
    known = _known_names()
    body = _known_by_letters().get(fold_key(body), body) if body not in known else body
    if body in known:
        body_name = known[body]
    elif body:
        body_name = body[:1] + body[1:].lower()
        for key, val in known.items():          # "SỞ XÂY DỰNG" → "Sở Xây dựng"
            if body.endswith(key) and len(key) > 3:
                body_name = body[:len(body) - len(key)].capitalize() + val if body != key else val
                body_name = body_name[:1].upper() + body_name[1:]
                break
    else:
        body_name = ""
    parts = [p for p in (body_name, unit, _title_syllables(rest)) if p]
    name = " ".join(parts)
    return name[:1].upper() + name[1:]


# --- provinces: a closed list, so OCR-damaged tone marks can be put back ------------------
def fold_key(text: str) -> str:
    """Letters and digits only, folded: ``Lâm Đồng`` / ``LÂM ĐÒNG`` / ``lâmđông`` → ``lamdong``."""
    return re.sub(r"[^a-z0-9]", "", fold_diacritics(text))


@lru_cache(maxsize=1)
def _province_keys() -> dict[str, str]:
    return {fold_key(p): p for p in load("places")["provinces"]}


PROVINCE_MATCH = 0.85        # folded similarity that lets a damaged name be a province


def canonical_province(name: str) -> str | None:
    """The province ``name`` spells, tone marks restored, or None when it is no province.

    Exact on the folded letters first (``Lâm Đông`` → ``Lâm Đồng``); otherwise the one
    province within ``PROVINCE_MATCH`` (``LÀÁM ĐÔNG``), never a tie between two.
    """
    key = fold_key(name)
    if len(key) < 3:
        return None
    keys = _province_keys()
    if key in keys:
        return keys[key]
    scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), p) for k, p in keys.items()), reverse=True)
    best, runner = scored[0], scored[1]
    if best[0] >= PROVINCE_MATCH and best[0] - runner[0] >= 0.05:
        return best[1]
    return None


def split_province_tail(text: str) -> tuple[str, str, str] | None:
    """``CÔNG AN TĨNH LÀÁM ĐÔNG`` / ``CÔNG ANTỈNHLÂMĐÒNG`` → (``CÔNG AN``, ``tỉnh``, ``Lâm Đồng``).

    The text ends with a unit word and a province, whatever OCR did to their tone
    marks and spaces; None when it does not.  The body keeps its own letters.
    """
    folded = fold_chars(text)
    units = load("places")["units"]
    for m in reversed(list(re.finditer(r"(tinh|thanh\s*pho|tp\.?)", folded))):
        tail = text[m.end():]
        province = canonical_province(tail) if tail.strip() else None
        if not province:
            continue
        unit_key = re.sub(r"[\s.]+", " ", m.group(1)).strip(" .").replace("thanhpho", "thanh pho")
        return text[:m.start()].rstrip(), units.get(unit_key, unit_key), province
    return None

"""Owners of a task: split owner lists, find owner phrases in prose, normalise names.

An owner cell such as ``Văn phòng UBND xã, Công chức Văn hóa - Xã hội`` holds
two owners, but ``Các ban, ngành, đoàn thể`` is one: commas separate owners
only when the next piece does not continue a list of collective nouns
(``ban, ngành``; ``cán bộ, công chức``).  In running text an owner phrase ends
at the first verb (``Giao cán bộ Văn hóa-Thông tin | tăng cường …``), judged
by the verb table and underthesea's POS tags, with modifiers such as
``có liên quan`` kept.  The raw text is always kept beside the normalised name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vanban.pipeline.textnorm import collapse_spaces, fix_dash_spacing, fold_diacritics, sentence_case_first, unify_tones

from .tables_data import load


@lru_cache(maxsize=1)
def _lex() -> dict:
    data = load("owners")
    return {
        "heads": sorted(data["heads"], key=len, reverse=True),
        "collective": set(data["collective"]),
        "verbs": sorted(data["verbs"], key=len, reverse=True),
        "modifiers": sorted(data["modifiers"], key=len, reverse=True),
        "triggers": sorted(data["triggers"], key=len, reverse=True),
        "split_before": sorted(data["split_before"], key=len, reverse=True),
        "fixed_names": data.get("fixed_names", []),
    }


def _starts_with(text_low: str, phrases) -> str | None:
    """The first of ``phrases`` that ``text_low`` starts with as whole words."""
    for p in phrases:
        if text_low.startswith(p) and (len(text_low) == len(p) or not text_low[len(p)].isalnum()):
            return p
    return None


def starts_with_owner_head(text: str) -> bool:
    """True when ``text`` opens with an owner noun ("Sở …", "Các ban …") and not
    with a verb that merely starts like one ("Ban hành …" is not "Ban …")."""
    lex = _lex()
    low = text.strip().lower()
    head = _starts_with(low, lex["heads"])
    verb = _starts_with(low, lex["verbs"])
    if head is None or (verb is not None and len(verb) > len(head)):
        return False
    if head in ("các", "những", "tất cả", "toàn thể"):
        # a determiner is an owner only before an organisation or a people noun
        rest = low[len(head):].strip()
        return bool(_starts_with(rest, lex["heads"])) or _continues_list(rest)
    return True


def _continues_list(rest: str) -> bool:
    """After a comma: another owner or a collective noun ("…, thị trấn") follows."""
    lex = _lex()
    words = rest.split(" ")
    first, two = words[0].strip(","), " ".join(words[:2]).strip(",")
    return bool(_starts_with(rest, lex["heads"])) or first in lex["collective"] or two in lex["collective"]


@dataclass(frozen=True)
class Owner:
    text: str          # as shown in the source (trimmed)
    name: str          # normalised: tones unified, dashes spaced, abbreviations expanded
    key: str           # diacritic-free comparison key of ``name``

    def as_dict(self) -> dict:
        return {"text": self.text, "name": self.name, "key": self.key}


def expand_abbreviations(text: str) -> str:
    """Expand known abbreviations; a tight hyphen between codes becomes a spaced one.

    "HĐND-UBND" is tight because both sides are single tokens; once expanded to
    several words each ("Hội đồng nhân dân - Ủy ban nhân dân") it is a separator
    between two names, spelled the way ``fix_dash_spacing`` spells separators.
    """
    table = load("abbreviations")["expansions"]
    for abbr in sorted(table, key=len, reverse=True):
        if abbr in ("TT", "CT", "CB", "CC"):  # ambiguous alone; only "TT." / in names below
            continue
        text = re.sub(rf"(?<![\w/]){re.escape(abbr)}(?![\w/])", "\x00" + table[abbr] + "\x01", text)
    text = re.sub(r"^TT\.?\s+(?=\S)", "Thường trực ", text)
    text = re.sub(r"(?<=\x01)-(?=[\w\x00])|(?<=[\w\x01])-(?=\x00)", " - ", text)
    return text.replace("\x00", "").replace("\x01", "")


def normalise_name(text: str) -> str:
    name = collapse_spaces(fix_dash_spacing(unify_tones(text)))
    name = expand_abbreviations(name).strip(" .;:,")
    return sentence_case_first(name)


def make_owner(text: str) -> Owner:
    name = normalise_name(text)
    return Owner(text, name, fold_diacritics(name))


# --- finding where an owner phrase ends in running text -------------------------------
@lru_cache(maxsize=4096)
def _pos_verbs(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the words tagged as verbs (``V``) in the spaCy ``Doc``.

    Cached: a document asks about the same heading or sentence several times
    (is it an owner heading? an assignment? an ``Owner: work`` line?), and a
    ``Doc`` costs tens of milliseconds."""
    from vanban.pipeline.nlp import make_doc
    return tuple((t.idx, t.idx + len(t.text)) for t in make_doc(text) if t.tag_ == "V")


def owner_phrase_end(text: str, use_pos: bool = True) -> int:
    """Offset in ``text`` where the leading owner phrase ends.

    ``text`` starts at the owner (after any trigger word).  Stops before a verb,
    before ``.;:`` and before a comma/``và`` that is not followed by another owner
    or a collective noun.
    """
    lex = _lex()
    low = text.lower()
    verb_spans = _pos_verbs(text) if use_pos else []
    n = len(text)
    # the opening owner noun is whole even when it holds a verb ("chủ đầu tư", "ban chỉ đạo")
    opening = _starts_with(low, lex["heads"])
    i = len(opening) if opening else 0
    names = [nm.lower() for nm in _names_with_commas()]
    while i < n:
        ch = text[i]
        known = next((nm for nm in names if low.startswith(nm, i)), None)
        if known:                                       # "Văn hóa, Thể thao và Du lịch"
            i += len(known)
            continue
        if ch in ".;:(\n":
            return i
        if ch == ",":
            if _continues_list(low[i + 1:].lstrip()):
                i += 1
                continue
            return i
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "-/&"):
            rest = low[i:]
            if i > 0 and _starts_with(rest, lex["modifiers"]):
                i += len(_starts_with(rest, lex["modifiers"]))
                continue
            if rest.startswith("và ") or rest.startswith("cùng "):
                after = rest.split(" ", 1)[1] if " " in rest else ""
                after_orig = text[i:].split(" ", 1)[1] if " " in text[i:] else ""
                if _starts_with(after, lex["heads"]) or after.split(" ")[0].strip(",") in lex["collective"] \
                        or after_orig[:1].isupper():
                    i += 3
                    continue
                return i
            verb, head = _starts_with(rest, lex["verbs"]), _starts_with(rest, lex["heads"])
            if i > 0 and text[i].islower() and verb and (head is None or len(verb) > len(head)):   # "tổ chức" ≠ "tổ"
                # "tổ chức" after "các" is a noun ("các tổ chức chính trị")
                prev_word = low[:i].split()[-1] if low[:i].split() else ""
                if not (prev_word in ("các", "những", "mọi") and rest.startswith("tổ chức")):
                    return i
            if i > 0 and text[i].islower():
                for s, e in verb_spans:
                    if s == i and not _starts_with(rest, lex["heads"]) and rest.split(" ")[0] not in lex["collective"] \
                            and " ".join(rest.split(" ")[:2]).strip(",") not in lex["collective"] \
                            and not _starts_with(rest, lex["modifiers"]):       # "đặc khu" is a place, not a verb
                        return i
        i += 1
    return n


def strip_trigger(text: str) -> tuple[str, str | None]:
    """``Đề nghị các ban …`` → (``các ban …``, ``đề nghị``)."""
    stripped = text.lstrip()
    low = stripped.lower()
    trig = _starts_with(low, _lex()["triggers"])
    if trig:
        return stripped[len(trig):].lstrip(), trig
    return stripped, None


# --- splitting an owner list ----------------------------------------------------------
def _split_and(piece: str) -> list[str]:
    """Split on ``và``/``cùng`` when an owner follows (not ``tiếp nhận và trả kết quả``)."""
    lex = _lex()
    out = [piece]
    while True:
        last = out[-1]
        m = None
        low = unify_tones(last).lower()
        for mm in re.finditer(r"\s+(?:và|cùng)\s+", last):
            after = last[mm.end():].lower()
            inside_name = any(low.find(n) != -1 and low.find(n) <= mm.start() < low.find(n) + len(n) for n in lex["fixed_names"])
            if _starts_with(after, lex["heads"]) and not inside_name:
                m = mm
                break
        if not m:
            return out
        out[-1:] = [last[:m.start()], last[m.end():]]


def _split_commas(piece: str) -> list[str]:
    lex = _lex()
    parts = [p.strip() for p in piece.split(",")]
    merged: list[str] = []
    for p in parts:
        if not p:
            continue
        first = p.split(" ")[0]
        two = " ".join(p.split(" ")[:2]).lower()
        head = _starts_with(p.lower(), lex["heads"])
        collective = two if two in lex["collective"] else (first if first in lex["collective"] else None)
        is_collective = first.islower() and collective is not None \
            and (head is None or head in lex["collective"] or len(collective) >= len(head))
        if merged and is_collective:
            merged[-1] = f"{merged[-1]}, {p}"
        else:
            merged.append(p)
    return merged


_BULLET = re.compile(r"(?:^|\s)[-–+•]\s+(?=\S)")
_PROTECT = "\u241f"          # stands in for a comma inside a known body name


@lru_cache(maxsize=1)
def _names_with_commas() -> list[str]:
    """Body names that contain a comma ("Văn hóa, Thể thao và Du lịch")."""
    names = [n for n in load("issuers")["ministry_names"] if "," in n]
    return sorted(names, key=len, reverse=True)


def split_owner_list(text: str, trim_verb_phrase: bool = True) -> list[str]:
    """Split an owner cell or label value into owner strings (source spelling kept).

    Separators: ``;``, bullets when the cell is a bulleted list (``- Sở A - Sở B``),
    ``phối hợp với``, ``và`` before another owner, and commas that do not continue
    a list of collective nouns.  Commas inside known body names are kept.
    """
    lex = _lex()
    text = collapse_spaces(text).strip(" .;:")
    if not text:
        return []
    for name in _names_with_commas():
        text = re.sub(re.escape(name), name.replace(",", _PROTECT), text, flags=re.I)
    if re.match(r"^[-–+•]\s", text):                  # a bulleted list in one cell
        text = "; ".join(p for p in _BULLET.split(text) if p.strip())
    chunks = [c for c in re.split(r"\s*;\s*", text) if c.strip()]
    out: list[str] = []
    for chunk in chunks:
        low = chunk.lower()
        pieces = [chunk]
        for sep in lex["split_before"]:
            idx = low.find(" " + sep + " ")
            if idx > 0:
                pieces = [chunk[:idx], chunk[idx + len(sep) + 2:]]
                break
        for piece in pieces:
            if trim_verb_phrase:
                piece = piece[:owner_phrase_end(piece + " ", use_pos=False)] if piece else piece
            for sub in _split_and(piece):
                out.extend(_split_commas(sub))
    return [o.strip(" .;:,").replace(_PROTECT, ",") for o in out if o.strip(" .;:,")]


# --- what can be an owner --------------------------------------------------------------
_ID_NUMBER = re.compile(r"^[\(\[]?\s*(?:\d+|[IVXLC]+)\s*[\)\].]?$|\d+\s*/\s*\S*[A-ZĐ]")   # "(2)", "III.", "43/KH-UBND"


@lru_cache(maxsize=1)
def _not_owner() -> dict:
    data = load("owners")["not_owner"]
    return {"connectives": sorted(data["connectives"], key=len, reverse=True),
            "section_words": sorted(data["section_words"], key=len, reverse=True),
            "bare_generic": set(data["bare_generic"]), "dangling": set(data["dangling"])}


def is_owner_name(text: str) -> bool:
    """True when ``text`` can name an owner: a body, a position or a named person.

    Never a connective opening a condition ("Trường hợp …", "Đối với …"), a
    section word ("Điều 5", "Phụ lục"), a generic noun standing alone ("Cơ quan",
    "Đơn vị", "Người" — normative texts are full of them as subjects of rules),
    an ID or item number ("(2)", "43/KH-UBND"), or text without letters.  The
    words are data (``owners.json``: ``not_owner``)."""
    table = _not_owner()
    stripped = collapse_spaces(text or "").strip(" .,;:-–()[]\"'“”")
    if not any(ch.isalpha() for ch in stripped) or _ID_NUMBER.search(stripped):
        return False
    low = unify_tones(stripped).lower()
    if low in table["bare_generic"] or low.rsplit(" ", 1)[-1] in table["dangling"]:
        return False                          # "Cơ quan"; "Các phòng chuyên môn và" (cut before a verb)
    return not (_starts_with(low, table["connectives"]) or _starts_with(low, table["section_words"]))


def names_a_body(text: str) -> bool:
    """True when ``text`` names a particular body or office ("Cục Hóa chất", "Ủy ban nhân
    dân cấp tỉnh", "Bộ trưởng Bộ Công Thương"), not a class of actors a rule speaks of
    ("Cơ quan thuế", "Người mua", "Tổ chức, cá nhân …", "Các đơn vị"): its first word is
    not one of the generic nouns of ``not_owner.bare_generic``."""
    if not is_owner_name(text):
        return False
    low = unify_tones(collapse_spaces(text)).strip().lower()
    return _starts_with(low, sorted(_not_owner()["bare_generic"], key=len, reverse=True)) is None

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
from dataclasses import dataclass, field
from functools import lru_cache

from vanban.pipeline.textnorm import (collapse_spaces, fix_dash_spacing, fold_chars, fold_diacritics, sentence_case_first,
                                      unify_tones)

from .alternation import trie_pattern
from .lexicon import charclass
from .spans import Span
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
        "compound_nouns": data.get("compound_nouns", []),
        "bare_positions": set(data.get("bare_positions", [])),
        "abbreviated_tiers": set(data["abbreviated_tiers"]),
        "not_heads": sorted(data["not_heads"], key=len, reverse=True),
    }


_BY_FIRST_CHAR: dict[int, tuple[list[str], dict[str, list[str]]]] = {}


def _by_first_char(phrases: list[str]) -> dict[str, list[str]]:
    """The lexicon list's phrases by first character, each bucket in the list's
    order (longest first), built once per list: a phrase can only open a text
    that starts with its first character, and the lists hold hundreds."""
    got = _BY_FIRST_CHAR.get(id(phrases))
    if got is None or got[0] is not phrases:
        index: dict[str, list[str]] = {}
        for p in phrases:
            index.setdefault(p[:1], []).append(p)
        got = _BY_FIRST_CHAR[id(phrases)] = (phrases, index)
    return got[1]


def _starts_with(text_low: str, phrases: list[str]) -> str | None:
    """The first of ``phrases`` that ``text_low`` starts with as whole words."""
    for p in _by_first_char(phrases).get(text_low[:1], ()):
        if text_low.startswith(p) and (len(text_low) == len(p) or not text_low[len(p)].isalnum()):
            return p
    return None


def starts_with_owner_head(text: str) -> bool:
    """True when ``text`` opens with an owner noun ("Sở …", "Các ban …") and not
    with a verb that merely starts like one ("Ban hành …" is not "Ban …")."""
    lex = _lex()
    low = text.strip().lower()
    head = _starts_with(low, lex["heads"]) or _folded_head(low)         # "Giám độc" (OCR) is "Giám đốc"
    verb = _starts_with(low, lex["verbs"])
    other_noun = _starts_with(unify_tones(low), lex["not_heads"])            # "Hội nghị" is no "Hội"
    if head is None or any(w is not None and len(w) > len(head) for w in (verb, other_noun)):
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
    return bool(_starts_with(rest, lex["heads"]) or _folded_head(rest)) or first in lex["collective"] \
        or two in lex["collective"]


def _abbreviated_tier(before: str, rest: str) -> bool:
    """"thành, thị" in "UBND các huyện, thành, thị xây dựng …": a shortened tier word standing
    alone as a piece of a list of tiers (``before`` ends with a tier word and a comma) —
    followed by a comma, "và", a verb or nothing, not by the rest of a noun ("thành viên")."""
    tiers = _lex()["abbreviated_tiers"] | set(load("places")["unit_words"])
    if not re.search(r"(?:^|\s)(?:" + "|".join(sorted(tiers, key=len, reverse=True)) + r")\s*,\s*$", before.lower()):
        return False
    m = re.match(r"(\w+)(?:\s*,|\s*$|\s+và\b|\s+(?P<next>\S))", rest)
    if m is None or m.group(1).lower() not in _lex()["abbreviated_tiers"]:
        return False
    return m.group("next") is None or _starts_with(rest[m.start("next"):].lower(), _lex()["verbs"]) is not None


@lru_cache(maxsize=1)
def _folded_heads() -> list[str]:
    """Owner nouns of two words or more, folded, so that OCR damage to their marks
    ("Giám độc" read for "Giám đốc") does not end a list of owners; one-word nouns
    fold onto other words ("bộ"/"bố", "sở"/"số") and are left out."""
    lex = _lex()
    verbs = {fold_diacritics(v) for v in lex["verbs"]}
    heads = {fold_diacritics(h) for h in lex["heads"] if " " in h.strip()} - verbs
    return sorted(heads, key=len, reverse=True)


def _folded_head(text_low: str) -> str | None:
    """A head of :func:`_folded_heads` opening ``text_low`` (same length as in the text)."""
    return _starts_with(fold_chars(text_low), _folded_heads())


@dataclass(frozen=True)
class Owner:
    text: str          # as shown in the source (trimmed)
    name: str          # normalised: tones unified, dashes spaced, abbreviations expanded
    key: str           # diacritic-free comparison key of ``name``
    span: Span | None = field(default=None, compare=False)   # where ``text`` was printed (see .spans)

    def as_dict(self) -> dict:
        out = {"text": self.text, "name": self.name, "key": self.key}
        if self.span is not None:
            out["span"] = self.span.as_dict()
        return out


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
    """Character spans of the words tagged as verbs (``V``) by underthesea.

    Cached: a document asks about the same heading or sentence several times
    (is it an owner heading? an assignment? an ``Owner: work`` line?), and
    tagging costs milliseconds."""
    from vanban.pipeline.nlp import verb_spans
    return verb_spans(text)


def _name_atoms(name: str) -> tuple[str, ...]:
    """A folded body name as pattern atoms: escaped words and what stands between them,
    any spacing, any dash, a comma with or without spaces (or the ``_PROTECT`` mark that
    stands in for it inside a split list)."""
    atoms: list[str] = []
    for w in re.split(r"\s*([-–—,])\s*|\s+", fold_diacritics(name).strip()):
        if not w:
            continue
        atom = r"\s*[-–—]\s*" if w in "-–—" else r"\s*[,\u241f]\s*" if w == "," else re.escape(w)
        if atoms and not atom.startswith(r"\s*") and not atoms[-1].endswith(r"\s*"):
            atoms.append(r"\s+")
        atoms.append(atom)
    return tuple(atoms)


def _name_pattern(name: str) -> str:
    """A folded body name as a pattern (see :func:`_name_atoms`)."""
    return "".join(_name_atoms(name))


@lru_cache(maxsize=1)
def _body_names_re() -> re.Pattern:
    """The closed table of body names that hold verb-like words (``owners.json``:
    ``body_names``), folded: each department name after each department head
    ("Sở" + "Giao thông vận tải"), the ministry names of ``issuers.json``, and whole
    names ("Cục Cảnh sát điều tra tội phạm về ma túy").  Longest first.  A tier word
    right after the name belongs to it ("Công an tỉnh", read "Công an tính" by OCR:
    "tính" is a verb to the tagger).  The names are written as a trie (:mod:`.alternation`):
    the matches of a flat alternation, longest first, in half the compile time."""
    return re.compile(r"(?<!\w)(?:" + trie_pattern(_name_atoms(n) for n in body_names()) + r")(?:\s+(?:"
                      + "|".join(_level_patterns()) + r"))?(?!\w)")


def body_names() -> set[str]:
    """The names :func:`_body_names_re` knows: each department head before each department name, and whole names."""
    table = load("owners")["body_names"]
    return {f"{head} {dep}" for head in table["department_heads"] for dep in _department_names()} | set(table["bodies"])


def _level_patterns() -> list[str]:
    """The tier words that may follow a body name ("tỉnh", "huyện"), longest first."""
    return sorted({_name_pattern(lv) for lv in load("owners")["body_names"]["levels"]}, key=len, reverse=True)


def _department_names() -> list[str]:
    """What follows a department head: the ministry names of ``issuers.json`` and the
    ``departments`` of ``owners.json`` body_names ("Công Thương", "Giao thông vận tải")."""
    return list(load("issuers")["ministry_names"]) + list(load("owners")["body_names"]["departments"])


@lru_cache(maxsize=1)
def _department_names_re() -> re.Pattern:
    """One department name (:func:`_department_names`), folded."""
    patterns = sorted({_name_pattern(n) for n in _department_names()}, key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(patterns) + r")(?!\w)")


_CLASS_LABEL = re.compile(r"^\s*(?:cac\s+)?(?P<head>bo|so)\s*$")


def distributed_names(label: str, rest: str) -> tuple[list[str], int] | None:
    """"Các Bộ: Công Thương, Khoa học và Công nghệ, …, Y tế nghiên cứu …": a plural head
    over a list of department names gives one owner per name ("Bộ Công Thương", …), and
    where the list ends (the work starts) in ``rest``.  Names are the closed table of
    department names, so "Văn hóa, Thể thao và Du lịch" stays one."""
    m = _CLASS_LABEL.match(fold_diacritics(label))
    if m is None:
        return None
    head = "Bộ" if m.group("head") == "bo" else "Sở"
    folded, names, at = fold_chars(rest), [], 0
    while True:
        gap = re.match(r"\s*(?:,|\bva\b)?\s*", folded[at:]) if names else re.match(r"\s*", folded[at:])
        found = _department_names_re().match(folded, at + gap.end())
        if found is None:
            break
        names.append(f"{head} {rest[found.start():found.end()]}")
        at = found.end()
    return (names, at) if len(names) >= 2 else None


@lru_cache(maxsize=1)
def _defined_name_re() -> re.Pattern:
    return re.compile(load("owners")["defined_name"], re.I)


_DEFINED_REACH = 400      # a defined list of bodies is never longer than this


def defined_owner_names(text: str) -> tuple[list[tuple[int, int]], int] | None:
    """The names a document gives the bodies it asks, where ``text`` opens with them:
    "các bộ, cơ quan chủ dự án … (gọi là chủ dự án thành phần), các bộ, cơ quan trung
    ương và UBND cấp tỉnh được … giao … (gọi là cơ quan chủ quản Chương trình) phối hợp …"
    → the spans of "chủ dự án thành phần" and "cơ quan chủ quản Chương trình" in
    ``text``, and where the defined list ends.  The document then speaks of them by
    those names ("5. Chủ dự án thành phần:"), so they are the owners, not the first
    words of the long phrases they stand for.  Each defined phrase opens with an owner
    noun, and no sentence or clause ends (``.;:``) before its definition."""
    names: list[tuple[int, int]] = []
    at = 0
    while True:
        opening = re.match(r"[\s,]*(?:(?:và|cùng)\s+)?" if names else r"\s*", text[at:])
        start = at + opening.end()
        if not starts_with_owner_head(text[start:]):
            break
        m = _defined_name_re().search(text, start, start + _DEFINED_REACH)
        if m is None or re.search(r"[.;:()]", text[start:m.start()]) or not starts_with_owner_head(m.group("name")):
            break
        names.append(m.span("name"))
        at = m.end()
    return (names, at) if names else None


@lru_cache(maxsize=1)
def _distributed_places_re() -> re.Pattern:
    """"UBND tỉnh Điện Biên, Nghệ An và Tây Ninh": one body of a singular tier followed by
    more place names (capitalised, no owner noun), the last after "và"."""
    caps, lower = charclass("capitals"), charclass("lower")
    name = rf"[{caps}][{lower}]*(?:(?:\s*-\s*|\s+)[{caps}][{lower}]*){{0,3}}"
    units = "|".join(sorted(load("places")["unit_words"], key=len, reverse=True))
    return re.compile(rf"(?P<body>[^,;:.()]*?(?<!các\s)(?<!những\s)\b(?:{units}))\s+(?P<names>{name}"
                      rf"(?:\s*,\s*{name})*\s*,?\s+và\s+{name})(?![\w-])")


def distributed_places(text: str) -> tuple[list[str], int] | None:
    """"UBND tỉnh Điện Biên, Nghệ An và Tây Ninh …" → (["UBND tỉnh Điện Biên", "UBND tỉnh
    Nghệ An", "UBND tỉnh Tây Ninh"], where the names end): a body of one province, district
    or commune named with several places is one body per place.  A plural tier ("các
    huyện: A, B") stays one owner, the class it enumerates; a piece that opens with an
    owner noun ("…, Sở Y tế") is another owner, not a place."""
    m = _distributed_places_re().match(text)
    if m is None or not starts_with_owner_head(m.group("body").strip()):
        return None
    places = [p.strip() for p in re.split(r"\s*,\s*(?:và\s+)?|\s+và\s+", m.group("names")) if p.strip()]
    head_like = set(load("places")["head_like_syllables"])
    if len(places) < 2 or any(starts_with_owner_head(p) and p.split()[0] not in head_like for p in places):
        return None
    body = m.group("body").strip()
    return [f"{body} {p}" for p in places], m.end()


def known_body_end(folded: str, at: int) -> int:
    """End of a known body name starting at ``at`` in ``folded`` (see :func:`fold_chars`), or 0."""
    m = _body_names_re().match(folded, at)
    return m.end() if m else 0


def known_body_spans(text: str) -> list[tuple[int, int]]:
    """Where known body names stand in ``text`` (offsets into ``text``)."""
    return [m.span() for m in _body_names_re().finditer(fold_chars(text))]


@lru_cache(maxsize=1)
def _compound_nouns() -> frozenset[str]:
    return frozenset(fold_diacritics(c) for c in _lex()["compound_nouns"])


@lru_cache(maxsize=1)
def _folded_verbs() -> list[str]:
    """The verbs of two words or more, folded, so that OCR damage to their marks does
    not hide them ("chú trì" read for "chủ trì"); one-word verbs fold onto nouns
    ("giao"/"giáo", "bán"/"ban") and are left out, as is any fold that is also an
    owner word or a modifier."""
    lex = _lex()
    taken = {fold_diacritics(w) for w in lex["heads"] + lex["modifiers"] + sorted(lex["collective"])}
    verbs = {fold_diacritics(v) for v in lex["verbs"] if " " in v.strip()} - taken
    return sorted(verbs, key=len, reverse=True)


def _folded_verb_at(text: str, folded: str, i: int) -> str | None:
    """A verb of :func:`_folded_verbs` at ``i``, written in lower case ("phần Công nghệ"
    folds like "phân công" but a capital opens a name)."""
    verb = _starts_with(folded[i:], _folded_verbs())
    return verb if verb and text[i:i + len(verb)].islower() else None


def _inside_compound_noun(low: str, i: int) -> bool:
    """True when the word at ``i`` is the second syllable of a compound noun whose
    second syllable is also a verb ("chương trình", "công trình")."""
    before = low[:i].split()
    if not before:
        return False
    word = re.match(r"\w+", low[i:])
    return word is not None and fold_diacritics(f"{before[-1]} {word.group(0)}") in _compound_nouns()


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
    folded = fold_chars(text)
    whole = known_body_end(folded, 0)               # "Sở Giao thông vận tải", "Cục Cảnh sát điều tra …"
    opening = _starts_with(low, lex["heads"])
    i = whole or (len(opening) if opening else 0)
    places = distributed_places(text)
    if places is not None:                          # "UBND tỉnh Điện Biên, Nghệ An và Tây Ninh"
        i = max(i, places[1])
    while i < n:
        ch = text[i]
        if i > 0 and not text[i - 1].isalnum():
            known = known_body_end(folded, i)
            if known:                                   # "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"
                i = known
                continue
        if ch in ".;:(\n":
            return i
        if ch == ",":
            after = low[i + 1:].lstrip()
            if _abbreviated_tier(low[:i + 1], after):       # "UBND các huyện, thành, thị"
                i = n - len(after) + len(after.split(" ")[0].rstrip(","))
                continue
            if _continues_list(after):
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
                if _starts_with(after, lex["heads"]) or _folded_head(after) \
                        or after.split(" ")[0].strip(",") in lex["collective"] \
                        or after_orig[:1].isupper():
                    i += 3
                    continue
                return i
            if _inside_compound_noun(low, i):            # "Chương trình" is a noun, "trình" a verb
                i += 1
                continue
            verb, head = _starts_with(rest, lex["verbs"]) or _folded_verb_at(text, folded, i), \
                _starts_with(rest, lex["heads"]) or _folded_head(rest)
            if i > 0 and text[i].islower() and verb and (head is None or len(verb) > len(head)):   # "tổ chức" ≠ "tổ"
                # "tổ chức" after "các" is a noun ("các tổ chức chính trị"), so it is after a
                # list comma ("Các cấp ủy, tổ chức, cơ quan đảng")
                prev_word = low[:i].split()[-1] if low[:i].split() else ""
                after_list_comma = low[:i].rstrip().endswith(",")
                if not ((prev_word in ("các", "những", "mọi") or after_list_comma) and rest.startswith("tổ chức")):
                    return i
            if i > 0 and text[i].islower():
                for s, e in verb_spans:
                    if s == i and not head and rest.split(" ")[0] not in lex["collective"] \
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
            if (_starts_with(after, lex["heads"]) or _folded_head(after)) and not inside_name:
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
        if merged and (is_collective or _is_bare_position(merged[-1]) or _abbreviated_tier(merged[-1] + ",", p)):
            merged[-1] = f"{merged[-1]}, {p}"
        else:
            merged.append(p)
    return merged


def _is_bare_position(piece: str) -> bool:
    """A title that names no body on its own ("Bộ trưởng", "Thủ trưởng"): in a comma
    list it shares the body of the piece after it ("Bộ trưởng, Thủ trưởng cơ quan
    ngang bộ" is one owner: the heads of the ministries and ministry-level bodies)."""
    return unify_tones(piece).strip().lower() in _lex()["bare_positions"]


_BULLET = re.compile(r"(?:^|\s)[-–+•]\s+(?=\S)")
_PROTECT = "\u241f"          # stands in for a comma inside a known body name


def _protect_commas_in_names(text: str) -> str:
    """Commas inside known body names ("Sở Văn hóa, Thể thao và Du lịch") stand in
    as ``_PROTECT`` so that they do not split the list; bare ministry names too."""
    chars = list(text)
    folded = fold_chars(text)
    spans = known_body_spans(text) + [m.span() for m in _bare_names_with_commas_re().finditer(folded)]
    for start, end in spans:
        for k in range(start, end):
            if chars[k] == ",":
                chars[k] = _PROTECT
    return "".join(chars)


@lru_cache(maxsize=1)
def _bare_names_with_commas_re() -> re.Pattern:
    """Ministry names that contain a comma ("Văn hóa, Thể thao và Du lịch"), folded, without their head."""
    names = [n for n in load("issuers")["ministry_names"] if "," in n]
    return re.compile(r"(?<!\w)(?:" + "|".join(_name_pattern(n) for n in names) + r")(?!\w)")


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
    text = _protect_commas_in_names(text)
    if re.match(r"^[-–+•]\s", text):                  # a bulleted list in one cell
        text = "; ".join(p for p in _BULLET.split(text) if p.strip())
    chunks = [c for c in re.split(r"\s*;\s*", text) if c.strip()]
    out: list[str] = []
    for chunk in chunks:
        places = distributed_places(chunk)
        if places is not None and not chunk[places[1]:].strip(" .,"):
            out.extend(places[0])                     # one body per place
            continue
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
            "bare_generic": set(data["bare_generic"]), "dangling": set(data["dangling"]),
            "bare_generic_longest_first": sorted(data["bare_generic"], key=len, reverse=True)}


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
    return _starts_with(low, _not_owner()["bare_generic_longest_first"]) is None

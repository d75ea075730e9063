"""Detect and convert pre-Unicode Vietnamese text (TCVN3/ABC and VNI).

Documents typed in ``.VnTime`` or ``VNI-Times`` fonts reach us as mojibake:
the 8-bit codes of the legacy font read as Windows-1252 (``Uû ban nh©n d©n``).
Both encodings are table-driven (``data/legacy_encodings.json``); conversion is a
greedy longest-match over the table.  Detection does not trust a single
character: it converts with every table and keeps the candidate in which the
most common Vietnamese words appear, and only when that beats the text as it is.

When the reader knows each run's font (DOCX, XLSX, PPTX and — through
LibreOffice — DOC, RTF, XLS, PPT; PDF characters' ``fontname``), the font
decides first: :func:`font_info` maps a font name to its encoding by the
``_fonts`` rules of the data file, :func:`decode_run` decodes the run (TCVN3
``ư`` arriving as a soft hyphen included) and checks the bytes against the
other table (:func:`malformed`).  Whole-document detection
(``readers/legacy_blocks.convert_legacy_blocks``) handles what fonts did not
say.  Measured with ``scripts/bench_legacy.py`` on /work/shared/legacy.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from functools import lru_cache
from importlib import resources

from .textnorm import nfc

# Frequent Vietnamese words; a text "reads as Vietnamese" when they occur.
_COMMON_WORDS = (
    "của và các được năm ngày tháng trong những người việt nam thực hiện với cho "
    "theo về có không là này đã để một số công tác ban nhân dân quyết định kế hoạch "
    "xã tỉnh huyện phòng chủ tịch ủy điều khoản nội dung tổ chức đơn vị"
).split()
_WORD_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def _tables() -> dict[str, dict[str, str]]:
    raw = json.loads(resources.files("vanban.pipeline").joinpath("data/legacy_encodings.json").read_text("utf-8"))
    return {name: table for name, table in raw.items() if not name.startswith("_")}


@lru_cache(maxsize=None)
def _decode_table(encoding: str) -> dict[str, str]:
    """The table used for decoding: for VNI also the mixed-case pairs a typist
    makes with Shift on the letter only (``Uû`` → Ủ, ``aÙ`` → á): the base
    letter's case decides."""
    table = dict(_tables()[encoding])
    if encoding == "vni":
        for key, value in list(table.items()):
            if len(key) >= 2 and key[0].isalpha() and key[0].isascii():
                marks = key[1:]
                for variant in (key[0].upper() + marks.lower(), key[0].upper() + marks.upper(),
                                key[0].lower() + marks.lower(), key[0].lower() + marks.upper()):
                    want = value.upper() if variant[0].isupper() else value.lower()
                    table.setdefault(variant, want)
    return table


def convert(text: str, encoding: str) -> str:
    """Convert ``text`` (legacy codes read as cp1252) from ``encoding`` to NFC Unicode.

    TCVN3 has no codes for capital toned letters: capitals are set in a second
    font (``.VnTimeH``) with the lower-case codes, and plain text loses the font.
    :func:`recase` restores what the text itself shows: lines typed in capitals
    and the first letter of each line and sentence.
    """
    return recase(_convert(text, encoding)) if encoding == "tcvn3" else _convert(text, encoding)


def _convert(text: str, encoding: str) -> str:
    table = _decode_table(encoding)
    if encoding == "tcvn3" and "\u0110" in text:
        # TCVN3 has its Đ at 0xA7; a U+0110 in TCVN3 text is the eth Ð (0xD0, é)
        # that text cleaning mistook for a look-alike Đ
        text = text.replace("\u0110", "\u00d0")
    longest = max(len(k) for k in table)
    out: list[str] = []
    i = 0
    while i < len(text):
        for width in range(longest, 0, -1):
            chunk = text[i:i + width]
            if chunk in table:
                out.append(table[chunk])
                i += width
                break
        else:
            out.append(text[i])
            i += 1
    return nfc("".join(out))


def encode(text: str, encoding: str) -> str:
    """The inverse mapping: Unicode → legacy codes (for tests and sample making).

    A capital toned letter has no TCVN3 code; like a ``.VnTimeH`` document it is
    written with the lower-case code.
    """
    table = _tables()[encoding]
    inverse = {v: k for k, v in sorted(table.items(), key=lambda kv: -len(kv[0]))}
    out = []
    for ch in nfc(text):
        if ch in inverse:
            out.append(inverse[ch])
        elif ch.lower() in inverse and encoding == "tcvn3":
            out.append(inverse[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


# a letter that starts a line, a sentence, a bullet or a numbered item — but not
# the item label itself ("b) …")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|^\s*[-–•+*]\s*|^\s*\**\s*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s+)([^\W\d_])(?![).])", re.M)


def recase(text: str) -> str:
    """Upper-case lines typed in capitals; capitalise line and sentence starts."""
    lines = []
    for line in text.split("\n"):
        ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 3 and all(c.isupper() for c in ascii_letters):
            line = line.upper()
        lines.append(line)
    text = "\n".join(lines)
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def vietnamese_score(text: str) -> float:
    """Share of words that are common Vietnamese words (0..1)."""
    words = _WORD_RE.findall(text.lower())
    if not words:
        return 0.0
    common = set(_COMMON_WORDS)
    return sum(w in common for w in words) / len(words)


def detect(text: str) -> str | None:
    """Name of the legacy encoding ``text`` is in, or None when it is already Unicode."""
    sample = text[:20000]
    base = vietnamese_score(nfc(sample))      # conversion normalises; so must the baseline
    best, best_score = None, base
    for name in _tables():
        score = vietnamese_score(_convert(sample, name))
        if score > best_score + 0.05:
            best, best_score = name, score
    return best


@lru_cache(maxsize=None)
def _font_rules() -> tuple[list[tuple[re.Pattern, str]], re.Pattern]:
    raw = json.loads(resources.files("vanban.pipeline").joinpath("data/legacy_encodings.json").read_text("utf-8"))["_fonts"]
    return [(re.compile(p), enc) for p, enc in raw["rules"]], re.compile(raw["capitals"])


_SUBSET = re.compile(r"^[A-Z]{6}\+")
_NOTE = re.compile(r"\s*\([^)]*\)\s*$")
_STYLE = re.compile(r"(?i)(?:[\s,_-]*(?:bold|italic|oblique|regular|semibold|demibold|psmt|mt)|[,-](?:roman|normal))+$")


def font_family(font: str) -> str:
    """A font name without PDF subset prefix, ``(Ds)``-style notes and style suffixes."""
    name = _SUBSET.sub("", font.strip()).split(";")[0].strip()
    name = _NOTE.sub("", name)
    stripped = _STYLE.sub("", name).strip()
    return stripped or name


@lru_cache(maxsize=4096)
def font_info(font: str | None) -> tuple[str, bool] | None:
    """``(encoding, capitals)`` a font name implies, or None for a Unicode font.

    ``.VnTime`` → ("tcvn3", False); ``.VnTimeH``, ``ABCDEE+.VnTimeH,Bold``,
    ``VnTimeHBold`` → ("tcvn3", True) — a TCVN3 capitals font; ``VNI-Times`` →
    ("vni", False).  The rules live in ``data/legacy_encodings.json`` (``_fonts``).
    """
    if not font or not font.strip():
        return None
    family = font_family(font)
    rules, capitals = _font_rules()
    for pattern, enc in rules:
        if pattern.search(family):
            return enc, enc == "tcvn3" and bool(capitals.search(family))
    return None


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies (``.VnTime``/``.VnTimeH`` → tcvn3,
    ``VNI-Times`` → vni), or None for a Unicode font."""
    info = font_info(font)
    return info[0] if info else None


def is_capitals_font(font: str | None) -> bool:
    """Whether ``font`` is a TCVN3 capitals font (``.VnTimeH``, ``.VnArialH``…)."""
    info = font_info(font)
    return bool(info and info[1])


# Vietnamese letters a legacy 8-bit text can never contain (read as cp1252, its
# codes stay within Latin-1 and the cp1252 punctuation): their presence shows
# the text is already Unicode, whatever font it is set in.
# (Đ đ are left out: text cleaning turns the look-alike eth Ð — TCVN3's é —
# into Đ before the whole-document conversion sees it)
_UNICODE_ONLY = re.compile("[ăơưĂƠƯĩũĨŨ\u1ea0-\u1ef9]")


def looks_unicode(text: str) -> bool:
    """True when ``text`` holds Vietnamese letters no legacy code reads as."""
    return bool(_UNICODE_ONLY.search(text))


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_LEFTOVER = re.compile("[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
                       "\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]")


# a plain vowel followed by the same vowel with a mark (``aà``, ``oỏ``): VNI's
# letter-then-mark codes read as TCVN3; Vietnamese never writes it
_DOUBLED_VOWEL = re.compile("(?i)a[àáảãạâầấẩẫậăằắẳẵặ]|e[èéẻẽẹêềếểễệ]|o[òóỏõọôồốổỗộơờớởỡợ]|u[ùúủũụưừứửữự]|y[ỳýỷỹỵ]|i[ìíỉĩị]")


# Vietnamese syllable shape, for telling a decoded word from garbage: onset,
# vowel nucleus (letters with their ă â ê ô ơ ư quality, tone removed), coda.
_VOWEL_QUALITIES = set("aăâeêioôơuưy")
_ONSETS = {"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
           "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"}
_CODAS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
_OPEN_NUCLEI = {"ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu",
                "ưa", "ua", "uơ", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "iêu", "yêu", "uya", "uyu"}
_NUCLEI = _VOWEL_QUALITIES | _OPEN_NUCLEI | {"oa", "oă", "oe", "oo", "uâ", "uê", "uô", "ươ", "uy", "iê", "yê", "uyê"}


def _quality(ch: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", ch) if c not in _TONES))


def _bad_syllable(word: str) -> bool:
    """A word with Vietnamese marks that no Vietnamese syllable spells
    (``Teõn``, ``hieọu``, ``nhaừn``: VNI's letter-then-mark codes read as TCVN3).
    Words without marks, or with anything but letters inside, are not judged."""
    w = word.strip(".,;:!?()[]{}\"'“”‘’…-–—/")
    if not w or not w.isalpha() or w.isupper() or not any(has_mark(c) for c in w):
        return False                      # abbreviations (QĐ, HĐND) are capitals
    w = w.lower()
    q = [_quality(c) for c in w]
    i = 0
    while i < len(q) and q[i] not in _VOWEL_QUALITIES:
        i += 1
    onset = "".join(q[:i])
    if onset == "g" and q[i:i + 1] == ["i"] and i + 1 < len(q) and q[i + 1] in _VOWEL_QUALITIES:
        onset, i = "gi", i + 1
    elif onset == "q" and q[i:i + 1] == ["u"]:
        onset, i = "qu", i + 1
    j = i
    while j < len(q) and q[j] in _VOWEL_QUALITIES:
        j += 1
    nucleus, coda = "".join(q[i:j]), "".join(q[j:])
    if onset not in _ONSETS or coda not in _CODAS:
        return True
    if not nucleus and onset != "gi":
        return False                      # no vowel: a symbol or abbreviation (đ, đng)
    return nucleus not in _NUCLEI or (bool(coda) and nucleus in _OPEN_NUCLEI)


def has_mark(ch: str) -> bool:
    return ch in "đĐ" or any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch))


def malformed(text: str, shapes: bool = True) -> int:
    """How many words of a converted text cannot be Vietnamese: two tone marks
    in one word (``ủieọn``), a vowel doubled with a mark (``Phaàn``) or any
    other spelling no syllable has (``Teõn``, ``hieọu``) — VNI bytes read as
    TCVN3 — or a legacy code left unconverted (``nh©n``, TCVN3 bytes read as
    VNI).  ``shapes=False`` leaves out the syllable-shape test."""
    n = 0
    for word in text.split():
        if _LEFTOVER.search(word):
            n += 1
            continue
        decomposed = unicodedata.normalize("NFD", word)
        if sum(c in _TONES for c in decomposed) > 1 or _DOUBLED_VOWEL.search(word) or (shapes and _bad_syllable(word)):
            n += 1
    return n


# Whether a TCVN3 capitals font (.VnTimeH) upper-cases its run.  Off: the
# hand-checked transcripts of /work/shared/legacy keep such runs in the case
# their codes spell (``Chính phủ`` set in .VnTimeH), and the measure is
# case-exact — measured on the 29 .doc/.rtf files, upper-casing costs
# 0.987 → 0.953 mean diacritic accuracy.  The font still tells
# (:func:`is_capitals_font`); a caller wanting what the page shows can set this.
CAPITALS = False

# A PDF that names a legacy font's glyphs by a standard encoding reports two
# TCVN3 codes as other characters: 0xAD (ư) as U+2212 minus, 0xB7 (ã) as
# U+2219 bullet operator.  Inside a run the font declares legacy they are those codes.
_GLYPH_NAME_CODES = {0x2212: "\u00ad", 0x2219: "\u00b7"}


_decoded = threading.local()


def _caps_typed(raw: str) -> bool:
    letters = [c for c in raw if c.isascii() and c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _typed_capitals(raw: str, decoded: str) -> str:
    """Capitals the typist meant: a legacy keyboard has no capital toned letters
    in the normal font, so ``THµNH LËP`` is typed with Shift and the lower-case
    codes.  A run whose ASCII letters (two or more) are all capitals is upper-cased
    whole; otherwise each such word is (``THµNH LËP Vµ`` → ``THÀNH LẬP Và``).
    This is also how the legacy transcripts read (measured +0.001 on the .doc set)."""
    if _caps_typed(raw):
        return decoded.upper()
    raw_words, words = raw.split(" "), decoded.split(" ")
    if len(raw_words) != len(words):
        return decoded
    return " ".join(w.upper() if _caps_typed(r) else w for r, w in zip(raw_words, words))


def take_decoded() -> set[str]:
    """The encodings :func:`decode_run` has decoded in this thread since the last
    call (readers ask once per document, in ``convert_legacy_blocks``)."""
    got = getattr(_decoded, "encodings", None) or set()
    _decoded.encodings = set()
    return got


def decode_run(text: str, font: str | None, typed_capitals: bool = True) -> str | None:
    """Unicode for a run of text set in ``font``, or None when the font says nothing.

    Office readers (DOCX, XLSX, PPTX — and so DOC, RTF, XLS, PPT after
    LibreOffice) and the PDF reader (per character or word, with pdfplumber's
    ``fontname``) call this for every run with its font name: a
    ``.VnTimeH``-style font holds TCVN3 capitals under lower-case codes, which
    only the font tells.  A TCVN3 ``ư`` (byte 0xAD) arrives as U+00AD (Word's
    soft hyphen) and must be passed in, not dropped.  Returning None leaves the
    run to the whole-document detection of :func:`to_unicode` /
    ``convert_legacy_blocks``: a Unicode font, or a legacy-named font whose
    text is already Unicode (templates that declare ``.VnTime`` and hold
    Unicode).  ``typed_capitals``: see :func:`_typed_capitals` (on the XLS files
    of the legacy set it is neutral: 0.9847 on, 0.9844 off).
    """
    info = font_info(font)
    if info is None or not text:
        return None
    if looks_unicode(text):
        return _decode_mixed(text, font, typed_capitals)
    enc, capitals = info
    text = text.translate(_GLYPH_NAME_CODES)
    out = _convert(text, enc)
    # a legacy font name is a strong hint, not proof: some documents hold VNI
    # text in a font named for TCVN3 (and back); when the other table reads
    # the run as clearly better-formed Vietnamese, the bytes win over the name
    other = "vni" if enc == "tcvn3" else "tcvn3"
    bad = malformed(out)
    if bad:
        alt = _convert(text, other)
        # a lone misshapen word may be a typo: the syllable shape alone needs two
        # words, or VNI's sign that it read letter + mark pairs (a shorter text)
        if malformed(alt) * 2 < bad and (bad > 1 or malformed(out, shapes=False) or
                                         (other == "vni" and len(alt) < len(out))):
            enc, out = other, alt
    if typed_capitals:
        out = _typed_capitals(text, out)
    if out != text:
        if getattr(_decoded, "encodings", None) is None:
            _decoded.encodings = set()
        _decoded.encodings.add(enc)
    return out.upper() if capitals and enc == "tcvn3" and CAPITALS else out


_WORDS = re.compile(r"(\s+)")


def _case_break(word: str) -> bool:
    """A capital right after a small letter (``ôHà``: a quote mark read as a letter)."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _decode_mixed(text: str, font: str, typed_capitals: bool) -> str | None:
    """A legacy-font run that also holds Unicode Vietnamese (a TCVN3 text edited
    later with a Unicode keyboard: ``M¸y mãc thiết bÞ``): each word that holds no
    Unicode-only letter but a legacy code no Vietnamese word contains (``¸``,
    ``Þ``, the ``ư`` soft hyphen…) is decoded on its own; the Unicode words are
    kept.  None when no word is such a code word (a Unicode text in a font named
    for a legacy encoding)."""
    parts = _WORDS.split(text)
    changed = False
    for i in range(0, len(parts), 2):
        word = parts[i]
        if word and not looks_unicode(word) and _LEFTOVER.search(word):
            decoded = decode_run(word, font, typed_capitals)
            if decoded is not None and decoded != word and not _LEFTOVER.search(decoded) \
                    and not _case_break(decoded) and not malformed(decoded):
                parts[i] = decoded
                changed = True
    return "".join(parts) if changed else None


def decode_chars(chars) -> str:
    """The text of a sequence of PDF characters decoded by their fonts.

    ``chars`` are pdfplumber character dicts (``text``, ``fontname``) in
    reading order — a line or a word.  Consecutive characters of one font are
    decoded together with :func:`decode_run` (``ABCDEE+.VnTime`` → TCVN3, its
    ``ư`` as U+00AD or U+2212 kept); characters of a Unicode font pass as they
    are.  Call it before any cleaning that drops U+00AD.
    """
    out: list[str] = []
    run: list[str] = []
    font = None
    for ch in chars:
        name = ch.get("fontname")
        if run and name != font:
            text = "".join(run)
            decoded = decode_run(text, font)
            out.append(decoded if decoded is not None else text)
            run = []
        font = name
        run.append(ch.get("text") or "")
    if run:
        text = "".join(run)
        decoded = decode_run(text, font)
        out.append(decoded if decoded is not None else text)
    return "".join(out)


def to_unicode(text: str) -> tuple[str, str | None]:
    """Return ``(unicode_text, detected_encoding_or_None)``."""
    encoding = detect(text)
    return (convert(text, encoding) if encoding else text), encoding

"""Unicode hygiene for Vietnamese text.

Every reader funnels its text through :func:`clean_text` so that the rest of the
pipeline only ever sees NFC text with predictable whitespace.  Old/new tone
placement (``hoá``/``hóa``, ``uỷ``/``ủy``) is *not* changed in the shown text —
offsets must point into what the source said — but :func:`unify_tones` gives the
canonical spelling used in normalised fields (owner names, issuers, search keys).
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks (after NFD): acute, grave, hook above, tilde, dot below.
_TONES = "\u0301\u0300\u0309\u0303\u0323"
# "oa", "oe", "uy" closing a syllable: the classic spelling puts the tone on the
# first vowel (hóa, khỏe, thủy).  "qu" + y is an onset + vowel (quý), so it is
# left alone; a following letter means a closed syllable (hoàn), also untouched.
_SYLLABLE_TAIL = re.compile(rf"(?<![qQ])([oO])([aAeE])([{_TONES}])(?![^\W\d_]|[\u0300-\u036f])|(?<![qQ])([uU])([yY])([{_TONES}])(?![^\W\d_]|[\u0300-\u036f])")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Look-alikes that OCR and some fonts emit for Vietnamese letters: Icelandic
# eth (Ð ð) is never Vietnamese, it is always Đ đ.
_LOOKALIKES = {ord("Ð"): "Đ", ord("ð"): "đ"}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """NFC, drop zero-width/soft-hyphen characters, unify line ends.

    Tabs are kept (text transcriptions use them as table cell separators).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_ZERO_WIDTH).translate(_LOOKALIKES)
    text = text.replace("\u00a0", " ")
    return nfc(text)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _move_tone(match: re.Match) -> str:
    if match.group(1):
        v1, v2, tone = match.group(1), match.group(2), match.group(3)
    else:
        v1, v2, tone = match.group(4), match.group(5), match.group(6)
    return v1 + tone + v2


def unify_tones(text: str) -> str:
    """Put the tone of open ``oa``/``oe``/``uy`` syllables on the first vowel.

    ``hoá`` → ``hóa``, ``thuỷ`` → ``thủy``, ``Uỷ`` → ``Ủy``; ``quý``, ``hoàn``
    and ``khuyến`` are untouched.  Works on NFD so that precomposed and
    decomposed input behave the same, returns NFC.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return nfc(_SYLLABLE_TAIL.sub(_move_tone, decomposed))


_LOOSE_DASH = re.compile(r"(?<=\w)(?: +[-–—] *| *[-–—] +|[–—])(?=\w)")


def fix_dash_spacing(text: str) -> str:
    """``Văn phòng- Thống kê`` / ``Văn phòng – Thống kê`` → ``Văn phòng - Thống kê``.

    A hyphen with no space on either side is a code (``HĐND-UBND``, ``KT-XH``)
    and keeps its tight form; any dash with a space on one side, or an en/em
    dash, is a separator between two names and gets one space each side.
    """
    return _LOOSE_DASH.sub(" - ", text)


_ACCENT_STRIP = str.maketrans({"đ": "d", "Đ": "D"})


def fold_diacritics(text: str) -> str:
    """Lower-case, strip tone and vowel marks, đ→d: the search/compare key."""
    decomposed = unicodedata.normalize("NFD", text.translate(_ACCENT_STRIP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


class _FoldedChar(dict):
    """code point → its one-character fold, each worked out once (a plan's owner
    phrases are folded thousands of times: ``str.translate`` over this table is
    a tenth of the cost of folding each character anew)."""

    def __missing__(self, code: int) -> str:
        folded = fold_diacritics(chr(code))
        self[code] = folded = folded[:1] if folded else " "
        return folded


_FOLDED_CHAR = _FoldedChar()


def fold_chars(text: str) -> str:
    """``text`` folded character by character, so index i of the result is index i
    of ``text`` (``fold_diacritics`` may change the length; spans found in the
    folded copy must point into the original)."""
    return text.translate(_FOLDED_CHAR)


def sentence_case_first(text: str) -> str:
    """Capitalise the first letter only (``các ban`` → ``Các ban``)."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
    return text

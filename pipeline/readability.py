"""Does a text read as Vietnamese?  Cheap per-page checks of PDF text layers.

A PDF's text layer can lie: a born-digital page whose ToUnicode maps glyph ids
(``&Ӝ1* HOÀ XÃ +Ӝ,`` — ASCII shifted by 29), a font with no Unicode at all
(``(cid:38)``), or a scanner's own OCR layer without tone marks
(``CQNG HOA XA HQI``).  :func:`judge` looks at the text alone and says why a
page should not be trusted, or None when it reads as Vietnamese (or there is
too little text to tell — a signature page, a table of numbers).

Measures, all on letter runs ("syllables"):

- ``hit``: share of syllables that are frequent Vietnamese syllables (with
  their marks); ``fold_hit``: the same after removing marks; ``toned``: share
  of syllables carrying a Vietnamese letter (ă â đ ê ô ơ ư or a tone mark).
  Real Vietnamese prose: hit ≈ 0.6–0.8, toned ≈ 0.5–0.7.  A toneless scanner
  layer: toned ≈ 0, fold_hit ≈ 0.5.  English: hit, fold_hit < 0.1.
- ``bad``: share of glyphs that are ``(cid:N)``, private-use, control or
  replacement characters.
- ``odd``: share of letters from scripts Vietnamese does not use (Cyrillic,
  Bengali, Latin Extended-B other than ơ/ư …): where shifted glyph ids land;
  ``odd_mixed`` counts those that sit inside words with ASCII in them
  (``&Ӝ1*``) — a quoted Chinese or Russian phrase does not.
- shift test: adding 29 to the code points below 0x62 (glyph id = code − 29 in
  TrueType fonts, whose first glyphs are .notdef, .null, CR, space) turns a
  shifted layer back into Vietnamese syllables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from vanban.extractors.lexicon import charclass

from .textnorm import fold_diacritics

# the ~490 most frequent syllables of administrative documents (from the
# samples and born-digital real documents)
_FREQUENT = """
các công và hiện xã của tỉnh số chính thực ubnd hành vụ chức định chỉ bộ năm ban nhiệm kế văn hoạch giải quyết
trong sở triển tiêu quả khai theo hợp quy có ngày với đề quan thành địa cơ được nghị cải trên tiếp nội kết thời
pháp trình phòng dân tại chủ cách tra việc mục lý ngành thể về tục kiểm thủ cấp tổ để tác đối điểm thông giao đơn
nhân quyền bảo đạt phục dự phương cchc đảm hồ sơ hội vị độ điều kiến phát trách cao dung báo xử không ủy luật đạo
hiệu hoàn nâng đồng người thống cáo tư động tịch do thảo đã chế nhận tin đoàn kịp lệ hóa bàn dụng thẩm phận tham
tỷ cán là dịch thuộc huyện hạn trực giá phối xây dựng đúng đầu bản trung đến thu chí khắc liên đánh hình ra truyền
toán tháng một những cho chương nhất gia mưu tài thanh nhà ngân tập nghiệp chưa năng chuyên yêu cầu hướng tuyến
tổng quản điện nước lại gian dẫn tthc tử trường khoản phường qua chỉnh trước phạm môn phần phủ này qđ sau tuyên
mức trả cháy trì bố tăng sự lượng soát phù cụ viên hệ quốc rà toàn tiến thường vốn thiểu hđnd sát phân rõ danh
tự thương căn xếp cường kỷ đốc xuất chất sách tối cứ án đặc ứng cần sử tình ý chậm học việt nam lập hạnh phúc
uỷ trưởng như sau số lưu vt nơi kính gửi phó thứ hai ba bốn năm sáu bảy tám chín mười các của đồng chí
"""
_MARKED = set(charclass("marked_lower"))
_SYLLABLE = re.compile(r"[^\W\d_]+")
_ENGLISH_CLASH = {"do", "an", "to", "can", "in", "on", "so", "the", "ban", "me", "bo", "la", "no", "tin", "ra", "sau", "ma"}

FREQUENT = frozenset(_FREQUENT.split())
_ALL_FOLDED = frozenset(fold_diacritics(w) for w in FREQUENT)
FREQUENT_FOLDED = _ALL_FOLDED - _ENGLISH_CLASH

_EDGE_PUNCT = "()[]{}\"'“”‘’«».,;:!?…-–—"
MIN_DOCUMENT_LETTERS = 20  # fewer: a word or two ("hello"), not a document to judge
MIN_SYLLABLES = 12       # fewer: a signature or table page; nothing to judge
SHIFT = 29               # glyph id = code point − 29 for the ASCII glyphs of a TrueType font


@dataclass
class Verdict:
    reason: str | None              # None: reads as Vietnamese, or too little to tell
    syllables: int = 0
    stats: dict = field(default_factory=dict)

    @property
    def readable(self) -> bool:
        return self.reason is None


def _is_latin_letter(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 and (o < 0x180 or ch in "ƠơƯư") or 0x1E00 <= o < 0x1F00


def shift_decode(text: str, shift: int = SHIFT) -> str:
    """Undo a glyph-id text layer for the ASCII range: chr(gid) → chr(gid + 29)."""
    return "".join(ch if ch in " \n\t" or ord(ch) + shift > 0x7E else chr(ord(ch) + shift) for ch in text)


def _ascii_hits(text: str) -> tuple[float, int]:
    """Share of the all-ASCII words (2+ letters) that are frequent syllables once
    their marks are ignored, and how many such words there are.  Only whole
    ASCII words count: after a glyph shift is undone the letters with marks
    are still garbage, the plain ones ("ban", "theo", "KH") are back."""
    words = [w.strip(".,;:()\"'").lower() for w in text.split()]
    words = [w for w in words if len(w) >= 2 and w.isascii() and w.isalpha()]
    if not words:
        return 0.0, 0
    return sum(w in _ALL_FOLDED for w in words) / len(words), len(words)


# characters no real text layer holds: controls but tab and line breaks, C1 controls, the
# private use area, U+FFFD; one class, counted by the regex engine rather than char by char
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
_SPACE = re.compile(r"\s")


@lru_cache(maxsize=1 << 16)
def _fold_syllable(syllable: str) -> str:
    """Syllables repeat page after page: each is folded once."""
    return fold_diacritics(syllable)


def measure(text: str) -> dict:
    cids = text.count("(cid:")
    glyphs = len(text) - len(_SPACE.findall(text)) - 7 * cids
    bad = cids + len(_BAD.findall(text))
    letters = [ch for ch in text if ch.isalpha()]
    odd = sum(1 for ch in letters if not _is_latin_letter(ch))
    # odd letters inside words that also hold ASCII letters, digits or
    # punctuation ("&Ӝ1*", "WӍQK"): shifted glyph ids; a quoted Chinese or
    # Russian phrase is written in whole words of its own script
    mixed = 0
    if odd:
        for token in text.split():
            token = token.strip(_EDGE_PUNCT)
            n_odd = sum(1 for ch in token if ch.isalpha() and not _is_latin_letter(ch))
            if n_odd and any(ch.isascii() and not ch.isspace() for ch in token):
                mixed += n_odd
    syl = [s for s in _SYLLABLE.findall(unicodedata.normalize("NFC", text.replace("(cid:", " ")).lower())]
    n = len(syl) or 1
    return {
        "glyphs": max(glyphs, 0), "bad": bad / max(glyphs, 1), "bad_count": bad, "letters": len(letters),
        "odd": odd / max(len(letters), 1), "odd_mixed": mixed, "syllables": len(syl),
        "hit": sum(s in FREQUENT for s in syl) / n,
        "fold_hit": sum(_fold_syllable(s) in FREQUENT_FOLDED for s in syl) / n,
        "toned": sum(any(c in _MARKED for c in s) for s in syl) / n,
    }


def reads_vietnamese(m: dict) -> bool:
    return m["hit"] >= 0.25 or (m["toned"] >= 0.2 and m["fold_hit"] >= 0.25)


def judge(text: str) -> Verdict:
    """Why this page's text layer should not be trusted — or None."""
    m = measure(text)
    v = lambda reason: Verdict(reason, m["syllables"], m)  # noqa: E731
    if m["glyphs"] == 0:
        return v("no_text_layer")
    garbled = m["bad"] >= 0.05 or m["odd_mixed"] >= 5
    if garbled or not reads_vietnamese(m):
        before, _ = _ascii_hits(text)
        after, n = _ascii_hits(shift_decode(text))
        m["shift_hit"] = after
        if n >= 4 and after >= 0.5 and after >= before + 0.3:
            return v("glyph_shifted")
    if m["bad_count"] >= 3 and m["bad"] >= 0.05:
        return v("cid_glyphs")
    if m["odd_mixed"] >= 5 and m["odd_mixed"] >= 0.03 * max(m["letters"], 1):
        # letters from scripts Vietnamese never uses (Cyrillic Ӝ for Ộ …): glyph
        # ids of letters with marks, even when the plain letters read right
        return v("glyph_shifted")
    if m["syllables"] < MIN_SYLLABLES:
        return v(None)
    if reads_vietnamese(m):
        return v(None)
    if m["toned"] < 0.08 and m["fold_hit"] >= 0.3:
        return v("no_tone_marks")
    return v("not_vietnamese")


def page_text(chars: list[dict]) -> str:
    """Text of a pdfplumber page's chars with spaces at gaps and newlines at line
    changes — enough for :func:`judge`, much cheaper than layout extraction."""
    out: list[str] = []
    prev = None
    for c in chars:
        t = c.get("text") or ""
        if prev is not None:
            size = max(float(prev.get("size") or 10), 1.0)
            if abs(c["top"] - prev["top"]) > size * 0.6:
                out.append("\n")
            elif c["x0"] - prev["x1"] > size * 0.15:
                out.append(" ")
        out.append(t)
        prev = c
    return "".join(out)


def check_document(text: str) -> str | None:
    """Document-level language check: None when the text reads as Vietnamese,
    otherwise "empty" (no letters), "too_short" (a few letters: a word or two,
    never a document) or "not_vietnamese"/"cid_glyphs"/"glyph_shifted"."""
    from .legacy_encoding import vietnamese_score
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "empty"
    if len(letters) < MIN_DOCUMENT_LETTERS:
        return "too_short"
    verdict = judge(text)
    if verdict.reason in ("cid_glyphs", "glyph_shifted"):
        return verdict.reason
    viet = sum(c.lower() in _MARKED for c in letters)
    if viet / len(letters) < 0.02 and vietnamese_score(text) < 0.05:
        return "not_vietnamese"
    return None

"""A born-digital page's characters read by pdfium, shaped like pdfplumber's.

Why: pdfplumber reads a page by running pdfminer's interpreter in Python and
turning every glyph into a dict — about 80 % of the time of ``vanban parse`` on
a text PDF.  pdfium does the same work in C, some 15× faster.  Its characters
are handed to the very functions that read pdfplumber's (``extract_words``,
the readability check, the bold test), so words come out the same.

pdfium's own text is not used as it is: where a Word PDF sets a space in a run
of its own, pdfium writes a *generated* space of no width and drops the real
one (and it joins two spaces in one).  Each character is therefore taken from
pdfium's per-character API (code, origin, font, size) and a generated space is
only trusted as the real space it replaced when a text object whose glyphs
pdfium dropped (all of them: it held just that space) sits in the gap it fills,
or when the gap is wider than pdfplumber's own 3-point word gap (split there
either way).

:func:`page_chars` returns None — read the page with pdfplumber — whenever it
cannot promise pdfplumber's characters (:data:`FALLBACK` lists why, as data):
a glyph without a Unicode mapping, text that is rotated, skewed or stretched,
a hyphen pdfium rewrote, a legacy TCVN3/VNI font, glyphs drawn twice (pdfium
keeps one of a pair pdfminer keeps both of), or drawn lines tall enough to
rule a table (pdfplumber's table finder needs pdfminer's edges).
"""

from __future__ import annotations

import ctypes

# why a page is read with pdfplumber instead (the value is what the reader records)
FALLBACK = {
    "rotated_page": "the page has a /Rotate",
    "unmapped_glyph": "a glyph without a Unicode mapping (pdfminer reads it as (cid:N))",
    "control_char": "a control character (pdfium's mark for a hyphen it rewrote)",
    "not_upright": "text that is rotated, skewed or horizontally scaled",
    "no_width": "a glyph whose advance pdfium cannot give",
    "legacy_font": "a TCVN3/VNI font (decoded from pdfminer's characters)",
    "unsure_space": "a generated space that may or may not stand for a real one",
    "drawn_twice": "text drawn twice at one place (fake bold): pdfium keeps one copy",
    "ruling": "a drawn line or box tall enough to rule a table",
}

WORD_GAP = 3.0        # pdfplumber's x_tolerance: a wider gap splits words anyway
SPACE_MATCH = 0.05    # points: slack when placing a dropped space object in a gap
RULE_HEIGHT = 2.0     # points: a path this tall can give the table finder a vertical edge
TWICE = 0.07          # of the font size: pdfium's own "same glyph" distance
_SAME_LINE = 0.5      # of the font size: a generated space between two lines is a line break

_OBJ_TEXT, _OBJ_PATH, _OBJ_FORM = 1, 2, 5


def _fonts_are_legacy(names) -> bool:
    from ..legacy_encoding import font_encoding
    return any(font_encoding(n) or font_encoding(n.split("+", 1)[-1]) for n in names if n)


def _objects(raw, page):
    """Every page object, those inside form XObjects included."""
    stack = [(raw.FPDFPage_CountObjects(page), lambda k: raw.FPDFPage_GetObject(page, k))]
    while stack:
        count, get = stack.pop()
        for k in range(count):
            obj = get(k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == _OBJ_FORM:
                stack.append((raw.FPDFFormObj_CountObjects(obj), lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j)))
            yield kind, obj


def _bounds(raw, obj) -> tuple[float, float, float, float]:
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, l, b, r, t)
    return l.value, b.value, r.value, t.value


def page_objects(raw, page, tp) -> tuple[str | None, list[tuple[float, float]]]:
    """(a reason from :data:`FALLBACK` found among the page's objects or None,
    the page-space origins of the text objects pdfium dropped every glyph of).

    Reasons: a path tall enough to rule a table, or a text object drawn again
    over a recent one of the same font (fake bold)."""
    recent: list[tuple] = []
    dropped: list[tuple[float, float]] = []
    for kind, obj in _objects(raw, page):
        if kind == _OBJ_PATH:
            l, b, r, t = _bounds(raw, obj)
            if t - b >= RULE_HEIGHT:
                return "ruling", dropped
        elif kind == _OBJ_TEXT:
            box = _bounds(raw, obj)
            if raw.FPDFTextObj_GetText(obj, tp, None, 0) <= 2:      # just the terminating NUL: no glyph kept
                dropped.append((box[0], box[1]))
            font = ctypes.cast(raw.FPDFTextObj_GetFont(obj), ctypes.c_void_p).value
            size = ctypes.c_float()
            raw.FPDFTextObj_GetFontSize(obj, size)
            near = TWICE * max(size.value, 1.0)
            for other_font, other in recent:
                if other_font == font and all(abs(p - q) < near for p, q in zip(box, other)):
                    return "drawn_twice", dropped
            recent = (recent + [(font, box)])[-7:]
    return None, dropped


class _Fonts:
    """Name, descent and advances of the fonts of a page's text objects, read once each."""

    def __init__(self, raw):
        self.raw = raw
        self.by_font: dict[int, tuple[str, float]] = {}
        self.widths: dict[tuple[int, str, float], float] = {}
        self._buf = ctypes.create_string_buffer(256)

    def info(self, font) -> tuple[str, float]:
        """(base font name, descent per point of size)."""
        key = ctypes.cast(font, ctypes.c_void_p).value
        got = self.by_font.get(key)
        if got is None:
            n = self.raw.FPDFFont_GetBaseFontName(font, self._buf, 256)
            name = self._buf.raw[:max(n - 1, 0)].decode("utf-8", "replace")
            d = ctypes.c_float()
            self.raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), d)
            got = self.by_font[key] = (name, d.value / 1000.0)
        return got

    def advance(self, font, char: str, size: float) -> float:
        key = (ctypes.cast(font, ctypes.c_void_p).value, char, size)
        w = self.widths.get(key)
        if w is None:
            out = ctypes.c_float()
            ok = self.raw.FPDFFont_GetGlyphWidth(font, ord(char), ctypes.c_float(size), out)
            w = self.widths[key] = out.value if ok else 0.0
        return w


def page_chars(page, height: float) -> tuple[list[dict] | None, str | None]:
    """(pdfplumber-shaped chars, None) for a pdfium page, or (None, a reason from
    :data:`FALLBACK`) when pdfplumber must read it."""
    import pypdfium2.raw as raw
    if page.get_rotation():
        return None, "rotated_page"
    tp = raw.FPDFText_LoadPage(page)
    try:
        reason, dropped = page_objects(raw, page, tp)
        if reason:
            return None, reason
        chars, generated, reason = _read_chars(raw, tp, height)
    finally:
        raw.FPDFText_ClosePage(tp)
    if reason:
        return None, reason
    if _fonts_are_legacy({c["fontname"] for c in chars}):
        return None, "legacy_font"
    return _restore_spaces(chars, generated, [(x, height - y) for x, y in dropped])


def _read_chars(raw, tp, height: float):
    fonts = _Fonts(raw)
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    m = raw.FS_MATRIX()
    chars: list[dict] = []
    generated: list[int] = []           # positions in ``chars`` before which pdfium generated a space
    for i in range(raw.FPDFText_CountChars(tp)):
        code = raw.FPDFText_GetUnicode(tp, i)
        if raw.FPDFText_IsGenerated(tp, i):
            if code == 0x20:
                generated.append(len(chars))
            continue
        if raw.FPDFText_HasUnicodeMapError(tp, i):
            return chars, generated, "unmapped_glyph"
        if code < 0x20 or code == 0xFFFD:
            return chars, generated, "control_char"
        raw.FPDFText_GetMatrix(tp, i, m)
        if m.b or m.c or m.a <= 0 or abs(m.a - m.d) > 1e-6 * m.d:
            return chars, generated, "not_upright"
        raw.FPDFText_GetCharOrigin(tp, i, origin_x, origin_y)
        size = raw.FPDFText_GetFontSize(tp, i)
        font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(tp, i))
        name, descent = fonts.info(font)
        text = chr(code)
        advance = fonts.advance(font, text, size)
        if advance <= 0 and not text.isspace():
            return chars, generated, "no_width"
        x0 = origin_x.value
        bottom = height - (origin_y.value + descent * size)
        chars.append({"object_type": "char", "text": text, "fontname": name, "size": size, "upright": True,
                      "x0": x0, "x1": x0 + advance, "top": bottom - size, "bottom": bottom,
                      "doctop": bottom - size, "width": advance, "height": size})
    return chars, generated, None


def _restore_spaces(chars: list[dict], generated: list[int],
                    dropped: list[tuple[float, float]]) -> tuple[list[dict] | None, str | None]:
    """Put back the real spaces pdfium replaced with generated ones (see the
    module doc); ``dropped`` holds the (x, y-from-top) origins of the text
    objects whose only glyph pdfium dropped."""
    if not generated:
        return chars, None
    out: list[dict] = []
    at = 0
    for pos in generated:
        out.extend(chars[at:pos])
        at = pos
        if pos == 0 or pos >= len(chars):
            continue
        prev, nxt = chars[pos - 1], chars[pos]
        if prev["text"] == " " or nxt["text"] == " ":
            continue
        if abs(nxt["top"] - prev["top"]) > _SAME_LINE * prev["size"]:
            continue                        # a line break
        gap = nxt["x0"] - prev["x1"]
        real = any(prev["x1"] - SPACE_MATCH <= x <= nxt["x0"] + SPACE_MATCH and prev["top"] <= y <= prev["bottom"]
                   for x, y in dropped)
        if real or gap > WORD_GAP + 0.5:
            out.append({**prev, "text": " ", "x0": prev["x1"], "x1": nxt["x0"], "width": gap})
        else:
            return None, "unsure_space"
    out.extend(chars[at:])
    return out, None

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
pdfium dropped (all of them: it held just that space) sits in the gap it fills;
a gap wider than pdfplumber's own 3-point word gap needs no space (split there
either way).

:func:`page_chars` gives no chars — read the page with pdfplumber — whenever
it cannot promise pdfplumber's characters (:data:`FALLBACK` lists why, as
data): a glyph without a Unicode mapping, text that is rotated, skewed or
stretched, a line-end hyphen pdfium rewrote whose width does not say which
hyphen it was, a legacy TCVN3/VNI font, glyphs drawn twice (pdfium keeps one
of a pair pdfminer keeps both of), or a drawn path that could rule a table but
that pdfium's path API cannot turn into pdfminer's own shapes (a curve, a
path inside a form XObject).

A page with ruling keeps the fast path: :func:`page_edges` turns its drawn
paths into the edges pdfplumber derives from pdfminer's lines, rectangles and
curves (pdfminer's classification of a subpath, applied to pdfium's points),
and pdfplumber's own table finder runs on those edges and the pdfium chars.
"""

from __future__ import annotations

import ctypes
from typing import NamedTuple

# why a page is read with pdfplumber instead (the value is what the reader records)
FALLBACK = {
    "rotated_page": "the page has a /Rotate",
    "unmapped_glyph": "a glyph without a Unicode mapping (pdfminer reads it as (cid:N))",
    "control_char": "a control character, or pdfium's line-end hyphen mark whose width fits neither or both hyphens",
    "not_upright": "text that is rotated, skewed or horizontally scaled",
    "no_width": "a glyph whose advance pdfium cannot give",
    "legacy_font": "a TCVN3/VNI font (decoded from pdfminer's characters)",
    "unsure_space": "a generated space that may or may not stand for a real one",
    "drawn_twice": "text drawn twice at one place (fake bold): pdfium keeps one copy",
    "ruling": "a curve or a path in a form XObject tall enough to rule a table",
    "offset_mediabox": "a MediaBox not at the origin (pdfplumber shifts its coordinates)",
}

WORD_GAP = 3.0        # pdfplumber's x_tolerance: a wider gap splits words anyway
SPACE_MATCH = 0.05    # points: slack when placing a dropped space object in a gap
RULE_HEIGHT = 2.0     # points: a path this tall can give the table finder a vertical edge
TWICE = 0.07          # of the font size: pdfium's own "same glyph" distance
_SAME_LINE = 0.5      # of the font size: a generated space between two lines is a line break

_OBJ_TEXT, _OBJ_PATH, _OBJ_FORM = 1, 2, 5
_SEG_LINE, _SEG_BEZIER, _SEG_MOVE = 0, 1, 2     # FPDF_SEGMENT_* of pdfium's path API
_HYPHEN_MARK = 0x02                             # pdfium's text for a hyphen ending a line
_HYPHENS = (0x2D, 0xAD)                         # what it may stand for: hyphen-minus, soft hyphen


class FastPage(NamedTuple):
    """What the fast path read of a page: pdfplumber-shaped chars (None: let
    pdfplumber read the page, for ``reason``) and the edges of its drawn paths
    (None when no path is tall enough to rule a table: no table finder needed)."""
    chars: list[dict] | None
    edges: list[dict] | None
    reason: str | None


def _fonts_are_legacy(names) -> bool:
    from ..legacy_encoding import font_encoding
    return any(font_encoding(n) or font_encoding(n.split("+", 1)[-1]) for n in names if n)


def _objects(raw, page):
    """(kind, object, inside a form XObject) for every page object, those
    inside form XObjects included."""
    stack = [(raw.FPDFPage_CountObjects(page), lambda k: raw.FPDFPage_GetObject(page, k), False)]
    while stack:
        count, get, in_form = stack.pop()
        for k in range(count):
            obj = get(k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == _OBJ_FORM:
                stack.append((raw.FPDFFormObj_CountObjects(obj), lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j), True))
            yield kind, obj, in_form


def _bounds(raw, obj) -> tuple[float, float, float, float]:
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, l, b, r, t)
    return l.value, b.value, r.value, t.value


def page_objects(raw, page, tp) -> tuple[str | None, list[tuple[float, float]], list | None]:
    """(a reason from :data:`FALLBACK` found among the page's objects or None,
    the page-space origins of the text objects pdfium dropped every glyph of,
    the page's painted path objects when one is tall enough to rule a table).

    Reasons: a path tall enough to rule a table inside a form XObject (its
    points would need the form's matrix too), or a text object drawn again
    over a recent one of the same font (fake bold)."""
    recent: list[tuple] = []
    dropped: list[tuple[float, float]] = []
    paths: list = []
    ruled = False
    for kind, obj, in_form in _objects(raw, page):
        if kind == _OBJ_PATH:
            l, b, r, t = _bounds(raw, obj)
            tall = t - b >= RULE_HEIGHT
            if tall and in_form:
                return "ruling", dropped, None
            ruled = ruled or tall
            if not in_form:
                paths.append(obj)
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
                    return "drawn_twice", dropped, None
            recent = (recent + [(font, box)])[-7:]
    return None, dropped, (paths if ruled else None)


def _subpaths(raw, obj) -> list[list[tuple[str, tuple[float, float]]]] | None:
    """The object's subpaths as pdfminer's operators with page-space points
    (``h`` carries the subpath's start, as pdfminer takes it); None for a curve
    or a path pdfminer would read otherwise (an ``h`` not ending its subpath)."""
    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, m)
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[list] = []
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        kind = raw.FPDFPathSegment_GetType(seg)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        pt = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        if kind == _SEG_MOVE:
            out.append([("m", pt)])
        elif kind == _SEG_LINE and out and out[-1][-1][0] != "h":
            out[-1].append(("l", pt))
        else:
            return None
        if raw.FPDFPathSegment_GetClose(seg):
            out[-1].append(("h", out[-1][0][1]))
    return out


def _shape(ops: list[tuple[str, tuple[float, float]]]) -> tuple[str, list[tuple[float, float]]]:
    """pdfminer's reading of one subpath (``PDFLayoutAnalyzer.paint_path``):
    ("line" | "rect" | "curve", its points)."""
    shape = "".join(op for op, _ in ops)
    pts = [pt for _, pt in ops]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"          # a redundant "l" back to the start, then "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return "line", pts[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return "rect", [pts[0], pts[2]]
    return "curve", pts


def _box(pts, height: float, object_type: str) -> dict:
    """pdfplumber's geometry of an object spanning ``pts`` (PDF space, y up)."""
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    return {"object_type": object_type, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": height - y1,
            "bottom": height - y0, "doctop": height - y1, "width": x1 - x0, "height": y1 - y0}


def page_edges(raw, paths, height: float) -> list[dict] | None:
    """pdfplumber's ``page.edges`` for these painted path objects: its line
    edges, then its rectangle edges, then its curve edges, each in drawing
    order; None when a path holds a Bézier segment (pdfminer would keep only
    its end points, pdfium gives its control points).  The edges themselves
    are cut by pdfplumber's own functions from pdfminer-shaped objects."""
    from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges
    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    for obj in paths:
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj, fill, stroke)
        if not fill.value and not stroke.value:
            continue                        # "n": a path that paints nothing, as pdfminer skips it
        subpaths = _subpaths(raw, obj)
        if subpaths is None:
            return None
        for ops in subpaths:
            if len(ops) < 2:
                continue                    # a lone "m": pdfminer paints no edge of it
            kind, pts = _shape(ops)
            if kind == "line":
                lines.append(line_to_edge(_box(pts, height, "line")))
            elif kind == "rect":
                rects.extend(rect_to_edges(_box(pts, height, "rect")))
            else:
                curve = {**_box(pts, height, "curve"), "pts": [(x, height - y) for x, y in pts]}
                curves.extend(curve_to_edges(curve))
    return lines + rects + curves


_ADDRESS = ctypes.c_void_p


def _retyped(fn, restype, *argtypes):
    """The same pdfium function, taking and returning plain addresses: pypdfium2's
    pointer handles are a new Python object per call and need a cast to serve
    as a dict key (the casts were a fifth of reading a page's characters)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)


class _Fonts:
    """The text object and font of each character, and each font's name,
    descent and advances, read once per font."""

    def __init__(self, raw):
        self._text_object = _retyped(raw.FPDFText_GetTextObject, _ADDRESS, _ADDRESS, ctypes.c_int)
        self._object_font = _retyped(raw.FPDFTextObj_GetFont, _ADDRESS, _ADDRESS)
        self._base_name = _retyped(raw.FPDFFont_GetBaseFontName, ctypes.c_size_t, _ADDRESS, ctypes.c_char_p,
                                   ctypes.c_size_t)
        self._descent = _retyped(raw.FPDFFont_GetDescent, ctypes.c_int, _ADDRESS, ctypes.c_float,
                                 ctypes.POINTER(ctypes.c_float))
        self._glyph_width = _retyped(raw.FPDFFont_GetGlyphWidth, ctypes.c_int, _ADDRESS, ctypes.c_uint32,
                                     ctypes.c_float, ctypes.POINTER(ctypes.c_float))
        self.by_font: dict[int, tuple[str, float]] = {}
        self.widths: dict[tuple[int, str, float], float] = {}
        self._buf = ctypes.create_string_buffer(256)

    def object_of(self, text_page: int, i: int) -> int:
        """The address of the text object of character ``i`` of the text page at ``text_page``."""
        return self._text_object(text_page, i)

    def font_of(self, obj: int) -> int:
        """The address of the font of the text object at ``obj``."""
        return self._object_font(obj)

    def info(self, font: int) -> tuple[str, float]:
        """(base font name, descent per point of size)."""
        got = self.by_font.get(font)
        if got is None:
            n = self._base_name(font, self._buf, 256)
            name = self._buf.raw[:max(n - 1, 0)].decode("utf-8", "replace")
            d = ctypes.c_float()
            self._descent(font, 1000.0, d)
            got = self.by_font[font] = (name, d.value / 1000.0)
        return got

    def advance(self, font: int, char: str, size: float) -> float:
        key = (font, char, size)
        w = self.widths.get(key)
        if w is None:
            out = ctypes.c_float()
            ok = self._glyph_width(font, ord(char), size, out)
            w = self.widths[key] = out.value if ok else 0.0
        return w


def page_chars(page, height: float) -> FastPage:
    """The page's pdfplumber-shaped chars and edges, or a reason from
    :data:`FALLBACK` why pdfplumber must read it."""
    import pypdfium2.raw as raw
    if page.get_rotation():
        return FastPage(None, None, "rotated_page")
    if tuple(page.get_mediabox()[:2]) != (0, 0):
        return FastPage(None, None, "offset_mediabox")
    tp = raw.FPDFText_LoadPage(page)
    try:
        reason, dropped, paths = page_objects(raw, page, tp)
        edges = None
        if not reason and paths is not None:
            edges = page_edges(raw, paths, height)
            reason = None if edges is not None else "ruling"
        if reason:
            return FastPage(None, None, reason)
        chars, generated, reason = _read_chars(raw, tp, height)
    finally:
        raw.FPDFText_ClosePage(tp)
    if reason:
        return FastPage(None, None, reason)
    if _fonts_are_legacy({c["fontname"] for c in chars}):
        return FastPage(None, None, "legacy_font")
    chars, reason = _restore_spaces(chars, generated, [(x, height - y) for x, y in dropped])
    return FastPage(chars, edges if chars is not None else None, reason)


def _read_chars(raw, tp, height: float):
    fonts = _Fonts(raw)
    text_page = ctypes.cast(tp, ctypes.c_void_p).value
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    m = raw.FS_MATRIX()
    chars: list[dict] = []
    generated: list[int] = []           # positions in ``chars`` before which pdfium generated a space
    # a text object's characters share its matrix, size and font: read once per object
    by_object: dict[int, tuple[bool, float, int]] = {}
    for i in range(raw.FPDFText_CountChars(tp)):
        code = raw.FPDFText_GetUnicode(tp, i)
        if (code < 0x20 or code == 0x20 or code == 0x2D) and raw.FPDFText_IsGenerated(tp, i):
            if code == 0x20:                # pdfium generates spaces, line breaks (and, once, hyphens)
                generated.append(len(chars))
            continue
        if raw.FPDFText_HasUnicodeMapError(tp, i):
            return chars, generated, "unmapped_glyph"
        if code == 0xFFFD or (code < 0x20 and not (code == _HYPHEN_MARK and raw.FPDFText_IsHyphen(tp, i))):
            return chars, generated, "control_char"
        obj = fonts.object_of(text_page, i)
        shape = by_object.get(obj)
        if shape is None:
            raw.FPDFText_GetMatrix(tp, i, m)
            upright = not (m.b or m.c or m.a <= 0 or abs(m.a - m.d) > 1e-6 * m.d)
            shape = by_object[obj] = (upright, raw.FPDFText_GetFontSize(tp, i), fonts.font_of(obj))
        upright, size, font = shape
        if not upright:
            return chars, generated, "not_upright"
        raw.FPDFText_GetCharOrigin(tp, i, origin_x, origin_y)
        name, descent = fonts.info(font)
        if code == _HYPHEN_MARK:
            code = _line_end_hyphen(raw, tp, i, fonts, font, size)
            if code is None:
                return chars, generated, "control_char"
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


def _line_end_hyphen(raw, tp, i: int, fonts: _Fonts, font: int, size: float) -> int | None:
    """The character behind pdfium's line-end hyphen mark (U+0002): pdfium
    rewrites a hyphen or a soft hyphen ending a line.  The glyph's own advance
    (its loose box) tells which, when only one of the two has that width in
    the font; None when it cannot tell (the page goes to pdfplumber)."""
    box = raw.FS_RECTF()
    if not raw.FPDFText_GetLooseCharBox(tp, i, box):
        return None
    width = box.right - box.left
    matches = [code for code in _HYPHENS if abs(fonts.advance(font, chr(code), size) - width) <= 0.01]
    return matches[0] if len(matches) == 1 else None


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
        if real:
            out.append({**prev, "text": " ", "x0": prev["x1"], "x1": nxt["x0"], "width": gap})
        elif gap <= WORD_GAP + 0.5:
            return None, "unsure_space"
        # a wider gap splits the words by position alone; a space spanning it would
        # also split the glyphs drawn inside it later (a chart's labels, a line's
        # accented letters drawn after the rest), which pdfplumber keeps together
    out.extend(chars[at:])
    return out, None


"""DOCX: paragraphs and tables in document order, as Word shows them.

python-docx opens the package (entity resolution off, so an XML external
entity in a hostile file is not fetched); the body is walked here element by
element.  A zip bomb is refused before parsing, from the sizes the zip
directory declares.

What the walk keeps, and why:

* **Automatic numbering** (``w:numPr`` on the paragraph or on its style chain)
  is rendered as Word shows it and prefixed to the paragraph: ``1.``,
  ``1.2.``, ``a)``, ``Điều 3.``, ``II.`` — resolved through ``numbering.xml``
  (``w:num`` → ``w:abstractNum``, ``w:lvlOverride``/``w:startOverride``,
  ``w:numStyleLink``), with ``w:start``, ``w:numFmt``, ``w:lvlText``,
  ``w:lvlRestart`` and ``w:isLgl``.  Counters belong to the abstract list, so
  two ``w:num`` sharing one abstract list continue each other unless a
  ``startOverride`` restarts it (Word's behaviour); a level restarts when a
  higher level is used.  Numbered paragraphs inside table cells are numbered
  too — plans number their task-table ``TT`` column that way, with the number
  as the cell's only text.  Bullets become ``-`` (when the bullet is a dash)
  or ``•``.

  *Letters*: ``lowerLetter``/``upperLetter`` follow Word's own sequence
  (a b c d e f …, then aa bb …), not the Vietnamese a b c d đ e g ….  The
  text we ship must be what the document shows — Word, LibreOffice and the
  PDF printed from the file all render ``e)`` after ``d)`` whatever the
  language settings, and a citation of "điểm e" points at what readers saw.
  Hand-typed lists in the real plans (``d) đ) e) g)``) are text and pass
  through untouched; the section finder accepts both.

* **Table cells**: paragraphs and line breaks inside a cell separate items —
  three people listed in a ``Người thực hiện`` cell are three owners.  A cell
  is one line of the shipped text (rows are lines, cells are tab-separated),
  so :func:`join_cell_lines` writes a break as ``"; "`` where the next line
  starts a new item (an upper-case letter after a line that does not end in
  ``, ; : - /`` or a full stop) and as a space where it only continues the
  line (``Tháng 6`` / ``năm 2026``).  Layout tables (header, signature) keep
  their line breaks.

* **Merged cells** give their value to every grid cell they cover: a
  ``vMerge`` continuation repeats the text above (a lead written once for
  several task rows belongs to each row) and a ``gridSpan`` (or Word 97
  ``hMerge``) cell repeats its text across its columns (``Năm 2026`` spanning ``Bắt đầu | Hoàn thành``).
  The exception is a *group heading*: a row whose only content is one cell
  spanning several columns (optionally after a short serial such as ``I``)
  keeps the text once, in its first column, so it stays one heading and is
  not read as a task with an owner and a deadline.

* Runs are decoded by the font they are shown in (:class:`StyleFonts`: the run's
  own, else its character style's, its paragraph style's, the defaults), so a
  ``.VnTime`` set only in a style is decoded like one set on the run.
  Soft hyphens reach ``decode_run`` as U+00AD (the TCVN3 ``ư``) and are
  dropped later by ``clean_text`` in Unicode documents; ``w:noBreakHyphen`` is
  ``-``; ``w:sym`` gives its character (Symbol/Wingdings bullets become
  ``•``).  Fields keep their displayed result (``w:fldSimple`` content, the
  runs between ``separate`` and ``end``) and drop the instruction text.
  Tracked changes: insertions and move destinations are kept, deletions and
  move sources dropped.  Hidden text (``w:vanish``) is dropped.  Content controls (``w:sdt``), smart tags, custom XML
  and hyperlinks are transparent wrappers.  Text boxes (``w:txbxContent``)
  are read once — from ``mc:Choice``, never again from its VML
  ``mc:Fallback`` — and their paragraphs follow the paragraph that anchors
  them.  Headers and footers are not part of the body and are not read;
  footnotes and endnotes the body refers to are read after the body, in the
  order of their references (as Word's plain-text export places them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorruptFile
from ..model import PageInfo, RawDocument, RawLine, RawTable
from ..legacy_encoding import decode_run
from ..textnorm import clean_text
from .legacy_blocks import convert_legacy_blocks
from .layout_tables import is_layout_table, layout_lines
from .zip_container import check_container

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _val(el, name: str = "val", default=None):
    if el is None:
        return default
    return el.get(f"{_W}{name}", default)


def _int(el, default: int | None = None) -> int | None:
    v = _val(el)
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def _on(el) -> bool:
    """A toggle property (``<w:b/>``, ``<w:isLgl w:val="0"/>``)."""
    return el is not None and _val(el) not in ("0", "false", "off")


# --- numbering ---------------------------------------------------------------------------
def _roman(n: int) -> str:
    if not 0 < n < 4000:                           # no roman numeral (and no million-M label from a hostile start)
        return str(n)
    out = []
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a … z, then aa … zz, aaa … (the letter repeated)."""
    if not 0 < n <= 26 * 20:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in a ``w:numFmt`` (unknown formats fall back to decimal)."""
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower() if n > 0 else str(n)
    if fmt == "upperRoman":
        return _roman(n) if n > 0 else str(n)
    return str(n)        # decimal, ordinal, cardinalText, decimalEnclosed…, …: the number


_DASH_BULLETS = {"-", "–", "—", "\uf02d", "\u2212"}


def _bullet(text: str) -> str:
    t = (text or "").strip()
    if not t:
        return ""
    if t in _DASH_BULLETS:
        return "-"
    if t == "+":
        return "+"
    return "•"


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None        # lvlText; None = absent (Word shows nothing)
    restart: int | None = None     # lvlRestart (1-based level, 0 = never)
    legal: bool = False            # isLgl
    suffix: str = "tab"
    style: str | None = None       # w:pStyle linking a paragraph style to this level


def _parse_level(lvl) -> _Level:
    text_el = lvl.find(f"{_W}lvlText")
    return _Level(start=_int(lvl.find(f"{_W}start"), 1), fmt=_val(lvl.find(f"{_W}numFmt"), default="decimal"),
                  text=_val(text_el, default="") if text_el is not None else None,
                  restart=_int(lvl.find(f"{_W}lvlRestart")), legal=_on(lvl.find(f"{_W}isLgl")),
                  suffix=_val(lvl.find(f"{_W}suff"), default="tab"), style=_val(lvl.find(f"{_W}pStyle")))


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)          # startOverride per level
    levels: dict[int, _Level] = field(default_factory=dict)       # full lvl overrides
    used: bool = False


class Numbering:
    """``numbering.xml`` + the paragraph styles that carry ``numPr`` (and the
    styles' bold, for the lines' ``bold`` flag), and the running counters of
    every list while the document is walked."""

    def __init__(self, numbering_el=None, styles_el=None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}            # abstractNumId → numStyleLink style id
        self.nums: dict[str, _Num] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.style_bold: dict[str, bool] = {}      # styles that set w:b (on or off)
        self.default_bold = False
        self.default_para_style: str | None = None
        if styles_el is not None:
            self.default_bold = _on(styles_el.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}b"))
            for st in styles_el.findall(f"{_W}style"):
                sid = st.get(f"{_W}styleId")
                if not sid:
                    continue
                if st.get(f"{_W}type") == "paragraph" and st.get(f"{_W}default") in ("1", "true", "on"):
                    self.default_para_style = sid
                b = st.find(f"{_W}rPr/{_W}b")
                if b is not None:
                    self.style_bold[sid] = _on(b)
                parent = _val(st.find(f"{_W}basedOn"))
                if parent:
                    self.style_parent[sid] = parent
                npr = st.find(f"{_W}pPr/{_W}numPr")
                if npr is not None:
                    self.style_num[sid] = (_val(npr.find(f"{_W}numId")), _int(npr.find(f"{_W}ilvl")))
        if numbering_el is None:
            return
        for ab in numbering_el.findall(f"{_W}abstractNum"):
            aid = ab.get(f"{_W}abstractNumId")
            self.abstract[aid] = {int(lvl.get(f"{_W}ilvl", "0")): _parse_level(lvl) for lvl in ab.findall(f"{_W}lvl")
                                  if (lvl.get(f"{_W}ilvl") or "0").isdigit()}
            link = _val(ab.find(f"{_W}numStyleLink"))
            if link:
                self.links[aid] = link
        for num in numbering_el.findall(f"{_W}num"):
            n = _Num(_val(num.find(f"{_W}abstractNumId"), default=""))
            for ov in num.findall(f"{_W}lvlOverride"):
                ilvl = int(ov.get(f"{_W}ilvl", "0")) if (ov.get(f"{_W}ilvl") or "0").isdigit() else 0
                so = _int(ov.find(f"{_W}startOverride"))
                if so is not None:
                    n.starts[ilvl] = so
                lvl = ov.find(f"{_W}lvl")
                if lvl is not None:
                    n.levels[ilvl] = _parse_level(lvl)
            self.nums[num.get(f"{_W}numId")] = n

    def style_is_bold(self, style: str | None) -> bool | None:
        """Whether a style (through its ``basedOn`` chain) sets bold; None when none says."""
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_bold:
                return self.style_bold[style]
            style = self.style_parent.get(style)
        return None

    def _style_numpr(self, style: str | None) -> tuple[str | None, int | None, str | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_num:
                num_id, ilvl = self.style_num[style]
                return num_id, ilvl, style
            style = self.style_parent.get(style)
        return None, None, None

    def _abstract_of(self, num: _Num) -> str:
        aid = num.abstract
        for _ in range(4):                         # numStyleLink → style → num → abstract
            link = self.links.get(aid)
            if not link:
                break
            num_id, _, _ = self._style_numpr(link)
            target = self.nums.get(num_id or "")
            if target is None or target.abstract == aid:
                break
            aid = target.abstract
        return aid

    def _level(self, num: _Num, aid: str, ilvl: int) -> _Level:
        return num.levels.get(ilvl) or self.abstract.get(aid, {}).get(ilvl) or _Level(text=None)

    def label(self, ppr) -> str | None:
        """The label Word shows before a paragraph with properties ``ppr``
        (advancing the counters), or None when the paragraph is not numbered."""
        style = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        npr = ppr.find(f"{_W}numPr") if ppr is not None else None
        num_id = _val(npr.find(f"{_W}numId")) if npr is not None else None
        ilvl = _int(npr.find(f"{_W}ilvl")) if npr is not None else None
        s_num, s_ilvl, s_style = self._style_numpr(style)
        if num_id is None:
            num_id = s_num
        if ilvl is None:
            ilvl = s_ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        num = self.nums[num_id]
        aid = self._abstract_of(num)
        if ilvl is None:                           # a style bound to a level by w:lvl/w:pStyle
            ilvl = next((i for i, lv in self.abstract.get(aid, {}).items() if s_style and lv.style == s_style), 0)
        ilvl = max(0, min(8, ilvl))
        counters = self.counters.setdefault(aid, [None] * 9)
        if not num.used:
            num.used = True
            for lv in num.starts:                  # "restart numbering" in Word
                if 0 <= lv < 9:
                    counters[lv] = None
        level = self._level(num, aid, ilvl)
        if counters[ilvl] is None:
            counters[ilvl] = num.starts.get(ilvl, level.start)
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            restart = self._level(num, aid, deeper).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if level.text is None:
            return None
        if level.fmt == "bullet":
            return _bullet(level.text)

        def ref(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = self._level(num, aid, k)
            value = counters[k] if counters[k] is not None else num.starts.get(k, lv.start)
            fmt = "decimal" if level.legal and lv.fmt not in ("none",) else lv.fmt
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", ref, level.text).strip()


# --- runs and paragraphs ----------------------------------------------------------------
_SYMBOL_MAP = {0xB7: "•", 0xA7: "•", 0x6C: "•", 0x6E: "•", 0xA8: "•", 0xD8: "•", 0xFC: "•", 0x2D: "-", 0x2B: "+"}


def _sym(el) -> str:
    code = el.get(f"{_W}char") or ""
    try:
        c = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= c <= 0xF0FF:                      # a symbol font's private-use code
        low = c - 0xF000
        return _SYMBOL_MAP.get(low, chr(low) if 0x30 <= low < 0x7F and chr(low).isalnum() else "•")
    return chr(c)


def _font_of(rpr_fonts) -> str | None:
    if rpr_fonts is None:
        return None
    return rpr_fonts.get(f"{_W}ascii") or rpr_fonts.get(f"{_W}hAnsi") or rpr_fonts.get(f"{_W}cs")


class StyleFonts:
    """The font a run is shown in, as Word resolves it: the run's own
    ``w:rFonts``, else its character style's, else its paragraph style's (each
    through ``basedOn``; a paragraph without ``pStyle`` takes the default
    paragraph style), else ``docDefaults``.

    Legacy documents set ``.VnTime``/``VNI-Times`` where Word had it — often
    in a style or the defaults, not on the run (LibreOffice's DOCX export of a
    ``.doc``/``.rtf`` does the same) — and :func:`decode_run` needs the font
    the text is shown in: a TCVN3 ``ư`` stored as a soft hyphen is only kept
    when its run is known to be TCVN3.
    """

    def __init__(self, styles_el=None):
        self.own: dict[str, str | None] = {}
        self.parent: dict[str, str] = {}
        self.default_font: str | None = None
        self.default_para: str | None = None
        if styles_el is None:
            return
        self.default_font = _font_of(styles_el.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts"))
        for st in styles_el.findall(f"{_W}style"):
            sid = st.get(f"{_W}styleId")
            if not sid:
                continue
            self.own[sid] = _font_of(st.find(f"{_W}rPr/{_W}rFonts"))
            parent = _val(st.find(f"{_W}basedOn"))
            if parent:
                self.parent[sid] = parent
            if st.get(f"{_W}type") == "paragraph" and st.get(f"{_W}default") in ("1", "true", "on"):
                self.default_para = sid

    def style_font(self, sid: str | None) -> str | None:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if self.own.get(sid):
                return self.own[sid]
            sid = self.parent.get(sid)
        return None

    def paragraph_font(self, ppr) -> str | None:
        """The font a paragraph's runs fall back to (its style's, else the defaults)."""
        ps = ppr.find(f"{_W}pStyle") if ppr is not None else None
        return self.style_font(_val(ps) if ps is not None else self.default_para) or self.default_font

    def run_font(self, r, para_font: str | None) -> str | None:
        return (_font_of(r.find(f"{_W}rPr/{_W}rFonts")) or self.style_font(_val(r.find(f"{_W}rPr/{_W}rStyle")))
                or para_font)


def _run_bold(r, styles: "Numbering", para_bold: bool) -> bool:
    """Bold as Word resolves it: the run's own ``w:b``, else its character
    style's, else the paragraph style's (``para_bold``), else the defaults."""
    direct = r.find(f"{_W}rPr/{_W}b")
    if direct is not None:
        return _on(direct)
    by_style = styles.style_is_bold(_val(r.find(f"{_W}rPr/{_W}rStyle")))
    return para_bold if by_style is None else by_style


_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr", f"{_W}proofErr", f"{_W}bookmarkStart", f"{_W}bookmarkEnd",
         f"{_W}commentRangeStart", f"{_W}commentRangeEnd", f"{_W}sdtPr", f"{_W}sdtEndPr", f"{_W}permStart", f"{_W}permEnd"}


class _Walker:
    """Walks the body once; the field stack and the list counters run across
    paragraphs, as in Word."""

    def __init__(self, numbering: Numbering, fonts: StyleFonts | None = None):
        self.numbering = numbering
        self.fonts = fonts or StyleFonts()
        self.para_font: str | None = None          # font the current paragraph's runs fall back to
        self.fields: list[str] = []                # "instr" | "result" per open complex field
        self.para_bold = False                     # bold set by the current paragraph's style

    # runs -------------------------------------------------------------------------------
    def _showing(self) -> bool:
        return "instr" not in self.fields

    def _run(self, r, out: list, boxes: list) -> None:
        if _on(r.find(f"{_W}rPr/{_W}vanish")):           # hidden text: Word does not show or print it
            return
        parts = []
        for x in r:
            tag = x.tag
            if tag == f"{_W}fldChar":
                kind = x.get(f"{_W}fldCharType")
                if kind == "begin":
                    self.fields.append("instr")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == f"{_MC}AlternateContent":
                self._alternate(x, out, boxes)
                continue
            if tag in (f"{_W}drawing", f"{_W}pict", f"{_W}object"):
                self._boxes_in(x, boxes)
                continue
            if not self._showing():
                continue
            if tag == f"{_W}t":
                parts.append(x.text or "")
            elif tag == f"{_W}tab" or tag == f"{_W}ptab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}softHyphen":
                parts.append("\u00ad")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{_W}sym":
                parts.append(_sym(x))
        text = "".join(parts)
        if text:
            decoded = decode_run(text, self.fonts.run_font(r, self.para_font))
            out.append((decoded if decoded is not None else text, _run_bold(r, self.numbering, self.para_bold)))

    def _alternate(self, ac, out: list, boxes: list) -> None:
        """``mc:AlternateContent``: the first choice only (its fallback is the
        same content again, in VML)."""
        choice = ac.find(f"{_MC}Choice")
        chosen = choice if choice is not None else ac.find(f"{_MC}Fallback")
        if chosen is not None:
            self._inline(chosen, out, boxes)

    def _boxes_in(self, el, boxes: list) -> None:
        """Text boxes inside a drawing; nested alternate content read once."""
        stack = [el]
        while stack:
            node = stack.pop()
            for child in reversed(list(node)):
                if not isinstance(child.tag, str):
                    continue
                if child.tag == f"{_W}txbxContent":
                    boxes.append(child)
                elif child.tag == f"{_MC}AlternateContent":
                    choice = child.find(f"{_MC}Choice")
                    chosen = choice if choice is not None else child.find(f"{_MC}Fallback")
                    if chosen is not None:
                        stack.append(chosen)
                else:
                    stack.append(child)

    def _inline(self, el, out: list, boxes: list) -> None:
        """Paragraph content: runs and their transparent wrappers."""
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}r":
                self._run(child, out, boxes)
            elif tag == f"{_MC}AlternateContent":
                self._alternate(child, out, boxes)
            elif tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self._inline(content, out, boxes)
            elif tag in (f"{_W}delText", f"{_W}instrText"):
                continue
            elif tag in (f"{_W}drawing", f"{_W}pict", f"{_W}object"):
                self._boxes_in(child, boxes)
            elif tag == f"{_W}txbxContent":
                boxes.append(child)
            else:                                  # hyperlink, smartTag, ins, moveTo, fldSimple, customXml, bdo, dir…
                self._inline(child, out, boxes)

    def paragraph(self, p) -> tuple[str, bool, list]:
        """(text with its number label, all-bold, text boxes anchored in it)."""
        out: list[tuple[str, bool]] = []
        boxes: list = []
        ppr = p.find(f"{_W}pPr")
        styles = self.numbering
        by_style = styles.style_is_bold(_val(ppr.find(f"{_W}pStyle")) if ppr is not None else styles.default_para_style)
        if by_style is None and ppr is not None and ppr.find(f"{_W}pStyle") is None:
            by_style = styles.style_is_bold(styles.default_para_style)
        self.para_bold = styles.default_bold if by_style is None else by_style
        self.para_font = self.fonts.paragraph_font(ppr)
        self._inline(p, out, boxes)
        # a field instruction never runs past its paragraph: a damaged file with a
        # "begin" and no "separate"/"end" must not hide the rest of the document
        self.fields = ["result" if f == "instr" else f for f in self.fields]
        text = "".join(t for t, _ in out)
        deleted_mark = ppr is not None and ppr.find(f"{_W}rPr/{_W}del") is not None
        # a paragraph deleted with tracked changes on (its text and its mark) is gone,
        # number included; otherwise the number shows even on an empty paragraph
        label = None if deleted_mark and not text.strip() else self.numbering.label(ppr)
        shown = [b for t, b in out if t.strip()]
        bold = bool(shown) and all(shown)
        if label:
            text = f"{label} {text.lstrip()}" if text.strip() else label
        return text, bold, boxes

    # blocks -----------------------------------------------------------------------------
    def blocks(self, container) -> list:
        """Paragraph lines and tables of a body, text box or cell, in order."""
        blocks: list = []
        for el in _block_children(container):
            if el.tag == f"{_W}p":
                text, bold, boxes = self.paragraph(el)
                text = clean_text(text)
                first = True
                for piece in text.split("\n"):
                    if piece.strip():
                        blocks.append(RawLine(" ".join(piece.replace("\t", " ").split()), bold=bold, paragraph_break=first))
                        first = False
                for box in boxes:
                    blocks.extend(self.blocks(box))
            elif el.tag == f"{_W}tbl":
                spec = self.table_cells(el)
                plain = grid_rows(spec, copy_down=False)
                rows = grid_rows(spec)
                if is_layout_table(plain):
                    blocks.extend(layout_lines(plain))
                elif rows:
                    blocks.append(RawTable([[join_cell_lines(c.split("\n")) for c in r] for r in rows], rows_are_markup=True))
        return blocks

    def cell_lines(self, tc) -> list[str]:
        lines: list[str] = []
        for block in self.blocks(tc):
            if isinstance(block, RawLine):
                lines.append(block.text)
            else:                                  # a table nested in a cell: its cells in order
                for row in block.rows:
                    lines.extend(c for c in row if c.strip())
        return lines

    def table_cells(self, tbl) -> list[tuple[int, list[tuple[str, int, bool]]]]:
        """Each row as (empty grid columns before it, [(text, grid span, vertical continuation)]),
        a cell's lines joined by ``\\n``."""
        out = []
        for tr in _row_children(tbl):
            before = _int(tr.find(f"{_W}trPr/{_W}gridBefore"), 0) or 0
            cells: list[tuple[str, int, bool]] = []
            for tc in _cell_children(tr):
                span = _int(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1) or 1
                span = max(1, min(span, 64))
                vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
                cont = vmerge is not None and _val(vmerge) in (None, "continue")
                hmerge = tc.find(f"{_W}tcPr/{_W}hMerge")
                if hmerge is not None and _val(hmerge) in (None, "continue") and cells:
                    text, prev_span, prev_cont = cells[-1]       # Word 97's horizontal merge: widen the cell
                    cells[-1] = (text, prev_span + span, prev_cont)
                    continue
                cells.append((clean_text("\n".join(self.cell_lines(tc))), span, cont))
            out.append((max(0, min(before, 64)), cells))
        return out

    def table_rows(self, tbl) -> list[list[str]]:
        return grid_rows(self.table_cells(tbl))


def grid_rows(spec: list[tuple[int, list[tuple[str, int, bool]]]], copy_down: bool = True) -> list[list[str]]:
    """Cell texts on the table grid.

    See the module docstring for merged cells: vertical continuations repeat
    the cell above (``copy_down``), horizontal spans repeat across their
    columns, except in a group-heading row.  A cell merged down from the
    table's first row is a column heading spanning the header rows: it is not
    repeated (``TT`` written once over a two-row header is not a value of the
    second header row).  A continuation that holds text of its own (a merged
    cell whose later paragraphs a converter left in the lower part) keeps that
    text after the copy.  Layout tables are laid out without any copies, so a
    merged block is one set of lines.
    """
    rows: list[list[str]] = []
    origin: dict[int, int] = {}                       # grid column → row its vertical merge started in
    for r, (before, cells) in enumerate(spec):
        heading = _is_heading_row(cells)
        row: list[str] = [""] * before
        for text, span, cont in cells:
            col = len(row)
            if cont and rows:
                above = rows[-1]
                keep = copy_down and origin.get(col, r - 1) > 0
                values = [above[c] if keep and c < len(above) else "" for c in range(col, col + span)]
                if text.strip():                  # text of its own in the merged part is shown too
                    values = ["\n".join(v for v in (value, text) if v.strip()) for value in values]
            else:
                values = [text] + ([""] * (span - 1) if heading else [text] * (span - 1))
                for c in range(col, col + span):
                    origin[c] = r
            row.extend(values)
        rows.append(row)
    return rows


def _is_heading_row(cells: list[tuple[str, int, bool]]) -> bool:
    """One cell spanning several columns holds the row's only text, besides a
    short serial (``I``, ``A``, ``1``) in the first cell."""
    spanned = [i for i, (t, span, cont) in enumerate(cells) if span > 1 and t.strip() and not cont]
    if len(spanned) != 1:
        return False
    for i, (t, span, cont) in enumerate(cells):
        if i == spanned[0] or not t.strip():
            continue
        if i == 0 and len(t.strip()) <= 6 and " " not in t.strip():
            continue
        return False
    return True


def _unwrap(el, wanted: str):
    """Children of ``el`` with tag ``wanted``, looking through content controls,
    custom XML and tracked insertions/moves (deleted and moved-away ones skipped)."""
    for child in el:
        tag = child.tag
        if tag == wanted:
            yield child
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _unwrap(content, wanted)
        elif tag in (f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
            yield from _unwrap(child, wanted)
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            chosen = choice if choice is not None else child.find(f"{_MC}Fallback")
            if chosen is not None:
                yield from _unwrap(chosen, wanted)


def _block_children(container):
    for child in container:
        tag = child.tag
        if tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_children(content)
        elif tag in (f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
            yield from _block_children(child)
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            chosen = choice if choice is not None else child.find(f"{_MC}Fallback")
            if chosen is not None:
                yield from _block_children(chosen)


def _row_children(tbl):
    return _unwrap(tbl, f"{_W}tr")


def _cell_children(tr):
    return _unwrap(tr, f"{_W}tc")


# --- cells -------------------------------------------------------------------------------
_CONTINUES = re.compile(r"[,;:/&(\-–—+.!?…]$")


def join_cell_lines(lines: list[str]) -> str:
    """A table cell's paragraphs/line breaks on one line.

    ``"; "`` between two items — the next line starts with an upper-case letter
    and the previous one does not end in ``, ; : / & ( - – + . ! ?`` — so an
    owner list typed one name per line splits into owners; a space where the
    line only continues (``Tháng 6`` / ``năm 2026``, ``Phòng Tài chính -`` /
    ``Kế hoạch``, a bullet list ``- Sở A`` / ``- Sở B``).
    """
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
        elif line[0].isupper() and not _CONTINUES.search(out):
            out = f"{out}; {line}"
        else:
            out = f"{out} {line}"
    return out


def _load_part(document, reltype_suffix: str):
    from lxml import etree
    try:
        for rel in document.part.rels.values():
            if rel.reltype.endswith(reltype_suffix) and not rel.is_external:
                return etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True,
                                                                                 huge_tree=False))
    except Exception:                              # a damaged part: read the text without it
        return None
    return None


def _notes(walker: "_Walker", body, part, kind: str) -> list:
    """Footnotes (or endnotes) the body refers to, in the order of their
    references, read after the body as Word's text export lays them out.
    Separators and notes nothing refers to are not shown, so not read."""
    if part is None:
        return []
    notes = {n.get(f"{_W}id"): n for n in part.findall(f"{_W}{kind}")
             if n.get(f"{_W}type") in (None, "normal")}
    out: list = []
    seen = set()
    for ref in body.iter(f"{_W}{kind}Reference"):
        nid = ref.get(f"{_W}id")
        if nid in notes and nid not in seen:
            seen.add(nid)
            out.extend(walker.blocks(notes[nid]))
    return out


def read_docx(path: Path, options=None) -> RawDocument:
    from ..limits import Limits
    limits = getattr(options, "limits", None) or Limits()
    check_container(path, limits.max_docx_uncompressed, "DOCX")
    import docx
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise CorruptFile(f"DOCX cannot be read ({type(exc).__name__}: {exc})") from exc
    styles_el = _load_part(document, "/styles")
    numbering = Numbering(_load_part(document, "/numbering"), styles_el)
    walker = _Walker(numbering, StyleFonts(styles_el))
    body = document.element.body
    blocks = walker.blocks(body)
    blocks.extend(_notes(walker, body, _load_part(document, "/footnotes"), "footnote"))
    blocks.extend(_notes(walker, body, _load_part(document, "/endnotes"), "endnote"))
    legacy, warnings = convert_legacy_blocks(blocks)
    return RawDocument(blocks, [PageInfo(1, text_source="docx")], "docx", warnings, legacy_encoding=legacy)

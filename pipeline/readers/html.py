"""HTML: pages saved from government portals and Word's "Save as Web Page".

* **Charset**: a byte-order mark, then the ``<meta charset>`` /
  ``<meta http-equiv="Content-Type" content="…; charset=…">`` / XML declaration
  in the first bytes, then strict UTF-8, then Windows-1258 (Vietnamese Windows,
  which writes tones as combining marks), then Windows-1252.  The text is NFC
  afterwards (``clean_text``), so a cp1258 page reads like a UTF-8 one.
  Text whose font is named (``<font face>``, CSS ``font-family``) goes through
  ``decode_run`` like an office run, so ``.VnTimeH`` capitals can be told
  apart; the rest of a page typed in ``.VnTime``/``VNI-Times`` is converted by
  the same whole-document detection as DOCX.
* **Main content**: scripts, styles, forms, navigation (``nav``, ``header``,
  ``footer``, ``aside``, ARIA roles, and ids/classes such as ``menu``,
  ``breadcrumb``, ``sidebar``, ``footer``) are dropped.  When an ``article``,
  ``main`` or content-named container (``content``, ``noidung``, ``detail``,
  ``article``, ``vanban``…) holds most of what remains it is read alone;
  otherwise the element the paragraphs concentrate in (a small
  readability-style score) is, when it holds most of the text; otherwise the
  whole body.  Word's HTML (``WordSection``) is always read whole.
* **Tables** become :class:`RawTable` on their grid: ``rowspan`` and
  ``colspan`` fill every cell they cover, like merged Word cells (see
  :mod:`.docx`; a group-heading row spanning the table keeps its text once).
  ``<br>``, ``<p>``, ``<div>`` and ``<li>`` inside a cell separate its items
  (:func:`~.docx.join_cell_lines`).  A table that only lays out the page (it
  holds other tables, has a single column, or has a cell with headings or a
  page's worth of text) is read as flowing text;
  header/signature blocks become left/right column lines.
* Ordered lists get the numbers a browser shows (``type``, ``start``,
  ``value``); bullets become ``-``.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import CorruptFile
from ..model import PageInfo, RawDocument, RawLine, RawTable
from ..textnorm import clean_text
from .docx import _is_heading_row, _roman, _letters, join_cell_lines
from .layout_tables import is_layout_table, layout_lines
from .legacy_blocks import convert_legacy_blocks
from ..legacy_encoding import decode_run

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "section", "article", "main",
          "dt", "dd", "dl", "ul", "ol", "center", "address", "figure", "figcaption", "caption", "hr", "form", "fieldset",
          "table", "tr", "body", "html", "details", "summary", "legend"}
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "nav", "aside", "form", "button", "select",
              "input", "textarea", "svg", "canvas", "head", "title", "meta", "link", "object", "embed", "audio", "video",
              "map", "menu")
_BOILER = re.compile(r"(?:^|[\s_-])(?:menu|nav|navbar|breadcrumbs?|footer|header|sidebar|banner|share|social|"
                     r"comments?|search|login|cookie|advert|ads|related|tags|pagination|toolbar|topbar|"
                     r"skip|print|rating|lienquan|tinlienquan|quangcao)(?:$|[\s_-])", re.I)
_CONTENT = re.compile(r"(?:^|[\s_-])(?:content|noidung|noi-dung|detail|chitiet|article|main|vanban|post|entry|"
                      r"body-text|news-content|doc)(?:$|[\s_-])", re.I)
_BOLD = {"b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"}

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding used)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace"), enc
    m = _CHARSET.search(data[:8192])
    if m:
        name = (m.group(1) or m.group(2)).decode("ascii").lower()
        try:
            enc = codecs.lookup(name).name
        except LookupError:
            enc = None
        if enc:
            if enc in ("latin-1", "iso8859-1", "ascii", "us-ascii"):
                enc = "cp1252"                  # what browsers do with a "latin-1" label
            if enc not in ("utf-16", "utf-16-le", "utf-16-be"):      # the label lies once the bytes are 8-bit
                try:
                    return data.decode(enc), enc
                except UnicodeDecodeError:
                    pass
    for enc in ("utf-8", "cp1258", "cp1252"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace"), "utf-8"


def _classes(el) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''}"


def _strip_boilerplate(body) -> None:
    from lxml import etree
    etree.strip_elements(body, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for el in list(body.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    total = _text_len(body) or 1
    for el in list(body.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        role = (el.get("role") or "").lower()
        hidden = "display:none" in (el.get("style") or "").replace(" ", "").lower() or el.get("hidden") is not None
        if role in ("navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary") or hidden:
            el.drop_tree()
        elif el.tag in ("header", "footer") or (el.tag not in ("body", "html", "table", "tr", "td", "th", "tbody")
                                                and _BOILER.search(_classes(el))):
            # a name is only a hint: never drop what holds most of the page, nor an article's own header
            in_article = any(a.tag in ("article", "main") for a in el.iterancestors())
            if _text_len(el) < 0.5 * total and not (el.tag == "header" and in_article):
                el.drop_tree()


def _text_len(el) -> int:
    return len(" ".join(el.text_content().split()))


def _link_len(el) -> int:
    return sum(_text_len(a) for a in el.iter("a"))


def _main_content(body, word: bool):
    """The element holding the document (see the module docstring)."""
    total = _text_len(body) or 1
    if word or re.search(r"WordSection|Section1", " ".join(_classes(d) for d in body.iter("div"))):
        return body
    named = [el for el in body.iter("article", "main", "div", "section", "td")
             if el.tag in ("article", "main") or el.get("itemprop") == "articleBody" or _CONTENT.search(_classes(el))]
    named = [el for el in named if _text_len(el) >= 0.5 * total]
    if named:
        return min(named, key=_text_len)             # the tightest container that still holds most of the text
    scores: dict = {}
    known: dict = {}

    def layout(table) -> bool:
        if table not in known:
            known[table] = _is_page_layout(table)
        return known[table]

    for el in body.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "div"):
        if el.tag == "div" and any(c.tag in _BLOCK for c in el if isinstance(c.tag, str)):
            continue
        if el.tag == "table" and layout(el):
            continue
        holder = next((a for a in el.iterancestors("table")), None)
        if holder is not None and not layout(holder):              # inside a data table: the table counts
            continue
        n = _text_len(el)
        if n < 25:
            continue
        gain = 1 + min(n / 100, 3)
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + gain
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + gain / 2
    if not scores:
        return body
    best = max(scores, key=lambda e: scores[e] * (1 - _link_len(e) / max(_text_len(e), 1)))
    return best if _text_len(best) >= 0.6 * total else body


# --- walking ------------------------------------------------------------------------------
def _ol_label(kind: str | None, n: int) -> str:
    if kind == "a":
        return _letters(n) + "."
    if kind == "A":
        return _letters(n).upper() + "."
    if kind == "i":
        return _roman(n).lower() + "."
    if kind == "I":
        return _roman(n) + "."
    return f"{n}."


class _Flow:
    """Collects inline text into lines; block elements end lines."""

    def __init__(self):
        self.blocks: list = []
        self.parts: list[tuple[str, bool]] = []
        self.label: str | None = None         # a list item's number, waiting for the item's first text

    def text(self, s: str | None, bold: bool, font: str | None = None) -> None:
        """Source text: its line ends are spaces (only ``<br>`` and blocks break lines).
        Text set in a legacy font (``.VnTime``, ``VNI-Times``) goes through ``decode_run``."""
        if s and font and s.strip():
            decoded = decode_run(s, font)
            if decoded is not None:
                s = decoded
        if s:
            if self.label and s.strip():
                self.parts.append((self.label + " ", bold))
                self.label = None
            self.parts.append((s.replace("\r", " ").replace("\n", " "), bold))

    def newline(self) -> None:
        self.parts.append(("\n", False))

    def end_block(self) -> None:
        if self.parts:
            lines: list[list[tuple[str, bool]]] = [[]]
            for s, b in self.parts:
                pieces = s.split("\n")
                for i, piece in enumerate(pieces):
                    if i:
                        lines.append([])
                    lines[-1].append((piece, b))
            first = True
            for line in lines:
                text = " ".join(clean_text("".join(s for s, _ in line)).split())
                if not text:
                    continue
                shown = [b for s, b in line if s.strip()]
                self.blocks.append(RawLine(text, bold=bool(shown) and all(shown), paragraph_break=first))
                first = False
            self.parts = []


_FAMILY = re.compile(r"font-family\s*:\s*([^;]+)", re.I)


def _font(el) -> str | None:
    """The font a text node is set in: the nearest ``<font face>`` or CSS
    ``font-family`` (its first name) on the element or its ancestors."""
    while el is not None and isinstance(el.tag, str):
        face = el.get("face")
        if face:
            return face.split(",")[0].strip(" '\"") or None
        m = _FAMILY.search(el.get("style") or "")
        if m:
            return m.group(1).split(",")[0].strip(" '\"") or None
        el = el.getparent()
    return None


def _walk(el, flow: _Flow, bold: bool = False, label: str | None = None) -> None:
    if not isinstance(el.tag, str):                  # a comment or processing instruction left in place
        flow.text(el.tail, bold, _font(el.getparent()))
        return
    tag = el.tag
    outer = bold
    style = (el.get("style") or "").replace(" ", "").lower() if tag else ""
    bold = bold or tag in _BOLD or "font-weight:bold" in style or "font-weight:700" in style
    if tag == "br":
        flow.newline()
        flow.text(el.tail, outer, _font(el.getparent()))
        return
    if tag == "img":
        # an anchored shape inside a word ("T<img>\\nỈNH"): the line end after it is the
        # HTML writer's wrapping (LibreOffice, Word), not a space in the text
        tail = el.tail or ""
        if tail[:1] in ("\n", "\r") and flow.parts and flow.parts[-1][0][-1:].isalpha():
            tail = tail.lstrip()
        flow.text(tail, outer, _font(el.getparent()))
        return
    if tag == "table":
        flow.end_block()
        _table(el, flow)
        flow.text(el.tail, outer, _font(el.getparent()))
        return
    block = tag in _BLOCK
    if block:
        flow.end_block()
    if label:
        flow.label = label                   # shown before the item's first text, even inside a <p>
    flow.text(el.text, bold, _font(el))
    if tag in ("ol", "ul"):
        n = int(el.get("start")) if (el.get("start") or "").lstrip("-").isdigit() else 1
        for child in el:
            if isinstance(child.tag, str) and child.tag == "li":
                if (child.get("value") or "").isdigit():
                    n = int(child.get("value"))
                _walk(child, flow, bold, _ol_label(el.get("type"), n) if tag == "ol" else "-")
                n += 1
            else:
                _walk(child, flow, bold)
    else:
        for child in el:
            _walk(child, flow, bold)
    if label:
        flow.label = None                    # an empty item shows nothing
    if block:
        flow.end_block()
    flow.text(el.tail, outer, _font(el.getparent()))


def _cell_lines(td) -> list[str]:
    flow = _Flow()
    _walk_cell(td, flow)
    flow.end_block()
    return [b.text for b in flow.blocks if isinstance(b, RawLine)] + \
        [c for b in flow.blocks if isinstance(b, RawTable) for r in b.rows for c in r if c.strip()]


def _walk_cell(td, flow: _Flow) -> None:
    flow.text(td.text, False, _font(td))
    for child in td:
        _walk(child, flow)


def _rows_of(table) -> list:
    rows = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if isinstance(c.tag, str) and c.tag == "tr")
    return rows


def _span(el, name: str) -> int:
    v = (el.get(name) or "1").strip()
    return max(1, min(int(v), 64)) if v.isdigit() else 1


def _lays_out_page(trs) -> bool:
    """Old portals lay the page out in a table (menu | article): a cell that holds
    headings, or more text than any task description (1500 characters), is a
    page region, not a data cell."""
    for tr in trs:
        for td in tr:
            if isinstance(td.tag, str) and td.tag in ("td", "th"):
                if any(True for _ in td.iter("h1", "h2", "h3", "h4", "h5", "h6")) or _text_len(td) > 1500:
                    return True
    return False


def _is_page_layout(table) -> bool:
    trs = _rows_of(table)
    nested = any(t is not table for t in table.iter("table"))
    width = max((sum(_span(c, "colspan") for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")) for tr in trs),
                default=0)
    return nested or width <= 1 or _lays_out_page(trs)


def _table(table, flow: _Flow) -> None:
    trs = _rows_of(table)
    if _is_page_layout(table):                       # a layout table: its cells are the page's flow
        for tr in trs:
            for td in tr:
                if isinstance(td.tag, str) and td.tag in ("td", "th"):
                    _walk_cell(td, flow)
                    flow.end_block()
        return
    rows: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}          # column → (text, rows still covered)
    for tr in trs:
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        texts = [(clean_text("\n".join(_cell_lines(td))), _span(td, "colspan"), False) for td in cells]
        heading = _is_heading_row(texts)
        row: list[str] = []
        col = 0

        def fill_pending() -> None:
            nonlocal col
            while col in pending:
                text, left = pending[col]
                row.append(text)
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (text, left - 1)
                col += 1

        for td, (text, colspan, _) in zip(cells, texts):
            fill_pending()
            rowspan = _span(td, "rowspan")
            values = [text] + ([""] * (colspan - 1) if heading else [text] * (colspan - 1))
            for v in values:
                if rowspan > 1:
                    pending[col] = (v, rowspan - 1)
                row.append(v)
                col += 1
        fill_pending()
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows if any(c.strip() for c in r)]
    if not rows:
        return
    if is_layout_table(rows):
        flow.blocks.extend(layout_lines(rows))
    else:
        flow.blocks.append(RawTable([[join_cell_lines(c.split("\n")) for c in r] for r in rows], rows_are_markup=True))


def read_html(path: Path, options=None) -> RawDocument:
    from lxml import etree, html as lxml_html
    data = path.read_bytes()
    text, encoding = decode_html(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml_html.document_fromstring(text, parser=lxml_html.HTMLParser(remove_comments=True, remove_pis=True,
                                                                                no_network=True, huge_tree=False))
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFile(f"HTML cannot be read ({exc})") from exc
    word = any("word" in (m.get("content") or "").lower() for m in root.iter("meta")
               if (m.get("name") or "").lower() in ("generator", "progid"))
    body = root.find("body")
    if body is None:
        body = root
    _strip_boilerplate(body)
    content = _main_content(body, word)
    flow = _Flow()
    _walk_cell(content, flow)
    flow.end_block()
    blocks = flow.blocks
    warnings = ["HTML bytes are not valid in any known charset: undecodable bytes replaced"] if "\ufffd" in text else []
    legacy, legacy_warnings = convert_legacy_blocks(blocks)
    return RawDocument(blocks, [PageInfo(1, text_source="html")], "html", warnings + legacy_warnings, legacy_encoding=legacy)

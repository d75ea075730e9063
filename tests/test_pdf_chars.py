"""The pdfium fast path (pipeline.readers.pdf_chars) must give pdfplumber's words.

Every page it accepts is compared word for word (text and boxes) with
pdfplumber's own ``extract_words``; the pages it must refuse (ruled tables,
legacy fonts, glyph-id fonts) are checked to fall back, for the reason given.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pdfplumber.utils import extract_words

from vanban.pipeline.readers.pdf_chars import FALLBACK, page_chars

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import make_pdf_samples as mk  # noqa: E402

SAMPLES = sorted(p for p in (ROOT / "samples").glob("*.pdf") if not p.name.endswith(".scan.pdf"))
BOX_SLACK = 1.0        # points: pdfium rounds glyph widths to whole units, pdfminer does not: on
                       # a producer with fractional widths x drifts along a line (0.5 pt seen)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return mk.make_all(tmp_path_factory.mktemp("pdf_chars"))


def _read_pages(path: Path):
    """(number, pdfplumber page, pdfium's FastPage) of every page."""
    with pdfplumber.open(path) as pdf:
        doc = pdfium.PdfDocument(str(path))
        try:
            for number, page in enumerate(pdf.pages, start=1):
                yield number, page, page_chars(doc[number - 1], float(page.height))
        finally:
            doc.close()


def _pages(path: Path):
    for number, page, fast in _read_pages(path):
        yield number, page, fast.chars, fast.reason


def _assert_same_words(path: Path, page, chars, number: int) -> None:
    want = extract_words(page.chars, return_chars=True)
    got = extract_words(chars, return_chars=True)
    assert [w["text"] for w in got] == [w["text"] for w in want], f"{path.name} page {number}"
    for g, w in zip(got, want):
        assert all(abs(g[k] - w[k]) <= BOX_SLACK for k in ("x0", "x1", "top", "bottom")), (path.name, number, w["text"])
        assert [c["fontname"].split("+")[-1] for c in g["chars"]] == [c["fontname"].split("+")[-1] for c in w["chars"]]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_fast_pages_of_the_samples_give_pdfplumbers_words(path):
    fast = 0
    for number, page, chars, why in _pages(path):
        if chars is not None:
            fast += 1
            _assert_same_words(path, page, chars, number)
        else:
            assert why in FALLBACK
    assert fast >= 2                       # the plain text pages do take the fast path


def test_generated_pdfs_fast_or_fall_back_for_a_reason(generated):
    seen = set()
    for name, path in generated.items():
        if not str(path).endswith(".pdf"):
            continue
        for number, page, chars, why in _pages(path):
            if chars is None:
                assert why in FALLBACK, (name, why)
                seen.add(why)
            elif page.chars:
                _assert_same_words(path, page, chars, number)
    assert "legacy_font" in seen           # TCVN3/VNI pages are decoded from pdfminer's chars


def _assert_same_edges(got: list[dict], want: list[dict], where) -> None:
    """The same edges, each within 0.02 pt (pdfium keeps points as 32-bit floats)."""
    def key(e):
        return e["orientation"] or "", e["x0"], e["x1"], e["top"], e["bottom"]
    left = sorted(map(key, got))
    assert len(left) == len(want), where
    for w in sorted(map(key, want)):
        match = next((g for g in left if g[0] == w[0] and all(abs(a - b) <= 0.02 for a, b in zip(g[1:], w[1:]))), None)
        assert match is not None, (where, w)
        left.remove(match)


def _ruled_pages(path: Path):
    """(number, pdfplumber page, pdfium's FastPage) of each page with drawn ruling."""
    return ((number, page, fast) for number, page, fast in _read_pages(path) if fast.edges)


RULED = [ROOT / "samples" / "000_1e1698cb1e74ad37.pdf",
         ROOT.parent / "shared" / "realdocs" / "more" / "Bao-cao-cac-chi-so-cua-tinh-06.11s.pdf"]


@pytest.mark.parametrize("path", RULED, ids=lambda p: p.name)
def test_ruled_pages_give_pdfplumbers_edges_and_tables(path):
    """A ruled page keeps the fast path: its drawn paths become pdfplumber's own
    edges (pdfminer's lines, rectangles and curves), and pdfplumber's table
    finder on them and on pdfium's chars finds the same tables, cell for cell."""
    from vanban.pipeline.readers.pdf import _DrawnPage, _find_tables, _table_rows
    if not path.exists():
        pytest.skip(f"{path} is not here")
    ruled = 0
    for number, page, fast in _ruled_pages(path):
        ruled += 1
        _assert_same_edges(fast.edges, page.edges, (path.name, number))
        if fast.chars is None:
            continue
        _assert_same_words(path, page, fast.chars, number)
        want = [(t.bbox, _table_rows(t)) for t in _find_tables(page)]
        got = [(t.bbox, _table_rows(t)) for t in _find_tables(_DrawnPage(page, fast.chars, fast.edges))]
        assert [rows for _, rows in got] == [rows for _, rows in want], (path.name, number)
        assert all(abs(a - b) < 0.05 for (x, _), (y, _) in zip(got, want) for a, b in zip(x, y))
    assert ruled


def test_generated_ruled_table_keeps_the_fast_path(generated):
    """The born-digital plan's table-only page is ruled by plain lines and boxes:
    read by pdfium, its table still found by pdfplumber's finder."""
    ruled = 0
    for number, page, fast in _ruled_pages(generated["born_digital.pdf"]):
        ruled += 1
        assert fast.reason is None
        _assert_same_edges(fast.edges, page.edges, number)
    assert ruled


def test_pdfminers_reading_of_a_subpath():
    """pdfminer's classification, applied to pdfium's points: a rectangle drawn
    as ``re`` (pdfium: m l l l l+close), a two-point line, a closed non-square
    quadrilateral (a curve), and a redundant closing ``l``."""
    from vanban.pipeline.readers.pdf_chars import _shape
    rect = [("m", (0, 0)), ("l", (0, 10)), ("l", (20, 10)), ("l", (20, 0)), ("l", (0, 0)), ("h", (0, 0))]
    assert _shape(rect) == ("rect", [(0, 0), (20, 10)])
    assert _shape([("m", (0, 0)), ("l", (0, 50))]) == ("line", [(0, 0), (0, 50)])
    skew = [("m", (0, 0)), ("l", (5, 10)), ("l", (20, 10)), ("l", (20, 0)), ("h", (0, 0))]
    assert _shape(skew)[0] == "curve"
    assert _shape([("m", (0, 0)), ("l", (0, 9)), ("l", (0, 0)), ("h", (0, 0))]) == ("line", [(0, 0), (0, 9)])


def test_generated_space_is_kept_only_where_a_real_one_was():
    from vanban.pipeline.readers.pdf_chars import _restore_spaces
    a = {"text": "a", "fontname": "F", "size": 10.0, "upright": True, "doctop": 0.0, "x0": 0.0, "x1": 5.0, "top": 0.0, "bottom": 10.0, "width": 5.0}
    b = {**a, "text": "b", "x0": 7.0, "x1": 12.0}
    far = {**a, "text": "c", "x0": 20.0, "x1": 25.0}
    # a dropped space object in the 2-point gap: a real space, restored
    chars, why = _restore_spaces([a, b], [1], [(5.0, 8.0)])
    assert why is None and [c["text"] for c in chars] == ["a", " ", "b"]
    # the same gap with no dropped object: pdfplumber may or may not split there
    assert _restore_spaces([a, b], [1], []) == (None, "unsure_space")
    # a gap wider than pdfplumber's word gap splits by position alone: no space is
    # laid across it (it would split glyphs drawn inside it later, a chart's labels)
    chars, why = _restore_spaces([a, far], [1], [])
    assert why is None and [c["text"] for c in chars] == ["a", "c"]
    inside = [{**a, "text": "x", "x0": 5.5, "x1": 12.0}, {**a, "text": "y", "x0": 12.5, "x1": 19.5}]
    assert [w["text"] for w in extract_words(chars + inside)] == ["axyc"]


def test_a_line_end_hyphen_is_read_back_from_its_width():
    """pdfium writes U+0002 for a hyphen ending a line ("… văn hóa-" on the sample's
    third page); its width is the font's hyphen-minus, so the page keeps the fast
    path with pdfplumber's "-"."""
    path = ROOT / "samples" / "004_d5409b736efdaf35.pdf"
    for number, page, chars, why in _pages(path):
        if number == 3:
            assert why is None and "-" in "".join(c["text"] for c in chars)
            _assert_same_words(path, page, chars, number)

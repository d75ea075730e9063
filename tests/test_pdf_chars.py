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


def _pages(path: Path):
    with pdfplumber.open(path) as pdf:
        doc = pdfium.PdfDocument(str(path))
        try:
            for number, page in enumerate(pdf.pages, start=1):
                chars, why = page_chars(doc[number - 1], float(page.height))
                yield number, page, chars, why
        finally:
            doc.close()


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


def test_ruled_table_page_falls_back(generated):
    """The born-digital plan's table-only page is ruled: pdfplumber finds its table."""
    reasons = [why for _, _, _, why in _pages(generated["born_digital.pdf"])]
    assert "ruling" in reasons


def test_generated_space_is_kept_only_where_a_real_one_was():
    from vanban.pipeline.readers.pdf_chars import _restore_spaces
    a = {"text": "a", "fontname": "F", "size": 10.0, "x0": 0.0, "x1": 5.0, "top": 0.0, "bottom": 10.0, "width": 5.0}
    b = {**a, "text": "b", "x0": 7.0, "x1": 12.0}
    far = {**a, "text": "c", "x0": 20.0, "x1": 25.0}
    # a dropped space object in the 2-point gap: a real space, restored
    chars, why = _restore_spaces([a, b], [1], [(5.0, 8.0)])
    assert why is None and [c["text"] for c in chars] == ["a", " ", "b"]
    # the same gap with no dropped object: pdfplumber may or may not split there
    assert _restore_spaces([a, b], [1], []) == (None, "unsure_space")
    # a gap wider than pdfplumber's word gap splits either way
    chars, why = _restore_spaces([a, far], [1], [])
    assert why is None and [c["text"] for c in chars] == ["a", " ", "c"]

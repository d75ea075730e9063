"""The per-file time limit grows with the page count.

A one-page file is held to ``max_seconds``; each further page adds
``seconds_per_page``.  The page count is reported from inside the worker by the
reader (``limits.report_pages``) and the parent's fence moves the deadline — the
real fence (:func:`pipeline.isolate.run_isolated`) is tested here with workers
that report a page count and then take a known time, scaled down to seconds.
"""

from __future__ import annotations

import time

from vanban.pipeline import limits as limits_module
from vanban.pipeline.isolate import run_isolated
from vanban.pipeline.limits import Limits, listen_for_pages, report_pages
from vanban.pipeline.run import ParseOptions

from .conftest import SAMPLES


def test_the_limit_is_a_base_plus_a_budget_per_further_page():
    limits = Limits(max_seconds=300, seconds_per_page=15, max_pages=500)
    assert limits.seconds_for(None) == 300          # length not known yet: the base
    assert limits.seconds_for(1) == 300
    assert limits.seconds_for(80) == 300 + 79 * 15
    assert limits.seconds_for(100) == 300 + 99 * 15
    assert limits.seconds_for(10_000) == limits.seconds_for(500)   # readers refuse more pages anyway
    assert Limits(max_seconds=0).seconds_for(80) == 0              # 0: no limit


def test_the_defaults_leave_a_long_scan_several_seconds_a_page():
    """80 pages of single-threaded Tesseract with another file beside it: ~4–7 s a page here."""
    assert Limits().seconds_for(80) / 80 >= 12
    assert Limits().seconds_for(1) <= 300


def _work(item):
    """Report ``pages`` (unless None), then take ``seconds``."""
    pages, seconds = item
    if pages is not None:
        report_pages(pages)
    time.sleep(seconds)
    return {"status": "ok", "pages": pages}


def test_a_worker_that_reports_more_pages_gets_more_time():
    limits = Limits(max_seconds=1.0, seconds_per_page=1.0)
    items = [(4, 2.5),        # limit 4 s: finishes
             (None, 2.5),     # limit 1 s: stopped
             (2, 2.5)]        # limit 2 s: stopped, the message says for how many pages
    started = time.monotonic()
    out = {item: record for item, record in run_isolated(items, _work, limits, jobs=3)}
    elapsed = time.monotonic() - started
    assert out[(4, 2.5)] == {"status": "ok", "pages": 4}
    assert out[(None, 2.5)]["error"]["code"] == "timeout"
    assert out[(2, 2.5)]["error"]["code"] == "timeout"
    assert "2 s for 2 pages" in out[(2, 2.5)]["error"]["message"]
    assert elapsed < 4.5                                # nobody waited past their own deadline


def test_outside_a_worker_a_report_goes_nowhere():
    listen_for_pages(None)
    report_pages(80)                                    # no listener: nothing happens


def test_the_pdf_reader_reports_its_page_count():
    from vanban.pipeline.readers.pdf import read_pdf
    heard = []
    listen_for_pages(heard.append)
    try:
        read_pdf(SAMPLES / "000_1e1698cb1e74ad37.pdf", ParseOptions())
    finally:
        listen_for_pages(None)
    assert heard == [6]
    assert limits_module._listener is None


def test_a_generated_long_law_has_exactly_its_pages_and_reports_them(tmp_path):
    """The generator behind the long-document bench (kept small here: 4 pages)."""
    import sys
    sys.path.insert(0, str(SAMPLES.parent / "scripts"))
    from make_long_docs import make_law
    from vanban.pipeline.readers.pdf import read_pdf
    law = make_law(tmp_path / "law.pdf", 4)
    heard = []
    listen_for_pages(heard.append)
    try:
        raw = read_pdf(law, ParseOptions())
    finally:
        listen_for_pages(None)
    assert heard == [4] and len(raw.pages) == 4
    assert any("Điều 1." in getattr(b, "text", "") for b in raw.blocks)

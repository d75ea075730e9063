"""The review page and the web app, opened in headless Chromium.

Every test renders real pages — Tesseract on the degraded scan, the text layer
of a born-digital letter, the transcription — and asserts on the DOM Chromium
built: task rows, highlight boxes on the known citations, what a click lights.
Screenshots go to ``tests/screenshots`` (git-ignored) for a human to look at.
"""

from __future__ import annotations

import io
import urllib.request
from pathlib import Path

import pytest

from vanban.pipeline.review.marks import Mark
from vanban.pipeline.review.page import review_file, text_segments

from .browser import by_css, serving, start_chromium
from .conftest import REALDOCS, ROOT, SAMPLES, need_realdocs

SHOTS = ROOT / "tests" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


def _shot(driver, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / name
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 20_000            # a real picture, not a blank page
    return path


def _open_review(browser, source: Path, tmp_path: Path) -> dict:
    out = tmp_path / (source.name + ".html")
    record = review_file(source, out)
    browser.get(out.as_uri())
    return record


def test_review_of_a_scan_draws_on_the_page_and_a_click_lights_the_task(browser, tmp_path):
    record = _open_review(browser, SAMPLES / "000_1e1698cb1e74ad37.scan.pdf", tmp_path)
    assert len(by_css(browser, ".page img")) == 6
    rows = by_css(browser, "tr.task-row")
    assert len(rows) == len(record["tasks"]) == 30
    basis = [b for b in by_css(browser, ".box.citation") if "7196/QĐ-UBND" in b.get_attribute("title")]
    assert basis and basis[0].find_element("xpath", "..").get_attribute("data-page") == "1"
    # the task table runs over pages 4–6: each task's row is boxed on its own page
    pages = {t["ref"]: b.find_element("xpath", "..").get_attribute("data-page")
             for t in record["tasks"] for b in by_css(browser, f'.box.task[data-task="{t["id"]}"]')}
    assert (pages["1"], pages["9"], pages["15"]) == ("4", "5", "6")
    row6 = next(r for r in rows if r.find_elements("css selector", "td")[0].text == "6")
    row6.click()
    lit = by_css(browser, ".box.active")
    kinds = {b.get_attribute("data-kind") for b in lit}
    assert {"task", "lead", "support", "deadline"} <= kinds
    assert "active" in row6.get_attribute("class")
    assert browser.execute_script("return arguments[0].getBoundingClientRect().top", lit[0]) >= 0
    _shot(browser, "review-scan.png")
    # warnings are shown, and a citation OCR read two ways is marked
    assert len(by_css(browser, "ul.warnings li")) == len(record["warnings"])


def test_review_of_a_born_digital_letter(browser, tmp_path):
    need_realdocs()
    record = _open_review(browser, REALDOCS / "CV-7432-UBND-XD-21-7-2026-trien-khai-QD-1074.pdf", tmp_path)
    assert record["document"]["number"] == "7432/UBND-XD"
    cited = [b for b in by_css(browser, ".box.citation") if b.get_attribute("title").startswith("1074/QĐ-BXD")]
    assert cited
    box = cited[0].rect
    picture = cited[0].find_element("xpath", "../img").rect
    assert picture["x"] <= box["x"] < picture["x"] + picture["width"] and box["width"] > 20
    assert by_css(browser, "tr.task-row")
    assert by_css(browser, '[data-field="number"]')[0].text == "7432/UBND-XD"


def test_review_of_a_stamped_scan_marks_what_is_uncertain(browser, tmp_path):
    """QD-2338: number and day handwritten over a red stamp; one citation read two ways."""
    need_realdocs()
    record = _open_review(browser, REALDOCS / "QD-2338-2026-CTDT-KCN-Phu-Xuan-1.pdf", tmp_path)
    assert record["document"]["number"] is None
    assert "không đọc được" in by_css(browser, '[data-field="number"] .null')[0].text
    low = by_css(browser, ".box.low_conf")
    assert low and all(b.find_element("xpath", "..").get_attribute("data-page") for b in low)
    uncertain = [c for c in record["citations"] if c["ocr_uncertain"]]
    assert uncertain and len(by_css(browser, ".box.citation.warn")) >= len(uncertain)
    assert len(by_css(browser, "ul.warnings li")) == len(record["warnings"]) >= 2


def test_review_of_text_highlights_spans(browser, tmp_path):
    record = _open_review(browser, SAMPLES / "000_1e1698cb1e74ad37.txt", tmp_path)
    assert not by_css(browser, ".page")
    marks = [m for m in by_css(browser, "pre.text .m.citation") if "61/2018/NĐ-CP" in m.get_attribute("title")]
    assert marks and marks[0].text.startswith("Nghị định số 61/2018/NĐ-CP")
    rows = by_css(browser, "tr.task-row")
    rows[-1].click()
    lit = by_css(browser, "pre.text .m.active")
    assert lit and record["tasks"][-1]["description"] in "".join(m.text for m in lit)
    _shot(browser, "review-text.png")


def test_review_escapes_document_text(tmp_path):
    """Document text is data: a '<script>' in a plan is shown, never run."""
    src = tmp_path / "kehoach.txt"
    src.write_text((SAMPLES / "004_d5409b736efdaf35.txt").read_text("utf-8")
                   .replace("KẾ HOẠCH", "KẾ HOẠCH <script>alert(1)</script>", 1), "utf-8")
    out = tmp_path / "r.html"
    review_file(src, out)
    html = out.read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html


def test_a_row_split_by_a_page_break_keeps_both_regions():
    from vanban.pipeline.model import RawLine, RawTable
    from vanban.pipeline.tables import merge_tables
    header = ["STT", "Nội dung", "Chủ trì", "Thời gian"]
    box = lambda page, top: [[(page, (0.0, top, 10.0, top + 5))] for _ in header]   # noqa: E731
    first = RawTable([header, ["1", "Rà soát thủ tục", "Văn phòng", "Quý I"], ["2", "Công khai kết quả", "Văn", "Năm"]],
                     page=1, cell_boxes=[box(1, 0), box(1, 10), box(1, 20)])
    second = RawTable([header, ["", "trên Cổng dịch vụ công", "phòng", "2024"], ["3", "Tổng kết", "Văn phòng", "Tháng 12"]],
                      page=2, cell_boxes=[box(2, 0), box(2, 10), box(2, 20)])
    [table] = merge_tables([first, RawLine("- 2 -", page=1), second])
    assert [r[0] for r in table.rows] == ["STT", "1", "2", "3"]
    assert table.rows[2][1] == "Công khai kết quả trên Cổng dịch vụ công"
    boxes = table.boxes_of()
    assert [p for p, _ in boxes[2][1]] == [1, 2] and [p for p, _ in boxes[3][1]] == [2]
    assert len(boxes) == len(table.rows) and all(len(b) == len(r) for b, r in zip(boxes, table.rows))


def test_review_command_on_a_broken_file(tmp_path):
    import subprocess
    import sys
    from . import hostile
    bad = hostile.truncated_pdf(tmp_path / "broken.pdf")
    out = tmp_path / "broken.html"
    proc = subprocess.run([sys.executable, "-m", "vanban.pipeline.cli", "review", str(bad), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1 and ("damaged or truncated" in proc.stderr or "cannot be read" in proc.stderr)
    assert not out.exists() and "Traceback" not in proc.stderr


@pytest.mark.parametrize("marks,pieces", [
    ([], [("abcdef", [])]),
    ([Mark("task", 0, 6, "t"), Mark("lead", 2, 4, "o")], [("ab", ["task"]), ("cd", ["lead", "task"]), ("ef", ["task"])]),
    ([Mark("citation", 1, 3, "c"), Mark("deadline", 3, 5, "d")], [("a", []), ("bc", ["citation"]), ("de", ["deadline"]), ("f", [])]),
    ([Mark("low_conf", 2, 2, "empty")], [("ab", []), ("cdef", [])]),
])
def test_text_segments_cut_at_every_boundary(marks, pieces):
    assert [(s.text, s.kinds) for s in text_segments("abcdef", marks)] == pieces


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory):
    from vanban.pipeline.corpus.ingest import ingest
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    inputs = [SAMPLES / n for n in ("000_1e1698cb1e74ad37.txt", "000_1e1698cb1e74ad37.pdf", "004_d5409b736efdaf35.docx")]
    ingest([str(p) for p in inputs], path, jobs=2, progress=False)
    return path


def test_web_app_search_document_tasks_export(browser, corpus_path):
    import pandas as pd
    from vanban.pipeline.web.app import create_app
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    with serving(create_app(corpus_path, cache_dir=corpus_path.parent / "pages")) as base:
        browser.get(base + "/")
        # three files, two documents: the plan's .txt and .pdf are one row that says so
        assert [td.text for td in by_css(browser, "#documents td.copies")] == ["2", "1"]
        assert browser.find_element(By.ID, "counts").text == "2 văn bản · 3 tệp · 0 lỗi"
        box = browser.find_element(By.NAME, "q")
        box.send_keys("cai cach hanh chinh")         # no tone marks
        box.submit()
        assert browser.find_element(By.ID, "result-count").text == "2 kết quả"
        marks = by_css(browser, ".snippet mark")
        assert marks and marks[0].text.lower() == "cải cách hành chính"
        _shot(browser, "web-search.png")
        hit = next(a for a in by_css(browser, "a.hit-link") if a.text.startswith("43/KH-UBND"))
        hit.click()
        assert len(by_css(browser, "tr.task-row")) == 30
        assert [m for m in by_css(browser, ".m.citation") if "7196/QĐ-UBND" in m.get_attribute("title")]
        nav = {a.text: a.get_attribute("href") for a in by_css(browser, "header nav a")}
        assert nav["Tìm kiếm"] == base + "/" and nav["Nhiệm vụ"] == base + "/tasks"   # the app's navigation bar
        pictures = [href for text, href in nav.items() if text.startswith("Ảnh trang")]
        assert pictures                               # the PDF copy is on disk: its pages can be drawn
        browser.get(pictures[0])
        # drawing takes seconds: a page says so and reloads itself until the pictures are there
        assert "Đang đọc lại tệp nguồn" in browser.find_element(By.ID, "pictures-progress").text
        WebDriverWait(browser, 90).until(lambda b: by_css(b, ".page img"))
        assert len(by_css(browser, ".page img")) == 6 and by_css(browser, ".box.citation")
        row = by_css(browser, "tr.task-row")[0]
        row.click()                                   # the page's script runs under the app's CSP
        assert "active" in row.get_attribute("class") and by_css(browser, ".box.active")
        assert list((corpus_path.parent / "pages").glob("*.html"))   # kept on disk for the next visit

        browser.get(base + "/tasks?owner=VP+UBND+x%C3%A3&role=lead")
        assert browser.find_element(By.ID, "task-count").text == "16 nhiệm vụ"
        due = [td.text for td in by_css(browser, "#tasks td.due")]
        assert due == sorted(due, key=lambda d: (d == "", d))
        browser.get(base + "/tasks?sort=-due")
        due = [td.text for td in by_css(browser, "#tasks td.due") if td.text]
        assert due == sorted(due, reverse=True) and due
        _shot(browser, "web-tasks.png")
        browser.get(base + "/tasks?owner=VP+UBND+x%C3%A3&role=lead")
        link = next(a for a in by_css(browser, "a.export") if a.text == "CSV").get_attribute("href")
        data = urllib.request.urlopen(link, timeout=30).read()
        frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
        assert len(frame) == 16 and "Chủ trì" in frame.columns
        ics = next(a for a in by_css(browser, "a.export") if a.text == "ICS").get_attribute("href")
        assert urllib.request.urlopen(ics, timeout=30).read().count(b"BEGIN:VTODO") == 16

"""The OCR engine underneath: the Tesseract API (tesserocr) against the
``tesseract`` program, blank pages, and page images taken lazily.

Real Tesseract on a real rendered line of Vietnamese (DejaVu, as setup installs it).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from vanban.pipeline import ocr

LINE = "Ủy ban nhân dân xã Bình Yên"


def _line_image(text: str = LINE) -> np.ndarray:
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    img = Image.new("L", (900, 110), 255)
    ImageDraw.Draw(img).text((30, 30), text, font=font, fill=0)
    return np.asarray(img).copy()


def _engine(monkeypatch, name: str) -> None:
    monkeypatch.setenv("VANBAN_TESSERACT", name)
    ocr._api_module.cache_clear()
    ocr.tesseract_version.cache_clear()


@pytest.fixture(autouse=True)
def _reset_engine_choice():
    yield
    ocr._api_module.cache_clear()
    ocr.tesseract_version.cache_clear()


def test_api_reads_what_the_program_reads(monkeypatch):
    pytest.importorskip("tesserocr")
    _engine(monkeypatch, "program")
    by_program = ocr.tesseract_words(_line_image(), "vie", 30)
    _engine(monkeypatch, "api")
    assert ocr._api_module() is not None
    by_api = ocr.tesseract_words(_line_image(), "vie", 30)
    assert " ".join(w.text for w in by_api) == " ".join(w.text for w in by_program) == LINE
    for a, b in zip(by_api, by_program):
        assert max(abs(p - q) for p, q in zip(a.bbox, b.bbox)) <= 2
        assert a.conf > 80


SCAN = Path(__file__).resolve().parent.parent / "samples" / "000_1e1698cb1e74ad37.scan.pdf"


def test_a_scanned_page_reads_the_same_through_the_api(monkeypatch):
    """A whole real rendered-and-degraded page (stamp, skew), as the pipeline
    prepares it: the API built against the system libtesseract gives the
    program's words, boxes and confidences."""
    tesserocr = pytest.importorskip("tesserocr")
    if ocr._library_version(tesserocr) != ocr._program_version():
        pytest.skip("tesserocr is linked against another libtesseract than the program")
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(SCAN))
    gray = ocr.to_gray(pdf[0].render(scale=200 / 72).to_pil())
    pdf.close()
    gray = ocr.deskew(gray, ocr.estimate_skew(gray))
    _engine(monkeypatch, "program")
    by_program = ocr.tesseract_words(gray, "vie", 120)
    _engine(monkeypatch, "api")
    by_api = ocr.tesseract_words(gray, "vie", 120)
    assert len(by_program) > 200
    assert [w.text for w in by_api] == [w.text for w in by_program]
    assert [w.bbox for w in by_api] == [w.bbox for w in by_program]
    # the program's TSV prints confidences rounded; the API gives them whole
    assert max(abs(a.conf - b.conf) for a, b in zip(by_api, by_program)) <= 1


def test_default_engine_is_the_api_only_on_the_programs_own_library(monkeypatch):
    tesserocr = pytest.importorskip("tesserocr")
    _engine(monkeypatch, "")
    monkeypatch.setattr(ocr, "_program_version", lambda: ocr._library_version(tesserocr))
    assert ocr._api_module() is tesserocr
    assert ocr.engine_name() == f"tesserocr {ocr._library_version(tesserocr)}"
    ocr._api_module.cache_clear()
    monkeypatch.setattr(ocr, "_program_version", lambda: "4.1.1")     # a wheel bundling another libtesseract
    assert ocr._api_module() is None
    assert ocr.engine_name() == "tesseract program"
    ocr._api_module.cache_clear()
    monkeypatch.setenv("VANBAN_TESSERACT", "api")                      # asked for: whatever is installed
    assert ocr._api_module() is tesserocr


def test_the_program_can_be_forced(monkeypatch):
    _engine(monkeypatch, "program")
    assert ocr._api_module() is None
    assert ocr.engine_name() == "tesseract program"
    assert ocr.tesseract_words(_line_image(), "vie", 30)[0].text == "Ủy"


def test_api_engine_is_loaded_once_per_thread(monkeypatch):
    pytest.importorskip("tesserocr")
    _engine(monkeypatch, "api")
    first = ocr._api("vie", 3)
    assert ocr._api("vie", 7) is first
    other: list = []
    worker = threading.Thread(target=lambda: other.append(ocr._api("vie", 3)))
    worker.start()
    worker.join()
    assert other[0] is not first                # engines are not shared between threads


@pytest.mark.parametrize("engine", ["api", "program"])
def test_blank_page_has_no_words(monkeypatch, engine):
    if engine == "api":
        pytest.importorskip("tesserocr")
    _engine(monkeypatch, engine)
    assert ocr.tesseract_words(np.full((300, 400), 255, np.uint8), "vie", 30) == []


def test_pages_are_drawn_only_as_threads_free_up():
    drawn: list[int] = []
    finished: list[int] = []
    ahead: list[int] = []

    def pages():
        for n in range(1, 9):
            ahead.append(len(drawn) - len(finished))   # pages held before this one is drawn
            drawn.append(n)
            yield n

    def work(n):
        time.sleep(0.02)
        finished.append(n)
        return n * 10
    assert ocr._bounded_map(work, pages(), jobs=2) == [n * 10 for n in range(1, 9)]
    assert max(ahead) <= 2                               # two being read, the next one drawn


def test_a_failing_page_stops_the_drawing():
    drawn: list[int] = []

    def pages():
        for n in range(1, 50):
            drawn.append(n)
            yield n

    def work(n):
        if n == 2:
            raise ValueError("page 2")
        time.sleep(0.01)
        return n
    with pytest.raises(ValueError):
        ocr._bounded_map(work, pages(), jobs=2)
    assert len(drawn) < 10


@pytest.mark.parametrize("fmt", ["pdf", "image"])
def test_a_batch_of_scans_settles_the_engine_before_forking(fmt):
    """What every scan's worker needs is loaded once in the parent (OpenCV, the
    engine choice), not again in each forked worker."""
    import sys
    from vanban.pipeline.formats import by_name
    ocr.tesseract_version.cache_clear()
    by_name(fmt).warm_up()
    assert "cv2" in sys.modules
    assert ocr.tesseract_version.cache_info().currsize == 1


_UNDER_A_MEMORY_LIMIT = """
import resource, sys
import numpy as np
from vanban.pipeline import ocr
gray = np.full((7000, 5000), 255, np.uint8)
gray[3000:3040, 1000:3000] = 0
ocr.tesseract_words(gray[:200, :400].copy(), "vie", 60)          # the engine is loaded
vm = int([l for l in open("/proc/self/status") if l.startswith("VmSize")][0].split()[1]) * 1024
resource.setrlimit(resource.RLIMIT_AS, (vm + int(float(sys.argv[1]) * gray.nbytes), resource.RLIM_INFINITY))
try:
    ocr.tesseract_words(gray, "vie", 60)
    print("ok")
except MemoryError:
    print("MemoryError")
except Exception as exc:
    print(getattr(exc, "code", type(exc).__name__))
"""


@pytest.mark.parametrize("room", [0.5, 1.3, 1.9, 2.4, 3.0, 6.0])
def test_the_api_under_a_memory_limit_reports_it(room):
    """A worker's address-space limit reached inside the API is a ``MemoryError`` or an
    ``out_of_memory`` error, never a segmentation fault: tesserocr does not check
    Leptonica's copy of the page, which crashed the worker between 1.2 and 2× the page's
    bytes of room, and a failed ``Recognize`` was once reported as a time-out."""
    import subprocess
    import sys
    if ocr._api_module() is None:
        pytest.skip("tesserocr on the program's own library is not installed here")
    run = subprocess.run([sys.executable, "-c", _UNDER_A_MEMORY_LIMIT, str(room)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-500:]
    assert run.stdout.split()[-1] in ({"ok"} if room >= 6 else {"MemoryError", "out_of_memory"})


def test_a_failed_recognition_is_a_time_out_only_after_the_time():
    assert ocr._recognition_failure(0.3, 120).code == "out_of_memory"
    late = ocr._recognition_failure(119.0, 120)
    assert late.code == "error" and "longer than 120s" in str(late)

"""OCR a page image with Tesseract (``vie``), keeping words, boxes and confidences.

* Tesseract runs with ``OMP_THREAD_LIMIT=1``: on a 2-core machine its OpenMP
  threads are several times slower than one thread per page, so pages are
  run in parallel instead (see :func:`ocr_pages`).
* Tesseract is called through its C++ API (``tesserocr``), one engine per
  thread, loaded once, whenever ``tesserocr`` is linked against the same
  libtesseract as the installed ``tesseract`` program (``make setup`` builds it
  so): a process per call loads the ``vie`` model every time, ~0.17 s for each
  small re-read crop, and reading the 14 scanned real documents and samples took
  0.7-0.8× the CPU through the API, with identical text, metadata, tasks and
  citations.  Otherwise the program is run (see :func:`_api_module`).
* Red ink is dropped by reading the *red* channel: a red stamp is bright there
  and vanishes, black print and blue handwriting stay dark.
* Skew is measured (projection-profile search) and corrected before OCR.
* Ruled tables are found by their lines (OpenCV morphology); OCR words are put
  into the grid's cells by their centres, so a scanned task table becomes a
  real table, not a soup of lines.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np
from PIL import Image

from .errors import OutOfMemory, ToolMissing, VanbanError
from .stages import timed
from .layout import build_lines, interleave
from .model import PageImage, PageInfo, RawTable, RawWord

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@lru_cache(maxsize=1)
def tesseract_version() -> str:
    if shutil.which("tesseract") is None:
        raise ToolMissing("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    if _api_module() is not None:
        return _library_version(_api_module())
    return _program_version()


ENGINE_VARIABLE = "VANBAN_TESSERACT"        # "api" or "program" forces one engine


@lru_cache(maxsize=1)
def _program_version() -> str:
    import pytesseract
    return str(pytesseract.get_tesseract_version())


@lru_cache(maxsize=1)
def _api_module():
    """``tesserocr`` when it reads pages here, else None (the ``tesseract`` program).

    By default the API is used only when its libtesseract is the program's own
    version: the PyPI wheel of tesserocr bundles another (5.5.4), which read the
    real-document gold worse than Debian's 5.3.0 (metadata 0.93 against 0.96),
    while tesserocr built against the system library reads exactly what the
    program reads.  ``VANBAN_TESSERACT=api`` takes whatever tesserocr is
    installed; ``VANBAN_TESSERACT=program`` always runs the program."""
    choice = os.environ.get(ENGINE_VARIABLE, "").lower()
    if choice in ("program", "cli"):
        return None
    try:
        import tesserocr
    except ImportError:
        return None
    if choice == "api":
        return tesserocr
    if shutil.which("tesseract") is None:
        return None
    return tesserocr if _library_version(tesserocr) == _program_version() else None


def _library_version(tesserocr) -> str:
    """'5.3.0' from tesserocr's 'tesseract 5.3.0\n leptonica-…' banner."""
    return tesserocr.tesseract_version().split()[1]


def warm_up() -> None:
    """Settle which engine reads pages (runs ``tesseract --version`` once) before a
    batch forks its workers, so that no worker asks again; no OCR engine is loaded
    here: each OCR thread of a worker makes its own."""
    try:
        tesseract_version()
    except ToolMissing:
        pass                             # the first scan gets the clear error


def engine_name() -> str:
    """Which Tesseract reads pages here (the API's own version, or the program):
    part of the read cache's key, since the two may read a word differently."""
    api = _api_module()
    return f"tesserocr {_library_version(api)}" if api is not None else "tesseract program"


@lru_cache(maxsize=1)
def tessdata_dir() -> str:
    """Where the installed ``tesseract`` finds its language data: the API is
    pointed there, so it reads the same ``vie`` model as the program."""
    import subprocess
    if os.environ.get("TESSDATA_PREFIX"):
        return os.environ["TESSDATA_PREFIX"]
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    match = re.search(r'"(.+?)/?"', out.splitlines()[0] if out else "")
    return match.group(1) + "/" if match else ""


@lru_cache(maxsize=1)
def available_languages() -> set[str]:
    import pytesseract
    return set(pytesseract.get_languages(config=""))


def check_language(lang: str) -> None:
    """A clear error when Tesseract lacks the language data (not an OCR of garbage)."""
    missing = [code for code in lang.split("+") if code not in available_languages()]
    if missing:
        raise ToolMissing(f"Tesseract has no '{'+'.join(missing)}' language data "
                          f"(apt-get install tesseract-ocr-{missing[0]})")


def ocr_info(lang: str) -> dict:
    return {"engine": "tesseract", "version": tesseract_version(), "language": lang, "threads_per_process": 1}


_local = threading.local()


def _api(lang: str, psm: int):
    """This thread's Tesseract engine for ``lang``, created once (model load ~0.1 s)."""
    tesserocr = _api_module()
    engines = _local.__dict__.setdefault("engines", {})
    if lang not in engines:
        engines[lang] = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=lang)
    api = engines[lang]
    api.SetPageSegMode(psm)
    return api


_IMAGE_COPIES = 4     # our bytes for the API, Leptonica's pix, its working copy, the thresholded page


def _ensure_headroom(image_bytes: int) -> None:
    """Raise ``MemoryError`` unless the address space holds the page's copies.
    tesserocr does not check Leptonica's allocation in ``SetImageBytes``: under a
    worker's memory limit a failed copy there is a segmentation fault (a worker
    lost, not an ``out_of_memory`` record).  Reserving the room and freeing it at
    once costs microseconds (the pages are never touched)."""
    np.empty(_IMAGE_COPIES * image_bytes, np.uint8)


def _recognition_failure(elapsed: float, timeout: int) -> VanbanError:
    """Why ``Recognize`` returned false.  With an image set, Tesseract fails a page
    only when its deadline passes or when Leptonica cannot allocate a copy of the
    image (it prints ``pixdata_malloc fail`` and returns no words), which under a
    worker's memory limit is that limit: the record must say out of memory, as
    the program path's ``MemoryError`` does, not a generic error."""
    if elapsed >= timeout * 0.9:
        return VanbanError(f"OCR of a page took longer than {timeout}s")
    return OutOfMemory(f"Tesseract could not allocate the page image after {elapsed:.1f}s "
                       "(the worker's memory limit, or the machine's)")


def _api_words(gray: np.ndarray, lang: str, timeout: int, psm: int) -> list[RawWord]:
    """Words, boxes and confidences from the API: the same iterator the CLI's TSV prints."""
    tesserocr = _api_module()
    api = _api(lang, psm)
    gray = np.ascontiguousarray(gray, dtype=np.uint8)
    h, w = gray.shape
    if not (h and w):
        return []
    _ensure_headroom(gray.nbytes)
    api.SetImageBytes(gray.tobytes(), w, h, 1, w)
    started = time.monotonic()
    if not api.Recognize(timeout=int(timeout * 1000)):
        api.Clear()
        raise _recognition_failure(time.monotonic() - started, timeout)
    words = []
    level = tesserocr.RIL.WORD
    iterator = api.GetIterator()
    for r in (tesserocr.iterate_level(iterator, level) if iterator is not None else ()):
        try:
            text = (r.GetUTF8Text(level) or "").strip()
        except RuntimeError:                             # "No text returned": a page without words
            continue
        if text:
            x0, y0, x1, y1 = r.BoundingBox(level)
            words.append(RawWord(text, (float(x0), float(y0), float(x1), float(y1)), float(r.Confidence(level))))
    api.Clear()
    return words


# --- preprocessing ------------------------------------------------------------------
def to_gray(img: Image.Image) -> np.ndarray:
    """Grey image with red ink removed (the red channel of a colour scan).  The
    channel is taken straight from an RGB image: converting a whole 250-dpi page
    to an array first cost 0.2 s a page."""
    if img.mode in ("RGB", "RGBA"):
        return np.array(img.getchannel("R"))
    if img.mode in ("P", "CMYK"):
        return np.array(img.convert("RGB").getchannel("R"))
    return np.array(img if img.mode == "L" else img.convert("L"))


def estimate_skew(gray: np.ndarray, max_angle: float = 5.0) -> float:
    """Angle (degrees) that makes text rows horizontal, by projection-profile variance."""
    import cv2
    h, w = gray.shape
    scale = 1000.0 / max(h, w)
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    _, bw = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    best_angle, best_score = 0.0, -1.0
    center = (bw.shape[1] / 2, bw.shape[0] / 2)
    for coarse in (True, False):
        candidates = np.arange(-max_angle, max_angle + 0.01, 0.5) if coarse else \
            np.arange(best_angle - 0.5, best_angle + 0.51, 0.1)
        for angle in candidates:
            m = cv2.getRotationMatrix2D(center, angle, 1.0)
            rot = cv2.warpAffine(bw, m, (bw.shape[1], bw.shape[0]), flags=cv2.INTER_NEAREST)
            profile = rot.sum(axis=1, dtype=np.float64)
            score = float(np.var(profile))
            if score > best_score:
                best_angle, best_score = float(angle), score
    return round(best_angle, 2)


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    import cv2
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


# --- tables in scans ----------------------------------------------------------------
@dataclass
class Grid:
    rows: list[float]   # y of horizontal rules, top to bottom
    cols: list[float]   # x of vertical rules, left to right
    bbox: tuple[float, float, float, float]


def _cluster(values: list[int], tol: int) -> list[float]:
    out: list[list[int]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [float(sum(c) / len(c)) for c in out]


def find_grids(gray: np.ndarray) -> list[Grid]:
    """Ruled tables: long horizontal and vertical strokes that cross."""
    import cv2
    h, w = gray.shape
    bw = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    horiz = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 25), 1)))
    vert = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, h // 60))))
    mask = cv2.bitwise_or(horiz, vert)
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    grids = []
    for c in contours:
        x, y, cw, ch = cv2.boundingRect(c)
        if cw < w * 0.4 or ch < h * 0.05:
            continue
        sub_h = horiz[y:y + ch, x:x + cw]
        sub_v = vert[y:y + ch, x:x + cw]
        ys = [y + i for i in np.where(sub_h.sum(axis=1) > 0.5 * 255 * cw)[0].tolist()]
        xs = [x + i for i in np.where(sub_v.sum(axis=0) > 0.3 * 255 * ch)[0].tolist()]
        rows = _cluster(ys, max(3, h // 400))
        cols = _cluster(xs, max(3, w // 300))
        if len(rows) >= 2 and len(cols) >= 3:
            grids.append(Grid(rows, cols, (float(x), float(y), float(x + cw), float(y + ch))))
    grids.sort(key=lambda g: g.bbox[1])
    return grids


def _words_to_table(words: list[RawWord], grid: Grid, page: int, gray: np.ndarray | None = None,
                    lang: str = "vie", timeout: int = 30) -> RawTable:
    nrows, ncols = len(grid.rows) - 1, len(grid.cols) - 1
    cells: list[list[list[RawWord]]] = [[[] for _ in range(ncols)] for _ in range(nrows)]
    for w in words:
        cx, cy = (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2
        r = next((i for i in range(nrows) if grid.rows[i] <= cy < grid.rows[i + 1]), None)
        c = next((j for j in range(ncols) if grid.cols[j] <= cx < grid.cols[j + 1]), None)
        if r is not None and c is not None:
            cells[r][c].append(w)
    rows = []
    boxes = []
    for r in range(nrows):
        row = []
        for c in range(ncols):
            text = " ".join(_lines_in_cell(cells[r][c]))
            if not text.strip() and gray is not None:
                text = _ocr_cell(gray, grid, r, c, lang, timeout)
            row.append(text)
        if any(t.strip() for t in row):
            rows.append(row)
            boxes.append([[(page, (float(grid.cols[c]), float(grid.rows[r]), float(grid.cols[c + 1]), float(grid.rows[r + 1])))]
                          for c in range(ncols)])
    return RawTable(rows, page=page, bbox=grid.bbox, ruled=True, cell_boxes=boxes)


def _ocr_cell(gray: np.ndarray, grid: Grid, r: int, c: int, lang: str, timeout: int) -> str:
    """Full-page OCR skips short text alone in a narrow cell (a row number, a
    Roman numeral): a cell that came out empty but has ink is read on its own."""
    pad = 5
    y0, y1 = int(grid.rows[r]) + pad, int(grid.rows[r + 1]) - pad
    x0, x1 = int(grid.cols[c]) + pad, int(grid.cols[c + 1]) - pad
    if y1 - y0 < 8 or x1 - x0 < 8:
        return ""
    crop = gray[y0:y1, x0:x1]
    ink = (crop < 128).mean()
    if ink < 0.004:
        return ""
    # the ink's own box, with a white margin: Tesseract wants some space around text
    ys, xs = np.where(crop < 128)
    crop = crop[max(0, ys.min() - 3):ys.max() + 4, max(0, xs.min() - 3):xs.max() + 4]
    crop = np.pad(crop, 20, constant_values=255)
    words = tesseract_words(crop, lang, timeout, psm=6)
    return " ".join(w.text for w in words if w.conf >= 30)


def _lines_in_cell(words: list[RawWord]) -> list[str]:
    from .layout import group_lines
    return [" ".join(w.text for w, _ in line) for line in group_lines(words)]


# --- running tesseract --------------------------------------------------------------
def tesseract_words(gray: np.ndarray, lang: str, timeout: int, psm: int = 3) -> list[RawWord]:
    """Words with boxes and confidences.  The page goes to Tesseract as an
    uncompressed PGM file: handing pytesseract an image object makes it PNG-encode
    every page, which cost a third of the OCR time in `make bench`.  With
    ``tesserocr`` the API reads the array itself (same words on the samples;
    a page 1.56 s against 2.69 s, a re-read crop 0.04 s against 0.17 s)."""
    import tempfile
    import pytesseract
    tesseract_version()
    check_language(lang)
    if _api_module() is not None:
        return _api_words(gray, lang, timeout, psm)
    with tempfile.NamedTemporaryFile(suffix=".pgm") as tmp:
        Image.fromarray(gray).save(tmp.name, format="PPM")
        try:
            data = pytesseract.image_to_data(tmp.name, lang=lang, config=f"--psm {psm}",
                                             output_type=pytesseract.Output.DICT, timeout=timeout)
        except RuntimeError as exc:
            if "timeout" in str(exc).lower():
                raise VanbanError(f"OCR of a page took longer than {timeout}s") from exc
            raise
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(RawWord(text, (float(x), float(y), float(x + w), float(y + h)), conf))
    return words


def recover_missed_text(gray: np.ndarray, words: list[RawWord], exclude: list[tuple[float, float, float, float]],
                        lang: str, timeout: int) -> list[RawWord]:
    """Read ink that full-page OCR left without a word.

    Tesseract's page segmentation sometimes drops a short line (the ``xã .``
    that ends a wrapped item).  Ink outside every word box and outside tables is
    grouped into line bands, and each band is read on its own (``--psm 7``).
    """
    import cv2
    if not words:
        return []
    h_med = float(np.median([w.bbox[3] - w.bbox[1] for w in words]))
    ink = (gray < 110).astype(np.uint8)
    pad = 3
    for w in words:
        x0, y0, x1, y1 = (int(v) for v in w.bbox)
        ink[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad] = 0
    for x0, y0, x1, y1 in exclude:
        ink[int(y0):int(y1), int(x0):int(x1)] = 0
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    boxes = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        # letters, not specks or rules: letter-sized height, some area
        if 0.35 * h_med <= h <= 2.0 * h_med and area >= 0.08 * h_med * h_med and w <= 12 * h_med:
            boxes.append([x, y, x + w, y + h])
    boxes.sort(key=lambda b: (b[1], b[0]))
    bands: list[list[int]] = []
    for b in boxes:
        if bands and min(b[3], bands[-1][3]) - max(b[1], bands[-1][1]) > 0.3 * h_med and b[0] - bands[-1][2] < 3 * h_med:
            bands[-1] = [min(b[0], bands[-1][0]), min(b[1], bands[-1][1]), max(b[2], bands[-1][2]), max(b[3], bands[-1][3])]
        else:
            bands.append(list(b))
    found: list[RawWord] = []
    for x0, y0, x1, y1 in bands[:40]:
        if (x1 - x0) < 0.6 * h_med:
            continue
        m = int(0.4 * h_med)
        crop = gray[max(0, y0 - m):y1 + m, max(0, x0 - m):x1 + m]
        crop = np.pad(crop, 15, constant_values=255)
        ox, oy = max(0, x0 - m) - 15, max(0, y0 - m) - 15
        for w in tesseract_words(crop, lang, timeout, psm=7):
            if w.conf >= 60 and any(ch.isalnum() for ch in w.text):
                found.append(RawWord(w.text, (w.bbox[0] + ox, w.bbox[1] + oy, w.bbox[2] + ox, w.bbox[3] + oy), w.conf))
    return found


_NUMBER_WORD = re.compile(r"\d{1,6}\s*[/-]\s*(?:\d{4}\s*/\s*)?[A-ZĐÐ]")


def reread_numbers(gray: np.ndarray, words: list[RawWord], lang: str, timeout: int) -> None:
    """Read every document-number word a second time, from its own crop at 1.5×.

    Tesseract's confidence does not tell a misread digit (a real scan read
    "55/2026/TT-BTC" as "33/…" at 89 %), but a second reading at another scale
    disagrees when the first was wrong; extractors compare the readings
    (``RawWord.alternatives``) and refuse to trust a number that changed.
    """
    import cv2
    for w in words:
        if not _NUMBER_WORD.search(w.text):
            continue
        x0, y0, x1, y1 = (int(v) for v in w.bbox)
        crop = gray[max(0, y0 - 6):y1 + 6, max(0, x0 - 6):x1 + 6]
        if crop.size == 0:
            continue
        crop = cv2.resize(crop, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC)
        crop = np.pad(crop, 20, constant_values=255)
        again = " ".join(x.text for x in tesseract_words(crop, lang, timeout, psm=7))
        if again:
            w.alternatives.append(again)


def binarize(gray: np.ndarray) -> np.ndarray:
    """Local (adaptive) threshold, for uneven scans; off by default (see bench)."""
    import cv2
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 41, 15)


def ocr_page(img: Image.Image, page: int, lang: str = "vie", timeout: int = 120,
             deskew_enabled: bool = True, binarize_enabled: bool = False, keep_image: bool = False) -> tuple[list, PageInfo]:
    """One page image → (blocks in reading order, page info).

    ``keep_image`` puts the deskewed image the boxes refer to in ``PageInfo.image``
    (for the review page)."""
    from .textnorm import nfc
    gray = to_gray(img)
    angle = estimate_skew(gray) if deskew_enabled else 0.0
    gray = deskew(gray, angle)
    if binarize_enabled:
        gray = binarize(gray)
    words = tesseract_words(gray, lang, timeout)
    for w in words:
        w.text = nfc(w.text)
    grids = find_grids(gray)
    words += recover_missed_text(gray, words, [g.bbox for g in grids], lang, timeout)
    reread_numbers(gray, words, lang, timeout)
    blocks: list = []
    remaining = words
    tables: list[RawTable] = []
    for grid in grids:
        x0, y0, x1, y1 = grid.bbox
        inside = [w for w in remaining if x0 <= (w.bbox[0] + w.bbox[2]) / 2 <= x1 and y0 <= (w.bbox[1] + w.bbox[3]) / 2 <= y1]
        if not inside:
            continue
        ids = {id(w) for w in inside}
        remaining = [w for w in remaining if id(w) not in ids]
        tables.append(_words_to_table(inside, grid, page, gray, lang))
    lines = build_lines(remaining, page, float(gray.shape[1]), confidences=True)
    blocks = interleave(lines, tables)
    confs = [w.conf for w in words]
    info = PageInfo(page, float(gray.shape[1]), float(gray.shape[0]), "ocr",
                    round(sum(confs) / len(confs), 1) if confs else None, angle)
    if keep_image:
        info.image = PageImage(Image.fromarray(gray), 1.0)
    return blocks, info


@timed("ocr")
def ocr_pages(images: Iterable[tuple[int, Image.Image]], lang: str, timeout: int, jobs: int | None = None,
              deskew_enabled: bool = True, binarize_enabled: bool = False, keep_images: bool = False,
              count: int | None = None) -> list[tuple[list, PageInfo]]:
    """OCR several pages concurrently, each on its own single-threaded Tesseract.

    ``images`` may be lazy (a generator rendering each page when asked): pages
    are then taken one at a time as a thread frees up (:func:`_bounded_map`),
    so a 70-page scan holds a few page images at once, not seventy.  ``count``
    is the number of pages when ``images`` has no length."""
    from .progress import page_read, pages_planned
    jobs = jobs or max(1, os.cpu_count() or 1)
    pages_planned(count if count is not None else len(images))   # the progress line's ETA for a long scan

    def run(item):
        result = ocr_page(item[1], item[0], lang, timeout, deskew_enabled, binarize_enabled, keep_images)
        page_read()
        return result
    if jobs == 1 or (count if count is not None else len(images)) <= 1:
        return [run(item) for item in images]
    return _bounded_map(run, images, jobs)


_DONE = object()


def _bounded_map(fn, items: Iterable, jobs: int) -> list:
    """``fn`` over ``items`` in ``jobs`` threads, results in order; unlike
    ``Executor.map`` it draws the next item only when at most ``jobs`` are in
    flight (plus one made ready ahead), so a lazy iterable stays lazy."""
    slots = threading.BoundedSemaphore(jobs + 1)
    failed = threading.Event()

    def call(item):
        try:
            return fn(item)
        except BaseException:
            failed.set()                                 # a page failed: draw no more
            raise
        finally:
            slots.release()
    futures = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        try:
            pages = iter(items)
            while slots.acquire() and not failed.is_set():
                item = next(pages, _DONE)                # drawn only once a slot is free
                if item is _DONE:
                    break
                futures.append(pool.submit(call, item))
                del item                                 # the page image is the worker's alone now
        except BaseException:
            for f in futures:
                f.cancel()
            raise
        return [f.result() for f in futures]

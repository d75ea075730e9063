"""Regenerate the README screenshots from the bundled samples (needs Chromium).

    python scripts/screenshots.py      # writes docs/screenshots/*.jpg
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

from vanban.pipeline.corpus.ingest import ingest  # noqa: E402
from vanban.pipeline.review.page import review_file  # noqa: E402
from vanban.pipeline.web.app import create_app  # noqa: E402
from tests.browser import serving, start_chromium  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SCAN = ROOT / "samples" / "000_1e1698cb1e74ad37.scan.pdf"


def _save(driver, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    png = OUT / "shot.png"
    driver.save_screenshot(str(png))
    out = OUT / name
    Image.open(png).convert("RGB").save(out, "JPEG", quality=85, optimize=True)   # a third of the PNG's size
    png.unlink()
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1024} KiB")


def main() -> None:
    driver = start_chromium()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "review.html"
            review_file(SCAN, page)
            driver.get(page.as_uri())
            row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "tr.task-row")
                       if r.find_elements(By.CSS_SELECTOR, "td")[0].text == "6")
            row.click()
            _save(driver, "review-scan.jpg")
            corpus = Path(tmp) / "corpus.db"
            ingest([str(ROOT / "samples")], corpus, jobs=2, progress=False)
            with serving(create_app(corpus)) as base:
                driver.get(base + "/?q=cai+cach+hanh+chinh")
                _save(driver, "serve-search.jpg")
                driver.get(base + "/tasks?owner=VP+UBND+xa&role=lead")
                _save(driver, "serve-tasks.jpg")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()

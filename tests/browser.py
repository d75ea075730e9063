"""Headless Debian Chromium driven through its ChromeDriver (Selenium), and a
real HTTP server for the web app: what the tests look at is what a user sees."""

from __future__ import annotations

import shutil
import threading
from contextlib import contextmanager

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000"]


def start_chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def by_css(driver, css: str) -> list:
    """The elements of the page matching ``css``."""
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, css)


@contextmanager
def serving(app):
    """The Flask app on a free localhost port, in a thread, for the length of the block —
    on the server ``vanban serve`` runs (its headers are part of what is tested)."""
    from vanban.pipeline.web.app import make_server
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)

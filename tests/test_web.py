"""The web app as a security reviewer and a phone user meet it (issue 11).

Requests go through the real Flask app (its test client, or the server
``vanban serve`` runs); what a user sees is checked in headless Chromium.
Page pictures are drawn by a stand-in renderer that counts its calls, so the
job logic (one job per document, a cap, the disk cache, the hash check) is
tested in milliseconds; test_review.py draws a real PDF once.
"""

from __future__ import annotations

import shutil
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from vanban.pipeline.web import app as web
from vanban.pipeline.web import pictures as pics

from .browser import by_css, serving, start_chromium
from .conftest import SAMPLES

PLAN_TXT = SAMPLES / "000_1e1698cb1e74ad37.txt"
LETTER_DOCX = SAMPLES / "004_d5409b736efdaf35.docx"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Two text-born documents ingested from copies in a folder of their own (a test may change them)."""
    from vanban.pipeline.corpus.ingest import ingest
    folder = tmp_path_factory.mktemp("webcorpus")
    files = [shutil.copy(p, folder / p.name) for p in (PLAN_TXT, LETTER_DOCX)]
    path = folder / "corpus.db"
    ingest([str(f) for f in files], path, jobs=1, progress=False)
    return path


@pytest.fixture(scope="module")
def client(corpus, tmp_path_factory):
    return web.create_app(corpus, cache_dir=tmp_path_factory.mktemp("pages")).test_client()


def _sha(corpus: Path, name: str) -> str:
    from vanban.pipeline.corpus import db
    with db.connect(corpus) as conn:
        return conn.execute("SELECT sha256 FROM files WHERE path LIKE ?", (f"%{name}",)).fetchone()[0]


# --- the door -------------------------------------------------------------------------------------

@pytest.mark.parametrize("host,status", [("localhost:8765", 200), ("127.0.0.1:8765", 200), ("[::1]:8765", 200),
                                         ("evil.example:8765", 400), ("evil.example", 400), ("", 400),
                                         ("127.0.0.1.evil.example", 400)])
def test_host_header_is_checked(client, host, status):
    """A DNS-rebinding page reaches the server under its own name: refused."""
    assert client.get("/", headers={"Host": host}).status_code == status


def test_a_name_given_at_start_is_allowed(corpus, tmp_path):
    app = web.create_app(corpus, hosts=("vanban.lan",), cache_dir=tmp_path)
    assert app.test_client().get("/", headers={"Host": "vanban.lan:8765"}).status_code == 200
    assert app.test_client().get("/", headers={"Host": "other.lan:8765"}).status_code == 400


def test_security_headers_and_no_server_version(corpus, tmp_path):
    app = web.create_app(corpus, cache_dir=tmp_path)
    with serving(app) as base:
        response = urllib.request.urlopen(base + "/", timeout=30)
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp and "script-src 'none'" in csp
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Server"] == "vanban"                 # not "Werkzeug/3.x Python/3.x"


def test_the_review_page_script_is_allowed_by_its_hash(client, corpus):
    response = client.get(f"/doc/{_sha(corpus, PLAN_TXT.name)}")
    html = response.get_data(as_text=True)
    assert "<script>" in html
    assert web.script_hashes(html) in response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]


def test_a_token_is_required_when_set(corpus, tmp_path):
    c = web.create_app(corpus, token="s3cret-token", cache_dir=tmp_path).test_client()
    assert c.get("/tasks").status_code == 401
    assert c.get("/tasks?token=wrong").status_code == 401
    assert c.get("/tasks", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    opened = c.get("/tasks?owner=UBND&token=s3cret-token")        # the printed link: a cookie, the token out of the URL
    assert opened.status_code == 302 and opened.headers["Location"] == "/tasks?owner=UBND"
    assert "HttpOnly" in opened.headers["Set-Cookie"] and "SameSite=Strict" in opened.headers["Set-Cookie"]
    assert c.get("/tasks?owner=UBND").status_code == 200            # the cookie now carries it


@pytest.mark.parametrize("host,token,needs_token", [("127.0.0.1", None, False), ("0.0.0.0", None, True),
                                                    ("0.0.0.0", "given", True), ("127.0.0.1", "given", True)])
def test_serving_beyond_loopback_makes_a_token(corpus, monkeypatch, host, token, needs_token):
    started = {}

    class FakeServer:
        server_port = 8765

        def serve_forever(self):
            pass

    def fake_make_server(h, port, app):
        started["app"] = app
        return FakeServer()

    monkeypatch.setattr(web, "make_server", fake_make_server)
    said = []
    web.serve(corpus, host, 0, token=token, announce=said.append)
    app = started["app"]
    assert bool(app.config["TOKEN"]) == needs_token
    if token:
        assert app.config["TOKEN"] == token
    if needs_token:
        assert said[0].endswith(f"?token={app.config['TOKEN']}") and (token or len(app.config["TOKEN"]) >= 20)
        assert app.test_client().get("/", headers={"Host": "localhost"}).status_code == 401
    else:
        assert said == ["http://127.0.0.1:8765/"]


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml" and b"<svg" in response.data


# --- page pictures --------------------------------------------------------------------------------

class SlowRenderer:
    """Stands in for the fenced re-read: takes ``seconds``, counts calls and how many ran at once."""

    def __init__(self, seconds: float = 0.4):
        self.seconds, self.calls, self.running, self.most = seconds, 0, 0, 0
        self.lock = threading.Lock()

    def __call__(self, path, limits, links):
        with self.lock:
            self.calls += 1
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(self.seconds)
        with self.lock:
            self.running -= 1
        return {"status": "ok", "html": f"<html>pages of {Path(path).name}</html>"}


def _wait(pictures, sha, sources, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = pictures.request(sha, sources, {})
        if isinstance(got, Path) or got.state == "failed":
            return got
        time.sleep(0.05)
    raise AssertionError("the job never finished")


def _files(tmp_path: Path, n: int) -> list[tuple[str, Path]]:
    import hashlib
    out = []
    for i in range(n):
        f = tmp_path / f"doc{i}.txt"
        f.write_text(f"văn bản {i}", "utf-8")
        out.append((hashlib.sha256(f.read_bytes()).hexdigest(), f))
    return out


def test_one_job_per_document_however_many_ask(tmp_path, monkeypatch):
    render = SlowRenderer()
    monkeypatch.setattr(pics, "review_in_worker", render)
    pictures = pics.Pictures(tmp_path / "cache", limits=None)
    [(sha, f)] = _files(tmp_path, 1)
    asked = [pictures.request(sha, [f], {}) for _ in range(4)]       # four tabs on one scan
    assert all(isinstance(a, pics.Job) for a in asked) and len({id(a) for a in asked}) == 1
    done = _wait(pictures, sha, [f])
    assert isinstance(done, Path) and done.read_text() == "<html>pages of doc0.txt</html>"
    assert render.calls == 1
    again = pics.Pictures(tmp_path / "cache", limits=None)           # a restarted server
    assert isinstance(again.request(sha, [f], {}), Path) and render.calls == 1


def test_renders_are_capped(tmp_path, monkeypatch):
    render = SlowRenderer(0.3)
    monkeypatch.setattr(pics, "review_in_worker", render)
    pictures = pics.Pictures(tmp_path / "cache", limits=None, max_renders=2)
    docs = _files(tmp_path, 5)
    jobs = [pictures.request(sha, [f], {}) for sha, f in docs]
    time.sleep(0.1)
    assert sorted(j.state for j in jobs) == ["queued"] * 3 + ["rendering"] * 2
    for sha, f in docs:
        assert isinstance(_wait(pictures, sha, [f]), Path)
    assert render.calls == 5 and render.most == 2


def test_a_changed_file_is_reported_not_drawn(tmp_path, monkeypatch):
    render = SlowRenderer(0)
    monkeypatch.setattr(pics, "review_in_worker", render)
    pictures = pics.Pictures(tmp_path / "cache", limits=None)
    [(sha, f)] = _files(tmp_path, 1)
    f.write_text("another document now", "utf-8")
    failed = _wait(pictures, sha, [f])
    assert isinstance(failed.error, pics.SourceChanged) and "doc0.txt" in str(failed.error)
    assert render.calls == 0 and not list((tmp_path / "cache").glob("*.html"))


def test_the_app_reports_a_changed_source_file(corpus, tmp_path):
    """Issue 11: the old URL showed the new file's content."""
    folder = corpus.parent
    victim = folder / "victim.txt"
    shutil.copy(PLAN_TXT, victim)
    from vanban.pipeline.corpus.ingest import ingest
    victim.write_text(PLAN_TXT.read_text("utf-8") + "\nPhụ lục kèm theo.\n", "utf-8")
    ingest([str(victim)], corpus, jobs=1, progress=False)
    sha = _sha(corpus, "victim.txt")
    victim.write_bytes(LETTER_DOCX.read_bytes())                    # another file under the same name
    c = web.create_app(corpus, cache_dir=tmp_path).test_client()
    end = time.monotonic() + 20
    while (r := c.get(f"/doc/{sha}?pages=1")).status_code == 202 and time.monotonic() < end:
        assert "pictures-progress" in r.get_data(as_text=True)
        time.sleep(0.1)
    assert r.status_code == 409
    assert "đã thay đổi trên đĩa" in r.get_data(as_text=True)


# --- what a user sees -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


def test_home_page_filters_say_when_nothing_matches_and_speak_vietnamese(browser, corpus, tmp_path):
    from selenium.webdriver.common.by import By
    with serving(web.create_app(corpus, cache_dir=tmp_path)) as base:
        browser.get(base + "/")
        options = [o.text for o in by_css(browser, "select[name=type] option")]
        assert "Kế hoạch" in options and "ke_hoach" not in options
        assert "Kế hoạch" in [td.text for td in by_css(browser, "#documents td[data-label=Loại]")]
        assert not by_css(browser, "#empty")
        browser.get(base + "/?type=ke_hoach")                        # a filter without a query filters
        assert all(td.text == "Kế hoạch" for td in by_css(browser, "#documents td[data-label=Loại]"))
        assert by_css(browser, "#documents tbody tr")
        browser.get(base + "/?issuer=khong+co+co+quan+nay")
        assert not by_css(browser, "#documents tbody tr")
        assert "Không có văn bản nào khớp" in browser.find_element(By.ID, "empty").text
        browser.get(base + "/?q=zzqxj")
        assert "Không tìm thấy văn bản nào" in browser.find_element(By.ID, "empty").text
        browser.get(base + "/tasks?owner=khong+co+don+vi+nay")
        assert "Không có nhiệm vụ nào" in browser.find_element(By.ID, "empty").text

        browser.get(base + f"/doc/{_sha(corpus, PLAN_TXT.name)}")
        assert browser.find_element(By.CSS_SELECTOR, "dd[data-field=doc_type]").text == "Kế hoạch"
        assert browser.find_element(By.CSS_SELECTOR, "dd[data-field=issuer_level]").text.startswith("cấp ")
        assert browser.find_element(By.CSS_SELECTOR, "header h1").text.startswith("Kế hoạch ")
        legend = [label.text for label in by_css(browser, ".legend label")]
        assert legend and not any("(" in text for text in legend)   # no English asides
        roles = {td.text for td in by_css(browser, "#citations td:nth-child(4)")}
        assert roles and roles <= {"căn cứ", "thực hiện", "nhắc đến"}
        icon = browser.find_element(By.CSS_SELECTOR, "link[rel=icon]").get_attribute("href")
        assert urllib.request.urlopen(icon, timeout=10).status == 200


def test_tasks_page_on_a_phone(browser, corpus, tmp_path):
    """A 390 px phone: no sideways scrolling, each task a card whose cells say what they are."""
    with serving(web.create_app(corpus, cache_dir=tmp_path)) as base:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        try:
            browser.get(base + "/tasks")
            width = browser.execute_script("return window.innerWidth")
            assert width == 390                                      # the viewport meta is honoured
            assert browser.execute_script("return document.documentElement.scrollWidth") <= width
            rows = by_css(browser, "#tasks tr.task-row")
            assert rows and rows[0].value_of_css_property("display") == "block"
            assert rows[0].rect["width"] <= width
            label = browser.execute_script(
                "return getComputedStyle(document.querySelector('#tasks td[data-label=\"Nội dung\"]'), '::before').content")
            assert "Nội dung" in label
            browser.save_screenshot(str(Path(__file__).parent / "screenshots" / "web-tasks-phone.png")) \
                if (Path(__file__).parent / "screenshots").is_dir() else None
        finally:
            browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_error_pages_speak_vietnamese(client):
    missing = client.get("/doc/0000")
    assert missing.status_code == 404 and "Không tìm thấy" in missing.get_data(as_text=True)
    assert "Not Found" not in missing.get_data(as_text=True)
    bad = client.get("/tasks/export?format=exe")
    assert bad.status_code == 400 and "Yêu cầu không hợp lệ" in bad.get_data(as_text=True)

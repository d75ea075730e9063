"""Page pictures for the web app: a document's review page drawn on its pages.

Drawing the pages re-reads the source file (Tesseract on a scan: a minute or
more), so it never runs in the request.  A request starts one background job
per document — four tabs asking for the same scan share it — and at most
``max_renders`` jobs run at a time; the others wait their turn.  While a job
runs the browser gets a waiting page that says how far it is and reloads
itself.  The finished page is kept on disk under the document's sha256, so it
survives a restart and is drawn once.

The source file is read once into memory and its hash checked against the
document's before it is parsed: a file changed on disk since ``ingest`` is
reported, never drawn under the old document's URL.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..output import write_text_atomic

MAX_RENDERS = 2          # concurrent re-reads: each runs its own worker (and Tesseract processes)
MAX_CACHED = 200         # pages kept on disk (the oldest go first); a 6-page scan is ~1.2 MB


class PictureError(Exception):
    """The pages cannot be drawn; the message is shown to the user as it is."""


class SourceChanged(PictureError):
    """The file on disk no longer holds the document ingested from it."""


@dataclass
class Job:
    """One document's pages being drawn: ``queued`` → ``rendering`` → ``done`` or ``failed``."""
    sha: str
    pages: int | None
    state: str = "queued"
    error: PictureError | None = None
    queued_at: float = field(default_factory=time.monotonic)
    started_at: float | None = None

    def elapsed(self) -> int:
        return round(time.monotonic() - (self.started_at or self.queued_at))


def read_checked(path: Path, sha: str) -> bytes | None:
    """The file's bytes when their sha256 is ``sha``; None when it changed."""
    data = path.read_bytes()
    return data if hashlib.sha256(data).hexdigest() == sha else None


def review_in_worker(path, limits, links):
    """The review page of ``path`` in a fenced worker (imported late: it loads the whole pipeline)."""
    from ..review.page import review_in_worker as render
    return render(path, limits, links)


class Pictures:
    """The page-picture jobs of one app and their cache on disk."""

    def __init__(self, cache_dir: str | Path, limits, max_renders: int = MAX_RENDERS, max_cached: int = MAX_CACHED):
        self.cache_dir = Path(cache_dir)
        self.limits = limits
        self.max_cached = max_cached
        self._slots = threading.BoundedSemaphore(max_renders)
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}

    def cached(self, sha: str) -> Path | None:
        path = self.cache_dir / f"{sha}.html"
        return path if path.is_file() else None

    def running(self) -> int:
        with self._lock:
            return sum(j.state == "rendering" for j in self._jobs.values())

    def request(self, sha: str, sources: list[Path], links: dict, pages: int | None = None) -> Path | Job:
        """The drawn page from the cache, or the job drawing it (started unless one runs).

        A failed job is handed out once, so its report is shown, then forgotten:
        the next request tries again."""
        hit = self.cached(sha)
        if hit is not None:
            return hit
        with self._lock:
            job = self._jobs.get(sha)
            if job is not None and job.state == "failed":
                return self._jobs.pop(sha)
            if job is None:
                job = self._jobs[sha] = Job(sha, pages)
                threading.Thread(target=self._run, args=(job, list(sources), dict(links)), daemon=True,
                                 name=f"pictures-{sha[:8]}").start()
            return job

    def _run(self, job: Job, sources: list[Path], links: dict) -> None:
        with self._slots:
            job.state, job.started_at = "rendering", time.monotonic()
            try:
                write_text_atomic(self.cache_dir / f"{job.sha}.html", self._draw(job.sha, sources, links))
                self._prune()
                job.state = "done"
            except PictureError as exc:
                job.state, job.error = "failed", exc
            except Exception as exc:       # a broken file or a full disk never takes the server down
                job.state, job.error = "failed", PictureError(f"Không vẽ được ảnh trang ({type(exc).__name__}: {exc}).")
        if job.state == "done":
            with self._lock:
                self._jobs.pop(job.sha, None)

    def _draw(self, sha: str, sources: list[Path], links: dict) -> str:
        """The review page of the first source whose bytes still hash to ``sha``.

        The checked bytes are what is parsed (a copy under the same name), so a
        file replaced between the check and the parse cannot slip in."""
        changed = []
        for path in sources:
            try:
                data = read_checked(path, sha)
            except OSError:
                continue
            if data is None:
                changed.append(path.name)
                continue
            with tempfile.TemporaryDirectory(prefix="vanban-pages-") as tmp:
                copy = Path(tmp) / path.name
                copy.write_bytes(data)
                result = review_in_worker(copy, self.limits, links)
            if result.get("status") == "ok":
                return result["html"]
            raise PictureError(f"Không đọc lại được {path.name}: {result['error']['message']}")
        if changed:
            raise SourceChanged(f"Tệp nguồn đã thay đổi trên đĩa sau khi nhập ({', '.join(changed)}): "
                               "nội dung mới không phải văn bản này. Chạy lại vanban ingest để nhập bản mới.")
        raise PictureError("Tệp nguồn không còn trên đĩa.")

    def _prune(self) -> None:
        """Keep the newest ``max_cached`` pages."""
        pages = sorted(self.cache_dir.glob("*.html"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in pages[self.max_cached:]:
            try:
                os.unlink(old)
            except OSError:
                pass

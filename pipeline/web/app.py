"""The corpus in a browser: search, documents (the review page), tasks, export.

Flask (with Jinja2) does the HTTP; every page is a thin view over the same
functions the command line uses — :func:`pipeline.corpus.search.search`,
:func:`pipeline.corpus.tasks.query_tasks`, the exporters and
:func:`pipeline.review.page.render_review` — so the browser and the terminal
always agree.  A document page first shows the stored text with its marks
(instant); "page pictures" re-reads the source file, when it is still on disk,
to draw the marks on the pages, and keeps the result in memory.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from flask import Flask, abort, g, render_template, request, send_file, url_for

from ..corpus import db
from ..limits import Limits
from ..corpus.export import EXPORTERS
from ..corpus.search import search
from ..corpus.tasks import query_tasks
from ..formats import paged_formats

TASK_FILTERS = ("owner", "role", "due_before", "due_after", "as_of", "doc")
PAGED = tuple(paged_formats())   # copies whose pages can be pictured
PICTURE_CACHE_SIZE = 8


def create_app(corpus: str | Path) -> Flask:
    app = Flask(__name__)
    app.config["CORPUS"] = str(corpus)
    app.config["LIMITS"] = Limits()
    db.connect(corpus).close()                 # fail now, not on the first request, if it is not a corpus
    pictures: dict[str, str] = {}

    def conn():
        if "conn" not in g:
            g.conn = db.connect(app.config["CORPUS"])
        return g.conn

    @app.teardown_appcontext
    def _close(_exc):
        c = g.pop("conn", None)
        if c is not None:
            c.close()

    @app.route("/")
    def index():
        q = request.args.get("q", "").strip()
        filters = {k: request.args.get(k) or None for k in ("type", "issuer", "from", "to", "cites")}
        if q:
            hits = search(conn(), q, doc_type=filters["type"], issuer=filters["issuer"], date_from=filters["from"],
                          date_to=filters["to"], cites=filters["cites"], limit=50)
        else:
            hits = None
        recent = conn().execute(
            "SELECT sha256, number, issued_date, issuer, doc_type, title FROM documents "
            "ORDER BY issued_date IS NULL, issued_date DESC LIMIT 50").fetchall() if not q else []
        types = [r[0] for r in conn().execute("SELECT DISTINCT doc_type FROM documents WHERE doc_type IS NOT NULL ORDER BY 1")]
        counts = {k: conn().execute(f"SELECT COUNT(*) FROM {k}").fetchone()[0] for k in ("documents", "files", "failures")}
        return render_template("index.html", q=q, filters=filters, hits=hits, recent=recent, types=types, counts=counts)

    @app.route("/doc/<sha>")
    def document(sha: str):
        from ..review.page import render_review, review_in_worker
        row = conn().execute("SELECT result_json FROM documents WHERE sha256 = ?", (sha,)).fetchone()
        if row is None:
            abort(404)
        record = json.loads(row[0])
        links = {"← tìm kiếm": url_for("index"), "nhiệm vụ": url_for("tasks", doc=sha)}
        source = _source_file(sha)
        if request.args.get("pages") and source is not None:
            if sha not in pictures:
                html = review_in_worker(source, app.config["LIMITS"], links | {"văn bản": url_for("document", sha=sha)}).get("html")
                if html is None:
                    abort(500, "the source file could not be read again; see vanban review FILE")
                if len(pictures) >= PICTURE_CACHE_SIZE:
                    pictures.pop(next(iter(pictures)))
                pictures[sha] = html
            return pictures[sha]
        pictured = _pictured_copy(sha)
        if pictured:
            links["ảnh trang (đọc lại tệp)"] = url_for("document", sha=pictured, pages=1)
        return render_review(record, None, links)

    def _pictured_copy(sha: str) -> str | None:
        """This document, or another file of the same document, as a PDF or image still on disk."""
        same = conn().execute(
            "SELECT o.sha256 FROM documents d JOIN documents o ON o.doc_type IS d.doc_type AND o.number IS d.number "
            "AND o.issued_date IS d.issued_date AND o.issuer IS d.issuer AND o.title IS d.title "
            f"WHERE d.sha256 = ? AND o.format IN ({','.join('?' * len(PAGED))}) ORDER BY o.sha256 != d.sha256",
            (sha, *PAGED)).fetchall()
        return next((s for (s,) in same if _source_file(s) is not None), None)

    def _source_file(sha: str) -> Path | None:
        for (path,) in conn().execute("SELECT path FROM files WHERE sha256 = ?", (sha,)):
            p = Path(path)
            if "!" not in path and p.is_file():
                return p
        return None

    def _task_args() -> dict:
        args = {k: request.args.get(k) or None for k in TASK_FILTERS}
        args["overdue"] = bool(request.args.get("overdue"))
        return args

    @app.route("/tasks")
    def tasks():
        args = _task_args()
        found = query_tasks(conn(), **args)
        if request.args.get("sort") == "-due":
            dated = [t for t in found if t["deadline"]["end"]]
            found = sorted(dated, key=lambda t: t["deadline"]["end"], reverse=True) + [t for t in found if not t["deadline"]["end"]]
        shas = {t["document"]["sha256"] for t in found}
        return render_template("tasks.html", tasks=found, args=args, sort=request.args.get("sort", "due"),
                               query=request.query_string.decode(), documents=len(shas), formats=list(EXPORTERS))

    @app.route("/tasks/export")
    def export():
        fmt = request.args.get("format", "csv")
        if fmt not in EXPORTERS:
            abort(400)
        exporter = EXPORTERS[fmt]
        data = exporter.render(query_tasks(conn(), **_task_args()), bool(request.args.get("vi")))
        return send_file(io.BytesIO(data), mimetype=exporter.mime, as_attachment=True, download_name=exporter.file_name())

    return app


def serve(corpus: str | Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run the app with Werkzeug's threaded server (a local tool, one user)."""
    from werkzeug.serving import run_simple
    run_simple(host, port, create_app(corpus), threaded=True)

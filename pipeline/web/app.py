"""The corpus in a browser: search, documents (the review page), tasks, export.

Flask (with Jinja2) does the HTTP; every page is a thin view over the same
functions the command line uses — :func:`pipeline.corpus.search.search`,
:func:`pipeline.corpus.tasks.query_tasks`, the exporters and
:func:`pipeline.review.page.render_review` — so the browser and the terminal
always agree.  A document page first shows the stored text with its marks
(instant); "page pictures" re-reads the source file, when it is still on disk
and unchanged, to draw the marks on the pages (:mod:`.pictures`: one job per
document, a few at a time, kept on disk).

The app serves one person's corpus, so it guards the door a local server
needs: a request whose Host is not a name the server was started under is
refused (a DNS-rebinding page cannot read the corpus), every response carries
a strict Content-Security-Policy and no server version, and a server reachable
beyond this machine asks for a token (:func:`serve` makes and prints one).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import ipaddress
import json
import re
import secrets
import socket
from pathlib import Path

from flask import Flask, Response, abort, g, redirect, render_template, request, send_file, url_for
from werkzeug.exceptions import HTTPException

from ..corpus import db
from ..limits import Limits
from ..corpus.export import EXPORTERS
from ..corpus.search import search
from ..corpus.tasks import query_tasks
from ..formats import paged_formats
from ..review.labels import install as install_labels, label
from ..textnorm import fold_diacritics
from .pictures import MAX_RENDERS, Job, Pictures, SourceChanged

TASK_FILTERS = ("owner", "role", "due_before", "due_after", "as_of", "doc")
DOCUMENT_FILTERS = ("type", "issuer", "from", "to", "cites")
PAGED = tuple(paged_formats())   # copies whose pages can be pictured
LIST_LIMIT = 50                  # documents on the home page
WAIT_REFRESH_S = 2               # the waiting page reloads itself this often
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
TOKEN_COOKIE = "vanban_token"
# copies of one document (scanned, typed, exported) share these; search groups its hits by the same
SAME_DOCUMENT = ("doc_type", "number", "issued_date", "issuer", "title")
CSP = ("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src {scripts}; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_names(bind: str, extra: tuple[str, ...] = ()) -> set[str]:
    """The names a browser may use to reach a server bound to ``bind``: loopback,
    ``bind`` itself, ``extra``; bound to every interface, also this machine's
    name and addresses."""
    names = set(LOOPBACK_NAMES) | {bind} | set(extra)
    if bind in ("0.0.0.0", "::", ""):
        hostname = socket.gethostname()
        names |= {hostname, socket.getfqdn()}
        try:
            names |= {info[4][0] for info in socket.getaddrinfo(hostname, None)}
        except OSError:
            pass
    return {n.lower().strip("[]") for n in names if n}


def request_host_name(host_header: str) -> str:
    """'example.org:8765' → 'example.org', '[::1]:8765' → '::1'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def script_hashes(html: str) -> str:
    """CSP sources for the inline scripts of ``html`` (the review page's own script), and nothing else."""
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
              for body in _INLINE_SCRIPT.findall(html)]
    return " ".join(hashes) or "'none'"


def create_app(corpus: str | Path, hosts: tuple[str, ...] = ("127.0.0.1",), token: str | None = None,
               cache_dir: str | Path | None = None, max_renders: int = MAX_RENDERS) -> Flask:
    """The app over ``corpus``.  ``hosts``: the names it answers to besides loopback
    (:func:`host_names`); ``token``: when set, every request must carry it;
    ``cache_dir``: where drawn pages are kept (default: beside the corpus)."""
    app = Flask(__name__)
    install_labels(app.jinja_env)
    app.config["CORPUS"] = str(corpus)
    app.config["LIMITS"] = Limits()
    app.config["ALLOWED_HOSTS"] = set(LOOPBACK_NAMES) | {h.lower().strip("[]") for h in hosts}
    app.config["TOKEN"] = token
    db.connect(corpus).close()                 # fail now, not on the first request, if it is not a corpus
    pictures = Pictures(cache_dir or Path(corpus).with_name(Path(corpus).name + ".pages"), app.config["LIMITS"],
                        max_renders=max_renders)
    app.extensions["vanban_pictures"] = pictures

    def conn():
        if "conn" not in g:
            g.conn = db.connect(app.config["CORPUS"])
            g.conn.create_function("fold", 1, lambda s: fold_diacritics(s) if s else s, deterministic=True)
        return g.conn

    @app.teardown_appcontext
    def _close(_exc):
        c = g.pop("conn", None)
        if c is not None:
            c.close()

    @app.before_request
    def _guard():
        """Refuse other Host names (DNS rebinding) and, when a token is set, requests without it."""
        if request_host_name(request.headers.get("Host", "")) not in app.config["ALLOWED_HOSTS"]:
            return Response("Tên máy chủ (Host) không được phép.\n", 400, mimetype="text/plain")
        expected = app.config["TOKEN"]
        if not expected:
            return None
        given = request.args.get("token")
        if given is not None and hmac.compare_digest(given.encode(), expected.encode()):
            rest = {k: v for k, v in request.args.items(multi=False) if k != "token"}
            response = redirect(url_for(request.endpoint, **(request.view_args or {}), **rest) if request.endpoint
                                else "/")
            response.set_cookie(TOKEN_COOKIE, expected, httponly=True, samesite="Strict")
            return response
        auth = request.headers.get("Authorization", "")
        carried = request.cookies.get(TOKEN_COOKIE) or (auth[7:] if auth.startswith("Bearer ") else "")
        if not hmac.compare_digest(carried.encode(), expected.encode()):
            return Response("Cần mã truy cập: mở đường dẫn có ?token=… mà vanban serve đã in ra.\n", 401,
                            mimetype="text/plain")
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        scripts = script_hashes(response.get_data(as_text=True)) if response.mimetype == "text/html" else "'none'"
        response.headers["Content-Security-Policy"] = CSP.format(scripts=scripts)
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.errorhandler(HTTPException)
    def _error(exc: HTTPException):
        """Error pages in the UI's language, under its navigation bar."""
        message = label("http_errors", str(exc.code)) if exc.code else ""
        if message == str(exc.code):
            message = exc.name
        return render_template("error.html", code=exc.code, message=message), exc.code

    @app.route("/favicon.ico")
    @app.route("/favicon.svg")
    def favicon():
        return app.send_static_file("favicon.svg")

    @app.route("/")
    def index():
        q = request.args.get("q", "").strip()
        filters = {k: request.args.get(k, "").strip() or None for k in DOCUMENT_FILTERS}
        if q:
            found = search(conn(), q, doc_type=filters["type"], issuer=filters["issuer"], date_from=filters["from"],
                           date_to=filters["to"], cites=filters["cites"], limit=LIST_LIMIT)
        else:
            found = list_documents(conn(), filters)
        types = [r[0] for r in conn().execute("SELECT DISTINCT doc_type FROM documents WHERE doc_type IS NOT NULL ORDER BY 1")]
        counts = {k: conn().execute(f"SELECT COUNT(*) FROM {k}").fetchone()[0] for k in ("files", "failures")}
        counts["documents"] = conn().execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM documents GROUP BY {', '.join(SAME_DOCUMENT)})").fetchone()[0]
        return render_template("index.html", q=q, filters=filters, found=found, types=types, counts=counts,
                               filtered=any(filters.values()))

    @app.route("/doc/<sha>")
    def document(sha: str):
        from ..review.page import render_review
        row = conn().execute("SELECT result_json, page_count FROM documents WHERE sha256 = ?", (sha,)).fetchone()
        if row is None:
            abort(404)
        links = {"vanban": url_for("index"), "Tìm kiếm": url_for("index"), "Nhiệm vụ": url_for("tasks"),
                 "Nhiệm vụ của văn bản": url_for("tasks", doc=sha)}
        if request.args.get("pages"):
            sources = _source_files(sha)
            if not sources:
                abort(404)
            return _pictures_page(sha, sources, links | {"Văn bản": url_for("document", sha=sha)}, row[1])
        pictured = _pictured_copy(sha)
        if pictured:
            links["Ảnh trang (đọc lại tệp)"] = url_for("document", sha=pictured, pages=1)
        return render_review(json.loads(row[0]), None, links)

    def _pictures_page(sha: str, sources: list[Path], links: dict, pages: int | None):
        """The drawn pages, or a page saying how far the drawing is (it reloads itself)."""
        done = pictures.request(sha, sources, links, pages)
        if isinstance(done, Path):
            return done.read_text("utf-8")
        job: Job = done
        if job.state == "failed":
            status = 409 if isinstance(job.error, SourceChanged) else 500
            return render_template("pictures.html", job=job, error=str(job.error), back=url_for("document", sha=sha)), status
        return render_template("pictures.html", job=job, error=None, back=url_for("document", sha=sha),
                               running=pictures.running(), refresh=WAIT_REFRESH_S), 202

    def _pictured_copy(sha: str) -> str | None:
        """This document, or another file of the same document, as a PDF or image still on disk."""
        same = conn().execute(
            "SELECT o.sha256 FROM documents d JOIN documents o ON o.doc_type IS d.doc_type AND o.number IS d.number "
            "AND o.issued_date IS d.issued_date AND o.issuer IS d.issuer AND o.title IS d.title "
            f"WHERE d.sha256 = ? AND o.format IN ({','.join('?' * len(PAGED))}) ORDER BY o.sha256 != d.sha256",
            (sha, *PAGED)).fetchall()
        return next((s for (s,) in same if _source_files(s)), None)

    def _source_files(sha: str) -> list[Path]:
        """The files on disk ingested as ``sha`` (their content is checked before it is drawn)."""
        paths = [Path(path) for (path,) in conn().execute("SELECT path FROM files WHERE sha256 = ?", (sha,))
                 if "!" not in path]
        return [p for p in paths if p.is_file()]

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


def list_documents(conn, filters: dict, limit: int = LIST_LIMIT) -> list[dict]:
    """The corpus's documents, newest first, one row per document however many
    files hold it (``copies``), narrowed by the home page's filters."""
    where, args = [], []
    if filters.get("type"):
        where.append("doc_type = ?")
        args.append(filters["type"])
    if filters.get("issuer"):
        where.append("instr(fold(issuer), ?) > 0")
        args.append(fold_diacritics(filters["issuer"]))
    if filters.get("from"):
        where.append("issued_date >= ?")
        args.append(filters["from"])
    if filters.get("to"):
        where.append("issued_date <= ?")
        args.append(filters["to"])
    if filters.get("cites"):
        where.append("sha256 IN (SELECT sha256 FROM citations WHERE REPLACE(number, ' ', '') = ?)")
        args.append(filters["cites"].replace(" ", ""))
    group = ", ".join(SAME_DOCUMENT)
    rows = conn.execute(
        f"SELECT MIN(sha256) AS sha256, {group}, COUNT(*) AS copies FROM documents "
        f"{'WHERE ' + ' AND '.join(where) if where else ''} GROUP BY {group} "
        "ORDER BY issued_date IS NULL, issued_date DESC, number LIMIT ?", (*args, limit)).fetchall()
    return [dict(r) for r in rows]


def make_server(host: str, port: int, app: Flask):
    """Werkzeug's threaded server, saying "vanban" where it would give its and Python's versions."""
    from werkzeug.serving import WSGIRequestHandler, make_server as werkzeug_server

    class Handler(WSGIRequestHandler):
        def version_string(self) -> str:
            return "vanban"

    return werkzeug_server(host, port, app, threaded=True, request_handler=Handler)


def serve(corpus: str | Path, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          allow_hosts: tuple[str, ...] = (), cache_dir: str | Path | None = None, announce=print) -> None:
    """Run the app (a local tool, one user).  Beyond loopback a token is required:
    the one given, or a new one; ``announce`` gets the address to open."""
    if not is_loopback(host) and not token:
        token = secrets.token_urlsafe(18)
    app = create_app(corpus, hosts=tuple(host_names(host, allow_hosts)), token=token, cache_dir=cache_dir)
    server = make_server(host, port, app)
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else f"[{host}]" if ":" in host else host
    announce(f"http://{shown}:{server.server_port}/" + (f"?token={token}" if token else ""))
    server.serve_forever()

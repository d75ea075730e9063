"""Command line: ``vanban parse FILE... [-o OUTDIR]``, ``vanban ingest``, ``search``, ….

Each input gives one JSON file (``OUTDIR/<name>.json``), written atomically and
validated against the schema.  A file that cannot be parsed gets an error
record and a one-line message on stderr; the others still parse.

Exit status, the same for ``parse`` and ``ingest`` (and README's table):
``EXIT_OK`` every file done; ``EXIT_SOME_FAILED`` the batch finished but some
files failed or some inputs did not exist; ``EXIT_NOTHING_DONE`` nothing was
done — bad arguments, no input found at all, no corpus.  Messages are English,
one line each, prefixed ``vanban:``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .output import write_atomic
from .errors import VanbanError
from .isolate import parse_isolated
from .limits import Limits
from .progress import Progress
from .formats import is_candidate
from .run import ParseOptions

EXIT_OK = 0
EXIT_SOME_FAILED = 1          # finished; some files failed or some inputs were missing
EXIT_NOTHING_DONE = 2         # bad arguments, no input at all, no corpus (argparse's own code)


def existing_inputs(inputs: list[str]) -> tuple[list[str], list[str]]:
    """(inputs that exist, inputs that do not), each missing one reported on stderr:
    a typo among several paths is said, never skipped in silence."""
    found, missing = [], []
    for item in inputs:
        (found if Path(item).exists() else missing).append(item)
    for item in missing:
        print(f"vanban: {item}: no such file or folder", file=sys.stderr)
    return found, missing

def iso_date(text: str) -> str:
    """An argparse type: a real calendar date as YYYY-MM-DD (``2021-13-45`` is refused,
    not compared as a string and silently matching nothing)."""
    import datetime as dt
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def positive_int(text: str) -> int:
    """An argparse type for counts (``--limit``, ``--jobs``, ``--memory-mb``): 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text!r}")
    return value


def positive_seconds(text: str) -> float:
    """An argparse type for ``--timeout``: a number of seconds above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be above 0: {text!r}")
    return value


def _expand(inputs: list[str]) -> list[Path]:
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and is_candidate(f)))
        else:
            files.append(p)
    return files


def _out_name(path: Path, used: set[str]) -> str:
    name = f"{path.name}.json"
    n = 2
    while name in used:
        name = f"{path.name}.{n}.json"
        n += 1
    used.add(name)
    return name


def summary_table(rows: list[dict]) -> str:
    """A short fixed-width table of what was found, one line per file."""
    head = ("file", "status", "type", "number", "date", "issuer", "cites", "tasks", "pages")
    lines = []
    for r in rows:
        if r.get("status") != "ok":
            lines.append((r["source"]["file_name"], "ERROR", r["error"]["message"][:60], "", "", "", "", "", ""))
            continue
        d = r["document"]
        lines.append((r["source"]["file_name"], "ok", d["doc_type"] or "-", d["number"] or "-", d["issued_date"] or "-",
                      (d["issuer"] or "-")[:34], str(len(r["citations"])), str(len(r["tasks"])), str(r["source"]["page_count"])))
    widths = [max(len(str(x[i])) for x in [head] + lines) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*head), fmt.format(*("-" * w for w in widths))]
    out.extend(fmt.format(*row) for row in lines)
    return "\n".join(out)


def cmd_parse(args: argparse.Namespace) -> int:
    outdir = Path(args.output)
    inputs, missing = existing_inputs(args.files)
    files = _expand(inputs)
    if not files:
        print("vanban: no input files", file=sys.stderr)
        return EXIT_NOTHING_DONE
    options = ParseOptions(force_ocr=args.force_ocr, ocr_jobs=1 if args.jobs > 1 else None,
                           limits=_limits(args))
    used: set[str] = set()
    names = {path: _out_name(path, used) for path in files}      # input order: stable names
    results = []
    failed = 0
    progress = Progress(len(files), "parse", enabled=not args.quiet)
    try:
        for path, result in parse_isolated(files, options, jobs=args.jobs, progress=progress):
            write_atomic(outdir / names[path], result)
            results.append(result)
            if result["status"] != "ok":
                failed += 1
                progress.say(f"vanban: {path}: {result['error']['message']}")
    finally:
        progress.close()
    if args.summary:
        print(summary_table(results))
    if not args.quiet:
        print(f"vanban: {len(files)} file(s): {len(files) - failed} ok, {failed} failed; JSON in {outdir}/", file=sys.stderr)
    return EXIT_SOME_FAILED if failed or missing else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    """Parse each gold file's source (fenced, like parse) and score it field by field."""
    from .evaluate import Report, find_source, load_gold, score_document
    golds = load_gold(Path(args.gold))
    if not golds:
        print(f"vanban: no gold files in {args.gold}", file=sys.stderr)
        return EXIT_NOTHING_DONE
    docs = [Path(d) for d in args.docs]
    sources, missing = {}, []
    for gold_path, gold in golds:
        src = find_source(gold_path, gold["source"], docs)
        if src is None:
            missing.append(gold["source"])
        else:
            sources[src] = (gold_path, gold)
    for name in missing:
        print(f"vanban: source of gold not found: {name} (give its folder with --docs)", file=sys.stderr)
    if not sources:
        return EXIT_NOTHING_DONE
    options = ParseOptions(ocr_jobs=1 if args.jobs > 1 else None, limits=_limits(args), read_cache=args.cache)
    scores = {src: score_document(record, sources[src][1], src.name)
              for src, record in parse_isolated(list(sources), options, jobs=args.jobs)}
    report = Report([scores[src] for src in sources])
    print(report.table())
    if args.json:
        write_atomic(Path(args.json), report.as_dict())
    return EXIT_SOME_FAILED if missing else EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    from .corpus.ingest import ingest
    inputs, missing = existing_inputs(args.inputs)
    if not inputs:                                  # nothing to read: no corpus file made from a typo
        print("vanban: no input files", file=sys.stderr)
        return EXIT_NOTHING_DONE
    new_corpus = not Path(args.corpus).exists()
    summary = ingest(inputs, args.corpus, jobs=args.jobs, progress=not args.quiet,
                     engine=args.engine, scheduler=args.scheduler, limits=_limits(args),
                     retry_failed=args.retry_failed, force_ocr=args.force_ocr)
    if not summary.files:                          # folders without one document: as parse says
        print("vanban: no input files", file=sys.stderr)
        if new_corpus:
            _remove_corpus(Path(args.corpus))
        return EXIT_NOTHING_DONE
    for line in summary.failures:                  # one line per file that could not be read, never silence
        print(f"vanban: {line}", file=sys.stderr)
    failed_before = (f" ({summary.skipped_failed} of them failed before: --retry-failed tries again)"
                     if summary.skipped_failed else "")
    print(f"vanban: {summary.files} file(s): {summary.parsed} parsed, {summary.skipped} already in the corpus"
          f"{failed_before}, {summary.failed} failed; {summary.pages} pages in {summary.seconds:.1f}s", file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed or missing else EXIT_OK


def _remove_corpus(path: Path) -> None:
    """Take back the empty corpus an ingest of nothing made (with SQLite's WAL side files)."""
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)


class NoCorpus(VanbanError):
    code = "no_corpus"


def _open_corpus(path: str):
    """An existing corpus: reading commands must not create an empty one from a typo."""
    from .corpus import db
    if not Path(path).is_file():
        raise NoCorpus(f"no corpus at {path} (build one with: vanban ingest FOLDER --corpus {path})")
    return db.connect(path)


def cmd_failures(args: argparse.Namespace) -> int:
    conn = _open_corpus(args.corpus)
    rows = conn.execute("SELECT path, code, message FROM failures ORDER BY path").fetchall()
    for r in rows:
        print(f"{r['path']}\t{r['code']}\t{r['message']}")
    print(f"vanban: {len(rows)} failure(s) recorded", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from .corpus.search import search
    if not (args.query.strip() or args.cites or args.issuer or args.type or args.date_from or args.date_to):
        print("vanban: search needs a query or a filter (--cites, --issuer, --type, --from, --to)", file=sys.stderr)
        return 2
    conn = _open_corpus(args.corpus)
    hits = search(conn, args.query, doc_type=args.type, issuer=args.issuer, date_from=args.date_from,
                  date_to=args.date_to, cites=args.cites, limit=args.limit)
    for h in hits:
        copies = f" | {h.copies} files" if h.copies > 1 else ""
        print(f"{h.number or '(no number)'} | {h.issued_date or '-'} | {h.issuer or '-'} | {h.doc_type or '-'}{copies}")
        print(f"    {h.snippet}")
    print(f"vanban: {len(hits)} result(s)", file=sys.stderr)
    return 0


def cmd_owners(args: argparse.Namespace) -> int:
    from .corpus.owners import owner_registry
    entries = owner_registry(_open_corpus(args.corpus), args.name)
    print(f"{'id':>4} {'lead':>5} {'supp':>5} {'docs':>5}  name")
    for e in entries:
        print(f"{e.id:>4} {e.lead:>5} {e.support:>5} {e.documents:>5}  {e.name}")
        if args.spellings:
            for s in e.spellings:
                if s != e.name:
                    print(f"{'':>24}  ← {s}")
    print(f"vanban: {len(entries)} owner(s)", file=sys.stderr)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from .output import write_text_atomic
    from .review.page import review_in_worker
    out = Path(args.output or Path(args.file).name + ".review.html")
    progress = Progress(1, "review", enabled=not args.quiet)
    try:
        result = review_in_worker(Path(args.file), _limits(args), progress=progress)
    finally:
        progress.close()
    if result["status"] != "ok":
        print(f"vanban: {args.file}: {result['error']['message']}", file=sys.stderr)
        return EXIT_SOME_FAILED
    write_text_atomic(out, result["html"])
    print(f"vanban: review page written to {out}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.app import serve
    _open_corpus(args.corpus).close()
    serve(args.corpus, args.host, args.port, token=args.token, allow_hosts=tuple(args.allow_host),
          cache_dir=args.cache_dir, announce=lambda url: print(f"vanban: serving {args.corpus} on {url}", file=sys.stderr, flush=True))
    return 0


def _task_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", default="corpus.db")
    p.add_argument("--owner", help='owner name, abbreviations and tone marks ignored ("VP UBND xã")')
    p.add_argument("--role", choices=["lead", "support"], help="with --owner: only as lead (chủ trì) or support (phối hợp)")
    p.add_argument("--due-before", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--due-after", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--overdue", action="store_true", help="deadline passed (today, or --as-of)")
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="the date --overdue compares with")
    p.add_argument("--doc", help="document number, sha256 prefix or path fragment")


def _selected_tasks(args: argparse.Namespace) -> list[dict]:
    from .corpus.tasks import query_tasks
    conn = _open_corpus(args.corpus)
    return query_tasks(conn, owner=args.owner, due_before=args.due_before, due_after=args.due_after,
                       overdue=args.overdue, as_of=args.as_of, doc=args.doc, role=args.role)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def cmd_tasks(args: argparse.Namespace) -> int:
    tasks = _selected_tasks(args)
    print(f"{'due':<12} {'document':<14} {'ref':<6} {'lead':<34} task")
    for t in tasks:
        dl = t["deadline"]
        due = dl["end"] or dl["text"] or "-"
        print(f"{_cut(due, 12):<12} {_cut(t['document']['number'] or '-', 14):<14} {_cut(t['ref'] or '-', 6):<6} "
              f"{_cut('; '.join(t['lead']), 34):<34} {_cut(t['description'], 60)}")
    print(f"vanban: {len(tasks)} task(s)", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .corpus.export import write_export
    out = Path(args.output)
    if not out.parent.is_dir():                     # said before any work, in one line
        print(f"vanban: cannot write {out}: folder {out.parent} does not exist", file=sys.stderr)
        return EXIT_NOTHING_DONE
    tasks = _selected_tasks(args)
    try:
        write_export(args.format, tasks, out, vietnamese_headers=args.vi_headers)
    except OSError as exc:                          # not writable, disk full, a folder named like the file
        print(f"vanban: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_NOTHING_DONE
    print(f"vanban: {len(tasks)} task(s) written to {out}", file=sys.stderr)
    return 0


def _limit_args(p: argparse.ArgumentParser, default_jobs: int | None, jobs: bool = True) -> None:
    defaults = Limits()
    if jobs:
        p.add_argument("--jobs", type=positive_int, default=default_jobs,
                       help="files parsed at once, each in its own process" + (" (default: cores)" if default_jobs is None else ""))
    p.add_argument("--timeout", type=positive_seconds, default=defaults.max_seconds,
                   help=f"seconds a one-page file may take before its worker is stopped (default {defaults.max_seconds:.0f})")
    p.add_argument("--page-timeout", type=positive_seconds, default=defaults.seconds_per_page,
                   help=f"seconds added to --timeout for each further page of a PDF or TIFF (default {defaults.seconds_per_page:.0f})")
    p.add_argument("--memory-mb", type=positive_int, default=defaults.max_memory_bytes // 2**20,
                   help=f"memory a worker may add, MiB (default {defaults.max_memory_bytes // 2**20})")


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(max_seconds=args.timeout, seconds_per_page=args.page_timeout, max_memory_bytes=args.memory_mb * 2**20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vanban", description="Vietnamese administrative documents → JSON")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse files (or folders) into one JSON each")
    p.add_argument("files", nargs="+")
    p.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    p.add_argument("--summary", action="store_true", help="print a table of what was found")
    p.add_argument("--force-ocr", action="store_true", help="OCR PDF pages even when they have a text layer")
    _limit_args(p, default_jobs=1)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line and no summary line")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("eval", help="score extractions against hand-made gold files, field by field")
    p.add_argument("gold", help="folder of gold JSON files (each names its source document)")
    p.add_argument("--docs", action="append", default=[], help="folder holding the sources (repeatable)")
    p.add_argument("--json", help="also write the scores to this JSON file")
    p.add_argument("--cache", help="folder caching what the readers return (OCR above all), keyed by file, "
                   "options and reading code; makes re-scoring after an extractor change take seconds")
    _limit_args(p, default_jobs=1)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("review", help="one HTML page showing what was extracted, drawn on the pages")
    p.add_argument("file")
    p.add_argument("-o", "--output", help="HTML file (default: FILE.review.html)")
    _limit_args(p, default_jobs=1, jobs=False)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("ingest", help="parse folders/zips into a corpus (resumable, parallel)")
    p.add_argument("inputs", nargs="+")
    p.add_argument("--corpus", default="corpus.db")
    _limit_args(p, default_jobs=None)
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--scheduler", help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--retry-failed", action="store_true",
                   help="parse again the files whose failure is recorded (e.g. with a longer --timeout)")
    p.add_argument("--force-ocr", action="store_true", help="OCR PDF pages even when they have a text layer")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("failures", help="files that could not be parsed, with the reason")
    p.add_argument("--corpus", default="corpus.db")
    p.set_defaults(func=cmd_failures)

    p = sub.add_parser("search", help="full-text search, insensitive to tone marks and đ/d")
    p.add_argument("query", nargs="?", default="",
                   help='words (all must appear), "a quoted phrase", or a document number; '
                        "may be left out when a filter is given (--cites N lists the documents citing N)")
    p.add_argument("--corpus", default="corpus.db")
    p.add_argument("--type", help="doc_type code, e.g. ke_hoach")
    p.add_argument("--issuer", help='issuing body: abbreviations, tone marks and case ignored '
                   '("UBND tỉnh Lào Cai", "sở công thương", "SCT")')
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD", help="issued on or after")
    p.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD", help="issued on or before")
    p.add_argument("--cites", help="documents that cite this number, e.g. 61/2018/NĐ-CP")
    p.add_argument("--limit", type=positive_int, default=20, help="most results shown (default 20)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("tasks", help="tasks across the corpus, with filters")
    tasks_parser = p
    _task_filters(p)
    p.set_defaults(func=cmd_tasks)

    p = sub.add_parser("owners", help="the owner registry: one id per body, with task counts")
    p.add_argument("name", nargs="?", help="filter by name (abbreviations and tone marks ignored)")
    p.add_argument("--corpus", default="corpus.db")
    p.add_argument("--spellings", action="store_true", help="also list the spellings found in the documents")
    p.set_defaults(func=cmd_owners)

    p = sub.add_parser("serve", help="a local web app over the corpus: search, documents, tasks, export")
    p.add_argument("--corpus", default="corpus.db")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--token", help="required on every request (beyond loopback one is made and printed when not given)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="another name the server is reached under (the Host header); repeatable")
    p.add_argument("--cache-dir", help="where drawn page pictures are kept (default: CORPUS.pages beside the corpus)")
    p.set_defaults(func=cmd_serve)

    from .corpus.export import EXPORTERS
    p = sub.add_parser("export", help=f"export tasks to {', '.join(EXPORTERS)}")
    p.add_argument("what", choices=["tasks"])
    p.add_argument("--format", choices=list(EXPORTERS), required=True)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--vi-headers", action="store_true",
                   help=f"Vietnamese column headers ({', '.join(n for n, e in EXPORTERS.items() if e.has_headers)})")
    _task_filters(p)
    p.set_defaults(func=cmd_export)
    export_parser = p
    args = parser.parse_args(argv)
    if getattr(args, "role", None) and not args.owner:      # a role is a role *of* someone
        (tasks_parser if args.command == "tasks" else export_parser).error("--role needs --owner")
    try:
        return args.func(args)
    except NoCorpus as exc:
        print(f"vanban: {exc}", file=sys.stderr)
        return EXIT_NOTHING_DONE
    except BrokenPipeError:                 # `vanban tasks | head`: the reader has enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())

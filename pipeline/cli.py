"""Command line: ``vanban parse FILE... [-o OUTDIR]``.

Each input gives one JSON file (``OUTDIR/<name>.json``), written atomically and
validated against the schema.  A file that cannot be parsed gets an error
record and a one-line message on stderr; the others still parse, and the exit
status is non-zero when any file failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .output import validate, write_atomic
from .run import ParseOptions, parse_safely

SUPPORTED = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".doc", ".txt", ".md", ".bmp", ".webp"}


def _expand(inputs: list[str]) -> list[Path]:
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED))
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
    files = _expand(args.files)
    if not files:
        print("vanban: no input files", file=sys.stderr)
        return 2
    options = ParseOptions(force_ocr=args.force_ocr)
    used: set[str] = set()
    results = []
    failed = 0
    for path in files:
        result = parse_safely(path, options)
        problems = validate(result)
        if problems:
            result = {"$schema": result.get("$schema"), "schema_version": result.get("schema_version"), "status": "error",
                      "source": {"path": str(path), "file_name": path.name},
                      "error": {"code": "schema_violation", "message": "; ".join(problems[:3])}}
        write_atomic(outdir / _out_name(path, used), result)
        results.append(result)
        if result["status"] != "ok":
            failed += 1
            print(f"vanban: {path}: {result['error']['message']}", file=sys.stderr)
    if args.summary:
        print(summary_table(results))
    if not args.quiet:
        print(f"vanban: {len(files)} file(s): {len(files) - failed} ok, {failed} failed; JSON in {outdir}/", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vanban", description="Vietnamese administrative documents → JSON")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse files (or folders) into one JSON each")
    p.add_argument("files", nargs="+")
    p.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    p.add_argument("--summary", action="store_true", help="print a table of what was found")
    p.add_argument("--force-ocr", action="store_true", help="OCR PDF pages even when they have a text layer")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_parse)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

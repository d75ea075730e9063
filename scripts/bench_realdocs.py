"""Every real document in ``../shared/realdocs`` (``more/`` included) through `vanban parse`.

What issue 9 asks of reading, checked on the whole set (the test suite checks a
few files per class): each file ends ``ok``, its text reads as Vietnamese (the
readability judge of :mod:`vanban.pipeline.readability` finds no reason to
distrust it), and no ``(cid:`` or glyph-shifted text is stored.  Prints one
line per file — format, pages, how each page was read and why — and the
totals; exits 1 if any file fails, so `make bench` shows it.

    python scripts/bench_realdocs.py [--jobs 2] [DIR]
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VANBAN_SHARED", ROOT.parent / "shared"))

from vanban.pipeline.formats import is_candidate  # noqa: E402
from vanban.pipeline.isolate import parse_isolated  # noqa: E402
from vanban.pipeline.readability import judge  # noqa: E402
from vanban.pipeline.run import ParseOptions  # noqa: E402


def real_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and is_candidate(p) and p.name != "SOURCES.tsv")


def page_summary(record: dict) -> str:
    """'3 text-layer, 2 ocr (image_only)' — how the pages were read and why."""
    counts = collections.Counter()
    for page in record["source"]["pages"]:
        why = page.get("ocr_reason") or page.get("decoded")
        counts[page["text_source"] + (f" ({why})" if why else "")] += 1
    return ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=SHARED / "realdocs")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    if not args.folder.exists():
        print(f"real documents: {args.folder} absent, skipped")
        return 0
    files = real_files(args.folder)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    started = time.perf_counter()
    bad = 0
    print(f"Real documents: {len(files)} files under {args.folder}, vanban parse --jobs {args.jobs}")
    rows = []
    for path, record in parse_isolated(files, ParseOptions(ocr_jobs=1), jobs=args.jobs):
        name = str(path.relative_to(args.folder))
        if record["status"] != "ok":
            bad += 1
            rows.append(f"  FAIL {name:<66} {record['error']['code']}: {record['error']['message'][:80]}")
            continue
        text = record["text"]
        verdict = judge(text)
        problem = ("(cid:" in text and "cid glyphs in text") or (not verdict.readable and f"text unreadable: {verdict.reason}")
        if problem:
            bad += 1
        rows.append(f"  {'FAIL' if problem else 'ok  '} {name:<66} {record['source']['format']:<6} "
                    f"{page_summary(record)}{'  ← ' + problem if problem else ''}")
    for line in sorted(rows, key=lambda r: r[7:]):
        print(line)
    print(f"  {len(files) - bad} of {len(files)} files ok with Vietnamese text, {bad} not; "
          f"{time.perf_counter() - started:.0f}s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""Hostile-input figures for `make bench`: ingest a generated corpus of broken and
hostile files and count what happened (the same corpus and counts as
tests/test_hostile.py, which asserts them)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vanban.pipeline.limits import Limits  # noqa: E402
from tests.test_hostile import SLOW_PAGE_SECONDS, build_hostile_corpus, hostile_figures  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="vanban-hostile-") as tmp:
        folder = Path(tmp) / "archive"
        expected = build_hostile_corpus(folder)
        figures = hostile_figures(folder, Path(tmp) / "corpus.db", expected, Limits(max_seconds=SLOW_PAGE_SECONDS))
        rows = figures.pop("_rows")
        figures.pop("_summary")
        figures.pop("_conn").close()
        print(f"\nHostile corpus: {len(expected)} generated files, ingest --jobs 2, --timeout {SLOW_PAGE_SECONDS}")
        for key, value in figures.items():
            print(f"  {key:<20} {value}")
        print("  outcome per file:")
        for name in sorted(rows):
            r = rows[name]
            print(f"    {name:<28} {r['code'] or 'parsed'}")


if __name__ == "__main__":
    main()

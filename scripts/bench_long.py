"""Long documents and worker memory for `make bench`.

An 80-page scan and a 100-page born-digital law (``scripts/make_long_docs.py``,
made once into ``out/long-docs``) are parsed at ``--jobs 2`` under the default
limits, each beside the other and then beside a sample, through the same fenced
batch path as ``vanban parse``.  Printed per file: its time against its own
limit (which grows with its pages), and the worker's peak proportional set size
(PSS, from ``/proc/PID/smaps_rollup`` of the worker and its Tesseract children,
sampled while it runs) — PSS, not RSS: the pages forked from the parent are
shared, and RSS would count them once per worker.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from vanban.pipeline.isolate import run_batch  # noqa: E402
from vanban.pipeline.limits import Limits  # noqa: E402
from vanban.pipeline.run import ParseOptions, parse_safely  # noqa: E402

LONG = ROOT / "out" / "long-docs"
PSS_TARGET = 1 << 30            # the target: peak PSS per worker ≤ 1 GB
SAMPLE_SECONDS = 0.5            # how often the memory of the workers is read


def long_docs(law_pages: int, scan_pages: int) -> tuple[Path, Path]:
    """The long law and scan, made on the first run and kept in out/long-docs."""
    from make_long_docs import make_law, make_scan
    law, scan = LONG / f"law-{law_pages}p.pdf", LONG / f"law-{scan_pages}p.scan.pdf"
    if not law.exists():
        make_law(law, law_pages)
    if not scan.exists():
        make_scan(scan, scan_pages)
    return law, scan


def pss(pid: int) -> int:
    """Proportional set size of one process, bytes (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def tree_pss(pid: int) -> int:
    """PSS of a worker and everything it started (Tesseract, LibreOffice)."""
    return pss(pid) + sum(tree_pss(c) for c in children(pid))


class PeakPss:
    """Samples the PSS of each worker (child of this process) while a batch runs."""

    def __init__(self) -> None:
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            for worker in children(os.getpid()):
                self.peak[worker] = max(self.peak.get(worker, 0), tree_pss(worker))

    def __enter__(self) -> "PeakPss":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _work(path: Path) -> dict:
    """The worker body of ``vanban parse`` plus which worker and how long (bench only)."""
    started = time.monotonic()
    record = parse_safely(path, ParseOptions(ocr_jobs=1))
    record["_bench"] = {"pid": os.getpid(), "seconds": time.monotonic() - started}
    return record


def run(files: list[Path], limits: Limits) -> None:
    with PeakPss() as memory:
        results = list(run_batch(files, _work, limits, jobs=2))
    for path, record in results:
        out = record.pop("_bench", {"pid": 0, "seconds": 0.0})
        pages = record.get("source", {}).get("page_count")
        limit = limits.seconds_for(pages)
        if record.get("status") != "ok":
            print(f"  {path.name:<28} ✗ {record['error']['code']}: {record['error']['message']}")
            continue
        peak = memory.peak.get(out["pid"], 0)
        ok_time = "✓" if out["seconds"] <= limit else "✗"
        ok_mem = "✓" if peak <= PSS_TARGET else "✗"
        print(f"  {path.name:<28} {pages:4d} pages {out['seconds']:7.1f} s  limit {limit:6.0f} s {ok_time}"
              f"   peak PSS {peak / 2**20:6.0f} MiB (≤ 1024) {ok_mem}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="long documents under the default limits, and worker memory")
    ap.add_argument("--law-pages", type=int, default=100)
    ap.add_argument("--scan-pages", type=int, default=80)
    args = ap.parse_args(argv)
    law, scan = long_docs(args.law_pages, args.scan_pages)
    limits = Limits()
    print(f"\nLong documents at --jobs 2, default limits ({limits.max_seconds:.0f} s + {limits.seconds_per_page:.0f} s "
          f"per further page), two files at once; peak PSS per worker (worker + Tesseract)")
    run([scan, law, ROOT / "samples" / "004_d5409b736efdaf35.pdf"], limits)


if __name__ == "__main__":
    main()

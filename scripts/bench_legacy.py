"""Score vanban (and the peer viparse) on the legacy TCVN3/VNI documents.

    python scripts/bench_legacy.py [--verbose] [--only vanban|viparse] [--dir /work/shared/legacy] [NAME…]

Reads every file of ``DIR/files`` the way each tool would store it — for
vanban the record's ``text`` (``run.analyse``), for viparse ``load(...,
output="text", encoding="auto")`` — and scores it against ``DIR/truth`` with
:mod:`vanban.pipeline.legacy_measure` (the measure of ``DIR/README.md``).
Prints, per tool: documents read, mean diacritic accuracy, mean char accuracy
(an unreadable document counts as 0), and per format; ``--verbose`` adds one
line per file.  Skips (exit 0) when the folder is absent.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from vanban.pipeline import legacy_measure as lm

DEFAULT_DIR = Path(os.environ.get("VANBAN_SHARED", Path(__file__).resolve().parent.parent.parent / "shared")) / "legacy"


def read_vanban(path: Path) -> str:
    from vanban.pipeline.run import ParseOptions, analyse
    return analyse(path, ParseOptions())[1]["text"]


def read_viparse(path: Path) -> str:
    import viparse
    docs = viparse.load(str(path), output="text", encoding="auto")
    return "\n".join(d.text for d in docs)


TOOLS = {"vanban": read_vanban, "viparse": read_viparse}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="only these files (name or prefix)")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--only", choices=sorted(TOOLS))
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--dump", type=Path, help="write each tool's text to DUMP/TOOL/NAME.txt")
    args = ap.parse_args(argv)
    if not (args.dir / "files").is_dir():
        print(f"skipped: {args.dir}/files not found")
        return 0
    kinds = {}
    with open(args.dir / "SOURCES.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            kinds[row["file"]] = (row["encoding"], row["format"])
    files = sorted(p for p in (args.dir / "files").iterdir() if p.is_file())
    if args.names:
        files = [p for p in files if any(p.name.startswith(n) for n in args.names)]
    tools = [args.only] if args.only else list(TOOLS)
    results: dict[str, list[tuple[Path, lm.Score, float, str]]] = {t: [] for t in tools}
    for path in files:
        truth = (args.dir / "truth" / f"{path.stem}.txt").read_text(encoding="utf-8")
        for tool in tools:
            t0 = time.perf_counter()
            try:
                text = TOOLS[tool](path)
                sc, err = lm.score(text, truth), ""
            except Exception as exc:            # a failure is a result
                text, sc, err = "", lm.failed(truth), f"{type(exc).__name__}: {exc}"[:120]
            dt = time.perf_counter() - t0
            results[tool].append((path, sc, dt, err))
            if args.dump:
                out = args.dump / tool / f"{path.stem}.txt"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
            if args.verbose:
                enc, fmt = kinds.get(path.name, ("?", "?"))
                print(f"{tool:8} {path.name[:48]:48} {enc:5} {fmt:4} diac {sc.diacritic_accuracy:.4f} "
                      f"char {sc.char_accuracy:.4f} {dt:5.1f}s {err}", flush=True)
    print()
    print(f"{'tool':8} {'read':>7} {'diacritic':>9} {'char':>7} {'pooled-diac':>11} {'time':>6}")
    for tool in tools:
        rows = results[tool]
        scores = [r[1] for r in rows]
        d, c = lm.mean(scores)
        pooled = sum(s.diacritics_ok for s in scores) / max(1, sum(s.diacritics for s in scores))
        read = sum(s.read for s in scores)
        print(f"{tool:8} {read:>3}/{len(rows):<3} {d:9.4f} {c:7.4f} {pooled:11.4f} {sum(r[2] for r in rows):5.0f}s")
        by_fmt = defaultdict(list)
        for path, sc, _, _ in rows:
            by_fmt[kinds.get(path.name, ("?", path.suffix[1:]))[1]].append(sc)
        for fmt, ss in sorted(by_fmt.items()):
            fd, fc = lm.mean(ss)
            print(f"  {fmt:6} {sum(s.read for s in ss):>3}/{len(ss):<3} {fd:9.4f} {fc:7.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

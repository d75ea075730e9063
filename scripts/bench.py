"""`make bench`: throughput as ratios against baselines measured in the same run.

Scans: the sample scans' pages are extracted as images, then timed through
  * raw `tesseract IMG - -l vie` one page after another with Tesseract's default
    OpenMP threads (the baseline, 1.00×);
  * raw `tesseract` with OMP_THREAD_LIMIT=1, one process per core in parallel;
  * `vanban parse` on the scanned PDFs (render + deskew + OCR + layout + extraction).
Text PDFs: `pdftotext` (baseline) against `vanban parse` on the born-digital PDFs.
Preprocessing: the OCR character error rate of the scans against the born-digital
text, with and without deskew, and with adaptive binarisation — the measurements
behind keeping deskew on and binarisation off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vanban.pipeline.run import ParseOptions, parse_file  # noqa: E402

SAMPLES = ROOT / "samples"
SCANS = sorted(SAMPLES.glob("*.scan.pdf"))
TEXT_PDFS = sorted(p for p in SAMPLES.glob("*.pdf") if not p.name.endswith(".scan.pdf"))
CORES = os.cpu_count() or 1


def extract_page_images(pdf: Path, outdir: Path) -> list[Path]:
    """The scan's own JPEG pages at their own resolution (what a scanner wrote)."""
    prefix = outdir / pdf.stem
    subprocess.run(["pdfimages", "-png", str(pdf), str(prefix)], check=True)
    return sorted(outdir.glob(f"{pdf.stem}-*.png"))


def raw_tesseract(images: list[Path], threads: int | None, jobs: int) -> float:
    env = dict(os.environ)
    if threads is None:
        env.pop("OMP_THREAD_LIMIT", None)
    else:
        env["OMP_THREAD_LIMIT"] = str(threads)

    def run(img: Path) -> None:
        subprocess.run(["tesseract", str(img), "-", "-l", "vie"], env=env, capture_output=True, check=True)

    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(run, images))
    return time.perf_counter() - t


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def words(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def cer(got: str, want: str) -> float:
    import jiwer
    return jiwer.cer(want, got)


def row(label: str, pages: int, seconds: float, base: float) -> str:
    rate = pages / seconds
    return f"  {label:<58} {rate:7.2f} pages/s   {rate / base:5.2f}×"


def main() -> None:
    if not SCANS or shutil.which("tesseract") is None:
        sys.exit("bench: needs the sample scans and tesseract (run `make samples` / `make setup`)")
    print(f"machine: {CORES} cores; tesseract {subprocess.run(['tesseract', '--version'], capture_output=True, text=True).stdout.split()[1]}")
    with tempfile.TemporaryDirectory() as tmp:
        images = [img for pdf in SCANS for img in extract_page_images(pdf, Path(tmp))]
        n = len(images)
        print(f"\nScanned pages: {n} pages from {len(SCANS)} scanned PDFs")
        base_s = raw_tesseract(images, threads=None, jobs=1)
        base = n / base_s
        print(row("raw tesseract, default OpenMP threads, one page at a time", n, base_s, base))
        single_s = raw_tesseract(images, threads=1, jobs=CORES)
        print(row(f"raw tesseract, 1 thread × {CORES} processes", n, single_s, base))
        vanban_s, results = timed(lambda: [parse_file(p) for p in SCANS])
        print(row("vanban parse (render, deskew, OCR, tables, extraction)", n, vanban_s, base))
        noskew_s, noskew = timed(lambda: [parse_file(p, ParseOptions(deskew=False)) for p in SCANS])
        print(row("vanban parse without deskew", n, noskew_s, base))
        binar_s, binar = timed(lambda: [parse_file(p, ParseOptions(binarize=True)) for p in SCANS])
        print(row("vanban parse with adaptive binarisation", n, binar_s, base))

    pages = sum(len(__import__("pdfplumber").open(p).pages) for p in TEXT_PDFS)
    print(f"\nBorn-digital PDFs: {pages} pages from {len(TEXT_PDFS)} PDFs")
    text_base_s, _ = timed(lambda: [subprocess.run(["pdftotext", str(p), "-"], capture_output=True, check=True) for p in TEXT_PDFS])
    tbase = pages / text_base_s
    print(row("pdftotext (text only)", pages, text_base_s, tbase))
    text_s, _ = timed(lambda: [parse_file(p) for p in TEXT_PDFS])
    print(row("vanban parse (layout, tables, extraction)", pages, text_s, tbase))

    print("\nOCR character error rate against the born-digital text (lower is better)")
    for scan, default, without, binarized in zip(SCANS, results, noskew, binar):
        reference = words(parse_file(scan.with_name(scan.name.replace(".scan.pdf", ".pdf")))["text"])
        print(f"  {scan.name:<32} default (deskew) {cer(words(default['text']), reference):6.2%}   "
              f"no deskew {cer(words(without['text']), reference):6.2%}   "
              f"+ binarisation {cer(words(binarized['text']), reference):6.2%}")


if __name__ == "__main__":
    main()
    import bench_textlayer
    print()
    bench_textlayer.main()
    import bench_legacy
    print()
    bench_legacy.main([])
    import bench_realdocs
    print()
    bench_realdocs.main([])
    import bench_corpus
    bench_corpus.main()
    import bench_hostile
    bench_hostile.main()

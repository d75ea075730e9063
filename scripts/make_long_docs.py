"""Long documents for the limits and `make bench`: a born-digital law of N pages
and an N-page scan of it, made from the bundled seed text (not committed: they
are large and quick to make).

The law is the seed plan's header, then chapters of numbered articles (Điều 1,
Điều 2, …) whose paragraphs cycle through the seed's body, then its recipients
and signature — rendered with reportlab by the samples' own renderer and cut to
exactly N pages.  The scan renders the first N pages of such a law through the
samples' scanner degradation (skew, blur, sensor noise, grey paper, JPEG),
as ``scripts/make_samples.py`` makes the sample scans.

    python3 scripts/make_long_docs.py OUTDIR [--law-pages 100] [--scan-pages 80]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_samples import render_pdf, render_scan, seed_blocks  # noqa: E402

SEED = ROOT / "samples" / "000_1e1698cb1e74ad37.txt"
ARTICLES_PER_CHAPTER = 12
PARAGRAPHS_PER_ARTICLE = 3
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII",
         "XXVIII", "XXIX", "XXX", "XXXI", "XXXII", "XXXIII", "XXXIV", "XXXV", "XXXVI", "XXXVII", "XXXVIII",
         "XXXIX", "XL"]


def _seed_parts() -> tuple[list[str], list[str], list[str]]:
    """The seed's header lines (up to its title), body paragraphs, and closing (from "Nơi nhận")."""
    lines = [line for line in SEED.read_text("utf-8").replace("**", "").split("\n") if line.strip()]
    title = next(i for i, line in enumerate(lines) if line.isupper() and len(line) < 40 and not line.startswith("Số"))
    closing = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    body = [line for line in lines[title + 2:closing]
            if len(line) > 60 and not line.startswith("|") and not line[:1].isdigit()]
    return lines[:title], body, lines[closing:]


def law_text(articles: int) -> str:
    """A law of ``articles`` articles in chapters, in the seed plan's words."""
    header, body, closing = _seed_parts()
    out = header + ["LUẬT", "Cải cách hành chính cấp xã"]
    k = 0
    for n in range(1, articles + 1):
        if (n - 1) % ARTICLES_PER_CHAPTER == 0:
            chapter = (n - 1) // ARTICLES_PER_CHAPTER
            out += [f"Chương {ROMAN[chapter % len(ROMAN)]}", f"QUY ĐỊNH NHÓM {chapter + 1}"]
        out.append(f"Điều {n}. Trách nhiệm thực hiện nhóm nhiệm vụ thứ {n}")
        for _ in range(PARAGRAPHS_PER_ARTICLE):
            out.append(body[k % len(body)])
            k += 1
    return "\n\n".join(out + closing) + "\n"


def _blocks(text: str, scratch: Path) -> list:
    path = scratch / "law.txt"
    path.write_text(text, "utf-8")
    return seed_blocks(path)


def _pages(pdf: Path) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _first_pages(src: Path, dst: Path, n: int) -> None:
    import pypdfium2 as pdfium
    doc, out = pdfium.PdfDocument(str(src)), pdfium.PdfDocument.new()
    out.import_pages(doc, list(range(n)))
    out.save(str(dst))
    out.close()
    doc.close()


def make_law(out: Path, pages: int) -> Path:
    """A born-digital law of exactly ``pages`` pages (rendered long enough, then cut)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    full = out.with_suffix(".full.pdf")
    articles = max(4, pages * 3)
    while True:
        render_pdf(_blocks(law_text(articles), out.parent), full)
        have = _pages(full)
        if have >= pages:
            break
        articles = int(articles * pages / have) + 8
    _first_pages(full, out, pages)
    full.unlink()
    (out.parent / "law.txt").unlink(missing_ok=True)
    return out


def make_scan(out: Path, pages: int, seed: int = 2080) -> Path:
    """An ``pages``-page degraded scan of the law (the samples' scanner)."""
    law = make_law(out.with_suffix(".source.pdf"), pages)
    render_scan(law, out, seed)
    law.unlink()
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--law-pages", type=int, default=100)
    ap.add_argument("--scan-pages", type=int, default=80)
    args = ap.parse_args(argv)
    outdir = Path(args.outdir)
    law = make_law(outdir / f"law-{args.law_pages}p.pdf", args.law_pages)
    scan = make_scan(outdir / f"law-{args.scan_pages}p.scan.pdf", args.scan_pages)
    print(f"made {law} ({_pages(law)} pages), {scan} ({_pages(scan)} pages)")


if __name__ == "__main__":
    main()

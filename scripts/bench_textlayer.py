"""Cost of the per-page text-layer check, and how decoding a lying layer compares with OCR.

    python scripts/bench_textlayer.py            # check cost on samples/*.pdf (born-digital)
    python scripts/bench_textlayer.py --cer      # + CER of decoding vs OCR on generated lying PDFs
    python scripts/bench_textlayer.py --real A.pdf B.pdf   # + the same on broken copies of real PDFs

The check (``readers.pdf.ocr_reason``: cheap page text from the chars pdfplumber
has already parsed, syllable statistics, shift test, image cover) is timed
apart from loading the chars, which the parse does anyway.  Prints e.g.::

    text-layer check: 1.9 ms/page over 11 pages (0.6% of born-digital parse time)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def check_cost(pdfs: list[Path]) -> tuple[float, int, float]:
    """(seconds spent in the check, pages, seconds of full parse_file)."""
    import pdfplumber
    from vanban.pipeline.readers.pdf import ocr_reason
    from vanban.pipeline.run import parse_file
    spent, pages, parse = 0.0, 0, 0.0
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                chars = sum(1 for c in page.chars if not c["text"].isspace())   # loaded outside the timing
                _ = page.images
                t0 = time.perf_counter()
                ocr_reason(page, chars)
                spent += time.perf_counter() - t0
                pages += 1
        t0 = time.perf_counter()
        parse_file(path)
        parse += time.perf_counter() - t0
    return spent, pages, parse


def cer(truth: str, text: str) -> float:
    """Character error rate, line order and spacing ignored: each true line
    against the output line closest to it (header halves come out in either order)."""
    def lev(a: str, b: str) -> int:
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]
    norm = lambda s: "".join(s.split())   # noqa: E731  (spacing ignored: text layers split words oddly)
    out = [norm(line) for line in text.splitlines() if line.strip()]
    errors = total = 0
    for line in (norm(t) for t in truth.splitlines() if t.strip()):
        errors += min((lev(line, o) for o in out), default=len(line))
        total += len(line)
    return errors / max(total, 1)


def measure_cer() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import pdfplumber
    from make_pdf_samples import TRUTH, make_all
    from vanban.pipeline.readers.pdf import _decode_chars, _text_page, decode_glyph_ids
    from vanban.pipeline.run import ParseOptions, analyse

    def layer(path: Path, decoding: str | None) -> str | None:
        """The page's text layer as the reader lays it out, after ``decoding``."""
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[0]
            if decoding == "glyph_ids+font_cmap":
                if not decode_glyph_ids(page):
                    return None
            elif decoding:
                _decode_chars(page, decoding)
            return "\n".join(getattr(b, "text", "") for b in _text_page(page, 1))

    with tempfile.TemporaryDirectory() as tmp:
        paths = make_all(tmp)
        for name in ("glyph_shift.pdf", "glyph_shift_nocmap.pdf", "cid.pdf", "scan_notone.pdf"):
            rows = {}

            def timed(label, fn):
                t0 = time.perf_counter()
                text = fn()
                if text is not None:
                    rows[label] = (text, time.perf_counter() - t0)

            timed("text layer as is", lambda: layer(paths[name], None))
            timed("decoded +29", lambda: layer(paths[name], "glyph_shift+29"))
            timed("decoded via font cmap", lambda: layer(paths[name], "glyph_ids+font_cmap"))
            for dpi in (200, 300):
                timed(f"OCR {dpi} dpi (whole parse)", lambda: analyse(paths[name], ParseOptions(force_ocr=True, ocr_dpi=dpi))[0].text)
            timed("pipeline default (whole parse)", lambda: analyse(paths[name])[0].text)
            for label, (text, secs) in rows.items():
                print(f"{name:24s} {label:32s} CER {cer(TRUTH, text):6.1%}  {secs * 1000:7.0f} ms")


def measure_real(pdfs: list[str]) -> None:
    """Break real born-digital PDFs the way the lying archive files are broken
    (Type0 ToUnicode → chr(glyph id)) and compare decoding with OCR, the
    original text layer being the truth."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_pdf_samples import break_tounicode
    from vanban.pipeline.run import ParseOptions, analyse
    with tempfile.TemporaryDirectory() as tmp:
        for src in pdfs:
            dst = Path(tmp) / Path(src).name
            if not break_tounicode(src, dst):
                print(f"{Path(src).name}: no Identity-H fonts to break")
                continue
            truth = analyse(src)[0].text
            for label, options in (("pipeline default", ParseOptions()), ("OCR 300 dpi", ParseOptions(force_ocr=True))):
                t0 = time.perf_counter()
                doc, rec = analyse(dst, options)
                secs = time.perf_counter() - t0
                how = sorted({(p["text_source"], p["ocr_reason"], p["decoded"]) for p in rec["source"]["pages"]}, key=str)
                print(f"{Path(src).name[:36]:36s} {label:18s} CER {cer(truth, doc.text):6.1%}  {secs:6.1f} s  {how}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cer", action="store_true", help="also measure decoding vs OCR on generated lying PDFs")
    ap.add_argument("--real", nargs="*", default=[], metavar="PDF",
                    help="born-digital PDFs to break (glyph-id ToUnicode) and measure decoding vs OCR on")
    args = ap.parse_args()
    pdfs = sorted(p for p in (ROOT / "samples").glob("*.pdf") if not p.name.endswith(".scan.pdf"))
    spent, pages, parse = check_cost(pdfs)
    print(f"text-layer check: {spent / max(pages, 1) * 1000:.1f} ms/page over {pages} pages "
          f"({spent / parse:.1%} of born-digital parse time)")
    if args.cer:
        measure_cer()
    if args.real:
        measure_real(args.real)


if __name__ == "__main__":
    main()

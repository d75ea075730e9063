"""Corpus figures for `make bench`: ingest throughput and search latency.

Ingest: a mixed archive — the bundled samples plus ``../shared/realdocs`` when it
is there — with ``--jobs 1`` (the baseline) and ``--jobs 2``: files/s, pages/s and
each stage's share of the time (``pipeline.stages``, summed over the workers).
Search: a corpus of 1,200 documents made from the two parsed seeds by varying
their number, date and owners (so ranking and filters see many near-duplicate
plans, as real archives have), queried with and without tone marks.  The
baseline, in the same run, is what search would be without the index: a
``LIKE`` scan of the same folded text returning the newest 20 matches; an
unordered "first 20 found" scan is shown too, as the floor of any scan.
"""

from __future__ import annotations

import copy
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vanban.pipeline.corpus import db  # noqa: E402
from vanban.pipeline.corpus.ingest import ingest  # noqa: E402
from vanban.pipeline.corpus.search import search  # noqa: E402
from vanban.pipeline.run import parse_file  # noqa: E402
from vanban.pipeline.textnorm import fold_diacritics  # noqa: E402

OWNERS = ["Văn phòng UBND xã", "Công chức Tư pháp - Hộ tịch", "Công chức Văn hóa - Xã hội", "Công an xã",
          "Công chức Tài chính - Kế toán", "Công chức Địa chính - Xây dựng", "Ban Chỉ huy Quân sự xã"]
PLACES = ["Bình Yên", "Đăktover", "Phú Xuân", "Gia Phú", "Tân Lập", "Định Hóa", "Chư Păh", "Ia Ly"]
QUERIES = ["cải cách hành chính", "cai cach hanh chinh", "dịch vụ công trực tuyến", "dich vu cong truc tuyen",
           "một cửa", "thủ tục hành chính", "Văn phòng", "chữ ký số", "đăng ký khai sinh", "dang ky khai sinh"]


def variant(result: dict, n: int, rng: random.Random) -> tuple[str, dict]:
    r = copy.deepcopy(result)
    place = rng.choice(PLACES)
    year = rng.randint(2015, 2026)
    r["document"]["number"] = f"{n}/KH-UBND"
    r["document"]["issued_date"] = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    r["document"]["issuer"] = f"Ủy ban nhân dân xã {place}"
    r["text"] = r["text"].replace("Bình Yên", place).replace("Đăktover", place)
    for t in r["tasks"]:
        t["id"] = "t" + hashlib.sha1(f"{n}{t['id']}".encode()).hexdigest()[:16]
        owner = rng.choice(OWNERS)
        t["lead"] = [owner]
        t["owners"] = [{"role": "lead", "text": owner, "name": owner, "key": fold_diacritics(owner)}]
    sha = hashlib.sha256(f"variant-{n}".encode()).hexdigest()
    return sha, r


REALDOCS = ROOT.parent / "shared" / "realdocs"


def archive() -> list[Path]:
    """The mixed archive: the samples plus the real documents of ../shared/realdocs (when present)."""
    from vanban.pipeline.formats import is_candidate
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".pdf", ".docx"))
    real = sorted(p for p in REALDOCS.glob("*") if p.is_file() and is_candidate(p) and p.suffix != ".tsv") if REALDOCS.is_dir() else []
    return samples + real


def stage_shares(seconds: dict[str, float]) -> str:
    """Each stage's share of the summed stage time (read, OCR, layout, extract, store)."""
    from vanban.pipeline.stages import STAGES
    total = sum(seconds.values()) or 1.0
    return "  ".join(f"{name} {seconds.get(name, 0.0) / total:4.0%}" for name in STAGES)


def bench_ingest() -> None:
    files = archive()
    real = sum(1 for p in files if p.parent == REALDOCS)
    print(f"\nCorpus ingest: mixed archive, {len(files) - real} sample files + {real} from {REALDOCS}"
          + ("" if real else " (absent: samples only)"))
    base = None
    for jobs in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            summary = ingest([str(p) for p in files], Path(tmp) / "c.db", jobs=jobs, progress=False)
            s = time.perf_counter() - t
        rate = len(files) / s
        base = base or rate
        print(f"  vanban ingest --jobs {jobs:<40} {rate:6.2f} files/s {summary.pages / s:6.2f} pages/s   {rate / base:5.2f}×"
              f"   ({summary.pages} pages, {summary.failed} failed)")
        print(f"    share of worker time: {stage_shares(summary.stages)}")


def main() -> None:
    bench_ingest()
    rng = random.Random(7)
    seeds = [parse_file(ROOT / "samples" / name) for name in ("000_1e1698cb1e74ad37.txt", "004_d5409b736efdaf35.txt")]
    with tempfile.TemporaryDirectory() as tmp:
        conn = db.connect(Path(tmp) / "big.db")
        t = time.perf_counter()
        for n in range(1200):
            sha, r = variant(seeds[n % 2], n + 1, rng)
            db.store(conn, f"variant-{n}.txt", sha, 0, r)
        built = time.perf_counter() - t
        docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        print(f"\nSearch: {docs} documents ({built:.1f}s to store), {len(QUERIES)} queries × 5 runs")
        fts, like, first = [], [], []
        for _ in range(5):
            for q in QUERIES:
                folded = fold_diacritics(q)
                t = time.perf_counter()
                conn.execute("SELECT sha256 FROM documents WHERE text_folded LIKE ? ORDER BY issued_date DESC LIMIT 20",
                             (f"%{folded}%",)).fetchall()
                like.append(time.perf_counter() - t)
                t = time.perf_counter()
                conn.execute("SELECT sha256 FROM documents WHERE text_folded LIKE ? LIMIT 20", (f"%{folded}%",)).fetchall()
                first.append(time.perf_counter() - t)
                t = time.perf_counter()
                search(conn, q, limit=20)
                fts.append(time.perf_counter() - t)
        rows = (("LIKE scan, newest 20 (baseline)", like), ("LIKE scan, first 20 found, unordered", first),
                ("vanban search (FTS5, bm25-ranked, snippets)", fts))
        for label, xs in rows:
            med, p95 = statistics.median(xs) * 1000, sorted(xs)[int(0.95 * len(xs)) - 1] * 1000
            print(f"  {label:<44} median {med:7.2f} ms   p95 {p95:7.2f} ms   {statistics.median(like) / statistics.median(xs):5.2f}×")


if __name__ == "__main__":
    main()

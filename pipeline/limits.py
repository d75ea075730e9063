"""Per-file limits: a hostile file must fail alone, fast and clearly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 500
    max_pixels: int = 60_000_000          # per page image (≈ A4 at 600 dpi is 35 Mpx)
    ocr_timeout_s: int = 120              # per page
    max_docx_uncompressed: int = 300 * 1024 * 1024
    # enforced around each file by pipeline.isolate (batch parse and ingest)
    max_seconds: float = 600.0            # wall time per file, OCR of every page included
    max_memory_bytes: int = 4 * 1024**3   # address space a worker may add to what it starts with

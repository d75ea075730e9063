"""A disk cache of what the readers hand to :func:`assemble` (the ``RawDocument``).

Why: measuring extraction against gold (``vanban eval``) re-reads every source
on every run, and reading — OCR above all — is most of the time (minutes for a
few scans), while a change to an extractor needs seconds.  The cache is keyed by
the file's bytes, the reading options and a fingerprint of the reading code
itself, so a change to any reader, to OCR or to the text-layer checks makes
every entry stale at once; a stale or unreadable entry is simply read again.

Only ``vanban eval --cache DIR`` uses it: ``parse`` and ``ingest`` always read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

# modules after reading: changing them does not change what a reader returns
_NOT_READING = {"assemble.py", "sections.py", "tables.py", "textmap.py", "evaluate.py", "cli.py", "run.py", "output.py",
                "nlp.py", "underthesea_models.py", "isolate.py", "read_cache.py", "record.py", "errors.py"}
_NOT_READING_DIRS = {"corpus", "web", "review", "__pycache__"}


@lru_cache(maxsize=1)
def reading_code_fingerprint() -> str:
    """Hash of every source and data file the readers can depend on."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or path.suffix not in (".py", ".json") or rel.parts[0] in _NOT_READING_DIRS:
            continue
        if len(rel.parts) == 1 and rel.name in _NOT_READING:
            continue
        h.update(str(rel).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _key(sha256: str, fmt: str, options) -> str:
    settings = (options.ocr_dpi, options.ocr_lang, options.force_ocr, options.deskew, options.binarize)
    from .ocr import engine_name
    raw = f"{sha256}|{fmt}|{settings}|{reading_code_fingerprint()}|{engine_name()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def load(folder: Path, sha256: str, fmt: str, options):
    """The cached ``RawDocument``, or None (absent, stale or unreadable)."""
    path = Path(folder) / f"{_key(sha256, fmt, options)}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        return None


def store(folder: Path, sha256: str, fmt: str, options, raw) -> None:
    """Write atomically: a concurrent reader sees the whole entry or none."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(raw, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{_key(sha256, fmt, options)}.pickle")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

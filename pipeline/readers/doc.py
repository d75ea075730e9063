"""Legacy Word ``.doc`` (Word 6/95/97–2003): LibreOffice → DOCX → our DOCX reader,
antiword as the fallback.

Measured on the 23 TCVN3/VNI ``.doc`` files of /work/shared/legacy
(``scripts/bench_legacy.py``): antiword reads 22 of them (it refuses Word
6/95 variants), loses every run's font — so ``.VnTimeH`` capitals come back
lower case — and lays table cells out column by column; LibreOffice reads all
23 and keeps fonts and table rows (a run's font often only in its paragraph
style or the document defaults, which the DOCX reader resolves), so :func:`~vanban.pipeline.legacy_encoding.decode_run`
decodes each run by its font.  LibreOffice is therefore the first choice;
antiword reads the file when LibreOffice is not installed or fails on it, and
a file neither can read is a :class:`CorruptFile`.

antiword renders tables as ``|cell|cell|`` lines; those become tables (or, for
the header and signature blocks, column lines).  Output is UTF-8 and unwrapped
(``-w 0``), so one paragraph is one line, like a transcription.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import CorruptFile, ToolMissing
from ..model import PageInfo, RawDocument, RawLine, RawTable
from ..textnorm import clean_text
from ..legacy_encoding import to_unicode
from .layout_tables import is_layout_table, layout_lines
from .office_convert import via_libreoffice


def antiword_text(path: Path, timeout: int = 60) -> str:
    exe = shutil.which("antiword")
    if exe is None:
        raise ToolMissing("antiword is not installed (apt-get install antiword) — needed for .doc files")
    try:
        proc = subprocess.run([exe, "-m", "UTF-8.txt", "-w", "0", str(path)], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise CorruptFile(f"antiword took longer than {timeout}s") from exc
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CorruptFile(f"not a readable Word document ({msg[-1] if msg else 'antiword failed'})")
    return proc.stdout.decode("utf-8", "replace")


def _pipe_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def read_doc(path: Path, options=None) -> RawDocument:
    from .docx import read_docx
    try:
        return via_libreoffice(path, "docx", read_docx, "doc", "doc", options)
    except ToolMissing:
        return read_doc_antiword(path, options)
    except CorruptFile as lo_error:
        try:
            return read_doc_antiword(path, options)
        except (CorruptFile, ToolMissing) as aw_error:
            raise CorruptFile(f"{lo_error}; antiword: {aw_error}") from lo_error


def read_doc_antiword(path: Path, options=None) -> RawDocument:
    text = clean_text(antiword_text(path))
    text, legacy = to_unicode(text)
    blocks: list = []
    lines = text.split("\n")
    i = 0
    gap = False
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("|") and line.strip().endswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_pipe_cells(lines[i]))
                i += 1
            if is_layout_table(rows):
                blocks.extend(layout_lines(rows))
            else:
                blocks.append(RawTable(rows, rows_are_markup=True))
            continue
        stripped = line.strip()
        if not stripped:
            gap = True
        else:
            blocks.append(RawLine(" ".join(stripped.split()), paragraph_break=gap))
            gap = False
        i += 1
    warnings = [f"legacy {legacy.upper()} encoding converted to Unicode"] if legacy else []
    return RawDocument(blocks, [PageInfo(1, text_source="doc")], "doc", warnings, legacy_encoding=legacy)

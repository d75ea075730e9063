"""Office formats with legacy fonts: DOCX/XLSX/PPTX made by
``scripts/make_legacy_samples.py`` and their DOC/RTF/XLS/PPT copies made by
LibreOffice, each read through ``parse_file`` to the exact Unicode text; a
spreadsheet task list yields tasks; a file goes through the fenced worker."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from vanban.pipeline.run import parse_file

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("make_legacy_samples", ROOT / "scripts" / "make_legacy_samples.py")
samples = importlib.util.module_from_spec(spec)
sys.modules["make_legacy_samples"] = samples
spec.loader.exec_module(samples)

HAVE_LO = shutil.which("soffice") is not None
needs_lo = pytest.mark.skipif(not HAVE_LO, reason="LibreOffice not installed")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return samples.make(tmp_path_factory.mktemp("legacy"), convert=HAVE_LO)


# name, format, text_source
CASES = [
    ("legacy.docx", "docx", "docx"),
    ("legacy.xlsx", "xlsx", "sheet"),
    ("legacy.pptx", "pptx", "slides"),
    pytest.param("legacy.doc", "doc", "doc", marks=needs_lo),
    pytest.param("legacy.rtf", "rtf", "rtf", marks=needs_lo),
    pytest.param("legacy.xls", "xls", "sheet", marks=needs_lo),
    pytest.param("legacy.ppt", "ppt", "slides", marks=needs_lo),
]


@pytest.mark.parametrize("name, fmt, source", CASES)
def test_legacy_fonts_read_exactly(files, name, fmt, source):
    record = parse_file(files[name])
    assert record["source"]["format"] == fmt
    assert {p["text_source"] for p in record["source"]["pages"]} == {source}
    assert record["source"]["legacy_encoding"] == "tcvn3"
    lines = [[" ".join(c.split()) for c in line.split("\t")] for line in record["text"].split("\n")]
    # every line comes back exactly — TCVN3 ư from the soft hyphen, the .VnTimeH
    # run in the case its codes spell, VNI, and the Unicode run untouched —
    # in document order, one paragraph (or cell) per line
    found = []
    for want in samples.expected(name):
        hits = [i for i, cells in enumerate(lines) if want in cells or want == " ".join(cells)]
        assert hits, (want, record["text"])
        found.append(hits[0])
    assert found == sorted(found)
    if fmt in ("xlsx", "xls"):
        assert "14/04/2005" in record["text"] and "1200" in record["text"] and "101.2195122" in record["text"]
        assert "1200.0" not in record["text"]
    if fmt in ("pptx", "ppt"):
        assert all(cell in record["text"] for cell in samples.TABLE_CELLS)


def test_spreadsheet_task_list(files):
    record = parse_file(files["tasks.xlsx"])
    tasks = record["tasks"]
    assert len(tasks) == 3
    assert [t["lead"] for t in tasks] == [["Sở Thông tin và Truyền thông"], ["Văn phòng UBND tỉnh"], ["Sở Nội vụ"]]
    assert [t["deadline"]["end"] for t in tasks] == ["2025-03-31", "2025-06-30", "2025-12-31"]
    assert tasks[0]["support"] == ["Các sở, ngành"]
    assert all(t["source"]["kind"] == "table" for t in tasks)


def test_sheet_values_as_shown():
    import datetime as dt
    from vanban.pipeline.readers.sheet import format_value
    assert format_value(dt.datetime(2005, 4, 14)) == "14/04/2005"
    assert format_value(dt.datetime(2005, 4, 14, 9, 30)) == "14/04/2005 09:30"
    assert format_value(1200.0) == "1200" and format_value(7) == "7"
    assert format_value(101.21951219512195) == "101.2195122"
    assert format_value(0.1 + 0.2) == "0.3"
    assert format_value(None) == "" and format_value(True) == "TRUE"


@needs_lo
def test_corrupt_doc_is_refused(tmp_path):
    from vanban.pipeline.errors import CorruptFile
    from vanban.pipeline.readers.doc import read_doc
    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(CorruptFile):
        read_doc(bad)


@needs_lo
def test_fenced_worker_runs_libreoffice(files):
    """LibreOffice under the worker's memory and CPU limits (pipeline.isolate)."""
    from vanban.pipeline.isolate import parse_isolated
    [(path, record)] = list(parse_isolated([files["legacy.rtf"]]))
    assert record["status"] == "ok", record
    assert "Uỷ ban nhân dân tỉnh Bình Phước" in record["text"]

"""One place knows the formats: detection, readers, the CLI, ingest and the schema agree.

Detection is table-driven over files generated here, each in its right name
and under a misleading one (archives are full of ``.doc`` files that are RTF
or HTML, and ``.pdf`` files that are pictures).
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from vanban.pipeline import formats
from vanban.pipeline.detect import sniff
from vanban.pipeline.errors import UnsupportedFormat

from .conftest import ROOT, SAMPLES

PLAN = "ỦY BAN NHÂN DÂN XÃ BÌNH YÊN\nSố: 12/KH-UBND\nKẾ HOẠCH\nTriển khai công tác cải cách hành chính năm 2024"


# --- the registry and what derives from it ------------------------------------------------
def test_schema_enums_follow_the_registry():
    schema = json.loads((ROOT / "schemas" / "vanban.schema.json").read_text("utf-8"))
    source = schema["$defs"]["ok"]["properties"]["source"]["properties"]
    assert source["format"]["enum"] == formats.names()
    assert source["pages"]["items"]["properties"]["text_source"]["enum"] == formats.text_sources()


def test_every_registered_reader_exists_and_takes_options():
    import inspect
    for fmt in formats.FORMATS:
        module, func = fmt.reader.split(":")
        fn = getattr(importlib.import_module(f"vanban.pipeline.readers.{module}"), func)
        params = list(inspect.signature(fn).parameters)
        assert params[:2] == ["path", "options"], (fmt.name, params)


def test_suffixes_belong_to_one_format():
    seen: dict[str, str] = {}
    for fmt in formats.FORMATS:
        for s in fmt.suffixes:
            assert s.startswith(".") and s == s.lower()
            assert s not in seen, f"{s} claimed by {seen.get(s)} and {fmt.name}"
            seen[s] = fmt.name


def test_no_other_module_keeps_its_own_list_of_suffixes():
    """The lists that used to live in cli.py and ingest.py are gone for good."""
    for path in (ROOT / "pipeline").rglob("*.py"):
        if path.name == "formats.py":
            continue
        text = path.read_text("utf-8")
        assert '".docx", ".doc"' not in text and "SUPPORTED =" not in text, path


@pytest.mark.parametrize("name,taken", [("plan.pdf", True), ("list.xls", True), ("notes.weird", True),
                                         (".DS_Store", False), ("~$plan.docx", False), ("Thumbs.db", False),
                                         (".hidden.pdf", False)])
def test_folder_walks_take_every_file_but_clutter(name, taken):
    assert formats.is_candidate(Path(name)) is taken


# --- detection from bytes ----------------------------------------------------------------
def _docx(path: Path) -> Path:
    import docx
    d = docx.Document()
    for line in PLAN.split("\n"):
        d.add_paragraph(line)
    d.save(str(path))
    return path


def _xlsx(path: Path) -> Path:
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.append(["TT", "Nội dung"])
    wb.active.append([1, "Rà soát thủ tục hành chính"])
    wb.save(str(path))
    return path


def _pptx(path: Path) -> Path:
    from pptx import Presentation
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Kế hoạch cải cách hành chính"
    prs.save(str(path))
    return path


def _odf(kind: str):
    def make(path: Path) -> Path:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kind}")
            zf.writestr("content.xml", "<office:document-content/>")
        return path
    return make


def _bytes(data: bytes):
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path
    return make


def _pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Ke hoach")
    c.save()
    return path


def _png(path: Path) -> Path:
    from PIL import Image
    Image.new("RGB", (20, 20), "white").save(path, "PNG")
    return path


HTML_PAGE = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>Kế hoạch</p></body></html>"
WORD_HTML = ("<html xmlns:o='urn:schemas-microsoft-com:office:office' xmlns:w='urn:schemas-microsoft-com:office:word'>"
             "<head><meta http-equiv=Content-Type content='text/html; charset=windows-1258'></head><body>x</body></html>")

SNIFF_CASES = [
    ("a.pdf", _pdf, "pdf"), ("a.png", _png, "image"), ("scan.pdf", _png, "image"),
    ("a.docx", _docx, "docx"), ("a.doc", _docx, "docx"), ("a.xlsx", _xlsx, "xlsx"), ("a.xls", _xlsx, "xlsx"),
    ("a.pptx", _pptx, "pptx"),
    ("a.odt", _odf("text"), "odt"), ("a.ods", _odf("spreadsheet"), "ods"), ("a.odp", _odf("presentation"), "odp"),
    ("a.rtf", _bytes(b"{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 .VnTime;}}\\f0 U\xfb ban}"), "rtf"),
    ("a.doc", _bytes(b"{\\rtf1\\ansi Ke hoach}"), "rtf"),                     # an RTF saved as .doc
    ("a.html", _bytes(HTML_PAGE.encode()), "html"),
    ("a.doc", _bytes(WORD_HTML.encode("cp1258", "replace")), "html"),          # Word "save as web page" named .doc
    ("a.htm", _bytes(b"\xef\xbb\xbf<p>K\xe1\xba\xbf ho\xe1\xba\xa1ch</p>"), "html"),
    ("a.txt", _bytes(PLAN.encode()), "text"), ("a.md", _bytes(b"# K\xe1\xba\xbf ho\xe1\xba\xa1ch"), "text"),
    ("a.txt", _bytes(PLAN.encode("utf-16")), "text"),
]


@pytest.mark.parametrize("name,make,expected", SNIFF_CASES, ids=[f"{c[0]}-{c[2]}" for c in SNIFF_CASES])
def test_sniff_from_bytes(tmp_path, name, make, expected):
    assert sniff(make(tmp_path / name)) == expected


@pytest.mark.parametrize("name,data", [("a.bin", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 4),
                                       ("a.zip", None)])
def test_unsupported_is_said(tmp_path, name, data):
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("photo.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100)
    else:
        path.write_bytes(data)
    with pytest.raises(UnsupportedFormat):
        sniff(path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_office_97_containers_are_told_apart_by_their_streams(tmp_path):
    """DOC, XLS and PPT share one container (OLE); the stream inside names the application.
    Each is made by LibreOffice from a generated OOXML file and then misnamed."""
    made = {"docx": _docx(tmp_path / "w.docx"), "xlsx": _xlsx(tmp_path / "x.xlsx"), "pptx": _pptx(tmp_path / "p.pptx")}
    for src_fmt, legacy in (("docx", "doc"), ("xlsx", "xls"), ("pptx", "ppt")):
        out = tmp_path / legacy
        out.mkdir()
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", legacy,
                        "--outdir", str(out), str(made[src_fmt])], capture_output=True, timeout=180, check=True)
        (produced,) = out.iterdir()
        assert sniff(produced) == legacy
        wrong = produced.rename(out / "misnamed.bin")
        assert sniff(wrong) == legacy


# --- nothing is skipped in silence -------------------------------------------------------
def test_parse_folder_reports_every_file(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(SAMPLES / "000_1e1698cb1e74ad37.txt", folder / "plan.txt")
    (folder / "program.exe").write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 8)
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "vanban.pipeline.cli", "parse", str(folder), "-o", str(out), "-q"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1
    records = {p.name: json.loads(p.read_text("utf-8")) for p in out.glob("*.json")}
    assert set(records) == {"plan.txt.json", "program.exe.json"}
    assert records["program.exe.json"]["error"]["code"] == "unsupported_format"
    assert any("program.exe" in line and "unrecognised" in line for line in proc.stderr.splitlines())


def test_ingest_reports_every_file(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(SAMPLES / "000_1e1698cb1e74ad37.txt", folder / "plan.txt")
    (folder / "program.exe").write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 8)
    with zipfile.ZipFile(folder / "box.zip", "w") as zf:
        zf.writestr("inside/tool.dll", b"MZ\x90\x00" + bytes(range(256)) * 8)
    corpus = tmp_path / "c.db"
    proc = subprocess.run([sys.executable, "-m", "vanban.pipeline.cli", "ingest", str(folder), "--corpus", str(corpus),
                           "-q", "--jobs", "1"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "3 file(s): 1 parsed, 0 already in the corpus, 2 failed" in proc.stderr, proc.stderr
    lines = [l for l in proc.stderr.splitlines() if "unrecognised" in l]
    assert len(lines) == 2 and any("box.zip!inside/tool.dll" in l for l in lines)
    failures = subprocess.run([sys.executable, "-m", "vanban.pipeline.cli", "failures", "--corpus", str(corpus)],
                              capture_output=True, text=True, cwd=ROOT, timeout=120).stdout
    assert failures.count("unsupported_format") == 2


# --- every reader honours the configured limits -----------------------------------------
@pytest.mark.parametrize("name,make", [("a.docx", _docx), ("a.xlsx", _xlsx), ("a.pptx", _pptx)])
def test_zip_readers_take_the_configured_limit(tmp_path, name, make):
    """The same options reach every reader: a container over the configured unpacked size is
    refused before it is parsed (today's default is 300 MB; here 1 kB)."""
    from vanban.pipeline.limits import Limits
    from vanban.pipeline.run import ParseOptions, parse_safely
    path = make(tmp_path / name)
    assert parse_safely(path)["status"] == "ok" or name != "a.docx"
    record = parse_safely(path, ParseOptions(limits=Limits(max_docx_uncompressed=1000)))
    assert record["status"] == "error" and record["error"]["code"] == "too_large", record.get("error")


def test_damaged_containers_are_corrupt_not_crashes(tmp_path):
    from vanban.pipeline.readers.zip_container import check_container
    from vanban.pipeline.errors import CorruptFile
    good = _odf("text")(tmp_path / "a.odt")
    with pytest.raises(CorruptFile, match="no x.xml"):
        check_container(good, 10**9, "ODT", required="x.xml")
    broken = tmp_path / "b.docx"
    broken.write_bytes(_docx(tmp_path / "c.docx").read_bytes()[:-200])
    with pytest.raises(CorruptFile, match="damaged"):
        check_container(broken, 10**9, "DOCX")


def test_a_batch_preloads_only_what_its_formats_need():
    """Workers are forked after the warm-up: a PDF batch imports pdfplumber once in the
    parent; a text batch never imports it (nor spaCy)."""
    code = ("import sys; from pathlib import Path; from vanban.pipeline.isolate import warm_up; "
            "warm_up([Path(a) for a in sys.argv[1:]]); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pdfplumber', 'docx', 'spacy'}))")
    def loaded(*names):
        out = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()
    assert loaded("a.txt", "b.md") == "[]"
    assert loaded("a.txt", "archive.zip!scan.PDF", "c.docx") == "['docx', 'pdfplumber']"

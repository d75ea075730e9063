"""Bad input: a clear one-line error and a non-zero exit for that file only."""

import json
import subprocess
import sys

import pytest

from vanban.pipeline.output import validate
from vanban.pipeline.run import parse_safely

from . import hostile
from .conftest import ROOT, SAMPLES

CASES = [
    ("empty.txt", hostile.empty, "empty_document"),
    ("truncated.pdf", hostile.truncated_pdf, "corrupt_file"),
    ("encrypted.pdf", hostile.encrypted_pdf, "encrypted_file"),
    ("photo.pdf", hostile.jpeg_named_pdf, None),           # a JPEG: read as an image, no text in it
    ("bomb.png", hostile.huge_png, "too_large"),
    ("junk.bin", hostile.random_binary, "unsupported_format"),
]


@pytest.mark.parametrize("name,make,code", CASES)
def test_bad_file_gives_error_record(tmp_path, name, make, code):
    path = make(tmp_path / name)
    result = parse_safely(path)
    assert result["status"] == "error"
    assert validate(result) == []
    if code:
        assert result["error"]["code"] == code
    message = result["error"]["message"]
    assert message and "\n" not in message and len(message) < 300


def test_jpeg_named_pdf_is_detected_as_image(tmp_path):
    from vanban.pipeline.detect import sniff
    assert sniff(hostile.jpeg_named_pdf(tmp_path / "x.pdf")) == "image"


def test_batch_goes_on_after_failures(tmp_path):
    bad = [make(tmp_path / name) for name, make, _ in CASES]
    good = SAMPLES / "000_1e1698cb1e74ad37.txt"
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "vanban.pipeline.cli", "parse", *map(str, bad), str(good), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 1
    errors = [l for l in proc.stderr.splitlines() if l.startswith("vanban:") and "file(s):" not in l]
    assert len(errors) == len(bad)                      # one line per bad file
    assert f"{len(bad) + 1} file(s): 1 ok, {len(bad)} failed" in proc.stderr
    produced = {p.name: json.loads(p.read_text("utf-8")) for p in out.glob("*.json")}
    assert produced[f"{good.name}.json"]["status"] == "ok"
    assert produced[f"{good.name}.json"]["document"]["number"] == "43/KH-UBND"
    for b in bad:
        assert produced[f"{b.name}.json"]["status"] == "error"
    assert not list(out.glob(".*.tmp"))                  # atomic writes leave no temp files


def test_non_vietnamese_text_is_refused(tmp_path):
    p = tmp_path / "english.txt"
    p.write_text("This is an English memo about quarterly budgets and nothing else. " * 20)
    assert parse_safely(p)["error"]["code"] == "not_vietnamese"


def test_a_six_byte_text_is_too_short_not_a_bad_scan(tmp_path):
    p = tmp_path / "note.txt"
    p.write_bytes(b"hello\n")
    error = parse_safely(p)["error"]
    assert error["code"] == "too_short"
    assert "too short" in error["message"] and "scan" not in error["message"]

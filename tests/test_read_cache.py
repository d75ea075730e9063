"""The eval read cache: a hit gives the very record a fresh read gives; stale or
broken entries are read again, never trusted."""

from pathlib import Path

from vanban.pipeline import read_cache
from vanban.pipeline.run import ParseOptions, parse_file, sha256_of

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _sample() -> Path:
    return next(p for p in sorted(SAMPLES.iterdir()) if p.suffix == ".docx")


def test_cached_read_gives_the_same_record(tmp_path):
    src = _sample()
    fresh = parse_file(src)
    options = ParseOptions(read_cache=str(tmp_path))
    first = parse_file(src, options)
    assert len(list(tmp_path.glob("*.pickle"))) == 1
    again = parse_file(src, options)
    assert first == fresh and again == fresh


def test_a_broken_entry_is_read_again(tmp_path):
    src = _sample()
    options = ParseOptions(read_cache=str(tmp_path))
    parse_file(src, options)
    entry = next(tmp_path.glob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert read_cache.load(tmp_path, sha256_of(src), "docx", options) is None
    assert parse_file(src, options) == parse_file(src)


def test_options_that_change_reading_change_the_key(tmp_path):
    src = _sample()
    parse_file(src, ParseOptions(read_cache=str(tmp_path)))
    assert read_cache.load(tmp_path, sha256_of(src), "docx", ParseOptions(force_ocr=True)) is None
    assert read_cache.load(tmp_path, sha256_of(src), "docx", ParseOptions()) is not None

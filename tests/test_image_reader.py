"""Multi-page TIFF scans: counted without decoding, frames decoded one at a time
as OCR asks for them, bad frames and too many pages refused clearly."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from vanban.pipeline.errors import CorruptFile, TooLarge
from vanban.pipeline.readers.image import image_pages, open_image

MAX_PIXELS = 60_000_000


def _tiff(path, n: int):
    frames = []
    for i in range(n):
        img = Image.new("L", (400, 300), 255)
        ImageDraw.Draw(img).rectangle((10 + 30 * i, 10, 30 + 30 * i, 40), fill=0)   # a mark per page
        frames.append(img)
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_lzw")
    return frames


def test_frames_are_counted_then_decoded_in_order(tmp_path):
    path = tmp_path / "fax.tiff"
    frames = _tiff(path, 5)
    img, count = open_image(path, MAX_PIXELS, 500)
    assert count == 5
    got = list(image_pages(img, count, MAX_PIXELS))
    assert [n for n, _ in got] == [1, 2, 3, 4, 5]
    assert all(frame.tobytes() == want.tobytes() for (_, frame), want in zip(got, frames))


def test_a_frame_is_decoded_only_when_asked_for(tmp_path):
    path = tmp_path / "fax.tiff"
    _tiff(path, 4)
    img, count = open_image(path, MAX_PIXELS, 500)
    pages = image_pages(img, count, MAX_PIXELS)
    first = next(pages)
    assert first[0] == 1 and img.tell() == 0          # nothing past the first frame was read
    next(pages)
    assert img.tell() == 1
    pages.close()                                     # the consumer stops: the file is closed
    assert img.fp is None


def test_too_many_pages_are_refused_before_decoding(tmp_path):
    path = tmp_path / "fax.tiff"
    _tiff(path, 6)
    with pytest.raises(TooLarge, match="more than 5 pages"):
        open_image(path, MAX_PIXELS, 5)


def test_a_damaged_later_page_is_a_corrupt_file(tmp_path):
    path = tmp_path / "fax.tiff"
    _tiff(path, 3)
    data = path.read_bytes()
    cut = tmp_path / "cut.tiff"
    cut.write_bytes(data[: len(data) * 2 // 3])       # the last frame's strips are gone
    with pytest.raises(CorruptFile):
        img, count = open_image(cut, MAX_PIXELS, 500)
        list(image_pages(img, count, MAX_PIXELS))


def test_a_damaged_tiff_in_a_batch_is_an_error_record(tmp_path):
    from vanban.pipeline.run import parse_safely
    path = tmp_path / "fax.tiff"
    _tiff(path, 3)
    cut = tmp_path / "cut.tiff"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])
    record = parse_safely(cut)
    assert record["status"] == "error" and record["error"]["code"] == "corrupt_file"

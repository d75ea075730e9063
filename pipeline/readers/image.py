"""Images (PNG, JPEG, TIFF incl. multi-page) → OCR.

A multi-page TIFF is counted first (its frame directory, nothing decoded) and
its frames are decoded one at a time as an OCR thread frees up: a 70-page fax
scan then holds a few page images at once, not seventy."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from PIL import Image

from ..errors import CorruptFile, TooLarge
from ..limits import report_pages
from ..model import RawDocument
from ..ocr import ocr_info, ocr_pages


# what Pillow raises on a damaged image (a TIFF cut short: TypeError "Missing dimensions")
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, TypeError)


@contextmanager
def _decoding(what: str) -> Iterator[None]:
    """Pillow's errors while decoding ``what`` as our error records."""
    try:
        yield
    except Image.DecompressionBombError as exc:
        raise TooLarge(f"image over the pixel limit ({exc})") from exc
    except _DECODE_ERRORS as exc:
        raise CorruptFile(f"cannot decode {what}: {exc}") from exc


def _check_size(frame: Image.Image, max_pixels: int) -> None:
    if frame.width * frame.height > max_pixels:
        raise TooLarge(f"image is {frame.width}×{frame.height} pixels, over the {max_pixels / 1e6:.0f} Mpx limit")


def open_image(path: Path, max_pixels: int, max_pages: int) -> tuple[Image.Image, int]:
    """The opened image and its number of frames (pages), refused early when too big."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    with _decoding("image"):
        img = Image.open(path)
        _check_size(img, max_pixels)
        count = getattr(img, "n_frames", 1)
    if count > max_pages:
        img.close()
        raise TooLarge(f"image has more than {max_pages} pages")
    return img, count


def image_pages(img: Image.Image, count: int, max_pixels: int) -> Iterator[tuple[int, Image.Image]]:
    """(page number, decoded frame) for each frame, decoded only when asked for."""
    try:
        for i in range(count):
            with _decoding(f"image page {i + 1}"):
                img.seek(i)
                _check_size(img, max_pixels)
                img.load()
                frame = img.copy()
            yield i + 1, frame
            del frame                    # the OCR thread holds the page now
    finally:
        img.close()


def read_image(path: Path, options) -> RawDocument:
    img, count = open_image(path, options.limits.max_pixels, options.limits.max_pages)
    report_pages(count)                   # a long TIFF gets a longer time limit
    results = ocr_pages(image_pages(img, count, options.limits.max_pixels), options.ocr_lang,
                        options.limits.ocr_timeout_s, options.ocr_jobs, options.deskew, options.binarize,
                        options.keep_page_images, count=count)
    blocks, pages = [], []
    for page_blocks, info in results:
        blocks.extend(page_blocks)
        pages.append(info)
    info = ocr_info(options.ocr_lang)
    confs = [p.ocr_confidence for p in pages if p.ocr_confidence is not None]
    info["mean_confidence"] = round(sum(confs) / len(confs), 1) if confs else None
    return RawDocument(blocks, pages, "image", ocr=info)

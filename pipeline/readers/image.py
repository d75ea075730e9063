"""Images (PNG, JPEG, TIFF incl. multi-page) → OCR."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageSequence

from ..errors import CorruptFile, TooLarge
from ..limits import report_pages
from ..model import RawDocument
from ..ocr import ocr_info, ocr_pages


def open_image_pages(path: Path, max_pixels: int, max_pages: int) -> list[Image.Image]:
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        img = Image.open(path)
        if img.width * img.height > max_pixels:
            raise TooLarge(f"image is {img.width}×{img.height} pixels, over the {max_pixels / 1e6:.0f} Mpx limit")
        pages = []
        for i, frame in enumerate(ImageSequence.Iterator(img)):
            if i >= max_pages:
                raise TooLarge(f"image has more than {max_pages} pages")
            frame.load()
            pages.append(frame.copy())
        return pages
    except Image.DecompressionBombError as exc:
        raise TooLarge(f"image over the pixel limit ({exc})") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise CorruptFile(f"cannot decode image: {exc}") from exc


def read_image(path: Path, options) -> RawDocument:
    frames = open_image_pages(path, options.limits.max_pixels, options.limits.max_pages)
    report_pages(len(frames))             # a long TIFF gets a longer time limit
    results = ocr_pages(list(enumerate(frames, start=1)), options.ocr_lang, options.limits.ocr_timeout_s,
                        options.ocr_jobs, options.deskew, options.binarize, options.keep_page_images)
    blocks, pages = [], []
    for page_blocks, info in results:
        blocks.extend(page_blocks)
        pages.append(info)
    info = ocr_info(options.ocr_lang)
    confs = [p.ocr_confidence for p in pages if p.ocr_confidence is not None]
    info["mean_confidence"] = round(sum(confs) / len(confs), 1) if confs else None
    return RawDocument(blocks, pages, "image", ocr=info)

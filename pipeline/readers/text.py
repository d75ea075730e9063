"""Plain text and Markdown transcriptions.

Encoding: BOM first (UTF-8/UTF-16), then UTF-8, then Windows-1252 (the form
legacy TCVN3/VNI text takes), and in every case a legacy-font check that
converts mojibake to Unicode.  Markdown decoration (``**bold**``, ``###``) is
removed from the text but remembered (bold lines matter for titles).  Lines
with tab separators are table rows; a table may have blank lines inside it —
that is where a page break fell in the source.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..legacy_encoding import to_unicode
from ..model import PageInfo, RawDocument, RawLine, RawTable
from ..textnorm import clean_text

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BOLD = re.compile(r"\*\*(.*?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)")


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Bytes → (NFC text, legacy encoding name or None)."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:4096]:
        text = data.decode("utf-16-le", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    # legacy detection first: TCVN3 writes "ư" as U+00AD, which cleaning drops
    text, legacy = to_unicode(text.replace("\r\n", "\n"))
    return clean_text(text), legacy


def strip_markdown(line: str) -> tuple[str, bool]:
    """Remove Markdown decoration; report whether the whole line was bold."""
    body = _HEADING.sub("", line).rstrip()
    stripped = body.strip()
    bold = bool(stripped) and stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4
    body = _BOLD.sub(r"\1", body)
    body = body.replace("**", "")
    body = _ITALIC.sub(lambda m: m.group(1) or m.group(2), body)
    return body, bold


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_STAR_BULLET = re.compile(r"^(\s*)[*]\s+")


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()[1:-1]
    return [strip_markdown(c.replace("<br>", " ").replace("<br/>", " "))[0].strip() for c in re.split(r"(?<!\\)\|", body)]


def lines_to_blocks(lines: list[str]) -> list:
    """Lines → blocks: tab tables (seeds), Markdown pipe tables, text lines."""
    blocks: list = []
    i = 0
    gap = False
    while i < len(lines):
        raw = _STAR_BULLET.sub(r"\1- ", lines[i])
        if _PIPE_ROW.match(raw):
            rows = []
            while i < len(lines) and (_PIPE_ROW.match(lines[i]) or _PIPE_RULE.match(lines[i])):
                if not _PIPE_RULE.match(lines[i]):
                    rows.append(_pipe_cells(lines[i]))
                i += 1
            blocks.append(RawTable(rows, ruled=False))
            gap = False
            continue
        if "\t" in raw and raw.strip():
            rows = []
            j = i
            while j < len(lines):
                if "\t" in lines[j] and lines[j].strip():
                    rows.append([strip_markdown(c)[0].strip() for c in lines[j].split("\t")])
                    j += 1
                elif not lines[j].strip() and any("\t" in l and l.strip() for l in lines[j + 1:j + 4]) \
                        and all("\t" in l or not l.strip() for l in lines[j + 1:next((k for k in range(j + 1, len(lines)) if lines[k].strip()), j + 1) + 1]):
                    j += 1                      # blank line inside a table: a page break
                else:
                    break
            blocks.append(RawTable(rows, ruled=False))
            i = j
            gap = False
            continue
        text, bold = strip_markdown(raw)
        if not text.strip():
            gap = True
            i += 1
            continue
        blocks.append(RawLine(" ".join(text.split()), bold=bold, paragraph_break=gap))
        gap = False
        i += 1
    return blocks


def read_text(path: Path, options=None) -> RawDocument:
    text, legacy = decode_bytes(path.read_bytes())
    blocks = lines_to_blocks(text.split("\n"))
    warnings = [f"legacy {legacy.upper()} encoding converted to Unicode"] if legacy else []
    return RawDocument(blocks, [PageInfo(1, text_source="text")], "text", warnings, legacy_encoding=legacy)

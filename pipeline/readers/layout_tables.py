"""Tables that are page layout, not data.

Word documents (and antiword's rendering of ``.doc``) put the two-column
header, the ``Kính gửi`` block and the ``Nơi nhận`` | signature block in
borderless tables.  Those are turned back into left/right column lines so the
metadata rules see the same thing as in a PDF; real data tables stay tables.
"""

from __future__ import annotations

import re

from ..markers import RECIPIENTS_WORDS, has_motto
from ..model import RawLine

# the frame's other markers (the motto is markers.has_motto)
_LAYOUT_MARKERS = re.compile(rf"{RECIPIENTS_WORDS}|Kính\s+gửi|(?:^|\n|\s)(?:TM|KT|TL|TUQ)\.\s"
                             r"|(?:^|\n)\s*Số\s*:?\s*[\d\s]*/\s*[A-ZĐ]|,\s*ngày\s+[\d\s]*tháng", re.I)


def is_layout_table(rows: list[list[str]]) -> bool:
    text = "\n".join("\n".join(r) for r in rows)
    width = max((len(r) for r in rows), default=0)
    return width <= 4 and len(rows) <= 60 and (has_motto(text) or bool(_LAYOUT_MARKERS.search(text)))


def layout_lines(rows: list[list[str]], page: int = 1) -> list[RawLine]:
    """Left column top to bottom, then the other columns."""
    width = max((len(r) for r in rows), default=0)
    columns: list[list[str]] = [[] for _ in range(width)]
    for r in rows:
        seen = set()
        for i, cell in enumerate(r):
            if cell in seen and cell:           # a merged cell repeated across columns
                continue
            seen.add(cell)
            columns[i].append(cell)
    non_empty = [i for i in range(width) if any(c.strip() for c in columns[i])]
    out: list[RawLine] = []
    for n, i in enumerate(non_empty):
        col = "left" if n == 0 and len(non_empty) > 1 else ("right" if len(non_empty) > 1 else "full")
        first = True
        for cell in columns[i]:
            for piece in cell.split("\n"):
                piece = " ".join(piece.split())
                if piece and not re.fullmatch(r"[-_—–=.\s]+", piece):
                    out.append(RawLine(piece, page=page, column=col, paragraph_break=first))
                    first = False
    return out

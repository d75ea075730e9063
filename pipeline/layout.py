"""Words with boxes → lines, columns and paragraphs (PDF text layers and OCR).

Both sources give words with positions; this module turns them into the
:class:`RawLine` blocks the rest of the pipeline reads:

* words on one baseline form a line; a wide horizontal gap splits it into
  segments (the two-column header: issuer | motto, number | place-and-date;
  and the closing: Nơi nhận | signature);
* a segment is ``left``/``right`` when it sits in one half of the page, and a
  run of such lines is emitted left column first, so ``V/v …`` lines stay
  together and the signature block reads top to bottom;
* a justified body line that reaches the right margin continues on the next
  line: such lines are joined into one paragraph line, the way a transcription
  writes them, so numbered headings and sentences are whole.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .model import RawLine, RawWord


@dataclass
class _Seg:
    words: list[RawWord]
    bold: bool = False

    @property
    def x0(self) -> float:
        return min(w.bbox[0] for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.bbox[2] for w in self.words)

    @property
    def top(self) -> float:
        return min(w.bbox[1] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bbox[3] for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def group_lines(words: list[RawWord], bold_flags: list[bool] | None = None, precise: bool = False) -> list[list[tuple[RawWord, bool]]]:
    """Cluster words into visual lines, each sorted left to right.

    ``precise`` (PDF text layers): words of one line share their box top and
    bottom to a fraction of a point, so a tight tolerance keeps two columns with
    different line spacing (recipients | signature) apart.  OCR boxes vary with
    ascenders and descenders, so there a word joins a line when it overlaps the
    line's tallest word vertically by half of the smaller height (a dash or a
    dot must not anchor a line).
    """
    items = list(zip(words, bold_flags or [False] * len(words)))
    items.sort(key=lambda wb: ((wb[0].bbox[1] + wb[0].bbox[3]) / 2, wb[0].bbox[0]))
    lines: list[list[tuple[RawWord, bool]]] = []
    seeds: list[tuple[float, float]] = []          # (top, bottom) of each line's reference word
    for w, b in items:
        top, bottom = w.bbox[1], w.bbox[3]
        h = max(1.0, bottom - top)
        for idx in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            s_top, s_bottom = seeds[idx]
            if precise:
                same = abs((top + bottom) / 2 - (s_top + s_bottom) / 2) <= 0.15 * h + 0.5
            else:
                overlap = min(bottom, s_bottom) - max(top, s_top)
                same = overlap >= 0.5 * min(h, s_bottom - s_top)
            if same:
                lines[idx].append((w, b))
                if not precise and h > s_bottom - s_top:
                    seeds[idx] = (top, bottom)         # OCR: the tallest word anchors the line
                break
        else:
            lines.append([(w, b)])
            seeds.append((top, bottom))
    for line in lines:
        line.sort(key=lambda wb: wb[0].bbox[0])
    return lines


def _split_segments(line: list[tuple[RawWord, bool]], gap: float, column_x: float) -> list[_Seg]:
    """Split a visual line where a wide gap opens onto the right-hand column.

    A justified line can have wide gaps too; what makes a column break is a gap
    *and* text resuming near the middle of the page (``column_x``) or beyond.
    """
    segs: list[_Seg] = []
    for w, b in line:
        if segs and (w.bbox[0] - segs[-1].words[-1].bbox[2] <= gap or w.bbox[0] < column_x):
            segs[-1].words.append(w)
            segs[-1].bold = segs[-1].bold and b
        else:
            segs.append(_Seg([w], b))
    return segs


def build_lines(words: list[RawWord], page: int, page_width: float, bold_flags: list[bool] | None = None,
                confidences: bool = False, precise: bool = False) -> list[RawLine]:
    """Words of one page → RawLines in reading order, wrapped lines joined."""
    if not words:
        return []
    heights = [w.bbox[3] - w.bbox[1] for w in words]
    h = statistics.median(heights) if heights else 10.0
    gap = max(2.0 * h, page_width * 0.03)
    visual = group_lines(words, bold_flags, precise)
    left_edge = min(w.bbox[0] for w in words)
    right_edge = max(w.bbox[2] for w in words)
    column_x = left_edge + 0.35 * (right_edge - left_edge)
    segs_per_line = [_split_segments(line, gap, column_x) for line in visual]
    all_segs = [s for segs in segs_per_line for s in segs]
    body_left = _mode_edge([s.x0 for s in all_segs if s.x1 - s.x0 > page_width * 0.5], default=min(s.x0 for s in all_segs))
    body_right = _mode_edge([s.x1 for s in all_segs if s.x1 - s.x0 > page_width * 0.5], default=max(s.x1 for s in all_segs), high=True)
    body_left = _margin_left_of(body_left, body_right, segs_per_line, h, page_width)
    mid = (body_left + body_right) / 2

    # (segment, column) in visual order; runs of half-page segments left column first
    ordered: list[tuple[_Seg, str]] = []
    run: list[tuple[_Seg, str]] = []
    for segs in segs_per_line:
        cols = []
        for s in segs:
            if s.x1 <= mid + 0.05 * page_width and (len(segs) > 1 or s.x1 - s.x0 < 0.5 * (body_right - body_left)) and s.x0 < mid:
                cols.append((s, "left"))
            elif s.x0 >= mid - 0.08 * page_width and (len(segs) > 1 or s.x0 > body_left + 0.3 * (body_right - body_left)):
                cols.append((s, "right"))
            else:
                cols.append((s, "full"))
        if all(c != "full" for _, c in cols):
            run.extend(cols)
            continue
        if run:
            ordered.extend(_left_first(run))
            run = []
        ordered.extend(cols)
    if run:
        ordered.extend(_left_first(run))

    out: list[RawLine] = []
    prev: tuple[_Seg, str] | None = None
    for seg, col in ordered:
        text = seg.text
        indent = seg.x0 - body_left
        para = prev is None or col != prev[1] or indent > 1.5 * h or (seg.top - prev[0].bottom) > 1.2 * h
        wraps_from_prev = (
            prev is not None and prev[1] == "full" and (col == "full" or seg.x0 <= body_left + 0.5 * h)
            and prev[0].x1 >= body_right - 2.5 * h           # previous line ran to the margin
            and indent <= 1.5 * h                            # this one starts at the margin
            and (seg.top - prev[0].bottom) < 1.0 * h
            and not _starts_item(text)
        )
        if wraps_from_prev and out:
            col = "full"
            last = out[-1]
            last.text = f"{last.text} {text}"
            last.words.extend(seg.words)
            x0, t0, x1, b1 = last.bbox
            last.bbox = (min(x0, seg.x0), min(t0, seg.top), max(x1, seg.x1), max(b1, seg.bottom))
            last.conf = _mean_conf(last.words) if confidences else None
        else:
            out.append(RawLine(text=text, page=page, bbox=(seg.x0, seg.top, seg.x1, seg.bottom),
                               conf=_mean_conf(seg.words) if confidences else None, words=list(seg.words),
                               bold=seg.bold, column=col, paragraph_break=para))
        prev = (seg, col)
    return out


def _left_first(run: list[tuple[_Seg, str]]) -> list[tuple[_Seg, str]]:
    return [x for x in run if x[1] == "left"] + [x for x in run if x[1] != "left"]


def _starts_item(text: str) -> bool:
    from .sections import match_label
    t = text.lstrip()
    return t[:1] in "-–•+" or match_label(t) is not None


def _mean_conf(words: list[RawWord]) -> float | None:
    confs = [w.conf for w in words if w.conf is not None and w.conf >= 0]
    return round(sum(confs) / len(confs), 1) if confs else None


def _mode_edge(values: list[float], default: float, high: bool = False) -> float:
    """The most common margin position (rounded), robust to indented lines."""
    if not values:
        return default
    buckets: dict[int, int] = {}
    for v in values:
        buckets[round(v / 4)] = buckets.get(round(v / 4), 0) + 1
    best = max(buckets.items(), key=lambda kv: (kv[1], kv[0] if high else -kv[0]))[0]
    return best * 4.0


def _margin_left_of(mode_left: float, body_right: float, segs_per_line: list[list[_Seg]], h: float,
                    page_width: float) -> float:
    """The true left margin when the most common wide-line start is an indent.

    On a short page most wide lines can be first lines of paragraphs, all
    indented; the margin is then where their wrapped lines start: the line
    after one that ran to the right margin.  Two such lines starting at the
    same place, a little left of the mode, make that place the margin.
    """
    starts = [line[0].x0 for prev, line in zip(segs_per_line, segs_per_line[1:])
              if len(prev) == 1 and len(line) == 1 and prev[0].x1 >= body_right - 2.5 * h and line[0].x0 < prev[0].x0 - h]
    near = [x for x in starts if mode_left - 0.12 * page_width <= x]
    shared = [x for x in near if sum(abs(y - x) <= 0.5 * h for y in near) >= 2]
    return min(min(shared), mode_left) if shared else mode_left


def interleave(lines: list[RawLine], tables: list) -> list:
    """Put tables between lines by vertical position, keeping the lines' own order
    (re-sorting lines by position would undo the left-column-first order)."""
    pending = sorted(tables, key=lambda t: t.bbox[1] if t.bbox else 0.0)
    out: list = []
    for line in lines:
        top = line.bbox[1] if line.bbox else 0.0
        while pending and (pending[0].bbox[1] if pending[0].bbox else 0.0) <= top:
            out.append(pending.pop(0))
        out.append(line)
    out.extend(pending)
    return out

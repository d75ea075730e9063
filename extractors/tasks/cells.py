"""Requests written inside the cells of tables that are not task tables.

A table of comments on a draft ("Nội dung góp ý | Đơn vị góp ý | Ý kiến của Sở Nội
vụ") or of results holds no work column, but a cell may still ask a named body to do
something: "…, kính đề nghị Sở Nội vụ tỉnh phối hợp với Sở Khoa học và Công nghệ
thống nhất nội dung Kế hoạch."  Such a sentence is a task of the body it asks; only an
explicit request naming its addressee counts ("đề nghị", "yêu cầu", "giao" + an owner),
never a cell that merely opens with a body's name (a results table is full of them),
nor a request that names nobody ("Đề nghị bổ sung …").
"""

from __future__ import annotations

import re
from dataclasses import replace

from vanban.pipeline.model import Document, Table
from vanban.pipeline.textnorm import collapse_spaces, sentence_case_first

from ..deadlines import Deadline
from ..spans import located, make_span
from .common import Ids, Task, cited
from .prose import REQUESTING, _deadline_in, sentence_owner

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ])")


def _cell_deadline(sentence: str, year: int | None, cell) -> Deadline:
    """The deadline a request sets, with the span of its phrase inside the cell."""
    deadline, at = _deadline_in(sentence, year)
    k = cell.text.find(sentence[at[0]:at[1]]) if at else -1
    span = make_span(cell.text, k, k + at[1] - at[0], cell.page, deadline.text, cell.start) if k >= 0 else None
    return replace(deadline, span=span) if span is not None else deadline


def cell_requests(doc: Document, table: Table, year: int | None, ids: Ids, citations) -> list[Task]:
    """One task per sentence of a cell that asks a named body for work; ``ref`` is the
    row's first cell (its serial number) when it is one."""
    tasks: list[Task] = []
    for row in table.rows:
        serial = row.cells[0].text.strip().rstrip(".") if row.cells else ""
        ref = serial if re.fullmatch(r"\d{1,3}", serial) else None
        for cell in row.cells:
            text = collapse_spaces(cell.text)
            for sentence in _SENTENCE_END.split(text):
                if not REQUESTING.search(sentence):
                    continue
                said = sentence_owner(sentence, strict=True, adverbial=False)
                if said is None or not said[0].lead:
                    continue
                who = said[0]
                lead = located(who.lead, cell.text, cell.start, lambda _o: cell.page)
                support = located(who.support, cell.text, cell.start, lambda _o: cell.page)
                description = sentence_case_first(sentence.strip(" ;"))
                tasks.append(Task(
                    id=ids.make("cell", ref, None, description), ref=ref, group=None, group_title=None,
                    description=description, lead=lead, support=support,
                    deadline=_cell_deadline(sentence, year, cell),
                    source={"kind": "table", "page": cell.page, "table": table.index,
                            "start": cell.start, "end": cell.end},
                    citation_ids=cited(cell.start, cell.end, citations)))
    return tasks

"""A row of real table markup (DOCX/ODT/DOC/RTF, HTML, spreadsheets, slides) is
a whole row — a page break never splits it — so it is never merged into the row
above as a page-split continuation, while the same rows in a PDF/scan/text
table still are; and its cells keep their text (``5. Gạo`` is not cut to the
serial ``5`` as an OCR'd number column would be).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.pipeline.model import RawTable
from vanban.pipeline.tables import merge_tables
# rows a PDF would give for a task row split by a page break: the part after the
# break has no number and goes on in lower case
ROWS = [
    ["STT", "Nội dung", "Chủ trì", "Thời gian"],
    ["1", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Tháng 3"],
    ["", "và công bố kết quả", "", ""],
    ["2", "Xây dựng kế hoạch", "Sở Nội vụ", "Tháng 5"],
    ["", "cấp huyện", "", ""],
    ["3", "Báo cáo", "Văn phòng", "Tháng 12"],
]


def _tables(blocks):
    return [b for b in merge_tables(blocks) if isinstance(b, RawTable)]


def test_layout_rows_are_merged_markup_rows_are_not():
    (layout,) = _tables([RawTable([list(r) for r in ROWS])])
    assert [r[1] for r in layout.rows[1:]] == ["Rà soát thủ tục hành chính và công bố kết quả",
                                               "Xây dựng kế hoạch cấp huyện", "Báo cáo"]
    (markup,) = _tables([RawTable([list(r) for r in ROWS], rows_are_markup=True)])
    assert markup.rows == ROWS


def test_joined_tables_stay_markup_only_when_both_are():
    a = RawTable([list(r) for r in ROWS[:3]], rows_are_markup=True)
    b = RawTable([list(r) for r in ROWS[:1] + ROWS[3:]], rows_are_markup=True)
    (joined,) = _tables([a, b])
    assert joined.rows_are_markup and len(joined.rows) == len(ROWS)
    (mixed,) = _tables([RawTable([list(r) for r in ROWS[:3]], rows_are_markup=True),
                        RawTable([list(r) for r in ROWS[:1] + ROWS[3:]])])
    assert not mixed.rows_are_markup and len(mixed.rows) == len(ROWS) - 2


def _docx_table(path: Path) -> Path:
    import docx
    d = docx.Document()
    t = d.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for i, row in enumerate(ROWS):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    d.save(str(path))
    return path


def test_docx_and_xlsx_rows_are_not_merged(tmp_path):
    from vanban.pipeline.assemble import assemble
    from vanban.pipeline.readers.docx import read_docx
    from vanban.pipeline.readers.sheet import read_xlsx
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in ROWS:
        wb.active.append([v or None for v in row])
    wb.save(tmp_path / "t.xlsx")
    for raw in (read_docx(_docx_table(tmp_path / "t.docx")), read_xlsx(tmp_path / "t.xlsx")):
        doc = assemble(raw)
        (table,) = doc.tables
        assert [[c.text for c in r.cells] for r in table.rows] == ROWS, raw.format


def test_text_table_rows_still_merged(tmp_path):
    from vanban.pipeline.assemble import assemble
    from vanban.pipeline.readers.text import read_text
    p = tmp_path / "t.txt"
    p.write_text("\n".join("\t".join(r) for r in ROWS) + "\n", encoding="utf-8")
    (table,) = assemble(read_text(p)).tables
    assert len(table.rows) == 4


def test_markup_cells_keep_their_words():
    rows = [["STT", "Mặt hàng", "Đơn vị"], ["1.", "Dầu thô", "Triệu tấn"], ["5. Gạo", "", "Triệu tấn"], ["II", "Y tế", ""]]
    (markup,) = _tables([RawTable([list(r) for r in rows], rows_are_markup=True)])
    assert [r[0] for r in markup.rows] == ["STT", "1", "5. Gạo", "II"]
    (layout,) = _tables([RawTable([list(r) for r in rows])])
    assert [r[0] for r in layout.rows][2] == "5"        # an OCR'd number column is still tidied

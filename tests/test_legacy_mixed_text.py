"""Legacy text the fonts alone do not settle:

* a legacy-font run that also holds Unicode words (a TCVN3 text edited later
  with a Unicode keyboard) has its code words decoded one by one;
* a spreadsheet cell in a Unicode font typed with TCVN3 codes keeps its ``ư``
  (byte 0xAD, a soft hyphen) until the whole-workbook conversion reads it;
* a vertically merged DOCX cell whose lower part holds text of its own shows
  that text too.
"""

from __future__ import annotations

import pytest

from vanban.pipeline.legacy_encoding import decode_run


@pytest.mark.parametrize("text, font, want", [
    ("M¸y mãc thiết bÞ, phụ tïng", ".VnArial", "Máy mãc thiết bị, phụ tùng"),   # mãc: no code only TCVN3 has
    ("Bộ tr\u00adëng Bộ T\u00ad pháp §iÒu 1", ".VnTime", "Bộ trưởng Bộ Tư pháp Điều 1"),
    ("Ủy ban nhân dân «Hà Nội»", ".VnTime", None),       # a quote mark is not read as ô
    ("Ủy ban nhân dân tỉnh", ".VnTime", None),            # Unicode in a legacy-named font
])
def test_mixed_run_words(text, font, want):
    assert decode_run(text, font) == want


def test_sheet_unicode_font_cell_keeps_tcvn3_u_horn(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.styles import Font
    from vanban.pipeline.model import RawTable
    from vanban.pipeline.readers.sheet import read_xlsx
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [["STT", "Tªn ®¬n vÞ", "Ghi chó"], [1, "L©m tr\u00adêng A", "Tr\u00adëng ban"], [2, "Tr\u00adêng häc B", "Kh«ng"]]
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows():
        for c in row:
            c.font = Font(name="Arial")
    ws["D1"] = "Soft\u00adhyphen"                       # Unicode text keeps none
    wb.save(tmp_path / "t.xlsx")
    raw = read_xlsx(tmp_path / "t.xlsx")
    (table,) = [b for b in raw.blocks if isinstance(b, RawTable)]
    assert raw.legacy_encoding == "tcvn3"
    assert table.rows[1][1:3] == ["Lâm trường A", "Trưởng ban"]
    assert table.rows[2][1] == "Trường học B"
    assert not any("\u00ad" in c for r in table.rows for c in r)


def test_docx_merged_cell_text_in_lower_part(tmp_path):
    import docx
    from vanban.pipeline.model import RawTable
    from vanban.pipeline.readers.docx import read_docx
    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text = "Họ và tên"
    t.cell(0, 1).text = "Người nhận"
    t.cell(1, 0).text = "Nguyễn Văn A"
    t.cell(2, 0).text = "Trần Thị B"
    t.cell(0, 1).merge(t.cell(1, 1))
    lower = t._tbl.tr_lst[1].tc_lst[1]                  # the vMerge continuation
    lower.add_p().add_r().text = "Ký nhận"
    d.save(str(tmp_path / "m.docx"))
    (table,) = [b for b in read_docx(tmp_path / "m.docx").blocks if isinstance(b, RawTable)]
    assert table.rows[0][1] == "Người nhận"
    assert "Ký nhận" in table.rows[1][1]


def test_vni_in_tcvn3_named_font_caught_by_syllable_shape():
    from vanban.pipeline.legacy_encoding import _bad_syllable
    # VNI letter-then-mark codes read as TCVN3 spell no Vietnamese syllable
    assert all(_bad_syllable(w) for w in "Teõn nhaừn hieọu thieỏt vaứ caỏu kyừ thuaọt".split())
    real = ("Nguyễn Quốc giường gì Hoà Thuỷ khuya Nghiêng Đường Ưu Yêu ngoặt Thuở xoong Uống khuếch giặt "
            "Giữ gieo giếng tuần xuân huỳnh yên trưởng được Điều Uỷ quý quả tỉnh người QĐ HĐND đ").split()
    assert not any(_bad_syllable(w) for w in real)
    assert decode_run("Teân, nhaõn hieäu thieát bò vaø caáu hình kyõ thuaät", "VNSTCVN3") == \
        "Tên, nhãn hiệu thiết bị và cấu hình kỹ thuật"

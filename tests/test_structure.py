"""One tree of units as a reader sees them (``pipeline.sections.build_tree``):
numbered parts nest by rank (I. → 1. → 1.1. → a)), Điều/khoản, "-" bullets hold
their "+" sub-bullets, paragraphs cut by a page number are one paragraph again,
and tables sit in the unit they appear in.  Synthetic documents through the real
text reader and assembler."""

from __future__ import annotations

import pytest

from vanban.pipeline.run import analyse
from vanban.pipeline.sections import build_tree, match_label


def tree_of(tmp_path, body: str):
    path = tmp_path / "doc.txt"
    path.write_text("ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 7/KH-UBND\n\nKẾ HOẠCH\nPhòng cháy năm 2026\n\n" + body, "utf-8")
    doc, _ = analyse(path)
    return doc, build_tree(doc)


def shape(doc, unit, depth=0) -> list[str]:
    """``kind:ref heading`` lines, indented by depth (tables as ``table``)."""
    if unit.kind == "table":
        return ["  " * depth + "table"]
    label = f"{unit.kind}:{unit.ref}" if unit.ref else unit.kind
    out = [] if unit.kind == "root" else ["  " * depth + f"{label} {unit.heading}"]
    for child in unit.children:
        out.extend(shape(doc, child, depth + (unit.kind != "root")))
    return out


CASES = [
    ("plan parts, letters, bullets and sub-bullets",
     "I. NHIỆM VỤ\n\n1. Sở Tài chính\n\n- Bố trí kinh phí:\n\n+ Nguồn ngân sách tỉnh.\n\n+ Nguồn xã hội hóa.\n\n"
     "- Hướng dẫn thanh quyết toán.\n\n2. Các sở, ngành\n\na) Xây dựng kế hoạch.\n\nb) Báo cáo kết quả.\n\n",
     ["roman:I NHIỆM VỤ",
      "  arabic:I.1 Sở Tài chính",
      "    dash Bố trí kinh phí:",
      "      plus Nguồn ngân sách tỉnh.",
      "      plus Nguồn xã hội hóa.",
      "    dash Hướng dẫn thanh quyết toán.",
      "  arabic:I.2 Các sở, ngành",
      "    letter:I.2.a Xây dựng kế hoạch.",
      "    letter:I.2.b Báo cáo kết quả."]),
    ("letters typed 'a.' (before a capital only: 'c. các' continues a sentence)",
     "II. TỔ CHỨC THỰC HIỆN\n\na. Sở Nội vụ theo dõi, đôn đốc.\n\nb. Các sở, ngành triển khai.\n\n",
     ["roman:II TỔ CHỨC THỰC HIỆN",
      "  letter:II.a Sở Nội vụ theo dõi, đôn đốc.",
      "  letter:II.b Các sở, ngành triển khai."]),
    ("decision articles and clauses",
     "Điều 1. Phê duyệt Kế hoạch.\n\nĐiều 2. Tổ chức thực hiện\n\n1. Sở Nội vụ theo dõi.\n\n2. Sở Tài chính bố trí kinh phí.\n\n",
     ["paragraph KẾ HOẠCH", "paragraph Phòng cháy năm 2026",
      "dieu:Điều 1 Phê duyệt Kế hoạch.",
      "dieu:Điều 2 Tổ chức thực hiện",
      "  arabic:Điều 2.1 Sở Nội vụ theo dõi.",
      "  arabic:Điều 2.2 Sở Tài chính bố trí kinh phí."]),
    ("OCR lost the period of a roman part (only the next numeral, only over capitals)",
     "I. KẾT QUẢ THỰC HIỆN\n\n1. Cải cách thể chế\n\nII NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2026\n\n"
     "1. Ban hành kế hoạch kiểm tra.\n\nIV Nhiệm vụ khác\n\n",
     ["roman:I KẾT QUẢ THỰC HIỆN",
      "  arabic:I.1 Cải cách thể chế",
      "roman:II NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2026",
      "  arabic:II.1 Ban hành kế hoạch kiểm tra.",
      "    paragraph IV Nhiệm vụ khác"]),
    ("a page number between two halves of a bullet",
     "II. GIẢI PHÁP\n\n- Tăng cường kiểm tra các cơ sở\n\n3\n\nkinh doanh có nguy cơ cháy nổ.\n\n- Xử lý vi phạm.\n\n",
     ["roman:II GIẢI PHÁP",
      "  dash Tăng cường kiểm tra các cơ sở",
      "  dash Xử lý vi phạm."]),
]


@pytest.mark.parametrize("name,body,expected", CASES, ids=[c[0] for c in CASES])
def test_tree_shape(tmp_path, name, body, expected):
    doc, root = tree_of(tmp_path, body)
    got = [line for line in shape(doc, root) if not line.startswith(("paragraph ỦY", "paragraph Số"))]
    if not expected[0].startswith("paragraph"):
        got = [line for line in got if not line.startswith("paragraph")]
    assert got == expected


def test_a_paragraph_cut_by_a_page_is_read_whole(tmp_path):
    doc, root = tree_of(tmp_path, "II. GIẢI PHÁP\n\n- Tăng cường kiểm tra các cơ sở\n\n3\n\nkinh doanh có nguy cơ cháy nổ.\n\n")
    bullet = root.children[-1].children[0]
    assert bullet.text(doc) == "Tăng cường kiểm tra các cơ sở kinh doanh có nguy cơ cháy nổ."


def test_tables_sit_in_their_unit_and_spans_point_into_the_text(tmp_path):
    body = ("I. NHIỆM VỤ\n\n1. Phân công\n\n| TT | Nội dung | Chủ trì |\n|---|---|---|\n| 1 | Kiểm tra | Công an tỉnh |\n\n"
            "2. Kinh phí\n\n- Ngân sách tỉnh.\n\n")
    doc, root = tree_of(tmp_path, body)
    part = next(u for u in root.children if u.kind == "roman")
    assert [c.kind for c in part.children[0].children] == ["table"]
    bullet = part.children[1].children[0]
    start, end = bullet.span(doc)
    assert doc.text[start:end] == "- Ngân sách tỉnh."


@pytest.mark.parametrize("text,label", [("$.1. Trung tâm Quản lý chất lượng", "5.1."), ("5.1. Trung tâm", "5.1."),
                                        ("Điều 3. Hiệu lực", "Điều 3"), ("đ) Sở Y tế", "đ)")])
def test_labels_including_an_ocr_five(text, label):
    assert match_label(text)[1] == label

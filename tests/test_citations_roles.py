"""Citations on documents shaped like the real ones: roles, self references, dates,
and OCR'd numbers settled against the document itself.

Each table entry is a small document (lines as printed) → the citations vanban
must give, number by number.  The shapes are the classes seen in the dev gold:
decision and plan preambles ("Căn cứ …; Thực hiện …"), a reference named inside
another's subject, letters answering a request, a header's own number, an
appendix naming its plan, table cells, and scans whose numbers OCR damaged.
"""

from __future__ import annotations

import pytest

from vanban.extractors.citations import _ROLE_OPENERS, extract_citations
from vanban.extractors.issuers import PlaceContext
from vanban.pipeline.assemble import assemble
from vanban.pipeline.model import PageInfo, RawDocument, RawWord
from vanban.pipeline.readers.text import lines_to_blocks

from .conftest import REALDOCS, need_realdocs


def make_doc(lines: list[str], source: str = "text", alternatives: dict[str, list[str]] | None = None):
    """A document from printed lines; ``source="ocr"`` makes it a scan whose words
    carry the second readings given in ``alternatives`` (word → readings)."""
    raw = RawDocument(lines_to_blocks(lines), [PageInfo(1, text_source=source)], "pdf" if source == "ocr" else "text")
    doc = assemble(raw)
    if source == "ocr":
        for line in doc.lines:
            line.words = [RawWord(w, (0, 0, 0, 0), 90.0, list((alternatives or {}).get(w, [])))
                          for w in line.text.split(" ") if w]
    return doc


def cite(doc, own_number=None, own_type=None, header_end=0):
    citations, self_ref = extract_citations(doc, own_number, own_type, PlaceContext.from_text(doc.text), header_end)
    return {c.number: c for c in citations if c.number}, self_ref


ROLE_CASES = [
    ("plan preamble: basis, implements, then the body",
     ["KẾ HOẠCH", "Triển khai công tác năm 2026",
      "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;",
      "Thực hiện Kế hoạch số 43/KH-UBND ngày 02/7/2026 của UBND tỉnh;",
      "I. MỤC ĐÍCH, YÊU CẦU",
      "1. Triển khai Quyết định số 12/QĐ-UBND ngày 05/01/2026 đúng tiến độ."],
     {"61/2018/NĐ-CP": "basis", "43/KH-UBND": "implements", "12/QĐ-UBND": "mention"}),
    ("two openers in one paragraph: the nearest one counts",
     ["Thực hiện Kế hoạch số 2126/KH-UBND ngày 20/8/2025 về xây dựng xã không ma túy; Căn cứ Quyết định số "
      "28/2025/QĐ-TTg ngày 24/8/2025 của Thủ tướng Chính phủ ban hành tiêu chí, Hướng dẫn số 37/HD-BCA-C04 "
      "ngày 24/9/2025 của Bộ Công an.", "I. NỘI DUNG"],
     {"2126/KH-UBND": "implements", "28/2025/QĐ-TTg": "basis", "37/HD-BCA-C04": "basis"}),
    ("a reference inside another's subject is a mention",
     ["Thực hiện Nghị quyết số 50/NQ-CP ngày 13/3/2025 của Chính phủ ban hành Kế hoạch triển khai Nghị quyết "
      "số 163/2024/QH15 ngày 27/11/2024 của Quốc hội; Nghị quyết số 05-NQ/TU ngày 08/01/2026 của Tỉnh ủy.",
      "I. MỤC ĐÍCH"],
     {"50/NQ-CP": "implements", "163/2024/QH15": "mention", "05-NQ/TU": "implements"}),
    ("a list after a comma keeps the opener's role",
     ["Căn cứ các Quyết định số: 1743/QĐ- BGTVT, 1744/QĐ- BGTVT ngày 31/12/2024 của Bộ trưởng Bộ Giao thông vận tải;",
      "1. Giao Sở Xây dựng chủ trì."],
     {"1743/QĐ-BGTVT": "basis", "1744/QĐ-BGTVT": "basis"}),
    ("a lower-case verb after ';' opens nothing",
     ["I. NỘI DUNG", "- Tổng quan: công bố danh sách xã; triển khai nội dung Quyết định số 28/2025/QĐ-TTg ngày 24/8/2025."],
     {"28/2025/QĐ-TTg": "mention"}),
    ("a decision's 'Xét' grounds are its basis",
     ["QUYẾT ĐỊNH", "Căn cứ Luật Đầu tư số 143/2025/QH15;",
      "Xét Báo cáo thẩm định số 203/BC-BQL ngày 26 tháng 6 năm 2026 của Ban Quản lý Khu kinh tế tỉnh.",
      "QUYẾT ĐỊNH:", "Điều 1. Chấp thuận chủ trương đầu tư."],
     {"143/2025/QH15": "basis", "203/BC-BQL": "basis"}),
    ("a letter answering a request implements it",
     ["Kính gửi: Sở Nội vụ tỉnh Lâm Đồng",
      "Theo đề nghị của Sở Nội vụ tại Công văn số 215/SNV-CCHC&VTLT ngày 14/01/2026 về việc lấy ý kiến dự thảo, "
      "Sở Tài chính thống nhất dự thảo."],
     {"215/SNV-CCHC&VTLT": "implements"}),
    ("a letter's subject line 'V/v triển khai thực hiện …'",
     ["V/v triển khai thực hiện Quyết định số 1074/QĐ-BXD ngày 29/6/2026 của Bộ Xây dựng",
      "Kính gửi: Các sở, ban, ngành thuộc tỉnh"],
     {"1074/QĐ-BXD": "implements"}),
    ("a line closed by ';' ends the opener's clause",
     ["Căn cứ Nghị định số 139/2025/NĐ-CP của Chính phủ;", "Theo đề nghị của Chánh Văn phòng Bộ;",
      "Bộ trưởng ban hành Thông tư sửa đổi Thông tư số 38/2025/TT-BCT.", "Điều 1. Sửa đổi khoản 2."],
     {"139/2025/NĐ-CP": "basis", "38/2025/TT-BCT": "mention"}),
    ("'Để triển khai …; trên cơ sở …' in a letter's opening",
     ["Triển khai Kết luận số 18-KL/TW ngày 02 tháng 4 năm 2026 của Ban Chấp hành Trung ương Đảng.",
      "Để triển khai kịp thời các Nghị quyết số 66.7/2025/NQ-CP ngày 15/11/2025; trên cơ sở các Báo cáo của Bộ Tư pháp "
      "tại văn bản số 279/BC-BTP ngày 28 tháng 4 năm 2026, Bộ Tài chính tại các văn bản số 5166/BTC-PC ngày 23 tháng 4 "
      "năm 2026, Thủ tướng Chính phủ có ý kiến như sau:", "1. Về triển khai các Nghị quyết"],
     {"18-KL/TW": "implements", "66.7/2025/NQ-CP": "implements", "279/BC-BTP": "basis", "5166/BTC-PC": "basis"}),
    ("an opener over a bulleted list governs every bullet",
     ["Căn cứ:", "- Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;",
      "- Quyết định số 12/QĐ-UBND ngày 05/01/2026 của UBND tỉnh;", "UBND tỉnh ban hành Kế hoạch như sau:",
      "I. MỤC ĐÍCH"],
     {"61/2018/NĐ-CP": "basis", "12/QĐ-UBND": "basis"}),
    ("a table cell is no preamble",
     ["Nội dung góp ý\tĐơn vị\tÝ kiến",
      "Căn cứ kết quả đánh giá\tThuế tỉnh\tKhông tiếp thu do đã giao tại Chỉ thị số 27/CT-TTg ngày 27/10/2023."],
     {"27/CT-TTg": "mention"}),
]


@pytest.mark.parametrize("name,lines,roles", ROLE_CASES, ids=[c[0] for c in ROLE_CASES])
def test_roles(name, lines, roles):
    found, _ = cite(make_doc(lines))
    assert {number: c.role for number, c in found.items()} == roles


@pytest.mark.parametrize("opener,role", sorted(_ROLE_OPENERS.items()))
@pytest.mark.parametrize("decision", [False, True])
def test_every_opener_gives_its_role(opener, role, decision):
    lines = [f"{opener} Quyết định số 12/QĐ-UBND ngày 05/01/2026 của UBND tỉnh;"]
    lines += ["QUYẾT ĐỊNH:", "Điều 1. Ban hành."] if decision else ["I. NỘI DUNG", "1. Tổ chức."]
    found, _ = cite(make_doc(lines))
    expected = {"grounds": "basis" if decision else "implements"}.get(role, role)
    assert found["12/QĐ-UBND"].role == expected


DATE_CASES = [
    (["Công văn số 346/UBND- NC ngày 21/1 1/2025 về việc triển khai."], "346/UBND-NC", "2025-11-21"),
    (["Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày l6 tháng 6 năm 2025;"], "72/2025/QH15", "2025-06-16"),
    (["Ngày 25/9/2025, UBND tỉnh đã ban hành Quyết định số 1441/QĐ-UBND về công bố danh mục."], "1441/QĐ-UBND", "2025-09-25"),
    (["Kế hoạch số 9574/KH-BCĐ06 ngày 01/11/2023 về mô hình điểm."], "9574/KH-BCĐ06", "2023-11-01"),
    (["- Phạm vi cấp tỉnh: Ngày 25/9/2025, UBND tỉnh đã ban hành Quyết định số 1441/QĐ-UBND về danh mục."],
     "1441/QĐ-UBND", "2025-09-25"),
    # numbers listed together share the date printed after the last
    (["Thực hiện các Quyết định số: 1743/QĐ- BGTVT, 1744/QĐ- BGTVT ngày 31/12/2024 của Bộ trưởng."],
     "1743/QĐ-BGTVT", "2024-12-31"),
    (["Nghị quyết số 50/NQ-CP, Quyết định số 28/QĐ-TTg ngày 24/8/2025."], "50/NQ-CP", None),
    # a date that opens another clause is not the issue date
    (["Ngày 25/9/2025, UBND tỉnh tổ chức hội nghị; triển khai Quyết định số 12/QĐ-UBND."], "12/QĐ-UBND", None),
]


@pytest.mark.parametrize("lines,number,date", DATE_CASES)
def test_dates(lines, number, date):
    found, _ = cite(make_doc(lines))
    assert found[number].date == date


def test_a_header_number_field_is_the_self_reference_not_a_citation():
    doc = make_doc(["Số: 666/TTr-SNV; 22/12/2025; 18:56:39", "Phụ lục",
                    "Quyết định số 1187/QĐ-BNV ngày 15/10/2025 của Bộ trưởng Bộ Nội vụ"])
    found, self_ref = cite(doc)
    assert list(found) == ["1187/QĐ-BNV"] and self_ref["number"] == "666/TTr-SNV"


def test_an_appendix_heading_names_its_own_plan():
    doc = make_doc(["PHỤ LỤC", "(Kèm theo Kế hoạch số 43/KH-UBND ngày 02/7/2026 của UBND tỉnh)"])
    found, self_ref = cite(doc, own_type="ke_hoach")
    assert found == {} and self_ref["number"] == "43/KH-UBND"


def test_a_letter_sent_with_another_is_a_citation_not_the_self_reference():
    doc = make_doc(["Kính gửi: Sở Nội vụ", "Dự thảo gửi kèm theo Công văn số 215/SNV-CCHC&VTLT; Sở Tài chính thống nhất."])
    found, self_ref = cite(doc, own_type="cong_van")
    assert list(found) == ["215/SNV-CCHC&VTLT"] and self_ref is None


FRAGMENT_CASES = [
    ("Phòng 47/SC3 tầng 2", []),                        # no kind, no 'số', no known code
    ("Công văn số 47/SC3 ngày 02/01/2026", ["47/SC3"]),  # named as a letter: a citation
    ("gửi 12/UBND-VX trước", ["12/UBND-VX"]),            # a known issuer code
    ("mẫu 05/BC kèm theo", ["05/BC"]),                    # a known type code
]


@pytest.mark.parametrize("text,numbers", FRAGMENT_CASES)
def test_only_references_become_citations(text, numbers):
    found, _ = cite(make_doc([text]))
    assert list(found) == numbers


OCR_CASES = [
    ("a second reading with a known code",
     ["Kế hoạch số 8016/KH-LBND ngày 01/10/2020 của UBND tỉnh."], {"8016/KH-LBND": [".8016/KH-UBND"]},
     ["8016/KH-UBND"]),
    ("a cut-off number beside its whole form",
     ["Nghị định số 38/2023/NĐ-CP ngày 24/6/2023 sửa đổi;", "khoản 4 Điều 1 Nghị định số 38/2023/NĐ- ŒTP);"], {},
     ["38/2023/NĐ-CP"]),
    ("an impossible shape takes the codes the document uses",
     ["Văn bản số 423/TTg-CĐS ngày 19/04/2026, số 432/TT - CĐĐS ngày 23/04/2026."], {},
     ["423/TTg-CĐS", "432/TTg-CĐS"]),
    ("a second reading that the document cites elsewhere",
     ["theo Nghị quyết số 206/2025/QH15 của Quốc hội;", "thuộc phạm vi theo Nghị quyết số 06/2025/QH15, có văn bản."],
     {"06/2025/QH15,": ["206/2025/QHI15,"]}, ["206/2025/QH15"]),
    ("a sound number whose second reading is new stays as read",
     ["Bộ Tài chính tại văn bản số 5331/BTC-PC ngày 28/4/2026."], {"5331/BTC-PC": ["2331/BTC-PC"]}, ["5331/BTC-PC"]),
    ("a number only the second reading could read",
     ["Công văn số 67§5/VPCP-KGVX ngày 21/7/2025 của Văn phòng Chính phủ."], {"67§5/VPCP-KGVX": ["6785/VPCP-KGVX"]},
     ["6785/VPCP-KGVX"]),
    ("a garbled word whose second reading is no number stays unread",
     ["Công văn số 67§5/VPCP-KGVX ngày 21/7/2025."], {"67§5/VPCP-KGVX": ["S0NGQ-CP"]}, []),
    ("a second reading of a cut word is no better",
     ["Công văn số 3422/UBND-KGVX ngày 17/03/2026."], {"3422/UBND-KGVX": ["3422/UBND-"]}, ["3422/UBND-KGVX"]),
]


@pytest.mark.parametrize("name,lines,alternatives,numbers", OCR_CASES, ids=[c[0] for c in OCR_CASES])
def test_ocr_numbers_settled_by_the_document(name, lines, alternatives, numbers):
    found, _ = cite(make_doc(lines, "ocr", alternatives))
    assert sorted(found) == sorted(numbers)


def test_a_second_reading_belongs_to_its_own_citation():
    """Issue 11: 01/2018/TT-VPCP was flagged "read differently" because the
    re-reading of 61/2018/NĐ-CP on the same line (whose "2018" holds "01") was
    taken for one of its own."""
    found, _ = cite(make_doc(["Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018, Thông tư số 01/2018/TT-VPCP ngày 23/11/2018;"],
                             "ocr", {"61/2018/NĐ-CP": ["81/2018/NĐ-CP"]}))
    assert found["01/2018/TT-VPCP"].ocr_readings == []
    assert found["61/2018/NĐ-CP"].ocr_readings == ["81/2018/NĐ-CP"]


def test_text_layers_are_not_second_guessed():
    found, _ = cite(make_doc(["Kế hoạch số 8016/KH-LBND ngày 01/10/2020.", "Nghị định số 38/2023/NĐ-CP;",
                              "Nghị định số 38/2023/NĐ- ŒTP"]))
    assert sorted(found) == ["38/2023/NĐ", "38/2023/NĐ-CP", "8016/KH-LBND"]


def test_spans_point_into_the_text():
    doc = make_doc(ROLE_CASES[1][1] + ROLE_CASES[2][1])
    citations, _ = extract_citations(doc, None, None, PlaceContext.from_text(doc.text))
    for c in citations:
        for m in c.mentions:
            assert doc.text[m.start:m.end] == m.text


# --- real documents (text layers: fast) ----------------------------------------------------

REAL_CASES = [
    # a code wrapped after its dash in a table cell
    ("vht534.signed-20250510-124908.pdf", {"6138/UBND-KGVX": "mention", "01/CT-UBND": "mention"}, None),
    # a spreadsheet annex stamped with its Tờ trình's number; citations in reply cells
    ("Tong-hop-y-kien-gop-y.pdf", {"27/CT-TTg": "mention", "766/QĐ-TTg": "mention", "66-NQ/TW": "mention"}, "666/TTr-SNV"),
    # a letter answering a request: '&' inside the code
    ("STC.pdf", {"215/SNV-CCHC&VTLT": None}, None),
]


@pytest.mark.parametrize("name,expected,self_number", REAL_CASES, ids=[c[0] for c in REAL_CASES])
def test_real_documents(parse, name, expected, self_number):
    need_realdocs()
    path = REALDOCS / "more" / name
    if not path.exists():
        pytest.skip(f"{path} not found")
    record = parse(path)
    found = {c["number"]: c for c in record["citations"]}
    for number, role in expected.items():
        assert number in found
        assert role is None or found[number]["role"] == role
    if self_number:
        assert self_number not in found


LAW_CASES = [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;", ["Luật Tổ chức chính quyền địa phương"]),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
     "ngày 22/11/2019;", ["Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"]),
    ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", ["Luật Thi đua, khen thưởng"]),
    ("Bộ luật Lao động năm 2019 quy định", ["Bộ luật Lao động"]),
    # a year after the name and a deadline later: no law's date
    ("Phụ lục IV của Luật Đầu tư 2025, trình Chính phủ trước ngày 05 tháng 5 năm 2026.", []),
    ("Luật Phôi ng, € MX.. ma tủ “ ngày 30/3/2021;", []),                    # OCR debris
    ("Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15 ngày 18/02/2025;", []),  # numbered: cited by number
]


@pytest.mark.parametrize("text,titles", LAW_CASES)
def test_laws_cited_by_name_and_date(text, titles):
    doc = make_doc([text])
    citations, _ = extract_citations(doc, None, None, PlaceContext.from_text(doc.text))
    assert [c.title for c in citations if c.number is None] == titles


KINDS_BEFORE_THE_NUMBER = [
    ("Căn cứ Bộ luật số ", "bo_luat"),        # "luật" ends there too: the longer name is the kind
    ("Căn cứ Pháp lệnh số ", "phap_lenh"),
    ("Căn cứ Luật số ", "luat"),
    ("theo Lệnh số ", "lenh"),
    ("Thực hiện Quyết định số ", "quyet_dinh"),
    ("Thực hiện Kế hoạch của Tỉnh ủy và Quyết định số ", "quyet_dinh"),   # the last kind before "số"
]


@pytest.mark.parametrize("before,kind", KINDS_BEFORE_THE_NUMBER)
def test_the_kind_named_before_a_number(before, kind):
    from vanban.extractors.citations import _kind_before
    assert _kind_before(before, len(before))[0] == kind

"""Real provincial and ministry documents (../shared/realdocs), checked by eye.

Two are genuine scans with red stamps and handwritten numbers and days: where
the handwriting cannot be read the number must be null (with a warning), never
a guessed value.
"""

import pytest

from vanban.pipeline.output import validate

from .conftest import REALDOCS, need_realdocs


@pytest.fixture(scope="module")
def doc(parse):
    need_realdocs()
    return lambda name: parse(REALDOCS / name)


def cited(result):
    return {c["number"]: c for c in result["citations"]}


def test_born_digital_letter_with_signature_stamps(doc):
    r = doc("CV-7432-UBND-XD-21-7-2026-trien-khai-QD-1074.pdf")
    assert validate(r) == []
    d = r["document"]
    assert (d["doc_type"], d["number"], d["issued_date"], d["place"]) == ("cong_van", "7432/UBND-XD", "2026-07-21", "Lào Cai")
    assert d["issuer"] == "Ủy ban nhân dân tỉnh Lào Cai" and d["issuer_level"] == "tinh"
    assert d["title"].startswith("Triển khai thực hiện Quyết định số 1074/QĐ-BXD")
    assert d["signer"] == {"name": "Phan Trung Bá", "position": "Phó Chủ tịch", "on_behalf": ["KT. Chủ tịch"]}
    assert d["addressees"] == ["Các Sở, ban, ngành thuộc tỉnh", "Công an tỉnh", "Ủy ban nhân dân các xã, phường"]
    assert d["recipients"][:2] == ["Như trên", "Chủ tịch UBND tỉnh"]
    c = cited(r)["1074/QĐ-BXD"]
    assert c["doc_type"] == "quyet_dinh" and c["date"] == "2026-06-29"
    leads = [t["lead"] for t in r["tasks"]]
    assert ["Công an tỉnh", "Các sở, ban, ngành, đoàn thể tỉnh", "Ủy ban nhân dân các xã, phường"] in leads
    assert ["Sở Xây dựng"] in leads
    assert any(t["deadline"]["end"] == "2028-07-01" for t in r["tasks"])
    assert all(p["text_source"] == "text-layer" for p in r["source"]["pages"])


def test_scanned_decision_with_handwritten_number(doc):
    r = doc("QD-2338-2026-CTDT-KCN-Phu-Xuan-1.pdf")
    assert validate(r) == []
    d = r["document"]
    assert d["doc_type"] == "quyet_dinh"
    assert d["number"] in (None, "2338/QĐ-UBND")          # handwritten: null unless read right
    if d["number"] is None:
        assert any("number" in w for w in r["warnings"])
    assert d["issued_date"] in (None, "2026-07-02")
    assert d["issuer"] == "Ủy ban nhân dân tỉnh Lào Cai" and d["place"] == "Lào Cai"
    assert all(p["text_source"] == "ocr" for p in r["source"]["pages"])
    assert r["source"]["ocr"]["language"] == "vie"
    c = cited(r)
    for number, kind in [("72/2025/QH15", "luat"), ("143/2025/QH15", "luat"), ("96/2026/NĐ-CP", "nghi_dinh"), ("299-KL/TU", "ket_luan")]:
        assert c[number]["doc_type"] == kind and c[number]["role"] == "basis"
    assert c["96/2026/NĐ-CP"]["issuer"] == "Chính phủ"
    assert d["signer"]["name"] == "Nguyễn Tuấn Anh" and d["signer"]["position"] == "Chủ tịch"
    assert d["recipients"][0] == "Thường trực Tỉnh ủy (b/e)"
    # what the page really cites (read by eye); OCR may misread a digit, but then
    # the second reading disagrees and the citation is flagged, never silently wrong
    on_page = {"72/2025/QH15", "143/2025/QH15", "96/2026/NĐ-CP", "55/2026/TT-BTC", "299-KL/TU", "668-NQ/ĐU",
               "11654/ANKT-ANTCĐT", "203/BC-BQL"}
    for number, cit in c.items():
        assert number in on_page or cit["ocr_uncertain"], number
    flagged = [cit for cit in c.values() if cit["ocr_uncertain"]]
    assert all(any(f"citation {cit['number']}" in w for w in r["warnings"]) for cit in flagged)


def test_scanned_ministry_letter(doc):
    r = doc("CV-2265-BCT-ATMT-trien-khai.pdf")
    assert validate(r) == []
    d = r["document"]
    assert d["doc_type"] == "cong_van" and d["issuer"] == "Bộ Công Thương" and d["issuer_level"] == "bo"
    assert d["number"] in (None, "2265/BCT-ATMT")
    # the day and month are handwritten; the signature stamp's time dates the letter
    assert d["issued_date"] in (None, "2026-04-02")
    c = cited(r)
    assert c["15/2026/TT-BCT"]["doc_type"] == "thong_tu" and c["15/2026/TT-BCT"]["date"] == "2026-03-25"
    assert set(c) == {"15/2026/TT-BCT", "38/2025/TT-BCT", "105/2025/NĐ-CP", "555/QĐ-BCT"}
    assert c["555/QĐ-BCT"]["date"] == "2026-03-26"
    assert d["signer"] == {"name": "Trương Thanh Hoài", "position": "Thứ trưởng", "on_behalf": ["KT. Bộ trưởng"]}
    assert d["recipients"][:2] == ["Như trên", "Bộ trưởng (để b/c)"] or d["recipients"][0] == "Như trên"
    assert len(d["recipients"]) == 5


def test_docx_letter_from_a_province(doc):
    r = doc("CV-UBND-bao-ve-khoang-san-chua-khai-thac.docx")
    assert validate(r) == []
    d = r["document"]
    assert (d["doc_type"], d["number"], d["issued_date"]) == ("cong_van", None, None)   # an unsigned draft
    assert any("blank" in w for w in r["warnings"])
    assert d["issuer"] == "Ủy ban nhân dân tỉnh Lào Cai" and d["place"] == "Lào Cai"
    assert d["addressees"][0] == "Các sở, ban, ngành thuộc UBND tỉnh"
    leads = {t["lead"][0] for t in r["tasks"]}
    assert {"Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Xây dựng", "Sở Tài chính", "Công an tỉnh"} <= leads
    q2 = [t for t in r["tasks"] if t["deadline"]["start"] == "2026-04-01"]
    assert q2 and q2[0]["lead"] == ["Công an tỉnh"] and q2[0]["deadline"]["end"] == "2026-06-30"


def test_legacy_doc_circular(doc):
    r = doc("TT-15-2026-BCT-text.doc")
    assert validate(r) == []
    d = r["document"]
    assert (d["doc_type"], d["number"], d["issued_date"], d["place"]) == ("thong_tu", "15/2026/TT-BCT", "2026-03-25", "Hà Nội")
    assert d["issuer"] == "Bộ Công Thương"
    assert d["signer"]["name"] == "Phan Thị Thắng" and d["signer"]["position"] == "Thứ trưởng"
    assert d["recipients"][0] == "Văn phòng Tổng bí thư"
    c = cited(r)
    assert c["63/2025/QH15"]["role"] == "basis" and c["63/2025/QH15"]["doc_type"] == "luat"
    assert c["190/2025/QH15"]["doc_type"] == "nghi_quyet" and c["190/2025/QH15"]["issuer"] == "Quốc hội"
    assert c["40/2025/NĐ-CP"]["role"] == "basis"
    assert c["38/2025/TT-BCT"]["role"] == "mention"


def test_docx_assignments_go_to_the_one_asked(doc):
    r = doc("CV-UBND-bao-ve-khoang-san-chua-khai-thac.docx")
    by_ref = {}
    for t in r["tasks"]:
        by_ref.setdefault(t["ref"], t)
    assert by_ref["10"]["lead"] == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai", "Các cơ quan liên quan"]
    assert by_ref["10"]["description"].startswith("Tăng cường giám sát")
    # "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các Sở …": the asker is not the owner
    assert "Chủ tịch UBND tỉnh" not in by_ref["11"]["lead"]
    assert by_ref["11"]["lead"][0] == "Thủ trưởng các Sở, ban, ngành của tỉnh"


def test_a_circular_assigns_nothing_and_its_forms_neither(doc):
    """A circular's articles are rules ("Ủy ban nhân dân cấp tỉnh quyết định …",
    "Cục Hóa chất có trách nhiệm …" inside amended text), not assignments, and it
    has no implementation article naming a body; the forms appended after the
    signature give no tasks either (the held-out gold: 0 tasks)."""
    r = doc("TT-15-2026-BCT-text.doc")
    assert r["document"]["doc_type"] == "thong_tu"
    assert r["tasks"] == []

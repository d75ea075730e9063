"""Vietnamese text stays correct end to end: encodings, NFC, tone placement, tokens."""

import json
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from vanban.extractors.owners import make_owner, split_owner_list
from vanban.pipeline.legacy_encoding import convert, detect, encode
from vanban.pipeline.nlp import make_doc, verb_spans
from vanban.pipeline.output import validate
from vanban.pipeline.run import parse_file
from vanban.pipeline.textnorm import fold_diacritics, unify_tones

from .conftest import GOLD, SAMPLES
from .golden import compare

SEED = SAMPLES / "004_d5409b736efdaf35.txt"
GOLD_004 = json.loads((GOLD / "seed-004.json").read_text("utf-8"))


def test_nfd_input_gives_the_nfc_extraction(tmp_path):
    p = tmp_path / "nfd.txt"
    p.write_text(unicodedata.normalize("NFD", SEED.read_text("utf-8")), "utf-8")
    result = parse_file(p)
    assert unicodedata.is_normalized("NFC", result["text"])
    assert compare(result, GOLD_004) == []


def test_vni_input_is_converted(tmp_path):
    p = tmp_path / "vni.txt"
    p.write_bytes(encode(SEED.read_text("utf-8"), "vni").encode("cp1252", errors="replace"))
    result = parse_file(p)
    assert result["source"]["legacy_encoding"] == "vni"
    assert compare(result, GOLD_004) == []


def test_utf16_input(tmp_path):
    p = tmp_path / "utf16.txt"
    p.write_bytes(SEED.read_text("utf-8").encode("utf-16"))
    assert compare(parse_file(p), GOLD_004) == []


@pytest.mark.parametrize("old,new", [("hoá", "hóa"), ("Văn hoá- Xã hội", "Văn hóa- Xã hội"), ("thuỷ lợi", "thủy lợi"),
                                     ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe"), ("quý", "quý"), ("hoàn thành", "hoàn thành"),
                                     ("khuyến khích", "khuyến khích"), ("tuỳ", "tùy")])
def test_tone_placement_unified(old, new):
    assert unify_tones(old) == new


def test_owner_names_are_normalised_but_raw_text_kept():
    a, b = make_owner("Công chức Văn hoá- Xã hội"), make_owner("Công chức Văn hóa - Xã hội")
    assert a.text == "Công chức Văn hoá- Xã hội" and a.name == b.name == "Công chức Văn hóa - Xã hội"
    assert make_owner("VP UBND xã").name == make_owner("Văn phòng Ủy ban nhân dân xã").name
    assert a.key == b.key == "cong chuc van hoa - xa hoi"


@pytest.mark.parametrize("variants,name", [
    (["Văn phòng HĐND-UBND", "Văn phòng HĐND - UBND", "VP HĐND – UBND"], "Văn phòng Hội đồng nhân dân - Ủy ban nhân dân"),
    (["Phòng KT-XH", "Phòng Kinh tế - Xã hội"], None),
    (["UBND các xã, phường", "Ủy ban nhân dân các xã, phường"], "Ủy ban nhân dân các xã, phường"),
    (["TT. HĐND xã", "Thường trực HĐND xã"], "Thường trực Hội đồng nhân dân xã"),
])
def test_one_body_one_key(variants, name):
    owners = [make_owner(v) for v in variants]
    assert len({o.key for o in owners}) == 1, [o.name for o in owners]
    if name:
        assert owners[0].name == name
    assert make_owner("Kế hoạch 2021-2025").name == "Kế hoạch 2021-2025"      # a tight hyphen between numbers stays


@pytest.mark.parametrize("cell,owners", [
    ("Văn phòng UBND xã, Công chức Văn hóa - Xã hội", ["Văn phòng UBND xã", "Công chức Văn hóa - Xã hội"]),
    ("Các ban, ngành, đoàn thể", ["Các ban, ngành, đoàn thể"]),
    ("Toàn thể cán bộ, công chức xã, công đoàn xã .", ["Toàn thể cán bộ, công chức xã", "công đoàn xã"]),
    ("Văn phòng HĐND-UBND và bộ phận chuyên môn được kiểm tra.", ["Văn phòng HĐND-UBND", "bộ phận chuyên môn được kiểm tra"]),
    ("Văn phòng UBND xã, Công chức Bộ phận tiếp nhận và trả kết quả", ["Văn phòng UBND xã", "Công chức Bộ phận tiếp nhận và trả kết quả"]),
    ("Sở Nông nghiệp và Môi trường; Công an tỉnh", ["Sở Nông nghiệp và Môi trường", "Công an tỉnh"]),
    ("Văn phòng- Thống kê phối hợp với Ban ngành đoàn thể, bí thư chi bộ", ["Văn phòng- Thống kê", "Ban ngành đoàn thể", "bí thư chi bộ"]),
    ("- Sở Tài chính; - Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),                       # bullets in one cell
    ("- Sở Tài chính - Sở Nội vụ - UBND các xã", ["Sở Tài chính", "Sở Nội vụ", "UBND các xã"]),
    ("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]),  # comma in a name
    ("Cục An ninh kinh tế - Bộ Công an", ["Cục An ninh kinh tế - Bộ Công an"]),
    ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),
])
def test_owner_lists(cell, owners):
    assert split_owner_list(cell) == owners


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aăâeêioôơuưyAĂÂEÊIOÔƠUƯYhqgkđĐ \u0300\u0301\u0303\u0309\u0323", max_size=40))
def test_tone_unification_is_safe(text):
    out = unify_tones(text)
    assert unicodedata.is_normalized("NFC", out)
    assert unify_tones(out) == out
    assert fold_diacritics(out) == fold_diacritics(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ abcdeghiklmnopqrstuvxy.,", min_size=1, max_size=60))
def test_legacy_encodings_round_trip(text):
    for enc in ("tcvn3", "vni"):
        assert convert(encode(text, enc), enc).lower() == unicodedata.normalize("NFC", text).lower()


def test_unicode_text_is_not_mistaken_for_legacy():
    assert detect(SEED.read_text("utf-8")) is None


def test_spacy_doc_keeps_numbers_whole_and_offsets_true():
    text = "Căn cứ Quyết định số 7196/QĐ-UBND ngày 31/12/2020 của Ủy ban nhân dân huyện Định Hóa; Chỉ thị 11-CT/TU."
    doc = make_doc(text)
    assert doc.text == text
    words = [t.text for t in doc]
    assert "7196/QĐ-UBND" in words and "11-CT/TU" in words
    assert "Ủy ban nhân dân" in words                      # underthesea word segmentation
    assert [(e.text, e.label_) for e in doc.ents][:2] == [("7196/QĐ-UBND", "DOC_NUMBER"), ("ngày 31/12/2020", "DATE")]
    for t in doc:
        assert text[t.idx:t.idx + len(t.text)] == t.text
    assert doc[0].tag_ == "V" or doc[1].tag_                # POS tags from the registered component


def test_verb_spans_are_the_docs_verbs():
    """The owner splitter's verbs (no spaCy) are the verbs of the spaCy Doc, token for token."""
    phrases = ["Giao Sở Nội vụ chủ trì, phối hợp với các đơn vị liên quan tổ chức thực hiện.",
               "Ủy ban nhân dân các huyện  triển khai Kế hoạch số 43/KH-UBND ngày 22/9/2021; ",
               " Sở Tài chính bố trí kinh phí\nthực hiện", ""]
    for text in phrases:
        doc_verbs = tuple((t.idx, t.idx + len(t.text)) for t in make_doc(text) if t.tag_ == "V")
        assert verb_spans(text) == doc_verbs
    assert verb_spans(phrases[0])                         # there are verbs to compare


def test_a_text_parse_does_not_import_spacy(tmp_path):
    """spaCy costs ~0.9 s of a cold start and no parse needs it (see README, spaCy)."""
    import subprocess
    import sys
    code = ("import sys; from vanban.pipeline.isolate import warm_up; from vanban.pipeline.run import parse_file; "
            f"warm_up(); parse_file({str(SEED)!r}); print(sorted(m for m in sys.modules if m.split('.')[0] == 'spacy'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_task_ids_are_stable_and_unique(tmp_path):
    first = parse_file(SEED)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    second = parse_file(copy)
    ids = [t["id"] for t in first["tasks"]]
    assert ids == [t["id"] for t in second["tasks"]]
    assert len(set(ids)) == len(ids)


def test_image_inputs_png_and_multipage_tiff(tmp_path):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(SAMPLES / "004_d5409b736efdaf35.scan.pdf"))
    pages = [pdf[i].render(scale=250 / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    pdf.close()
    png = tmp_path / "page1.png"
    pages[0].save(png)
    tiff = tmp_path / "all.tiff"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], compression="tiff_lzw")
    one = parse_file(png)
    assert validate(one) == [] and one["source"]["format"] == "image" and one["source"]["page_count"] == 1
    assert one["document"]["doc_type"] == "ke_hoach"
    assert [c["number"] for c in one["citations"]] == ["677/QĐ-UBND", "84/KH-UBND", "179/NV-CCHC"]
    whole = parse_file(tiff)
    assert validate(whole) == [] and whole["source"]["page_count"] == len(pages)
    assert compare(whole, GOLD_004, text_tolerance=0.03) == []

"""Legacy Vietnamese encodings: font tables, run decoding, the measure, and a
few real TCVN3/VNI documents of /work/shared/legacy (skipped when absent)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from vanban.pipeline import legacy_measure as lm
from vanban.pipeline.legacy_encoding import (
    convert, decode_run, font_encoding, font_family, font_info, is_capitals_font, looks_unicode, malformed,
)
from vanban.pipeline.model import RawLine, RawTable
from vanban.pipeline.readers.legacy_blocks import convert_legacy_blocks

LEGACY = Path("/work/shared/legacy")


# --- font tables ----------------------------------------------------------------------
@pytest.mark.parametrize("font, info", [
    (".VnTime", ("tcvn3", False)),
    (".VnTimeH", ("tcvn3", True)),
    (".VnTimeh", ("tcvn3", True)),
    (".VnArial", ("tcvn3", False)),
    (".VnArialH", ("tcvn3", True)),
    (".VnArial Narrow", ("tcvn3", False)),
    (".VnArial NarrowH", ("tcvn3", True)),
    (".VnCentury Schoolbook", ("tcvn3", False)),
    (".VnAvantH", ("tcvn3", True)),
    (".VnTime ", ("tcvn3", False)),                       # a trailing space, as old files have
    ("VnTimeH(Ds)", ("tcvn3", True)),
    ("VNTime", ("tcvn3", False)),
    ("VNSTCVN3", ("tcvn3", False)),
    ("ABCDEE+.VnTimeH,Bold", ("tcvn3", True)),            # PDF subset prefix and style suffix
    ("AARIQC+.VnTime,BoldItalic", ("tcvn3", False)),
    ("GDNPMG+VnTimeHBold", ("tcvn3", True)),              # PDF name with the style glued on
    ("GDNPOJ+VnTimeItalic", ("tcvn3", False)),
    ("BADEPR+.Vn3DH,Bold", ("tcvn3", True)),
    ("VNI-Times", ("vni", False)),
    ("VNI-Helve", ("vni", False)),
    ("VNI-Helve-Condense", ("vni", False)),
    ("VNI-Avo", ("vni", False)),
    ("VNSVNI2", ("vni", False)),
    ("Times New Roman", None),
    ("Arial", None),
    ("UVnTime", None),                                    # the Unicode VnTime family
    ("SVNtimes new roman", None),
    ("Wingdings", None),
    ("", None),
    (None, None),
])
def test_font_table(font, info):
    assert font_info(font) == info
    assert font_encoding(font) == (info[0] if info else None)
    assert is_capitals_font(font) == bool(info and info[1])


def test_font_family_strips_prefix_notes_and_styles():
    assert font_family("ABCDEE+.VnTimeH,Bold") == ".VnTimeH"
    assert font_family("VnArialH(Ds)") == "VnArialH"
    assert font_family("ArialMT") == "Arial"


# --- run decoding -----------------------------------------------------------------------
@pytest.mark.parametrize("text, font, want", [
    ("Uû ban nh©n d©n tØnh", ".VnTime", "Uỷ ban nhân dân tỉnh"),
    ("Bé tr\u00adëng", ".VnTime", "Bộ trưởng"),                      # 0xAD (soft hyphen) is ư
    ("\u00adu ®·i", ".VnTime", "ưu đãi"),
    ("§iÒu 1", ".VnArial", "Điều 1"),
    ("céng hoµ x· héi", ".VnTimeH", "cộng hoà xã hội"),            # case as the codes spell it
    ("Sè: 12/Q§-UBND", ".VnTime", "SỐ: 12/QĐ-UBND"),              # typed in capitals
    ("THµNH LËP Vµ §¡NG Ký hîp t¸c x·", ".VnTime", "THÀNH LẬP Và ĐĂNG Ký hợp tác xã"),
    ("Sè liÖu", ".VnTime", "Số liệu"),
    ("th\u2212íng", "ABCDEE+VnTime", "thướng"),                     # a PDF's minus for 0xAD
    ("l\u2219nh", "ABCDEE+VnTime", "lãnh"),                         # a PDF's bullet operator for 0xB7
    ("UÛy ban nhaân daân", "VNI-Times", "Ủy ban nhân dân"),
    ("Uûy ban", "VNI-Times", "Ủy ban"),                            # Shift on the letter only
    ("ÑOÀNG NAI", "VNI-Helve", "ĐỒNG NAI"),
    ("Maùy löu ñieän", "VNSTCVN3", "Máy lưu điện"),                 # VNI bytes in a TCVN3-named font
    ("Phaàn meàm heä thoáng", "VNSTCVN3", "Phần mềm hệ thống"),      # … caught by the doubled vowel
    ("Ủy ban nhân dân", ".VnTime", None),                           # already Unicode: left alone
    ("Uû ban", "Times New Roman", None),                            # a Unicode font says nothing
    ("Uû ban", None, None),
])
def test_decode_run(text, font, want):
    assert decode_run(text, font) == want


def test_decode_chars_by_pdf_font():
    from vanban.pipeline.legacy_encoding import decode_chars
    chars = [{"text": c, "fontname": "ABCDEE+.VnTime"} for c in "Bé tr\u2212ëng "] + \
            [{"text": c, "fontname": "ABCDEF+TimesNewRoman"} for c in "Bộ Tư pháp"]
    assert decode_chars(chars) == "Bộ trưởng Bộ Tư pháp"


def test_capitals_font_option(monkeypatch):
    import vanban.pipeline.legacy_encoding as le
    monkeypatch.setattr(le, "CAPITALS", True)
    assert le.decode_run("céng hoµ x· héi", ".VnTimeH") == "CỘNG HOÀ XÃ HỘI"
    assert le.decode_run("céng hoµ", ".VnTime") == "cộng hoà"


def test_malformed_and_looks_unicode():
    assert malformed("Máy lưu điện") == 0
    assert malformed("Maựy lửu ủieọn") >= 1          # two tones in one word
    assert malformed("nh©n d©n") == 2                 # a legacy code left over
    assert looks_unicode("Bộ trưởng") and not looks_unicode("Bé tr\u00adëng")


def test_convert_whole_text():
    assert convert("Uû ban nh©n d©n", "tcvn3") == "Uỷ ban nhân dân"
    assert convert("UÛy ban nhaân daân", "vni") == "Ủy ban nhân dân"
    # U+0110 in TCVN3 text is the eth (0xD0, é) that cleaning took for Đ
    assert convert("gang th\u0110p", "tcvn3") == "Gang thép"


def test_blocks_never_reconvert_unicode():
    blocks = [RawLine("Uû ban nh©n d©n tØnh B×nh Ph\u00adíc"), RawLine("Quyết định của Ủy ban nhân dân tỉnh"),
              RawLine("C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph\u00ad¬ng"),
              RawTable([["TT", "Néi dung c«ng viÖc", "Đơn vị chủ trì"]])]
    enc, warnings = convert_legacy_blocks(blocks)
    assert enc == "tcvn3" and warnings
    assert blocks[0].text == "Uỷ ban nhân dân tỉnh Bình Phước"
    assert blocks[1].text == "Quyết định của Ủy ban nhân dân tỉnh"
    assert blocks[2].text == "Căn cứ Luật Tổ chức chính quyền địa phương"
    assert blocks[3].rows == [["TT", "Nội dung công việc", "Đơn vị chủ trì"]]


def test_blocks_unicode_document_untouched():
    blocks = [RawLine("Ủy ban nhân dân tỉnh Bình Phước"), RawLine("Tên đơn vị: Sở Tài chính")]
    assert convert_legacy_blocks(blocks) == (None, [])
    assert blocks[1].text == "Tên đơn vị: Sở Tài chính"


# --- the measure ------------------------------------------------------------------------
def test_measure_exact_and_failures():
    truth = "Uỷ ban nhân dân\n  tỉnh  Bình Phước"
    s = lm.score("Uỷ ban nhân dân tỉnh Bình Phước", truth)
    assert s.diacritic_accuracy == 1.0 and s.char_accuracy == 1.0
    assert s.diacritics == sum(map(lm.has_diacritic, lm.normalise(truth)))
    f = lm.failed(truth)
    assert not f.read and f.diacritic_accuracy == 0.0 and f.char_accuracy == 0.0
    assert lm.mean([s, f]) == (0.5, 0.5)


def test_measure_counts_wrong_and_dropped_diacritics():
    truth = "Bộ trưởng Bộ Tài chính"            # diacritic letters: ộ ư ở ộ à í → 6
    s = lm.score("Bộ trởng Bộ Tài chinh", truth)  # ư dropped, í lost its mark
    assert s.diacritics == 6
    assert s.diacritics_ok == 4
    assert 0.8 < s.char_accuracy < 1.0
    # case counts; whitespace does not; NFD input is normalised
    assert lm.score("BỘ trưởng", "Bộ trưởng").diacritics_ok == 2      # Ộ is not ộ
    import unicodedata
    assert lm.score(unicodedata.normalize("NFD", "Bộ  trưởng\n"), "Bộ trưởng").diacritic_accuracy == 1.0


def test_measure_base_letters():
    assert lm.base_char("ộ") == "o" and lm.base_char("Đ") == "D" and lm.base_char("ư") == "u"
    assert lm.has_diacritic("đ") and lm.has_diacritic("â") and not lm.has_diacritic("a")


# --- real documents (one per format) -------------------------------------------------
REAL = [
    ("2004-NghiDinh116_2003.doc", 0.99),
    ("2006-quydinhkiemtra02.doc", 0.99),        # VNI
    ("2003-A06.rtf", 0.99),
    ("2006-Mau22_CKTC_NSH.xls", 0.99),          # VNI
    ("2009-Channuoi_2007.xls", 0.99),
    ("2009-Van-ban-phap-quy-2-_10-02-09.ppt", 0.99),
    ("2006-1E499_ND109veDKKD_dacotrenmucPTDNN-V.pdf", 0.99),     # words decoded by their PDF fonts
]


@pytest.mark.skipif(not (LEGACY / "files").is_dir(), reason="/work/shared/legacy not available")
@pytest.mark.parametrize("name, threshold", REAL)
def test_real_legacy_documents(name, threshold):
    from vanban.pipeline.run import parse_file
    path = LEGACY / "files" / name
    if not path.exists():
        pytest.skip(f"{name} not in this copy")
    record = parse_file(path)
    truth = (LEGACY / "truth" / f"{path.stem}.txt").read_text(encoding="utf-8")
    score = lm.score(record["text"], truth)
    assert score.diacritic_accuracy >= threshold, (name, score)
    with open(LEGACY / "SOURCES.tsv", encoding="utf-8") as fh:
        fmt = {r["file"]: r["format"] for r in csv.DictReader(fh, delimiter="\t")}[name]
    assert record["source"]["format"] == fmt

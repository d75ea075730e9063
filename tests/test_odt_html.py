"""ODT and HTML readers on generated files.

HTML: a portal page in UTF-8 (menus, scripts, a sidebar and a footer around
the document; a task table with ``rowspan``/``colspan`` and ``<br>`` inside
cells) and Word's "Save as Web Page" in Windows-1258 (tones as combining
marks).  ODT: written directly (lists, a merged table) and made by LibreOffice
from the DOCX task-table sample; both read through LibreOffice's DOCX export
and the DOCX reader.
"""

from __future__ import annotations

import importlib.util
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from vanban.pipeline.model import RawLine, RawTable
from vanban.pipeline.readers.html import decode_html, read_html

from .conftest import ROOT


def cp1258(text: str) -> bytes:
    """Encode like Windows does: a precomposed letter cp1258 lacks is its base
    (with the circumflex/breve/horn it has) plus a combining tone mark."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        modifiers = "".join(m for m in d[1:] if m in "\u0302\u0306\u031b")
        tones = "".join(m for m in d[1:] if m not in modifiers)
        out += unicodedata.normalize("NFC", d[0] + modifiers).encode("cp1258") + tones.encode("cp1258")
    return out


PORTAL = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin điện tử tỉnh</title>
<script>var menu = "Trang chủ";</script><style>.x{color:red}</style></head>
<body>
<div id="header"><a href="/">Trang chủ</a> | <a href="/gioi-thieu">Giới thiệu</a></div>
<nav><ul><li><a href="/tin-tuc">Tin tức sự kiện</a></li><li><a href="/van-ban">Văn bản chỉ đạo điều hành</a></li></ul></nav>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/van-ban">Văn bản</a></div>
<div class="main-wrapper">
 <div class="news-content">
  <h1>Kế hoạch triển khai phần mềm quản lý văn bản năm 2026</h1>
  <p><b>ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG</b></p>
  <p>Thực hiện Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh,<br>Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:</p>
  <h2>I. NHIỆM VỤ</h2>
  <table border="1">
   <thead><tr><th>TT</th><th>Nội dung</th><th>Người thực hiện</th><th>Thời hạn</th></tr></thead>
   <tbody>
    <tr><td>I</td><td colspan="3"><b>CÀI ĐẶT VÀ ĐÀO TẠO</b></td></tr>
    <tr><td>1</td><td>Cài đặt phần mềm</td><td rowspan="2">Nguyễn Văn An<br>Trần Thị Bình<br/>Lê Văn Cường</td><td>30/6/2026</td></tr>
    <tr><td>2</td><td>Đào tạo người dùng</td><td><p>Tháng 7</p><p>năm 2026</p></td></tr>
    <tr><td>3</td><td>Báo cáo kết quả</td><td><p>Văn phòng UBND tỉnh</p><p>Sở Nội vụ</p></td><td colspan="1">31/12/2026</td></tr>
   </tbody>
  </table>
  <h2>II. TỔ CHỨC THỰC HIỆN</h2>
  <ol type="a"><li>Các sở, ban, ngành triển khai thực hiện.</li><li>Sở Nội vụ theo dõi, đôn đốc.</li></ol>
 </div>
 <div class="sidebar"><h3>Tin liên quan</h3><ul><li><a href="/1">Hội nghị cải cách hành chính năm 2026 của tỉnh</a></li></ul></div>
</div>
<div id="footer">Bản quyền thuộc Ủy ban nhân dân tỉnh Lâm Đồng. Địa chỉ: 36 Trần Phú, Đà Lạt.</div>
</body></html>
"""

PORTAL_TABLE = [
    ["TT", "Nội dung", "Người thực hiện", "Thời hạn"],
    ["I", "CÀI ĐẶT VÀ ĐÀO TẠO", "", ""],
    ["1", "Cài đặt phần mềm", "Nguyễn Văn An; Trần Thị Bình; Lê Văn Cường", "30/6/2026"],
    ["2", "Đào tạo người dùng", "Nguyễn Văn An; Trần Thị Bình; Lê Văn Cường", "Tháng 7 năm 2026"],
    ["3", "Báo cáo kết quả", "Văn phòng UBND tỉnh; Sở Nội vụ", "31/12/2026"],
]

WORD_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=windows-1258">
<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {font-family:"Times New Roman"} --></style></head>
<body lang=VI style='tab-interval:36.0pt'>
<div class=WordSection1>
<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0>
 <tr><td width=250><p class=MsoNormal align=center><b>ỦY BAN NHÂN DÂN<o:p></o:p></b></p>
  <p class=MsoNormal align=center><b>XÃ HÒA BÌNH</b></p></td>
  <td width=350><p class=MsoNormal align=center><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>
  <p class=MsoNormal align=center><b>Độc lập - Tự do - Hạnh phúc</b></p></td></tr>
 <tr><td><p class=MsoNormal align=center>Số: 15/KH-UBND</p></td>
  <td><p class=MsoNormal align=center><i>Hòa Bình, ngày 10 tháng 3 năm 2026</i></p></td></tr>
</table>
<p class=MsoNormal align=center><b>KẾ HOẠCH<o:p></o:p></b></p>
<p class=MsoNormal align=center><b>Phòng, chống thiên tai năm 2026</b></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Kiểm tra đê điều trước mùa mưa bão.</p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
 <tr><td><p class=MsoNormal><b>STT</b></p></td><td><p class=MsoNormal><b>Nhiệm vụ</b></p></td>
  <td><p class=MsoNormal><b>Đơn vị chủ trì</b></p></td><td><p class=MsoNormal><b>Thời gian hoàn thành</b></p></td></tr>
 <tr><td><p class=MsoNormal>1</p></td><td><p class=MsoNormal>Rà soát khu vực nguy hiểm</p></td>
  <td rowspan=2><p class=MsoNormal>Công an xã</p><p class=MsoNormal>Ban Chỉ huy quân sự xã</p></td>
  <td><p class=MsoNormal>Tháng 4/2026</p></td></tr>
 <tr><td><p class=MsoNormal>2</p></td><td><p class=MsoNormal>Diễn tập cứu hộ</p></td>
  <td><p class=MsoNormal>Tháng 5/2026</p></td></tr>
</table>
<p class=MsoNormal>Giao Văn phòng - Thống kê theo dõi, tổng hợp kết quả thực hiện.</p>
</div></body></html>
"""


def _lines(raw) -> list[str]:
    return [b.text for b in raw.blocks if isinstance(b, RawLine)]


def _tables(raw) -> list:
    return [b.rows for b in raw.blocks if isinstance(b, RawTable)]


def test_portal_page_utf8(tmp_path):
    path = tmp_path / "portal.html"
    path.write_text(PORTAL, encoding="utf-8")
    raw = read_html(path)
    assert raw.format == "html" and raw.pages[0].text_source == "html"
    lines = _lines(raw)
    assert lines == [
        "Kế hoạch triển khai phần mềm quản lý văn bản năm 2026",
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "Thực hiện Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh,",
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        "I. NHIỆM VỤ",
        "II. TỔ CHỨC THỰC HIỆN",
        "a. Các sở, ban, ngành triển khai thực hiện.",
        "b. Sở Nội vụ theo dõi, đôn đốc.",
    ]
    assert _tables(raw) == [PORTAL_TABLE]
    assert [b.bold for b in raw.blocks if isinstance(b, RawLine)][:3] == [True, True, False]


def test_portal_page_through_parse_file(tmp_path):
    from vanban.pipeline.run import parse_file
    path = tmp_path / "ke-hoach.html"
    path.write_text(PORTAL, encoding="utf-8")
    r = parse_file(path)
    assert r["source"]["format"] == "html"
    tasks = r["tasks"]
    # the table's three rows, then the two lettered items of "Tổ chức thực hiện" (an HTML
    # <ol type="a"> reads "a. …", the way hand-typed lists do; each names its owner)
    assert [t["ref"] for t in tasks] == ["1", "2", "3", "II.a", "II.b"]
    leads = [[o["text"] for o in t["owners"] if o["role"] == "lead"] for t in tasks]
    assert leads == [["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]] * 2 + [["Văn phòng UBND tỉnh", "Sở Nội vụ"]] \
        + [["Các sở, ban, ngành"], ["Sở Nội vụ"]]
    assert tasks[2]["deadline"]["end"] == "2026-12-31"
    assert "Tin liên quan" not in r["text"] and "Bản quyền" not in r["text"] and "var menu" not in r["text"]


def test_word_html_windows_1258(tmp_path):
    path = tmp_path / "ke-hoach.htm"
    data = cp1258(WORD_HTML)
    assert "\u0301".encode("cp1258") in data          # the tones really are combining marks
    path.write_bytes(data)
    assert decode_html(data)[1] == "cp1258"
    raw = read_html(path)
    lines = _lines(raw)
    assert all(unicodedata.is_normalized("NFC", x) for x in lines)
    assert lines[:8] == ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH", "Số: 15/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Hòa Bình, ngày 10 tháng 3 năm 2026", "KẾ HOẠCH",
                         "Phòng, chống thiên tai năm 2026"]
    assert [b.column for b in raw.blocks[:6]] == ["left"] * 3 + ["right"] * 3
    assert lines[8] == "1. Kiểm tra đê điều trước mùa mưa bão."
    assert _tables(raw) == [[
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"],
        ["1", "Rà soát khu vực nguy hiểm", "Công an xã; Ban Chỉ huy quân sự xã", "Tháng 4/2026"],
        ["2", "Diễn tập cứu hộ", "Công an xã; Ban Chỉ huy quân sự xã", "Tháng 5/2026"],
    ]]
    assert lines[-1] == "Giao Văn phòng - Thống kê theo dõi, tổng hợp kết quả thực hiện."


def test_word_html_through_parse_file(tmp_path):
    from vanban.pipeline.run import parse_file
    path = tmp_path / "ke-hoach.htm"
    path.write_bytes(cp1258(WORD_HTML))
    r = parse_file(path)
    d = r["document"]
    assert d["number"] == "15/KH-UBND" and d["issued_date"] == "2026-03-10"
    leads = [[o["text"] for o in t["owners"] if o["role"] == "lead"] for t in r["tasks"] if t["source"]["kind"] == "table"]
    assert leads == [["Công an xã", "Ban Chỉ huy quân sự xã"]] * 2


OLD_PORTAL = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<table width="100%"><tr>
 <td width="200"><a href="/">Trang chủ</a><br><a href="/tt">Tin tức</a><br><a href="/vb">Văn bản</a><br><a href="/lh">Liên hệ</a></td>
 <td><h3>Thông báo kết luận của Chủ tịch UBND huyện tại cuộc họp giao ban tháng 3 năm 2026</h3>
  <p>Ngày 15/3/2026, Chủ tịch UBND huyện chủ trì cuộc họp giao ban với các phòng, ban chuyên môn.</p>
  <p>1. Giao Phòng Tài chính - Kế hoạch rà soát, tổng hợp nhu cầu vốn đầu tư công năm 2026.</p>
  <p>2. Giao Phòng Nội vụ hướng dẫn các xã kiện toàn tổ công nghệ số cộng đồng.</p>
 </td></tr></table>
<table><tr><td>Ghi rõ nguồn khi phát hành lại thông tin từ website này</td></tr></table>
</body></html>
"""


def test_old_portal_laid_out_in_a_table(tmp_path):
    path = tmp_path / "thong-bao.html"
    path.write_text(OLD_PORTAL, encoding="utf-8")
    raw = read_html(path)
    assert _tables(raw) == []
    assert _lines(raw) == [
        "Thông báo kết luận của Chủ tịch UBND huyện tại cuộc họp giao ban tháng 3 năm 2026",
        "Ngày 15/3/2026, Chủ tịch UBND huyện chủ trì cuộc họp giao ban với các phòng, ban chuyên môn.",
        "1. Giao Phòng Tài chính - Kế hoạch rà soát, tổng hợp nhu cầu vốn đầu tư công năm 2026.",
        "2. Giao Phòng Nội vụ hướng dẫn các xã kiện toàn tổ công nghệ số cộng đồng.",
    ]


def test_legacy_fonts_reach_decode_run(tmp_path, monkeypatch):
    """Text set in a legacy font goes through ``decode_run`` with the font's name
    (``<font face>`` or CSS ``font-family``, inherited by nested inline text)."""
    import vanban.pipeline.readers.html as html_reader
    seen = []

    def fake(text, font):
        seen.append((text.strip(), font))
        return "KẾ HOẠCH (đã đổi)" if font == ".VnTimeH" else None

    monkeypatch.setattr(html_reader, "decode_run", fake)
    path = tmp_path / "legacy.html"
    path.write_text('<html><body><p><font face=".VnTime">Uû ban <b>nh©n</b> d©n</font></p>'
                    '<p style="font-family:\'.VnTimeH\',serif">kÕ ho¹ch</p></body></html>', encoding="utf-8")
    raw = read_html(path)
    assert ("Uû ban", ".VnTime") in seen and ("nh©n", ".VnTime") in seen and ("d©n", ".VnTime") in seen
    assert ("kÕ ho¹ch", ".VnTimeH") in seen and _lines(raw)[1] == "KẾ HOẠCH (đã đổi)"


@pytest.mark.parametrize("head, expected", [
    (b'<meta charset="windows-1258">', "cp1258"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">', "utf-8"),
    (b"", "utf-8"),
])
def test_charset_detection(head, expected):
    body = "<p>Ủy ban nhân dân huyện</p>"
    data = head + (cp1258(body) if expected == "cp1258" else body.encode("utf-8"))
    text, enc = decode_html(data)
    assert enc == expected and unicodedata.normalize("NFC", text).endswith("<p>Ủy ban nhân dân huyện</p>")


def test_undeclared_windows_1258_falls_back():
    text, enc = decode_html(cp1258("<p>Quyết định số 12</p>"))
    assert enc == "cp1258" and unicodedata.normalize("NFC", text) == "<p>Quyết định số 12</p>"


# --- ODT -----------------------------------------------------------------------------------
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                   reason="LibreOffice is not installed")

_ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3">
<office:automatic-styles>
 <text:list-style style:name="L1">
  <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>
  <text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"/>
 </text:list-style>
</office:automatic-styles>
<office:body><office:text>
 <text:p>KẾ HOẠCH</text:p>
 <text:p>Tổ chức hội nghị tổng kết năm 2026</text:p>
 <text:list text:style-name="L1">
  <text:list-item><text:p>Mục đích</text:p>
   <text:list><text:list-item><text:p>Đánh giá kết quả</text:p></text:list-item>
    <text:list-item><text:p>Khen thưởng</text:p></text:list-item></text:list></text:list-item>
  <text:list-item><text:p>Nhiệm vụ</text:p></text:list-item>
 </text:list>
 <table:table table:name="T1">
  <table:table-column table:number-columns-repeated="4"/>
  <table:table-row><table:table-cell><text:p>TT</text:p></table:table-cell><table:table-cell><text:p>Nội dung</text:p></table:table-cell>
   <table:table-cell><text:p>Người thực hiện</text:p></table:table-cell><table:table-cell><text:p>Thời hạn</text:p></table:table-cell></table:table-row>
  <table:table-row><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell><text:p>Chuẩn bị báo cáo</text:p></table:table-cell>
   <table:table-cell table:number-rows-spanned="2"><text:p>Nguyễn Văn An</text:p><text:p>Trần Thị Bình</text:p><text:p>Lê Văn Cường<text:line-break/>Phạm Minh Đức</text:p></table:table-cell>
   <table:table-cell><text:p>15/12/2026</text:p></table:table-cell></table:table-row>
  <table:table-row><table:table-cell><text:p>2</text:p></table:table-cell><table:table-cell><text:p>Tổ chức hội nghị</text:p></table:table-cell>
   <table:covered-table-cell/><table:table-cell><text:p>30/12/2026</text:p></table:table-cell></table:table-row>
 </table:table>
</office:text></office:body></office:document-content>
"""

_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def write_odt(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")   # stored, first
        zf.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", _ODT_CONTENT, compress_type=zipfile.ZIP_DEFLATED)


@needs_soffice
def test_odt_written_directly(tmp_path):
    from vanban.pipeline.readers.odt import read_odt
    path = tmp_path / "ke-hoach.odt"
    write_odt(path)
    raw = read_odt(path)
    assert raw.format == "odt" and raw.pages[0].text_source == "odt"
    assert _lines(raw) == ["KẾ HOẠCH", "Tổ chức hội nghị tổng kết năm 2026", "1. Mục đích", "a) Đánh giá kết quả",
                           "b) Khen thưởng", "2. Nhiệm vụ"]
    owners = "Nguyễn Văn An; Trần Thị Bình; Lê Văn Cường; Phạm Minh Đức"
    assert _tables(raw) == [[["TT", "Nội dung", "Người thực hiện", "Thời hạn"],
                             ["1", "Chuẩn bị báo cáo", owners, "15/12/2026"],
                             ["2", "Tổ chức hội nghị", owners, "30/12/2026"]]]


@needs_soffice
def test_odt_from_libreoffice_keeps_numbered_task_table(tmp_path):
    """The DOCX task-table sample saved as ODT by LibreOffice: the TT numbers
    (a Word list in the cells) and the lettered items survive the round trip."""
    from vanban.pipeline.readers.office_convert import convert
    from vanban.pipeline.run import parse_file
    spec = importlib.util.spec_from_file_location("make_docx_samples", ROOT / "scripts" / "make_docx_samples.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    src = tmp_path / "plan.docx"
    gen.task_table_sample(src)
    work = tmp_path / "work"
    work.mkdir()
    odt = convert(src, "odt", work)
    r = parse_file(odt)
    assert r["source"]["format"] == "odt"
    tasks = r["tasks"]
    assert [t["ref"] for t in tasks] == ["1", "2", "3", "4"]
    assert [o["text"] for o in tasks[0]["owners"] if o["role"] == "lead"] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    assert "e) Nội dung 5" in r["text"]


@needs_soffice
def test_real_plan_as_html_and_odt_reads_like_the_docx(tmp_path):
    """A real plan saved as a web page and as ODT by LibreOffice reads like the
    DOCX itself: same text (HTML ordered lists show ``a.`` where Word shows
    ``a)``) and the same tasks (52 table rows and the prose items of its
    implementation part)."""
    from .conftest import REALDOCS
    from vanban.pipeline.readers.office_convert import convert
    from vanban.pipeline.run import parse_file
    src = REALDOCS / "more" / "Ke-hoach-CCHC-2026-cua-tinh-Lam-Dong.docx"
    if not src.exists():
        pytest.skip(f"real documents not found at {REALDOCS}")
    base = parse_file(src)
    for target in ("html", "odt"):
        work = tmp_path / target
        work.mkdir()
        r = parse_file(convert(src, target, work))
        assert r["source"]["format"] == target
        assert [t["description"] for t in r["tasks"]] == [t["description"] for t in base["tasks"]]
        assert sum(t["source"]["kind"] == "table" for t in r["tasks"]) == 52
        assert r["document"]["issuer"] == base["document"]["issuer"] == "Ủy ban nhân dân tỉnh Lâm Đồng"
        text = r["text"]
        if target == "html":
            import re
            text = re.sub(r"(?m)^([a-z])\. ", r"\1) ", text)
        assert text == base["text"]

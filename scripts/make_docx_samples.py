"""Small DOCX files, one per structure the DOCX reader must keep.

Each sample is built from raw WordprocessingML (the parts python-docx cannot
write: ``numbering.xml`` lists, fields, tracked changes, content controls,
text boxes with their VML fallback, merged cells), packed into a minimal but
complete package that Word, LibreOffice and python-docx open.  The owner-table
sample is made with python-docx's own API, the way most generated plans are.

``SAMPLES`` maps a name to a builder ``(path) -> None``; ``tests/test_docx_structure.py``
writes them into a temporary folder at test time.  Run
``python scripts/make_docx_samples.py OUTDIR`` to look at them in Word.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W_NS}" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'mc:Ignorable="wps"')

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
</Types>"""

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.gov.vn/" TargetMode="External"/>
</Relationships>"""

_BASE_STYLES = """<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:lang w:val="vi-VN"/></w:rPr></w:style>"""


# --- raw XML helpers ---------------------------------------------------------------------
def r(text: str, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*content: str, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    ppr = ""
    if num or style:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            inner += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    body = "".join(c if c.startswith("<") else r(c) for c in content)
    return f"<w:p>{ppr}{body}</w:p>"


def tc(*paras: str, span: int = 1, vmerge: str | None = None) -> str:
    pr = ""
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    paras = paras or (p(),)
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{''.join(x if x.startswith('<w:') else p(x) for x in paras)}</w:tc>"


def tbl(widths: list[int], *rows: list[str]) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = "".join(f"<w:tr>{''.join(cells)}</w:tr>" for cells in rows)
    borders = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return f"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, restart: int | None = None, legal: bool = False,
        style: str | None = None, font: str | None = None) -> str:
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += f'<w:pStyle w:val="{style}"/>' if style else ""
    extra += "<w:isLgl/>" if legal else ""
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{escape(text, {chr(34): "&quot;"})}"/><w:lvlJc w:val="left"/>{rpr}</w:lvl>')


def abstract(aid: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'


def num(num_id: int, aid: int, start_overrides: dict[int, int] | None = None) -> str:
    ovs = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                  for k, v in (start_overrides or {}).items())
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{ovs}</w:num>'


def write_package(path: Path, body: str, numbering: str = "", styles: str = "",
                  header: str = "HEADER TEXT", footer: str = "FOOTER TEXT") -> None:
    """A complete DOCX: body paragraphs/tables, lists, styles, one header and footer."""
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/>'
            '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" '
            'w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>')
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "word/_rels/document.xml.rels": _DOC_RELS,
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>{body}{sect}</w:body></w:document>',
        "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {NS}>{_BASE_STYLES}{styles}</w:styles>',
        "word/numbering.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {NS}>{numbering}</w:numbering>',
        "word/header1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {NS}>{p(header)}</w:hdr>',
        "word/footer1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {NS}>{p(footer)}</w:ftr>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data.encode("utf-8"))


# --- the samples -------------------------------------------------------------------------
def numbering_sample(path: Path) -> None:
    """Every list shape Word writes: multilevel decimal, letters past ``d``,
    roman, ``Điều %1.``, restarts, continuation across two ``w:num``, lvlRestart,
    isLgl, decimalZero, start values, bullets, ``none``, and a heading style that
    carries its own numbering."""
    numbering = "".join([
        abstract(1, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%2."), lvl(2, "decimal", "%2.%3."),
                 lvl(3, "lowerLetter", "%4)")),
        abstract(2, lvl(0, "decimal", "Điều %1.")),
        abstract(3, lvl(0, "lowerLetter", "%1)")),
        abstract(4, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2.", restart=0)),
        abstract(5, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%1.%2.", legal=True)),
        abstract(6, lvl(0, "decimalZero", "%1."), lvl(1, "bullet", "-"), lvl(2, "bullet", "\uf0b7", font="Symbol"),
                 lvl(3, "bullet", "o", font="Courier New")),
        abstract(7, lvl(0, "decimal", "%1.", start=15), lvl(1, "none", "")),
        abstract(8, lvl(0, "upperLetter", "%1.", style="Heading1")),
        # a list style: the list's abstract points at a numbering style, which points at the real list
        '<w:abstractNum w:abstractNumId="9"><w:numStyleLink w:val="ListStyle1"/></w:abstractNum>',
        '<w:abstractNum w:abstractNumId="10"><w:styleLink w:val="ListStyle1"/>' + lvl(0, "lowerRoman", "(%1)") + "</w:abstractNum>",
    ]) + "".join([num(1, 1), num(2, 2), num(3, 3), num(4, 3), num(5, 3, {0: 1}), num(6, 4), num(7, 5), num(8, 6),
                  num(9, 7), num(10, 8), num(11, 9), num(12, 10)])
    styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
              '<w:pPr><w:numPr><w:numId w:val="10"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My heading"/><w:basedOn w:val="Heading1"/></w:style>'
              '<w:style w:type="numbering" w:styleId="ListStyle1"><w:name w:val="List style 1"/>'
              '<w:pPr><w:numPr><w:numId w:val="12"/></w:numPr></w:pPr></w:style>')
    body = "".join([
        p("MỞ ĐẦU", style="MyHeading"),
        p("Quan điểm", num=(1, 0)),
        p("Mục tiêu chung", num=(1, 1)),
        p("Mục tiêu cụ thể", num=(1, 1)),
        p("Chỉ tiêu thứ nhất", num=(1, 2)),
        p("Chỉ tiêu thứ hai", num=(1, 2)),
        p("điểm một", num=(1, 3)),
        p("Nhiệm vụ", num=(1, 0)),
        p("Nhiệm vụ chung", num=(1, 1)),
        p("Nhiệm vụ con", num=(1, 2)),
        p("Phạm vi điều chỉnh", num=(2, 0)),
        p("Đối tượng áp dụng", num=(2, 0)),
        *[p(f"mục {i}", num=(3, 0)) for i in range(1, 8)],
        p("tiếp nối", num=(4, 0)),
        p("bắt đầu lại", num=(5, 0)),
        p("mục hai", num=(5, 0)),
        p("Một", num=(6, 0)), p("Một một", num=(6, 1)), p("Hai", num=(6, 0)), p("Hai tiếp", num=(6, 1)),
        p("Phần", num=(7, 0)), p("Mục luật", num=(7, 1)),
        p("Mục", num=(8, 0)), p("gạch đầu dòng", num=(8, 1)), p("chấm", num=(8, 2)), p("chữ o", num=(8, 3)),
        p("Mười lăm", num=(9, 0)), p("không số", num=(9, 1)),
        p("điểm một", num=(11, 0)), p("điểm hai", num=(11, 0)),
        p("KẾT LUẬN", style="Heading1"),
        p("Không đánh số", num=(0, 0), style="Heading1"),
    ])
    write_package(path, body, numbering, styles)


def task_table_sample(path: Path) -> None:
    """A plan's task table as Word users make it: a two-row header (the first
    columns merged down, ``Thời gian`` across), the TT column numbered by a
    list (empty numbered paragraphs), several owners one per paragraph or
    line break, a lead merged down over two rows, a group heading merged across
    the row, a deadline merged across two time columns (``gridSpan``, and Word
    97's ``hMerge``); lettered items below."""
    numbering = (abstract(1, lvl(0, "decimal", "%1")) + abstract(2, lvl(0, "lowerLetter", "%1)"))
                 + num(1, 1) + num(2, 2))
    tt = lambda: tc(p(num=(1, 0)))            # noqa: E731
    br = '<w:r><w:t>Trần Thị Bình</w:t><w:br/><w:t>Lê Văn Cường</w:t></w:r>'
    table = tbl([700, 3500, 2000, 1500, 1500],
                [tc("TT", vmerge="restart"), tc("Nội dung công việc", vmerge="restart"),
                 tc("Người thực hiện", vmerge="restart"), tc("Thời gian", span=2)],
                [tc(vmerge="continue"), tc(vmerge="continue"), tc(vmerge="continue"), tc("Bắt đầu"), tc("Hoàn thành")],
                [tc("I"), tc(p(r("CẢI CÁCH THỂ CHẾ", bold=True)), span=4)],
                [tt(), tc("Rà soát văn bản quy phạm pháp luật"),
                 tc("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", vmerge="restart"), tc("Năm 2026", span=2)],
                [tt(), tc("Công bố thủ tục hành chính"), tc(vmerge="continue"), tc("01/3/2026"), tc("30/6/2026")],
                [tt(), tc("Số hóa hồ sơ"), tc(p(br), p("Phạm Minh Đức")), tc("Quý II"), tc("Tháng 9", "năm 2026")],
                [tt(), tc("Tổng kết"), tc("Văn phòng"), tc('<w:p><w:r><w:t>Tháng 12</w:t></w:r></w:p>').replace(
                    "<w:tcPr>", '<w:tcPr><w:hMerge w:val="restart"/>'), tc().replace("<w:tcPr>", "<w:tcPr><w:hMerge/>")],
                )
    lettered = "".join(p(f"Nội dung {i}", num=(2, 0)) for i in range(1, 7))
    body = "".join([
        p(r("KẾ HOẠCH", bold=True)),
        p(r("Cải cách hành chính năm 2026", bold=True)),
        p("I. NHIỆM VỤ"),
        table,
        p("II. TỔ CHỨC THỰC HIỆN"),
        lettered,
    ])
    write_package(path, body, numbering)


def runs_sample(path: Path) -> None:
    """Everything that wraps or hides text inside a paragraph."""
    fld_complex = ('<w:r><w:t xml:space="preserve">Trang </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                   '<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
                   '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    fld_nested = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText> = 1 "a" "b"</w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>kết quả</w:t></w:r>'
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    fld_noresult = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TC "mục lục"</w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    textbox = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
               '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Trong khung</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
               '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>'
               '<v:textbox><w:txbxContent><w:p><w:r><w:t>Trong khung</w:t></w:r></w:p></w:txbxContent></v:textbox>'
               '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    body = "".join([
        p(r("Công tác quản lý nhà nước"), '<w:r><w:softHyphen/></w:r>', r(" được tăng cường")),
        p(r("Văn bản số 12"), '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>', r(" trang")),
        p(fld_complex),
        p(r("Điều kiện: "), fld_nested, fld_noresult, r(".")),
        p(r("Giao "), '<w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t>Sở Nội vụ</w:t></w:r></w:ins>',
          '<w:del w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>Sở Tư pháp</w:delText></w:r></w:del>',
          r(" chủ trì")),
        p(r("Trước"), '<w:moveFrom w:id="3" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t> cũ</w:t></w:r></w:moveFrom>',
          '<w:moveTo w:id="4" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t> mới</w:t></w:r></w:moveTo>'),
        '<w:sdt><w:sdtPr><w:alias w:val="Khối"/></w:sdtPr><w:sdtContent>' + p("Nội dung trong điều khiển") + "</w:sdtContent></w:sdt>",
        p(r("Người ký: "), '<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>Nguyễn Văn A</w:t></w:r></w:sdtContent></w:sdt>'),
        p(r("Xem "), '<w:hyperlink r:id="rId5"><w:r><w:t>cổng thông tin</w:t></w:r><w:r><w:t xml:space="preserve"> điện tử</w:t></w:r></w:hyperlink>',
          '<w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t xml:space="preserve"> tỉnh Lâm Đồng</w:t></w:r></w:smartTag>'),
        p(r("KT"), '<w:r><w:noBreakHyphen/></w:r>', r("XH"), '<w:r><w:t xml:space="preserve"> </w:t><w:sym w:font="Symbol" w:char="F0B7"/></w:r>'),
        p(r("Có khung:"), textbox),
        '<w:ins w:id="5" w:author="A" w:date="2026-01-01T00:00:00Z">' + p("Đoạn được chèn") + "</w:ins>",
        p(r("Dòng một"), '<w:r><w:br/></w:r>', r("Dòng hai")),
        p(r("Hiện"), '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> ẩn</w:t></w:r>',
          '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> rõ</w:t></w:r>'),
        # a numbered paragraph deleted as a tracked change: neither text nor number remains
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="6" w:author="A" '
        'w:date="2026-01-01T00:00:00Z"/></w:rPr></w:pPr><w:del w:id="7" w:author="A" w:date="2026-01-01T00:00:00Z">'
        '<w:r><w:delText>Bỏ đi</w:delText></w:r></w:del></w:p>',
        p("Mục giữ lại", num=(1, 0)),
        # a damaged field: "begin" and an instruction, never ended
        p(r("Trước trường"), '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'),
        p("Sau trường hỏng"),
    ])
    write_package(path, body, abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1))


def owner_table_sample(path: Path) -> None:
    """python-docx's own API: a plain plan whose owner cell lists three people
    one per paragraph."""
    import docx
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Triển khai phần mềm quản lý văn bản năm 2026")
    document.add_paragraph("I. NHIỆM VỤ")
    t = document.add_table(rows=3, cols=4)
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ("TT", "Nội dung", "Người thực hiện", "Thời hạn")):
        cell.text = text
    rows = [("1", "Cài đặt phần mềm", ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"], "30/6/2026"),
            ("2", "Đào tạo người dùng", ["Văn phòng UBND tỉnh"], "31/7/2026")]
    for row, (n, desc, owners, deadline) in zip(t.rows[1:], rows):
        row.cells[0].text = n
        row.cells[1].text = desc
        row.cells[2].text = owners[0]
        for o in owners[1:]:
            row.cells[2].add_paragraph(o)
        row.cells[3].text = deadline
    document.save(str(path))


SAMPLES = {
    "numbering": numbering_sample,
    "task_table": task_table_sample,
    "runs": runs_sample,
    "owner_table": owner_table_sample,
}


def build_all(outdir: Path) -> dict[str, Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, builder in SAMPLES.items():
        path = outdir / f"{name}.docx"
        builder(path)
        paths[name] = path
    return paths


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docx_samples")
    for name, path in build_all(out).items():
        print(path)

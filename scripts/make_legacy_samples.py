"""Make small legacy-font (TCVN3/VNI) office files, one per reader class.

    python scripts/make_legacy_samples.py OUTDIR

Writes ``legacy.docx`` (python-docx: ``.VnTime`` and ``.VnTimeH`` runs, a Word
soft hyphen standing for the TCVN3 ``ư``, a ``VNI-Times`` run and a Unicode
run), ``legacy.xlsx`` (openpyxl: cells in the same fonts, a date and numbers),
``legacy.pptx`` (python-pptx: runs in the same fonts and a table), and —
when LibreOffice is installed — ``legacy.doc``/``legacy.rtf``/``legacy.xls``/
``legacy.ppt`` converted from them, plus ``tasks.xlsx``, a Unicode
spreadsheet task list.  :data:`EXPECTED` holds the Unicode text a reader must
give for each.  The tests call :func:`make` into a temporary folder; nothing
binary is committed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

# (legacy codes as Word shows them read as cp1252, font) → the Unicode a person reads.
# "\u00ad" is TCVN3's ư (byte 0xAD), which Word stores as a soft hyphen.
TCVN3_LINES = [
    ("Uû ban nh©n d©n tØnh B×nh Ph\u00adíc", ".VnTime", "Uỷ ban nhân dân tỉnh Bình Phước"),
    ("céng hoµ x· héi chñ nghÜa viÖt nam", ".VnTimeH", "cộng hoà xã hội chủ nghĩa việt nam"),
    ("§éc lËp - Tù do - H¹nh phóc", ".VnTime", "Độc lập - Tự do - Hạnh phúc"),
    ("Gi¸m ®èc Së Tµi chÝnh chñ tr× x©y dùng kÕ ho¹ch tr\u00ad¬ng n¨m", ".VnTime",
     "Giám đốc Sở Tài chính chủ trì xây dựng kế hoạch trương năm"),
]
VNI_LINE = ("UÛy ban nhaân daân thaønh phoá Hoà Chí Minh", "VNI-Times", "Ủy ban nhân dân thành phố Hồ Chí Minh")
UNICODE_LINE = ("Điều 1. Giao Sở Tư pháp hướng dẫn thực hiện.", "Times New Roman",
                "Điều 1. Giao Sở Tư pháp hướng dẫn thực hiện.")
LINES = TCVN3_LINES + [VNI_LINE, UNICODE_LINE]

TASKS_HEADER = ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]
TASKS = [
    (1, "Xây dựng kế hoạch chuyển đổi số năm 2025", "Sở Thông tin và Truyền thông", "Các sở, ngành",
     dt.datetime(2025, 3, 31)),
    (2, "Rà soát thủ tục hành chính cấp tỉnh", "Văn phòng UBND tỉnh", "Sở Tư pháp", dt.datetime(2025, 6, 30)),
    (3, "Tổng kết công tác cải cách hành chính", "Sở Nội vụ", "UBND các huyện", "Tháng 12/2025"),
]


def expected(name: str) -> list[str]:
    """The lines (in order) the text read from sample ``name`` must contain."""
    return [line[2] for line in LINES]


def _docx(path: Path) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    d = docx.Document()
    for text, font, _ in LINES:
        p = d.add_paragraph()
        # a TCVN3 ư is a Word soft hyphen element, as Word writes the byte 0xAD
        pieces = text.split("\u00ad")
        for i, piece in enumerate(pieces):
            if piece:
                run = p.add_run(piece)
                run.font.name = font
            if i < len(pieces) - 1:
                run = p.add_run()
                run.font.name = font
                run._r.append(OxmlElement("w:softHyphen"))
        for r in p.runs:                 # the font on every script slot, as Word writes it
            rfonts = r._r.get_or_add_rPr().find(qn("w:rFonts"))
            rfonts.set(qn("w:hAnsi"), font)
    d.save(str(path))


def _xlsx(path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Font
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bieu 1"
    for i, (text, font, _) in enumerate(LINES, 1):
        ws.cell(row=i, column=1, value=text).font = Font(name=font)
    ws.cell(row=1, column=2, value=dt.datetime(2005, 4, 14))
    ws.cell(row=2, column=2, value=1200.0)
    ws.cell(row=3, column=2, value=101.21951219512195)
    wb.save(str(path))


def _pptx(path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    frame = slide.shapes.add_textbox(Inches(0.5), Inches(1.5), Inches(9), Inches(3)).text_frame
    for i, (text, font, _) in enumerate(LINES):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = p.add_run()
        run.text = text
        run.font.name = font
    table = slide.shapes.add_table(1, 2, Inches(0.5), Inches(5), Inches(9), Inches(1)).table
    for j, (text, font) in enumerate([("Së Tµi chÝnh", ".VnTime"), ("Sôû Noäi vuï", "VNI-Times")]):
        run = table.cell(0, j).text_frame.paragraphs[0].add_run()
        run.text = text
        run.font.name = font
    prs.save(str(path))


TABLE_CELLS = ["Sở Tài chính", "Sở Nội vụ"]


def _tasks(path: Path) -> None:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ke hoach"
    ws.append(["UBND TỈNH BÌNH PHƯỚC"])
    ws.append(["DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2025"])
    ws.append([])
    ws.append(TASKS_HEADER)
    for row in TASKS:
        ws.append(list(row))
    for r in range(5, 5 + len(TASKS)):
        ws.cell(row=r, column=5).number_format = "dd/mm/yyyy"
    wb.save(str(path))


def _libreoffice(src: Path, target: str, outdir: Path) -> Path:
    from vanban.pipeline.readers.office_convert import convert
    with tempfile.TemporaryDirectory(dir=outdir) as tmp:
        out = convert(src, target, Path(tmp), timeout=180)
        final = outdir / f"{src.stem}.{target}"
        shutil.move(str(out), final)
    return final


def make(outdir: Path, convert: bool = True) -> dict[str, Path]:
    """Write the samples into ``outdir``; return {name: path}."""
    outdir.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, fn in (("legacy.docx", _docx), ("legacy.xlsx", _xlsx), ("legacy.pptx", _pptx), ("tasks.xlsx", _tasks)):
        fn(outdir / name)
        made[name] = outdir / name
    if convert and shutil.which("soffice"):
        made["legacy.doc"] = _libreoffice(made["legacy.docx"], "doc", outdir)
        made["legacy.rtf"] = _libreoffice(made["legacy.docx"], "rtf", outdir)
        made["legacy.xls"] = _libreoffice(made["legacy.xlsx"], "xls", outdir)
        made["legacy.ppt"] = _libreoffice(made["legacy.pptx"], "ppt", outdir)
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "legacy_samples")
    for name, path in make(target).items():
        print(path)

"""A DOCX run is decoded by the font it is shown in, also when that font is set
only in its character style, its paragraph style (through ``basedOn``) or the
document defaults (``pipeline.readers.docx.StyleFonts``)."""

from __future__ import annotations

from pathlib import Path

from vanban.pipeline.model import RawLine


# --- fonts from styles ------------------------------------------------------------------------
def _styled_docx(path: Path) -> Path:
    """Paragraphs whose TCVN3 font is set only in a style or the defaults."""
    import docx
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()

    def set_font(rpr_parent, name):
        rpr = rpr_parent.get_or_add_rPr()
        for old in rpr.findall(qn("w:rFonts")):
            rpr.remove(old)
        rf = OxmlElement("w:rFonts")
        rf.set(qn("w:ascii"), name)
        rf.set(qn("w:hAnsi"), name)
        rpr.insert(0, rf)

    styles = d.styles
    base = styles.add_style("Legacy Base", WD_STYLE_TYPE.PARAGRAPH)
    set_font(base.element, ".VnTime")
    child = styles.add_style("Legacy Child", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = base                               # font only through basedOn
    char = styles.add_style("Legacy Chars", WD_STYLE_TYPE.CHARACTER)
    set_font(char.element, ".VnTime")
    # docDefaults: .VnTime for everything that says nothing else
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    rf = OxmlElement("w:rFonts")
    rf.set(qn("w:ascii"), ".VnTime")
    rf.set(qn("w:hAnsi"), ".VnTime")
    rpr.insert(0, rf)
    normal = styles["Normal"].element
    if normal.rPr is not None and normal.rPr.find(qn("w:rFonts")) is not None:
        normal.rPr.remove(normal.rPr.find(qn("w:rFonts")))

    d.add_paragraph("Bé tr\u00adëng Bé T\u00ad ph¸p", style="Legacy Child")
    p = d.add_paragraph()
    p.add_run("\u00adu ®·i ®Çu t\u00ad", style="Legacy Chars")
    d.add_paragraph("Uû ban nh©n d©n tØnh tr\u00adëng")     # docDefaults only
    q = d.add_paragraph(style="Legacy Child")
    r = q.add_run("Ủy ban nhân dân")
    set_font(r._r, "Times New Roman")                       # the run's own font wins
    d.save(str(path))
    return path


def test_docx_run_font_from_styles_and_defaults(tmp_path):
    from vanban.pipeline.readers.docx import read_docx
    lines = [b.text for b in read_docx(_styled_docx(tmp_path / "styled.docx")).blocks if isinstance(b, RawLine)]
    assert lines == ["Bộ trưởng Bộ Tư pháp", "ưu đãi đầu tư", "Uỷ ban nhân dân tỉnh trưởng", "Ủy ban nhân dân"]


def test_style_fonts_resolution(tmp_path):
    from vanban.pipeline.readers.docx import StyleFonts
    import docx
    d = docx.Document(str(_styled_docx(tmp_path / "styled.docx")))
    fonts = StyleFonts(d.styles.element)
    child_id = d.styles["Legacy Child"].style_id
    assert fonts.style_font(child_id) == ".VnTime"
    assert fonts.default_font == ".VnTime"

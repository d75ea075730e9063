"""Footnotes and endnotes the body refers to are read after the body, in the
order of their references; separators and notes nothing refers to are not."""

from __future__ import annotations

import zipfile
from pathlib import Path

from vanban.pipeline.model import RawLine

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _note(kind: str, nid: str, text: str, typ: str | None = None) -> str:
    t = f' w:type="{typ}"' if typ else ""
    body = "<w:r><w:separator/></w:r>" if typ else \
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r>'
    return f'<w:{kind} w:id="{nid}"{t}><w:p>{body}</w:p></w:{kind}>'


def _with_notes(path: Path) -> Path:
    import docx
    d = docx.Document()
    d.add_paragraph("Đoạn một.")
    d.add_paragraph("Đoạn hai.")
    d.save(str(path))
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    doc = members["word/document.xml"].decode()
    ref = lambda kind, nid: f'<w:r><w:{kind}Reference w:id="{nid}"/></w:r>'
    doc = doc.replace("<w:t>Đoạn một.</w:t></w:r>", "<w:t>Đoạn một.</w:t></w:r>" + ref("footnote", "2"), 1)
    doc = doc.replace("<w:t>Đoạn hai.</w:t></w:r>", "<w:t>Đoạn hai.</w:t></w:r>" + ref("footnote", "1") + ref("endnote", "1"), 1)
    members["word/document.xml"] = doc.encode()
    for kind in ("footnote", "endnote"):
        notes = _note(kind, "-1", "", "separator") + _note(kind, "0", "", "continuationSeparator")
        if kind == "footnote":
            notes += _note(kind, "1", "Chú thích được nhắc sau.") + _note(kind, "2", "Chú thích được nhắc trước.") \
                + _note(kind, "3", "Không ai nhắc tới.")
        else:
            notes += _note(kind, "1", "Chú thích cuối.")
        members[f"word/{kind}s.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s xmlns:w="{W}">{notes}</w:{kind}s>'.encode()
    rels = members["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>",
                        '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                        '<Relationship Id="rIdEn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>'
                        "</Relationships>")
    members["word/_rels/document.xml.rels"] = rels.encode()
    ct = members["[Content_Types].xml"].decode()
    ct = ct.replace("</Types>",
                    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                    '<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/>'
                    "</Types>")
    members["[Content_Types].xml"] = ct.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_notes_after_body_in_reference_order(tmp_path):
    from vanban.pipeline.readers.docx import read_docx
    lines = [b.text for b in read_docx(_with_notes(tmp_path / "notes.docx")).blocks if isinstance(b, RawLine)]
    assert lines == ["Đoạn một.", "Đoạn hai.", "Chú thích được nhắc trước.", "Chú thích được nhắc sau.", "Chú thích cuối."]

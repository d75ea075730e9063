"""Document shapes the seeds do not have, written the way such documents are.

A department decision (parent body above the issuer, "Điều" articles that assign
work, "KT. GIÁM ĐỐC") and a district plan whose task table is worded differently
(``TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |
Sản phẩm``) with a numbered "Tổ chức thực hiện" section.
"""

from pathlib import Path

from vanban.pipeline.output import validate
from vanban.pipeline.run import parse_file

DATA = Path(__file__).parent / "data"


def tasks_by_ref(result):
    return {t["ref"]: t for t in result["tasks"]}


def test_department_decision():
    r = parse_file(DATA / "qd-so-noi-vu.txt")
    assert validate(r) == []
    d = r["document"]
    assert (d["doc_type"], d["number"], d["issued_date"], d["place"]) == ("quyet_dinh", "125/QĐ-SNV", "2025-03-05", "Gia Lai")
    # a body under a People's Committee takes its place (the convention of the real gold)
    assert (d["issuer"], d["issuer_parent"], d["issuer_level"]) == ("Sở Nội vụ tỉnh Gia Lai", "Ủy ban nhân dân tỉnh Gia Lai", "tinh")
    assert d["signer"] == {"name": "Nguyễn Văn An", "position": "Phó Giám đốc", "on_behalf": ["KT. Giám đốc"]}
    [c] = r["citations"]
    assert (c["number"], c["issuer"], c["role"]) == ("12/2021/QĐ-UBND", "UBND tỉnh Gia Lai", "basis")
    t = tasks_by_ref(r)
    assert "Điều 1" not in t                                   # no one is assigned in Điều 1
    assert t["Điều 2"]["lead"] == ["Phòng Cải cách hành chính"]
    assert t["Điều 2"]["support"] == ["Văn phòng Sở", "Thanh tra Sở"]
    assert t["Điều 2"]["deadline"]["end"] == "2025-12-15"
    assert t["Điều 3"]["lead"] == ["Chánh Văn phòng Sở", "Trưởng phòng Cải cách hành chính", "Thủ trưởng các đơn vị liên quan"]


def test_district_plan_with_other_table_wording():
    r = parse_file(DATA / "kh-huyen-bang-khac.txt")
    assert validate(r) == []
    d = r["document"]
    assert (d["number"], d["issuer"], d["issuer_level"]) == ("88/KH-UBND", "Ủy ban nhân dân huyện Định Hóa", "huyen")
    [c] = r["citations"]
    assert (c["number"], c["role"], c["issuer"]) == ("15/KH-UBND", "implements", "UBND tỉnh Thái Nguyên")
    t = tasks_by_ref(r)
    assert t["1"]["lead"] == ["Văn phòng HĐND và UBND huyện"]   # one body, not two
    assert t["1"]["deadline"]["recurrence"] == "FREQ=MONTHLY;INTERVAL=3" and t["1"]["output"] == "Tin, bài"
    assert t["2"]["support"] == ["Các cơ quan, đơn vị", "UBND các xã, thị trấn"]
    assert (t["2"]["deadline"]["start"], t["2"]["deadline"]["end"]) == ("2024-07-01", "2024-09-30")
    assert t["3"]["deadline"]["end"] == "2024-12-15" and t["3"]["deadline"]["year_inferred"]
    assert t["II.1"]["lead"] == ["Phòng Nội vụ"] and t["II.1"]["deadline"]["recurrence"] == "FREQ=MONTHLY;INTERVAL=6"
    assert t["II.2"]["lead"] == ["Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "Các tổ chức chính trị - xã hội huyện"]
    assert t["II.3"]["lead"] == ["UBND các xã, thị trấn"] and t["II.3"]["deadline"]["end"] == "2024-01-31"


def test_owner_colon_assignments():
    """``- Owner: work`` and ``a) Owner: work`` lines are tasks; ``- Kinh phí: …`` is not."""
    r = parse_file(DATA / "kh-xa-gach-dau-dong.txt")
    assert validate(r) == []
    d = r["document"]
    assert (d["issuer"], d["place"], d["issued_date"]) == ("Ủy ban nhân dân xã Ôn", "Ô Môn", "2025-02-03")
    leads = [t["lead"] for t in r["tasks"]]
    assert leads == [["Văn phòng - Thống kê"], ["Công an xã"], ["Sở Văn hóa, Thể thao và Du lịch"], ["Ban Chỉ huy Quân sự xã"]]
    first, second, third, fourth = r["tasks"]
    assert first["deadline"]["end"] == "2025-04-30"
    assert second["support"] == ["Ban Chỉ huy Quân sự xã"]
    assert third["deadline"]["recurrence"] == "FREQ=MONTHLY"
    assert (fourth["deadline"]["start"], fourth["deadline"]["end"]) == ("2025-04-01", "2025-06-30")


def test_markdown_pipe_table_transcription_matches_gold(tmp_path):
    """The seed rewritten the way PDF-to-Markdown tools write it (pipe tables,
    ``*`` bullets) gives the same extraction."""
    import json
    from .conftest import GOLD, SAMPLES
    from .golden import compare
    out, header_done = [], False
    for line in (SAMPLES / "000_1e1698cb1e74ad37.txt").read_text("utf-8").split("\n"):
        if "\t" in line and line.strip():
            cells = line.split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if not header_done:
                out.append("|" + "---|" * len(cells))
                header_done = True
        elif line.startswith("- "):
            out.append("* " + line[2:])
        else:
            out.append(line)
    md = tmp_path / "seed-000.md"
    md.write_text("\n".join(out), "utf-8")
    result = parse_file(md)
    assert validate(result) == []
    assert compare(result, json.loads((GOLD / "seed-000.json").read_text("utf-8"))) == []


def test_docx_two_row_header_and_merged_owner_cells(tmp_path):
    import docx
    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Triển khai nhiệm vụ chuyển đổi số năm 2025")
    t = d.add_table(rows=5, cols=5)
    t.style = "Table Grid"
    head = ["STT", "Nội dung", "Đơn vị thực hiện", "", "Thời gian hoàn thành"]
    for c, text in enumerate(head):
        t.cell(0, c).text = text
    t.cell(0, 2).merge(t.cell(0, 3))                       # spans the two owner columns
    t.cell(1, 2).text, t.cell(1, 3).text = "Chủ trì", "Phối hợp"
    rows = [("1", "Số hóa hồ sơ lưu trữ", "Văn phòng UBND xã", "Công chức Tư pháp - Hộ tịch", "Quý II/2025"),
            ("2", "Cập nhật dữ liệu dân cư", "", "Công an xã", "Tháng 9/2025"),
            ("3", "Tập huấn kỹ năng số", "Công chức Văn hóa - Xã hội", "Các ban, ngành", "Năm 2025")]
    for r, values in enumerate(rows, start=2):
        for c, text in enumerate(values):
            if text:
                t.cell(r, c).text = text
    t.cell(2, 2).merge(t.cell(3, 2))                       # one lead written once for tasks 1 and 2
    path = tmp_path / "merged.docx"
    d.save(str(path))
    r = parse_file(path)
    assert validate(r) == []
    tasks = {t["ref"]: t for t in r["tasks"]}
    assert tasks["1"]["lead"] == ["Văn phòng UBND xã"] and tasks["1"]["support"] == ["Công chức Tư pháp - Hộ tịch"]
    assert tasks["2"]["lead"] == ["Văn phòng UBND xã"] and tasks["2"]["support"] == ["Công an xã"]
    assert tasks["2"]["deadline"]["end"] == "2025-09-30"
    assert tasks["3"]["lead"] == ["Công chức Văn hóa - Xã hội"]


def test_laws_cited_by_name_and_date():
    """"Căn cứ Luật … ngày …;" has no number: the law is still a citation, by title."""
    r = parse_file(DATA / "qd-can-cu-luat.txt")
    assert validate(r) == []
    cits = r["citations"]
    assert [c["id"] for c in cits] == [f"c{i}" for i in range(1, len(cits) + 1)]
    by_title = {c["title"]: c for c in cits if c["number"] is None}
    assert set(by_title) == {"Luật Tổ chức chính quyền địa phương", "Bộ luật Lao động", "Luật Đất đai",
                             "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ"}
    assert by_title["Luật Tổ chức chính quyền địa phương"]["date"] == "2025-06-16"
    assert by_title["Bộ luật Lao động"]["doc_type"] == "bo_luat" and by_title["Bộ luật Lao động"]["year"] == 2019
    assert all(c["role"] == "basis" for c in cits)
    assert len(by_title["Luật Đất đai"]["spans"]) == 2          # cited again in Điều 1
    starts = [c["spans"][0]["start"] for c in cits]
    assert starts == sorted(starts)

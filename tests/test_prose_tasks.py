"""Tasks assigned in prose, through the real pipeline (synthetic documents written
as text files and parsed by vanban), table-driven:

* owner-headed units ("6. Bộ Nội vụ:", "a) Sở Y tế", "2. Giám đốc Sở Công Thương:",
  "Đề nghị Ủy ban MTTQ tỉnh:", "Trách nhiệm của …", an intro "Giao X chủ trì, phối
  hợp với Y:") pass their owner to each of their items, one task per item;
* assignment sentences anywhere in the body ("Giao Sở X chủ trì, phối hợp với Y …
  trước ngày …" in a letter, "Đề nghị Công ty …", "X có trách nhiệm …", Điều 3 of a
  decision);
* normative texts (a circular) give no task from "Trường hợp …", "Cơ quan …", headings
  or page numbers;
* a prose item restating a task-table row is not listed twice;
* a few real documents scored against their gold (skipped without ../shared).
"""

from __future__ import annotations

import json

import pytest

from vanban.pipeline.evaluate import match_tasks, gold_tasks
from vanban.pipeline.output import validate
from vanban.pipeline.run import parse_file

from .conftest import ROOT, SHARED

HEADER = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
Số: {number}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Giang, ngày 05 tháng 3 năm 2026

{kind}
{title}

"""

FOOTER = """
Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""


def parse_text(tmp_path, body: str, kind: str = "CHỈ THỊ", number: str = "12/CT-UBND",
               title: str = "Về việc tăng cường công tác phòng cháy, chữa cháy") -> dict:
    path = tmp_path / "doc.txt"
    path.write_text(HEADER.format(number=number, kind=kind, title=title) + body + FOOTER, "utf-8")
    record = parse_file(path)
    assert record["status"] == "ok"
    assert validate(record) == []
    return record


def task_starting(record: dict, start: str) -> dict | None:
    return next((t for t in record["tasks"] if t["description"].startswith(start)), None)


# --- owner-headed units -----------------------------------------------------------------
OWNER_HEADED = [
    # (body, {description start: (lead, support)})
    ("Ủy ban nhân dân tỉnh yêu cầu các sở, ngành thực hiện tốt các nội dung sau:\n\n"
     "1. Sở Công Thương:\n\n"
     "a) Kiểm tra an toàn điện tại các chợ trước ngày 30/4/2026.\n\n"
     "b) Tuyên truyền phòng cháy tại các khu công nghiệp.\n\n"
     "2. Giám đốc Sở Y tế:\n\n"
     "- Bố trí lực lượng cấp cứu tại các điểm nóng.\n\n"
     "- Tập huấn sơ cứu cho nhân viên y tế cơ sở.\n\n",
     {"Kiểm tra an toàn điện": (["Sở Công Thương"], []),
      "Tuyên truyền phòng cháy tại": (["Sở Công Thương"], []),
      "Bố trí lực lượng cấp": (["Giám đốc Sở Y tế"], []),
      "Tập huấn sơ cứu cho": (["Giám đốc Sở Y tế"], [])}),
    ("1. Nhiệm vụ trọng tâm\n\n"
     "a) Công an tỉnh\n\n"
     "- Kiểm tra các cơ sở kinh doanh karaoke.\n\n"
     "- Xử lý nghiêm các vi phạm về phòng cháy.\n\n"
     "b) Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh\n\n"
     "Vận động nhân dân tham gia phong trào toàn dân phòng cháy.\n\n"
     "c) Sở Tài chính chủ trì, phối hợp các sở, ban, ngành\n\n"
     "- Bố trí kinh phí thực hiện kế hoạch.\n\n",
     {"Kiểm tra các cơ sở": (["Công an tỉnh"], []),
      "Xử lý nghiêm các": (["Công an tỉnh"], []),
      "Vận động nhân dân tham": (["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], []),
      "Bố trí kinh phí thực": (["Sở Tài chính"], ["Các sở, ban, ngành"])}),
    ("II. NHIỆM VỤ CỤ THỂ\n\n"
     "1. Về cải cách thủ tục hành chính\n\n"
     "Giao Văn phòng Ủy ban nhân dân tỉnh chủ trì, phối hợp với các cơ quan, đơn vị liên quan:\n\n"
     "a) Rà soát quy trình giải quyết thủ tục hành chính.\n\n"
     "b) Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính.\n\n"
     "2. Trách nhiệm của Ủy ban nhân dân các xã, phường\n\n"
     "a) Chủ động xây dựng kế hoạch khắc phục tồn tại, hạn chế.\n\n",
     {"Rà soát quy trình giải": (["Văn phòng Ủy ban nhân dân tỉnh"], ["Các cơ quan, đơn vị liên quan"]),
      "Tổ chức tập huấn nghiệp": (["Văn phòng Ủy ban nhân dân tỉnh"], ["Các cơ quan, đơn vị liên quan"]),
      "Chủ động xây dựng kế": (["Ủy ban nhân dân các xã, phường"], [])}),
]


@pytest.mark.parametrize("body,expected", OWNER_HEADED, ids=["numbered-owners", "lettered-owners", "intro-and-trach-nhiem"])
def test_owner_headed_units_pass_their_owner_to_each_item(tmp_path, body, expected):
    record = parse_text(tmp_path, body)
    for start, (lead, support) in expected.items():
        task = task_starting(record, start)
        assert task is not None, f"no task for {start!r}: {[t['description'] for t in record['tasks']]}"
        assert task["lead"] == lead
        assert task["support"] == support
    assert len(record["tasks"]) == len(expected)       # headings are not tasks of their own


def test_an_item_naming_its_own_owner_keeps_it(tmp_path):
    body = ("1. Các sở, ban, ngành triển khai các dự án thuộc Chương trình:\n\n"
            "- Công an tỉnh tham mưu triển khai Dự án 1.\n\n"
            "- Sở Y tế tham mưu triển khai Dự án 6.\n\n"
            "- Đề nghị Bộ Tư lệnh Vùng Cảnh sát biển 3 tham mưu triển khai Tiểu dự án 2.\n\n")
    leads = [t["lead"] for t in parse_text(tmp_path, body, kind="KẾ HOẠCH", number="7/KH-UBND")["tasks"]]
    assert leads == [["Công an tỉnh"], ["Sở Y tế"], ["Bộ Tư lệnh Vùng Cảnh sát biển 3"]]


# --- assignment sentences ------------------------------------------------------------------
SENTENCES = [
    # (kind, number, body, description start, lead, support, deadline end)
    ("CÔNG VĂN", "345/UBND-KT",
     "Kính gửi: Sở Công Thương.\n\nỦy ban nhân dân tỉnh có ý kiến như sau:\n\n"
     "Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính rà soát giá điện, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/4/2026.\n\n",
     "Giao Sở Công Thương chủ trì", ["Sở Công Thương"], ["Sở Tài chính"], "2026-04-15"),
    ("CÔNG VĂN", "12/STTTT-CNTT",
     "Sở Thông tin và Truyền thông đề nghị các đơn vị đăng ký danh sách thí sinh trước ngày 22/12/2026.\n\n",
     "Sở Thông tin và Truyền thông đề nghị", ["Các đơn vị"], [], "2026-12-22"),
    ("CÔNG VĂN", "88/UBND-XD",
     "Đề nghị Công ty Điện lực An Giang khẩn trương khắc phục sự cố lưới điện.\n\n",
     "Đề nghị Công ty Điện lực", ["Công ty Điện lực An Giang"], [], None),
    ("CHỈ THỊ", "3/CT-UBND",
     "1. Sở Nội vụ có trách nhiệm theo dõi, đôn đốc việc thực hiện Chỉ thị này.\n\n",
     "Sở Nội vụ có trách nhiệm", ["Sở Nội vụ"], [], None),
]


@pytest.mark.parametrize("kind,number,body,start,lead,support,end", SENTENCES, ids=["giao-letter", "de-nghi-after-asker", "de-nghi-company", "co-trach-nhiem"])
def test_a_sentence_that_assigns_work_is_a_task(tmp_path, kind, number, body, start, lead, support, end):
    record = parse_text(tmp_path, body, kind=kind, number=number, title="V/v triển khai nhiệm vụ")
    assert len(record["tasks"]) == 1, [t["description"] for t in record["tasks"]]
    task = record["tasks"][0]
    assert task["description"].startswith(start)
    assert task["lead"] == lead
    assert task["support"] == support
    assert task["deadline"]["end"] == end


# --- reports: the part planning or proposing the coming work --------------------------------
REPORT_BODY = ("I. KẾT QUẢ THỰC HIỆN\n\n"
               "1. Kết quả cải cách thủ tục hành chính\n\n"
               "Trong tháng 01, Sở Tư pháp đã rà soát 12 thủ tục hành chính.\n\n"
               "II. NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2026\n\n"
               "1. Ban hành kế hoạch kiểm tra hoạt động kiểm soát thủ tục hành chính.\n\n"
               "2. Theo dõi tiếp nhận, xử lý phản ánh, kiến nghị trên Cổng Dịch vụ công.\n\n"
               "III. ĐỀ XUẤT NHIỆM VỤ, GIẢI PHÁP\n\n"
               "1. Tăng cường kiểm tra, giám sát việc thực hiện các chỉ số cải cách hành chính.\n\n"
               "2. Giao Sở Tài chính bố trí kinh phí thực hiện chuyển đổi số.\n\n")


def test_a_reports_planned_work_is_its_issuers_and_proposals_name_nobody(tmp_path):
    """Items of "NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2026" are the reporting body's own
    programme, due in that month; proposed items name their doer or nobody; the account
    of results assigns nothing."""
    record = parse_text(tmp_path, REPORT_BODY, kind="BÁO CÁO", number="23/BC-UBND",
                        title="Tình hình thực hiện cải cách hành chính tháng 01 năm 2026")
    got = {t["description"][:25]: (t["lead"], t["deadline"]["start"], t["deadline"]["end"]) for t in record["tasks"]}
    assert got == {
        "Ban hành kế hoạch kiểm tr": (["Ủy ban nhân dân tỉnh An Giang"], "2026-02-01", "2026-02-28"),
        "Theo dõi tiếp nhận, xử lý": (["Ủy ban nhân dân tỉnh An Giang"], "2026-02-01", "2026-02-28"),
        "Tăng cường kiểm tra, giám": ([], None, None),
        "Giao Sở Tài chính bố trí ": (["Sở Tài chính"], None, None),
    }


def test_scope_and_definition_parts_assign_nothing(tmp_path):
    body = ("1. Phạm vi điều chỉnh và đối tượng áp dụng\n\n"
            "a) Các tổ chức, cơ quan hoạt động theo Luật Doanh nghiệp không thuộc đối tượng áp dụng Hướng dẫn này.\n\n"
            "2. Trách nhiệm của cá nhân\n\n"
            "2.1. Người ký văn bản chịu trách nhiệm về thể thức và kỹ thuật trình bày văn bản.\n\n")
    record = parse_text(tmp_path, body, kind="HƯỚNG DẪN", number="05-HD/VPTW", title="Thể thức văn bản")
    assert [t["lead"] for t in record["tasks"]] == [["Người ký văn bản"]]


def test_the_same_items_outside_a_report_are_not_tasks(tmp_path):
    record = parse_text(tmp_path, REPORT_BODY, kind="KẾ HOẠCH", number="23/KH-UBND", title="Kế hoạch năm 2026")
    assert [t["lead"] for t in record["tasks"]] == [["Sở Tài chính"]]


ITEM_SHAPES = [
    # (body, [(description start, lead)]) — one document class each
    # a plural head over ministry names: one owner per ministry, names with commas whole
    ("a) Các Bộ: Công Thương, Văn hóa, Thể thao và Du lịch, Y tế nghiên cứu, hoàn thiện dự thảo Nghị quyết.\n\n",
     [("Các Bộ: Công Thương", ["Bộ Công Thương", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Y tế"])]),
    # a paragraph after an item giving work to someone else is a task of its own
    ("a) Các bộ, cơ quan ngang bộ rà soát, gửi ý kiến về Bộ Tư pháp trong ngày 30 tháng 4 năm 2026.\n\n"
     "Trên cơ sở đó, Bộ Tư pháp tổng hợp, hoàn thiện hồ sơ, trình Chính phủ trước ngày 05 tháng 5 năm 2026.\n\n",
     [("Các bộ, cơ quan ngang bộ rà soát", ["Các bộ, cơ quan ngang bộ"]),
      ("Trên cơ sở đó, Bộ Tư pháp", ["Bộ Tư pháp"])]),
    # "giao" qualifying the work ("các nhiệm vụ Thủ tướng giao cho X") assigns nothing;
    # a remedy labelled as such prescribes ("Giải pháp khắc phục: Sở X …")
    ("1. Công tác chỉ đạo\n\n"
     "a) Hiện nay chưa thống kê được các nhiệm vụ Thủ tướng Chính phủ giao cho Ủy ban nhân dân tỉnh.\n\n"
     "Giải pháp khắc phục: Sở Nội vụ tập trung theo dõi, thống kê các nhiệm vụ được giao.\n\n",
     [("Sở Nội vụ tập trung theo dõi", ["Sở Nội vụ"])]),
    # a topic label that looks like a body, then a sentence naming its own subject
    ("2. Phân cấp quản lý\n\n"
     "a) Thanh tra khoa học và công nghệ: Ủy ban nhân dân các huyện, thị xã làm đầu mối phát hiện vi phạm.\n\n",
     [("Ủy ban nhân dân các huyện, thị xã làm", ["Ủy ban nhân dân các huyện, thị xã"])]),
    # a leading condition, then the request without a comma; a comma inside the partners
    # of a subject-less sentence does not end an adverbial
    ("3. Trách nhiệm của các sở, ban, ngành\n\n"
     "a) Khi có kết quả đánh giá chính thức các chỉ số giao Sở Nội vụ chủ trì tổ chức hội nghị phân tích.\n\n"
     "b) Trong quá trình thực hiện chủ động phối hợp với Sở Tài chính, Sở Y tế để kịp thời tháo gỡ.\n\n",
     [("Khi có kết quả đánh giá", ["Sở Nội vụ"]),
      ("Trong quá trình thực hiện", ["Các sở, ban, ngành"])]),
    # the ones asked are named by the names the letter gives them; an item stating the work,
    # then asking a body by name in its next sentence, is that body's
    ("Để triển khai Chương trình, Bộ Công an đề nghị các bộ, cơ quan chủ dự án, tiểu dự án thành phần (gọi là"
     " chủ dự án thành phần), UBND cấp tỉnh được giao kế hoạch vốn (gọi là cơ quan chủ quản Chương trình)"
     " phối hợp thực hiện một số nội dung sau:\n\n"
     "1. Tổ chức truyền thông về Chương trình.\n\n"
     "2. Chương trình thực hiện điểm trong năm 2026 tại Điện Biên và Tây Ninh. Đề nghị UBND tỉnh Điện Biên và"
     " Tây Ninh chuẩn bị các điều kiện.\n\n",
     [("Tổ chức truyền thông", ["Chủ dự án thành phần", "Cơ quan chủ quản Chương trình"]),
      ("Chương trình thực hiện điểm", ["UBND tỉnh Điện Biên", "UBND tỉnh Tây Ninh"])]),
    # a heading naming a class of bodies by what they take part in owns its items whole; an
    # asker with work of its own leads beside the one it asks; "Hội nghị" opens no owner
    ("IV. TỔ CHỨC THỰC HIỆN\n\n"
     "1. Các khoa tham gia khảo sát\n\n- Phân công cán bộ đầu mối theo dõi sinh viên.\n\n"
     "2. Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng và đề nghị Bộ Tư lệnh Vùng Cảnh sát biển 3\n\n"
     "- Tuần tra, kiểm soát khu vực biên giới.\n\n"
     "3. Sở Y tế\n\n- Hội nghị tổng kết được tổ chức vào tháng 12.\n\n",
     [("Phân công cán bộ đầu mối", ["Các khoa tham gia khảo sát"]),
      ("Tuần tra", ["Bộ Chỉ huy quân sự tỉnh", "Bộ Tư lệnh Vùng Cảnh sát biển 3"]),
      ("Hội nghị tổng kết", ["Sở Y tế"])]),
]


@pytest.mark.parametrize("body,expected", ITEM_SHAPES, ids=["ministries-listed", "paragraph-reassigns", "relative-giao-and-remedy",
                                                    "topic-label", "leading-condition", "defined-names",
                                                    "class-heading-and-working-asker"])
def test_item_shapes(tmp_path, body, expected):
    record = parse_text(tmp_path, body, kind="CÔNG VĂN", number="464/TTg-CĐS", title="V/v triển khai các Nghị quyết")
    got = [(t["description"], t["lead"]) for t in record["tasks"]]
    assert len(got) == len(expected), got
    for (description, lead), (start, want) in zip(got, expected):
        assert description.startswith(start), got
        assert lead == want


def test_a_request_whose_marks_ocr_damaged_is_still_a_request(tmp_path):
    """On scans "Kính đề nghị" comes out "Kinh để nghị" and a stray colon may follow the
    owner: still the one asked, and no label is cut off the sentence."""
    body = "Kinh để nghị Văn phòng Ủy ban nhân dân tỉnh: thẩm định, trình Chủ tịch Ủy ban nhân dân tỉnh ký duyệt.\n\n"
    record = parse_text(tmp_path, body, kind="TỜ TRÌNH", number="409/TTr-CAT", title="Về việc thành lập hội đồng")
    assert [(t["lead"], t["description"][:12]) for t in record["tasks"]] == \
        [(["Văn phòng Ủy ban nhân dân tỉnh"], "Kinh để nghị")]


def test_decision_article_3_assigns_its_executors(tmp_path):
    body = ("QUYẾT ĐỊNH:\n\n"
            "Điều 1. Công nhận 07 xã đạt chuẩn an toàn về an ninh, trật tự năm 2026.\n\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Công an tỉnh, Chủ tịch Ủy ban nhân dân các xã "
            "chịu trách nhiệm thi hành Quyết định này./.\n\n")
    record = parse_text(tmp_path, body, kind="QUYẾT ĐỊNH", number="45/QĐ-UBND", title="Về việc công nhận xã an toàn")
    assert [t["lead"] for t in record["tasks"]] == [["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Công an tỉnh",
                                                     "Chủ tịch Ủy ban nhân dân các xã"]]


# --- precision ---------------------------------------------------------------------------------
CIRCULAR = """Căn cứ Luật Quản lý thuế ngày 13 tháng 6 năm 2019;

Bộ trưởng Bộ Tài chính ban hành Thông tư hướng dẫn về hóa đơn điện tử.

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

Thông tư này hướng dẫn việc sử dụng hóa đơn điện tử.

Điều 2. Đối tượng áp dụng

1. Cơ quan quản lý thuế các cấp.

2. Tổ chức, cá nhân bán hàng hóa, cung cấp dịch vụ.

Điều 3. Xử lý sai sót

1. Trường hợp người bán phát hiện hóa đơn có sai sót thì người bán thông báo cho cơ quan thuế.

2. Cơ quan thuế có trách nhiệm tiếp nhận thông báo trong 01 ngày làm việc.

- Người mua có trách nhiệm lưu giữ hóa đơn.

3

Điều 4. Hiệu lực thi hành

Thông tư này có hiệu lực từ ngày 01 tháng 7 năm 2026.
"""


def test_a_circular_gives_no_tasks(tmp_path):
    record = parse_text(tmp_path, CIRCULAR, kind="THÔNG TƯ", number="32/2026/TT-BTC",
                        title="Hướng dẫn về hóa đơn điện tử")
    assert record["tasks"] == []


def test_a_circular_assigns_only_in_its_implementation_article_and_to_named_bodies(tmp_path):
    """"Cục Hóa chất có trách nhiệm cấp giấy phép" in a rule article lays down a competence;
    "Tổ chức thực hiện" gives named bodies work; a class of actors is never an owner."""
    body = CIRCULAR.replace("Điều 4. Hiệu lực thi hành",
                            "Điều 4. Cấp giấy phép\n\nCục Hóa chất có trách nhiệm cấp giấy phép vận chuyển.\n\n"
                            "Điều 5. Tổ chức thực hiện\n\n1. Cục Thuế có trách nhiệm hướng dẫn, kiểm tra việc thực hiện Thông tư này.\n\n"
                            "2. Cơ quan thuế các cấp có trách nhiệm phổ biến Thông tư này.\n\n"
                            "Điều 6. Hiệu lực thi hành")
    record = parse_text(tmp_path, body, kind="THÔNG TƯ", number="32/2026/TT-BTC", title="Hướng dẫn về hóa đơn điện tử")
    assert [t["lead"] for t in record["tasks"]] == [["Cục Thuế"]]


def test_form_fields_are_not_tasks(tmp_path):
    body = ("1. Sở Công Thương:\n\n- Tên doanh nghiệp: ..............................\n\n"
            "- Kiểm tra các cửa hàng xăng dầu.\n\n")
    record = parse_text(tmp_path, body, kind="KẾ HOẠCH", number="9/KH-UBND")
    assert [t["description"] for t in record["tasks"]] == ["Kiểm tra các cửa hàng xăng dầu."]


def test_headings_lists_and_page_numbers_are_not_tasks(tmp_path):
    body = ("I. MỤC ĐÍCH, YÊU CẦU\n\n- Nâng cao nhận thức về phòng cháy.\n\n2\n\n"
            "II. THÀNH PHẦN\n\n- Các Bộ: Công an, Quốc phòng, Tư pháp, Nội vụ.\n\n- Cơ quan, đơn vị:\n\n")
    assert parse_text(tmp_path, body, kind="KẾ HOẠCH", number="9/KH-UBND")["tasks"] == []


def test_a_prose_item_restating_a_table_row_is_not_listed_twice(tmp_path):
    body = ("I. NHIỆM VỤ\n\n"
            "| TT | Nội dung công việc | Chủ trì | Thời gian |\n|---|---|---|---|\n"
            "| 1 | Rà soát, cập nhật danh mục thủ tục hành chính trên cổng dịch vụ công | Văn phòng UBND tỉnh | Quý II/2026 |\n\n"
            "II. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Văn phòng UBND tỉnh\n\n"
            "- Rà soát, cập nhật danh mục thủ tục hành chính trên cổng dịch vụ công.\n\n"
            "- Theo dõi, đôn đốc việc thực hiện Kế hoạch này.\n\n")
    record = parse_text(tmp_path, body, kind="KẾ HOẠCH", number="9/KH-UBND")
    descriptions = [t["description"] for t in record["tasks"]]
    assert sum(d.startswith("Rà soát, cập nhật") for d in descriptions) == 1, descriptions
    assert any(d.startswith("Theo dõi, đôn đốc") for d in descriptions)


# --- real documents against their gold ---------------------------------------------------------
REAL = [
    # (gold file, minimum task F1) — directive, notice, plan with owner-headed units, report
    ("CT9UB.json", 0.9),
    ("Thong-bao-ket-luan-Hoi-nghi-ngay-22.1.2026.json", 0.9),
    ("Ke-hoach-thuc-hien-Chuong-trinh-PCMT-den-nam-2030.json", 0.9),
    ("Bao-cao-cac-chi-so-cua-tinh-28.11.json", 0.85),
]


@pytest.mark.parametrize("gold_name,floor", REAL)
def test_real_documents_against_gold(gold_name, floor):
    gold = json.loads((ROOT / "tests" / "gold" / "real" / gold_name).read_text("utf-8"))
    source = SHARED / "realdocs" / "more" / gold["source"]
    if not source.exists():
        pytest.skip(f"{source} not found (../shared is absent)")
    record = parse_file(source)
    want = gold_tasks(gold)
    pairs = match_tasks(record["tasks"], want)
    precision = len(pairs) / len(record["tasks"]) if record["tasks"] else 0.0
    recall = len(pairs) / len(want)
    f1 = 2 * precision * recall / (precision + recall) if pairs else 0.0
    assert f1 >= floor, f"task F1 {f1:.2f} on {gold_name}"


# a leading adverbial before the subject: (sentence, the owner it names or None)
ADVERBIALS = [
    ("Căn cứ Kế hoạch phát động thi đua của UBND tỉnh, các cơ quan, đơn vị xây dựng kế hoạch.", "Các cơ quan, đơn vị"),
    ("Căn cứ nội dung Chiến lược, Chương trình; các sở, ban, ngành tiến hành tổng kết.", "Các sở, ban, ngành"),
    ("Khi có kết quả đánh giá chính thức, Sở Nội vụ tổ chức hội nghị phân tích.", "Sở Nội vụ"),
    # a long clause with its own verbs is no adverbial: its comma lists things
    ("Căn cứ tình hình thực tế của địa phương và khả năng cân đối ngân sách trình Hội đồng nhân dân cùng cấp "
     "bố trí kinh phí thực hiện Chương trình cho các cơ quan, đơn vị ở địa phương theo quy định.", None),
    # a comma among partners is no end of an adverbial
    ("Trong quá trình thực hiện chủ động phối hợp với Sở Tài chính, Sở Y tế để kịp thời tháo gỡ.", None),
]


@pytest.mark.parametrize("sentence,owner", ADVERBIALS, ids=range(len(ADVERBIALS)))
def test_the_subject_after_a_leading_adverbial(sentence, owner):
    from vanban.extractors.tasks.prose import _after_adverbial
    found = _after_adverbial(sentence)
    assert (found[0].lead[0].text if found else None) == owner

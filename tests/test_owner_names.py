"""Owner phrases whose names hold verb-like words: the closed table ``body_names`` of
``owners.json`` and the ``compound_nouns`` beside it.

"Sở Giao thông vận tải" was cut to "Sở Giao thông" because underthesea tags
"vận tải" as a verb; "Cơ quan chủ quản Chương trình" to "… Chương" because
"trình" is a verb of the lexicon.  The table is consumed whole before any verb
test, on folded letters, so OCR damage to the marks does not cut it either.
Each case is text → owner phrase; the table tests walk every entry.
"""

import pytest

from vanban.extractors.owners import (defined_owner_names, distributed_places, fold_chars, known_body_end, owner_phrase_end,
                                     split_owner_list)
from vanban.extractors.lexicon import load


def phrase(text: str) -> str:
    return text[:owner_phrase_end(text)].strip(" ,")


# an owner phrase opening a sentence, then its verb: the phrase is the whole body name
CUT_AT_A_VERB = [
    ("Sở Giao thông vận tải chủ trì, phối hợp với các đơn vị", "Sở Giao thông vận tải"),
    ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh tổ chức hội nghị", "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh"),
    ("Cục Cảnh sát điều tra tội phạm về ma tuý chủ trì triển khai", "Cục Cảnh sát điều tra tội phạm về ma tuý"),
    ("Cơ quan chủ quản Chương trình có trách nhiệm hướng dẫn", "Cơ quan chủ quản Chương trình"),
    ("Sở Kế hoạch và Đầu tư tham mưu bố trí vốn", "Sở Kế hoạch và Đầu tư"),
    ("Sở Lao động - Thương binh và Xã hội hướng dẫn", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở Nông nghiệp và Phát triển nông thôn triển khai", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Giám đốc Sở Văn hóa, Thể thao và Du lịch chỉ đạo", "Giám đốc Sở Văn hóa, Thể thao và Du lịch"),
    ("Phòng Cảnh sát giao thông Công an tỉnh tuần tra", "Phòng Cảnh sát giao thông Công an tỉnh"),
    ("Ban Quản lý các khu công nghiệp tỉnh hướng dẫn doanh nghiệp", "Ban Quản lý các khu công nghiệp tỉnh"),
    ("Phòng Tài chính - Kế hoạch thẩm định", "Phòng Tài chính - Kế hoạch"),
]

# OCR damage to the marks, or the old tone placement: the folded name still matches
DAMAGED = [
    ("Sở Giao thông vận tai chủ trì", "Sở Giao thông vận tai"),
    ("Sở Giao thong văn tải thực hiện", "Sở Giao thong văn tải"),
    ("Sở Văn hoá, Thể thao và Du lịch tổ chức", "Sở Văn hoá, Thể thao và Du lịch"),
    ("Sở Lao động-Thương binh và Xã hội rà soát", "Sở Lao động-Thương binh và Xã hội"),
    ("Ủy bán nhân đân tỉnh chỉ đạo", "Ủy bán nhân đân tỉnh"),
]

# the name is consumed, the verb after it still ends the phrase
VERB_AFTER_THE_NAME = [
    ("Sở Xây dựng xây dựng kế hoạch", "Sở Xây dựng"),
    ("Sở Công Thương tổ chức kiểm tra", "Sở Công Thương"),
    ("Chủ đầu tư lập hồ sơ", "Chủ đầu tư"),
    ("Các sở, ngành triển khai", "Các sở, ngành"),
]


@pytest.mark.parametrize("text,owner", CUT_AT_A_VERB + DAMAGED + VERB_AFTER_THE_NAME)
def test_owner_phrase_is_the_whole_body_name(text, owner):
    assert phrase(text) == owner


@pytest.mark.parametrize("cell,owners", [
    ("Sở Văn hóa, Thể thao và Du lịch, Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh, Sở Giao thông vận tải",
     ["Sở Văn hóa, Thể thao và Du lịch", "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh", "Sở Giao thông vận tải"]),
    ("Sở Văn hoá, Thể thao và Du lịch; UBND các huyện, thành phố",
     ["Sở Văn hoá, Thể thao và Du lịch", "UBND các huyện, thành phố"]),
    ("Sở Kế hoạch và Đầu tư, Sở Tài chính", ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]),
])
def test_commas_inside_known_names_do_not_split_a_list(cell, owners):
    assert split_owner_list(cell) == owners


TABLE = load("owners")["body_names"]
DEPARTMENTS = list(load("issuers")["ministry_names"]) + TABLE["departments"]


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_every_department_is_whole_after_each_head_and_before_a_verb(department):
    for head in TABLE["department_heads"]:
        name = f"{head[:1].upper()}{head[1:]} {department}"
        assert phrase(f"{name} thực hiện") == name
        folded = fold_chars(name + " chủ trì")
        assert known_body_end(folded, 0) == len(name)


@pytest.mark.parametrize("body", TABLE["bodies"])
def test_every_whole_body_name_is_one_owner_phrase(body):
    assert phrase(f"{body} chủ trì, phối hợp với các đơn vị") == body
    assert known_body_end(fold_chars(body + " chủ trì"), 0) == len(body)


@pytest.mark.parametrize("noun", load("owners")["compound_nouns"])
def test_a_compound_noun_does_not_end_an_owner_phrase(noun):
    owner = f"Cơ quan chủ quản {noun[:1].upper()}{noun[1:]} số 5"
    assert phrase(f"{owner} có trách nhiệm báo cáo") == owner


def test_a_name_must_end_at_a_word_boundary():
    """"Sở Y tế" is no prefix of "Sở Y tếx"; a body name is whole words."""
    assert known_body_end(fold_chars("Sở Y tếx"), 0) == 0
    assert known_body_end(fold_chars("Sở Y tế chủ trì"), 0) == len("Sở Y tế")


@pytest.mark.parametrize("level", TABLE["levels"])
def test_a_tier_word_after_a_known_name_belongs_to_it(level):
    """"Công an tỉnh" is one name even when OCR reads "Công an tính" (a verb to the tagger)."""
    name = f"Công an {level}"
    assert known_body_end(fold_chars(name + " chủ trì"), 0) == len(name)
    assert phrase(f"{name} chủ trì, phối hợp") == name


@pytest.mark.parametrize("text,owner", [
    ("Giao Công an tính chú trì, phối hợp Văn phòng", "Công an tính"),       # OCR: tỉnh, chủ trì
    ("Bộ Chỉ huy quân sự tính chỉ đạo lực lượng Bộ đội Biên phòng", "Bộ Chỉ huy quân sự tính"),
    ("Sở Y tế phôi hợp với Sở Tài chính", "Sở Y tế"),                         # OCR: phối hợp
])
def test_ocr_damaged_tier_and_verb(text, owner):
    from vanban.extractors.owners import strip_trigger
    rest, _ = strip_trigger(text)
    assert phrase(rest) == owner


@pytest.mark.parametrize("cell,owners", [
    ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố",
     ["Bộ trưởng, Thủ trưởng cơ quan ngang bộ", "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố"]),
    ("Giám đốc, Thủ trưởng các sở, ban, ngành", ["Giám đốc, Thủ trưởng các sở, ban, ngành"]),
    ("Chánh Văn phòng UBND tỉnh, Giám đốc Công an tỉnh, Chủ tịch UBND các huyện",
     ["Chánh Văn phòng UBND tỉnh", "Giám đốc Công an tỉnh", "Chủ tịch UBND các huyện"]),
])
def test_a_bare_title_shares_the_body_of_the_next_piece(cell, owners):
    assert split_owner_list(cell) == owners


@pytest.mark.parametrize("title", sorted(load("owners")["bare_positions"]))
def test_every_bare_title_joins_the_next_piece(title):
    cell = f"{title[:1].upper()}{title[1:]}, Thủ trưởng các cơ quan, đơn vị; Sở Y tế"
    assert split_owner_list(cell) == [cell.split(";")[0], "Sở Y tế"]


def test_folding_keeps_offsets():
    text = "Ủy ban nhân dân tỉnh Đắk Lắk"
    folded = fold_chars(text)
    assert len(folded) == len(text) and folded == "uy ban nhan dan tinh dak lak"


@pytest.mark.parametrize("text,owners", [
    # OCR damage to a two-word owner noun ("Giám độc" for "Giám đốc") does not end the list
    ("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám độc Công an tỉnh, Thủ trưởng các cơ quan chịu trách nhiệm thi hành",
     ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám độc Công an tỉnh", "Thủ trưởng các cơ quan"]),
])
def test_ocr_damaged_owner_noun_continues_a_list(text, owners):
    from vanban.extractors.tasks.prose import sentence_owner
    who, _ = sentence_owner(text)
    assert [o.text for o in who.lead] == owners


def test_a_capitalised_name_is_no_folded_verb():
    """"phần Công nghệ" folds like "phân công", but a capital opens a name."""
    assert phrase("Công ty Cổ phần Công nghệ Tin học EFY Việt Nam chủ trì") == "Công ty Cổ phần Công nghệ Tin học EFY Việt Nam"


@pytest.mark.parametrize("text,owner", [
    ("Các cấp ủy, tổ chức, cơ quan đảng triển khai", "Các cấp ủy, tổ chức, cơ quan đảng"),   # 'tổ chức' after a list comma is a noun
    ("Cơ quan, tổ chức, cá nhân thực hiện", "Cơ quan, tổ chức, cá nhân"),
])
def test_to_chuc_after_a_list_comma_is_a_noun(text, owner):
    assert phrase(text) == owner


@pytest.mark.parametrize("text", [
    "Các cấp uỷ, tổ chức, cơ quan đảng từ Trung ương đến chi bộ.",      # a scope, not work
    "Các sở, ngành thuộc Ủy ban nhân dân tỉnh.",
])
def test_an_owner_phrase_followed_by_its_scope_assigns_nothing(text):
    from vanban.extractors.tasks.prose import sentence_owner
    assert sentence_owner(text) is None


def test_an_owner_that_is_the_focal_point_is_assigned():
    """"X là đầu mối …" gives X work: 'là' is no scope."""
    from vanban.extractors.tasks.prose import sentence_owner
    who, _ = sentence_owner("Sở, ban, ngành, Ủy ban nhân dân huyện, thị xã là đầu mối thực hiện")
    assert [o.text for o in who.lead] == ["Sở, ban, ngành", "Ủy ban nhân dân huyện, thị xã"]


def test_ocr_damaged_owner_noun_after_va_is_another_owner():
    """"và đại biêu Hội đông …" (OCR for "đại biểu Hội đồng") is a third owner, not the end of the list."""
    from vanban.extractors.tasks.prose import sentence_owner
    who, _ = sentence_owner("Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh và "
                            "đại biêu Hội đông nhân dân tỉnh giám sát việc thực hiện Nghị quyết.")
    assert [o.text for o in who.lead][-1].lower() == "đại biêu hội đông nhân dân tỉnh"


# a list of tiers shortened ("các huyện, thành, thị": huyện, thành phố, thị xã) is one owner;
# "thành" opening a noun ("thành viên") is another piece
TIERS = [
    ("UBND các huyện, thành, thị xây dựng kế hoạch", ["UBND các huyện, thành, thị"]),
    ("Các sở, ban, ngành, UBND các huyện, thành, thị thực hiện", ["Các sở, ban, ngành", "UBND các huyện, thành, thị"]),
    ("UBND các huyện, thành viên Ban Chỉ đạo triển khai", ["UBND các huyện", "thành viên Ban Chỉ đạo"]),
]


@pytest.mark.parametrize("text,owners", TIERS)
def test_shortened_tier_words_continue_a_list_of_tiers(text, owners):
    assert split_owner_list(phrase(text), trim_verb_phrase=False) == owners


# one body of a singular tier named with several places: one body per place; a plural tier
# ("các huyện: A, B") is the class it enumerates, and a piece with its own owner noun is another owner
PLACES = [
    ("UBND tỉnh Điện Biên, Nghệ An và Tây Ninh phối hợp",
     ["UBND tỉnh Điện Biên", "UBND tỉnh Nghệ An", "UBND tỉnh Tây Ninh"]),
    ("Chủ tịch UBND xã Hòa Bình, Hòa Phú và Hòa Sơn chỉ đạo",
     ["Chủ tịch UBND xã Hòa Bình", "Chủ tịch UBND xã Hòa Phú", "Chủ tịch UBND xã Hòa Sơn"]),
    ("UBND tỉnh Bà Rịa - Vũng Tàu và Đồng Nai thực hiện", ["UBND tỉnh Bà Rịa - Vũng Tàu", "UBND tỉnh Đồng Nai"]),
    ("UBND các tỉnh Điện Biên, Nghệ An và Tây Ninh thực hiện", None),
    ("Sở Y tế tỉnh Hà Nam và Sở Tư pháp thực hiện", None),
]


@pytest.mark.parametrize("text,owners", PLACES)
def test_a_body_named_with_several_places_is_one_body_per_place(text, owners):
    found = distributed_places(text)
    assert (found[0] if found else None) == owners
    if owners:
        assert split_owner_list(phrase(text), trim_verb_phrase=False) == owners


# the names a document gives the bodies it asks ("(gọi là …)", "(sau đây gọi tắt là …)")
DEFINED = [
    ("các bộ, cơ quan chủ dự án, tiểu dự án thành phần (gọi là chủ dự án thành phần), các bộ, cơ quan trung ương"
     " và UBND cấp tỉnh được Thủ tướng Chính phủ giao kế hoạch vốn (gọi là cơ quan chủ quản Chương trình) phối hợp chỉ đạo",
     ["chủ dự án thành phần", "cơ quan chủ quản Chương trình"], " phối hợp chỉ đạo"),
    ("Ủy ban nhân dân các huyện, thị xã, thành phố (sau đây gọi tắt là UBND cấp huyện) tổ chức",
     ["UBND cấp huyện"], " tổ chức"),
    ("Sở Tư pháp chủ trì. Chương trình (gọi tắt là Chương trình)", None, None),          # a sentence ends first
    ("Quyết định số 1452/QĐ-TTg (sau đây gọi tắt là Chương trình)", None, None),       # no owner defined
]


@pytest.mark.parametrize("text,names,after", DEFINED)
def test_names_the_document_gives_its_owners(text, names, after):
    found = defined_owner_names(text)
    if names is None:
        assert found is None
        return
    spans, end = found
    assert [text[a:b] for a, b in spans] == names
    assert text[end:] == after

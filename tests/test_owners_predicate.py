"""What can be an owner: ``owners.is_owner_name`` and its word table (owners.json, ``not_owner``).

An owner is a body, a position or a named person — never a connective opening a
condition, a section word, a generic noun standing alone or an ID number.  The
table test walks every word of the data table, so a new entry is tested too.
"""

import pytest

from vanban.extractors.owners import is_owner_name
from vanban.extractors.lexicon import load

OWNERS = [
    "Sở Y tế", "Bộ Nội vụ", "Giám đốc Sở Công Thương", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "UBND các huyện, thị xã", "Các đơn vị", "Công an tỉnh", "Chủ tịch Ủy ban nhân dân cấp xã",
    "Cơ quan chủ quản Chương trình", "Chi cục Hải quan khu vực XIII", "Người ký văn bản",
    "Đồng chí Nguyễn Minh", "Liên đoàn Lao động tỉnh", "Trung tâm QLCL", "C04", "V01",
]

NOT_OWNERS = [
    "Trường hợp", "Trường hợp cơ quan thuế phát hiện", "Cơ quan", "Đơn vị", "Người", "Chung", "(2)",
    "43/KH-UBND", "Điều 5", "Khoản 2", "Phụ lục II", "Đối với các xã", "II.", "12", "", "  ", "—",
    "Căn cứ Luật Tổ chức chính quyền địa phương", "Theo đề nghị của Giám đốc Sở Nội vụ",
    "Tổ chức", "Cá nhân", "Nơi nhận",
]


@pytest.mark.parametrize("text", OWNERS)
def test_bodies_positions_and_people_are_owners(text):
    assert is_owner_name(text)


@pytest.mark.parametrize("text", NOT_OWNERS)
def test_connectives_section_words_and_numbers_are_not(text):
    assert not is_owner_name(text)


TABLE = load("owners")["not_owner"]


@pytest.mark.parametrize("word", TABLE["connectives"] + TABLE["section_words"])
def test_every_opening_word_of_the_table_stops_an_owner(word):
    """Each connective or section word, opening a phrase that would otherwise read as
    an owner ("Trường hợp Sở …"), makes it no owner; capitalised as in a sentence."""
    phrase = f"{word[:1].upper()}{word[1:]} Sở Y tế"
    assert not is_owner_name(phrase)


@pytest.mark.parametrize("word", sorted(TABLE["bare_generic"]))
def test_every_bare_generic_noun_alone_is_no_owner_but_named_it_is(word):
    assert not is_owner_name(word[:1].upper() + word[1:])
    assert is_owner_name(f"{word[:1].upper()}{word[1:]} Nguyễn Trãi")      # named, it names someone




@pytest.mark.parametrize("text,named", [
    ("Cục Hóa chất", True), ("Ủy ban nhân dân cấp tỉnh", True), ("Bộ trưởng Bộ Công Thương", True),
    ("Cơ quan thuế", False), ("Người mua", False), ("Tổ chức, cá nhân hoạt động dầu khí", False),
    ("Các đơn vị", False), ("Doanh nghiệp kinh doanh xăng dầu", False), ("Trường hợp", False),
])
def test_names_a_body_tells_a_named_office_from_a_class_of_actors(text, named):
    """In normative texts only duties of a named body or office are tasks."""
    from vanban.extractors.owners import names_a_body
    assert names_a_body(text) is named

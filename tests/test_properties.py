"""Property tests over the whole extraction: random and mutated Vietnamese
documents never raise, always give a schema-valid record, and every span in
the record points inside its text at the text it claims.

The documents are the seed plans cut, shuffled, duplicated and sprinkled with
noise (OCR-like character slips, stray digits and separators, keywords out of
place), and also plain random text over the Vietnamese alphabet.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanban.pipeline.assemble import assemble
from vanban.pipeline.model import PageInfo, RawDocument
from vanban.pipeline.output import validate
from vanban.pipeline.readers.text import lines_to_blocks
from vanban.pipeline.run import extract

from .conftest import SAMPLES

SEEDS = [SAMPLES / "000_1e1698cb1e74ad37.txt", SAMPLES / "004_d5409b736efdaf35.txt"]
SEED_LINES = [p.read_text("utf-8").split("\n") for p in SEEDS]
VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
NOISE = VI_LETTERS + VI_LETTERS.upper() + "0123456789/-.,:;()\t|•–—\"'  \u00a0\u200b"
KEYWORDS = ["Số:", "/KH-UBND", "/QĐ-UBND", "ngày", "tháng", "năm", "Quý II/2025", "Căn cứ", "Nghị định số",
            "chủ trì", "phối hợp", "Thời gian:", "Giao", "Đề nghị", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "I.", "1.", "a)",
            "Điều 2.", "STT\tNội dung\tChủ trì\tPhối hợp\tThời gian", "hằng tháng", "trước ngày 31/12", "\t\t\t"]


@st.composite
def mutated_documents(draw) -> list[str]:
    lines = list(draw(st.sampled_from(SEED_LINES)))
    start = draw(st.integers(0, len(lines) - 1))
    lines = lines[start:start + draw(st.integers(1, 90))]
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.sampled_from(["drop", "dup", "swap", "noise", "keyword", "cut", "upper", "tabs"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines.append(draw(st.text(NOISE, max_size=40)))
        elif op == "drop" and len(lines) > 1:
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "noise":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(NOISE, min_size=1, max_size=6)) + lines[i][at:]
        elif op == "keyword":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + " " + draw(st.sampled_from(KEYWORDS)) + " " + lines[i][at:]
        elif op == "cut":
            lines[i] = lines[i][:draw(st.integers(0, len(lines[i])))]
        elif op == "upper":
            lines[i] = lines[i].upper()
        elif op == "tabs":
            lines[i] = lines[i].replace(" ", "\t", draw(st.integers(1, 3)))
    return lines


def _extract(lines: list[str]) -> dict:
    raw = RawDocument(lines_to_blocks(lines), [PageInfo(1, text_source="text")], "text")
    return extract(assemble(raw), SEEDS[0], "text")


def _check(record: dict) -> None:
    assert record["status"] == "ok", record.get("error")     # a schema violation turns into an error record
    assert validate(record) == []
    text = record["text"]
    n = len(text)
    for c in record["citations"]:
        for s in c["spans"]:
            assert 0 <= s["start"] <= s["end"] <= n and text[s["start"]:s["end"]] == s["text"]
    for t in record["tasks"]:
        src = t["source"]
        assert 0 <= src["start"] <= src["end"] <= n
        assert t["description"].strip()
        assert t["deadline"]["start"] is None or t["deadline"]["end"] is None or t["deadline"]["start"] <= t["deadline"]["end"]
    for s in record["sections"]:
        assert 0 <= s["start"] <= s["end"] <= n
    ids = [t["id"] for t in record["tasks"]]
    assert len(ids) == len(set(ids))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_documents())
def test_mutated_plans_extract_cleanly(lines):
    _check(_extract(lines))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(NOISE, max_size=120), min_size=1, max_size=40))
def test_random_vietnamese_text_extracts_cleanly(lines):
    _check(_extract(lines))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.text(NOISE, max_size=40), min_size=1, max_size=7), min_size=1, max_size=12))
def test_random_tables_extract_cleanly(rows):
    header = ["STT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Thời gian"]
    lines = ["KẾ HOẠCH", "\t".join(header)] + ["\t".join(r) for r in rows]
    _check(_extract(lines))


# --- the text-level extractors on their own ---------------------------------------------
from vanban.extractors.deadlines import find_deadline_phrases  # noqa: E402
from vanban.extractors.issuers import full_name, issuer_phrase_end, level_of  # noqa: E402
from vanban.extractors.owners import make_owner, owner_phrase_end, split_owner_list, strip_trigger  # noqa: E402
from vanban.pipeline.textnorm import fold_diacritics  # noqa: E402

PHRASE = st.lists(st.one_of(st.sampled_from(KEYWORDS + ["Văn phòng UBND xã", "Công chức Văn hoá- Xã hội", "các ban, ngành",
                                                        "Sở Tài chính", "và", ",", ";", "UBND tỉnh Lào Cai", "HĐND-UBND"]),
                            st.text(NOISE, max_size=12)), max_size=12).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(PHRASE)
def test_owner_and_issuer_helpers_never_raise_and_stay_in_bounds(text):
    owner = make_owner(text)
    assert owner.key == fold_diacritics(owner.name)
    assert 0 <= owner_phrase_end(text, use_pos=False) <= len(text)
    assert 0 <= issuer_phrase_end(text) <= len(text)
    body, trigger = strip_trigger(text)
    assert trigger is None or isinstance(trigger, str)
    for name in split_owner_list(text):
        assert name.strip()
    full_name(text)
    assert level_of(text) in (None, "xa", "huyen", "tinh", "bo", "trung_uong")


@settings(max_examples=300, deadline=None)
@given(PHRASE)
def test_deadline_phrases_point_into_the_text(text):
    for m in find_deadline_phrases(text):
        assert 0 <= m.start() <= m.end() <= len(text)


def test_a_bare_numbered_heading_over_a_responsibility_line_gives_no_empty_task():
    """Found by the mutation test above: an "Điều 2." with no title inside a section whose
    "Phân công trách nhiệm" names a lead made a task with an empty description (schema-invalid)."""
    lines = ["**II. NHIỆM VỤ VÀ GIẢI PHÁP**", "", "**1.1. Tỷ lệ đạt chuẩn của cán bộ cấp xã.**", " Điều 2. ",
             "a) Mục tiêu, yêu cầu: 100% cán bộ, công chức đáp ứng các tiêu chuẩn.", "", "c) Phân công trách nhiệm", "",
             "- Công chức phụ trách: Văn phòng – Thống kê."]
    record = _extract(lines)
    _check(record)
    assert all(t["description"] for t in record["tasks"])

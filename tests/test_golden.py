"""The two seed plans match the hand-made gold extractions, field by field."""

import json

import pytest

from vanban.pipeline.output import validate

from .conftest import GOLD, SAMPLES
from .golden import compare

CASES = [("000_1e1698cb1e74ad37.txt", "seed-000.json"), ("004_d5409b736efdaf35.txt", "seed-004.json")]


@pytest.mark.parametrize("sample,gold", CASES)
def test_seed_matches_gold(parse, sample, gold):
    result = parse(SAMPLES / sample)
    assert validate(result) == []
    diffs = compare(result, json.loads((GOLD / gold).read_text("utf-8")))
    assert diffs == []


def test_compare_detects_a_wrong_field(parse):
    """The comparison itself can fail: a changed lead is reported."""
    result = json.loads(json.dumps(parse(SAMPLES / CASES[0][0])))
    result["tasks"][4]["lead"] = ["Văn phòng UBND xã"]
    gold = json.loads((GOLD / CASES[0][1]).read_text("utf-8"))
    assert any("task 5.lead" in d for d in compare(result, gold))


@pytest.mark.parametrize("sample,gold", CASES)
def test_spans_point_into_text(parse, sample, gold):
    result = parse(SAMPLES / sample)
    text = result["text"]
    for c in result["citations"]:
        for s in c["spans"]:
            assert text[s["start"]:s["end"]] == s["text"]
            assert c["number"].replace(" ", "")[:3] in s["text"].replace(" ", "")
    for t in result["tasks"]:
        src = t["source"]
        assert 0 <= src["start"] < src["end"] <= len(text)
    # table task descriptions are found where their source row says
    for t in result["tasks"]:
        if t["source"]["kind"] == "table":
            assert t["description"] in text[t["source"]["start"]:t["source"]["end"]]

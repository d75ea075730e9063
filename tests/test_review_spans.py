"""The review page draws metadata from the record's spans, never by searching the text.

A metadata mark sits exactly on ``document.spans`` (the printed number, the two lines
of a stacked issuer, a title without its ``Về việc``); a value without a span has no
mark, even when its words occur in the text; task owners and deadlines are drawn from
their ``span`` in the same way.
"""

from __future__ import annotations

import copy

import pytest

from vanban.pipeline.review.marks import METADATA_LABELS, record_marks, shown_value

from .conftest import ROOT, SAMPLES

SEED_TEXT = SAMPLES / "000_1e1698cb1e74ad37.txt"
STACKED = ROOT / "tests" / "data" / "kh-huyen-bang-khac.txt"


def _metadata_marks(record: dict) -> list[tuple[int, int, str]]:
    return sorted((m.start, m.end, m.label) for m in record_marks(record) if m.kind == "metadata")


@pytest.mark.parametrize("path", [SEED_TEXT, STACKED, ROOT / "tests" / "data" / "qd-so-noi-vu.txt"], ids=lambda p: p.name)
def test_metadata_marks_are_the_record_spans(parse, path):
    record = parse(path)
    d = record["document"]
    want = sorted((s["start"], s["end"], f"{METADATA_LABELS[name]}: {shown_value(d, name)}")
                  for name, spans in d["spans"].items() if name in METADATA_LABELS for s in spans)
    assert want and _metadata_marks(record) == want


def test_every_span_field_has_a_label():
    """The extractor's span fields and the page's labels are one list (a new field gets a label)."""
    from vanban.extractors.metadata import extract_metadata
    from vanban.pipeline.run import analyse
    doc, record = analyse(SEED_TEXT)
    assert set(extract_metadata(doc).spans) <= set(METADATA_LABELS)
    for name, label in METADATA_LABELS.items():
        assert label and label == label.strip()
        assert name in {"doc_type", "number", "issued_date", "place", "issuer", "issuer_parent", "title",
                        "signer_name", "signer_position"}


def test_the_stacked_issuer_is_marked_on_both_lines(parse):
    record = parse(STACKED)
    text = record["text"]
    issuer = [(s, e) for s, e, label in _metadata_marks(record) if label.startswith(METADATA_LABELS["issuer"])]
    assert [text[s:e] for s, e in issuer] == ["ỦY BAN NHÂN DÂN", "HUYỆN ĐỊNH HÓA"]


def test_a_value_without_a_span_is_not_searched_for(parse):
    """The signer's name occurs in the text, but with its span gone there is no mark."""
    record = copy.deepcopy(parse(SEED_TEXT))
    name = record["document"]["signer"]["name"]
    assert name in record["text"]
    del record["document"]["spans"]["signer_name"]
    labels = [label for _, _, label in _metadata_marks(record)]
    assert not any(label.startswith(METADATA_LABELS["signer_name"]) for label in labels)
    record["document"].pop("spans")
    assert _metadata_marks(record) == []


def test_owners_and_deadlines_are_drawn_from_their_spans_only(parse):
    """An owner or deadline mark sits on its ``span``; moved spans move the marks, and
    without a span there is no mark, even though the words are in the task's text."""
    record = copy.deepcopy(parse(SEED_TEXT))
    task = next(t for t in record["tasks"] if len(t["lead"]) == 1 and t["deadline"].get("text"))
    drawn = {m.kind: (m.start, m.end) for m in record_marks(record) if m.task == task["id"] and m.kind in ("lead", "deadline")}
    owner = next(o for o in task["owners"] if o["role"] == "lead")
    assert drawn == {"lead": (owner["span"]["start"], owner["span"]["end"]),
                     "deadline": (task["deadline"]["span"]["start"], task["deadline"]["span"]["end"])}
    start = task["source"]["start"]
    owner["span"] = {"start": start, "end": start + 3}
    task["deadline"]["span"] = {"start": start + 4, "end": start + 6}
    drawn = {m.kind: (m.start, m.end) for m in record_marks(record) if m.task == task["id"] and m.kind in ("lead", "deadline")}
    assert drawn == {"lead": (start, start + 3), "deadline": (start + 4, start + 6)}
    owner.pop("span")
    task["deadline"].pop("span")
    assert owner["text"] in record["text"][task["source"]["start"]:task["source"]["end"]]
    assert not [m for m in record_marks(record) if m.task == task["id"] and m.kind in ("lead", "deadline")]


def test_a_kind_is_marked_by_its_vietnamese_name(parse):
    labels = [label for _, _, label in _metadata_marks(parse(SEED_TEXT))]
    assert f"{METADATA_LABELS['doc_type']}: Kế hoạch" in labels and not any("ke_hoach" in label for label in labels)

"""The hand-made gold in tests/gold/real is well formed: what `vanban eval` reads must parse.

A malformed gold file would silently score as zero (or not at all); this checks
the shape every file must have, not its judgments.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest

from .conftest import GOLD

FILES = sorted((GOLD / "real").glob("*.json")) + sorted((GOLD / "holdout").glob("*.json"))
KINDS = {"date", "period", "recurring", "ongoing", "event", "unspecified"}
ROLES = {"basis", "implements", "mention"}


def _date(value) -> bool:
    if value is None:
        return True
    try:
        dt.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def test_there_is_gold_for_at_least_29_real_documents():
    assert len(FILES) >= 29
    assert len({json.loads(f.read_text("utf-8"))["source"] for f in FILES}) == len(FILES)


@pytest.mark.parametrize("path", FILES, ids=[f.stem[:40] for f in FILES])
def test_gold_file_shape(path):
    text = path.read_text("utf-8")
    assert unicodedata.is_normalized("NFC", text), "gold text must be NFC"
    gold = json.loads(text)
    assert gold["source"] and gold.get("note")
    doc = gold["document"]
    assert _date(doc.get("issued_date"))
    assert set(doc.get("accept_null") or []) <= {"doc_type", "number", "issued_date", "place", "issuer", "title",
                                                   "signer", "signer.name", "signer.position", "recipients"}
    for c in gold.get("citations") or []:
        assert c.get("role") in ROLES and _date(c.get("date")), c
    for t in (gold.get("tasks") or []) + (gold.get("assignments_in_prose") or []):
        assert t.get("description") or t.get("description_starts") or t.get("ref"), t
        assert isinstance(t.get("lead", []), list) and isinstance(t.get("support", []) or [], list), t
        d = t.get("deadline")
        if d is not None:
            assert d.get("kind") in KINDS and _date(d.get("start")) and _date(d.get("end")), d

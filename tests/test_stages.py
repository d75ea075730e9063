"""Stage timings: nested stages are not counted twice, and a fenced worker's
timings reach the parent beside its record (the record itself stays unchanged)."""

from __future__ import annotations

import time

from vanban.pipeline import stages
from vanban.pipeline.isolate import run_isolated
from vanban.pipeline.limits import Limits
from vanban.pipeline.output import validate
from vanban.pipeline.run import parse_file

from .conftest import SAMPLES


def test_a_nested_stage_is_taken_out_of_the_outer_one():
    stages.take()
    with stages.stage("read"):
        time.sleep(0.05)
        with stages.stage("ocr"):
            time.sleep(0.2)
    seconds = stages.take()
    assert 0.2 <= seconds["ocr"] < 0.35
    assert 0.05 <= seconds["read"] < 0.15          # without the 0.2 s of OCR inside it
    assert stages.take() == {}                     # taking starts again from zero


def _work(item):
    with stages.stage("extract"):
        time.sleep(item)
    return {"status": "ok"}


def test_a_worker_sends_its_stage_seconds_beside_the_record():
    heard = []
    out = list(run_isolated([0.1, 0.2], _work, Limits(max_seconds=30), jobs=2, on_stages=heard.append))
    assert [record for _, record in out] == [{"status": "ok"}] * 2
    assert sorted(round(h["extract"], 1) for h in heard) == [0.1, 0.2]


def test_a_parse_times_its_stages_and_its_record_has_no_timings():
    stages.take()
    record = parse_file(SAMPLES / "004_d5409b736efdaf35.txt")
    seconds = stages.take()
    assert set(seconds) == {"read", "layout", "extract"}
    assert validate(record) == [] and "timings" not in str(record["source"])

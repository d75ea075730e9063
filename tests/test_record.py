"""One serialiser and one schema check for every record parse, ingest, review and eval see."""

import copy
from pathlib import Path

from vanban.pipeline.output import _validator_class, schema, validate
from vanban.pipeline.record import checked
from vanban.pipeline.run import parse_safely

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_the_schema_is_valid_under_its_metaschema():
    """Checked here once, not at every parse (output._validator)."""
    _validator_class().check_schema(schema())


def test_a_parsed_record_passes_the_check_unchanged():
    src = SAMPLES / "004_d5409b736efdaf35.txt"
    record = parse_safely(src)
    assert record["status"] == "ok" and not validate(record)
    assert checked(record, src) is record


def test_an_invalid_record_becomes_a_schema_violation_error_record():
    src = SAMPLES / "004_d5409b736efdaf35.txt"
    record = copy.deepcopy(parse_safely(src))
    record["tasks"][0]["description"] = ""          # the schema wants a description
    out = checked(record, src)
    assert out["status"] == "error" and out["error"]["code"] == "schema_violation"
    assert "description" in out["error"]["message"]
    assert not validate(out)


def test_ingest_and_parse_share_the_checked_path():
    """ingest's worker and parse's worker call the same parse_safely, which ends in checked()."""
    import inspect
    from vanban.pipeline import run
    from vanban.pipeline.corpus import ingest
    assert "checked(" in inspect.getsource(run.extract)
    assert "parse_safely" in inspect.getsource(ingest)

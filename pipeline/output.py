"""Write results: atomically, and checked against the schema.

A result is written to a temporary file in the target folder and renamed over
the final name, so a crash or a kill never leaves half a JSON file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import jsonschema


def schema_path() -> Path:
    """The schema file as installed (``vanban.schemas``), which in a checkout is ``schemas/``."""
    from importlib import resources
    return Path(str(resources.files("vanban.schemas").joinpath("vanban.schema.json")))


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(schema_path().read_text("utf-8"))


def _validator_class():
    return jsonschema.validators.validator_for(schema())


@lru_cache(maxsize=1)
def _validator():
    """The record validator.  The schema itself is checked against its
    metaschema by the tests, not here: that check cost ~0.2 s of every cold
    parse and of every forked worker."""
    return _validator_class()(schema(), format_checker=jsonschema.FormatChecker())


def validate(result: dict) -> list[str]:
    """Schema errors as readable strings (empty when valid).

    The top level is a ``oneOf`` (an extraction or an error record), whose own
    message would quote the whole record; ``best_match`` descends to the field
    that is actually wrong (``tasks/0/description: '' should be non-empty``)."""
    from jsonschema.exceptions import best_match
    out = []
    for error in _validator().iter_errors(result):
        e = best_match([error])
        out.append(f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message[:200]}")
    return out


def write_atomic(path: Path, data: dict) -> None:
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes, make_parents: bool = True) -> None:
    """Temp file in the same folder, fsync, rename: a reader never sees half a file.
    With ``make_parents=False`` a missing folder is a ``FileNotFoundError``."""
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())        # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

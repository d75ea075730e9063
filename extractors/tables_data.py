"""Load the abbreviation and pattern tables kept in ``extractors/data``.

Tables are data, not code, so a new type code or abbreviation is a one-line
change to a JSON file; this module only reads and caches them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    text = resources.files("vanban.extractors").joinpath(f"data/{name}.json").read_text("utf-8")
    return json.loads(text)

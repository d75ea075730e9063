"""The lexicon: every vocabulary vanban matches against, read from ``extractors/data``.

Words and phrases are data, not code — header and column-role words, deadline
phrases with their kind and rule, frame markers (motto, closing lines), document
types, Vietnamese character classes, owner and issuer tables — one JSON file per
vocabulary, each with an ``"_about"`` field saying what it holds and how entries are
used.  A new word is a one-line change to a file, and ``tests/test_lexicon.py``
holds a real example for every entry, so a broken or removed entry fails a test.
How fragments combine into patterns stays with the code that uses them; this
module only reads, caches and hands out the entries.

It imports nothing of vanban, so pipeline stages and extractors alike can read
the vocabulary without one reaching into the other.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The vocabulary ``data/<name>.json`` as parsed JSON (cached: callers must not mutate it)."""
    text = resources.files("vanban.extractors").joinpath(f"data/{name}.json").read_text("utf-8")
    return json.loads(text)


def charclass(name: str) -> str:
    """A Vietnamese character class from ``data/charclasses.json``, as the inside of a
    regex class: ``rf"[{charclass('capitals')}]"`` (one spelling for every pattern)."""
    return load("charclasses")[name]

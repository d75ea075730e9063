"""Shared fixtures: paths, a parse cache (parsing is the slow part), helpers."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "gold"
SHARED = Path(os.environ.get("VANBAN_SHARED", ROOT.parent / "shared"))
REALDOCS = SHARED / "realdocs"


@lru_cache(maxsize=None)
def parsed(path: str) -> dict:
    from vanban.pipeline.run import parse_file
    return parse_file(path)


@pytest.fixture(scope="session")
def parse():
    return lambda p: parsed(str(p))


def need_realdocs():
    if not REALDOCS.exists():
        pytest.skip(f"real documents not found at {REALDOCS} (set VANBAN_SHARED)")

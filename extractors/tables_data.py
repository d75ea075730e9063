"""Compatibility name of :mod:`.lexicon` (the one loader of ``extractors/data``)."""

from __future__ import annotations

from .lexicon import load

__all__ = ["load"]

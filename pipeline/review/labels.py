"""Vietnamese names for the codes a record stores, for the pages people read.

Records keep stable codes (``ke_hoach``, ``xa``, ``basis``) and English warnings;
the review page and the web app show "Kế hoạch", "cấp xã", "căn cứ" and the
warnings in Vietnamese.  Document kinds are named
by the same table that reads them (extractors/data/doc_types.json), the rest by
pipeline/data/ui_labels.json.  An unknown code is shown as it is.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _labels() -> dict:
    return json.loads(resources.files("vanban.pipeline").joinpath("data/ui_labels.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _doc_type_names() -> dict[str, str]:
    from vanban.extractors.lexicon import load
    names: dict[str, str] = {}
    for name, code in load("doc_types")["names"].items():
        names.setdefault(code, name)            # the first name of a code is its own ("công văn" before "văn bản")
    return names


def _capitalised(text: str) -> str:
    return unicodedata.normalize("NFC", text[:1].upper() + text[1:])


def doc_type_label(code: str | None) -> str:
    """'ke_hoach' → 'Kế hoạch'."""
    if not code:
        return ""
    name = _doc_type_names().get(code)
    return _capitalised(name) if name else code


def label(table: str, code: str | None) -> str:
    """A code of ``table`` in ui_labels.json by its Vietnamese name ('issuer_levels', 'xa' → 'cấp xã')."""
    if not code:
        return ""
    return _labels()[table].get(code, code)


@lru_cache(maxsize=1)
def _warning_patterns() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(pattern), template) for pattern, template in _labels()["warnings"]]


def warning_label(text: str) -> str:
    """A record's warning (English, for programs and the CLI) in Vietnamese, for the pages
    people read; a warning no pattern of ui_labels.json knows is shown as it is."""
    for pattern, template in _warning_patterns():
        m = pattern.fullmatch(text)
        if m:
            values = {k: (v or "").replace("not legible", "không đọc được") for k, v in m.groupdict().items()}
            return template.format(**values)
    return text


def install(env) -> None:
    """The filters both Jinja environments use: ``doc_type``, ``level``, ``citation_role``,
    ``task_source``, ``warning``."""
    env.filters["doc_type"] = doc_type_label
    env.filters["level"] = lambda code: label("issuer_levels", code)
    env.filters["citation_role"] = lambda code: label("citation_roles", code)
    env.filters["task_source"] = lambda code: label("task_sources", code)
    env.filters["warning"] = warning_label

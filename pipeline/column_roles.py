"""Column roles: what each header cell of a table names (task, lead, deadline…).

Both the table-repair stage (is this row a header repeated after a page
break?) and the task extractor (which column holds the work, the owner, the
time?) ask this, so it lives here, beside the stages, and reads its words from
the lexicon (``extractors/data/column_roles.json``).

Each header cell gets one role from the whole cell, read as a Vietnamese noun
phrase: its head word comes first ("Nhiệm vụ thực hiện" is a task, "Người thực
hiện" an owner, "Tiến độ hiện tại" a status), so the phrase found *earliest* in
the cell decides, the longest one when several start there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vanban.extractors.lexicon import load

from .textnorm import unify_tones

# one column naming the lead first and then the collaborators ("Chủ trì/phối hợp")
_LEAD, _SUPPORT = load("assignment_words")["lead_word"], load("assignment_words")["support_word"]
_LEAD_AND_SUPPORT = re.compile(rf"{_LEAD}\s*(?:[/,;&-]|và)\s*\S|{_LEAD}.*{_SUPPORT}")
# "thực hiện" followed by a period is the column of figures achieved, not of who does the work
_FIGURES_DONE = re.compile(r"\s*(?:\d|năm\b|tháng\b|quý\b|đến\b|cùng\s+kỳ|kỳ\b|\d+\s+tháng)")


def role_phrases() -> dict[str, list[str]]:
    """Role → header phrases, as the lexicon has them ("=…" names a whole cell only)."""
    return load("column_roles")["roles"]


def generic_heads() -> tuple[str, ...]:
    """Heads so generic that an owner word after them decides the role."""
    return tuple(load("column_roles")["generic_heads"])


def header_words() -> tuple[str, ...]:
    """Words that make a row a task table's header on their own."""
    return tuple(load("column_roles")["header_words"])


def normalize_cell(cell: str) -> str:
    """A header cell as the vocabulary is matched: lower case, one tone placement, single spaces."""
    return " ".join(unify_tones(cell).lower().replace("\n", " ").split())


@lru_cache(maxsize=1)
def _compiled_roles() -> list[tuple[str, str, re.Pattern | None]]:
    """(role, phrase, whole-word pattern) for every phrase; None for whole-cell phrases."""
    return [(role, phrase, None if phrase.startswith("=") else
             re.compile(r"(?<!\w)" + re.escape(unify_tones(phrase)) + r"(?!\w)"))
            for role, phrases in role_phrases().items() for phrase in phrases]


def _phrase_positions(text: str):
    """Every (position, -length, role, phrase) where a role phrase occurs as whole words."""
    for role, phrase, pattern in _compiled_roles():
        if pattern is None:
            if text == phrase[1:] or text.replace(".", "") == phrase[1:]:
                yield 0, -len(text) - 100, role, phrase          # a whole-cell phrase beats any part
            continue
        for m in pattern.finditer(text):
            yield m.start(), -len(phrase), role, phrase


def cell_role(cell: str) -> str | None:
    """The role of one header cell, or None when no phrase names one."""
    text = normalize_cell(cell).strip(" .:;*")
    if not text:
        return None
    found = sorted(_phrase_positions(text))
    if not found:
        return None
    pos, _, role, phrase = found[0]
    if phrase == "thực hiện" and _FIGURES_DONE.match(text[pos + len(phrase):]):
        return "status"                                # "Thực hiện năm 2025", "Ước thực hiện 6 tháng": figures
    if phrase in generic_heads():
        owner = next((r for _, _, r, _ in found[1:] if r in ("lead", "support")), None)
        role = owner or role
    if role in ("lead", "support") and _LEAD_AND_SUPPORT.search(text):
        return "lead_support"
    return role


def column_roles(header: list[str]) -> dict[int, str]:
    """Column index → role for a header row (columns without a role are left out)."""
    roles: dict[int, str] = {}
    for i, cell in enumerate(header):
        role = cell_role(cell)
        if role is not None:
            roles[i] = role
    return roles


def looks_like_header(row: list[str]) -> bool:
    """A header row: short cells, naming a header word or two column roles
    ("Đơn vị được kiểm tra | Ngày kiểm tra" as well as "STT | Nội dung")."""
    cells = [c for c in row if c.strip()]
    if not cells or any(len(c) > 80 for c in cells):
        return False
    joined = " ".join(row).lower()
    return any(k in joined for k in header_words()) or len(column_roles(row)) >= 2

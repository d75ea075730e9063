"""One pattern for a long list of phrases, shared beginnings and endings written once.

The table of known body names (``owners._body_names_re``: each department head
before each department name, and whole names) is some 850 phrases; as a flat
alternation, longest first, it is a 31 KB pattern whose compilation is a tenth
of a second of every cold start.  As a trie whose heads with the same
continuations share them (``(?:nganh|so|vu)\\s+(?:ngoai\\s+(?:giao|vu)|…)``) it is
under half the size and compiles in about half the time.

It matches exactly what the flat alternation matches, for phrases made of
*atoms* that each match at most one way where they match: escaped words (no
space, dash or comma inside), and separators (``\\s+``, a dash or a comma with
optional spaces) between words, which the next word cannot swallow.  Then two
phrases that match at the same place match texts one of which begins the
other, and the longer pattern matched the longer text: "longest pattern first"
is "longest match first", the order in which the trie tries them (a phrase's
continuation before its end; a word before a shorter word it begins with).
Only such words can both match at one place, so sibling atoms share a
continuation only where that keeps them in this order.
``tests/test_alternation.py`` compares both forms on every name and on random text.
"""

from __future__ import annotations

from typing import Iterable, Sequence

_END = ""          # key of a trie node where a phrase ends (no atom is empty)


def trie_pattern(phrases: Iterable[Sequence[str]]) -> str:
    """A pattern (no groups of its own) matching any of ``phrases``, each a sequence
    of regex atoms, the longest possible match first (see the module docstring)."""
    root: dict = {}
    for atoms in phrases:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[_END] = {}
    return _emit(root)


def _longest_first(atoms: Iterable[str]) -> list[str]:
    return sorted(atoms, key=lambda atom: (-len(atom), atom))


def _emit(node: dict) -> str:
    if len(node) == 1 and _END not in node:           # one way on: most nodes
        (atom, child), = node.items()
        return atom + _emit(child)
    atoms = _longest_first(a for a in node if a != _END)
    if not atoms:
        return ""
    rest = {atom: _emit(node[atom]) for atom in atoms}
    groups: dict[str, list[str]] = {}                  # continuation -> atoms before it, longest first
    for atom in atoms:
        groups.setdefault(rest[atom], []).append(atom)
    rank = {atom: i for i, members in enumerate(groups.values()) for atom in members}
    if all(rank[longer] <= rank[shorter] for longer in atoms for shorter in atoms
           if longer != shorter and longer.startswith(shorter)):
        alternatives = [_either(members) + continuation for continuation, members in groups.items()]
    else:
        alternatives = [atom + rest[atom] for atom in atoms]
    if _END in node:                                  # greedy ``?``: the continuation first, then ending here
        return "(?:" + "|".join(alternatives) + ")?"
    return _either(alternatives)


def _either(alternatives: list[str]) -> str:
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

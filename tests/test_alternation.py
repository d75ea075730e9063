"""The body names written as a trie match exactly what the flat alternation matched
(extractors/alternation.py): on every name, every name with a tier word, and random text."""

import re
from functools import lru_cache

from hypothesis import given, settings, strategies as st

from vanban.extractors.alternation import trie_pattern
from vanban.extractors.owners import _body_names_re, _level_patterns, _name_pattern, body_names
from vanban.extractors.tables_data import load
from vanban.pipeline.textnorm import fold_diacritics


@lru_cache(maxsize=1)
def _flat() -> re.Pattern:
    """The pattern as it was: every name in one alternation, longest pattern first."""
    names = sorted({_name_pattern(n) for n in body_names()}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(names) + r")(?:\s+(?:" + "|".join(_level_patterns()) + r"))?(?!\w)")


def _same(text: str) -> None:
    trie, flat = _body_names_re(), _flat()
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], text
    for at in range(len(text) + 1):
        a, b = trie.match(text, at), flat.match(text, at)
        assert (a and a.span()) == (b and b.span()), (text, at)


def test_the_trie_is_smaller_than_the_flat_alternation():
    assert len(_body_names_re().pattern) < len(_flat().pattern) / 2


def test_every_name_alone_with_a_tier_word_and_in_a_sentence():
    levels = [fold_diacritics(lv) for lv in load("owners")["body_names"]["levels"]]
    names = sorted(fold_diacritics(n) for n in body_names())
    for name in names:
        for text in (name, f"giao {name} chu tri", f"{name}x", f"{name} {levels[0]}", f"{name}  {levels[-1]} va so"):
            _same(text)
    _same(", ".join(names))
    _same(" ".join(names))


def _pieces() -> list[str]:
    """Words of the names and tier words, and the names cut after each of their words
    (whole names, and beginnings that a longer name continues)."""
    names = [fold_diacritics(n) for n in list(body_names()) + load("owners")["body_names"]["levels"]]
    words = {w for n in names for w in re.findall(r"\w+", n)} | {"x", "va", "cac"}
    beginnings = {n[:m.end()] for n in names for m in re.finditer(r"\w+", n)}
    return sorted(words | beginnings)


_SEPARATORS = [" ", "  ", "-", " - ", " – ", ",", ", ", "\u241f", " \n", ". "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_pieces()), st.sampled_from(_SEPARATORS)), min_size=1, max_size=8))
def test_random_text_of_names_and_their_words(pieces):
    _same("".join(word + sep for word, sep in pieces))


def test_a_longer_word_and_a_longer_phrase_first():
    """Without a ``(?!\\w)`` after it (which would reject "ab" inside "abc" anyway)."""
    pattern = re.compile(trie_pattern([("ab",), ("abc",), ("ab", r"\s+", "c"), ("b", r"\s+", "c"), ("b", r"\s+", "d")]))
    assert [m.group() for m in pattern.finditer("abc ab c ab b c")] == ["abc", "ab c", "ab", "b c"]
    assert pattern.pattern == r"(?:abc|ab(?:\s+c)?|b\s+(?:c|d))"

"""Vietnamese tokens and part-of-speech tags from underthesea, and spaCy ``Doc``s of them.

The tokens are underthesea's word segmentation (multi-syllable words such as
``tăng cường`` or ``Ủy ban nhân dân`` become one token); document numbers
(``7196/QĐ-UBND``, ``11-CT/TU``) and dates are cut out *before* segmentation
and kept as single tokens: underthesea would split them at the slash.  Token
offsets always point into the original text.

:func:`verb_spans` (what the owner extractor asks) is computed from the tokens
and tags directly; :func:`make_doc` wraps the same tokens and tags in a spaCy
``Doc`` (spaCy's ``vi`` language wants pyvi; we register a tokenizer that runs
underthesea instead).  spaCy is imported only by :func:`make_doc`: importing it
costs about 0.9 s of a cold parse, and no parse needs it.  underthesea's
segmenter and tagger come from :mod:`underthesea_models`, which loads them
without the rest of underthesea (about 0.6 s less in a cold parse).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from vanban.extractors.dates import DATE_RE
from vanban.extractors.numbers import NUMBER_RE

from . import underthesea_models

_KEEP_WHOLE = re.compile(f"(?:{NUMBER_RE.pattern})|(?:{DATE_RE.pattern})", re.VERBOSE)


class Token(NamedTuple):
    """A token of ``text``: ``text[start:end]``; ``protected`` for a number or date kept whole."""
    start: int
    end: int
    protected: bool = False


def _segment(text: str) -> tuple[str, ...]:
    if not text.strip():
        return ()
    return underthesea_models.word_tokenize(text)


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` as a spaCy ``Doc`` of it has them: protected spans
    whole, the rest by underthesea; whitespace between words other than one space,
    and anything underthesea dropped, are tokens of their own."""
    pieces: list[Token] = []
    cursor = 0
    for m in _KEEP_WHOLE.finditer(text):
        pieces.extend(Token(s, e) for s, e in _segment_span(text, cursor, m.start()))
        pieces.append(Token(m.start(), m.end(), True))
        cursor = m.end()
    pieces.extend(Token(s, e) for s, e in _segment_span(text, cursor, len(text)))
    out: list[Token] = [Token(0, pieces[0].start)] if pieces and pieces[0].start else []
    if not pieces and text:
        out.append(Token(0, len(text)))
    for i, piece in enumerate(pieces):
        out.append(piece)
        nxt = pieces[i + 1].start if i + 1 < len(pieces) else len(text)
        if text[piece.end:nxt] not in ("", " "):
            out.append(Token(piece.end, nxt))
    return out


def tags(text: str, toks: list[Token]) -> list[str]:
    """underthesea's POS tag of each token (``V`` verb, ``N`` noun, ``Np`` name …;
    ``""`` for whitespace and protected tokens).  underthesea tags the text with
    its own segmentation; each token takes the tag of the tagged word it starts
    in, so the tags line up with our tokens (which keep document numbers whole)."""
    out = [""] * len(toks)
    if not text.strip():
        return out
    spans = tagged_spans(text)
    k = 0
    for i, tok in enumerate(toks):
        if tok.protected or text[tok.start:tok.end].isspace():
            continue
        while k < len(spans) and spans[k][1] <= tok.start:
            k += 1
        if k < len(spans) and spans[k][0] <= tok.start < spans[k][1]:
            out[i] = spans[k][2]
    return out


def verb_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the tokens tagged as verbs (``V``)."""
    toks = tokens(text)
    return tuple((t.start, t.end) for t, tag in zip(toks, tags(text, toks)) if tag == "V")


def _segment_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Tokens of ``text[start:end]``, segmented line by line (see :func:`_lines`)."""
    out = []
    for line_start, line_end in _lines(text, start, end):
        out.extend(_segment_line(text, line_start, line_end))
    return out


def _segment_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for word in _segment(text[start:end]):
        # underthesea may normalise spacing inside a word; find each syllable.
        first = word.split()[0] if word.split() else word
        idx = text.find(first, pos, end)
        if idx < 0:
            continue
        stop = idx
        for syl in word.split():
            j = text.find(syl, stop, end)
            if j < 0:
                break
            stop = j + len(syl)
        out.append((idx, stop))
        pos = stop
    return out


def _lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text[start:end]``.

    underthesea is fed a line at a time: its POS tagger's cost grows with the
    square of the length of what it is given (16,000 characters in one call:
    8 s; the same line by line: 0.55 s), and a whole document is tagged at once."""
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if text[pos:stop].strip():
            out.append((pos, stop))
        pos = stop + 1
    return out


def tagged_spans(text: str) -> list[tuple[int, int, str]]:
    """underthesea's POS tags as character spans of ``text``, tagged line by line."""
    spans = []
    for start, end in _lines(text):
        spans.extend((s + start, e + start, tag) for s, e, tag in _tagged_line(text[start:end]))
    return spans


def _tagged_line(text: str) -> list[tuple[int, int, str]]:
    spans = []
    pos = 0
    for word, tag in underthesea_models.pos_tag(text):
        syllables = word.split()
        if not syllables:
            continue
        start = text.find(syllables[0], pos)
        if start < 0:
            continue
        end = start
        for syl in syllables:
            j = text.find(syl, end)
            if j < 0:
                break
            end = j + len(syl)
        spans.append((start, end, tag))
        pos = end
    return spans


@lru_cache(maxsize=1)
def vietnamese():
    """A spaCy ``vi`` pipeline whose tokenizer and tagger are :func:`tokens` and
    :func:`tags`: the same tokens (numbers and dates as ``DOC_NUMBER``/``DATE``
    entities) and the same POS tags in a ``Doc``, for Matcher-style use."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.util import registry

    def tokenize(nlp):
        def make(text: str) -> Doc:
            toks = tokens(text)
            words = [text[t.start:t.end] for t in toks]
            spaces = [t.end < (toks[i + 1].start if i + 1 < len(toks) else len(text)) for i, t in enumerate(toks)]
            doc = Doc(nlp.vocab, words=words, spaces=spaces)
            ents = [doc.char_span(t.start, t.end, label="DOC_NUMBER" if NUMBER_RE.fullmatch(text[t.start:t.end]) else "DATE")
                    for t in toks if t.protected]
            doc.ents = [e for e in ents if e is not None]
            return doc
        return make

    def tag(doc: Doc) -> Doc:
        toks = [Token(t.idx, t.idx + len(t.text), bool(t.ent_type_)) for t in doc]
        for token, value in zip(doc, tags(doc.text, toks)):
            if value:
                token.tag_ = value
        return doc

    registry.tokenizers.register("vanban.underthesea_tokenizer.v1", func=lambda: tokenize)
    Language.component("vanban_pos", assigns=["token.tag"], func=tag)
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vanban.underthesea_tokenizer.v1"}}})
    nlp.add_pipe("vanban_pos")
    return nlp


def make_doc(text: str):
    """Tokenised and tagged spaCy ``Doc`` of ``text``; offsets index into ``text``."""
    return vietnamese()(text)

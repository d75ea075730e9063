"""spaCy ``Doc``s for Vietnamese, tokenised by underthesea.

spaCy's own ``vi`` language wants pyvi; we register a tokenizer that runs
underthesea's word segmentation instead (multi-syllable words such as
``tăng cường`` or ``Ủy ban nhân dân`` become one token), so extractors can use
``Matcher``/``EntityRuler`` and spans over real Vietnamese words.  Document
numbers (``7196/QĐ-UBND``, ``11-CT/TU``) and dates are cut out *before*
segmentation and kept as single tokens: underthesea would split them at the
slash.  Token offsets always point into the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from vanban.extractors.dates import DATE_RE
from vanban.extractors.numbers import NUMBER_RE

_KEEP_WHOLE = re.compile(f"(?:{NUMBER_RE.pattern})|(?:{DATE_RE.pattern})", re.VERBOSE)


def _segment(text: str) -> list[str]:
    from underthesea import word_tokenize  # heavy import, deferred
    if not text.strip():
        return []
    return word_tokenize(text)


class UnderTheSeaTokenizer:
    """A spaCy tokenizer: protected spans whole, the rest by underthesea."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pieces: list[tuple[int, int]] = []   # (start, end) of each token in text
        protected: list[tuple[int, int]] = []
        cursor = 0
        for m in _KEEP_WHOLE.finditer(text):
            pieces.extend(self._segment_span(text, cursor, m.start()))
            pieces.append((m.start(), m.end()))
            protected.append((m.start(), m.end()))
            cursor = m.end()
        pieces.extend(self._segment_span(text, cursor, len(text)))
        words = [text[s:e] for s, e in pieces]
        # spaCy rebuilds text from words + one optional space: keep other
        # whitespace (newlines, double spaces) as whitespace tokens.
        words2, spaces2 = [], []
        for i, (s, e) in enumerate(pieces):
            words2.append(words[i])
            nxt = pieces[i + 1][0] if i + 1 < len(pieces) else len(text)
            gap = text[e:nxt]
            if gap == "":
                spaces2.append(False)
            elif gap == " ":
                spaces2.append(True)
            else:
                spaces2.append(False)
                words2.append(gap)
                spaces2.append(False)
        lead = text[:pieces[0][0]] if pieces else text
        if lead:
            words2.insert(0, lead)
            spaces2.insert(0, False)
        doc = Doc(self.vocab, words=words2, spaces=spaces2)
        ents = [doc.char_span(s, e, label="DOC_NUMBER" if NUMBER_RE.fullmatch(text[s:e]) else "DATE") for s, e in protected]
        doc.ents = [e for e in ents if e is not None]
        return doc

    @classmethod
    def _segment_span(cls, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Tokens of ``text[start:end]``, segmented line by line (see :func:`_lines`)."""
        out = []
        for line_start, line_end in _lines(text, start, end):
            out.extend(cls._segment_line(text, line_start, line_end))
        return out

    @staticmethod
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


@registry.tokenizers("vanban.underthesea_tokenizer.v1")
def create_tokenizer():
    def make(nlp):
        return UnderTheSeaTokenizer(nlp.vocab)
    return make


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
    from underthesea import pos_tag
    spans = []
    pos = 0
    for word, tag in pos_tag(text):
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


@Language.component("vanban_pos", assigns=["token.tag"])
def underthesea_pos(doc: Doc) -> Doc:
    """Part-of-speech tags from underthesea (``V`` verb, ``N`` noun, ``Np`` name …).

    underthesea tags the text with its own segmentation; each token takes the
    tag of the tagged word it starts in, so the tags line up with our tokens
    (which keep document numbers whole)."""
    if not doc.text.strip():
        return doc
    spans = tagged_spans(doc.text)
    k = 0
    for token in doc:
        if token.is_space or token.ent_type_:
            continue
        while k < len(spans) and spans[k][1] <= token.idx:
            k += 1
        if k < len(spans) and spans[k][0] <= token.idx < spans[k][1]:
            token.tag_ = spans[k][2]
    return doc


@lru_cache(maxsize=1)
def vietnamese() -> spacy.language.Language:
    """A spaCy ``vi`` pipeline: underthesea tokenizer, then underthesea POS tags."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vanban.underthesea_tokenizer.v1"}}})
    nlp.add_pipe("vanban_pos")
    return nlp


def make_doc(text: str) -> Doc:
    """Tokenised and tagged ``Doc`` of ``text``; offsets index into ``text``."""
    return vietnamese()(text)

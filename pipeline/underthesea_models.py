"""underthesea's word segmenter and POS tagger, loaded without its package ``__init__``.

``import underthesea`` runs a package ``__init__`` that imports every task it
offers (classification pulls requests, language detection yaml, chunking and
NER their own dictionaries) and reads its model pickles with joblib, whose
pure-Python unpickler (and numpy) cost more than the models: profiled in a cold
one-page parse, 0.5-0.6 s importing and 0.5 s unpickling.  A parse needs two
things from it: ``word_tokenize`` and the CRF POS tagger behind ``pos_tag``.

So :func:`_private_import` imports underthesea's own modules for those two
under a bare parent package, with ``joblib.load`` served by the C unpickler
(joblib writes plain pickles for objects holding no arrays, and these files
hold lists, sets and dicts of strings: a test loads each both ways), then
takes them out of ``sys.modules`` again.  The code that segments and tags is
underthesea's, unchanged, so the results are its results; and a later
``import underthesea`` in the same process imports the real package afresh,
as if this module had never run.
"""

from __future__ import annotations

import importlib
import importlib.util
import pickle
import sys
import threading
import types
from functools import lru_cache
from os.path import dirname, join

PACKAGE = "underthesea"
# imported in this order: underthesea's text_normalize and word_tokenize import each
# other, and its __init__ happens to import text_normalize first
MODULES = ("underthesea.pipeline.text_normalize",
           "underthesea.pipeline.word_tokenize",
           "underthesea.pipeline.pos_tag.model_crf",
           "underthesea.models.fast_crf_sequence_tagger")
WORD_MODEL = ("models", "ws_crf_vlsp2013_20230727")    # under the word_tokenize package, as underthesea loads it

_lock = threading.Lock()


def pickle_load(path: str):
    """What ``joblib.load`` returns for a file joblib wrote without arrays: a plain pickle."""
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _private_import() -> dict[str, types.ModuleType]:
    """underthesea's modules named in :data:`MODULES`, imported under a bare
    parent package and a joblib whose only function is :func:`pickle_load`;
    ``sys.modules`` is left as it was found."""
    owned = [name for name in sys.modules if name in (PACKAGE, "joblib") or name.startswith(PACKAGE + ".")]
    saved = {name: sys.modules.pop(name) for name in owned}
    try:
        parent = types.ModuleType(PACKAGE)
        parent.__path__ = list(importlib.util.find_spec(PACKAGE).submodule_search_locations)
        joblib = types.ModuleType("joblib")
        joblib.load = pickle_load
        sys.modules.update({PACKAGE: parent, "joblib": joblib})
        return {name: importlib.import_module(name) for name in MODULES}
    finally:
        for name in [n for n in sys.modules if n in (PACKAGE, "joblib") or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]
        sys.modules.update(saved)


@lru_cache(maxsize=1)
def _models() -> tuple:
    """underthesea's ``word_tokenize`` with its CRF model loaded, and its POS predictor."""
    with _lock:
        modules = _private_import()
        segmenter = modules["underthesea.pipeline.word_tokenize"]
        model = modules["underthesea.models.fast_crf_sequence_tagger"].FastCRFSequenceTagger()
        model.load(join(dirname(segmenter.__file__), *WORD_MODEL))
        segmenter.word_tokenize_model = model          # word_tokenize would otherwise import it lazily, from the real package
        predictor = modules["underthesea.pipeline.pos_tag.model_crf"].CRFPOSTagPredictor.Instance()
        return segmenter.word_tokenize, predictor


def load() -> None:
    """Load the models now (before forking workers) rather than at the first line."""
    _models()


@lru_cache(maxsize=4096)
def word_tokenize(line: str) -> tuple[str, ...]:
    """``underthesea.word_tokenize(line)``.  Cached: a line is segmented for its
    tokens and again for its tags (see :func:`pos_tag`)."""
    return tuple(_models()[0](line))


def pos_tag(line: str) -> list[tuple[str, str]]:
    """``underthesea.pos_tag(line)``: which segments the line, then tags the words;
    here the segmentation is :func:`word_tokenize`'s, shared with the tokens."""
    words = list(word_tokenize(line))
    return _models()[1].predict(words)

"""underthesea's segmenter and tagger loaded without its package: same results, and
``import underthesea`` still whole afterwards (see pipeline/underthesea_models.py)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from vanban.pipeline import underthesea_models as um

from .conftest import ROOT, SAMPLES


def _lines() -> list[str]:
    """Every distinct line of the text samples and the text test documents."""
    files = sorted(SAMPLES.glob("*.txt")) + sorted((ROOT / "tests" / "data").rglob("*.txt"))
    lines = (ln for path in files for ln in path.read_text("utf-8", errors="replace").splitlines())
    return list(dict.fromkeys(ln for ln in lines if ln.strip()))


def test_segmentation_and_tags_are_underthesea_s_on_real_lines():
    import underthesea
    lines = _lines()
    assert len(lines) > 100
    for line in lines:
        assert list(um.word_tokenize(line)) == underthesea.word_tokenize(line), line
        assert um.pos_tag(line) == underthesea.pos_tag(line), line


_VI = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_TEXT = st.text(alphabet=_VI + _VI.upper() + "0123456789 ,.;:/-()%\"'&_", min_size=1, max_size=80)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_segmentation_and_tags_are_underthesea_s_on_any_text(text):
    import underthesea
    assert list(um.word_tokenize(text)) == underthesea.word_tokenize(text)
    assert um.pos_tag(text) == underthesea.pos_tag(text)


def _pickles() -> list[Path]:
    """The files underthesea reads with joblib on the way to a segmenter and tagger
    (models.bin is the Rust CRF model's own format, read by underthesea_core)."""
    root = Path(importlib.util.find_spec("underthesea").origin).parent
    model = (root / "pipeline" / "word_tokenize").joinpath(*um.WORD_MODEL)
    return sorted(p for p in model.glob("*.bin") if p.name != "models.bin") \
        + sorted((root / "pipeline" / "text_normalize").glob("*.bin"))


@pytest.mark.parametrize("path", _pickles(), ids=lambda p: p.name)
def test_joblib_files_read_by_the_c_unpickler_are_plain_pickles(path):
    """features.bin, dictionary.bin, tn_rules_*.bin: no arrays, so joblib wrote a plain pickle."""
    import joblib
    assert um.pickle_load(str(path)) == joblib.load(path)


_COLD = """
import sys
from vanban.pipeline import underthesea_models as um
um.load()
assert not [m for m in sys.modules if m.split('.')[0] in ('underthesea', 'joblib', 'numpy', 'requests')], sorted(sys.modules)
words = um.word_tokenize('Sở Tài chính chủ trì thực hiện')
import underthesea, joblib
from underthesea.pipeline.text_normalize import text_normalizer
assert text_normalizer.joblib is joblib and hasattr(joblib, 'Parallel')      # the real joblib, not the stand-in
assert underthesea.classify is not None and underthesea.lang_detect is not None
assert underthesea.word_tokenize('Sở Tài chính chủ trì thực hiện') == list(words)
assert underthesea.pos_tag('Sở Tài chính chủ trì') == um.pos_tag('Sở Tài chính chủ trì')
print('ok')
"""


def test_cold_load_skips_underthesea_package_and_a_later_import_is_whole():
    """A fresh process: loading the models imports neither underthesea's package nor joblib,
    numpy or requests; ``import underthesea`` afterwards gives the full package."""
    out = subprocess.run([sys.executable, "-c", _COLD], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_loading_after_import_underthesea_leaves_it_alone():
    code = ("import sys, underthesea, joblib; before = dict(sys.modules); "
            "from vanban.pipeline import underthesea_models as um; um.load(); "
            "assert all(sys.modules.get(k) is v for k, v in before.items()); "
            "assert underthesea.word_tokenize('Sở Tài chính') == list(um.word_tokenize('Sở Tài chính')); print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"

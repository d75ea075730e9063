"""The installed distribution lives under the ``vanban`` namespace only.

Generic top-level names such as ``pipeline`` and ``extractors`` collide with
other packages in site-packages; the wheel must carry ``vanban/…`` and its
dist-info and nothing else, with the data files the code reads at run time.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_claims_only_the_vanban_namespace(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("vanban-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"vanban", next(t for t in tops if t.endswith(".dist-info"))}, tops
    for needed in ("vanban/pipeline/run.py", "vanban/extractors/tasks/__init__.py", "vanban/schemas/vanban.schema.json",
                   "vanban/schemas/task.schema.json", "vanban/pipeline/data/legacy_encodings.json",
                   "vanban/extractors/data/owners.json", "vanban/pipeline/review/templates/review.html.j2",
                   "vanban/pipeline/data/ui_labels.json", "vanban/pipeline/web/static/favicon.svg",
                   "vanban/pipeline/web/templates/pictures.html", "vanban/pipeline/web/templates/error.html"):
        assert needed in names, needed
    entry = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "vanban = vanban.pipeline.cli:main" in entry


def test_generic_names_are_not_importable_outside_the_checkout(tmp_path):
    code = ("import importlib.util as u, vanban.pipeline.run;"
            "print(u.find_spec('pipeline') is None, u.find_spec('extractors') is None)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "True"]

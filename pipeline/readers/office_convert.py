"""Convert an office file with LibreOffice headless (Word 6/95/97 files antiword
refuses, RTF, XLS, PPT, ODF) into the OOXML form our own readers walk.

Why LibreOffice: it reads every Word/Excel/PowerPoint variant archives hold and
keeps each run's font name (``.VnTimeH``, ``VNI-Times``) in the converted file,
which is what tells a TCVN3 capital from a lower-case letter.  Each call gets
its own user profile (so parallel workers never share one) in a temporary
folder, runs in its own process group and is killed whole on timeout.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..errors import CorruptFile, ToolMissing

if TYPE_CHECKING:                       # pragma: no cover
    from ..model import RawDocument

_FILTERS = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML",
            "pptx": "pptx:Impress MS PowerPoint 2007 XML", "html": "html", "txt": "txt:Text (encoded):UTF8"}


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise ToolMissing("LibreOffice is not installed (apt-get install libreoffice-writer-nogui "
                          "libreoffice-calc-nogui libreoffice-impress-nogui) — needed for this format")
    return exe


def convert(path: Path, target: str, workdir: Path, timeout: float = 120.0) -> Path:
    """``path`` converted to ``target`` (docx, xlsx, pptx, …) inside ``workdir``; the new file's path."""
    exe = soffice()
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=workdir))
    src = workdir / f"input{path.suffix.lower() or '.bin'}"
    if src != path:
        shutil.copyfile(path, src)
    cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
           "--nodefault", "--nolockcheck", "--convert-to", _FILTERS.get(target, target), "--outdir", str(workdir), str(src)]
    env = dict(os.environ, HOME=str(profile), SAL_USE_VCLPLUGIN="svp")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise CorruptFile(f"LibreOffice could not convert the file within {timeout:.0f}s") from exc
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    result = workdir / f"{src.stem}.{target}"
    if proc.returncode != 0 or not result.exists() or result.stat().st_size == 0:
        msg = (err or out).decode("utf-8", "replace").strip().splitlines()
        raise CorruptFile(f"LibreOffice cannot read the file ({msg[-1] if msg else 'no output'})")
    return result


def via_libreoffice(path: Path, target: str, reader: Callable, fmt: str, text_source: str, options=None,
                    cap: float = 300.0) -> "RawDocument":
    """Convert ``path`` to ``target`` (docx/xlsx/pptx) with LibreOffice and read
    the copy with ``reader``; the result is stamped with the original format.
    The conversion may take the file's time limit, at most ``cap`` seconds."""
    limits = getattr(options, "limits", None)
    timeout = min(cap, float(getattr(limits, "max_seconds", cap) or cap))
    with tempfile.TemporaryDirectory(prefix="vanban-lo-") as tmp:
        converted = convert(path, target, Path(tmp), timeout=timeout)
        raw = reader(converted, options)
    raw.format = fmt
    for page in raw.pages:
        page.text_source = text_source
    return raw

#!/usr/bin/env bash
# Install everything vanban needs on a fresh Debian machine: the system tools
# (Tesseract with Vietnamese data, LibreOffice headless for DOC/RTF/XLS/PPT/ODF,
# antiword as the .doc fallback, poppler for rendering checks, qpdf for making
# encrypted test PDFs, Chromium and its driver for the browser tests of the
# review page and web app), the Tesseract API (tesserocr, built here against the
# system libtesseract so that it reads exactly what the program reads), and the
# Python package itself, under the vanban
# namespace (an older install with top-level pipeline/extractors is replaced).
# Safe to run again: it skips what is already there.
set -euo pipefail
need_apt=()
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; } || need_apt+=(tesseract-ocr-vie)
command -v antiword >/dev/null 2>&1 || need_apt+=(antiword)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need_apt+=(qpdf)
fc-list 2>/dev/null | grep -qi dejavu || need_apt+=(fonts-dejavu-core)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# LibreOffice (headless, no GUI) converts DOC/RTF/XLS/PPT/ODF to OOXML keeping run fonts (legacy TCVN3/VNI)
if ! command -v soffice >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  [ ${#need_apt[@]} -gt 0 ] || $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui >/dev/null
fi
PY=${PYTHON:-python3}
if ! $PY -c "import vanban.pipeline, vanban.extractors, pytesseract, pdfplumber, spacy, underthesea, docx, pptx, olefile, lxml, hypothesis, reportlab, fontTools, jiwer, pandas, openpyxl, icalendar, tqdm, distributed, flask, jinja2, selenium" >/dev/null 2>&1 \
   || ! $PY -c "import importlib.metadata as m; m.version('vanban')" >/dev/null 2>&1; then
  $PY -m pip install -q --disable-pip-version-check -e ".[test]"
fi
# tesserocr, compiled against Debian's own libtesseract: the PyPI wheel bundles another
# Tesseract that reads differently; vanban uses the API only when the versions agree
# (pipeline/ocr.py) and otherwise runs the tesseract program, so a failed build costs speed only.
if ! $PY - >/dev/null 2>&1 <<'CHECK'
import subprocess, tesserocr
program = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split()[1]
assert tesserocr.tesseract_version().split()[1] == program
CHECK
then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if ! pkg-config --exists tesseract lept 2>/dev/null || ! command -v g++ >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      libtesseract-dev libleptonica-dev pkg-config g++ >/dev/null
  fi
  $PY -m pip install -q --disable-pip-version-check --force-reinstall --no-deps --no-binary tesserocr "tesserocr>=2.7" \
    || echo "setup: tesserocr did not build; vanban will run the tesseract program (slower, same text)" >&2
fi

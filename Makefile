# vanban — two commands on a fresh Debian machine:
#   make demo   install everything, parse the bundled samples, print a summary
#   make test   install everything, run the test suite
PYTHON ?= python3
OUT ?= out

.PHONY: setup demo test bench samples clean

setup:
	@bash scripts/setup.sh

demo: setup
	@$(PYTHON) -m pipeline.cli parse samples/ -o $(OUT) --summary

test: setup
	$(PYTHON) -m pytest -q

bench: setup
	$(PYTHON) scripts/bench.py

samples: setup
	$(PYTHON) scripts/make_samples.py

clean:
	rm -rf $(OUT) .pytest_cache build *.egg-info

# vanban — two commands on a fresh Debian machine:
#   make demo   install everything, parse the bundled samples, print a summary,
#               then ingest them into a corpus, search it, export its tasks and
#               write the review page of the scanned sample
#   make test   install everything, run the test suite
PYTHON ?= python3
OUT ?= out

.PHONY: setup demo test bench eval samples clean

setup:
	@bash scripts/setup.sh

VANBAN = $(PYTHON) -m vanban.pipeline.cli

demo: setup
	@$(VANBAN) parse samples/ -o $(OUT) --summary
	@$(VANBAN) ingest samples/ --corpus $(OUT)/corpus.db
	@echo '$$ vanban search "cai cach hanh chinh"'
	@$(VANBAN) search "cai cach hanh chinh" --corpus $(OUT)/corpus.db
	@echo '$$ vanban tasks --owner "VP UBND xã" --due-before 2021-12-31'
	@$(VANBAN) tasks --owner "VP UBND xã" --due-before 2021-12-31 --corpus $(OUT)/corpus.db | head -6
	@$(VANBAN) export tasks --format xlsx --vi-headers -o $(OUT)/tasks.xlsx --corpus $(OUT)/corpus.db
	@$(VANBAN) export tasks --format ics -o $(OUT)/tasks.ics --corpus $(OUT)/corpus.db
	@$(VANBAN) review samples/000_1e1698cb1e74ad37.scan.pdf -o $(OUT)/review-000.scan.html
	@echo 'open $(OUT)/review-000.scan.html in a browser, or run: vanban serve --corpus $(OUT)/corpus.db'

test: setup
	$(PYTHON) -m pytest -q

bench: setup
	@$(PYTHON) -m pip install -q --disable-pip-version-check -e ".[bench]"
	$(PYTHON) scripts/bench.py

# every hand-made gold file against its real document, field by field: the dev gold
# (tests/gold/real, sources in ../shared/realdocs/more) and the held-out gold
# (tests/gold/holdout, sources in ../shared/realdocs) that rules are not tuned on
SHARED ?= ../shared
eval: setup
	$(VANBAN) eval tests/gold/real --docs $(SHARED)/realdocs/more --docs $(SHARED)/realdocs --jobs 2 --json $(OUT)/eval.json --cache $(OUT)/read-cache
	$(VANBAN) eval tests/gold/holdout --docs $(SHARED)/realdocs --jobs 2 --json $(OUT)/eval-holdout.json --cache $(OUT)/read-cache

samples: setup
	$(PYTHON) scripts/make_samples.py

clean:
	rm -rf $(OUT) .pytest_cache build *.egg-info

# The README's commands. Every target creates .venv/ when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

OUT     ?= out
SAMPLES := samples

.PHONY: demo test lint typecheck eval eval-real bench fuzz soak schema clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps 'augraphy==8.2.6'  # its other needs are in [dev] (pyproject.toml)
	$(BIN)/python -m compileall -q extractor
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/extractor extract $(SAMPLES)/digital -o $(OUT)/digital
	$(BIN)/extractor extract $(SAMPLES)/scanned -o $(OUT)/scanned
	$(BIN)/extractor extract $(SAMPLES)/realworld -o $(OUT)/realworld
	$(BIN)/extractor eval $(OUT)/digital $(SAMPLES)/digital
	$(BIN)/extractor eval $(OUT)/scanned $(SAMPLES)/scanned --twins $(OUT)/digital
	$(BIN)/extractor eval $(OUT)/realworld $(SAMPLES)/realworld

lint: $(STAMP)
	$(BIN)/ruff check extractor tests evaluation samples/make_samples.py models/gazetteer/build.py
	$(BIN)/ruff format --check extractor tests evaluation
	$(BIN)/hadolint Dockerfile

typecheck: $(STAMP)
	$(BIN)/mypy

schema: $(STAMP)
	$(BIN)/extractor schema -o schema/bulletin-extract-1.schema.json

# accuracy gates (CI): digital samples at the issue-2, issue-4 and issue-5 targets; scanned samples at
# the issue-3 targets (and issue 4's and 5's for entities and facts over all of them: the issue asks
# scanned facts within 0.03 of the digital ones; they are gated at the digital targets themselves),
# the reference scans on their own and all scanned samples (tables, and narrative CER against the
# digital twins)
FACT_GATES := --min-event-f1 0.95 --min-people-recall 0.98 --min-people-precision 0.95 --min-titles 0.95 \
	--min-visits 1.0
# issue 10 (tables as real documents print them): every sample set at cell F1 >= 0.98, header >= 0.97 and
# row paths >= 0.97; periods and the narrative metrics of the statistical documents as regression gates.
# The third-party pictures (samples/realworld) do not meet the issue's targets yet: they are gated at the
# figure measured when the gate was set (see README), so that nothing drops, until they do.
STRUCTURE_GATES := --min-row-paths 0.97 --min-period 0.95 --min-metric-recall 0.90 --min-metric-precision 0.90
REALWORLD_GATES := --min-cell-f1 0.93 --min-header 0.89 --min-row-paths 0.84
# issue 12 (numbers that check themselves): checks on correctly extracted cells pass (>= 0.99) and no more
# than 2 % of correct tables are marked for review, on every sample set; labelled relations found are
# regression gates at the figures measured when they were set; wrong cells flagged or in review on copies
# of the scanned results with injected errors (evaluation/inject.py) at the issue's target, 0.9
CHECK_GATES := --min-check-pass 0.99 --max-false-review 0.02
# officials in narrative from four provinces, written blind (samples/people2): first run recall 0.726,
# precision 0.865; gated at the facts targets since the fixes it led to
PEOPLE_GATES := --min-people-recall 0.98 --min-people-precision 0.95 --min-titles 0.95

# issue 26 (real documents as they come): ../shared/realworld2 (10 real third-party documents, 23 tables; not in the
# repository) scored as its own set beside pdfplumber, camelot and img2table on the same files in the same run, and the
# blind real sets whose labels are in evaluation/blind/ (documents fetched from public repositories, not committed:
# BLIND=folder holding them). Each skips with a message when its documents are absent. Gated at the figures measured
# when the gates were set (README, "Real documents").
REALWORLD2 ?= ../shared/realworld2
BLIND      ?= ../blind
REAL2_GATES := --min-cell-f1 0.93 --min-header 0.84
BLIND_GATES := --min-cell-f1 0.99 --min-header 0.99
# issue 27's blind captures: short of its 0.90 target; regression gates just under the figures measured
# at each stop (README, "Real photos and scans"), raised as the issue goes on
CAPTURE1_GATES := --min-cell-f1 0.74 --min-header 0.69
CAPTURE2_GATES := --min-cell-f1 0.88 --min-header 0.80

eval-real: $(STAMP)
	@if [ -d "$(REALWORLD2)" ]; then \
		set -e; rm -rf $(OUT)/eval-realworld2; \
		$(BIN)/extractor extract -q $(REALWORLD2) -o $(OUT)/eval-realworld2 || [ $$? -eq 9 ]; \
		$(BIN)/extractor eval $(OUT)/eval-realworld2 $(REALWORLD2) $(REAL2_GATES); \
		$(BIN)/python evaluation/baselines.py $(REALWORLD2) --ours $(OUT)/eval-realworld2; \
	else echo "eval-real: $(REALWORLD2) is absent: the real documents of ../shared are not scored"; fi
	@for set in realdigital realdigital3 realdigital4; do \
		if [ -d "$(BLIND)/$$set" ]; then \
			set -e; rm -rf $(OUT)/eval-$$set; \
			$(BIN)/extractor extract -q $(BLIND)/$$set -o $(OUT)/eval-$$set; \
			$(BIN)/extractor eval $(OUT)/eval-$$set evaluation/blind/$$set $(BLIND_GATES); \
		else echo "eval-real: $(BLIND)/$$set is absent: blind set $$set not scored (evaluation/blind/$$set/MANIFEST.md says where its documents come from)"; fi; \
	done
	@for set in realcapture1 realcapture2; do \
		if [ -d "$(BLIND)/$$set" ]; then \
			set -e; rm -rf $(OUT)/eval-$$set; \
			$(BIN)/extractor extract -q $(BLIND)/$$set -o $(OUT)/eval-$$set || [ $$? -eq 9 ]; \
			gates="$(CAPTURE1_GATES)"; [ $$set = realcapture2 ] && gates="$(CAPTURE2_GATES)"; \
			$(BIN)/extractor eval $(OUT)/eval-$$set evaluation/blind/$$set $$gates; \
		else echo "eval-real: $(BLIND)/$$set is absent: blind set $$set not scored"; fi; \
	done

eval: $(STAMP)
	rm -rf $(OUT)/eval-digital $(OUT)/eval-scanned $(OUT)/eval-scanned-ref $(OUT)/eval-realworld $(OUT)/eval-injected \
		$(OUT)/eval-totals $(OUT)/eval-checks2 $(OUT)/eval-people2
	$(BIN)/extractor extract -q $(SAMPLES)/digital -o $(OUT)/eval-digital
	$(BIN)/extractor eval $(OUT)/eval-digital $(SAMPLES)/digital --min-cell-f1 0.99 --min-header 0.98 \
		--min-entity 0.98 --max-entity-wrong 0.005 $(FACT_GATES) $(STRUCTURE_GATES) $(CHECK_GATES) \
		--min-relation-recall 0.80
	$(BIN)/extractor extract -q $(SAMPLES)/scanned -o $(OUT)/eval-scanned
	mkdir -p $(OUT)/eval-scanned-ref && cp $(SAMPLES)/scanned/bulletin-*.label.json $(OUT)/eval-scanned-ref/
	$(BIN)/extractor eval $(OUT)/eval-scanned $(OUT)/eval-scanned-ref --twins $(OUT)/eval-digital \
		--min-cell-f1 0.97 --min-header 0.95 --max-cer 0.01
	$(BIN)/extractor eval $(OUT)/eval-scanned $(SAMPLES)/scanned --twins $(OUT)/eval-digital \
		--min-cell-f1 0.98 --min-header 0.97 --max-cer 0.01 --min-entity 0.98 --max-entity-wrong 0.005 \
		$(FACT_GATES) $(STRUCTURE_GATES) $(CHECK_GATES) --min-relation-recall 0.85
	$(BIN)/python evaluation/inject.py $(OUT)/eval-scanned -o $(OUT)/eval-injected
	$(BIN)/extractor eval $(OUT)/eval-injected $(SAMPLES)/scanned --min-detection 0.90
	$(BIN)/extractor extract -q $(SAMPLES)/totals -o $(OUT)/eval-totals
	$(BIN)/extractor eval $(OUT)/eval-totals $(SAMPLES)/totals --min-cell-f1 0.99 --min-header 0.97 $(CHECK_GATES) \
		--min-relation-recall 0.75
	$(BIN)/extractor extract -q $(SAMPLES)/checks2 -o $(OUT)/eval-checks2
	$(BIN)/extractor eval $(OUT)/eval-checks2 $(SAMPLES)/checks2 --min-cell-f1 0.98 --min-header 0.99 $(CHECK_GATES) \
		--min-relation-recall 0.75
	$(BIN)/extractor extract -q $(SAMPLES)/realworld -o $(OUT)/eval-realworld
	$(BIN)/extractor eval $(OUT)/eval-realworld $(SAMPLES)/realworld $(REALWORLD_GATES) $(CHECK_GATES)
	$(BIN)/extractor extract -q $(SAMPLES)/people2 -o $(OUT)/eval-people2
	$(BIN)/extractor eval $(OUT)/eval-people2 $(SAMPLES)/people2 $(PEOPLE_GATES)
	$(MAKE) --no-print-directory eval-real

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory eval
	$(BIN)/python evaluation/fuzz.py --count 100 --report $(OUT)/fuzz-ci

# hostile inputs (issue 11): 1,000 seeded mutants through `extractor extract`, each bounded in time and memory
fuzz: $(STAMP)
	$(BIN)/python evaluation/fuzz.py --count 1000 --report $(OUT)/fuzz

# 50 kill -9 cycles of the watcher over 30 drops each, scans and broken files included (issue 11)
soak: $(STAMP)
	$(BIN)/python evaluation/soak.py --cycles 50 --files 30

bench: $(STAMP)
	$(BIN)/python evaluation/bench.py
	$(BIN)/python evaluation/bench_stages.py
	$(BIN)/python evaluation/bench_scanned.py
	$(BIN)/python evaluation/bench_gazetteer.py
	$(BIN)/python evaluation/bench_facts.py
	$(BIN)/python evaluation/bench_batch.py
	$(BIN)/python evaluation/bench_watch.py
	$(BIN)/python evaluation/bench_api.py
	$(BIN)/python evaluation/bench_ray.py
	$(BIN)/python evaluation/bench_repair.py

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache

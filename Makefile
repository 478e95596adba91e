# The one place commands are written down: the README, CI and developers all use these targets.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
BIN := .venv/bin
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup run test lint format ui bench bench-large crash-trials concurrent-trials fuzz screenshot clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# Installs exactly what uv.lock pins into .venv (the project itself in editable mode), compiled to bytecode
# once: where PYTHONDONTWRITEBYTECODE is set, every command would otherwise compile Dagster anew (~10 s).
setup: $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)

# Runs the whole pipeline on seeds/ and publishes into releases/ when the data changed.
run: setup
	$(BIN)/peakwatch run

test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The Dagster UI on http://127.0.0.1:3000 with the code location of pyproject.toml ([tool.dg]), on the
# instance of .dagster_home/ that `peakwatch run` uses too.
UI_PORT ?= 3000
ui: setup
	mkdir -p .dagster_home
	cp dagster_instance.yaml .dagster_home/dagster.yaml
	DAGSTER_HOME=$(CURDIR)/.dagster_home DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS=true \
		$(BIN)/dg dev --host 127.0.0.1 --port $(UI_PORT)

# Figures, not tests: extraction MB/s on one core, new report -> release for 1, 100 and 1,000 reports, a
# cold backfill of 1,000 generated 40 KB reports, a new warehouse built from its result files, one new report
# and a nothing-changed run after it, the UI's Materialize all next to `peakwatch run`, and what the
# persistent instance costs a report.
bench: setup
	$(BIN)/python benchmarks/extraction_throughput.py
	$(BIN)/python benchmarks/new_report_latency.py
	$(BIN)/python benchmarks/backfill.py
	$(BIN)/python benchmarks/ui_materialize_all.py
	$(BIN)/python benchmarks/instance_overhead.py

# The same backfill figures for 1,000 and 10,000 reports (per-report cost flat or not, CPU seconds of
# Dagster, storing and the release against extraction's; half an hour or more on two cores).
bench-large: setup
	$(BIN)/python benchmarks/backfill.py 1000 10000

# Figures, not tests: 300 random SIGKILLs of `peakwatch run` (per-report processing and publishing), each
# followed by a recovering run; prints damaged releases, broken latest, lost or doubled reports (all 0).
# VIA=core kills the same stages without Dagster, about ten times faster.
VIA ?= dagster
TRIALS ?= 300
crash-trials: setup
	$(BIN)/python -m tests.crash_trials --trials $(TRIALS) --via $(VIA)

# Two `peakwatch run` processes started together on the same folders, ten times.
concurrent-trials: setup
	for i in 1 2 3 4 5 6 7 8 9 10; do $(BIN)/pytest -q -p no:randomly tests/test_locks.py -k together || exit 1; done

# The extractor on 20,000 random texts per property: it never raises and never leaves the text.
fuzz: setup
	PEAKWATCH_FUZZ_EXAMPLES=20000 $(BIN)/pytest -q tests/test_extract_property.py

# The README's picture of the landing page (needs Debian's chromium: apt-get install chromium).
CHROMIUM ?= chromium
HEADLESS := --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
	--disable-component-update --hide-scrollbars
# (bash: its job control puts `dg dev` in a process group of its own, which is then stopped as a whole)
screenshot: SHELL := /bin/bash
screenshot: setup
	$(CHROMIUM) $(HEADLESS) --window-size=1100,1400 \
		--user-data-dir=$$(mktemp -d) --screenshot=$(CURDIR)/releases/landing.png file://$(CURDIR)/releases/index.html
	# the asset graph as the UI draws it, every group expanded, from a throwaway instance on a spare port
	home=$$(mktemp -d); cp dagster_instance.yaml $$home/dagster.yaml; set -m; \
	DAGSTER_HOME=$$home $(BIN)/dg dev --host 127.0.0.1 --port 3197 >$$home/ui.log 2>&1 & ui=$$!; \
	for i in $$(seq 1 90); do curl -sf -o /dev/null http://127.0.0.1:3197/server_info && break; sleep 2; done; \
	$(CHROMIUM) $(HEADLESS) --window-size=1800,1250 --virtual-time-budget=25000 --user-data-dir=$$home/browser \
		--screenshot=$(CURDIR)/assets/asset_graph.png \
		"http://127.0.0.1:3197/asset-groups?expanded=global@global:sources,global@global:per_report,global@global:release"; \
	kill -INT -- -$$ui; wait $$ui; true

clean:
	rm -rf .venv .tools data .dagster_home

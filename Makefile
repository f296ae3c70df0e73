# campus-energy: two commands on a fresh machine with python3 and make.
#   make run   create .venv, install pinned requirements, seed the demo database once, start the dashboard
#   make test  same set-up plus dev requirements and a browser, then the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# The browser tests use Debian's chromium (tests/e2e); playwright never downloads its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint bench seed clean template browser screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The project itself installs editable (no dependencies of its own beyond the pins), so that
# notebooks, benchmarks and scripts import it from anywhere.
$(VENV)/.runtime-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.runtime-installed
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

seed: $(VENV)/.runtime-installed
	$(BIN)/python -m surveys demo --if-empty
	$(BIN)/python -m energy.subsidy demo
	$(BIN)/python -m surveys account ensure-demo

run: seed
	@echo "仪表盘 Dashboard: http://localhost:$(PORT)  (Ctrl+C 停止 to stop)"
	$(BIN)/python -m streamlit run dashboard/server.py --server.port $(PORT)

# Two workers (the machine's two cores), each test file whole in one worker and in order: the
# browser walks build on the tests before them. TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= 2
test: $(VENV)/.dev-installed browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# Debian's chromium and CJK fonts for the browser tests, and poppler-utils (pdftoppm, pdftotext)
# for the report's PDF tests, installed once with apt (as root, or through sudo). A no-op when
# all are present; `make run` needs only the fonts for PDF reports.
browser:
	@if [ -x $(CHROMIUM) ] && command -v pdftoppm >/dev/null 2>&1 \
	    && dpkg-query -W -f='$${Status}' fonts-noto-cjk 2>/dev/null \
	    | grep -q 'ok installed'; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "没有 apt-get：请自行安装 chromium 和 Noto CJK 字体，否则跳过浏览器测试。" \
	         "No apt-get: install chromium and Noto CJK fonts yourself, or the browser tests are skipped."; \
	    exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	else echo "需要 root 或 sudo 安装 chromium。Installing chromium needs root or sudo." >&2; exit 1; fi; \
	echo "安装 Installing chromium fonts-noto-cjk poppler-utils (apt-get)"; \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	    chromium fonts-noto-cjk poppler-utils

# Refresh the README's images from the tests: the browser's (docs/dashboard.png, docs/subsidy.png,
# docs/upload_mapping.png) and the report's pages (docs/report_page.png, docs/report_plan.png);
# `make test` never writes them.
screenshots: $(VENV)/.dev-installed browser
	CAMPUS_ENERGY_REFRESH_DOCS=1 $(BIN)/python -m pytest tests/e2e/test_browser.py \
	    tests/e2e/test_mappings.py tests/report/test_report.py -k "not english and not cli"

lint: $(VENV)/.dev-installed
	$(BIN)/python -m ruff check .

bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/intake.py
	$(BIN)/python benchmarks/pv_portfolio.py
	$(BIN)/python benchmarks/subsidy.py
	$(BIN)/python benchmarks/dashboard.py
	$(BIN)/python benchmarks/plan.py

template: $(VENV)/.runtime-installed
	$(BIN)/python -m surveys template 建筑楼宇面积调研表.xlsx

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# JupyterLab on the analyst notebooks (notebooks/) over the demo database, offline: the read-only
# extension manager, no news feed, no update check. Port: make notebook NB_PORT=8890.
NB_PORT ?= 8888
.PHONY: notebook

$(VENV)/.notebook-installed: requirements-notebook.txt $(VENV)/.runtime-installed
	$(BIN)/python -m pip install -q -r requirements-notebook.txt
	touch $@

notebook: $(VENV)/.notebook-installed seed
	@echo "笔记本 Notebooks: notebooks/ (Ctrl+C 停止 to stop)"
	$(BIN)/jupyter lab notebooks/ --no-browser --port=$(NB_PORT) \
	    --LabApp.extension_manager=readonly --LabApp.news_url=None \
	    --LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate \
	    $$(if [ "$$(id -u)" = 0 ]; then echo --allow-root; fi)

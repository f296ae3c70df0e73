# campus-energy: two commands on a fresh machine with python3 and make.
#   make run   create .venv, install pinned requirements, seed the demo database once, start the dashboard
#   make test  same set-up plus dev requirements, then the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint bench seed clean template

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.runtime-installed
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

seed: $(VENV)/.runtime-installed
	$(BIN)/python -m surveys demo --if-empty
	$(BIN)/python -m energy.subsidy demo

run: seed
	@echo "仪表盘 Dashboard: http://localhost:$(PORT)  (Ctrl+C 停止 to stop)"
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/python -m ruff check .

bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/intake.py
	$(BIN)/python benchmarks/pv_portfolio.py

template: $(VENV)/.runtime-installed
	$(BIN)/python -m surveys template 建筑楼宇面积调研表.xlsx

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

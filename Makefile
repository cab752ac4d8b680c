# Two commands for a newcomer: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
DB     ?= concord.duckdb
REPORT ?= concord-report.html

export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export PREFECT_HOME ?= $(CURDIR)/.prefect

.PHONY: demo test install clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/concord ingest examples/articles --db $(DB)
	$(BIN)/concord report --db $(DB) --format html --out $(REPORT)
	$(BIN)/concord report --db $(DB) --format md --out $(REPORT:.html=.md) --no-record
	@echo "Warehouse: $(CURDIR)/$(DB)"
	@echo "Report:    $(CURDIR)/$(REPORT) (and $(REPORT:.html=.md))"

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) .prefect $(DB) $(DB).wal $(REPORT) $(REPORT:.html=.md)

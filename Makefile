# Two entry points, each self-installing into .venv at the repo root.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# the kernels compiled ahead of time (dfengine/kernels/aot.py); without a C compiler the
# build prints why and the kernels are compiled by Numba on first use instead
AOT := dfengine/kernels/_aot_kernels.fingerprint

.PHONY: demo test bench lint clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

$(AOT): $(STAMP) $(wildcard dfengine/kernels/*.py)
	$(BIN)/python -m dfengine.kernels.aot build

demo: $(STAMP) $(AOT)
	$(BIN)/python -m dfengine.demo

test: $(STAMP) $(AOT)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check dfengine tests benchmarks
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) data dfengine/kernels/_aot_kernels*

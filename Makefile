# The two commands: `make demo` and `make test`. Each sets itself up on a fresh machine
# that has only python3 and make: a local .venv, nothing installed globally but Debian's
# chromium, which `make test` installs for the browser tests when it is missing (as root).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The compiled build of scrapers/compiled.py's GROUPS (mypyc): redone whenever a source of theirs changes,
# so no target runs a stale build. Without a compiler it is skipped and the pure modules serve.
COMPILED := build/compiled.stamp
COMPILED_SOURCES := scrapers/compiled.py app/compilation.py $(wildcard app/gender/*.py)
COMPILED_SOURCES += $(wildcard scrapers/article/*.py)

.PHONY: demo test lint bench install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(COMPILED): $(STAMP) $(COMPILED_SOURCES)
	$(BIN)/python -m app.compilation
	mkdir -p build && touch $(COMPILED)

install: $(STAMP) $(COMPILED)

demo: $(STAMP) $(COMPILED)
	$(BIN)/voicetally demo

lint: $(STAMP) $(COMPILED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict scrapers
	$(BIN)/mypy --strict app/compilation.py app/gender/engine.py  # and all they import: the compiled set

# The browser tests drive Debian's chromium (never a downloaded browser). Installed when missing
# and this user may (root, apt-get); otherwise those tests skip and say why.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -q chromium >/dev/null 2>&1 || \
	  { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } || \
	  echo "chromium could not be installed: the browser tests will skip"; \
	else echo "no chromium, and no apt-get as root: the browser tests will skip"; fi

test: lint $(CHROMIUM)
	$(BIN)/python -m pytest -q

bench: $(STAMP) $(COMPILED)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache build

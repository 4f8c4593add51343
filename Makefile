# Two commands do the whole set-up on a fresh machine with Python 3.11 and make:
#   make site   build the site into build/site/
#   make test   run the whole test suite, browser tests included
# and one builds the corpus edition (sources/ and ../shared/lawrefbook, read in place):
#   make corpus build it into build/corpus-site/
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site corpus test bench serve tools fonts lint clean

site: $(VENV)/.installed fonts
	$(BIN)/comparator build

corpus: $(VENV)/.installed fonts
	$(BIN)/comparator build --config-file mkdocs-corpus.yml

test: $(VENV)/.installed-test tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/python benchmarks/alignment.py
	$(BIN)/python benchmarks/changes.py
	$(BIN)/python benchmarks/align_speed.py

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

serve: $(VENV)/.installed fonts
	$(BIN)/mkdocs serve

# Style, types and the layers' import contract (`make test` runs them too, as tests).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check comparator tests benchmarks
	$(BIN)/ruff format --check comparator tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# Browser tests drive Debian's chromium (Playwright's own browser download is not used);
# the DOCX export is rendered with LibreOffice.
tools:
	@command -v chromium >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 \
		&& command -v pdftoppm >/dev/null 2>&1 \
		&& test -f /etc/fonts/conf.d/65-official-document-fonts.conf \
		&& test -e /usr/lib/libreoffice/program/libsclo.so \
		|| sh tests/install-tools.sh || command -v chromium >/dev/null 2>&1

# The PDF export lays out with pango and embeds the Noto CJK fonts.
fonts:
	@test -f /etc/fonts/conf.d/65-official-document-fonts.conf \
		|| sh tests/install-tools.sh fonts \
		|| echo "warning: without pango and fonts-noto-cjk the PDF 对照表 cannot be made" >&2

clean:
	rm -rf build $(VENV)

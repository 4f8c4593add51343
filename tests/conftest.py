from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from comparator.cli import main
from comparator.compare.table import ComparisonTable
from comparator.library import Library

from .browser import browser, serve

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "sources" / "catalog.toml"
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Hypothesis: a fast default run, and ``pytest --long`` for 10,000 cases per test.
# ``--hypothesis-show-statistics`` prints how many cases each test ran.
settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)


def pytest_addoption(parser):
    parser.addoption(
        "--long",
        action="store_true",
        default=False,
        help="run the hypothesis tests with the long profile (10,000 cases each)",
    )


def pytest_configure(config):
    if config.getoption("--long"):
        settings.load_profile("long")
    elif not config.getoption("hypothesis_profile", None):  # --hypothesis-profile wins
        settings.load_profile("default")


@pytest.fixture(scope="session")
def library() -> Library:
    return Library.open([CATALOG])


@pytest.fixture(scope="session")
def revision(library) -> ComparisonTable:
    """The Shenzhen revision's 对照表."""
    return library.table("shenzhen-2007", "shenzhen-draft")


@pytest.fixture(scope="session")
def cross(library) -> ComparisonTable:
    """The Shenzhen and Chongqing drafts' 对照表, across jurisdictions."""
    return library.table("shenzhen-draft", "chongqing-draft")


def row_index(table: ComparisonTable, left: str, right: str) -> int:
    """Position of the row pairing the articles labelled ``left`` and ``right``."""
    for index, row in enumerate(table.rows):
        if (row.left.label, row.right.label) == (left, right):
            return index
    raise AssertionError(f"no row {left} -> {right}")


# A catalog entry for tests that write catalogs: format it with id, source and sha256.
ENTRY = """
[[regulation]]
id = "{id}"
title = "示例规定"
short_title = "示例"
jurisdiction = "某市"
kind = "现行"
date = "2020-01-01"
source = "{source}"
sha256 = "{sha256}"
"""


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A git repository holding a copy of sources/, committed, as the current folder."""
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "texts"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner, monkeypatch):
    """Run the command line from the project root, as a user would."""
    monkeypatch.chdir(ROOT)

    def run(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's texts, catalog, pages and configuration, to change."""
    for name in ("sources", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built once from the catalog, for every test that reads it."""
    from comparator.publish.build import build_site

    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("built") / "site")


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present beside the project")
    return CORPUS


# The browser tests' chromium, and the built site served on loopback (tests/browser.py).


@pytest.fixture(scope="session")
def chromium():
    with browser() as instance:
        yield instance


@pytest.fixture(scope="session")
def origin(built_site):
    with serve(built_site) as url:
        yield url

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import settings

from comparator.cli import main
from comparator.compare.table import ComparisonTable
from comparator.library import Library

from .browser import browser, serve

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "sources" / "catalog.toml"
CORPUS = ROOT.parent / "shared" / "corpus"
LAWREFBOOK = ROOT.parent / "shared" / "lawrefbook"
SHANDONG = "DLC/山东地方法规/地方性法规/山东"
ZHEJIANG = "DLC/浙江地方法规/地方性法规/浙江"
# A slice of the national corpus, laid out as the whole is (sources/corpus.toml's rules):
# national laws in two versions, two provincial 实施办法 of one of them, a city
# regulation, a State Council regulation, a text the converter broke (its 第一章 heading
# is lost) and one law filed under two branches of law.
CORPUS_SLICE = (
    "宪法相关法/各级人民代表大会常务委员会监督法(2006-08-27).md",
    "宪法相关法/各级人民代表大会常务委员会监督法(2024-11-08).md",
    "宪法相关法/全国人民代表大会和地方各级人民代表大会代表法(2015-08-29).md",
    "宪法相关法/全国人民代表大会和地方各级人民代表大会代表法(2025-03-11).md",
    "宪法相关法/居民身份证法(2011-10-29).md",
    "行政法/居民身份证法(2011-10-29).md",
    "行政法规/专利代理条例(2018-11-06).md",
    f"{SHANDONG}/山东省实施《全国人民代表大会和地方各级人民代表大会代表法》办法(2015-12-03).md",
    f"{ZHEJIANG}/浙江省实施《全国人民代表大会和地方各级人民代表大会代表法》办法(2016-05-27).md",
    f"{SHANDONG}/东营市养犬管理条例(2017-10-11).md",
    f"{SHANDONG}/东营市湿地城市建设条例(2020-12-14).md",
)
SLICE_CATALOG = """allow_outside = true

[[collection]]
folder = "{folder}"
name = "法律法规库"

[collection.jurisdictions]
"DLC/山东地方法规" = "山东省"
"DLC/浙江地方法规" = "浙江省"

[collection.categories]
"DLC" = "地方性法规"
"行政法规" = "行政法规"
"""
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


def copy_slice(folder: Path) -> Path:
    """The corpus slice's files, copied byte for byte into ``folder`` (the corpus's
    layout), and a catalog of them beside it: the catalog's path."""
    if not LAWREFBOOK.is_dir():
        pytest.skip("../shared/lawrefbook is not present beside the project")
    texts = folder / "lawrefbook"
    for relative in CORPUS_SLICE:
        target = texts / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(LAWREFBOOK / relative, target)
    catalog = folder / "corpus.toml"
    catalog.write_text(SLICE_CATALOG.format(folder=texts), encoding="utf-8")
    return catalog


@pytest.fixture(scope="session")
def slice_catalog(tmp_path_factory) -> Path:
    """A catalog of the corpus slice (do not edit its texts: copy_slice your own)."""
    return copy_slice(tmp_path_factory.mktemp("slice"))


# The search the corpus edition uses, as mkdocs-corpus.yml says.
CORPUS_CONFIG = yaml.safe_load((ROOT / "mkdocs-corpus.yml").read_text(encoding="utf-8"))
SEARCH = next(p["comparator"]["search"] for p in CORPUS_CONFIG["plugins"] if "comparator" in p)


def corpus_config(folder: Path, catalog: Path) -> Path:
    """A corpus edition of ``catalog`` (mkdocs-corpus.yml's settings), built in ``folder``
    with its own cache."""
    config = folder / "mkdocs-corpus.yml"
    config.write_text(
        f"""INHERIT: {ROOT / "mkdocs-corpus.yml"}
docs_dir: {ROOT / "docs"}
site_dir: {folder / "site"}
plugins:
  - comparator:
      edition: corpus
      search: {SEARCH}
      workers: 1
      cache_dir: {folder / "cache"}
      catalogs:
        - {catalog}
""",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Path:
    """The corpus edition of the slice, built once, for every test that reads it."""
    from comparator.publish.build import build_site

    folder = tmp_path_factory.mktemp("corpus-edition")
    catalog = copy_slice(folder)
    return build_site(corpus_config(folder, catalog))


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

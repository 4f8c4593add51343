"""Extra catalogs: publishing a set of texts that live elsewhere beside sources/."""

from __future__ import annotations

import hashlib
import json

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from comparator.publish.build import build_site

from .conftest import CATALOG, ROOT


@pytest.fixture(scope="module")
def extra(tmp_path_factory):
    """A text kept outside the project, with its own catalog comparing it to sources/."""
    folder = tmp_path_factory.mktemp("elsewhere")
    text = (ROOT / "sources" / "shenzhen-draft.txt").read_text(encoding="utf-8")
    revised = text.replace("三个工作日内", "五个工作日内").replace(
        "（修订草案征求意见稿）", "（修订草案二稿）"
    )
    (folder / "texts").mkdir()
    source = folder / "texts" / "draft-2.txt"
    source.write_text(revised, encoding="utf-8")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    catalog = folder / "catalog.toml"
    catalog.write_text(
        f"""
[[regulation]]
id = "shenzhen-draft-2"
title = "深圳市人民代表大会常务委员会联系代表和保障代表执行职务的规定（修订草案二稿）"
short_title = "深圳规定二稿"
jurisdiction = "深圳市"
kind = "修订草案"
date = "2026"
source = "texts/draft-2.txt"
sha256 = "{sha}"

[[family]]
id = "drafts"
name = "草案稿次"
members = ["shenzhen-draft", "shenzhen-draft-2"]
comparisons = [{{ left = "shenzhen-draft", right = "shenzhen-draft-2", kind = "revision" }}]
""",
        encoding="utf-8",
    )
    return catalog


def test_the_command_line_reads_both_catalogs(invoke, extra):
    result = invoke("list", "--catalog", str(CATALOG), "--catalog", str(extra), "--format", "json")
    assert [row["id"] for row in json.loads(result.output)][-1] == "shenzhen-draft-2"
    assert invoke("check", "--catalog", str(CATALOG), "--catalog", str(extra)).exit_code == 0
    changes = invoke(
        "changes",
        "shenzhen-draft",
        "shenzhen-draft-2",
        "--catalog",
        str(CATALOG),
        "--catalog",
        str(extra),
        "--format",
        "json",
    )
    (change,) = json.loads(changes.output)["changes"]
    assert change["kind"] == "deadline" and change["note"] == "延长"
    assert (change["before"], change["after"]) == ("三个工作日内", "五个工作日内")


def test_the_site_publishes_both(extra, tmp_path):
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # resolves !ENV
    config["docs_dir"] = str(ROOT / "docs")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "comparator" in plugin:
            plugin["comparator"]["catalogs"] = [str(CATALOG), str(extra)]
            plugin["comparator"]["cache_dir"] = ""
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    site = build_site(path, tmp_path / "site")
    assert (site / "regulations" / "shenzhen-draft-2" / "index.html").is_file()
    page = (site / "compare" / "shenzhen-draft--shenzhen-draft-2" / "index.html").read_text("utf-8")
    assert "<del>三个</del>" in page and "<ins>五个</ins>" in page
    assert (site / "regulations" / "handan-water" / "index.html").is_file()  # sources/ too

"""Hostile or unlucky inputs at the text and reference stages: references that belong to
another article or another law, control and bidirectional characters, odd encodings,
a bad ``SOURCE_DATE_EPOCH`` and ranges of articles that do not exist."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tracemalloc
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.utils.yaml import yaml_load
from openpyxl import load_workbook

from comparator.cli import main
from comparator.compare.annotate import annotate, cited_laws, law_key
from comparator.library import Library
from comparator.model import SourceError
from comparator.publish.build import build_site
from comparator.publish.export import export_comparison, export_regulation
from comparator.publish.export.reproducible import build_date
from comparator.text.load import load_file
from comparator.text.normalize import normalize
from comparator.text.read import read_bytes

from .conftest import FIXTURES, ROOT

REFERENCES = FIXTURES / "hardening" / "references"
DATE = "2025-01-02"


def annotated(path: Path, law_titles: dict[str, str] | None = None):
    [loaded] = load_file(path)
    return loaded.regulation, annotate(loaded.regulation, law_titles)


def targets(annotations, node_id: str) -> list[tuple[str, str]]:
    return [(span.text, span.target) for span in annotations.spans.get(node_id, [])]


# Item 6: references resolve where they point -------------------------------------


def test_a_paragraph_listed_after_an_article_reference_is_that_articles():
    """本规定第一条第三款、第四款: 第四款 is paragraph 4 of 第一条, not of the current article."""
    _, annotations = annotated(REFERENCES / "lists.txt")
    assert targets(annotations, "lists/art-2/para-1") == [
        ("本规定第一条第三款", "lists/art-1/para-3"),
        ("第四款", "lists/art-1/para-4"),
    ]
    assert not [p for p in annotations.unresolved if p.line == 7]


def test_a_paragraph_joined_by_de_is_the_articles():
    """第一条的第二款 cites paragraph 2 of 第一条, and is not reported as unresolved."""
    _, annotations = annotated(REFERENCES / "lists.txt")
    assert targets(annotations, "lists/art-3/para-1") == [("第一条的第二款", "lists/art-1/para-2")]
    assert annotations.unresolved == []


def test_items_listed_after_a_paragraph_reference_are_that_paragraphs(tmp_path):
    path = tmp_path / "items.txt"
    path.write_text(
        "某市示范规定\n\n第一条 有下列情形之一的，予以登记：\n（一）甲；\n（二）乙；\n（三）丙。\n"
        "第二条 属于第一条第一款第一项、第三项情形的，免收费用。\n",
        encoding="utf-8",
    )
    _, annotations = annotated(path)
    assert targets(annotations, "items/art-2/para-1") == [
        ("第一条第一款第一项", "items/art-1/para-1/item-1"),
        ("第三项", "items/art-1/para-1/item-3"),
    ]
    assert annotations.unresolved == []


def test_an_amendment_decision_cites_the_amended_law_when_catalogued():
    """将第五条修改为…, “…本条例第二条…”: articles of the amended law, not of the decision."""
    law = {law_key("某市养犬管理条例"): "yangquan"}
    _, annotations = annotated(REFERENCES / "decision.txt", law)
    assert targets(annotations, "decision/art-1/para-1") == [
        ("第五条", "yangquan/art-5"),
        ("第二条", "yangquan/art-2"),
        ("第十条", "yangquan/art-10"),
    ]
    assert targets(annotations, "decision/art-2/para-1") == [
        ("第三条第一款", "yangquan/art-3/para-1")
    ]
    cited = {span.target for spans in annotations.spans.values() for span in spans}
    assert "yangquan/art-20/para-1/item-3" in cited
    # 本决定第二条 is the decision's own article.
    assert ("本决定第二条", "decision/art-2") in targets(annotations, "decision/art-4/para-1")
    assert annotations.unresolved == []


def test_an_amendment_decision_never_links_the_amended_law_to_itself():
    """Without the amended law in the catalog, its articles are left unlinked, unreported."""
    _, annotations = annotated(REFERENCES / "decision.txt")
    cited = {s.target for spans in annotations.spans.values() for s in spans}
    assert cited == {"decision/art-2"}  # 本决定第二条 only
    assert annotations.unresolved == []


def test_a_text_is_annotated_alike_with_the_catalog_or_the_titles_it_cites(library):
    """A page is kept while the texts its citations link to stay the same
    (``Library.law_links``): the catalog's other titles must change nothing of it."""
    law_titles = {law_key(entry.title): entry.id for entry in library.catalog.entries.values()}
    law_titles[law_key("某市养犬管理条例")] = "yangquan"
    law_titles[law_key("某市湿地保护条例")] = "wetland"
    decision = load_file(REFERENCES / "decision.txt")[0].regulation
    # A decision that names the law it amends in its title alone (…修正案).
    amendment = replace(decision, title="某市湿地保护条例修正案")
    regulations = [library.regulation(i) for i in library.catalog.entries]
    for regulation in [*regulations, decision, amendment]:
        cited = {t: law_titles[t] for t in cited_laws(regulation) if t in law_titles}
        assert annotate(regulation, cited) == annotate(regulation, law_titles), regulation.id
    assert cited == {law_key("某市湿地保护条例"): "wetland"}


def test_check_accepts_an_amendment_decision(invoke):
    result = invoke("check", str(REFERENCES / "decision.txt"))
    assert result.exit_code == 0, result.output


# Item 14: a range of articles is expanded over the articles that exist ------------


def test_a_huge_range_is_checked_without_expanding_it(tmp_path):
    path = tmp_path / "range.txt"
    path.write_text(
        "某市示范规定\n\n第一条 为了示范，制定本规定。\n第二条 甲。\n第三条 乙。\n"
        "第四条 第二条至第九九九九九九九条另有规定的除外。\n",
        encoding="utf-8",
    )
    tracemalloc.start()
    try:
        _, annotations = annotated(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000
    assert len(annotations.unresolved) == 1
    assert "第九九九九九九九条" in annotations.unresolved[0].message


def test_a_range_with_a_gap_is_reported_once(tmp_path):
    path = tmp_path / "gap.txt"
    path.write_text(
        "某市示范规定\n\n第一条 为了示范，制定本规定。\n第二条 甲。\n"
        "第三条 第一条至第八条另有规定的除外。\n",
        encoding="utf-8",
    )
    _, annotations = annotated(path)
    assert [p.line for p in annotations.unresolved] == [5]


def test_a_range_of_existing_articles_is_linked_and_not_reported(tmp_path):
    path = tmp_path / "fine.txt"
    path.write_text(
        "某市示范规定\n\n第一条 为了示范，制定本规定。\n第二条 甲。\n第三条 乙。\n"
        "第四条 第一条至第三条另有规定的除外。\n",
        encoding="utf-8",
    )
    _, annotations = annotated(path)
    assert targets(annotations, "fine/art-4/para-1") == [
        ("第一条", "fine/art-1"),
        ("第三条", "fine/art-3"),
    ]
    assert annotations.unresolved == []


# Items 9 and 17: control and bidirectional characters ----------------------------

CONTROLS = {
    "nul": "\x00",
    "vertical-tab": "\x0b",
    "form-feed": "\x0c",
    "escape": "\x1b",
    "noncharacter": "\ufffe",
    "delete": "\x7f",
    "c1": "\x85",
}
BIDI = {
    "rlo": "\u202e",
    "lre": "\u202a",
    "pdf": "\u202c",
    "rli": "\u2067",
    "pdi": "\u2069",
    "rlm": "\u200f",
    "lrm": "\u200e",
    "alm": "\u061c",
}
HIDDEN = {**CONTROLS, **BIDI}
# What no output may carry: C0 and C1 controls but tab and line ends, noncharacters,
# bidirectional controls.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
    "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
)


def hostile_text(character: str, title: str = "某市示范条例") -> str:
    return (
        f"{title}{character}（草案）\n\n第一章 总则\n\n"
        f"第一条 为了示范{character}，制定本条例。\n"
        f"第二条 {character}本条例所称示范{character}单位，是指依法设立的单位。\n"
        f"第三条 本条例自公布之日起施行。{character}\n"
    )


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_normalisation_records_each_hidden_character(name):
    character = HIDDEN[name]
    lines = normalize(hostile_text(character))
    assert not any(_FORBIDDEN.search(line.text) for line in lines)
    dropped = [d for line in lines for d in line.dropped]
    written = hostile_text(character).split("\n")
    assert [(d.line, d.column) for d in dropped] == [
        (number, column)
        for number, raw in enumerate(written, 1)
        for column, seen in enumerate(raw)
        if seen == character
    ]
    assert all(d.text == character and f"U+{ord(character):04X}" in d.reason for d in dropped)
    # Words either side stay apart where the character was a space.
    assert lines[5].text.startswith("第二条") and "示范" in lines[5].text


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_check_passes_and_exports_hold_no_hidden_character(name, tmp_path, invoke):
    character = HIDDEN[name]
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(hostile_text(character).replace("（草案）", ""), encoding="utf-8")
    new.write_text(hostile_text(character).replace("依法设立", "依法登记"), encoding="utf-8")
    assert invoke("check", str(old), str(new)).exit_code == 0
    library = Library.open([empty_catalog(tmp_path)])
    ids = []
    for path in (old, new):
        [loaded] = load_file(path)
        library.add(loaded)
        ids.append(loaded.regulation.id)
    akn = export_regulation(library.regulation(ids[1]), None, "akn", [])
    assert not _FORBIDDEN.search(akn.decode("utf-8"))
    table = library.table(ids[0], ids[1])
    for file_format in ("xlsx", "docx", "json"):
        export_comparison(table, file_format, tmp_path / f"out.{file_format}", DATE)
    sheet = load_workbook(tmp_path / "out.xlsx").active
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("依法登记" in value for value in values)
    assert not any(_FORBIDDEN.search(value) for value in values)
    assert not _FORBIDDEN.search((tmp_path / "out.json").read_text(encoding="utf-8"))


def empty_catalog(folder: Path) -> Path:
    path = folder / "empty-catalog.toml"
    path.write_text("# no regulation\n", encoding="utf-8")
    return path


def test_parse_prints_no_control_character_to_a_terminal(tmp_path, monkeypatch):
    """ESC sequences and bidi controls of a text never reach the terminal raw."""
    path = tmp_path / "hostile.txt"
    path.write_text(hostile_text("\x1b[31m\u202e"), encoding="utf-8")
    monkeypatch.chdir(ROOT)
    # color=True: as on a terminal, where click passes escape sequences through.
    result = CliRunner().invoke(main, ["parse", str(path)], color=True, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not _FORBIDDEN.search(result.output)
    assert "某市示范条例[31m（草案）" in result.output


def test_list_prints_no_control_character_to_a_terminal(tmp_path, monkeypatch):
    """A catalog title holding escapes (TOML ``\\u001b``, ``\\u202e``) is refused where it
    stands, and the message shows the character's code, not the character."""
    source = tmp_path / "text.txt"
    data = hostile_text("").encode("utf-8")
    source.write_bytes(data)
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(
        '[[regulation]]\nid = "hidden"\ntitle = "某市\\u001b[31m\\u202e示范条例"\n'
        'short_title = "示范"\njurisdiction = "某市"\nkind = "现行"\ndate = "2020-01-01"\n'
        f'source = "text.txt"\nsha256 = "{hashlib.sha256(data).hexdigest()}"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["list", "--catalog", str(catalog)], color=True, catch_exceptions=False
    )
    assert result.exit_code == 1
    assert f"{catalog}:3: title holds control character U+001B" in result.output
    assert not _FORBIDDEN.search(result.output)


@pytest.fixture(scope="module")
def hidden_site(tmp_path_factory) -> Path:
    """A site built from two texts and a catalog holding every hidden character."""
    folder = tmp_path_factory.mktemp("hidden")
    sources = folder / "sources"
    sources.mkdir()
    every = "".join(HIDDEN.values())
    entries = []
    for name, kind, text in (
        ("old", "现行", hostile_text(every).replace("（草案）", "")),
        ("new", "修订草案", hostile_text(every).replace("依法设立", "依法登记")),
    ):
        data = text.encode("utf-8")
        (sources / f"{name}.txt").write_bytes(data)
        entries.append(
            f'[[regulation]]\nid = "hidden-{name}"\ntitle = "某市示范条例{name}"\n'
            f'short_title = "示范{name}"\njurisdiction = "某市"\nkind = "{kind}"\n'
            f'date = "2020-01-01"\nsource = "{name}.txt"\n'
            f'sha256 = "{hashlib.sha256(data).hexdigest()}"\n'
        )
    entries.append(
        '[[family]]\nid = "hidden"\nname = "示范"\nmembers = ["hidden-old", "hidden-new"]\n'
        'comparisons = [{ left = "hidden-old", right = "hidden-new", kind = "revision" }]\n'
    )
    (sources / "catalog.toml").write_text("\n".join(entries), encoding="utf-8")
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config["site_dir"] = str(folder / "site")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "comparator" in plugin:
            plugin["comparator"]["catalogs"] = [str(sources / "catalog.toml")]
            plugin["comparator"].pop("cache_dir", None)
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return build_site(path)


def test_the_site_and_its_downloads_hold_no_hidden_character(hidden_site):
    built = [p for p in hidden_site.rglob("*") if p.suffix in (".html", ".xml", ".json", ".csv")]
    assert any(p.name.endswith(".akn.xml") for p in built)
    for page in built:
        assert not _FORBIDDEN.search(page.read_text(encoding="utf-8-sig")), page
    workbook = next(hidden_site.rglob("*.xlsx"))
    sheet = load_workbook(workbook).active
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("依法登记" in value for value in values)
    assert not any(_FORBIDDEN.search(value) for value in values)
    page = (hidden_site / "regulations" / "hidden-new" / "index.html").read_text("utf-8")
    assert "某市示范条例" in page


# Item 12: smaller tracebacks -----------------------------------------------------


def test_utf16_with_an_odd_byte_count_is_a_source_error():
    data = "\ufeff某市示范条例\n\n第一条 示范。\n".encode("utf-16-le") + b"\x00"
    with pytest.raises(SourceError) as raised:
        read_bytes(data, "odd.txt")
    assert raised.value.path == "odd.txt"
    assert "UTF-16" in raised.value.message


def test_check_names_a_truncated_utf16_file(tmp_path, invoke):
    path = tmp_path / "odd.txt"
    path.write_bytes("\ufeff某市示范条例\n\n第一条 示范。\n".encode("utf-16-le") + b"\x00")
    result = invoke("check", str(path))
    assert result.exit_code == 1
    assert f"{path}:" in result.output and "UTF-16" in result.output


BAD_EPOCHS = ["abc", "1e9", "-5", "99999999999999", "1.5"]


@pytest.mark.parametrize("value", BAD_EPOCHS)
def test_a_bad_source_date_epoch_names_the_variable(value, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(SourceError) as raised:
        build_date()
    message = str(raised.value)
    assert message.startswith("SOURCE_DATE_EPOCH") and repr(value) in message
    assert "seconds since 1970-01-01" in message


def test_a_good_source_date_epoch_still_dates_the_build(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert build_date() == "1970-01-01"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert build_date() == "9999-12-31"


def run_fresh(*args: str, epoch: str) -> subprocess.CompletedProcess[str]:
    """The command line in a new interpreter: NumPy, imported on the way, reads the
    variable too, and an import made once in this process would hide it."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "comparator", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize("value", ["abc", "1e9"])
def test_export_with_a_bad_source_date_epoch_exits_cleanly(value, tmp_path):
    out = tmp_path / "x.xlsx"
    result = run_fresh(
        "export", "shenzhen-2007", "shenzhen-draft", "--format", "xlsx", "-o", str(out), epoch=value
    )
    assert result.returncode == 1
    assert f"SOURCE_DATE_EPOCH={value!r}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_build_with_a_bad_source_date_epoch_exits_cleanly(tmp_path):
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config["copyright"] = "某市人大常委会"  # the footer then asks for no date
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    result = run_fresh("build", "--config-file", str(path), "--site-dir", str(site), epoch="abc")
    assert result.returncode == 1
    assert "SOURCE_DATE_EPOCH='abc'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()

"""The command line: JSON shapes, paths and ids, help with an example on every command."""

from __future__ import annotations

import json

import click
import pytest

from comparator.cli import main


def test_list_json(invoke):
    result = invoke("list", "--format", "json")
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert list(rows) == [
        "shenzhen-2007",
        "shenzhen-draft",
        "chongqing-draft",
        "handan-water",
        "tieling-litigation",
        "chongqing-2016",
        "daibiaofa-2015",
        "daibiaofa-2025",
        "beijing-daibiaofa-2014",
        "shanghai-daibiaofa",
        "shandong-daibiaofa-2015",
        "zhejiang-daibiaofa-2016",
        "henan-lianxi-2000",
    ]
    assert rows["chongqing-draft"]["articles"] == 72
    assert rows["chongqing-draft"]["kind"] == "修订草案"
    # The versions and implementations published beside them, as the corpus table counts them.
    assert rows["chongqing-2016"]["articles"] == 58  # the text the draft revises
    assert rows["daibiaofa-2025"]["articles"] == 65 and rows["daibiaofa-2015"]["articles"] == 52
    assert rows["daibiaofa-2015"]["kind"] == "已修改"


def test_list_text(invoke):
    result = invoke("list")
    assert result.exit_code == 0
    assert "handan-water" in result.output and "34 条" in result.output


def test_parse_json_shape(invoke):
    result = invoke("parse", "shenzhen-draft", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["id"] == "shenzhen-draft"
    assert data["title"].startswith("深圳市人民代表大会常务委员会联系代表")
    assert data["chapters"][0] == {
        "number": 1,
        "id": "shenzhen-draft/chap-1",
        "label": "第一章",
        "title": "总则",
        "articles": [1, 2, 3, 4, 5, 6],
    }
    article = data["articles"][12]
    assert article["number"] == 13
    assert article["id"] == "shenzhen-draft/art-13"
    assert article["chapter"] == 2
    assert [p["text"][:6] for p in article["paragraphs"]] == ["常务委员会在", "常务委员会统"]
    assert article["paragraphs"][1]["id"] == "shenzhen-draft/art-13/para-2"
    assert article["paragraphs"][0]["items"] == []


def test_parse_json_without_chapters(invoke):
    data = json.loads(invoke("parse", "tieling-litigation", "--format", "json").output)
    assert data["chapters"] == []
    assert {a["chapter"] for a in data["articles"]} == {None}
    items = data["articles"][6]["paragraphs"][0]["items"]
    assert items[0] == {
        "id": "tieling-litigation/art-7/para-1/item-1",
        "label": "(一)",
        "text": "组成以法定代表人为组长的应诉小组;",
    }


def test_parse_path(invoke, tmp_path):
    path = tmp_path / "rules.txt"
    path.write_text(
        "某市某某规定\n\n第一条 为了……，制定本规定。\n第二条 本规定自公布之日起施行。\n",
        encoding="utf-8",
    )
    data = json.loads(invoke("parse", str(path), "--format", "json").output)
    assert data["title"] == "某市某某规定"
    assert [a["number"] for a in data["articles"]] == [1, 2]


def test_parse_path_with_several_regulations(invoke):
    result = invoke("parse", "sources/falvziliao-compilation.txt")
    assert result.exit_code == 1
    assert "sources/falvziliao-compilation.txt:" in result.output
    assert "holds 3 regulations" in result.output


def test_parse_text_outline(invoke):
    result = invoke("parse", "handan-water")
    assert result.exit_code == 0
    assert "6 章, 34 条" in result.output
    assert "第二章 预防保护" in result.output


def test_unknown_id(invoke):
    result = invoke("parse", "no-such-id")
    assert result.exit_code == 1
    assert result.output.startswith("error: unknown regulation id 'no-such-id'")


def test_check_catalog(invoke):
    result = invoke("check")
    assert result.exit_code == 0, result.output
    assert "13 catalogued regulation(s) checked" in result.output


def commands():
    return sorted(main.commands.items())


@pytest.mark.parametrize("name,command", commands(), ids=[name for name, _ in commands()])
def test_every_command_has_help_with_an_example(name, command):
    with click.Context(command, info_name=name) as context:
        help_text = command.get_help(context)
    assert command.help and len(command.help.split("\n")[0]) > 20
    assert "Example:" in help_text and f"comparator {name}" in help_text


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["shenzhen-2007", "shenzhen-draft", "--format", "odt"],
            "unknown format 'odt' for a comparison",
        ),
        (["shenzhen-draft", "--format", "docx"], "unknown format 'docx' for a regulation"),
        (["shenzhen-2007", "nowhere", "--format", "docx"], "unknown regulation id 'nowhere'"),
    ],
)
def test_export_refuses_unknown_ids_and_formats(invoke, tmp_path, args, message):
    result = invoke("export", *args, "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and message in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args,suffix",
    [
        (["shenzhen-2007", "shenzhen-draft", "--format", "xlsx"], "xlsx"),
        (["handan-water", "--format", "akn"], "xml"),
    ],
)
def test_export_writes_the_file(invoke, tmp_path, args, suffix):
    out = tmp_path / f"out.{suffix}"
    result = invoke("export", *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000

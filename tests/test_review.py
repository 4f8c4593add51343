"""`comparator review`: the change summary a pull request that edits a text gets."""

from __future__ import annotations


def test_nothing_changed(repository, runner):
    from comparator.cli import main

    result = runner.invoke(main, ["review", "--base", "HEAD"])
    assert result.exit_code == 0
    assert result.output.strip() == "No catalogued text changed since `HEAD`."


def test_an_edited_text_gets_its_change_summary(repository, runner):
    from comparator.cli import main

    source = repository / "sources" / "falvziliao-compilation.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("在二十四小时内转交", "在十二小时内转交"), encoding="utf-8")
    result = runner.invoke(main, ["review", "--base", "HEAD"])
    assert result.exit_code == 0, result.output
    # Only the regulation of the compilation that changed is reported.
    assert result.output.count("### ") == 1
    assert "深圳市人民代表大会常务委员会联系代表和保障代表执行职务的规定" in result.output
    assert "| 第三十一条 → 第三十一条 | 期限缩短：二十四小时内 → 十二小时内 |" in result.output

"""Bad input ends in ``path:line: message`` and exit status 1, never a traceback."""

from __future__ import annotations

import pytest

from comparator.model import SourceError, SourceErrors
from comparator.text.load import load_file

from .conftest import ROOT

SEED = ROOT / "sources" / "shenzhen-draft.txt"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def check(invoke, path):
    result = invoke("check", str(path))
    assert "Traceback" not in result.output
    return result


def test_empty_file(tmp_path, invoke):
    path = write(tmp_path, "empty.txt", b"\n  \n")
    result = check(invoke, path)
    assert result.exit_code == 1
    assert (
        result.output.strip() == f"{path}:1: the file is empty: expected the text of a regulation"
    )


def test_no_article(tmp_path, invoke):
    path = write(tmp_path, "notice.txt", "关于征求意见的通知\n请于九月四日前提出意见。\n".encode())
    result = check(invoke, path)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"{path}:1: no article found: expected a line starting with 第一条 (or 第1条)"
    )


def test_skipped_article_number(tmp_path, invoke):
    lines = [line for line in seed_lines() if "第五条" not in line[:8]]
    path = write(tmp_path, "gap.txt", "\n".join(lines).encode())
    result = check(invoke, path)
    assert result.exit_code == 1
    assert f"{path}:11: expected 第5条, found 第六条: 第5条 is missing" in result.output


def test_repeated_article_number(tmp_path, invoke):
    lines = seed_lines()
    lines[22] = lines[22].replace("第九条", "第八条")  # line 23
    path = write(tmp_path, "repeat.txt", "\n".join(lines).encode())
    result = check(invoke, path)
    assert result.exit_code == 1
    assert f"{path}:23: 第八条 appears twice (first at line 20): expected 第9条" in result.output


def test_every_problem_is_listed(tmp_path, invoke):
    lines = [line for line in seed_lines() if "第五条" not in line[:8]]
    lines = [line for line in lines if "第二十条" not in line[:10]]
    path = write(tmp_path, "gaps.txt", "\n".join(lines).encode())
    result = check(invoke, path)
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 2


def test_gbk_text_is_detected(tmp_path):
    path = write(tmp_path, "gbk.txt", SEED.read_text(encoding="utf-8").encode("gb18030"))
    (loaded,) = load_file(path)
    (original,) = load_file(SEED)
    assert loaded.regulation.articles == original.regulation.articles


def test_undecodable_bytes(tmp_path, invoke):
    data = "第一条 本规定自公布之日起施行。\n".encode() + b"\xff\xfe\xfd\x80\n"
    path = write(tmp_path, "broken.txt", data)
    result = check(invoke, path)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"{path}:2: cannot decode the text: byte 0xff is neither UTF-8 nor GB18030; "
        "save the file as UTF-8"
    )


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode(), id="bom"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(
            lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), id="bom-crlf"
        ),
    ],
)
def test_bom_and_crlf_parse_normally(tmp_path, encode):
    path = write(tmp_path, "variant.txt", encode(SEED.read_text(encoding="utf-8")))
    (loaded,) = load_file(path)
    (original,) = load_file(SEED)
    assert loaded.regulation.articles == original.regulation.articles
    assert loaded.regulation.chapters == original.regulation.chapters


def test_source_error_carries_its_place(tmp_path):
    path = write(tmp_path, "gap.txt", "第一条 甲。\n第三条 乙。\n".encode())
    with pytest.raises(SourceErrors) as raised:
        load_file(path)
    (error,) = raised.value.errors
    assert isinstance(error, SourceError)
    assert (error.path, error.line) == (str(path), 2)


def test_parse_of_missing_file(invoke):
    result = invoke("parse", "no/such/file.txt")
    assert result.exit_code == 1
    assert result.output.strip() == "no/such/file.txt:0: file not found"


def test_text_before_the_first_article_of_a_chapter(tmp_path, invoke):
    text = "第一章 总则\n第一条 甲。\n第二章 其他\n这一行不属于任何一条。\n第二条 乙。\n"
    path = write(tmp_path, "stray.txt", text.encode())
    result = check(invoke, path)
    assert result.exit_code == 1
    assert f"{path}:4: expected 第…条 after 第二章, found text" in result.output

"""Problems in the catalog: one `path:line: message` each, exit status 1."""

from __future__ import annotations

import shutil

import pytest

from .conftest import ENTRY, ROOT


@pytest.fixture
def folder(tmp_path):
    shutil.copy(ROOT / "sources" / "shenzhen-draft.txt", tmp_path / "text.txt")
    return tmp_path


def sha256(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_catalog(folder, *entries: str) -> str:
    path = folder / "catalog.toml"
    path.write_text("".join(entries), encoding="utf-8")
    return str(path)


def check(invoke, catalog: str):
    result = invoke("check", "--catalog", catalog)
    assert "Traceback" not in result.output
    return result


def test_a_good_catalog(invoke, folder):
    catalog = write_catalog(
        folder, ENTRY.format(id="a", source="text.txt", sha256=sha256(folder / "text.txt"))
    )
    result = check(invoke, catalog)
    assert result.exit_code == 0, result.output


def test_missing_source_file(invoke, folder):
    catalog = write_catalog(folder, ENTRY.format(id="a", source="gone.txt", sha256="0" * 64))
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert result.output.strip().startswith(f"{catalog}:2: a: source file ")
    assert "gone.txt not found" in result.output


def test_changed_text_says_how_to_accept_it(invoke, folder):
    catalog = write_catalog(folder, ENTRY.format(id="a", source="text.txt", sha256="0" * 64))
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert "text.txt:1: the text changed since it was catalogued" in result.output
    assert "run `comparator accept a`" in result.output
    accepted = invoke("accept", "a", "--catalog", catalog)
    assert accepted.exit_code == 0
    assert check(invoke, catalog).exit_code == 0


def test_id_not_unique(invoke, folder):
    entry = ENTRY.format(id="a", source="text.txt", sha256=sha256(folder / "text.txt"))
    catalog = write_catalog(folder, entry, entry)
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert f"{catalog}:13: id 'a' is not unique: already used at {catalog}:2" in result.output


def test_unknown_keys(invoke, folder):
    entry = ENTRY.format(id="a", source="text.txt", sha256=sha256(folder / "text.txt"))
    catalog = write_catalog(
        folder, entry.replace('kind = "现行"', 'kind = "现行"\nstatus = "x"'), "[extra]\nx = 1\n"
    )
    result = check(invoke, catalog)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert f"{catalog}:8: unknown key 'status' in [[regulation]]" in lines[1]
    assert f"{catalog}:12: unknown key 'extra'" in lines[0]


def test_missing_keys_and_bad_values(invoke, folder):
    entry = ENTRY.format(id="A b", source="text.txt", sha256=sha256(folder / "text.txt"))
    catalog = write_catalog(
        folder,
        entry.replace('kind = "现行"', 'kind = "draft"').replace(
            'date = "2020-01-01"', 'date = "去年"'
        ),
    )
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert "id 'A b' must be lower-case letters, digits and hyphens" in result.output
    assert "kind must be one of 现行 / 已修改 / 修订草案, not 'draft'" in result.output
    assert "date must be YYYY-MM-DD" in result.output


def test_not_toml(invoke, folder):
    catalog = write_catalog(folder, "[[regulation]\nid = 1\n")
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert result.output.startswith(f"{catalog}:1: not valid TOML")


def test_part_out_of_range(invoke, folder):
    entry = ENTRY.format(id="a", source="text.txt", sha256=sha256(folder / "text.txt"))
    catalog = write_catalog(folder, entry + "part = 4\n")
    result = check(invoke, catalog)
    assert result.exit_code == 1
    source = folder / "text.txt"
    assert f"{catalog}:2: a: part = 4, but {source} holds 1 regulation(s)" in result.output


def entries(folder, *extra: tuple[str, str]) -> list[str]:
    """Two entries of the same text, ``a`` and ``b``, with extra lines for each."""
    digest = sha256(folder / "text.txt")
    return [
        ENTRY.format(id=regulation_id, source="text.txt", sha256=digest) + lines
        for regulation_id, lines in extra
    ]


def test_replaces_needs_a_revision_comparison(invoke, folder):
    catalog = write_catalog(folder, *entries(folder, ("a", ""), ("b", 'replaces = "a"\n')))
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert (
        f"{catalog}:12: b replaces a: add "
        '{ left = "a", right = "b", kind = "revision" } to the comparisons of a family'
    ) in result.output


def test_replaces_and_implements_name_catalogued_regulations(invoke, folder):
    lines = 'replaces = "gone"\nimplements = "b"\n'
    catalog = write_catalog(folder, *entries(folder, ("b", lines)))
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert f"{catalog}:2: b: replaces = 'gone', which is not another catalogued" in result.output
    assert f"{catalog}:2: b: implements = 'b', which is not another catalogued" in result.output


def test_a_version_has_one_successor(invoke, folder):
    family = """
[[family]]
id = "f"
name = "F"
members = ["a", "b", "c"]
comparisons = [
    { left = "a", right = "b", kind = "revision" },
    { left = "a", right = "c", kind = "revision" },
]
"""
    replaces = 'replaces = "a"\n'
    parts = entries(folder, ("a", ""), ("b", replaces), ("c", replaces))
    catalog = write_catalog(folder, *parts, family)
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert "c replaces a, which b replaces already: a version has one successor" in result.output


@pytest.mark.parametrize(
    "comments,message",
    [
        ('comments = "rd@example.org"', "comments must be a table"),
        ('comments = { email = "rd@example.org" }', "comments need a deadline as YYYY-MM-DD"),
        ('comments = { deadline = "2025-09-04", fax = "1" }', "unknown key 'fax' in comments"),
    ],
)
def test_bad_comment_channels(invoke, folder, comments, message):
    catalog = write_catalog(folder, *entries(folder, ("a", comments + "\n")))
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert f"{catalog}:11: {message}" in result.output

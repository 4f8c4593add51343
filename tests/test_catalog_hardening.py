"""Hostile and unlucky inputs to the command line and the catalog: a clear error or the
right result, never a silent wrong one and never a traceback.

Ids of files named on the command line, page paths of comparisons, `review --base`,
`accept`, malformed catalogs, `parse FILE` without a catalog, and a property over random
catalogs.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comparator.catalog import Catalog, load_catalogs
from comparator.cli import main
from comparator.model import SourceErrors

from .conftest import ENTRY, FIXTURES, ROOT

HARDENING = FIXTURES / "hardening"
TEXT = ROOT / "sources" / "shenzhen-draft.txt"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path) -> Path:
    shutil.copy(TEXT, tmp_path / "text.txt")
    return tmp_path


def entry(folder: Path, regulation_id: str, source: str = "text.txt", extra: str = "") -> str:
    digest = sha256(folder / source) if (folder / source).is_file() else "0" * 64
    return ENTRY.format(id=regulation_id, source=source, sha256=digest) + extra


def family(members: list[str], *comparisons: tuple[str, str, str], name: str = "f") -> str:
    rows = "".join(
        f'    {{ left = "{left}", right = "{right}", kind = "{kind}" }},\n'
        for left, right, kind in comparisons
    )
    return (
        f'\n[[family]]\nid = "{name}"\nname = "F"\nmembers = {json.dumps(members)}\n'
        f"comparisons = [\n{rows}]\n"
    )


def write_catalog(folder: Path, *parts: str) -> Path:
    path = folder / "catalog.toml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def run(*args: str):
    """The command line as a user runs it; a traceback fails the test."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def problems_of(catalog: Path) -> list[str]:
    """The problems ``load_catalogs`` reports, as printed (``path:line: message``)."""
    with pytest.raises(SourceErrors) as raised:
        load_catalogs([catalog])
    return [str(error) for error in raised.value.errors]


def assert_every_line_placed(output: str, catalog: Path) -> None:
    lines = output.strip().splitlines()
    assert lines, "no problem reported"
    for line in lines:
        assert re.match(rf"{re.escape(str(catalog))}:[1-9]\d*: \S", line), line


# 1. Ids of files named on the command line -------------------------------------------


def test_two_files_with_one_name_stay_two_regulations(monkeypatch):
    monkeypatch.chdir(HARDENING)
    result = run("align", "v2017/xingzheng-fuyi.md", "v2023/xingzheng-fuyi.md")
    assert result.exit_code == 0, result.output
    assert "unchanged 90" not in result.output
    # Each file's id is said, and the two differ.
    ids = dict(re.findall(r"^(v20\d\d/xingzheng-fuyi\.md): read as (\S+)$", result.output, re.M))
    assert set(ids) == {"v2017/xingzheng-fuyi.md", "v2023/xingzheng-fuyi.md"}
    assert len(set(ids.values())) == 2
    assert f"{ids['v2017/xingzheng-fuyi.md']} -> {ids['v2023/xingzheng-fuyi.md']}" in result.output


def test_the_json_of_two_files_with_one_name_compares_them(monkeypatch):
    monkeypatch.chdir(HARDENING)
    runner = CliRunner()
    result = runner.invoke(
        main, ["align", "v2017/xingzheng-fuyi.md", "v2023/xingzheng-fuyi.md", "--format", "json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["left"] != data["right"]
    # Each side has its own text's articles (43 in 2017, 90 in 2023): the 2023 text is
    # not compared with itself.
    counts = [articles_of(f"{year}/xingzheng-fuyi.md") for year in ("v2017", "v2023")]
    assert counts[0] < counts[1]
    for side, count in zip(("left", "right"), counts, strict=True):
        assert len({pair[side] for pair in data["pairs"]} - {None}) == count


def articles_of(path: str) -> int:
    return len(json.loads(run("parse", path, "--format", "json").output)["articles"])


def test_files_with_chinese_names_get_distinct_stable_ids(tmp_path):
    shutil.copy(HARDENING / "v2017" / "xingzheng-fuyi.md", tmp_path / "行政复议法.md")
    shutil.copy(HARDENING / "v2023" / "xingzheng-fuyi.md", tmp_path / "立法法.md")
    first = run("align", str(tmp_path / "行政复议法.md"), str(tmp_path / "立法法.md"))
    second = run("align", str(tmp_path / "行政复议法.md"), str(tmp_path / "立法法.md"))
    assert first.exit_code == 0, first.output
    left, right = re.findall(r"^(\S+) -> (\S+) \(revision\)$", first.output, re.M)[0]
    assert left != right
    assert first.output == second.output  # the ids do not change from run to run


def test_a_file_named_like_a_catalogued_text_is_not_that_text(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    changed = tmp_path / "shenzhen-draft.txt"
    changed.write_text(
        TEXT.read_text(encoding="utf-8").replace("三个工作日内", "五个工作日内"), encoding="utf-8"
    )
    result = run("changes", "shenzhen-draft", str(changed))
    assert result.exit_code == 0, result.output
    assert "三个工作日内" in result.output and "五个工作日内" in result.output


# 5. One page per comparison --------------------------------------------------------


def test_ids_with_a_double_hyphen_are_refused(folder):
    catalog = write_catalog(
        folder,
        entry(folder, "a--b"),
        entry(folder, "c"),
        entry(folder, "a"),
        entry(folder, "b--c"),
        family(["a--b", "c", "a", "b--c"], ("a--b", "c", "cross"), ("a", "b--c", "cross")),
    )
    problems = problems_of(catalog)
    assert f"{catalog}:3: id 'a--b' must be" in problems[0]
    assert any(p.startswith(f"{catalog}:33: id 'b--c' must be") for p in problems)


@pytest.mark.parametrize("bad_id", ["a-", "-a", "abc\n", "a\n"])
def test_ids_are_matched_whole(folder, bad_id):
    catalog = write_catalog(
        folder, entry(folder, "x").replace('id = "x"', f"id = {json.dumps(bad_id)}")
    )
    assert any(p.startswith(f"{catalog}:3: id ") for p in problems_of(catalog))


def test_a_pair_compared_twice_is_refused(folder):
    catalog = write_catalog(
        folder,
        entry(folder, "a"),
        entry(folder, "b"),
        family(["a", "b"], ("a", "b", "revision"), ("a", "b", "cross")),
    )
    (problem,) = problems_of(catalog)
    assert problem.startswith(f"{catalog}:28: comparison a -> b is listed twice")


def test_a_pair_compared_in_two_families_is_refused(folder):
    catalog = write_catalog(
        folder,
        entry(folder, "a"),
        entry(folder, "b"),
        family(["a", "b"], ("a", "b", "cross")),
        family(["a", "b"], ("b", "a", "cross"), name="g"),
    )
    (problem,) = problems_of(catalog)
    assert problem.startswith(f"{catalog}:35: comparison b -> a is listed twice")
    assert f"{catalog}:27" in problem  # where it was listed first


def test_a_text_compared_with_itself_is_refused(folder):
    catalog = write_catalog(folder, entry(folder, "a"), family(["a"], ("a", "a", "cross")))
    (problem,) = problems_of(catalog)
    assert problem.startswith(f"{catalog}:17: comparison a -> a compares a text with itself")


# 7. review --base -------------------------------------------------------------------


def test_review_refuses_an_unknown_base(repository):
    result = run("review", "--base", "nonexistent-branch")
    assert result.exit_code == 1
    assert "新收录" not in result.output
    assert "nonexistent-branch" in result.output and "not a commit" in result.output


def test_review_hands_no_option_to_git(repository):
    written = repository / "written.txt"
    result = run("review", f"--base=--output={written}")
    assert result.exit_code == 1
    assert not written.exists()
    assert "not a commit" in result.output


def test_review_in_a_shallow_checkout_says_so(repository, tmp_path, monkeypatch):
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    source = repository / "sources" / "shenzhen-draft.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "edit"], cwd=repository, check=True)
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(clone)], check=True
    )
    monkeypatch.chdir(clone)
    result = run("review", "--base", "HEAD~1")
    assert result.exit_code == 1
    assert "新收录" not in result.output and "shallow" in result.output


def test_review_refuses_a_base_that_is_not_a_commit(repository):
    result = run("review", "--base", "HEAD:sources")
    assert result.exit_code == 1
    assert "新收录" not in result.output


# 10. accept -------------------------------------------------------------------------


def test_accept_changes_only_the_named_entry(folder):
    shutil.copy(TEXT, folder / "same.txt")  # another file with the same bytes
    comment = "# 两个文本内容相同\n"
    catalog = write_catalog(folder, comment, entry(folder, "a"), entry(folder, "b", "same.txt"))
    before = catalog.read_text(encoding="utf-8")
    text = folder / "text.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = run("accept", "a", "--catalog", str(catalog))
    assert result.exit_code == 0, result.output
    after = catalog.read_text(encoding="utf-8")
    assert after == before.replace(sha256(TEXT), sha256(text), 1)
    assert run("check", "--catalog", str(catalog)).exit_code == 0


@pytest.mark.parametrize(
    "written",
    ["sha256 = '{}'", 'sha256="{}"', 'sha256 =   "{}"   # 公布文本', '"sha256" = "{}"'],
)
def test_accept_reads_the_toml_as_toml(folder, written):
    old = "0" * 64
    table = entry(folder, "a").replace(f'sha256 = "{sha256(TEXT)}"', written.format(old))
    catalog = write_catalog(folder, table)
    result = run("accept", "a", "--catalog", str(catalog))
    assert result.exit_code == 0, result.output
    after = catalog.read_text(encoding="utf-8")
    assert after == table.replace(old, sha256(TEXT))
    assert run("check", "--catalog", str(catalog)).exit_code == 0


def test_accept_updates_entries_that_read_the_same_file(folder):
    shutil.copy(TEXT, folder / "other.txt")
    catalog = write_catalog(
        folder, entry(folder, "a"), entry(folder, "b"), entry(folder, "c", "other.txt")
    )
    text = folder / "text.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = run("accept", "a", "--catalog", str(catalog))
    assert result.exit_code == 0, result.output
    assert "also b, which reads the same file" in result.output
    after = catalog.read_text(encoding="utf-8")
    assert after.count(sha256(text)) == 2
    assert run("check", "--catalog", str(catalog)).exit_code == 0


# 11. Malformed catalogs -------------------------------------------------------------

MALFORMED = [
    # (what replaces a line of the good catalog, the line reported, words of the message)
    ("regulation = 5", 1, "regulation"),
    ("members = 5", 15, "members"),
    ('members = "ab"', 15, "members"),
    ("comparisons = [1]", 16, "comparison"),
    ('title = ["x"]', 3, "title"),
    ('id = "abc\\n"', 2, "id"),
    ('source = "."', 8, "source"),
    ("part = true", 10, "part"),
    ("date = 2020-01-01T10:00:00", 7, "date"),
    ("comparisons = [{ left = 1, right = [], kind = {} }]", 16, "comparison"),
    ("name = 3", 14, "name"),
    ("links = 5", 1, "links"),
]


def good_catalog(folder: Path) -> str:
    return (
        entry(folder, "a").lstrip("\n")
        + 'part = 1\n\n[[family]]\nid = "f"\nname = "F"\n'
        + ('members = ["a"]\ncomparisons = []\n')
    )


@pytest.mark.parametrize("line,number,word", MALFORMED)
def test_a_malformed_catalog_is_refused_with_its_line(folder, line, number, word):
    text = good_catalog(folder)
    key = line.split(" =")[0]
    lines = text.splitlines()
    if key == "regulation":
        lines = [line]
    elif key == "links":
        lines.insert(0, line)
    else:
        index = next(i for i, old in enumerate(lines) if old.startswith(f"{key} ="))
        lines[index] = line
    catalog = write_catalog(folder, "\n".join(lines) + "\n")
    assert "\n".join(lines).splitlines()[number - 1] == line  # the line the test names
    result = run("check", "--catalog", str(catalog))
    assert result.exit_code == 1
    assert_every_line_placed(result.output, catalog)
    assert any(p.startswith(f"{catalog}:{number}: ") and word in p for p in problems_of(catalog))


def test_the_good_catalog_of_these_tests_is_good(folder):
    catalog = write_catalog(folder, good_catalog(folder))
    assert run("check", "--catalog", str(catalog)).exit_code == 0


def test_every_schema_problem_is_reported(folder):
    text = good_catalog(folder).replace('title = "示例规定"', "title = 1")
    text = text.replace('members = ["a"]', "members = 2")
    catalog = write_catalog(folder, text)
    problems = problems_of(catalog)
    assert any(p.startswith(f"{catalog}:3: title") for p in problems)
    assert any(p.startswith(f"{catalog}:15: members") for p in problems)


def test_a_symlink_loop_as_source(folder):
    (folder / "loop.txt").symlink_to("loop.txt")
    catalog = write_catalog(folder, entry(folder, "a", "loop.txt"))
    result = run("check", "--catalog", str(catalog))
    assert result.exit_code == 1
    assert_every_line_placed(result.output, catalog)
    assert any(p.startswith(f"{catalog}:9: source") for p in problems_of(catalog))


@pytest.mark.parametrize("allow", ["", "allow_outside = true\n"])
def test_a_device_as_source_is_never_read(folder, allow):
    (folder / "zero.txt").symlink_to("/dev/zero")
    for source in ("/dev/zero", "zero.txt"):
        catalog = write_catalog(folder, allow, entry(folder, "a", source))
        problems = problems_of(catalog)
        assert any(p.startswith(f"{catalog}:{9 + bool(allow)}: source") for p in problems)


def test_a_catalog_that_is_a_device(tmp_path):
    (problem,) = problems_of(Path("/dev/zero"))
    assert "/dev/zero" in problem and "not a regular file" in problem
    (tmp_path / "loop.toml").symlink_to("loop.toml")
    (problem,) = problems_of(tmp_path / "loop.toml")
    assert problem.startswith(f"{tmp_path / 'loop.toml'}:0: cannot read the catalog")


def test_a_links_file_that_is_a_device(folder):
    catalog = write_catalog(folder, 'links = "/dev/zero"\n', entry(folder, "a"))
    (problem,) = problems_of(catalog)
    assert problem.startswith(f"{catalog}:1: links")


@pytest.fixture
def outside(tmp_path) -> tuple[Path, Path]:
    """A catalog folder, and a text beside it (outside the folder)."""
    inside = tmp_path / "catalog"
    inside.mkdir()
    shutil.copy(TEXT, tmp_path / "outside.txt")
    return inside, tmp_path / "outside.txt"


@pytest.mark.parametrize("way", ["absolute", "relative", "symlink"])
def test_a_source_outside_the_catalog_folder_needs_allow_outside(outside, way):
    folder, text = outside
    source = {"absolute": str(text), "relative": "../outside.txt", "symlink": "link.txt"}[way]
    (folder / "link.txt").symlink_to(text)
    table = ENTRY.format(id="a", source=source, sha256=sha256(text))
    catalog = write_catalog(folder, table)
    (problem,) = problems_of(catalog)
    assert problem.startswith(f"{catalog}:9: source")
    assert "allow_outside = true" in problem
    write_catalog(folder, "allow_outside = true\n", table)
    assert load_catalogs([catalog]).entries["a"].source == text.resolve()
    assert run("check", "--catalog", str(catalog)).exit_code == 0


def test_allow_outside_must_be_true_or_false(folder):
    catalog = write_catalog(folder, 'allow_outside = "yes"\n', entry(folder, "a"))
    (problem,) = problems_of(catalog)
    assert problem.startswith(f"{catalog}:1: allow_outside")


# 18. parse FILE needs no catalog ------------------------------------------------------


def test_parse_a_file_without_a_catalog(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("parse", str(TEXT))
    assert result.exit_code == 0, result.output
    assert "条" in result.output.splitlines()[1]


def test_align_two_files_without_a_catalog(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old, new = (str(HARDENING / year / "xingzheng-fuyi.md") for year in ("v2017", "v2023"))
    result = run("align", old, new, "--format", "json")
    assert result.exit_code == 0, result.output


def test_an_id_still_needs_the_catalog(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("parse", "shenzhen-draft")
    assert result.exit_code == 1
    assert "sources/catalog.toml:0: catalog not found" in result.output


# Random catalogs ------------------------------------------------------------------------

REAL = (ROOT / "sources" / "catalog.toml").read_text(encoding="utf-8")
KEYS = sorted(
    {"regulation", "family", "links", "allow_outside", "id", "title", "short_title"}
    | {"jurisdiction", "kind", "date", "source", "part", "sha256", "note", "replaces"}
    | {"implements", "comments", "members", "comparisons", "left", "right", "name"}
    | {"email", "deadline", "address", "recipient"}
)
# Values a catalog may hold by mistake; sources name only files that are quick to read.
SOURCES = ["text.txt", ".", "..", "/dev/null", "missing.txt", "/", "text.txt/x", "\x00"]
SCALARS = st.one_of(
    st.sampled_from([*SOURCES, "a", "b", "a--b", "现行", "revision", "cross", "2020-01-01"]),
    st.text(max_size=12),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(),
)
KEY = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=8))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEY, inner, max_size=5)),
    max_leaves=20,
)
CATALOGS = st.dictionaries(KEY, VALUES, max_size=6)
REQUIRED = {
    "id": st.sampled_from(["a", "b", "a--b"]),
    "title": st.just("示例规定"),
    "short_title": st.just("示例"),
    "jurisdiction": st.just("某市"),
    "kind": st.sampled_from(["现行", "修订草案", "draft"]),
    "date": st.sampled_from(["2020-01-01", "2020", "去年"]),
    "source": st.sampled_from(SOURCES),
    "sha256": st.just("0" * 64),
}
# A table with every required key, some of them given another value, and more keys.
REGULATION_TABLE = st.fixed_dictionaries(
    {key: st.one_of(value, VALUES) if key != "id" else value for key, value in REQUIRED.items()},
    optional={key: VALUES for key in KEYS if key not in REQUIRED},
)
COMPARISON = st.fixed_dictionaries(
    {"left": st.sampled_from(["a", "b"]), "right": st.sampled_from(["a", "b"])},
    optional={"kind": st.sampled_from(["revision", "cross", "x"]), "note": VALUES},
)
FAMILY_TABLE = st.fixed_dictionaries(
    {"id": st.sampled_from(["f", "g", "F"])},
    optional={
        "name": VALUES,
        "members": st.one_of(st.lists(st.sampled_from(["a", "b", "a--b", "c"])), VALUES),
        "comparisons": st.one_of(st.lists(COMPARISON, max_size=3), VALUES),
    },
)
SHAPED = st.fixed_dictionaries(
    {},
    optional={
        "regulation": st.one_of(st.lists(REGULATION_TABLE, max_size=3), VALUES),
        "family": st.one_of(st.lists(FAMILY_TABLE, max_size=2), VALUES),
        "links": VALUES,
        "allow_outside": VALUES,
    },
)


@st.composite
def mutated_real_catalog(draw) -> str:
    """The real catalog with lines dropped, doubled or given another value."""
    lines = REAL.splitlines()
    for _ in range(draw(st.integers(1, 6))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "double", "value", "chars"]))
        if action == "drop":
            del lines[index]
        elif action == "double":
            lines.insert(index, lines[index])
        elif action == "value":  # (a line with a key)
            keyed = [number for number, line in enumerate(lines) if "=" in line]
            index = keyed[draw(st.integers(0, len(keyed) - 1))]
            key = lines[index].split("=")[0]
            value = draw(VALUES)
            lines[index] = f"{key}= {toml_value(value)}"
        else:
            lines[index] = draw(st.text(max_size=20)) + lines[index]
    return "\n".join(lines) + "\n"


def toml_value(value: object) -> str:
    """A value as TOML writes it (a string may hold what TOML refuses: a clean error)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{json.dumps(key)} = {toml_value(item)}" for key, item in value.items())
        return "{ " + ", ".join(pairs) + " }"
    return json.dumps(value)


def toml_text(data: dict) -> str | None:
    import tomlkit

    try:
        return tomlkit.dumps(data)
    except (ValueError, TypeError):  # tomlkit cannot write every random value
        return None


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz-catalog")
    shutil.copy(TEXT, folder / "text.txt")
    for name in ("falvziliao-compilation.txt", "links.toml"):
        shutil.copy(ROOT / "sources" / name, folder / name)
    return folder


def load_written(folder: Path, text: str) -> Catalog | None:
    """Load a written catalog: a catalog or a clean, placed list of problems."""
    catalog = folder / "catalog.toml"
    catalog.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        return load_catalogs([catalog])
    except SourceErrors as errors:
        assert errors.errors
        for error in errors.errors:
            assert error.path and error.message and error.line >= 0
        return None


FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
# `check` reads and parses sources: a quarter of the examples of the other properties.
FEW = settings(FUZZ, max_examples=max(5, settings().max_examples // 4))


@FUZZ
@given(data=st.one_of(CATALOGS, SHAPED))
def test_random_catalogs_load_or_say_why(fuzz_folder, data):
    text = toml_text(data)
    if text is not None:
        load_written(fuzz_folder, text)


@FUZZ
@given(text=mutated_real_catalog())
def test_mutated_real_catalogs_load_or_say_why(fuzz_folder, text):
    load_written(fuzz_folder, text)


@FEW
@given(data=st.one_of(SHAPED, mutated_real_catalog().map(lambda text: text)))
def test_check_on_random_catalogs_ends_cleanly(fuzz_folder, data):
    text = data if isinstance(data, str) else toml_text(data)
    if text is None:
        return
    catalog = fuzz_folder / "catalog.toml"
    catalog.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = CliRunner().invoke(main, ["check", "--catalog", str(catalog)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output


# 17. Hidden characters in what the catalog shows ----------------------------------------


@pytest.mark.parametrize("hidden", ["\\u202e", "\\u001b[31m", "\\u0000"])
def test_a_title_with_a_hidden_character_is_refused(folder, hidden):
    """A bidirectional control in a title would turn the site's own labels around; an
    escape sequence would reach the terminal: the catalog says where it is."""
    text = entry(folder, "a").replace('title = "', f'title = "{hidden}', 1)
    (problem,) = problems_of(write_catalog(folder, text))
    assert re.match(r".*catalog\.toml:\d+: .*hold", problem) and "U+" in problem

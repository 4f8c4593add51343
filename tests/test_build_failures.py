"""Bad input stops the build with ``path:line: message`` and keeps the last good site;
a good build is deterministic."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def comparator(project, *args: str, epoch: str = "1700000000"):
    """Run the command line as `make site` does, in the copy of the project."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "comparator", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
    )


def tree_hash(folder) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(project):
    assert comparator(project, "build").returncode == 0
    first = tree_hash(project / "build" / "site")
    assert comparator(project, "build").returncode == 0
    second = tree_hash(project / "build" / "site")
    assert first == second
    assert len(first) > 50
    assert not [p for p in (project / "build").iterdir() if p.name.startswith(".site")]


def test_a_broken_text_keeps_the_last_good_site(project):
    assert comparator(project, "build").returncode == 0
    before = tree_hash(project / "build" / "site")
    source = project / "sources" / "shenzhen-draft.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("第五条", "第五十条", 1), encoding="utf-8")
    # The changed text is refused until it is accepted...
    result = comparator(project, "build")
    assert result.returncode == 1
    assert "sources/shenzhen-draft.txt:1: the text changed since it was catalogued" in result.stderr
    assert "comparator accept shenzhen-draft" in result.stderr
    assert "Traceback" not in result.stderr
    # ...and once accepted, its numbering problem stops the build.
    assert comparator(project, "accept", "shenzhen-draft").returncode == 0
    result = comparator(project, "build")
    assert result.returncode == 1
    assert (
        "shenzhen-draft.txt:11: expected 第5条, found 第五十条: article numbers go back"
        not in result.stderr
    )
    assert (
        "shenzhen-draft.txt:11: expected 第5条, found 第五十条: 第5条 to 第49条 are missing"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert tree_hash(project / "build" / "site") == before
    assert not [p for p in (project / "build").iterdir() if p.name.startswith(".site")]


def test_mkdocs_itself_reports_the_problem_without_a_traceback(project):
    source = project / "sources" / "chongqing-draft.txt"
    source.write_bytes(source.read_bytes().replace("第九条".encode(), "第十条".encode(), 1))
    assert comparator(project, "accept", "chongqing-draft").returncode == 0
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert (
        "sources/chongqing-draft.txt:45: expected 第9条, found 第十条: 第9条 is missing"
        in result.stderr
    )
    assert "Traceback" not in result.stderr

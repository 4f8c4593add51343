"""The code follows the project's style: ruff lint and format, and mypy's types."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def ruff() -> str:
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert found, "ruff is part of the test extra: pip install -e '.[test]'"
    return found


def test_ruff_check():
    result = subprocess.run(
        [ruff(), "check", "comparator", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_ruff_format():
    result = subprocess.run(
        [ruff(), "format", "--check", "comparator", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_mypy():
    found = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert found, "mypy is part of the test extra: pip install -e '.[test]'"
    result = subprocess.run([found], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout

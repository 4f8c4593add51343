"""The architecture holds: layers import downwards only, and the command line starts light."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def test_import_contracts_are_kept():
    """text -> compare -> publish, stated in pyproject.toml, checked by import-linter."""
    found = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert found, "import-linter is part of the test extra: pip install -e '.[test]'"
    result = subprocess.run([found], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("layer", ["text", "compare", "publish"])
def test_each_layer_says_what_it_may_import(layer):
    module = importlib.import_module(f"comparator.{layer}")
    assert "may import" in (module.__doc__ or "")


def test_help_and_parse_do_not_import_mkdocs_or_the_office_writers():
    code = """
import json, sys
from click.testing import CliRunner
from comparator.cli import main

runner = CliRunner()
for args in (["--help"], ["parse", "shenzhen-draft"], ["parse", "shenzhen-draft", "--format=json"]):
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
heavy = ("mkdocs", "material", "docx", "openpyxl", "jinja2", "cobalt")
print(json.dumps(sorted(name for name in heavy if name in sys.modules)))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []

"""Office files rendered as a reader sees them: LibreOffice to PDF, pdftoppm to PNG pages
in build/screenshots/ (kept, to be looked at)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

SCREENSHOTS = ROOT / "build" / "screenshots"


def office_pdf(document: Path, folder: Path) -> Path:
    """The PDF LibreOffice prints of ``document`` (skips when LibreOffice is missing)."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        pytest.skip(
            "LibreOffice (soffice) or poppler (pdftoppm) is not installed and "
            "tests/install-tools.sh could not install them: "
            "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils"
        )
    profile = (folder / "profile").as_uri()  # a private profile: runs never collide
    convert = ["--headless", "--convert-to", "pdf", "--outdir", str(folder)]
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", *convert, str(document)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    return folder / f"{document.stem}.pdf"


def page_pictures(pdf: Path, name: str) -> list[Path]:
    """Every page of ``pdf`` as build/screenshots/<name>-NN.png (older ones replaced)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(SCREENSHOTS / name)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    return sorted(SCREENSHOTS.glob(f"{name}-*.png"))


def pdf_text(pdf: Path) -> list[str]:
    """The text of each page, with its white space removed (Chinese lines wrap anywhere)."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    return ["".join(page.split()) for page in text.split("\f")[:-1]]

"""A source file, read, split and parsed: every regulation it holds.

The whole text layer in one call, for a file that no catalog names: ids come from
the file name (``daibiaofa-2025.txt`` -> ``daibiaofa-2025``; a file holding several
regulations numbers them ``name-1``, ``name-2``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from comparator.model import Regulation
from comparator.text.parse import parse
from comparator.text.read import read_source
from comparator.text.split import Document, split


@dataclass
class Loaded:
    """A parsed regulation with the document it came from (for coverage checks)."""

    regulation: Regulation
    document: Document


def load_file(path: str | Path) -> list[Loaded]:
    """Every regulation in a file that is not in the catalog; ids from the file name."""
    source = read_source(path)
    documents = split(source.lines, str(path))
    stem = file_id(Path(path))
    loaded = []
    for number, document in enumerate(documents, 1):
        regulation_id = stem if len(documents) == 1 else f"{stem}-{number}"
        loaded.append(Loaded(parse(document, regulation_id), document))
    return loaded


def file_id(path: Path) -> str:
    """The id a file's regulation gets: its name in lower-case letters, digits and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or "regulation"

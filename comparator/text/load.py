"""A source file, read, split and parsed: every regulation it holds.

The whole text layer in one call, for a file that no catalog names: ids come from
the file name (``daibiaofa-2025.txt`` -> ``daibiaofa-2025``; a file holding several
regulations numbers them ``name-1``, ``name-2``). Two files of one command never share
an id (``file_id`` with the ids already taken): one id per text, or one text would
silently stand for both.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
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


def load_file(path: str | Path, regulation_id: str | None = None) -> list[Loaded]:
    """Every regulation in a file that is not in the catalog; ids from the file name
    (or ``regulation_id``, when the caller chose one that no other text has)."""
    source = read_source(path)
    documents = split(source.lines, str(path))
    stem = regulation_id or file_id(Path(path))
    loaded = []
    for number, document in enumerate(documents, 1):
        regulation_id = stem if len(documents) == 1 else f"{stem}-{number}"
        loaded.append(Loaded(parse(document, regulation_id), document))
    return loaded


def file_id(path: Path, taken: Collection[str] = ()) -> str:
    """The id a file's regulation gets, in lower-case letters, digits and hyphens, and
    none of ``taken``.

    Its name (``v2023/fuyi.md`` -> ``fuyi``); a name without Latin letters or digits
    (``行政复议法.md``) gives ``regulation-`` and a hash of the name, stable from run to
    run. If that id is taken, the folder's name goes before it (``v2023-fuyi``), and
    then a number after it (``fuyi-2``).
    """
    name = _slug(path.stem) or f"regulation-{hashlib.sha256(path.stem.encode()).hexdigest()[:8]}"
    folder = _slug(path.absolute().parent.name)
    candidates = [name, *([f"{folder}-{name}"] if folder else [])]
    candidates += (f"{name}-{number}" for number in range(2, len(taken) + 3))
    return next(candidate for candidate in candidates if candidate not in taken)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

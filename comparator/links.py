"""Editor links: a legislative office's corrections of the aligner.

The catalog may name a links file (``links = "links.toml"`` at its top), which holds
one ``[[link]]`` per correction::

    [[link]]
    left = "shenzhen-draft/art-6"
    right = "chongqing-draft/art-9"
    verdict = "same"      # or "not"
    note = "均规定代表约见"

``same`` forces the pair, ``not`` forbids it; the rest of the alignment is computed
around them. Here the file is read and its form checked; whether the articles exist
and the two texts are compared is checked against the parsed texts (``check``).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from comparator.model import EditorLink, SourceError
from comparator.tomllines import TableLines
from comparator.vocabulary import Verdict

_KEYS = {"left", "right", "verdict", "note"}
_KNOWN = ", ".join(sorted(_KEYS))
_NODE = re.compile(r"^[a-z0-9][a-z0-9-]*/art-\d+(?:-\d+)?$")  # art-17-1: 第十七条之一


def load_links(path: Path) -> tuple[list[EditorLink], list[SourceError]]:
    """The links of a file, and every problem of form, each with its line."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], [SourceError(shown, 0, "links file not found")]
    except (OSError, UnicodeDecodeError) as error:
        return [], [SourceError(shown, 0, f"cannot read the links file: {error}")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = int(m[1]) if (m := re.search(r"line (\d+)", str(error))) else 0
        return [], [SourceError(shown, line, f"not valid TOML: {error}")]
    lines = TableLines(text)
    errors = [
        SourceError(shown, lines.key(None, 0, key), f"unknown key {key!r}: expected [[link]]")
        for key in data
        if key != "link"
    ]
    links = []
    for position, table in enumerate(data.get("link", [])):
        link, problems = _read_link(table, shown, lines, position)
        errors += problems
        if link is not None:
            links.append(link)
    return links, errors


def _read_link(
    table: dict, shown: str, lines: TableLines, position: int
) -> tuple[EditorLink | None, list[SourceError]]:
    start = lines.table("link", position)

    def at(key: str) -> int:
        return lines.key("link", position, key)

    errors = [
        SourceError(shown, at(key), f"unknown key {key!r} in [[link]]; known keys: {_KNOWN}")
        for key in table
        if key not in _KEYS
    ]
    missing = [key for key in ("left", "right", "verdict") if key not in table]
    if missing:
        return None, [*errors, SourceError(shown, start, f"[[link]] lacks {', '.join(missing)}")]
    for key in ("left", "right"):
        if not _NODE.match(str(table[key])):
            errors.append(
                SourceError(
                    shown,
                    at(key),
                    f"{key} = {table[key]!r}: expected an article id such as "
                    '"shenzhen-draft/art-6"',
                )
            )
    verdicts = {v.value for v in Verdict}
    if table["verdict"] not in verdicts:
        errors.append(
            SourceError(
                shown, at("verdict"), f'verdict must be "same" or "not", not {table["verdict"]!r}'
            )
        )
    if errors:
        return None, errors
    link = EditorLink(
        str(table["left"]),
        str(table["right"]),
        Verdict(table["verdict"]),
        str(table.get("note", "")),
        shown,
        start,
    )
    return link, []

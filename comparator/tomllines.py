"""Where tables and keys stand in a TOML text, for error messages that name a line.

(``tomllib`` gives values, not positions.) Lines are counted as TOML counts them, at
each ``\\n``; a key may be written bare or quoted (``sha256 =``, ``"sha256"=``); a table's
keys are looked for from its header to the next header.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_STRING = re.compile(r"\"(?:\\.|[^\"\\])*\"|'[^']*'")


class TableLines:
    """Line numbers of tables and keys in a TOML text, for error messages."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def table(self, name: str, position: int) -> int:
        """The line of the header of the ``position``-th ``[[name]]`` (1 if not found)."""
        seen = -1
        for number, line in enumerate(self.lines, 1):
            header = _HEADER.match(line)
            if header and header[1] == "[[" and _bare(header[2]) == name:
                seen += 1
                if seen == position:
                    return number
        return 1

    def key(self, name: str | None, position: int, key: str) -> int:
        """The line of ``key`` in the ``position``-th ``[[name]]`` (at the top: name None);
        the table's header if the key is not written there."""
        start = self.table(name, position) if name else 1
        quoted = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
        pattern = re.compile(rf"^\s*{quoted}\s*[=.]|^\s*\[+\s*{quoted}\s*\]+")
        end = self._end(start) if name else len(self.lines)
        for number in range(start, end + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return start

    def item(self, name: str, position: int, key: str, index: int) -> int:
        """The line where the ``index``-th inline table of the array ``key`` starts
        (``comparisons = [{ … }, { … }]``); the key's line if it cannot be told."""
        start = self.key(name, position, key)
        depth, seen = 0, -1
        for number in range(start, self._end(start) + 1):
            line = _STRING.sub('""', self.lines[number - 1])
            for character in line.split("#", 1)[0]:
                if character == "{":
                    depth += 1
                    if depth == 1:
                        seen += 1
                        if seen == index:
                            return number
                elif character == "}":
                    depth = max(0, depth - 1)
        return start

    def _end(self, start: int) -> int:
        """The last line of the table whose header (or first line) is ``start``."""
        for number in range(start + 1, len(self.lines) + 1):
            if _HEADER.match(self.lines[number - 1]):
                return number - 1
        return len(self.lines)


def _bare(name: str) -> str:
    """A table name without quotes or spaces around its dots: ``"regulation"`` -> regulation."""
    return ".".join(part.strip().strip("\"'") for part in name.split("."))

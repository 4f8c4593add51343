"""Where tables and keys stand in a TOML text, for error messages that name a line.

(``tomllib`` gives values, not positions.) Lines are counted as TOML counts them, at
each ``\\n``; a key may be written bare or quoted (``sha256 =``, ``"sha256"=``); a table's
keys are looked for from its header to the next header.
"""

from __future__ import annotations

import bisect
import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_STRING = re.compile(r"\"(?:\\.|[^\"\\])*\"|'[^']*'")


class TableLines:
    """Line numbers of tables and keys in a TOML text, for error messages."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        # Every header, read once: a catalog of thousands of tables asks for each of them.
        self._headers: list[int] = []  # line numbers of all headers, in order
        self._arrays: dict[str, list[int]] = {}  # [[name]] -> line numbers of its tables
        for number, line in enumerate(self.lines, 1):
            header = _HEADER.match(line)
            if header:
                self._headers.append(number)
                if header[1] == "[[":
                    self._arrays.setdefault(_bare(header[2]), []).append(number)

    def table(self, name: str, position: int) -> int:
        """The line of the header of the ``position``-th ``[[name]]`` (1 if not found)."""
        headers = self._arrays.get(name, [])
        return headers[position] if 0 <= position < len(headers) else 1

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
        following = bisect.bisect_right(self._headers, start)
        if following < len(self._headers):
            return self._headers[following] - 1
        return len(self.lines)


def _bare(name: str) -> str:
    """A table name without quotes or spaces around its dots: ``"regulation"`` -> regulation."""
    return ".".join(part.strip().strip("\"'") for part in name.split("."))

"""Where tables and keys stand in a TOML text, for error messages that name a line.

(``tomllib`` gives values, not positions.)
"""

from __future__ import annotations

import re


class TableLines:
    """Line numbers of tables and keys in a TOML text, for error messages."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def table(self, name: str, position: int) -> int:
        seen = -1
        for number, line in enumerate(self.lines, 1):
            if line.strip() == f"[[{name}]]":
                seen += 1
                if seen == position:
                    return number
        return 1

    def key(self, name: str | None, position: int, key: str) -> int:
        start = self.table(name, position) if name else 1
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=|^\s*\[+{re.escape(key)}\]+")
        for number in range(start, len(self.lines) + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return start

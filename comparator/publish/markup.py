"""Escaping regulation text for the places it is rendered: HTML and Markdown.

Regulation text, titles and catalog fields are data. They may hold ``<script>``,
Markdown syntax (``**``, ``[x](javascript:…)``, ``|``), template syntax (``{{ }}``)
or quotes; every helper here makes them show literally.
"""

from __future__ import annotations

import html
import re

# Characters Python-Markdown and its extensions give a meaning to (after HTML escaping).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=])")


def text(value: str) -> str:
    """Escape for HTML text and attribute values (quotes included)."""
    return html.escape(value, quote=True)


def markdown_inline(value: str) -> str:
    """Escape for a Markdown heading or inline run: every special character literal.

    Backslash-escape what Markdown would interpret, then HTML-escape ``<``, ``>``
    and ``&`` (quotes are harmless outside attributes, and ``&#x27;`` would bring a
    ``#`` back).
    """
    return html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", value), quote=False)

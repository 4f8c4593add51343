"""The site's HTML: Jinja templates shipped in this package, escaped by autoescape.

One template per kind of page (``templates/*.md.jinja``: Markdown with HTML blocks,
which MkDocs renders) and small macros for what several pages show
(``templates/macros.jinja``: a badge, a diff side, an article cell). Python hands
the templates plain data; every value is escaped as it is printed, so regulation
text always shows literally.

A site restyles its pages without touching Python: the plugin's ``custom_templates``
option names a folder whose templates are used instead of the package's ones of the
same name.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
)
from markupsafe import Markup

from comparator.publish.markup import markdown_inline
from comparator.text.numerals import chinese_date
from comparator.vocabulary import status_label


@lru_cache(maxsize=4)
def environment(custom_templates: Path | None = None, compiled: Path | None = None) -> Environment:
    """The templates of the package, those of ``custom_templates`` first.

    ``compiled``: a folder that keeps the compiled templates between builds.
    """
    loaders: list[Any] = [PackageLoader("comparator.publish.site", "templates")]
    if custom_templates is not None:
        loaders.insert(0, FileSystemLoader(str(custom_templates)))
    bytecode_cache = None
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
        bytecode_cache = FileSystemBytecodeCache(str(compiled))
    env = Environment(
        loader=ChoiceLoader(loaders),
        bytecode_cache=bytecode_cache,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["md"] = _markdown
    env.filters["percent"] = _percent
    env.filters["cn_date"] = chinese_date
    env.tests["punctuation"] = _punctuation
    env.globals["status_label"] = status_label
    return env


# Material's search dialog, by its attributes: it has no name for screen readers.
_SEARCH_DIALOG = 'data-md-component="search" role="dialog"'


def finish_page(output: str) -> str:
    """A page as Material wrote it, finished: Material names the language "zh" (its first
    attribute of the page), the texts are in simplified Chinese; its search dialog is
    given a name."""
    output = output.replace(' lang="zh"', ' lang="zh-CN"', 1)
    return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG + ' aria-label="搜索"', 1)


def _punctuation(text: str) -> bool:
    """Is a diff run only punctuation (、 for ，)? It gets a box, or nobody would see it."""
    return bool(text.strip()) and not any(ch.isalnum() for ch in text)


def templates_version(custom_templates: Path | None = None) -> str:
    """A hash of every template a site renders with, read now: an edited template
    changes it."""
    digest = hashlib.sha256()
    folders = [Path(str(resources.files("comparator.publish.site").joinpath("templates")))]
    if custom_templates is not None:
        folders.append(custom_templates)
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def render(
    template: str,
    custom_templates: Path | None = None,
    compiled: Path | None = None,
    **data: Any,
) -> str:
    return environment(custom_templates, compiled).get_template(template).render(**data)


def _markdown(value: str) -> Markup:
    """Text for a Markdown heading: every Markdown and HTML character literal."""
    return Markup(markdown_inline(value))


def _percent(value: float) -> str:
    return f"{value:.0%}"


def footer_note(build_date: str) -> str:
    """The line under every page: what the texts are, and the build date."""
    authority = "本站文本依据各地公布的法规文本整理，一切以正式公布的文本为准。"
    return f"{authority}　生成日期：{chinese_date(build_date)}"

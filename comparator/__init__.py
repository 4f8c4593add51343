"""Chinese regulation texts, parsed, compared and published as a site.

The package is layered; a module imports its own layer and the layers below it
(checked by the import-linter contracts in ``pyproject.toml``):

- ``cli``: the ``comparator`` command line, a thin layer over the rest; nothing
  imports it.
- ``publish``: the site (a MkDocs plugin and Jinja templates) and the exports
  (DOCX, XLSX, CSV, JSON, Akoma Ntoso).
- ``check``, ``review``: workflows over the library (``comparator check``, the review
  of edited texts).
- ``library``: loads the catalogued texts, gathers what each stage takes and keeps
  what it returns (``cache``); ``catalog`` reads the catalog.
- ``compare``: stages over parsed regulations (fold, align, diff, annotate, change
  summary, 对照表 rows).
- ``text``: stages from bytes to a parse tree (read, normalize, split, parse).
- ``model`` and ``vocabulary``: the tree, its node ids, and the enums every stage speaks.
"""

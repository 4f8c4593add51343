"""The publish layer: the site and the files made from the comparisons.

``site`` (the MkDocs plugin, the pages and their Jinja templates, the downloads),
``export`` (DOCX, XLSX, CSV, JSON, Akoma Ntoso), ``serialize`` (a regulation as JSON),
``report`` (the review of edited texts as Markdown), ``markup`` (escaping for HTML and
Markdown), ``build`` (an atomic build of the site).

It may import every layer below it: ``check`` and ``review``, ``library``, ``catalog``
and ``cache``, ``compare``, ``text``, ``model`` and ``vocabulary``; never the command
line. Only this layer imports MkDocs, Jinja2, openpyxl and cobalt.
"""

"""The published site: a MkDocs plugin that adds pages generated from the model.

``plugin`` (the MkDocs hooks) -> ``context`` (what the pages are made of) -> ``pages``
and ``comparisons`` (plain data for each page) -> ``templating`` and ``templates/``
(the HTML); ``paths`` (where pages and files are), ``downloads`` (the files offered),
``parallel`` (comparisons computed in worker processes), ``search`` (a fix to
Material's Chinese query segmentation).
"""

"""The compare layer: stages over parsed regulations, each plain data in, plain data out.

``fold`` (what is not a change), ``words`` (word boundaries), ``similarity`` and
``align`` (article pairs, ``pairs``), ``diff`` (word-level ops), ``terms`` and
``annotate`` (layers keyed by node id), ``changes`` (the change summary), ``table``
(the 对照表 rows), ``evaluate`` (alignment quality against a reference).

It may import ``comparator.text``, ``comparator.model`` and ``comparator.vocabulary``:
never ``publish``, the catalog or the library. The library gathers the inputs of
these stages and keeps their results.
"""

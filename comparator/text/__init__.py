"""The text layer: from the bytes of a source file to the tree of each regulation in it.

``read`` (formats and encodings) -> ``normalize`` (one ``Line`` per source line) ->
``split`` (the regulations, titles, notices and 说明 of a file) -> ``parse`` (编 / 章 / 节
/ 条 / 款 / 项 / 目); ``labels`` and ``numerals`` read labels and Chinese numerals;
``load`` runs them all on a file; ``coverage`` proves that no text was lost.

It may import ``comparator.model`` and ``comparator.vocabulary`` only: never
``compare``, ``publish``, the catalog or the library.
"""

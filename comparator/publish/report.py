"""The review of edited texts as a Markdown report, for a pull request's job summary."""

from __future__ import annotations

from comparator.publish.markup import markdown_inline
from comparator.review import TextReview


def reviews_markdown(reviews: list[TextReview], base: str) -> str:
    """A Markdown report: per edited text, its changes in a table (or why there are none)."""
    if not reviews:
        return f"No catalogued text changed since `{base}`."
    lines = [f"## 文本变化（与 `{base}` 比较）", ""]
    for review in reviews:
        lines += [f"### {_cell(review.title)}", "", f"`{review.path}`（{review.regulation}）", ""]
        if review.summary is None:
            lines += ["新收录的文本。", ""]
            continue
        changes = review.summary.changes
        if not changes:
            lines += ["条文内容没有实质变化（仅标点宽度、空格或换行不同）。", ""]
            continue
        lines += ["| 条文 | 变化 |", "| --- | --- |"]
        for change in changes:
            where = " → ".join(label for label in review.summary.cited(change) if label)
            text = change.line()
            lines.append(f"| {_cell(where)} | {_cell(text)} |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Text for a Markdown heading or table cell: nothing in it is markup."""
    return markdown_inline(text).replace("\n", " ")

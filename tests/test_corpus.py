"""Fifteen real texts nobody tuned the parser to: the counts in ../shared/corpus/README.md."""

from __future__ import annotations

import json
import re

from comparator.model import count_nodes


def readme_counts(corpus) -> dict[str, tuple[int, int]]:
    """``file -> (articles, chapters)`` from the table in the corpus README."""
    counts = {}
    for line in (corpus / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) > 6 and re.fullmatch(r"[\w-]+\.txt", cells[0]):
            counts[cells[0]] = (int(cells[4]), int(cells[5]))
    return counts


def test_readme_lists_every_file(corpus):
    assert set(readme_counts(corpus)) == {p.name for p in corpus.glob("*.txt")}
    assert len(readme_counts(corpus)) == 15


def test_check_passes_on_the_corpus(corpus, invoke):
    result = invoke("check", *sorted(str(p) for p in corpus.glob("*.txt")))
    assert result.exit_code == 0, result.output


def test_parse_counts_match_the_readme(corpus, invoke):
    for name, (articles, chapters) in readme_counts(corpus).items():
        result = invoke("parse", str(corpus / name), "--format", "json")
        assert result.exit_code == 0, name
        data = json.loads(result.output)
        assert (len(data["articles"]), len(data["chapters"])) == (articles, chapters), name
        assert data["counts"]["articles"] == articles


def test_corpus_titles_and_history(corpus):
    from comparator.text.load import load_file

    (loaded,) = load_file(corpus / "daibiaofa-2015.txt")
    regulation = loaded.regulation
    assert regulation.title == "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法"
    assert regulation.metadata.history[0].startswith("1992年4月3日")
    assert count_nodes(regulation)["articles"] == 52
    (loaded,) = load_file(corpus / "jiandufa-2006.txt")
    # A chapter heading wrapped over two lines is one title.
    assert (
        loaded.regulation.chapters[1].title
        == "听取和审议人民政府、人民法院和人民检察院的专项工作报告"
    )

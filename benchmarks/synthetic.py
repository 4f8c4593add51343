"""Synthetic regulations made by mutating real articles, for benchmarks."""

from __future__ import annotations

import random

from comparator.library import Library
from comparator.model import Article, Paragraph, Regulation


def article_pool(library: Library) -> list[str]:
    """Every article text of the catalogued regulations."""
    return [a.text for r in library.regulations() for a in r.articles]


def mutate(text: str, rng: random.Random, rate: float) -> str:
    """Replace, drop or insert a share ``rate`` of the characters."""
    chars = list(text)
    for _ in range(max(1, int(len(chars) * rate))):
        position = rng.randrange(len(chars))
        action = rng.random()
        if action < 0.4:
            chars[position] = rng.choice(chars)
        elif action < 0.7 and len(chars) > 2:
            del chars[position]
        else:
            chars.insert(position, rng.choice(chars))
    return "".join(chars)


def make_regulation(regulation_id: str, texts: list[str]) -> Regulation:
    regulation = Regulation(regulation_id, regulation_id, f"<synthetic {regulation_id}>")
    for number, text in enumerate(texts, 1):
        article = Article(number, f"第{number}条", number)
        article.paragraphs = [
            Paragraph(k, line, number) for k, line in enumerate(text.split("\n"), 1) if line
        ] or [Paragraph(1, text or "。", number)]
        regulation.articles.append(article)
    return regulation


def revision_pair(library: Library, size: int, seed: int = 7) -> tuple[Regulation, Regulation]:
    """An old text of ``size`` articles and a revision of it.

    The revision keeps 70% of the articles, rewords 15%, deletes 5%, moves 5% and
    adds 5% new ones, roughly as real revisions do.
    """
    rng = random.Random(seed)
    pool = article_pool(library)
    old = [mutate(rng.choice(pool), rng, 0.08) for _ in range(size)]
    new: list[str] = []
    moved: list[str] = []
    for text in old:
        roll = rng.random()
        if roll < 0.70:
            new.append(text)
        elif roll < 0.85:
            new.append(mutate(text, rng, 0.15))
        elif roll < 0.90:
            continue  # deleted
        elif roll < 0.95:
            moved.append(text)
        else:
            new.append(text)
            new.append(mutate(rng.choice(pool), rng, 0.3))  # added
    for text in moved:
        new.insert(rng.randrange(len(new) + 1), text)
    return make_regulation("synthetic-old", old), make_regulation("synthetic-new", new[:size])

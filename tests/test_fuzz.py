"""Hypothesis over normalize / split / parse / align / diff: random Unicode and mutated seeds.

Whatever the input, reading it ends in a regulation tree or in a clean input error
(``SourceError`` / ``SourceErrors`` with a path, a line and a message), never in a
traceback; whatever parses is lossless; the aligner and the diff take any text.

The default run is fast; ``pytest tests/test_fuzz.py --long`` runs 10,000 cases per
test (profiles in ``conftest.py``), ``--hypothesis-show-statistics`` says how many
cases ran and how they ended.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

import pytest
from cn2an import an2cn
from hypothesis import HealthCheck, assume, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from comparator.compare.align import align
from comparator.compare.diff import diff_texts
from comparator.model import Regulation, SourceError, SourceErrors, article_lines, insert_of
from comparator.text import labels
from comparator.text.coverage import coverage_problems
from comparator.text.load import Loaded
from comparator.text.normalize import normalize, split_lines
from comparator.text.parse import parse
from comparator.text.read import read_bytes
from comparator.text.split import split
from comparator.vocabulary import Kind

from .conftest import ROOT

PATH = "fuzz/input.txt"
SEEDS = {
    name: (ROOT / "sources" / name).read_text(encoding="utf-8").split("\n")
    for name in ("shenzhen-draft.txt", "chongqing-draft.txt", "falvziliao-compilation.txt")
}
# Mutated seeds are large: hypothesis's per-case size checks are not the point here.
SEED_SETTINGS = settings(
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ]
)

# Random text ----------------------------------------------------------------------

LABELISH = "第一二三四五六七八九十百零〇○O两条章节编款项之（）()、，。；：:;\n\r\u3000 \t123.．"
TOKENS = [
    "第一条",
    "第二条",
    "第三条",
    "第十条",
    "第一百零三条",
    "第1条",
    "第2条",
    "第一条之一",
    "第一章",
    "第二章",
    "第一节",
    "第一编",
    "第一章 总则",
    "第二章　附则",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2、",
    "（1）",
    "目录",
    "目　录",
    "说明",
    "关于草案的说明",
    "的规定",
    "条例",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\u3000\u3000",
    "\xa0",
    "\ufeff",
    "\u200b",
    "[bookmark: _GoBack]",
    "# ",
    "## ",
    "<!-- INFO END -->",
    "作者:法律资料网",
    "(2001年12月21日通过)",
    "二○○七年八月十五日",
    "人大常委会",
    "<p>",
    "</p>",
    "<br>",
    "<div>",
]

labelish_text = st.text(alphabet=LABELISH, max_size=12)
any_text = st.text(max_size=6)  # every code point, surrogates excluded
random_text = st.lists(
    st.one_of(st.sampled_from(TOKENS), labelish_text, any_text), max_size=40
).map("".join)


@st.composite
def random_regulation(draw) -> str:
    """Random lines around labels that run in order: text that often parses."""
    lines: list[str] = []
    article = 0
    divisions = Counter()
    for kind in draw(st.lists(st.sampled_from("aaaaccippr"), min_size=1, max_size=30)):
        if kind == "a":
            article += draw(st.sampled_from([1] * 12 + [0, 2]))  # now and then out of order
            label = an2cn(article) if draw(st.booleans()) else str(article)
            space = draw(st.sampled_from(["", " ", "\u3000", "  "]))
            line = f"第{label}条{space}{draw(labelish_text)}{draw(any_text)}。"
        elif kind == "c":
            division = draw(st.sampled_from("章章章节编"))
            divisions[division] += 1
            line = f"第{an2cn(divisions[division])}{division} {draw(labelish_text)}"
        elif kind == "i":
            line = f"（{an2cn(draw(st.integers(1, 12)))}）{draw(labelish_text)}；"
        elif kind == "p":
            line = draw(st.one_of(labelish_text, any_text, st.sampled_from(TOKENS)))
        else:
            line = draw(random_text)
        indent = draw(st.sampled_from(["", "", "\u3000\u3000", "  ", "## "]))
        lines.append(indent + line)
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(lines)


# Mutated seeds --------------------------------------------------------------------


def _is_heading_like(line: str) -> bool:
    return "章" in line or "条" in line


def _label_end(line: str) -> int:
    """Where the ``第X条`` label of an article line ends (0 if the line has none)."""
    label = labels.article_label(line.strip())
    return len(line) - len(line.lstrip()) + len(label.label) if label else 0


@st.composite
def mutated_seed(
    draw, operations: int = 8, keep_labels: bool = False, junk: st.SearchStrategy = random_text
) -> str:
    """A seed text with lines deleted, duplicated, swapped, garbled or inserted.

    With ``keep_labels``, article labels stay in place (the text after them may be
    garbled, and the file may end after any article): the result usually parses.
    """
    lines = list(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    for _ in range(draw(st.integers(1, operations))):
        movable = [i for i, line in enumerate(lines) if not keep_labels or not _label_end(line)]
        if not movable:
            break
        index = draw(st.sampled_from(movable))
        operation = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "garble", "insert", "truncate-line", "drop-tail"]
            )
        )
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "swap":
            other = draw(st.sampled_from(movable))
            lines[index], lines[other] = lines[other], lines[index]
        elif operation == "garble":
            headings = [i for i, line in enumerate(lines) if _is_heading_like(line)]
            if headings:
                index = draw(st.sampled_from(headings))
            line = lines[index]
            keep = _label_end(line) if keep_labels else 0
            start = draw(st.integers(keep, max(keep, len(line))))
            end = draw(st.integers(start, max(start, min(len(line), start + 6))))
            lines[index] = line[:start] + draw(labelish_text) + line[end:]
        elif operation == "insert":
            lines.insert(index, draw(junk))
        elif operation == "truncate-line":
            keep = _label_end(lines[index]) if keep_labels else 0
            lines[index] = lines[index][: draw(st.integers(keep, max(keep, len(lines[index]))))]
        else:  # the file ends after some article (or anywhere)
            ends = [i for i, line in enumerate(lines) if _label_end(line)][1:]
            if ends:
                del lines[draw(st.sampled_from(ends)) :]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    if not keep_labels and draw(st.integers(0, 9)) == 0:  # now and then, cut anywhere
        text = text[: draw(st.integers(0, len(text)))]
    return text


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding)  # each of these encodes every code point (with a BOM: -sig, 16)


encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])


# Properties -----------------------------------------------------------------------


def assert_clean_error(error: SourceError) -> None:
    assert isinstance(error, SourceError)
    assert error.path and isinstance(error.line, int) and error.line >= 0
    assert error.message.strip()


def outcome(name: str) -> None:
    """Count how a case ended (``--hypothesis-show-statistics``)."""
    if currently_in_test_context():
        event(name)


def load_all(data: bytes) -> list[Loaded]:
    """Read, split and parse; check that every failure is a clean input error.

    Each regulation of a file is parsed on its own, so one broken regulation does
    not hide the others.
    """
    try:
        source = read_bytes(data, PATH)
        documents = split(source.lines, PATH)
    except SourceError as error:
        assert_clean_error(error)
        outcome("no regulation: SourceError")
        return []
    loaded = []
    for number, document in enumerate(documents, 1):
        try:
            regulation = parse(document, f"fuzz-{number}")
        except SourceErrors as errors:
            assert errors.errors
            for error in errors.errors:
                assert_clean_error(error)
            outcome("regulation: SourceErrors")
            continue
        outcome("regulation: parsed")
        loaded.append(Loaded(regulation, document))
    return loaded


def assert_lossless(loaded: list[Loaded]) -> None:
    for each in loaded:
        assert coverage_problems(each) == []
        # Numbered 1..N in reading order; an inserted article (第一条之一) follows its own.
        numbers = [a.number for a in each.regulation.articles]
        assert all(a < b for a, b in pairwise(numbers))
        plain = [int(n) for n in numbers if not insert_of(n)]
        assert plain == list(range(1, len(plain) + 1))
        assert all(int(n) in plain for n in numbers)


@given(st.one_of(random_text, random_regulation()), encodings)
def test_random_text_parses_or_fails_cleanly(text, encoding):
    assert_lossless(load_all(encode(text, encoding)))


@given(st.binary(max_size=300))
def test_random_bytes_parse_or_fail_cleanly(data):
    assert_lossless(load_all(data))


@SEED_SETTINGS
@given(mutated_seed(), encodings)
def test_mutated_seed_parses_or_fails_cleanly(text, encoding):
    assert_lossless(load_all(encode(text, encoding)))


@SEED_SETTINGS
@given(mutated_seed(), st.sampled_from(["html", "html-br"]))
def test_mutated_seed_as_html_parses_or_fails_cleanly(text, layout):
    from html import escape

    lines = split_lines(text)
    if layout == "html":
        body = "\n".join(f"<p>{escape(line)}</p>" for line in lines)
    else:
        body = "<div>" + "<br>\n".join(escape(line) for line in lines) + "</div>"
    page = f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"
    assert_lossless(load_all(page.encode("utf-8")))


# Junk a page or a Word file can hold as well as a text file (no control characters,
# nothing that would make a text file look like HTML).
printable_junk = st.lists(
    st.one_of(st.sampled_from([t for t in TOKENS if not t.startswith("<")]), labelish_text),
    max_size=8,
).map("".join)


def outcome_of(data: bytes) -> list:
    """What reading gives, line numbers and kinds of white space aside."""

    def plain(text: str) -> str:
        return "".join(re.sub(r"\d+", "#", text).split())

    try:
        documents = split(read_bytes(data, PATH).lines, PATH)
    except SourceError as error:
        return [("error", plain(error.message))]
    result = []
    for document in documents:
        try:
            regulation = parse(document, "fuzz")
        except SourceErrors as errors:
            result.append(("errors", sorted(plain(e.message) for e in errors.errors)))
            continue
        texts = [(kind, plain(text)) for kind, text in _tree_texts(regulation)]
        result.append(("tree", document.title, texts))
    return result


def _tree_texts(regulation: Regulation):
    for division in [*regulation.parts, *regulation.chapters]:
        yield division.kind, f"{division.label}{division.title}{division.articles}"
        for section in division.sections:
            yield "section", f"{section.label}{section.title}{section.articles}"
    for article in regulation.articles:
        yield "article", f"{article.label}{article.chapter}{article.section}"
        yield from article_lines(article)


def as_html(lines: list[str]) -> bytes:
    from html import escape

    body = "\n".join(f"<p>{escape(line)}</p>" for line in lines)
    page = f"<!DOCTYPE html><html><head><title>t</title></head><body>\n{body}\n</body></html>"
    return page.encode("utf-8")


def as_docx(lines: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@SEED_SETTINGS
@given(mutated_seed(keep_labels=True, junk=printable_junk))
def test_text_html_and_docx_read_alike(text):
    """A mutated seed saved as text, as an HTML page and as a Word file: same outcome."""
    lines = split_lines(text)
    expected = outcome_of("\n".join(lines).encode("utf-8"))
    outcome("text: " + "/".join(kind for kind, *_ in expected))
    assert outcome_of(as_html(lines)) == expected
    assert outcome_of(as_docx(lines)) == expected


_VISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]")


@given(st.one_of(random_text, st.text()))
def test_normalize_keeps_every_line_and_every_character(text):
    lines = normalize(text)
    expected = len(re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff")))
    assert len(lines) == expected
    assert [line.number for line in lines] == list(range(1, expected + 1))
    for line in lines:
        assert line.text == line.text.strip()
        kept = _VISIBLE.sub("", line.text) + "".join(d.text for d in line.dropped)
        assert Counter(_VISIBLE.sub("", kept)) == Counter(_VISIBLE.sub("", line.raw))


def rebuild(ops) -> tuple[str, str]:
    left = "".join(op[1] for op in ops if op[0] in ("equal", "delete"))
    right = "".join(op[-1] for op in ops if op[0] in ("equal", "insert"))
    return left, right


diff_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(TOKENS), labelish_text), max_size=12).map("".join),
    st.sampled_from([line for lines in SEEDS.values() for line in lines if line.strip()]),
)


@given(diff_text, diff_text, st.lists(st.text(min_size=1, max_size=4), max_size=3))
def test_diff_round_trips(left, right, terms):
    ops = diff_texts(left, right, terms)
    assert rebuild(ops) == (left, right)
    assert all(op[0] in ("equal", "delete", "insert") for op in ops)


@st.composite
def parsed_seed(draw) -> Regulation:
    """A regulation parsed from a mutated seed (mutations that leave it parseable)."""
    loaded = load_all(draw(mutated_seed(operations=4, keep_labels=True)).encode("utf-8"))
    assume(loaded)
    return draw(st.sampled_from(loaded)).regulation


@SEED_SETTINGS
@given(parsed_seed(), parsed_seed(), st.sampled_from(list(Kind)))
def test_align_mutated_seeds(left, right, kind):
    alignment = align(left, right, kind)
    paired_left = {pair.left for pair in alignment.pairs}
    paired_right = {pair.right for pair in alignment.pairs}
    assert {a.number for a in left.articles} <= paired_left
    assert {a.number for a in right.articles} <= paired_right
    for pair in alignment.pairs:
        assert 0.0 <= pair.similarity <= 1.0
        assert pair.left is not None or pair.right is not None


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_unmutated_seeds_are_lossless(name):
    """The strategies start from texts that parse: a sanity check on the harness."""
    loaded = load_all("\n".join(SEEDS[name]).encode("utf-8"))
    assert loaded
    assert_lossless(loaded)

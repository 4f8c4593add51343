"""Real-world source formats, detected from the file, each tested on a fixture made from a seed.

Each catalogued regulation's seed file is saved again the ways offices and websites
publish it (GB18030 / GBK, UTF-8 with BOM and CRLF, an HTML page with scripts and
navigation, a Word ``.docx``, the LawRefBook Markdown dump), then parsed with the same
``part``: the tree must be the one the original gives, and lossless.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from comparator.library import Library, load_entry
from comparator.model import Division, Regulation, SourceError
from comparator.text.coverage import coverage_problems
from comparator.text.load import Loaded, load_file
from comparator.text.read import DOCX, HTML, TEXT, read_source

from .conftest import CATALOG

CATALOGUE = Library.open([CATALOG], verify=False).catalog
IDS = list(CATALOGUE.entries)


# The tree, without source line numbers -------------------------------------------


def division_tree(division: Division) -> tuple:
    return (
        division.kind,
        division.number,
        division.label,
        division.title,
        division.articles,
        [division_tree(section) for section in division.sections],
    )


def tree(regulation: Regulation) -> dict:
    """Everything the parse found, except the line numbers (they differ by format)."""
    return {
        "parts": [division_tree(part) for part in regulation.parts],
        "chapters": [division_tree(chapter) for chapter in regulation.chapters],
        "articles": [
            (
                article.number,
                article.label,
                article.chapter,
                article.section,
                [
                    (
                        paragraph.number,
                        paragraph.text,
                        [
                            (
                                item.number,
                                item.label,
                                item.text,
                                [(sub.number, sub.label, sub.text) for sub in item.subitems],
                            )
                            for item in paragraph.items
                        ],
                    )
                    for paragraph in article.paragraphs
                ],
            )
            for article in regulation.articles
        ],
    }


# Writers: seed text -> file in another format -------------------------------------


def seed_text(entry) -> str:
    return entry.source.read_text(encoding="utf-8")


def text_bytes(encoding: str, bom: bytes = b"", newline: str = "\n") -> Callable:
    def write(text: str, path: Path) -> None:
        path.write_bytes(bom + text.replace("\n", newline).encode(encoding))

    return write


_MENU = """<nav class="menu">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/fg/">法规库</a></li>
    <li><a href="/news/">新闻动态</a></li>
    <li><a href="/zxyj/">征求意见</a></li>
  </ul>
</nav>
<header><h1>人大常委会网站</h1><div class="crumbs">首页 &gt; 法规库 &gt; 正文</div></header>
"""

_FOOTER = """<footer>
  <p>版权所有：人大常委会办公厅　ICP备案：粤ICP备00000000号</p>
  <p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a></p>
</footer>
"""


def html_page(lines: list[str], body: str, charset: str) -> str:
    title = html.escape(next((line.strip() for line in lines if line.strip()), "法规"))
    # Browsers mark a saved page with a comment above the doctype.
    return f"""<!-- saved from url=(0041)https://www.example.gov.cn/fg/12345.html -->
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - 人大常委会网站</title>
<style>
  body {{ font-family: "SimSun", serif; }}
  p {{ text-indent: 2em; line-height: 1.8; }}
</style>
<script>
  var _hmt = _hmt || [];
  if (document.title.indexOf("第一条") > 0) {{ console.log("<p>第一条 不是正文</p>"); }}
</script>
</head>
<body>
{_MENU}<div class="content">
{body}
</div>
{_FOOTER}<script src="/js/stat.js"></script>
</body>
</html>
"""


_BODY_SCRIPT = """<script type="text/javascript">
  document.write("<p>第九十九条 广告</p>");
</script>"""


def paragraphs_html(text: str) -> str:
    """One ``<p>`` per source line, with a script between two paragraphs."""
    lines = text.split("\n")
    middle = len(lines) // 2
    body = []
    for number, line in enumerate(lines):
        if number == middle:
            body.append(_BODY_SCRIPT)
        body.append(f"<p>{html.escape(line)}</p>")
    return html_page(lines, "\n".join(body), "utf-8")


def write_html(text: str, path: Path) -> None:
    path.write_bytes(paragraphs_html(text).encode("utf-8"))


def write_html_nbsp(text: str, path: Path) -> None:
    """Indentation and inner spaces as ``&nbsp;`` / ``&#12288;``, as many editors save them."""

    def entities(line: str) -> str:
        escaped = html.escape(line)
        return (
            escaped.replace(" ", "&nbsp;").replace("\u3000", "&#12288;").replace("\xa0", "&nbsp;")
        )

    lines = text.split("\n")
    body = "\n".join(f"<p>{entities(line)}</p>" for line in lines)
    path.write_bytes(html_page(lines, body, "utf-8").encode("utf-8"))


def write_html_br(text: str, path: Path) -> None:
    """Every line ends in ``<br>`` inside one ``<div>`` (how some sites lay a text out)."""
    lines = text.split("\n")
    body = '<div id="zoom">\n' + "<br>\n".join(html.escape(line) for line in lines) + "\n</div>"
    path.write_bytes(html_page(lines, body, "utf-8").encode("utf-8"))


def write_html_wrapped(text: str, path: Path) -> None:
    """Paragraph text hard-wrapped and indented in the page source, as editors save it.

    A browser shows a line break between two CJK characters as nothing: the paragraph
    stays one line.
    """

    def wrapped(line: str) -> str:
        escaped = html.escape(line)
        cuts = [
            k
            for k in range(len(escaped) // 2, len(escaped) - 1)
            if "\u4e00" <= escaped[k - 1] <= "\u9fff" and "\u4e00" <= escaped[k] <= "\u9fff"
        ]
        if not cuts:
            return f"<p>{escaped}</p>"
        return f"<p>\n      {escaped[: cuts[0]]}\n      {escaped[cuts[0] :]}\n    </p>"

    lines = text.split("\n")
    body = "\n".join(f"    {wrapped(line)}" for line in lines)
    path.write_bytes(html_page(lines, body, "utf-8").encode("utf-8"))


def write_html_gb18030(text: str, path: Path) -> None:
    page = paragraphs_html(text).replace('<meta charset="utf-8">', '<meta charset="gb18030">')
    path.write_bytes(page.encode("gb18030"))


def write_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(str(path))


def write_docx_breaks(text: str, path: Path) -> None:
    """Lines joined by soft line breaks (Shift+Enter), a few Word paragraphs in all."""
    import docx

    document = docx.Document()
    lines = text.split("\n")
    for start in range(0, len(lines), 20):
        paragraph = document.add_paragraph()
        for number, line in enumerate(lines[start : start + 20]):
            if number:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
    document.save(str(path))


TEXT_WRITERS: dict[str, tuple[str, str, Callable]] = {
    # variant: (file suffix, expected format, writer)
    "gb18030": (".txt", TEXT, text_bytes("gb18030")),
    "gbk": (".txt", TEXT, text_bytes("gbk")),
    "gb18030-crlf": (".txt", TEXT, text_bytes("gb18030", newline="\r\n")),
    "utf8-bom-crlf": (".txt", TEXT, text_bytes("utf-8", b"\xef\xbb\xbf", "\r\n")),
    "html": (".html", HTML, write_html),
    "html-nbsp": (".htm", HTML, write_html_nbsp),
    "html-br": (".html", HTML, write_html_br),
    "html-wrapped": (".html", HTML, write_html_wrapped),
    "html-gb18030": (".html", HTML, write_html_gb18030),
    "docx": (".docx", DOCX, write_docx),
    "docx-breaks": (".docx", DOCX, write_docx_breaks),
}


def encodable(entry, variant: str) -> bool:
    if variant != "gbk":
        return True
    try:
        seed_text(entry).encode("gbk")
    except UnicodeEncodeError:  # the compilation page has NBSP, which GBK lacks
        return False
    return True


CASES = [
    pytest.param(regulation_id, variant, id=f"{regulation_id}-{variant}")
    for regulation_id in IDS
    for variant in TEXT_WRITERS
    if encodable(CATALOGUE.entry(regulation_id), variant)
]


def load_variant(entry, path: Path, part: int | None) -> Loaded:
    return load_entry(dataclasses.replace(entry, source=path, part=part))


@pytest.fixture(scope="module")
def originals() -> dict[str, Loaded]:
    return {regulation_id: load_entry(CATALOGUE.entry(regulation_id)) for regulation_id in IDS}


@pytest.mark.parametrize(("regulation_id", "variant"), CASES)
def test_seed_saved_in_another_format_parses_the_same(tmp_path, originals, regulation_id, variant):
    entry = CATALOGUE.entry(regulation_id)
    suffix, expected_format, write = TEXT_WRITERS[variant]
    path = tmp_path / f"{entry.source.stem}{suffix}"
    write(seed_text(entry), path)

    assert read_source(path).format == expected_format
    loaded = load_variant(entry, path, entry.part)
    original = originals[regulation_id]
    assert tree(loaded.regulation) == tree(original.regulation)
    assert loaded.regulation.title == original.regulation.title
    assert loaded.document.title == original.document.title
    assert coverage_problems(loaded) == []


@pytest.mark.parametrize("variant", ["html", "html-br", "html-nbsp", "html-wrapped"])
def test_html_line_numbers_are_those_of_the_page(tmp_path, variant):
    """Each line is numbered with the line of the HTML file where its text starts."""
    entry = CATALOGUE.entry("chongqing-draft")
    path = tmp_path / "page.html"
    TEXT_WRITERS[variant][2](seed_text(entry), path)
    page = path.read_text(encoding="utf-8").split("\n")
    lines = [line for line in read_source(path).lines if line.text]
    assert len(lines) > 200
    for line in lines:
        shown = html.unescape(re.sub(r"<[^>]*>", "", page[line.number - 1]))
        first = shown.replace("\xa0", " ").strip()[:6]  # a wrapped line may start short
        assert first and line.text.startswith(first), line


def test_minified_page_is_lossless(tmp_path, originals):
    entry = CATALOGUE.entry("shenzhen-draft")
    path = tmp_path / "page.html"
    path.write_text(paragraphs_html(seed_text(entry)).replace("\n", ""), encoding="utf-8")
    loaded = load_variant(entry, path, None)
    assert tree(loaded.regulation) == tree(originals["shenzhen-draft"].regulation)
    assert coverage_problems(loaded) == []


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param("<p>甲</p><p>&nbsp;</p><p></p><p>乙</p>", ["甲", "", "", "乙"], id="empty-p"),
        pytest.param("<div>甲<br>乙<br><br>丙<br></div>", ["甲", "乙", "", "丙"], id="br"),
        pytest.param("<p>第一条&nbsp;&nbsp;甲\n  乙</p>", ["第一条  甲乙"], id="nbsp-wrap"),
        pytest.param("<p>see the\n   law</p>", ["see the law"], id="latin-wrap"),
        pytest.param("<pre>第一条 甲\n\n第二条 乙</pre>", ["第一条 甲", "", "第二条 乙"], id="pre"),
        pytest.param("<p>甲<!-- 注释 --><span>乙</span></p>", ["甲乙"], id="inline"),
        # As in a text file, a Markdown marker is dropped only when a space follows it.
        pytest.param(
            "<p>#&nbsp;</p><p>## 第一章 总则</p><p>#1</p>", ["", "第一章 总则", "#1"], id="md"
        ),
    ],
)
def test_html_lines(tmp_path, page, expected):
    path = tmp_path / "page.html"
    path.write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    assert [line.text for line in read_source(path).lines] == expected


def test_page_too_deep_to_read_is_an_error_not_lost_text(tmp_path):
    """libxml2 stops at 256 nested elements: say so rather than drop the rest."""
    path = tmp_path / "deep.html"
    nested = "<div>" * 300 + "第一条 甲。" + "</div>" * 300
    path.write_text(f"<html><body>\n{nested}</body></html>", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        read_source(path)
    assert (raised.value.path, raised.value.line) == (str(path), 2)
    assert "cannot read the HTML page: Excessive depth" in raised.value.message


def test_detection_ignores_the_file_name(tmp_path, originals):
    """An HTML page saved as ``.txt`` and a Word file saved as ``.doc`` are still read."""
    entry = CATALOGUE.entry("shenzhen-draft")
    page, word = tmp_path / "page.txt", tmp_path / "word.doc"
    write_html(seed_text(entry), page)
    write_docx(seed_text(entry), word)
    assert read_source(page).format == HTML
    assert read_source(word).format == DOCX
    for path in (page, word):
        loaded = load_variant(entry, path, None)
        assert tree(loaded.regulation) == tree(originals["shenzhen-draft"].regulation)


# LawRefBook Markdown dump ------------------------------------------------------------


def markdown_dump(loaded: Loaded) -> str:
    """The regulation's own body in the format of ../shared/corpus (no page chrome).

    ``# title``, metadata lines, ``<!-- INFO END -->``, ``## 第X章 title`` headings and
    articles as plain lines, blank lines between.
    """
    regulation = loaded.regulation
    history = regulation.metadata.history or ["本文本由测试从种子文本生成"]
    out = [f"# {regulation.title}", ""]
    for event in history:
        out += [event, ""]
    out += ["<!-- INFO END -->", ""]
    starts: dict[int, list[str]] = {}
    for part in regulation.parts:
        if part.articles:
            starts.setdefault(part.articles[0], []).append(f"## {part.label} {part.title}")
    for chapter in regulation.chapters:
        if chapter.articles:
            starts.setdefault(chapter.articles[0], []).append(f"## {chapter.label} {chapter.title}")
        for section in chapter.sections:
            if section.articles:
                heading = f"### {section.label} {section.title}"
                starts.setdefault(section.articles[0], []).append(heading)
    for article in regulation.articles:
        for heading in starts.get(article.number, []):
            out += [heading, ""]
        for paragraph in article.paragraphs:
            if paragraph.number == 1:
                out += [f"{article.label} {paragraph.text}".rstrip(), ""]
            else:
                out += [paragraph.text, ""]
            for item in paragraph.items:
                # An item's further lines come before its sub-items (see ``parse``).
                first, *more = item.text.split("\n")
                out += [item.label + first, ""]
                for line in more:
                    out += [line, ""]
                for sub in item.subitems:
                    out += [sub.label + sub.text, ""]
    return "\n".join(out)


@pytest.mark.parametrize("regulation_id", IDS)
def test_markdown_dump_parses_the_same(tmp_path, originals, regulation_id):
    entry = CATALOGUE.entry(regulation_id)
    original = originals[regulation_id]
    path = tmp_path / f"{regulation_id}.md"
    path.write_text(markdown_dump(original), encoding="utf-8")

    assert read_source(path).format == TEXT
    loaded = load_variant(entry, path, None)  # the dump holds this regulation alone
    assert tree(loaded.regulation) == tree(original.regulation)
    assert loaded.document.title == original.regulation.title
    assert coverage_problems(loaded) == []
    markup = [dropped for dropped in loaded.regulation.dropped if dropped.reason == "markup"]
    assert len(markup) == len(original.regulation.chapters) + len(original.regulation.parts)


def test_docx_tracked_changes_and_content_controls(tmp_path):
    """Word's tracked insertions count, tracked deletions do not, content controls are read."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("第一条 为了测试，制定本规定。")
    second = document.add_paragraph("第二条 代表工委应当在")
    second._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="a">'
            "<w:r><w:t>五个工作日内</w:t></w:r></w:ins>"
        )
    )
    second._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>三日内</w:delText>'
            "<w:t>也不算</w:t></w:r></w:del>"
        )
    )
    second.add_run("作出安排。")
    control = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>第三条 本规定自公布之日起施行。"
        "</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(len(document.element.body) - 1, control)
    path = tmp_path / "tracked.docx"
    document.save(path)
    (loaded,) = load_file(path)
    texts = [a.text for a in loaded.regulation.articles]
    assert texts == [
        "为了测试，制定本规定。",
        "代表工委应当在五个工作日内作出安排。",
        "本规定自公布之日起施行。",
    ]

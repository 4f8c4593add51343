"""The new text with tracked changes (``export --format tracked-docx``), as a Word user meets
it: accepting every revision gives the new text, rejecting every one gives the old text.

Accepting and rejecting are done here on the document's XML as Word does them: accepting
drops deleted runs and joins a paragraph whose mark was deleted to the next one; rejecting
drops inserted runs, restores deleted text and joins a paragraph whose mark was inserted
to the next one. What remains is compared, paragraph by paragraph, with the parse trees.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from lxml import etree

from comparator.model import Article, Division, Regulation, walk
from comparator.publish.export import TRACKED_DOCX, export_comparison

DATE = "2025-01-02"
LABEL = re.compile(r"第[一二三四五六七八九十百零〇]+[编章节条]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INS, DEL = W + "ins", W + "del"
REVISIONS = {
    ("shenzhen-2007", "shenzhen-draft"): ("深圳市人大常委会", None),  # the draft is dated 2025
    ("chongqing-2016", "chongqing-draft"): ("重庆市人大常委会", "2025-07-21T00:00:00Z"),
}

OLD_TEXT = """测试条例

第一章　总则

第一条　为了测试，制定本条例。

第二条　本条例适用于测试。

第二章　管理

第三条　管理部门负责测试工作。
管理部门应当每年报告一次。

第四条　违反本条例的，予以处罚。

第五条　本条例自2020年1月1日起施行。
"""
NEW_TEXT = """测试条例（修订草案）

第一章　总则

第一条　为了规范测试，制定本条例。

第二条　新增的条文内容。

第三条　本条例适用于测试。

第二章　监督管理

第四条　管理部门负责测试工作，应当每年报告一次。

第三章　附则

第五条　本条例自2026年1月1日起施行。
"""


@pytest.fixture(scope="module", params=list(REVISIONS), ids=lambda ids: ids[0])
def revision(request, library, tmp_path_factory) -> tuple[Regulation, Regulation, Path]:
    old_id, new_id = request.param
    old, new = library.regulation(old_id), library.regulation(new_id)
    path = tmp_path_factory.mktemp("tracked") / f"{new_id}.docx"
    export_comparison(
        library.table(old_id, new_id),
        TRACKED_DOCX,
        path,
        DATE,
        texts=(old, new),
        new_entry=library.catalog.entry(new_id),
    )
    return old, new, path


# Reading the document as Word would ------------------------------------------------


def body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(W + "body")


def resolved(path: Path, decision: str) -> list[str]:
    """The paragraphs' texts once every revision is accepted (or rejected)."""
    dropped = DEL if decision == "accept" else INS
    texts, carried = [], ""
    for paragraph in body(path).iter(W + "p"):
        text = carried + "".join(run_text(run) for run in runs(paragraph, dropped))
        if paragraph.find(f"{W}pPr/{W}rPr/{dropped}") is not None:
            carried = text  # its mark goes: it joins the next paragraph
            continue
        texts.append(text)
        carried = ""
    if carried:  # (Word keeps the last paragraph mark of a document)
        texts.append(carried)
    return texts


def runs(paragraph: etree._Element, dropped: str) -> Iterator[etree._Element]:
    """The runs that stay: direct ones, and those of the revisions kept (unwrapped)."""
    for child in paragraph:
        assert child.tag in (W + "pPr", W + "r", INS, DEL), child.tag  # nothing unread
        if child.tag == W + "r":
            yield child
        elif child.tag in (INS, DEL) and child.tag != dropped:
            yield from child.iterchildren(W + "r")


def run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        assert child.tag in (W + "rPr", W + "t", W + "delText", W + "tab"), child.tag
        parts.append("\t" if child.tag == W + "tab" else child.text or "")
    return "".join(parts)


def printed(regulation: Regulation) -> list[str]:
    """The text as the parse tree has it: the title, each heading as 第二章　title, each
    article as its label, an ideographic space, and its text, one paragraph per line."""
    paragraphs = [regulation.title]
    for node in walk(regulation):
        element = node.element
        if isinstance(element, Division):
            paragraphs.append(
                f"{element.label}　{element.title}" if element.title else element.label
            )
        elif isinstance(element, Article):
            first, *rest = element.text.split("\n")
            paragraphs.append(f"{element.label}　{first}" if element.text else element.label)
            paragraphs.extend(rest)
    return paragraphs


def paragraphs(path: Path) -> list[tuple[list[tuple[str, str]], str]]:
    """Each paragraph as its runs ``(revision, text)`` and the revision of its mark, where
    revision is ``ins``, ``del`` or ``""``."""
    found = []
    for paragraph in body(path).iter(W + "p"):
        pieces = []
        for child in paragraph:
            kind = {INS: "ins", DEL: "del"}.get(child.tag, "")
            for run in [child] if child.tag == W + "r" else child.iterchildren(W + "r"):
                pieces.append((kind, run_text(run)))
        mark = paragraph.find(f"{W}pPr/{W}rPr/*")
        found.append(
            (pieces, {INS: "ins", DEL: "del"}.get(mark.tag, "") if mark is not None else "")
        )
    return found


def labelled(pieces: list[tuple[str, str]]) -> str:
    """The label a paragraph opens with (第十三条, 第二章), or ""."""
    return pieces[0][1] if pieces and LABEL.fullmatch(pieces[0][1]) else ""


def whole_block(path: Path, label: str, kind: str) -> list[int]:
    """The paragraphs of the article (or heading) ``label`` whose every run is one kind of
    revision; the block ends before the next label."""
    found = paragraphs(path)
    for start in [i for i, (pieces, _) in enumerate(found) if labelled(pieces) == label]:
        end = start + 1
        while end < len(found) and not labelled(found[end][0]):
            end += 1
        if all({k for k, _ in pieces} == {kind} for pieces, _ in found[start:end]):
            return list(range(start, end))
    return []


# The round trip ---------------------------------------------------------------------


def test_accepting_gives_the_new_text_and_rejecting_the_old(revision):
    old, new, path = revision
    assert resolved(path, "accept") == printed(new)
    assert resolved(path, "reject") == printed(old)


def test_every_revision_has_an_id_its_author_and_the_known_date(revision):
    old, new, path = revision
    author, date = REVISIONS[old.id, new.id]
    marks = [e for e in body(path).iter(INS, DEL)]
    assert len(marks) > 100
    ids = Counter(mark.get(W + "id") for mark in marks)
    assert ids.most_common(1)[0][1] == 1 and None not in ids
    assert {mark.get(W + "author") for mark in marks} == {author}
    assert {mark.get(W + "date") for mark in marks} == {date}
    # Deleted text is written as such, and only inside a deletion.
    for text in body(path).iter(W + "delText"):
        assert text.getparent().getparent().tag == DEL
    for deletion in body(path).iter(DEL):
        assert deletion.find(f"{W}r/{W}t") is None


def test_the_file_is_the_same_for_the_same_build_date(revision, library, tmp_path):
    old, new, path = revision
    again = tmp_path / "again.docx"
    export_comparison(
        library.table(old.id, new.id),
        TRACKED_DOCX,
        again,
        DATE,
        texts=(old, new),
        new_entry=library.catalog.entry(new.id),
    )
    assert again.read_bytes() == path.read_bytes()


def test_no_kept_paragraph_mark_stands_between_two_insertions(revision):
    """LibreOffice, rejecting two insertions with only a kept paragraph mark between them,
    removes that mark too, joining two paragraphs of the old text."""
    _, _, path = revision
    found = paragraphs(path)
    for (pieces, mark), (following, _) in pairwise(found):
        if pieces and following and not mark:
            assert (pieces[-1][0], following[0][0]) != ("ins", "ins"), (pieces, following)


def test_python_docx_opens_it_as_an_a4_portrait_page(revision):
    _, new, path = revision
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.title == new.title
    assert len(document.paragraphs) == len(paragraphs(path))


# Whole articles, labels and headings -------------------------------------------------


def test_deleted_added_and_renumbered_articles(library, tmp_path):
    old, new = library.regulation("shenzhen-2007"), library.regulation("shenzhen-draft")
    path = tmp_path / "shenzhen.docx"
    export_comparison(library.table(old.id, new.id), TRACKED_DOCX, path, DATE, texts=(old, new))
    found = paragraphs(path)
    # The old 第十条 was deleted: all of it, paragraph marks too, so accepting leaves nothing.
    deleted = whole_block(path, "第十条", "del")
    assert len(deleted) == len(old.article(10).text.split("\n"))
    assert {found[i][1] for i in deleted} == {"del"}
    # The new 第二条 was added, marks too.
    added = whole_block(path, "第二条", "ins")
    assert len(added) == len(new.article(2).text.split("\n"))
    assert {found[i][1] for i in added} == {"ins"}
    # 第十四条 became 第十三条 and its wording stayed: the label is revised, and in the text
    # only the commas, half-width in the old text and full-width in the new one.
    renumbered = next(p for p, _ in found if ("del", "第十四条") in p)
    assert renumbered[:2] == [("del", "第十四条"), ("ins", "第十三条")]
    assert {(kind, text) for kind, text in renumbered[2:] if kind} == {("del", ","), ("ins", "，")}


def test_a_moved_article_is_deleted_where_it_stood_and_inserted_where_it_stands(library, tmp_path):
    old, new = library.regulation("chongqing-2016"), library.regulation("chongqing-draft")
    pair = next(p for p in library.alignment(old.id, new.id).pairs if (p.left, p.right) == (17, 18))
    assert pair.status.value == "moved"
    path = tmp_path / "chongqing.docx"
    export_comparison(library.table(old.id, new.id), TRACKED_DOCX, path, DATE, texts=(old, new))
    inserted, deleted = whole_block(path, "第十八条", "ins"), whole_block(path, "第十七条", "del")
    assert inserted and deleted
    # Old 第十五条 and 第十六条 (now 第十九条, 第二十条) stand between its two places.
    assert inserted[-1] < deleted[0]
    between = " ".join(t for p, _ in paragraphs(path)[inserted[-1] : deleted[0]] for _, t in p)
    assert "第十九条" in between and "第二十条" in between


def test_headings_renamed_and_added_and_paragraphs_joined(invoke, tmp_path):
    (tmp_path / "old.txt").write_text(OLD_TEXT, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW_TEXT, encoding="utf-8")
    out = tmp_path / "修订稿.docx"
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    result = invoke("export", str(old), str(new), "--format", TRACKED_DOCX, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert resolved(out, "accept") == [
        "测试条例（修订草案）",
        "第一章　总则",
        "第一条　为了规范测试，制定本条例。",
        "第二条　新增的条文内容。",
        "第三条　本条例适用于测试。",
        "第二章　监督管理",
        "第四条　管理部门负责测试工作，应当每年报告一次。",
        "第三章　附则",
        "第五条　本条例自2026年1月1日起施行。",
    ]
    assert resolved(out, "reject") == [line for line in OLD_TEXT.splitlines() if line]
    found = paragraphs(out)
    renamed = next(p for p, _ in found if p and p[0][1] == "第二章")
    assert ("del", "管理") in renamed and ("ins", "监督管理") in renamed
    added = next(i for i, (p, _) in enumerate(found) if p and p[0][1] == "第三章")
    assert whole_block(out, "第三章", "ins") == [added] and found[added][1] == "ins"
    # Old 第三条's two paragraphs became one: the first one's mark is deleted.
    joined = next(i for i, (p, _) in enumerate(found) if ("ins", "第四条") in p)
    assert found[joined][1] == "del" and found[joined + 1][1] == ""
    # Texts read from files have no catalog entry and no notice: no body, no date is made up.
    marks = list(body(out).iter(INS, DEL))
    assert {m.get(W + "author") for m in marks} == {"制定机关未注明"}
    assert {m.get(W + "date") for m in marks} == {None}


# The command line ------------------------------------------------------------------------


def test_the_command_line_writes_the_file(invoke, tmp_path):
    out = tmp_path / "修订稿.docx"
    result = invoke(
        "export", "shenzhen-2007", "shenzhen-draft", "--format", TRACKED_DOCX, "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert docx.Document(str(out)).core_properties.title.startswith("深圳市人民代表大会常务委员会")


def test_the_command_line_refuses_two_jurisdictions(invoke, tmp_path):
    out = tmp_path / "修订稿.docx"
    result = invoke(
        "export", "shenzhen-draft", "chongqing-draft", "--format", TRACKED_DOCX, "-o", str(out)
    )
    assert result.exit_code == 1
    assert result.output.startswith("error: tracked-docx shows how one text was revised")
    assert "compared across jurisdictions" in result.output
    assert not out.exists()

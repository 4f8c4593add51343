"""The ``comparator`` command line: a thin layer over the library.

Every command that prints data takes ``--format json``. Input problems are printed
as ``path:line: message`` and exit with status 1, never as a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from comparator.catalog import Catalog, load_catalogs, record_sha256, sha256_of
from comparator.library import DEFAULT_CATALOG, Library
from comparator.model import (
    Article,
    Division,
    SourceError,
    SourceErrors,
    article_id,
    count_nodes,
    parse_article_id,
    walk,
)
from comparator.publish.serialize import regulation_to_dict
from comparator.text.load import file_id, load_file
from comparator.vocabulary import STATUS_LABELS, Kind

# MkDocs, python-docx and openpyxl are imported by the commands that need them
# (build, export), so that the others start quickly.


class UsageProblem(click.ClickException):
    """A wrong argument (unknown id, wrong format): one line, exit 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def reports_problems(command: Callable) -> Callable:
    """Turn input problems into ``path:line: message`` lines and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SourceError as error:
            click.echo(str(error), err=True)
            sys.exit(1)
        except SourceErrors as errors:
            for problem in errors.errors:
                click.echo(str(problem), err=True)
            sys.exit(1)
        except KeyError as error:
            raise UsageProblem(str(error.args[0])) from None

    return wrapper


def catalog_option(command: Callable) -> Callable:
    return click.option(
        "--catalog",
        "catalogs",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Catalog file(s) to read (default: sources/catalog.toml). "
        "Repeat to add an extra catalog.",
    )(command)


def kind_option(command: Callable) -> Callable:
    return click.option(
        "--kind",
        type=click.Choice([k.value for k in Kind]),
        default=None,
        help="revision (old -> new) or cross (two jurisdictions); default from the catalog.",
    )(command)


def two_regulations(command: Callable) -> Callable:
    """LEFT and RIGHT (ids or paths), --kind, --catalog and --format text|json."""
    for decorate in (
        reports_problems,
        format_option("text", "json"),
        catalog_option,
        kind_option,
        click.argument("right"),
        click.argument("left"),
    ):
        command = decorate(command)
    return command


def format_option(*choices: str) -> Callable:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def open_library(catalogs: tuple[Path, ...], targets: tuple[str, ...] = ()) -> Library:
    """The catalogued library; for files alone (and no --catalog), no catalog at all:
    a file needs none, and an id of the catalog must not stand for it."""
    if not catalogs and targets and all(Path(target).is_file() for target in targets):
        return Library(Catalog())
    return Library(load_catalogs(list(catalogs) or [DEFAULT_CATALOG]))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
@click.version_option(package_name="regulation-comparator")
def main() -> None:
    """Parse, align and publish Chinese regulation texts.

    \b
    Example:
        comparator list
        comparator parse shenzhen-draft --format json
    """


@main.command("list")
@catalog_option
@format_option("text", "json")
@reports_problems
def list_command(catalogs: tuple[Path, ...], output_format: str) -> None:
    """List the catalogued regulations with their chapter and article counts.

    \b
    Example:
        comparator list --format json
    """
    library = open_library(catalogs)
    rows = []
    for entry in library.catalog.entries.values():
        counts = count_nodes(library.regulation(entry.id))
        rows.append(
            {
                "id": entry.id,
                "title": entry.title,
                "short_title": entry.short_title,
                "jurisdiction": entry.jurisdiction,
                "kind": entry.kind,
                "date": entry.date,
                **counts,
            }
        )
    if output_format == "json":
        echo_json(rows)
        return
    width = max([20, *(len(str(row["id"])) for row in rows)])
    for row in rows:
        click.echo(
            f"{row['id']:<{width}} {row['chapters']:>2} 章 {row['articles']:>3} 条 "
            f"{row['paragraphs']:>4} 款 {row['items']:>3} 项  {row['kind']}  {row['date']:<10}  "
            f"{row['title']}"
        )


@main.command("parse")
@click.argument("target")
@catalog_option
@format_option("text", "json")
@reports_problems
def parse_command(target: str, catalogs: tuple[Path, ...], output_format: str) -> None:
    """Parse a catalogued regulation (by id) or a file (by path) into its tree.

    A path must hold exactly one regulation.

    \b
    Example:
        comparator parse shenzhen-draft --format json
        comparator parse ../shared/corpus/daibiaofa-2025.txt
    """
    library = open_library(catalogs, (target,))
    (regulation_id,) = resolve_all(library, [target])
    regulation = library.regulation(regulation_id)
    if output_format == "json":
        entry = library.catalog.entries.get(regulation.id)
        versions = [e.id for e in library.catalog.versions(regulation.id)] if entry else []
        echo_json(regulation_to_dict(regulation, entry, versions))
        return
    click.echo(regulation.title)
    counts = count_nodes(regulation)
    click.echo(
        f"{counts['chapters']} 章, {counts['articles']} 条, {counts['paragraphs']} 款, "
        f"{counts['items']} 项"
    )
    # In reading order: each heading (编, 分编, 章, 节) where it opens, then its articles.
    for node in walk(regulation):
        element = node.element
        if isinstance(element, Division):
            click.echo(f"\n{element.label} {element.title}")
        elif isinstance(element, Article):
            first = element.paragraphs[0].text if element.paragraphs else ""
            click.echo(f"  {element.label} {first[:40]}{'…' if len(first) > 40 else ''}")


def open_pair(catalogs: tuple[Path, ...], left: str, right: str) -> tuple[Library, str, str]:
    """The library, and the ids of two regulations named by id or path."""
    library = open_library(catalogs, (left, right))
    left_id, right_id = resolve_all(library, [left, right])
    return library, left_id, right_id


def resolve_all(library: Library, targets: list[str]) -> list[str]:
    """The ids of the regulations a command names by catalog id or by path.

    Each file gets an id that no catalogued text and no other file of the command has
    (two ``fuyi.md`` of two folders are two texts). When a file's id is not simply its
    name, the id of every file is said on stderr, so that a reader can tell them apart.
    """
    files = [target for target in targets if Path(target).is_file()]
    taken = set(library.catalog.entries)
    assigned: dict[str, str] = {}
    for target in files:
        if target not in assigned:
            assigned[target] = file_id(Path(target), taken)
            taken.add(assigned[target])
    ids = [resolve(library, target, assigned.get(target)) for target in targets]
    if any(assigned[target] != file_id(Path(target)) for target in files) or any(
        regulation_id.startswith("regulation-") for regulation_id in assigned.values()
    ):
        for target, regulation_id in assigned.items():
            click.echo(f"{target}: read as {regulation_id}", err=True)
    return ids


def resolve(library: Library, target: str, regulation_id: str | None = None) -> str:
    """The id of a regulation named by catalog id or by path (a path is loaded, its
    regulation given ``regulation_id``, or an id from its name)."""
    path = Path(target)
    if path.is_file():
        loaded = load_file(path, regulation_id)
        if len(loaded) != 1:
            titles = "; ".join(item.regulation.title for item in loaded)
            raise SourceError(
                target,
                loaded[1].regulation.body_lines[0],
                f"the file holds {len(loaded)} regulations ({titles}): "
                "catalog it with `part =` to pick one",
            )
        library.add(loaded[0])
        return loaded[0].regulation.id
    if "/" in target or target.endswith((".txt", ".md", ".html", ".docx")):
        raise SourceError(target, 0, "file not found")
    library.catalog.entry(target)  # raises KeyError for an unknown id
    return target


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@catalog_option
@reports_problems
def check_command(paths: tuple[Path, ...], catalogs: tuple[Path, ...]) -> None:
    """Check the catalog (or the given files): sha256, numbering, lossless parse.

    Prints one line per problem as path:line: message and exits 1; prints a
    summary and exits 0 when all is well.

    \b
    Example:
        comparator check
        comparator check ../shared/corpus/*.txt
    """
    from comparator import check as checks

    if paths:
        problems = checks.check_paths(list(paths))
        checked = f"{len(paths)} file(s)"
    else:
        catalog = load_catalogs(list(catalogs) or [DEFAULT_CATALOG])
        problems = checks.check_catalog(catalog)
        checked = f"{len(catalog.entries)} catalogued regulation(s)"
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(1)
    click.echo(f"ok: {checked} checked, no problem found")


@main.command("accept")
@click.argument("regulation_id")
@catalog_option
@reports_problems
def accept_command(regulation_id: str, catalogs: tuple[Path, ...]) -> None:
    """Record the current sha256 of a regulation's source file in its catalog.

    Run it after replacing a source text with a new published version, once
    `comparator check` shows the new text parses.

    \b
    Example:
        comparator accept shenzhen-draft
    """
    catalog = load_catalogs(list(catalogs) or [DEFAULT_CATALOG])
    entry = catalog.entry(regulation_id)
    if not entry.source.is_file():
        raise SourceError(str(entry.catalog), entry.line, f"{entry.source} not found")
    new = sha256_of(entry.source)
    if new == entry.sha256:
        click.echo(f"{regulation_id}: sha256 already up to date")
        return
    written = record_sha256(catalog, regulation_id, new)
    others = [other for other in written if other != regulation_id]
    also = f" (also {', '.join(others)}, which {'reads' if len(others) == 1 else 'read'} "
    click.echo(
        f"{regulation_id}: sha256 {entry.sha256[:12]}… -> {new[:12]}… in {entry.catalog}"
        + (f"{also}the same file)" if others else "")
    )


@main.command("build")
@click.option(
    "--config-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The MkDocs configuration.",
)
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where to put the site (default: site_dir of the configuration, build/site).",
)
@reports_problems
def build_command(config_file: Path, site_dir: Path | None) -> None:
    """Build the site atomically: a failed build keeps the previous site.

    \b
    Example:
        comparator build
        SOURCE_DATE_EPOCH=1700000000 comparator build --site-dir /tmp/site
    """
    from comparator.publish.build import BuildFailed, build_site
    from comparator.publish.export.reproducible import build_date

    build_date()  # a bad SOURCE_DATE_EPOCH is refused before NumPy, which reads it too
    try:
        target = build_site(config_file, site_dir)
    except BuildFailed as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"site built in {target}")


@main.command("align")
@two_regulations
def align_command(
    left: str, right: str, kind: str | None, catalogs: tuple[Path, ...], output_format: str
) -> None:
    """Pair the articles of two regulations (ids or paths), with a status per pair.

    \b
    Example:
        comparator align shenzhen-2007 shenzhen-draft --format json
        comparator align shenzhen-draft chongqing-draft --kind cross
    """
    library, left_id, right_id = open_pair(catalogs, left, right)
    alignment = library.alignment(left_id, right_id, Kind(kind) if kind else None)
    if output_format == "json":
        echo_json(alignment.as_dict())
        return
    click.echo(f"{left_id} -> {right_id} ({alignment.kind.value})")
    for pair in alignment.pairs:
        left_no = f"第{pair.left}条" if pair.left is not None else "—"
        right_no = f"第{pair.right}条" if pair.right is not None else "—"
        click.echo(
            f"  {left_no:>6} -> {right_no:<6} {pair.status.value:<11} "
            f"{STATUS_LABELS[pair.status]:<4} {pair.similarity:.2f}"
        )
    counts = {k: v for k, v in alignment.counts().items() if v}
    click.echo("  " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def parse_article_ref(ref: str) -> tuple[str, int]:
    try:
        return parse_article_id(ref)  # art-17-1: 第十七条之一
    except ValueError:
        raise UsageProblem(f"{ref!r} is not an article id such as shenzhen-draft/art-13") from None


@main.command("diff")
@click.argument("left")
@click.argument("right")
@catalog_option
@format_option("text", "json")
@reports_problems
def diff_command(left: str, right: str, catalogs: tuple[Path, ...], output_format: str) -> None:
    """Diff two articles, word by word, ignoring punctuation width and spacing.

    The text format marks deletions [-like this-] and insertions {+like this+}.

    \b
    Example:
        comparator diff shenzhen-2007/art-3 shenzhen-draft/art-4 --format json
    """
    (left_id, left_no), (right_id, right_no) = parse_article_ref(left), parse_article_ref(right)
    library = open_library(catalogs, (left_id, right_id))
    left_id, right_id = resolve_all(library, [left_id, right_id])
    ops = library.diff(article_id(left_id, left_no), article_id(right_id, right_no))
    if output_format == "json":
        echo_json({"left": left, "right": right, "ops": [list(op) for op in ops]})
        return
    rendered = []
    for op in ops:
        if op[0] == "equal":
            rendered.append(op[-1])
        elif op[0] == "delete":
            rendered.append(click.style(f"[-{op[1]}-]", fg="red"))
        else:
            rendered.append(click.style(f"{{+{op[1]}+}}", fg="green"))
    click.echo("".join(rendered))


@main.command("changes")
@two_regulations
def changes_command(
    left: str, right: str, kind: str | None, catalogs: tuple[Path, ...], output_format: str
) -> None:
    """Summarise what changed: quantities, renamed terms, obligations, articles.

    \b
    Example:
        comparator changes shenzhen-2007 shenzhen-draft --format json
    """
    library, left_id, right_id = open_pair(catalogs, left, right)
    summary = library.summary(left_id, right_id, Kind(kind) if kind else None)
    if output_format == "json":
        echo_json(summary.as_dict())
        return

    for change in summary.changes:
        left_text, right_text = summary.cited(change)
        click.echo(f"{left_text or '—':>8} -> {right_text or '—':<8} {change.line()}")


@main.command("export")
@click.argument("targets", nargs=-1, required=True)
@click.option(
    "--format",
    "file_format",
    required=True,
    help="docx, pdf, xlsx, csv or json for a comparison (two ids); tracked-docx for a "
    "revision (the new text in Word, its changes tracked); json or akn for one regulation.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The file to write.",
)
@click.option(
    "--same-as-left",
    is_flag=True,
    help="DOCX, PDF, XLSX, CSV: write 同左 instead of repeating a text that did not change.",
)
@click.option(
    "--omit-unchanged",
    is_flag=True,
    help="DOCX, PDF: leave out the articles whose text did not change.",
)
@catalog_option
@reports_problems
def export_command(
    targets: tuple[str, ...],
    file_format: str,
    output: Path,
    same_as_left: bool,
    omit_unchanged: bool,
    catalogs: tuple[Path, ...],
) -> None:
    """Export a 对照表 (two ids) or a regulation's open data (one id).

    \b
    Example:
        comparator export shenzhen-2007 shenzhen-draft --format docx -o 对照表.docx
        comparator export shenzhen-2007 shenzhen-draft --format tracked-docx -o 修订稿.docx
        comparator export shenzhen-draft --format akn -o shenzhen-draft.xml
    """
    from comparator.publish.export import (
        COMPARISON_FORMATS,
        REGULATION_FORMATS,
        TRACKED_DOCX,
        editions_of,
        export_comparison,
        export_regulation,
    )
    from comparator.publish.export.reproducible import build_date

    date = build_date()  # a bad SOURCE_DATE_EPOCH is refused before NumPy, which reads it too
    library = open_library(catalogs, targets)
    ids = resolve_all(library, list(targets))
    output.parent.mkdir(parents=True, exist_ok=True)
    if len(ids) == 2:
        formats = [*COMPARISON_FORMATS, TRACKED_DOCX]
        if file_format not in formats:
            raise UsageProblem(
                f"unknown format {file_format!r} for a comparison: use one of {', '.join(formats)}"
            )
        if file_format == TRACKED_DOCX and library.kind_of(ids[0], ids[1]) is not Kind.REVISION:
            raise UsageProblem(
                f"{TRACKED_DOCX} shows how one text was revised, but {ids[0]} and {ids[1]} are "
                f"compared across jurisdictions: use one of {', '.join(COMPARISON_FORMATS)}"
            )
        table = library.table(ids[0], ids[1])
        catalogued = all(i in library.catalog.entries for i in ids)
        export_comparison(
            table,
            file_format,
            output,
            date,
            editions=editions_of(library, ids[0], ids[1]) if catalogued else None,
            same_as_left=same_as_left,
            omit_unchanged=omit_unchanged,
            texts=(library.regulation(ids[0]), library.regulation(ids[1])),
            new_entry=library.catalog.entries.get(ids[1]),
        )
    elif len(ids) == 1:
        if file_format not in REGULATION_FORMATS:
            raise UsageProblem(
                f"unknown format {file_format!r} for a regulation: "
                f"use one of {', '.join(REGULATION_FORMATS)}"
            )
        regulation = library.regulation(ids[0])
        entry = library.catalog.entries.get(ids[0])
        versions = [e.id for e in library.catalog.versions(ids[0])] if entry else []
        output.write_bytes(export_regulation(regulation, entry, file_format, versions))
    else:
        raise UsageProblem("give one regulation id (open data) or two (a 对照表)")
    click.echo(f"wrote {output}")


@main.command("review")
@click.option(
    "--base",
    required=True,
    help="The git revision to compare with (a branch, tag or commit), e.g. origin/main.",
)
@catalog_option
@format_option("markdown", "json")
@reports_problems
def review_command(base: str, catalogs: tuple[Path, ...], output_format: str) -> None:
    """Summarise how each catalogued text changed since a git revision.

    For every regulation whose source file differs from BASE, the text at BASE is
    aligned with the current one and its change summary is printed: what a pull
    request that edits a text shows its reviewers.

    \b
    Example:
        comparator review --base origin/main >> "$GITHUB_STEP_SUMMARY"
    """
    from comparator.publish.report import reviews_markdown
    from comparator.review import UnknownRevision, text_reviews

    # Informative: a changed text is reviewed before (or after) its sha256 is accepted.
    library = Library(load_catalogs(list(catalogs) or [DEFAULT_CATALOG]), verify=False)
    try:
        reviews = text_reviews(library, base)
    except UnknownRevision as error:
        raise UsageProblem(str(error)) from None
    if output_format == "json":
        echo_json([review.as_dict() for review in reviews])
        return
    click.echo(reviews_markdown(reviews, base))

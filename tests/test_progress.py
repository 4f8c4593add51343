"""A long build shows its stage and how far it has got: a bar in a terminal, a few plain
lines in a log, nothing by default."""

from __future__ import annotations

import io
import itertools
import logging
import re

import pytest
from rich.console import Console

from comparator.cache import Cache
from comparator.library import Library
from comparator.progress import NO_PROGRESS, Bar, LogLines, Progress
from comparator.publish.site import parallel
from comparator.publish.site.parallel import precompute

from .conftest import CATALOG


class Clock:
    """Time that passes only when a test says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def logged(caplog) -> pytest.LogCaptureFixture:
    """What is logged on ``comparator.progress``: ``logged.messages``."""
    caplog.set_level(logging.INFO, logger="comparator.progress")
    return caplog


def parse_texts(progress: Progress, clock: Clock | None = None, seconds_each: float = 0.0) -> None:
    """2,336 texts parsed one by one, ``seconds_each`` by ``clock``."""
    with progress.stage("解析文本", 2336) as stage:
        for _ in range(2336):
            if clock:
                clock.now += seconds_each
            stage.advance()


@pytest.mark.parametrize("seconds_each", [0.001, 0.01, 1.0, 60.0])
def test_a_stage_is_logged_in_a_few_lines_from_start_to_end(logged, seconds_each):
    clock = Clock()
    parse_texts(LogLines(clock=clock), clock, seconds_each)

    lines = logged.messages
    assert lines[0] == "解析文本：开始，共 2336 项"
    assert re.fullmatch(r"解析文本：2336/2336，用时 \d+\.\d 秒", lines[-1])
    middle = lines[1:-1]
    assert len(middle) <= 9  # at most one per tenth of the items
    shown = [int(re.fullmatch(r"解析文本：(\d+)/2336（\d+%）", line)[1]) for line in middle]
    assert shown == sorted(shown)
    assert all(later - earlier >= 234 for earlier, later in itertools.pairwise(shown))


def test_a_line_waits_five_seconds_after_the_last_one(logged):
    # 1/64 s a text (exact in binary): 5 seconds are 320 texts, 36.5 seconds in all.
    clock = Clock()
    parse_texts(LogLines(clock=clock), clock, 1 / 64)

    lines = logged.messages
    assert lines[1:-1] == [
        "解析文本：320/2336（13%）",
        "解析文本：640/2336（27%）",
        "解析文本：960/2336（41%）",
        "解析文本：1280/2336（54%）",
        "解析文本：1600/2336（68%）",
        "解析文本：1920/2336（82%）",
        "解析文本：2240/2336（95%）",
    ]
    assert lines[-1] == "解析文本：2336/2336，用时 36.5 秒"


def test_a_quick_stage_logs_its_start_and_end_only(logged):
    clock = Clock()
    parse_texts(LogLines(clock=clock), clock, 0.0001)

    lines = logged.messages
    assert lines == ["解析文本：开始，共 2336 项", "解析文本：2336/2336，用时 0.2 秒"]


def test_a_stage_stopped_by_an_error_says_where_it_stopped(logged):
    clock = Clock()
    with pytest.raises(OSError), LogLines(clock=clock).stage("写入页面", 10) as stage:
        stage.advance(3)
        clock.now = 2.0
        raise OSError("No space left on device")

    lines = logged.messages
    assert lines[-1] == "写入页面：停在 3/10，用时 2.0 秒"


def test_a_terminal_shows_a_bar_with_the_stage_and_its_count():
    screen = io.StringIO()
    parse_texts(Bar(Console(file=screen, force_terminal=True, width=100)))

    shown = screen.getvalue()
    assert "解析文本" in shown
    assert "2336/2336" in shown
    assert "100%" in shown


@pytest.mark.parametrize(
    ("stream", "term", "ci", "kind"),
    [
        (Terminal(), "xterm-256color", None, Bar),
        (Terminal(), "xterm-256color", "1", LogLines),  # CI logs keep every redraw
        (Terminal(), "dumb", None, LogLines),
        (io.StringIO(), "xterm-256color", None, LogLines),  # piped to a file
    ],
)
def test_a_bar_only_where_it_can_be_redrawn(monkeypatch, stream, term, ci, kind):
    monkeypatch.setenv("TERM", term)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)

    assert type(Progress.for_terminal(stream)) is kind


def test_disabled_or_by_default_nothing_is_shown(logged, capsys):
    assert Progress.for_terminal(Terminal(), enabled=False) is NO_PROGRESS
    parse_texts(NO_PROGRESS)

    assert logged.messages == []
    assert capsys.readouterr() == ("", "")


def _compare_nothing(job: tuple[str, str, str, bool]) -> None:
    """A worker's job done at once: what is checked here is the counting, not the work."""


def _fail_on_cross(job: tuple[str, str, str, bool]) -> None:
    if job[2] == "cross":
        raise OSError(28, "No space left on device")


@pytest.fixture
def small_library(tmp_path) -> Library:
    return Library.open([CATALOG], cache=Cache(tmp_path))


def jobs_in(library: Library) -> int:
    """The comparisons, and the alignments of each text with the law it implements."""
    catalog = library.catalog
    implementing = sum(len(catalog.implementations(law)) for law in catalog.implemented_laws)
    return len(catalog.comparisons) + implementing


def test_precomputing_counts_every_comparison_done(small_library, logged, monkeypatch):
    # The workers are forked, so they run the stand-in too.
    monkeypatch.setattr(parallel, "_comparison", _compare_nothing)
    total = jobs_in(small_library)

    precompute(small_library, workers=2, progress=LogLines(clock=Clock()))

    assert logged.messages == [
        f"计算对照：开始，共 {total} 项",
        f"计算对照：{total}/{total}，用时 0.0 秒",
    ]


def test_a_failed_comparison_stops_the_count(small_library, logged, monkeypatch):
    monkeypatch.setattr(parallel, "_comparison", _fail_on_cross)
    total = jobs_in(small_library)

    with pytest.raises(OSError, match="No space left"):
        precompute(small_library, workers=2, progress=LogLines(clock=Clock()))

    assert re.fullmatch(rf"计算对照：停在 \d+/{total}，用时 0.0 秒", logged.messages[-1])

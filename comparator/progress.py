"""Reporting how far a long piece of work has got: its stage, and how many items are done.

A build of thousands of texts runs for minutes; its user should see which stage it is
in and how far along. A ``Progress`` opens a ``Stage`` (a name and a number of items),
and the code doing the work advances it as items are done. What the user sees depends
on where the output goes:

- a terminal: a rich progress bar per stage (name, bar, done/total, percentage, time);
- anything else (a CI log, a file, a terminal that cannot redraw): plain log lines
  through the ``comparator.progress`` logger, few enough to read: one when a stage
  starts, one each time another tenth of its items is done and at least 5 seconds have
  passed since the last line, and one when it ends, with the time it took;
- ``NO_PROGRESS``, the default everywhere: nothing at all.

The layers above import this module; it imports nothing of the package, and rich only
when a bar is drawn (the command line starts light).
"""

from __future__ import annotations

import logging
import math
import os
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Self, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

LOGGER_NAME = "comparator.progress"
LINE_EVERY_FRACTION = 0.1  # another tenth of the items done…
LINE_EVERY_SECONDS = 5.0  # …and this long since the last line

Clock = Callable[[], float]


class Stage:
    """A stage of work with ``total`` items, ``done`` of them so far; a context manager.

    This one shows nothing; the kinds of ``Progress`` that show something subclass it.
    """

    def __init__(self, name: str, total: int) -> None:
        self.name = name
        self.total = total
        self.done = 0

    def __enter__(self) -> Self:
        self._started()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._ended(completed=exc_type is None)

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more items as done."""
        self.done += count
        self._advanced()

    @property
    def percent(self) -> int:
        """Whole percent done, rounded down: 100 only once every item is done."""
        return self.done * 100 // self.total if self.total else 100

    def _started(self) -> None:
        """Show that the stage has started."""

    def _advanced(self) -> None:
        """Show that more items are done."""

    def _ended(self, completed: bool) -> None:
        """Show that the stage has ended: ``completed``, or stopped by an exception."""


class Progress:
    """Reports a stage of work and how many of its items are done.

    This one is silent (``NO_PROGRESS``); ``LogLines`` and ``Bar`` show stages.
    """

    @classmethod
    def for_terminal(
        cls,
        stream: TextIO | None = None,
        enabled: bool = True,
        logger: logging.Logger | None = None,
    ) -> Progress:
        """A bar on ``stream`` (standard error by default) if it is a terminal that can
        redraw and no CI runs; log lines on ``logger`` otherwise; nothing if not
        ``enabled``."""
        if not enabled:
            return NO_PROGRESS
        stream = stream if stream is not None else sys.stderr
        if _can_redraw(stream):
            from rich.console import Console

            return Bar(Console(file=stream))
        return LogLines(logger)

    def stage(self, name: str, total: int) -> Stage:
        """A stage of ``total`` items, shown from ``with`` to its end."""
        return Stage(name, total)


NO_PROGRESS = Progress()


def _can_redraw(stream: TextIO) -> bool:
    """Whether a bar can be drawn on ``stream``: a terminal, not dumb, and not in CI
    (whose logs keep every redraw as a line)."""
    is_terminal = hasattr(stream, "isatty") and stream.isatty()
    return is_terminal and os.environ.get("TERM") != "dumb" and not os.environ.get("CI")


class LogLines(Progress):
    """Stages shown as a few plain log lines (``INFO``), for logs rather than terminals."""

    def __init__(self, logger: logging.Logger | None = None, clock: Clock = time.monotonic):
        self.logger = logger or logging.getLogger(LOGGER_NAME)
        self.clock = clock

    def stage(self, name: str, total: int) -> Stage:
        return _LoggedStage(name, total, self.logger, self.clock)


class _LoggedStage(Stage):
    def __init__(self, name: str, total: int, logger: logging.Logger, clock: Clock) -> None:
        super().__init__(name, total)
        self._logger, self._clock = logger, clock
        self._step = max(1, math.ceil(total * LINE_EVERY_FRACTION))
        self._start = self._last_time = 0.0
        self._last_done = 0

    def _started(self) -> None:
        self._start = self._last_time = self._clock()
        self._logger.info("%s：开始，共 %d 项", self.name, self.total)

    def _advanced(self) -> None:
        if self.done >= self.total or self.done - self._last_done < self._step:
            return  # the end line says the rest
        now = self._clock()
        if now - self._last_time < LINE_EVERY_SECONDS:
            return
        self._last_done, self._last_time = self.done, now
        self._logger.info("%s：%d/%d（%d%%）", self.name, self.done, self.total, self.percent)

    def _ended(self, completed: bool) -> None:
        seconds = self._clock() - self._start
        message = "%s：%d/%d，用时 %.1f 秒" if completed else "%s：停在 %d/%d，用时 %.1f 秒"
        self._logger.info(message, self.name, self.done, self.total, seconds)


class Bar(Progress):
    """Stages shown as rich progress bars on ``console``, one bar per stage, kept on
    screen once the stage ends."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def stage(self, name: str, total: int) -> Stage:
        return _BarStage(name, total, self.console)


class _BarStage(Stage):
    def __init__(self, name: str, total: int, console: Console) -> None:
        from rich import progress as rich

        super().__init__(name, total)
        self._bar: RichProgress = rich.Progress(
            rich.TextColumn("{task.description}"),
            rich.BarColumn(),
            rich.MofNCompleteColumn(),
            rich.TaskProgressColumn(),
            rich.TimeElapsedColumn(),
            console=console,
        )
        self._task: TaskID | None = None

    def _started(self) -> None:
        self._bar.start()
        self._task = self._bar.add_task(self.name, total=self.total)

    def _advanced(self) -> None:
        assert self._task is not None, "advanced outside its `with` block"
        self._bar.update(self._task, completed=self.done)

    def _ended(self, completed: bool) -> None:
        self._bar.stop()

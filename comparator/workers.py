"""Worker processes that end with the process that forked them.

The build computes in forked workers (the texts parsed and jieba's dictionary loaded
before the fork are inherited, not loaded again). A worker must end with the build,
however the build ends (SIGKILL included): on Linux the kernel kills it
(``PR_SET_PDEATHSIG``); elsewhere it watches its parent once a second.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def forked_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes that die with this one."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when ``parent`` ends, rather than live on."""
    if sys.platform.startswith("linux"):
        # The signal comes when the thread that forked the worker ends: the one that
        # waits for the pool, so no sooner than the work ends.
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent ended before the line above took effect
        os._exit(1)

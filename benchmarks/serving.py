"""`mkdocs serve` timed as an editor meets it: from saving a text to its page showing the
edit. Shared by the small site's figures (``run.py``) and the corpus's (``corpus.py``)."""

from __future__ import annotations

import itertools
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def time_edits(
    serve: list[str],
    cwd: Path,
    log: Path,
    page: str,
    source: Path,
    words: list[str],
    edits: int,
    first_timeout: float,
    environment: dict[str, str],
) -> list[float]:
    """Start ``mkdocs serve <serve…>`` on a free port, wait until ``page`` (its path on the
    server) shows ``words[0]``, then replace each word by the next in ``source`` and time
    how long the page takes to show it; ``edits`` times at most."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{page}"
    times: list[float] = []
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *serve, "-a", f"127.0.0.1:{port}"],
            cwd=cwd,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(url, words[0], first_timeout)
            for old, new in itertools.pairwise(words):
                time.sleep(3)  # an editor does not save twice a second
                start = time.perf_counter()
                source.write_bytes(source.read_bytes().replace(old.encode(), new.encode()))
                wait_for(url, new, 300)
                times.append(time.perf_counter() - start)
                if len(times) == edits:
                    break
        finally:
            server.terminate()
            server.wait(timeout=60)
    return times


def wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} never showed {text}")

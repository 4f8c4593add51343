"""`mkdocs serve` rebuilds the site when a text or the catalog changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_sources_change(project):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "深圳规定修订草案" in fetch(url)), "mkdocs serve did not start"
        # The catalog changes: a new short title shows up on the rebuilt home page.
        catalog = project / "sources" / "catalog.toml"
        catalog.write_text(
            catalog.read_text(encoding="utf-8").replace("深圳规定修订草案", "深圳规定征求意见稿"),
            encoding="utf-8",
        )
        assert wait_for(lambda: "深圳规定征求意见稿" in fetch(url))
        # A text changes: the edited article shows up on its page.
        source = project / "sources" / "shenzhen-draft.txt"
        source.write_bytes(
            source.read_bytes().replace("三个工作日内".encode(), "五个工作日内".encode())
        )
        page = url + "regulations/shenzhen-draft/"
        assert wait_for(lambda: "五个工作日内" in fetch(page))
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "comparator accept shenzhen-draft" in output  # the changed text is flagged

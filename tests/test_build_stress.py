"""Builds under stress: two at once, one killed, a full disk, a read-only folder.

Each keeps ``build/site`` a complete site at every moment, and leaves nothing behind
that a later build does not clean.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import queue
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ENVIRONMENT = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
ROOT = Path(__file__).resolve().parent.parent
BUILD = [sys.executable, "-m", "comparator", "build"]


def comparator_build(project: Path, **options) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        BUILD, cwd=project, env=ENVIRONMENT, capture_output=True, text=True, **options
    )


def start_build(project: Path, stderr: int = subprocess.DEVNULL) -> subprocess.Popen[str]:
    return subprocess.Popen(
        BUILD, cwd=project, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=stderr, text=True
    )


def tree_hash(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(project: Path) -> list[str]:
    """Staging folders beside the site, and half-written files anywhere in the project."""
    build = project / "build"
    staging = [p.name for p in build.iterdir() if p.name.startswith(".site")]
    return staging + [str(p.relative_to(project)) for p in project.rglob("*.tmp")]


def wait_until(predicate, timeout: float = 120.0, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def process_state(pid: int) -> str | None:
    """The state letter in /proc (R, S, Z…), or None for a process that is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()[0]


def alive(pid: int) -> bool:
    return process_state(pid) not in (None, "Z")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found.append(int(entry.name))
    return found


def stderr_lines(process: subprocess.Popen[str]) -> queue.Queue[str | None]:
    """The process's error output, line by line as it comes (None at its end)."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


def wait_for_line(lines: queue.Queue[str | None], text: str, timeout: float = 60.0) -> list[str]:
    """Every line read until one containing ``text``; stops early at the end of output."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            break
        seen.append(line)
        if text in line:
            break
    return seen


TEXTS = {  # id: (file, title, short title, jurisdiction, kind, date)
    "henan-lianxi-2000": (
        "henan-lianxi-daibiao-2000.txt",
        "河南省人民代表大会常务委员会联系省人民代表大会代表办法",
        "河南联系代表办法",
        "河南省",
        "现行",
        "2000-07-29",
    ),
    "shenzhen-draft": (
        "shenzhen-draft.txt",
        "深圳市人民代表大会常务委员会联系代表和保障代表执行职务的规定（修订草案征求意见稿）",
        "深圳规定修订草案",
        "深圳市",
        "修订草案",
        "2025",
    ),
    "beijing-daibiaofa-2014": (
        "beijing-daibiaofa-shishi-2014.txt",
        "北京市实施《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》办法",
        "北京实施办法",
        "北京市",
        "现行",
        "2014",
    ),
}


@pytest.fixture
def project(tmp_path) -> Path:
    """The project's pages and configuration with three of its texts and two comparisons:
    small enough to build in a few seconds, large enough for the build to start workers."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "sources").mkdir()
    catalog = []
    for id_, (file, title, short, place, kind, date) in TEXTS.items():
        shutil.copy(ROOT / "sources" / file, tmp_path / "sources" / file)
        digest = hashlib.sha256((ROOT / "sources" / file).read_bytes()).hexdigest()
        catalog.append(
            f'[[regulation]]\nid = "{id_}"\ntitle = "{title}"\nshort_title = "{short}"\n'
            f'jurisdiction = "{place}"\nkind = "{kind}"\ndate = "{date}"\n'
            f'source = "{file}"\nsha256 = "{digest}"\n'
        )
    catalog.append(
        f'[[family]]\nid = "lianxi"\nname = "代表联系"\nmembers = {list(TEXTS)!r}\n'.replace(
            "'", '"'
        )
        + "comparisons = [\n"
        '    { left = "henan-lianxi-2000", right = "shenzhen-draft", kind = "cross" },\n'
        '    { left = "shenzhen-draft", right = "beijing-daibiaofa-2014", kind = "cross" },\n'
        "]\n"
    )
    (tmp_path / "sources" / "catalog.toml").write_text("\n".join(catalog), encoding="utf-8")
    return tmp_path


@pytest.fixture
def small_site(tmp_path) -> Path:
    """A one-page MkDocs project: builds in well under a second."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 示例\nsite_dir: build/site\nuse_directory_urls: true\n", encoding="utf-8"
    )
    return tmp_path


def test_a_second_build_waits_for_the_one_running(project):
    """While another build holds the lock, a build says it waits, and does not touch the
    site; once the lock is released it builds."""
    (project / "build").mkdir()
    with open(project / "build" / "site.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with start_build(project, stderr=subprocess.PIPE) as second:
            lines = stderr_lines(second)
            try:
                seen = wait_for_line(lines, "waiting for another build")
                assert seen and "waiting for another build" in seen[-1], "".join(seen)
                time.sleep(0.5)
                assert second.poll() is None, "the build did not wait for the lock"
                assert not (project / "build" / "site").exists()
                assert not [p for p in (project / "build").iterdir() if p.name.startswith(".site")]
            finally:
                fcntl.flock(held, fcntl.LOCK_UN)
                rest = wait_for_line(lines, "\0", timeout=300)  # to the end of its output
            assert second.wait(timeout=30) == 0, "".join(rest)
    assert (project / "build" / "site" / "index.html").is_file()
    assert not leftovers(project)


def test_killing_a_build_leaves_no_worker_running(project):
    """SIGKILL while the comparisons are computed: the pool's workers end with it."""
    build = start_build(project)
    workers: list[int] = []
    try:
        assert wait_until(lambda: bool(children(build.pid))), "the build started no worker"
        time.sleep(0.5)  # the pool starts its workers together
        workers = children(build.pid)
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
        assert wait_until(lambda: not any(alive(pid) for pid in workers), timeout=10), (
            f"workers {[pid for pid in workers if alive(pid)]} outlived the killed build"
        )
    finally:
        for pid in workers:  # only the workers this test saw started
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        if build.poll() is None:
            build.kill()
            build.wait()


def test_the_next_build_removes_what_a_killed_build_left(project):
    """A build killed while it writes the site leaves its staging folder; the next build
    removes it and builds."""
    build = start_build(project)
    staging = project / "build" / f".site.building-{build.pid}"
    try:
        assert wait_until(staging.exists, step=0.005), "the build wrote no staging folder"
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert staging.exists()
    result = comparator_build(project)
    assert result.returncode == 0, result.stderr
    assert not leftovers(project)
    assert (project / "build" / "site" / "index.html").is_file()


SWAP_WATCH = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from comparator.publish.build import build_site

    site = Path("build/site")
    build_site(Path("mkdocs.yml"))
    Path("docs/index.md").write_text("# 新首页\\n", encoding="utf-8")
    missing = []

    def watch(event, arguments):
        # Before every change to the file system, the site must be there, whole.
        if event in ("os.rename", "os.replace", "os.rmdir", "os.remove", "shutil.rmtree"):
            if not (site / "index.html").is_file():
                missing.append(f"{event} {arguments[:2]}")

    sys.addaudithook(watch)
    build_site(Path("mkdocs.yml"))
    print("\\n".join(missing) or "always there")
    """
)


def test_the_site_is_there_at_every_moment_of_the_swap(small_site):
    """The new site replaces the old one in one step: no moment without build/site."""
    result = subprocess.run(
        [sys.executable, "-c", SWAP_WATCH],
        cwd=small_site,
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "always there"
    site = small_site / "build" / "site"
    assert site.is_dir() and not site.is_symlink()  # `http.server -d build/site`, cp -r
    assert "新首页" in (site / "index.html").read_text(encoding="utf-8")
    assert not [p for p in (small_site / "build").iterdir() if p.name.startswith(".site")]


def limit_file_size() -> None:
    # Python ignores SIGXFSZ: a write past the limit fails with EFBIG, as on a full disk.
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


def test_a_full_disk_keeps_the_last_good_site(project):
    assert comparator_build(project).returncode == 0
    before = tree_hash(project / "build" / "site")
    shutil.rmtree(project / "build" / "cache")  # the results are computed and written again
    result = comparator_build(project, preexec_fn=limit_file_size)
    assert result.returncode == 1
    assert "error: " in result.stderr and "File too large" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "the previous site in" in result.stderr
    assert tree_hash(project / "build" / "site") == before
    assert not leftovers(project)


def test_a_read_only_build_folder_keeps_the_last_good_site(project):
    assert comparator_build(project).returncode == 0
    before = tree_hash(project / "build" / "site")
    # As root, permissions do not stop a write: a read-only bind mount of build/ does.
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no mount namespace to make build/ read-only in")
    read_only = ["unshare", "-rm", "sh", "-c", 'mount --bind -o ro build build && exec "$@"', "-"]
    result = subprocess.run(
        [*read_only, *BUILD], cwd=project, env=ENVIRONMENT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "error: " in result.stderr and "Read-only file system" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree_hash(project / "build" / "site") == before
    assert not leftovers(project)


def test_without_the_exchange_two_renames_still_replace_the_site(small_site, monkeypatch):
    """Where the system cannot swap two names in one step, the documented fallback
    (rename the old site away, the new one in) still leaves one whole, new site."""
    from comparator.publish import build

    site = build.build_site(small_site / "mkdocs.yml")
    (small_site / "docs" / "index.md").write_text("# 新首页\n", encoding="utf-8")
    monkeypatch.setattr(build, "_exchange", lambda first, second: False)
    assert build.build_site(small_site / "mkdocs.yml") == site
    assert "新首页" in (site / "index.html").read_text(encoding="utf-8")
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site")]


CACHE_ON_A_FULL_DISK = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from comparator.cache import Cache

    resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))
    try:
        Cache(Path(sys.argv[1])).memo("stage", "ab" * 32, lambda: b"x" * 100_000)
    except OSError as error:
        print(error.strerror)
    """
)


def test_a_result_too_large_for_the_disk_leaves_no_half_written_file(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", CACHE_ON_A_FULL_DISK, str(tmp_path / "cache")],
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "File too large", result.stderr
    assert not [p.name for p in tmp_path.rglob("*") if p.is_file()]

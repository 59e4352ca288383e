"""The cache and its home at fault: one line and an honest exit status, the cache as it was.

- ``follow --once`` with a cache it cannot write (locked by another program
  past SQLite's busy timeout, or read-only) stored nothing: it exits 1 and
  says so, as a full disk already did.
- A ``LIVEREAD_HOME`` that is a file, under a file, or on a read-only file
  system is one line naming it (exit 1), never an internal error.
- An entry's revisions are bounded, and a text that returns to an earlier
  version is that version again.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from liveread.cache import MAX_REVISIONS, Cache
from liveread.cli.follow_cmd import FollowJob, LinePrinter, follow_many
from liveread.demo.http import Reply, Request
from liveread.demo.server import DemoServer
from liveread.follow import FollowSettings
from tests.demo_fixtures import Events, FakeTime, follower, run_until
from tests.hostile_support import assert_one_line, cli, jsonld_page

# -- 12: --once with a cache it cannot write ---------------------------------------------


def test_once_with_a_locked_cache_stored_nothing_and_exits_1(demo_server: DemoServer) -> None:
    with Cache() as cache:
        path = cache.path  # made, migrated, in WAL mode
    other = sqlite3.connect(path, isolation_level=None)  # another program holds the write lock
    try:
        other.execute("BEGIN IMMEDIATE")
        result = cli("follow", "--once", demo_server.url)
    finally:
        other.close()
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "is busy" in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.startswith("liveread: nothing was stored: ") and "is busy" in last
    assert "internal error" not in result.stderr
    with Cache(path) as cache:
        assert cache.blogs() == []  # as it was


async def test_once_with_a_read_only_cache_stored_nothing_and_exits_1(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    with Cache(tmp_path / "cache.sqlite3") as cache:
        # query_only makes every write fail as on a read-only file (SQLITE_READONLY);
        # permissions cannot, for tests that may run as root.
        cache._conn().execute("PRAGMA query_only = ON")
        printer = LinePrinter(jsonl=True, cache=cache, out=open(os.devnull, "w"))  # noqa: SIM115
        settings = FollowSettings.for_url(demo_server.url, None, None, True)
        status = await follow_many([FollowJob(demo_server.url, settings, printer)], cache)
        assert status == 1
        assert printer.stopped is not None and printer.stopped.startswith("nothing was stored")
        assert "read-only" in printer.stopped


def test_once_following_through_another_liveread_still_exits_0(
    demo_server: DemoServer,
) -> None:
    # The documented case that must not become a failure: another holds the lease.
    with Cache() as cache:
        cache.claim(demo_server.url, "another-host:1", ttl=60)
    result = cli("follow", "--once", demo_server.url)
    assert result.returncode == 0, result.stderr


# -- 13: a LIVEREAD_HOME that cannot be used ---------------------------------------------

COMMANDS = [("list",), ("search", "storm"), ("follow", "--once", "http://127.0.0.1:9/x")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_a_home_that_is_a_file_is_one_line_naming_it(
    tmp_path: Path, where: str, command: tuple[str, ...]
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    home = blocker if where == "a file" else blocker / "home"
    line = assert_one_line(cli(*command, env={"LIVEREAD_HOME": str(home)}), 1)
    assert f"LIVEREAD_HOME={home} cannot be used: {blocker} is a file" in line


@contextlib.contextmanager
def read_only_directory(path: Path) -> Iterator[None]:
    """*path* on a read-only file system (a read-only tmpfs, as root), else a 0500 directory."""
    path.mkdir()
    if os.geteuid() != 0:
        path.chmod(0o500)
        try:
            yield
        finally:
            path.chmod(0o700)
        return
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a read-only file system here: {mount.stderr!r}")
    try:
        yield
    finally:
        subprocess.run(["umount", str(path)], check=False)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_home_on_a_read_only_file_system_is_one_line_naming_it(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    home = tmp_path / "ro"
    with read_only_directory(home):
        here = assert_one_line(cli(*command, env={"LIVEREAD_HOME": str(home)}), 1)
        below = assert_one_line(cli(*command, env={"LIVEREAD_HOME": str(home / "sub")}), 1)
    assert str(home / "cache.sqlite3") in here
    assert f"LIVEREAD_HOME={home / 'sub'} cannot be made" in below


# -- 9: revisions have a bound -----------------------------------------------------------


def changing_page(server: DemoServer, text_of: Callable[[int], str]) -> list[int]:
    """Serve a one-entry page at /flip whose text is ``text_of(n)`` at the n-th request."""
    served = [0]

    def answer(request: Request) -> Reply | None:
        if request.path != "/flip":
            return None
        served[0] += 1
        update = {
            "@id": "#e",
            "headline": "A changing entry",
            "datePublished": "2031-06-14T08:05:00Z",
            "articleBody": text_of(served[0]),
        }
        return Reply(body=jsonld_page("Flip", [update]), auto_etag=False)

    server.intercept = answer
    return served


async def follow_for(server: DemoServer, cache: Cache, done: Callable[[], bool]) -> None:
    await run_until(follower(server.origin + "/flip", cache, FakeTime(), Events()), done)


async def test_a_text_that_flips_back_is_that_version_again(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    served = changing_page(demo_server, lambda n: "Version A." if n % 2 else "Version B.")
    with Cache(tmp_path / "cache.sqlite3") as cache:
        await follow_for(demo_server, cache, lambda: served[0] >= 40)
        (entry,) = cache.load(demo_server.origin + "/flip").entries
        assert [r.text for r in entry.revisions] in (
            ["Version A.", "Version B."],
            ["Version B.", "Version A."],
        )
        assert entry.revisions[-1].text == entry.text
        with sqlite3.connect(cache.path) as db:
            assert db.execute("SELECT COUNT(*) FROM revisions").fetchone() == (2,)


async def test_an_entrys_revisions_are_bounded_keeping_the_first(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    served = changing_page(demo_server, lambda n: f"Count {n}.")
    with Cache(tmp_path / "cache.sqlite3") as cache:
        url = demo_server.origin + "/flip"

        def stored() -> int:  # the number in the text the cache holds now
            entries = cache.load(url).entries if cache.has(url) else ()
            return int(entries[0].text.split()[1].rstrip(".")) if entries else 0

        count = MAX_REVISIONS + 30
        await follow_for(demo_server, cache, lambda: stored() >= count)
        (entry,) = cache.load(url).entries
        assert len(entry.revisions) == MAX_REVISIONS
        assert entry.revisions[0].text == "Count 1."  # what liveread first saw
        assert entry.revisions[-1].text == entry.text
        # The run stops once the cache holds the count; an answer the server counted as
        # the follower stopped may still have been on its way (one request at a time):
        # the text stored is the last answer or the one before.
        assert count <= stored() and served[0] - 1 <= stored() <= served[0]
        numbers = [int(r.text.split()[1].rstrip(".")) for r in entry.revisions[1:]]
        assert numbers == sorted(numbers) and numbers[0] > 2  # the oldest after the first went


def test_a_cache_on_a_file_system_made_read_only_is_one_line_saying_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    if os.geteuid() != 0:
        pytest.skip("needs a file system to remount read-only (root)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(home)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a file system here: {mounted.stderr!r}")
    try:
        with Cache(home / "cache.sqlite3"):
            pass  # made, in WAL mode, then closed
        subprocess.run(["mount", "-o", "remount,ro", str(home)], check=True)
        for command in COMMANDS:
            line = assert_one_line(cli(*command, env={"LIVEREAD_HOME": str(home)}), 1)
            assert f"{home / 'cache.sqlite3'}: its file system is read-only" in line
    finally:
        subprocess.run(["umount", str(home)], check=False)

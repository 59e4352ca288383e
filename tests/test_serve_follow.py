"""``liveread serve`` and ``liveread follow`` as real processes on one cache, the demo site live.

The follower keeps the cache current from the demo server; the feed server,
another process with its own connection, answers a feed reader meanwhile:
304s while nothing changes (though the follower commits every poll), then the
new entry, then its removal as a tombstone. The server itself never asks the
site for anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from liveread.demo import DemoBlog
from liveread.demo.server import DemoServer
from liveread.model import Entry
from liveread.serve import feed_name
from tests.test_feeds import TOMBSTONE
from tests.test_serve import Server


def wait_for(condition: Callable[[], object], what: str, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def test_serve_beside_follow_shows_a_new_entry_and_a_removal(
    demo_server: DemoServer, isolated_home: Path
) -> None:
    env = dict(os.environ, LIVEREAD_HOME=str(isolated_home))
    command = ["follow", demo_server.url, "--jsonl", "--interval", "0.5", "--refresh", "1"]
    follow = subprocess.Popen(
        [sys.executable, "-m", "liveread", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    server = Server(isolated_home)
    path = f"/blog/{feed_name(demo_server.url)}.atom"
    try:
        history = {e.url for e in demo_server.blog.entries_newest_first()}

        def feed_ids() -> set[str]:
            status, _, body = server.request(path)
            return {e.id for e in feedparser.parse(body).entries} if status == 200 else set()

        wait_for(lambda: feed_ids() >= history, "the followed history in the feed")
        status, headers, _ = server.request(path)
        etag = headers["ETag"]
        outline = ET.fromstring(server.get("/feeds.opml")).find("./body/outline")
        assert outline is not None and urlsplit(outline.get("xmlUrl") or "").path == path

        # The follower commits on every poll; the feed stands, and so does its ETag.
        requests_before = demo_server.stats.requests
        for _ in range(10):
            status, _, body = server.request(path, {"If-None-Match": etag})
            assert (status, body) == (304, b"")
            time.sleep(0.2)
        assert demo_server.stats.requests > requests_before, "the follower kept polling"

        def publish(blog: DemoBlog) -> Entry:
            at = blog.now + timedelta(minutes=1)
            return blog.publish(blog.new_entry("Fresh from the river", "The water fell.", at=at))

        fresh = demo_server.change(publish)
        news = fresh.url
        answers: list[bytes] = []

        def changed() -> bool:
            status, _, body = server.request(path, {"If-None-Match": etag})
            answers.append(body)
            return status == 200

        wait_for(changed, "the feed to change")
        feed = feedparser.parse(answers[-1])
        assert feed.entries[0].id == news, "the new entry, newest first"
        assert feed.entries[0].title == "Fresh from the river"

        demo_server.change(lambda blog: blog.remove(fresh.id))

        def tombstone() -> bool:
            body = server.get(path)
            refs = [d.get("ref") for d in ET.fromstring(body).iter(f"{TOMBSTONE}deleted-entry")]
            return news in refs

        wait_for(tombstone, "the removal as a tombstone")
        assert news not in {e.id for e in feedparser.parse(server.get(path)).entries}
        assert server.stop() == 0
    finally:
        follow.terminate()
        assert follow.wait(timeout=20) == 0
        if server.proc.poll() is None:
            server.proc.kill()

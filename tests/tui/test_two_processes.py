"""Two real processes on one cache: the TUI under Pilot, and ``liveread follow --jsonl``.

A journalist keeps the TUI open on a blog and pipes ``liveread follow URL
--jsonl`` into a notifier in another pane. Whichever of the two polls the
site (the one holding the blog's lease), entries published on the demo server
must reach both the screen and the stream, each exactly once.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from textual.message import Message

from liveread.demo import DemoBlog
from liveread.demo.server import DemoServer
from liveread.follow import Applied, FollowSettings
from liveread.times import utc_now
from liveread.tui.blog import Followed

from .app_support import WIDE, blog_screen, make_app, wait_for

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="POSIX signals")


def publish(server: DemoServer, title: str) -> str:
    def act(blog: DemoBlog) -> str:
        at = blog.now + timedelta(minutes=1)
        return blog.publish(blog.new_entry(title, f"{title}.", at=at)).id

    return server.change(act)


class Stream:
    """``liveread follow URL --jsonl`` as a subprocess, its lines gathered by a thread."""

    def __init__(self, url: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "liveread", "follow", url, "--jsonl", "--interval", "0.5"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.new: list[str] = []
        self.errors: list[str] = []
        threading.Thread(target=self._out, daemon=True).start()
        threading.Thread(target=self._err, daemon=True).start()

    def _out(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            record = json.loads(line)
            if record["event"] == "new":
                self.new.append(record["entry"]["id"])

    def _err(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.errors.append(line)

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=20)


@pytest.mark.parametrize("first", ["tui", "stream"])
async def test_entries_reach_the_screen_and_the_stream_once_whoever_polls(
    make_demo_server: Callable[..., DemoServer], first: str
) -> None:
    # The story leads up to now: with the real clock below, a blog dated days ago
    # would be polled at the longest wait (quiet since its newest entry).
    demo_server = make_demo_server(start=utc_now().replace(microsecond=0))
    on_screen: list[str] = []
    seen: list[Message] = []

    def hook(message: Message) -> None:
        # A message that bubbles is handled by several nodes: count it once.
        applied = isinstance(message, Followed) and isinstance(message.event, Applied)
        if applied and not any(m is message for m in seen):
            seen.append(message)
            on_screen.extend(e.id for e in message.event.changes.new)  # type: ignore[attr-defined]

    history = {e.id for e in demo_server.blog.entries_newest_first()}
    stream = Stream(demo_server.url) if first == "stream" else None
    if stream is not None:
        await_lines = 0
        while len(stream.new) < len(history):  # it holds the lease and read the history
            await_lines += 1
            assert await_lines < 600, stream.errors
            threading.Event().wait(0.05)
    settings = FollowSettings(interval=0.5, refresh=1.0)
    # The real clock here: the follower must poll on its own, not only on r.
    app = make_app(demo_server.url, clock=utc_now, settings=settings)
    try:
        async with app.run_test(size=WIDE, message_hook=hook) as pilot:
            await wait_for(pilot, lambda: bool(blog_screen(app).feed.shown_ids), what="the blog")
            if stream is None:
                await wait_for(pilot, lambda: blog_screen(app).liveness.polling, what="polling")
                stream = Stream(demo_server.url)
                await wait_for(
                    pilot, lambda: any("another liveread" in e for e in stream.errors),
                    what="the stream to follow through the TUI", timeout=30,
                )  # fmt: skip
            screen = blog_screen(app)
            polled_by_tui = screen.liveness.status is not None and (
                screen.liveness.status.leader is None
            )
            assert polled_by_tui == (first == "tui")
            added = [publish(demo_server, f"Pane news {n}") for n in range(3)]
            await wait_for(
                pilot,
                lambda: set(added) <= set(stream.new) and set(added) <= set(on_screen),
                what="the entries on the screen and in the stream",
                timeout=30,
            )
            for entry_id in added:
                assert screen.feed.entry(entry_id) is not None
                assert on_screen.count(entry_id) == 1, entry_id
                assert stream.new.count(entry_id) == 1, entry_id
    finally:
        if stream is not None and stream.proc.poll() is None:
            assert stream.stop() == 0

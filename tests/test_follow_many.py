"""``liveread follow URL1 URL2 ...``: several blogs in one process; the follow list; the end, once.

The CLI runs as a subprocess where it is about the process (several blogs at
once, signals, two processes on one cache), in-process through
:func:`liveread.cli.main` for the one-shot runs.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from liveread.cli import main
from liveread.config import add_follow
from liveread.demo import DemoBlog
from liveread.demo.server import DemoServer
from liveread.naming import BlogName, short_names
from liveread.sanitize import clean_inline
from tests.demo_fixtures import STEADY
from tests.test_follow_alerts import Follow, wait

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX processes")
MakeServer = Callable[..., DemoServer]


def two_blogs(make_demo_server: MakeServer) -> tuple[DemoServer, DemoServer]:
    first = make_demo_server()
    second = make_demo_server(blog_factory=lambda url: DemoBlog.synthetic(23, base_url=url))
    return first, second


def publish(server: DemoServer, title: str) -> str:
    def act(blog: DemoBlog) -> str:
        at = blog.now + timedelta(minutes=1)
        return blog.publish(blog.new_entry(title, f"{title}.", at=at)).id

    return server.change(act)


def test_two_blogs_once_jsonl_each_line_with_its_blog_and_title(
    make_demo_server: MakeServer, isolated_home: Path
) -> None:
    first, second = two_blogs(make_demo_server)
    done = subprocess.run(
        [sys.executable, "-m", "liveread", "follow", first.url, second.url, "--once", "--jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    by_blog = {url: [r for r in records if r["blog"] == url] for url in (first.url, second.url)}
    assert len(by_blog[first.url]) == len(first.blog) and len(by_blog[second.url]) == 23
    assert len(records) == len(first.blog) + 23
    for server in (first, second):
        assert {r["title"] for r in by_blog[server.url]} == {clean_inline(server.blog.title)}
        ids = [r["entry"]["id"] for r in by_blog[server.url]]
        assert set(ids) == {e.id for e in server.blog.entries_newest_first()}
    # Each blog's progress is labelled with its short name on stderr.
    assert "Traceback" not in done.stderr


def test_two_blogs_live_one_ends_the_other_goes_on(
    make_demo_server: MakeServer, isolated_home: Path
) -> None:
    first, second = two_blogs(make_demo_server)
    follow = Follow(
        first.url, second.url, "--jsonl", "--interval", "0.5", "--refresh", "0.5", *STEADY
    )
    try:
        wait(lambda: len(follow.lines) >= len(first.blog) + 23, "both histories")
        first.change(lambda b: b.end())
        wait(lambda: any(r["event"] == "ended" for r in follow.lines), "the end of the first")
        news = publish(second, "Still live here")
        wait(lambda: any(r["entry"]["id"] == news for r in follow.lines if "entry" in r), "more")
        ended = [r for r in follow.lines if r["event"] == "ended"]
        assert ended == [
            {
                "event": "ended",
                "blog": first.url,
                "title": clean_inline(first.blog.title),
                "continues": None,
            }
        ]
        first.stats.reset()
        publish(second, "And still")
        wait(lambda: second.stats.requests >= 2, "the second blog still polled")
        assert first.stats.requests == 0  # the ended blog is no longer polled
    finally:
        assert follow.stop() == 0
    assert sum("has ended" in e for e in follow.errors) == 1


def test_text_lines_name_the_blog_when_several(
    make_demo_server: MakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = two_blogs(make_demo_server)
    assert main(["follow", first.url, second.url, "--once"]) == 0
    out = capsys.readouterr().out.splitlines()
    # Nothing cached at the start: named as the TUI would name their tabs, by outlet
    # (the host, while the site's own name is unknown), then told apart.
    one, two = short_names([BlogName(first.url), BlogName(second.url)])
    assert one != two
    assert sum(line.startswith(f"[{one}] ") for line in out) == len(first.blog)
    assert sum(line.startswith(f"[{two}] ") for line in out) == 23


def test_short_names_are_the_tuis_and_distinct() -> None:
    """One naming for the CLI's labels and the TUI's tabs (they named one blog differently)."""
    urls = [
        "https://a.example/live/2026/storm-live",
        "https://b.example/live/2026/storm-live",
        "https://a.example/world/ferry-live",
    ]
    assert short_names([BlogName(u) for u in urls]) == [
        "a.example · storm live",
        "b.example",
        "a.example · ferry live",
    ]
    same = [BlogName("https://a.example/x?page=1"), BlogName("https://a.example/x?page=2")]
    assert len(set(short_names(same))) == 2


def test_no_url_follows_the_config_list(
    make_demo_server: MakeServer, capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    first, second = two_blogs(make_demo_server)
    add_follow(first.url)
    add_follow(second.url)
    assert main(["follow", "--once", "--jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["blog"] for r in records} == {first.url, second.url}


def test_no_url_and_an_empty_list_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    assert main(["follow"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "follow list is empty" in err


def test_a_broken_config_is_one_line_and_the_defaults(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    (isolated_home / "config.toml").write_text("[[watch]]\nterms = 3\n", encoding="utf-8")
    assert main(["follow", demo_server.url, "--once", "--jsonl"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == len(demo_server.blog)
    assert err.startswith("liveread: ") and "watch 1: terms must be" in err.splitlines()[0]


def test_the_end_seen_through_another_process_is_said_once_and_both_stop(
    demo_server: DemoServer, isolated_home: Path
) -> None:
    first = Follow(demo_server.url, "--jsonl", "--interval", "0.5", "--refresh", "0.5", *STEADY)
    everyone = [first]
    try:
        wait(lambda: len(first.lines) >= len(demo_server.blog), "the first follower's history")
        second = Follow(
            demo_server.url, "--jsonl", "--interval", "0.5", "--refresh", "0.5", *STEADY
        )
        everyone.append(second)
        wait(lambda: any("through another liveread" in e for e in second.errors), "the reader")
        demo_server.change(lambda b: b.end())
        for follow in everyone:  # both stop by themselves, each having said it once
            assert follow.proc.wait(timeout=30) == 0
        for follow in everyone:
            follow.stop()
            assert [r["event"] for r in follow.lines].count("ended") == 1
            assert sum("has ended" in e for e in follow.errors) == 1
    finally:
        for follow in everyone:
            if follow.proc.poll() is None:
                follow.proc.kill()

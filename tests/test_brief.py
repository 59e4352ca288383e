"""``liveread brief URL``: the state of play, from the cache, as text and as Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from liveread.cli import main
from liveread.cli.brief_cmd import brief_of
from liveread.cli.textout import brief_markdown, md_inline
from liveread.demo.server import DemoServer
from liveread.model import Block, Blog, StoredEntry
from liveread.times import local_time, parse_since


def follow_once(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["follow", url, "--once"]) == 0
    capsys.readouterr()


def test_brief_text_on_the_demo_blog(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    follow_once(demo_server.url, capsys)
    assert main(["brief", demo_server.url]) == 0
    out = capsys.readouterr().out
    blog = demo_server.blog
    summary = next(e for e in blog.entries_newest_first() if e.summary)
    keys_after = [
        e for e in blog.entries_newest_first() if e.key_event and e.published > summary.published
    ]
    lines = out.splitlines()
    assert lines[0] == blog.title and lines[2].startswith("live · ")
    assert f"Latest summary ({local_time(summary.published, '%H:%M')})" in out
    assert summary.url in out
    section = out.split("Key events since ")[1].split("Newest entries:")[0]
    assert section.count("★") == len(keys_after) > 0
    for e in keys_after:
        assert e.url in section and local_time(e.published, "%H:%M") in section
    newest = out.split("Newest entries:")[1]
    assert newest.count("\n         http") == 5
    for e in blog.entries_newest_first()[:5]:
        assert e.url in newest


def test_brief_markdown_and_since(
    make_demo_server: Callable[..., DemoServer], capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(timezone.utc).replace(microsecond=0)
    server = make_demo_server(start=now)  # the story's entries lead up to now
    follow_once(server.url, capsys)
    assert main(["brief", server.url, "--format", "markdown", "--since", "150m"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# " + md_inline(server.blog.title))
    after = now - timedelta(minutes=150)
    wanted = [e for e in server.blog.entries_newest_first() if e.key_event and e.published > after]
    section = out.split("## Key events since ")[1].split("## Newest entries")[0]
    items = [line for line in section.splitlines() if line.startswith("- **")]
    assert len(items) == len(wanted) > 0
    assert all(re.search(r"<http://127\.0\.0\.1:\d+/[^ >]+>$", line) for line in items)
    newest = out.split("## Newest entries")[1]
    assert sum(line.startswith("- **") for line in newest.splitlines()) == 5


def test_brief_of_a_blog_not_cached_and_a_bad_since(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["brief", demo_server.url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not in the cache" in err
    follow_once(demo_server.url, capsys)
    assert main(["brief", demo_server.url, "--since", "yesterday"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--since" in err


def test_markdown_holds_no_raw_markup() -> None:
    t = datetime(2026, 1, 1, 10, 0, tzinfo=timezone.utc)
    hostile = "**bold** [link](javascript:x) <script>x</script> `code` # h _i_ | t |"
    entry = StoredEntry(
        "a", t, None, hostile, (Block("paragraph", hostile),), "https://x.example/live#a",
        key_event=True, summary=True, first_seen=t,
    )  # fmt: skip
    later = StoredEntry(
        "b", t + timedelta(minutes=5), None, "Later", (Block("paragraph", hostile),),
        "javascript:alert(1)", key_event=True, first_seen=t,
    )  # fmt: skip
    blog = Blog("https://x.example/live", hostile, "", "amp", True, None, None, (later, entry))
    out = brief_markdown(brief_of(blog))
    for raw in ("**bold**", "[link](", "<script>", "`code`", "_i_", "| t |"):
        assert raw not in out
    assert "javascript:" not in out.replace("javascript:x", "")  # never a link, only text
    assert "<https://x.example/live#a>" in out


def test_since_reads_clock_times_and_durations() -> None:
    now = datetime(2026, 11, 27, 15, 30, tzinfo=timezone.utc)
    assert parse_since("2h", now) == now - timedelta(hours=2)
    assert parse_since("90m", now) == now - timedelta(minutes=90)
    assert parse_since("1h30m", now) == now - timedelta(minutes=90)
    clock = parse_since("00:00", now)
    assert clock <= now and now - clock < timedelta(days=1)
    assert local_time(clock, "%H:%M") == "00:00"
    for bad in ("", "soon", "25:00", "h", "-2h"):
        with pytest.raises(ValueError):
            parse_since(bad, now)

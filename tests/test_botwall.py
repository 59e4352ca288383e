"""Bot walls told apart from other refusals: Cloudflare's and DataDome's challenge answers.

The answers here are written from what the walls' makers and the people who
met them document (headers, block-page markers), not copied from any site. A
test server (the demo server, answering as a wall does) shows the fetcher
reading the head of a refusal, and the follower stopping the blog once, with
one line that says what it is and what the user can do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from liveread.cache import Cache
from liveread.cli import main
from liveread.demo.http import Reply
from liveread.demo.http import Request as Served
from liveread.demo.server import DemoServer
from liveread.fetch import BotWall, Fetcher, HTTPError
from liveread.fetch._botwall import HEAD_BYTES, bot_wall, wall_message
from liveread.follow import Follower, FollowSettings, Stopped
from tests.demo_fixtures import Events, FakeTime, run_until

CF_PAGE = (
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    "<script>window._cf_chl_opt={cvId: '3'};</script></body></html>"
)
DD_PAGE = (
    "<html><head><title>You have been blocked</title></head><body>"
    "<p>Please enable JS and disable any ad blocker</p>"
    "<script>var dd={'cid':'x','hsh':'y','t':'fe','host':'geo.captcha-delivery.com'}</script>"
    "</body></html>"
)


@pytest.mark.parametrize("status", [403, 429, 503, 200])
def test_cloudflares_header_names_a_challenge_whatever_the_status(status: int) -> None:
    assert bot_wall(status, {"CF-Mitigated": "challenge"}) == "Cloudflare"


def test_cloudflare_challenge_pages_by_their_markers() -> None:
    assert bot_wall(403, {"Server": "cloudflare"}, CF_PAGE.encode()) == "Cloudflare"
    script = '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>'
    assert bot_wall(403, {}, script) == "Cloudflare"


def test_datadome_by_its_header_or_its_block_page() -> None:
    assert bot_wall(401, {"X-DataDome": "protected"}) == "DataDome"
    assert bot_wall(403, {}, DD_PAGE.encode()) == "DataDome"


def test_ordinary_refusals_and_pages_are_no_walls() -> None:
    beacon = '<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>'
    assert (
        bot_wall(403, {"Server": "cloudflare"}, b"<h1>403 Forbidden</h1>" + beacon.encode()) is None
    )
    assert bot_wall(404, {}, DD_PAGE) is None  # a page that is gone is gone
    assert bot_wall(200, {}, CF_PAGE) is None  # an article about Cloudflare
    assert bot_wall(200, {"x-datadome": "protected"}, "<p>the page</p>") is None


def test_only_the_head_of_a_refusal_is_read() -> None:
    late = b"x" * HEAD_BYTES + DD_PAGE.encode()
    assert bot_wall(403, {}, late) is None


def test_the_message_is_one_line_naming_the_site_the_wall_and_what_to_do() -> None:
    line = wall_message("https://www.example.com/world/live/x?y=1", "DataDome", 401)
    assert line == (
        "www.example.com turned liveread away with a DataDome bot check (HTTP 401); "
        "liveread does not get past bot checks: read this blog in a browser"
    )
    assert "\n" not in line


# -- the fetcher and the follower meet a wall (a test server answering as one) ------------


def wall(server: DemoServer, status: int, headers: dict[str, str], body: str) -> list[str]:
    """Make *server* answer every request as a bot wall does; return the paths asked."""
    asked: list[str] = []

    def answer(request: Served) -> Reply:
        asked.append(request.path)
        return Reply(status, body.encode(), "text/html; charset=utf-8", headers=headers)

    server.intercept = answer
    return asked


@pytest.mark.parametrize(
    ("status", "headers", "body", "name"),
    [
        (403, {"cf-mitigated": "challenge", "Server": "cloudflare"}, CF_PAGE, "Cloudflare"),
        (429, {"cf-mitigated": "challenge"}, "", "Cloudflare"),
        (401, {"x-datadome": "protected"}, DD_PAGE, "DataDome"),
        (403, {}, DD_PAGE * 20, "DataDome"),  # gzipped on the wire, read from its head
    ],
)
async def test_a_wall_stops_the_follow_once_with_one_line(
    demo_server: DemoServer,
    tmp_path: Path,
    status: int,
    headers: dict[str, str],
    body: str,
    name: str,
) -> None:
    asked = wall(demo_server, status, headers, body)
    events = Events()
    time = FakeTime()
    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        follower = Follower(
            demo_server.url,
            cache,
            settings=FollowSettings.for_url(demo_server.url, 1.0, 5.0),
            on_event=events,
            clock=time.clock,
            sleep=time.sleep,
        )
        await run_until(follower, lambda: bool(events.of(Stopped)), timeout=10)
    (stopped,) = events.of(Stopped)
    assert stopped.reason == wall_message(demo_server.url, name, status)
    assert len(asked) == 1  # said once, never retried
    assert not events.errors()  # no "trying again" on the way


async def test_a_wall_met_while_polling_stops_the_blog_once(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    events = Events()
    time = FakeTime()
    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        follower = Follower(
            demo_server.url,
            cache,
            settings=FollowSettings.for_url(demo_server.url, 1.0, 5.0),
            on_event=events,
            clock=time.clock,
            sleep=time.sleep,
        )
        asked: list[list[str]] = []  # the walled server's log, once it is walled
        time.once(lambda: asked.append(wall(demo_server, 403, {}, DD_PAGE)))
        await run_until(follower, lambda: bool(events.of(Stopped)), timeout=10)
        assert len(cache.load(demo_server.url).entries) == len(demo_server.blog)
    assert [s.reason for s in events.of(Stopped)] == [
        wall_message(demo_server.url, "DataDome", 403)
    ]
    assert [len(log) for log in asked] == [1]


async def test_only_the_head_of_a_refusal_is_read_for_a_wall(demo_server: DemoServer) -> None:
    wall(demo_server, 403, {}, "<p>" + "x" * HEAD_BYTES + "</p>" + DD_PAGE)
    async with Fetcher() as fetcher:
        with pytest.raises(HTTPError) as caught:
            await fetcher.get(demo_server.url)
    assert not isinstance(caught.value, BotWall) and caught.value.status == 403


async def test_a_page_that_only_talks_of_walls_is_read(demo_server: DemoServer) -> None:
    wall(demo_server, 200, {}, CF_PAGE + DD_PAGE)
    async with Fetcher() as fetcher:
        result = await fetcher.get(demo_server.url)
    assert b"You have been blocked" in result.content


def test_follow_once_says_it_in_one_line_and_exits_1(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    wall(demo_server, 403, {"cf-mitigated": "challenge"}, CF_PAGE)
    assert main(["follow", demo_server.url, "--once"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "liveread: " + wall_message(demo_server.url, "Cloudflare", 403),
    ]

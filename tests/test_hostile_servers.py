"""Hostile servers over loopback: what a server sends (redirects, headers) is hostile page text.

A server can send what no well-behaved one would: a redirect to a port past
65535, control and bidi characters in a ``Location`` or a reason phrase. Each
is one blog's failure, said in one clean line, with back-off; the other blogs
of the process go on, and nothing of it reaches the terminal or the cache
raw. Credentials in a URL (``http://Alice:S3cretPW@host/…``) are used as
typed and never printed, exported or stored.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path

import pytest

from liveread.cache import Cache
from liveread.demo.server import DemoServer
from liveread.fetch import Fetcher, FetchError
from liveread.sources import blog_key
from tests.hostile_support import (
    UNSAFE,
    Running,
    assert_terminal_safe,
    cli,
    jsonld_page,
)
from tests.rawhttp import RawServer, redirect, response

UPDATES = [
    {
        "@id": "#u1",
        "headline": "Gates open",
        "datePublished": "2031-06-14T08:05:00Z",
        "articleBody": "The gates opened on time.",
    },
    {
        "@id": "#u2",
        "headline": "First race",
        "datePublished": "2031-06-14T09:30:00Z",
        "articleBody": "Twelve dinghies crossed the line.",
    },
]
PAGE = jsonld_page("Regatta day", UPDATES)


# -- 2: a redirect to a port out of range ------------------------------------------------


def test_a_redirect_to_a_port_out_of_range_is_one_blogs_error_and_the_others_go_on(
    demo_server: DemoServer,
) -> None:
    with RawServer(lambda path, head: redirect(b"http://127.0.0.1:99999/")) as bad:
        run = Running("follow", "--interval", "0.5", bad.origin + "/live", demo_server.url)
        try:
            run.wait_until(lambda: any("Port out of range" in line for line in run.err))
            # The demo blog's history arrives whole, and the bad blog is tried again.
            entries = len(demo_server.blog.entries_newest_first())
            run.wait_until(lambda: len(run.out) >= entries)
            run.wait_until(lambda: sum("Port out of range" in line for line in run.err) >= 2)
        finally:
            status = run.stop()
    assert status == 0
    errors = [line for line in run.err if "Port out of range" in line]
    assert all(line.startswith("liveread: [live] redirect from 127.0.0.1") for line in errors)
    assert any("trying again in" in line for line in errors)
    assert not any("internal error" in line or "Traceback" in line for line in run.err)
    with Cache() as cache:
        cached = cache.load(blog_key(demo_server.url))
    assert len(cached.entries) == entries


def test_once_gives_up_on_the_bad_redirect_alone(demo_server: DemoServer) -> None:
    with RawServer(lambda path, head: redirect(b"http://127.0.0.1:99999/")) as bad:
        result = cli(
            "follow", "--once", "--give-up-after", "4", bad.origin + "/live", demo_server.url
        )
    assert result.returncode == 1, result.stderr  # the bad blog stopped for good
    assert "gave up after" in result.stderr and "Port out of range" in result.stderr
    assert "internal error" not in result.stderr
    assert len(result.stdout.splitlines()) == len(demo_server.blog.entries_newest_first())


# -- 5: control and bidi characters in a server's headers --------------------------------

HOSTILE_ANSWERS = {
    "location, not utf-8": redirect(b"/\x9b31m\xe2\x80\xaeevil\xff"),
    "location, utf-8": redirect("/\u009b31m\u202eevil\u200f".encode()),
    "reason phrase": b"HTTP/1.1 599 \x9b31m\xe2\x80\xaeOops\r\nContent-Length: 0\r\n"
    b"Connection: close\r\n\r\n",
}


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS.values(), ids=HOSTILE_ANSWERS.keys())
def test_a_servers_headers_reach_neither_the_terminal_nor_the_cache(answer: bytes) -> None:
    state = {"hostile": False}

    def respond(path: str, head: bytes) -> bytes:
        return answer if state["hostile"] else response(PAGE)

    with RawServer(respond) as server:
        url = server.origin + "/live"
        first = cli("follow", "--once", url)
        assert first.returncode == 0, first.stderr
        state["hostile"] = True
        result = cli("follow", "--once", "--give-up-after", "3", url)
    assert result.returncode == 1
    assert_terminal_safe(result.stderr)
    # Cleaned where it arrived, not only escaped on the way out.
    assert "\\u00" not in result.stderr and "\\u20" not in result.stderr, result.stderr
    assert all(line.startswith("liveread: ") for line in result.stderr.splitlines())
    (row,) = [json.loads(line) for line in cli("list", "--json").stdout.splitlines()]
    assert row["last_error"] and UNSAFE.search(row["last_error"]) is None, row["last_error"]


# -- 6: credentials in a URL -------------------------------------------------------------

SECRET = "S3cretPW"


def test_credentials_are_used_as_typed_and_never_printed_exported_or_stored(
    isolated_home: Path,
) -> None:
    seen: list[bytes] = []
    wanted = b"Basic " + base64.b64encode(f"Alice:{SECRET}".encode())

    def respond(path: str, head: bytes) -> bytes:
        auth = [
            line.split(b":", 1)[1].strip()
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"authorization:")
        ]
        seen.extend(auth)
        if auth != [wanted]:
            return response(
                b"login first", "401 Unauthorized", b'WWW-Authenticate: Basic realm="x"\r\n'
            )
        return response(PAGE)

    with RawServer(respond) as server:
        typed = server.origin.replace("//", f"//Alice:{SECRET}@") + "/live"
        outputs = [cli("follow", "--once", "--jsonl", typed), cli("follow", "--once", typed)]
    assert outputs[0].returncode == 0, outputs[0].stderr
    assert set(seen) == {wanted}  # the user part as typed: Alice, not alice
    assert len(outputs[0].stdout.splitlines()) == 2
    for args in (
        ("list",),
        ("list", "--json"),
        ("export", typed),
        ("export", typed, "--format", "markdown"),
        ("brief", typed),
        ("brief", typed, "--format", "markdown"),
        ("search", "gates", "--json"),
        ("search", "gates", "--url", typed),
    ):
        result = cli(*args)
        assert result.returncode == 0, (args, result.stderr)
        outputs.append(result)
    for result in outputs:
        for text in (result.stdout, result.stderr):
            assert SECRET.lower() not in text.lower() and "alice" not in text.lower(), text
    assert server.origin + "/live" in outputs[2].stdout  # the blog, shown without them
    stored = b"".join(path.read_bytes() for path in isolated_home.iterdir() if path.is_file())
    assert SECRET.lower().encode() not in stored.lower()
    with sqlite3.connect(isolated_home / "cache.sqlite3") as db:
        urls = [row[0] for row in db.execute("SELECT fetch_url FROM validators")]
    assert urls == [server.origin + "/live"]


async def test_credentials_go_to_their_own_origin_only() -> None:
    heads: dict[str, list[bytes]] = {"a": [], "b": []}
    target: list[bytes] = []

    def page(path: str, head: bytes) -> bytes:
        heads["b"].append(head)
        return response(PAGE)

    def elsewhere(path: str, head: bytes) -> bytes:
        heads["a"].append(head)
        return redirect(target[0])

    with RawServer(page) as b, RawServer(elsewhere) as a:
        target.append((b.origin + "/elsewhere").encode())
        async with Fetcher() as fetcher:
            result = await fetcher.get(a.origin.replace("//", "//Bob:pw@") + "/live")
    assert result.url == b.origin + "/elsewhere"
    assert b"authorization: basic" in heads["a"][0].lower()
    assert b"authorization" not in heads["b"][0].lower()


async def test_a_redirect_location_is_percent_encoded_never_kept_raw() -> None:
    hops = iter([redirect("/a b\u202e\x9b".encode()), response(PAGE)])
    with RawServer(lambda path, head: next(hops)) as server:
        async with Fetcher() as fetcher:
            result = await fetcher.get(server.origin + "/live")
    assert result.url == server.origin + "/a%20b%E2%80%AE%C2%9B"
    with RawServer(lambda path, head: redirect(b"http://[::1/x")) as server:
        async with Fetcher() as fetcher:
            with pytest.raises(FetchError):  # httpx itself finds it malformed
                await fetcher.get(server.origin + "/live")


def test_a_blog_that_needs_a_login_is_followed_from_the_config_list(isolated_home: Path) -> None:
    from liveread.config import add_follow

    wanted = b"Basic " + base64.b64encode(f"Alice:{SECRET}".encode())

    def respond(path: str, head: bytes) -> bytes:
        if wanted not in head:
            return response(b"login first", "401 Unauthorized")
        return response(PAGE)

    with RawServer(respond) as server:
        typed = server.origin.replace("//", f"//Alice:{SECRET}@") + "/live"
        (isolated_home / "config.toml").write_text(f'follow = ["{typed}"]\n', encoding="utf-8")
        result = cli("follow", "--once", "--jsonl")
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.splitlines()) == 2
        assert SECRET not in result.stdout + result.stderr
    # The library's a writes the blog without the user part.
    other = isolated_home / "other.toml"
    assert add_follow(f"https://Bob:{SECRET}@example.org/live", other)
    assert SECRET not in other.read_text() and "https://example.org/live" in other.read_text()

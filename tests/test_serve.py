"""``liveread serve``: feeds, OPML, conditional GET and refusals, from a real server process.

The server runs as a subprocess on its own port over a real cache file
(``--port 0``: it prints the address it got); requests go through
``http.client``, which sends a path exactly as written (hostile ones too).
:class:`~liveread.serve.FeedBook` is also driven in-process, to count what it
builds while another connection writes to the cache.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from liveread.cache import Cache
from liveread.model import Snapshot
from liveread.serve import FeedBook, feed_name, route
from tests.test_feeds import (
    BLOG,
    DOOMED,
    KEY,
    PLAIN,
    SUMMARY,
    TOMBSTONE,
    UNTITLED,
    at,
    check_json_feed,
    edited_key,
    link,
    page,
)

OTHER = "https://other.example/live/2026/dec/01/election-live"
SECRET = "s3cr3t-not-to-be-served"


class Server:
    """One ``liveread serve`` subprocess and the address it printed."""

    def __init__(self, home: Path, *args: str) -> None:
        env = dict(os.environ, LIVEREAD_HOME=str(home))
        env.pop("LIVEREAD_DEBUG", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "liveread", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self.proc.stdout is not None
        first = self.proc.stdout.readline()
        assert first.startswith("Serving feeds of"), first + self.proc.stderr.read()  # type: ignore[union-attr]
        self.base = first.split(" at ", 1)[1].split("/ ", 1)[0]
        self.lines = [first]
        threading.Thread(target=self._gather, daemon=True).start()

    def _gather(self) -> None:
        assert self.proc.stdout is not None
        self.lines.extend(self.proc.stdout)

    def request(
        self, path: str, headers: dict[str, str] | None = None, method: str = "GET"
    ) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            conn.request(method, path, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def get(self, path: str, **headers: str) -> bytes:
        status, _, body = self.request(path, {k.replace("_", "-"): v for k, v in headers.items()})
        assert status == 200, (path, status, body[:300])
        return body

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
        return self.proc.wait(timeout=20)


@pytest.fixture
def serve(isolated_home: Path) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(*args: str) -> Server:
        server = Server(isolated_home, *args)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait(timeout=10)


def other_blog() -> Snapshot:
    entry = PLAIN.with_changes(
        id="vote", url=f"{OTHER}#vote", published=at(0.25), title="Polls open"
    )
    return Snapshot(url=OTHER, source="schemaorg", entries=(entry,), title="Election – live")


@pytest.fixture
def two_blogs(isolated_home: Path) -> Path:
    """The storm blog (edited, one entry removed) and an election blog, in one cache."""
    now = [at(1)]
    with Cache(isolated_home / "cache.sqlite3", now=lambda: now[0]) as cache:
        cache.apply(page(PLAIN, KEY, SUMMARY, UNTITLED, DOOMED))
        cache.apply(other_blog())
        now[0] = at(2)
        cache.apply(page(PLAIN, edited_key(), SUMMARY, UNTITLED, DOOMED))
        now[0] = at(3)
        cache.apply(page(PLAIN, edited_key(), SUMMARY, UNTITLED, removed=("doomed",)))
    (isolated_home / "secret.txt").write_text(SECRET)
    return isolated_home


def test_feed_names_are_stable_plain_and_free_of_credentials() -> None:
    name = feed_name(BLOG)
    assert name == feed_name(BLOG)
    assert name.startswith("news-example-storm-live-")
    assert feed_name("https://user:pass@news.example/x/storm") == feed_name(
        "https://news.example/x/storm"
    )
    assert "pass" not in feed_name("https://user:pass@news.example/x/storm")
    assert feed_name(BLOG) != feed_name(BLOG + "-2")
    for url in (BLOG, OTHER, "https://ex.example/", "https://ex.example/a/../../%2e%2e/\u202e/x"):
        assert set(feed_name(url)) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
        assert route(f"/blog/{feed_name(url)}.atom") is not None


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/blog/../secret.txt",
        "/blog/%2e%2e%2fsecret.atom",
        "/blog/..%2fsecret.atom",
        "//secret.txt",
        "/secret.txt",
        "/cache.sqlite3",
        "/config.toml",
        "/blog/.atom",
        "/blog/Name.atom",
        "/blog/name.xml",
        "/blog/a/b.atom",
        "/all.atom/..",
        "/all",
        "/blog/x.atom\x00",
        "/" + "a" * 400 + ".atom",
    ],
)
def test_hostile_paths_route_nowhere(path: str) -> None:
    assert route(path) is None


def test_server_serves_each_blog_the_merged_feed_and_opml(
    two_blogs: Path, serve: Callable[..., Server]
) -> None:
    server = serve()
    end = time.monotonic() + 30  # the announcement's later lines come through a thread
    while len(server.lines) < 5 and time.monotonic() < end:
        time.sleep(0.05)
    names = {line.split()[0].rsplit("/", 1)[1]: line for line in server.lines[3:]}
    assert names[f"{feed_name(BLOG)}.atom"].rstrip().endswith("Storm – live")
    assert names[f"{feed_name(OTHER)}.atom"].rstrip().endswith("Election – live")
    opml = ET.fromstring(server.get("/feeds.opml"))
    outlines = opml.findall("./body/outline")
    assert {o.get("htmlUrl") for o in outlines} == {BLOG, OTHER}
    for outline in outlines:
        xml_url = outline.get("xmlUrl") or ""
        assert xml_url.startswith(server.base + "/blog/") and xml_url.endswith(".atom")
        assert outline.get("type") == "rss" and outline.get("text")
        feed = feedparser.parse(server.get(urlsplit(xml_url).path))
        assert not feed.bozo and feed.version == "atom10"
        assert feed.feed.link == outline.get("htmlUrl")
        assert [lk.href for lk in feed.feed.links if lk.rel == "self"] == [xml_url]

    storm = f"/blog/{feed_name(BLOG)}"
    atom = server.get(storm + ".atom")
    feed = feedparser.parse(atom)
    assert [e.id for e in feed.entries] == [
        link(i) for i in ("untitled", "summary", "key", "plain")
    ]
    (deleted,) = ET.fromstring(atom).findall(f"{TOMBSTONE}deleted-entry")
    assert deleted.get("ref") == link("doomed")
    doc = json.loads(server.get(storm + ".json"))
    check_json_feed(doc)
    assert doc["feed_url"] == server.base + storm + ".json"
    assert doc["items"][0]["_liveread"]["deleted"] is True

    merged = feedparser.parse(server.get("/all.atom"))
    assert not merged.bozo
    assert [e.id for e in merged.entries] == [
        link("untitled"),
        link("summary"),
        f"{OTHER}#vote",
        link("key"),
        link("plain"),
    ]
    assert merged.entries[2].source.title == "Election – live"
    assert merged.entries[0].source.title == "Storm – live"
    all_json = json.loads(server.get("/all.json"))
    check_json_feed(all_json)
    assert {i["_liveread"]["blog"] for i in all_json["items"]} == {BLOG, OTHER}
    index = server.get("/").decode()
    assert "Storm – live" in index and f'href="{server.base}/feeds.opml"' in index
    assert server.stop() == 0


def test_a_repeat_request_is_a_304(two_blogs: Path, serve: Callable[..., Server]) -> None:
    server = serve()
    path = f"/blog/{feed_name(BLOG)}.atom"
    status, headers, body = server.request(path)
    assert status == 200 and body
    assert headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert headers["Content-Length"] == str(len(body))
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    status, again, body = server.request(path, {"If-None-Match": etag})
    assert (status, body, again["ETag"]) == (304, b"", etag)
    status, _, body = server.request(path, {"If-None-Match": f'"other", W/{etag}'})
    assert (status, body) == (304, b"")
    status, _, body = server.request(path, {"If-Modified-Since": modified})
    assert (status, body) == (304, b"")
    status, _, body = server.request(
        path, {"If-None-Match": '"stale"', "If-Modified-Since": modified}
    )
    assert status == 200 and body, "If-None-Match decides when both come"
    status, head, body = server.request(path, method="HEAD")
    assert (status, body, head["ETag"]) == (200, b"", etag)
    assert head["Content-Length"] == headers["Content-Length"]
    json_status, json_headers, _ = server.request(path.replace(".atom", ".json"))
    assert json_status == 200 and json_headers["ETag"] != etag
    assert json_headers["Content-Type"] == "application/feed+json; charset=utf-8"


def test_nothing_is_served_outside_the_cache(two_blogs: Path, serve: Callable[..., Server]) -> None:
    server = serve()
    for path in (
        "/secret.txt",
        "/../secret.txt",
        "/blog/../secret.txt",
        "/%2e%2e/secret.txt",
        "/cache.sqlite3",
        "/blog/cache.atom",
        f"/blog/{feed_name(BLOG)}.atom/../../secret.txt",
        "/blog/" + feed_name(BLOG) + ".rss",
        "/etc/passwd",
    ):
        status, headers, body = server.request(path)
        assert status == 404, path
        assert SECRET.encode() not in body and b"SQLite" not in body
        assert body == b"liveread serve: no such feed: see / for the list\n"
        assert headers["Content-Type"].startswith("text/plain")
    status, _, body = server.request("/", {"Host": "attacker.example"})
    assert status == 421 and SECRET.encode() not in body
    status, headers, _ = server.request("/all.atom", method="POST")
    assert status == 405 and headers["Allow"] == "GET, HEAD"
    status, _, _ = server.request("/all.atom", {"Host": "localhost:1"})
    assert status == 200


def test_a_taken_port_is_one_line(isolated_home: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = dict(os.environ, LIVEREAD_HOME=str(isolated_home))
        done = subprocess.run(
            [sys.executable, "-m", "liveread", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"liveread: cannot serve on 127.0.0.1:{port}: the port is taken "
        "(another liveread serve?); choose another with --port\n"
    )


def test_binding_beyond_loopback_warns(two_blogs: Path, serve: Callable[..., Server]) -> None:
    server = serve("--bind", "0.0.0.0")
    assert server.base.startswith("http://127.0.0.1:")
    status, _, _ = server.request("/all.atom", {"Host": "192.0.2.7:8780"})
    assert status == 200, "beyond loopback, any name of this machine is answered"
    assert server.stop() == 0
    assert server.proc.stderr is not None
    warning = server.proc.stderr.read()
    assert warning.startswith("liveread: warning: serving on 0.0.0.0 lets anyone")
    assert len(warning.splitlines()) == 1


def test_nothing_is_rebuilt_while_nothing_changes(two_blogs: Path) -> None:
    """The book reads no table while data_version stands, and builds once per version."""
    from liveread.feeds import blog_feed  # noqa: F401 - imported before counting

    path = two_blogs / "cache.sqlite3"
    storm = route(f"/blog/{feed_name(BLOG)}.atom")
    merged = route("/all.json")
    assert storm is not None and merged is not None
    with Cache(path) as reader, Cache(path, now=lambda: at(4)) as writer:
        book = FeedBook(reader, merged_id="urn:uuid:test", now=lambda: at(4))
        first = book.get(storm, "http://127.0.0.1:1")
        assert first is not None and book.builds == 1
        statements: list[str] = []
        reader._db.set_trace_callback(statements.append)  # type: ignore[union-attr]
        for _ in range(20):
            assert book.etag(storm, "http://127.0.0.1:1") == first.etag
            assert book.get(storm, "http://127.0.0.1:1") is first
        assert book.builds == 1
        assert set(statements) == {"PRAGMA data_version"}, "no table read while nothing changed"
        reader._db.set_trace_callback(None)  # type: ignore[union-attr]

        # Another process records a poll that found nothing new: data_version
        # moves, the change log does not, nothing is rebuilt.
        writer.record_fetch(BLOG, ok=True)
        assert book.get(storm, "http://127.0.0.1:1") is first and book.builds == 1

        # A new entry on the other blog: that blog's feed and the merged one change, not this one.
        book.get(merged, "http://127.0.0.1:1")
        assert book.builds == 2
        writer.apply(
            Snapshot(
                url=OTHER,
                source="schemaorg",
                entries=(PLAIN.with_changes(id="count", url=f"{OTHER}#count", published=at(3.5)),),
                kind="update",
            )
        )
        assert book.get(storm, "http://127.0.0.1:1") is first
        again = book.get(merged, "http://127.0.0.1:1")
        assert again is not None and book.builds == 3
        assert f"{OTHER}#count" in again.body.decode()

        # An edit moves the storm blog's version and its Last-Modified.
        writer.apply(page(PLAIN.with_changes(title="Good morning, again"), edited_key()))
        edited = book.get(storm, "http://127.0.0.1:1")
        assert edited is not None and edited.etag != first.etag and book.builds == 4
        assert b"Good morning, again" in edited.body
        assert edited.modified is not None and first.modified is not None
        assert edited.modified >= first.modified


def test_merged_feed_holds_at_most_its_limit(isolated_home: Path) -> None:
    from liveread.feeds import MERGED_LIMIT, FeedSource, blog_feed, merged_feed
    from liveread.model import Blog, StoredEntry

    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    entries = tuple(
        StoredEntry(
            id=str(n),
            published=start + timedelta(minutes=n),
            updated=None,
            title=f"n{n}",
            body=(),
            url=f"{BLOG}#{n}",
            first_seen=start,
        )
        for n in range(MERGED_LIMIT + 10)
    )
    blog = Blog(BLOG, "Storm", "", "guardian", True, None, None, tuple(reversed(entries)))
    feed = merged_feed([blog_feed(blog)], FeedSource("urn:uuid:x", "all"))
    assert len(feed.items) == MERGED_LIMIT
    assert feed.items[0].id == f"{BLOG}#{MERGED_LIMIT + 9}"


def test_the_server_loads_no_network_client_and_no_tui(
    two_blogs: Path, serve: Callable[..., Server]
) -> None:
    """Serving reads the cache only: after answering, no fetcher, follower, source or Textual."""
    code = (
        "import atexit, sys\n"
        "from liveread.cli import main\n"
        # (every command's parser reads liveread.follow's defaults; the follower is another module)
        "banned = ('httpx', 'textual', 'liveread.fetch', 'liveread.follow._follower',"
        " 'liveread.sources')\n"
        "atexit.register(lambda: print('LOADED', sorted(m for m in sys.modules"
        " if m.startswith(banned)), flush=True))\n"
        "raise SystemExit(main(sys.argv[1:]))\n"
    )
    env = dict(os.environ, LIVEREAD_HOME=str(two_blogs))
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        base = proc.stdout.readline().split(" at ", 1)[1].split("/ ", 1)[0]
        parts = urlsplit(base)
        for path in ("/feeds.opml", "/all.atom", "/all.json", f"/blog/{feed_name(BLOG)}.atom"):
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            conn.request("GET", path)
            assert conn.getresponse().status == 200
            conn.close()
        proc.terminate()
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "LOADED []" in out, out


def test_the_readme_says_what_the_server_does() -> None:
    """The README's feeds section: the newsboat line, a name, the limit, the bench table."""
    from bench.api import Row
    from bench.table import render
    from liveread.cli.args import SERVE_BIND, SERVE_PORT
    from liveread.feeds import MERGED_LIMIT
    from liveread.serve import merged_path

    repo = Path(__file__).resolve().parent.parent
    readme = (repo / "README.md").read_text(encoding="utf-8")
    base = f"http://{SERVE_BIND}:{SERVE_PORT}"
    assert f'\n{base}{merged_path("atom")} "liveread"\n' in readme
    assert f"curl -s {base}/feeds.opml > live.opml" in readme
    assert f"on {SERVE_BIND}:{SERVE_PORT} unless told otherwise" in readme
    example = "https://www.theguardian.com/world/live/2026/nov/27/storm-wrenna-live"
    assert f"`{example}`\nis `{feed_name(example)}`" in readme
    assert f"the newest {MERGED_LIMIT:,} entries of them all" in readme
    newest = sorted((repo / "bench" / "results").glob("feeds-*.json"))[-1]
    assert f"`bench/results/{newest.name}`" in readme
    rows = [Row.from_dict(r) for r in json.loads(newest.read_text())["rows"]]
    start = readme.index("<!-- feeds-table:start")
    block = readme[readme.index("\n", start) + 1 : readme.index("<!-- feeds-table:end -->")]
    assert block.strip() == render(rows, markdown=True).strip()

"""Property: whatever a page holds, parse → apply → every output is safe, and the cache lives.

Generated schema.org live blogs (headlines, texts with markup and character
references, authors, ids, dates from year 1 to 9999 at any offset) on
generated page URLs (odd ports, user info, IPv6 hosts) go through the real
parser, into a real cache, and out through every headless command, in a
time zone east and one west of UTC. For every one:

- nothing but liveread's own errors is raised (a bad URL, not a live blog);
- no output (stdout, stderr, text, JSON, Markdown, follow's lines) holds a
  character a terminal acts on: C0 but tab and newline, DEL, C1, line
  separators, bidi controls;
- every JSON output parses;
- the cache still opens and ``list`` works.
"""

from __future__ import annotations

import contextlib
import io
import json
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liveread.cache import Cache, Changes
from liveread.cli import main
from liveread.cli.follow_cmd import LinePrinter
from liveread.cli.streams import SafeStream
from liveread.errors import LivereadError
from liveread.follow import Applied
from liveread.sources import parse
from liveread.urls import user_url
from tests.hostile_support import BIDI, assert_terminal_safe, jsonld_page

# Text as hostile as it comes: escapes, C1, bidi controls, separators, surrogates, NUL.
NASTY = st.sampled_from(
    ["\x1b]0;t\x07", "\x1b[2J", "\x9b31m", "\r", "\x00", "\x7f", "\u2028", "\ud800", *BIDI]
)
TEXT = st.lists(st.text(max_size=12) | NASTY, max_size=6).map("".join)
# Character references a parser turns into characters, the dangerous ones among them.
ENTITY = st.sampled_from(["&#x1b;", "&#155;", "&#x9b;", "&#x202e;", "&#x200f;", "&amp;", "&lt;"])
TAG = st.sampled_from(["p", "div", "b", "a", "ul", "li", "blockquote", "figure", "span", "h2"])


def _element(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda tag, body: f"<{tag}>{body}</{tag}>", TAG, inner)


MARKUP = st.recursive(
    TEXT | ENTITY | st.just("<br>") | st.just('<img alt="x&#x1b;y" src="/i.jpg">'),
    lambda inner: _element(st.lists(inner, max_size=4).map("".join)),
    max_leaves=12,
)
EDGE_TIMES = st.sampled_from(
    [
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+14:00",
        "2031-06-14T08:05:00+05:30",
        "not a date",
        "",
    ]
)
ANY_TIME = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(timezone.utc)
).map(lambda moment: moment.isoformat())
OFFSET_TIME = st.builds(
    lambda moment, minutes: moment.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat(),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.integers(-14 * 60, 14 * 60),
)
WHEN = EDGE_TIMES | ANY_TIME | OFFSET_TIME
GOOD_URL = st.sampled_from(
    [
        "https://news.example/live/harbour",
        "http://Alice:S3cret@news.example:8080/live/x?y=1",
        "http://[::1]:8000/live",
        "https://news.example/live/%1b%5b2J",
    ]
)
BAD_URL = st.sampled_from(
    ["http://[::1", "https://news.example:99999/live", "news.example/live/\u202eevil"]
)
PAGE_URL = st.one_of(GOOD_URL, GOOD_URL, GOOD_URL, BAD_URL)
UPDATE = st.fixed_dictionaries(
    {
        "@id": TEXT,
        "headline": TEXT,
        "datePublished": WHEN,
        "dateModified": WHEN,
        "articleBody": MARKUP,
        "author": st.fixed_dictionaries({"@type": st.just("Person"), "name": TEXT}),
    }
)
PAGE = st.tuples(TEXT, st.lists(UPDATE, min_size=1, max_size=5), st.booleans())

COMMANDS: list[tuple[str, ...]] = [
    ("list",),
    ("list", "--json"),
    ("export", "{url}"),
    ("export", "{url}", "--format", "markdown"),
    ("brief", "{url}"),
    ("brief", "{url}", "--format", "markdown"),
    ("search", "the"),
    ("search", "the", "--json"),
    ("parse", "{file}"),
    ("parse", "{file}", "--json", "--url", "{url}"),
]


@contextlib.contextmanager
def local_zone(name: str) -> Iterator[None]:
    """Run with the local time zone set to *name* (east or west of UTC)."""
    import os

    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def run(*args: str) -> tuple[int, str, str]:
    """``liveread ARGS`` in this process: its status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def follow_lines(url: str, changes: Changes, jsonl: bool) -> str:
    """What ``follow`` prints for *changes*, through the same stream it writes to."""
    out, err = io.StringIO(), io.StringIO()
    with Cache() as cache:
        safe_out, safe_err = SafeStream(out), SafeStream(err)  # the streams main() installs
        printer = LinePrinter(jsonl=jsonl, out=safe_out, err=safe_err, cache=cache)  # type: ignore[arg-type]
        printer(Applied(url, changes, "page"))
    return out.getvalue() + err.getvalue()


def check_page(tmp_path: Path, url: str, page: bytes) -> None:
    try:
        key = user_url(url)
        snapshot = parse(page, key)
    except LivereadError:
        return  # a bad URL, not a live blog: liveread's own, one line
    with Cache() as cache:
        changes = cache.apply(snapshot)
    file = tmp_path / "page.html"
    file.write_bytes(page)
    for jsonl in (False, True):
        assert_terminal_safe(follow_lines(snapshot.url, changes, jsonl))
    for command in COMMANDS:
        args = [arg.format(url=snapshot.url, file=file) for arg in command]
        status, out, err = run(*args)
        assert status in (0, 1, 2), (args, status, err)
        assert "internal error" not in err, (args, err)
        assert_terminal_safe(out, err)
        if status == 0 and ("--json" in args or (args[:1] == ["export"] and len(args) == 2)):
            whole = args[0] in ("export", "parse")  # one document; the others, one a line
            for line in [out] if whole else out.splitlines():
                json.loads(line)


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(url=PAGE_URL, page=PAGE)
def test_any_page_through_parse_apply_and_every_output(
    tmp_path: Path, zone: str, url: str, page: tuple[str, list[dict[str, Any]], bool]
) -> None:
    title, updates, live = page
    with local_zone(zone):
        check_page(tmp_path, url, jsonld_page(title, updates, live=live))
        status, _, err = run("list")
    assert status == 0 and "internal error" not in err
    with Cache() as cache:
        cache.blogs()  # the cache still opens

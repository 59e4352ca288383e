"""Odd URLs a user types: one line (exit 2) from every command, never an internal error.

The TUI's library dialog (``a``) is in ``tests/tui/test_hostile_tui.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liveread import urls
from liveread.errors import LivereadError
from liveread.sources import blog_key
from liveread.urls import BadURL, blog_url, user_url
from tests.hostile_support import assert_one_line, cli

ODD = ["http://[::1", "https://[v1.fe/", "http://x:99999/", "http://x:-1/"]
COMMANDS = [
    ("follow", "--once", "{url}"),
    ("export", "{url}"),
    ("brief", "{url}"),
    ("search", "storm", "--url", "{url}"),
    ("open", "{url}"),
    ("parse", "-", "--url", "{url}"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unclosed_ipv6_address_is_one_line_from_every_command(
    command: tuple[str, ...],
) -> None:
    args = [arg.format(url="http://[::1") for arg in command]
    line = assert_one_line(cli(*args, stdin="<html></html>"), 2)
    assert "not a usable URL" in line and "[::1" in line


@pytest.mark.parametrize("typed", ODD)
def test_odd_urls_are_refused_as_bad_urls(typed: str) -> None:
    with pytest.raises(BadURL):
        user_url(typed)


def test_credentials_are_kept_as_typed_for_requests_and_left_out_of_the_url() -> None:
    url = user_url("HTTPS://Alice:S3cret%40PW@Example.ORG/Live/Blog?x=1#top")
    assert url == "https://example.org/Live/Blog?x=1"
    assert urls.credentials(url) == ("Alice", "S3cret@PW")
    assert urls.credentials("https://example.org:443/other") == ("Alice", "S3cret@PW")
    assert urls.credentials("http://example.org/Live/Blog") is None  # another origin
    assert blog_url("https://bob:pw@Example.ORG/x?y") == "https://example.org/x"
    with pytest.raises(BadURL) as refused:
        user_url("https://carol:Secret1@host:99999/")
    assert "Secret1" not in str(refused.value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60) | st.from_regex(r"\A(https?://)?[\[\]:@a-z0-9.%/?#-]{0,30}\Z"))
def test_whatever_is_typed_is_a_url_or_a_bad_url(typed: str) -> None:
    try:
        url = user_url(typed)
    except BadURL as exc:
        assert "\n" not in str(exc)
        return
    assert url.startswith(("http://", "https://"))
    try:
        key = blog_key(url)
    except LivereadError:  # a source that says so, in one line
        return
    assert blog_url(key) == key

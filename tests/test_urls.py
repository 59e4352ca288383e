"""URL rules: what the user typed, a blog's key, loopback hosts, links safe to open."""

from __future__ import annotations

import subprocess
import sys

import pytest

from liveread.sources import blog_key
from liveread.sources._helpers import absolute
from liveread.urls import BadURL, blog_url, is_loopback, is_safe_link, is_web, join, user_url


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("theguardian.com/world/live/x", "https://theguardian.com/world/live/x"),
        ("HTTP://Example.COM/a?b=1#frag", "http://example.com/a?b=1"),
        ("localhost:8000/blog", "https://localhost:8000/blog"),
        ("  https://example.com  ", "https://example.com/"),
    ],
)
def test_user_url_accepts_and_normalises(typed: str, url: str) -> None:
    assert user_url(typed) == url


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://x/y",
        "http://",
        "a b",
        "http://x:99999/",
    ],
)
def test_user_url_refuses(typed: str) -> None:
    with pytest.raises(BadURL):
        user_url(typed)


def test_blog_url_drops_query_and_fragment() -> None:
    base = "https://www.theguardian.com/world/live/2026/nov/27/story"
    assert blog_url(base + "?page=with:block-abc#block-abc") == base
    assert blog_url("HTTPS://WWW.Example.com/A") == "https://www.example.com/A"


def test_blog_key_maps_a_sites_other_shapes_to_its_page() -> None:
    base = "https://www.theguardian.com/world/live/2026/nov/27/story"
    assert blog_key(base + "?page=with:block-abc#block-abc") == base
    assert blog_key(base + ".json?dcr=true") == base
    assert blog_key("HTTPS://WWW.Example.com/A?x=1") == "https://www.example.com/A"


def test_join_resolves_bare_queries() -> None:
    assert join("https://h/p", "?page=with:block-x") == "https://h/p?page=with:block-x"


def test_loopback() -> None:
    assert is_loopback("http://127.0.0.1:8000/x")
    assert is_loopback("http://localhost/x")
    assert is_loopback("http://[::1]:80/")
    assert not is_loopback("https://www.theguardian.com/")
    assert not is_loopback("http://10.0.0.1/")


@pytest.mark.parametrize(
    ("link", "safe"),
    [
        ("https://www.theguardian.com/x?page=with:block-1#block-1", True),
        ("http://127.0.0.1:8000/x", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("-https://x", False),
        ("https://x/a b", False),
        ("https://x/\x1b]0;t\x07", False),
        ("https://x/" + "a" * 3000, False),
        ("https:///nohost", False),
        ("http://[::1/x", False),  # does not parse (it raised, once)
        ("http://h:99999/x", False),
        (None, False),
    ],
)
def test_safe_link(link: str | None, safe: bool) -> None:
    assert is_safe_link(link) is safe


@pytest.mark.parametrize(
    ("value", "resolved"),
    [
        ("/img/a.jpg", "https://site.test/img/a.jpg"),
        ("  //cdn.test/a.jpg\n", "https://cdn.test/a.jpg"),
        ("HTTP://Other.test/x", "HTTP://Other.test/x"),  # kept as given: a web URL
        ("https://x/a b.jpg", "https://x/a b.jpg"),  # is_safe_link, not this, refuses it
        ("javascript:alert(1)", None),
        ("data:image/png;base64,AAAA", None),
        ("http://[::1/x", None),
        ("http:///nohost", None),
        ("ftp://files.test/a.jpg", None),
        ("   ", None),
    ],
)
def test_a_sources_links_are_resolved_by_one_rule(value: str, resolved: str | None) -> None:
    """absolute() (the schema.org and rendered readers' links) and is_web: one scheme check."""
    assert absolute(value, "https://site.test/live/blog") == resolved
    assert is_web(resolved) if resolved else not is_web(value.strip())


def test_the_builtins_said_to_map_urls_are_those_whose_page_url_answers() -> None:
    """A blog's key is found through the built-ins listed as mapping URLs alone (no plug-in)."""
    from liveread.sources import Source
    from liveread.sources import _registry as registry

    for spec in registry._BUILTIN:
        cls = registry._load(spec)
        assert (cls.page_url is not Source.page_url) == (spec in registry._MAPS_URLS), spec


def test_a_blogs_key_imports_only_the_sources_that_map_urls() -> None:
    """Before the TUI's first screen: the other sources, and the HTML parser, load with a page."""
    code = (
        "import sys\n"
        "from liveread.sources import blog_key\n"
        "assert blog_key('https://www.theguardian.com/x/live/y.json') == "
        "'https://www.theguardian.com/x/live/y'\n"
        "assert blog_key('https://www.bbc.co.uk/news/live/abc#x') == "
        "'https://www.bbc.co.uk/news/live/abc'\n"
        "loaded = sorted({m.split('.')[2] for m in sys.modules if m.startswith('liveread.sources.')"
        " and not m.split('.')[2].startswith('_')})\n"
        "print(loaded, 'selectolax' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["['guardian']", "False"], done.stdout + done.stderr

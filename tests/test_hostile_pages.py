"""Hostile pages, served over loopback: what a page holds never crashes, hangs or poisons liveread.

Each page is invented and served by the demo server through its ``intercept``
hook; liveread reads it as it would any site (``follow --once`` as a real
subprocess), and every command that shows the library afterwards must still
work: one bad entry never takes the library down.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liveread.demo.http import Reply, Request
from liveread.demo.server import DemoServer
from tests.hostile_support import assert_one_line, assert_terminal_safe, cli, jsonld_page

EDGE_PATH = "/edge/live"
#: Entries dated at the calendar's two ends, and an ordinary one.
EDGES = [
    {
        "@id": "#future",
        "headline": "From the end of time",
        "datePublished": "9999-12-31T23:59:59Z",
        "articleBody": "Dated on the last second the calendar holds.",
    },
    {
        "@id": "#past",
        "headline": "From the start of time",
        "datePublished": "0001-01-01T00:00:00Z",
        "articleBody": "Dated on the first second the calendar holds.",
    },
    {
        "@id": "#ordinary",
        "headline": "An ordinary entry",
        "datePublished": "2031-06-14T08:05:00Z",
        "articleBody": "Ordinary text.",
    },
]


def serve(server: DemoServer, path: str, body: bytes) -> str:
    """Serve *body* at *path* of *server* (the demo blog stays where it is); the URL."""

    def answer(request: Request) -> Reply | None:
        return Reply(body=body) if request.path == path else None

    server.intercept = answer
    return server.origin + path


# -- 1: a date far from now --------------------------------------------------------------


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/New_York"])
def test_a_date_at_the_edge_of_the_calendar_is_shown_and_poisons_nothing(
    demo_server: DemoServer, zone: str
) -> None:
    # East of UTC the last second has no local time; west of it the first has none.
    url = serve(demo_server, EDGE_PATH, jsonld_page("Edge of time", EDGES))
    env = {"TZ": zone}
    follow = cli("follow", "--once", url, demo_server.url, env=env)
    assert follow.returncode == 0, follow.stderr
    assert "From the end of time" in follow.stdout and "From the start of time" in follow.stdout
    listed = cli("list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert "Edge of time" in listed.stdout and "Storm Wrenna" in listed.stdout  # every blog
    for args in (
        ("list", "--json"),
        ("export", url),
        ("export", url, "--format", "markdown"),
        ("brief", url),
        ("brief", url, "--format", "markdown"),
        ("search", "time"),
        ("search", "calendar", "--url", url, "--json"),
    ):
        result = cli(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert "of time" in result.stdout, args
    exported = json.loads(cli("export", url, env=env).stdout)
    published = {e["id"].rsplit("#", 1)[-1]: e["published"] for e in exported["entries"]}
    assert published["future"] == "9999-12-31T23:59:59Z"
    assert published["past"] == "0001-01-01T00:00:00Z"
    # Shown as what it is: in UTC, and said so, where the local zone cannot hold it.
    text = cli("export", url, "--format", "markdown", env=env).stdout
    edge = "9999-12-31 23:59 UTC" if zone == "Asia/Tokyo" else "1-01-01 00:00 UTC"
    assert edge in text


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/New_York"])
def test_parse_reads_a_page_dated_at_the_edge_of_the_calendar(tmp_path: Path, zone: str) -> None:
    page = tmp_path / "edge.html"
    page.write_bytes(jsonld_page("Edge of time", EDGES))
    for extra in ((), ("--json",)):
        result = cli(
            "parse", str(page), "--url", "https://edge.example/live", *extra, env={"TZ": zone}
        )
        assert result.returncode == 0, result.stderr
        assert "From the end of time" in result.stdout


def test_a_since_further_back_than_the_calendar_is_one_line(demo_server: DemoServer) -> None:
    url = serve(demo_server, EDGE_PATH, jsonld_page("Edge of time", EDGES))
    assert cli("follow", "--once", url).returncode == 0
    line = assert_one_line(cli("brief", url, "--since", "99999999999999h"), 2)
    assert "further back than the calendar goes" in line


# -- 7: every bidi control is stripped from page text ------------------------------------

MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM: the marks the first sanitizer let through


def test_bidi_marks_are_stripped_from_page_text_not_only_escaped(demo_server: DemoServer) -> None:
    updates = [
        {
            "@id": "#marks",
            "headline": f"Marks{MARKS} in a headline",
            "datePublished": "2031-06-14T08:05:00Z",
            "articleBody": f"Text with{MARKS} marks \u2067and an isolate\u2069.",
            "author": {"@type": "Person", "name": f"A{MARKS} Writer"},
        }
    ]
    url = serve(demo_server, "/marks/live", jsonld_page(f"Bidi{MARKS} blog", updates))
    follow = cli("follow", "--once", "--jsonl", url)
    assert follow.returncode == 0, follow.stderr
    outputs = [follow.stdout, cli("export", url).stdout, cli("list").stdout]
    outputs.append(cli("export", url, "--format", "markdown").stdout)
    for text in outputs:
        assert_terminal_safe(text)
        assert not any(f"\\u{ord(c):04x}" in text for c in MARKS + "\u2067\u2069"), text
    (line,) = follow.stdout.splitlines()
    entry = json.loads(line)["entry"]
    assert entry["title"] == "Marks in a headline" and entry["authors"] == ["A Writer"]
    assert entry["text"] == "Text with marks and an isolate."


# -- 3: markup built to be slow ----------------------------------------------------------


def test_a_page_nested_300000_deep_is_refused_in_one_line(demo_server: DemoServer) -> None:
    # 1.5 MB: unbounded, follow --once spent 209 s of CPU in the HTML parser on it.
    page = ("<html><body>" + "<div>" * 300_000 + "</div>" * 300_000).encode()
    url = serve(demo_server, "/deep/live", page)
    result = cli("follow", "--once", url, timeout=60)
    line = assert_one_line(result, 1)
    assert "nests its elements more than 256 deep" in line


@pytest.mark.parametrize(
    ("markup", "said"),
    [
        ("<div>" * 257, "more than 256 deep"),
        ("<span><b></i>" * 300, "more than 256 deep"),  # end tags that close nothing count not
        ("<a>x</a>" * 250_001, "more than 250,000 elements"),
    ],
    ids=["divs", "stray end tags", "elements"],
)
def test_parse_refuses_markup_past_the_bounds(tmp_path: Path, markup: str, said: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(f"<html><body>{markup}</body></html>")
    line = assert_one_line(cli("parse", str(page), "--url", "https://x.example/live"), 2)
    assert said in line


def test_real_pages_are_far_inside_the_bounds(corpus: Path) -> None:
    from liveread.sources._bounds import check_markup

    pages = sorted(corpus.rglob("*.html"))
    assert pages
    for page in pages:
        check_markup(page.read_text(encoding="utf-8"))  # raises past a bound


def test_what_does_not_nest_is_not_counted_as_nesting() -> None:
    from liveread.sources._bounds import check_markup

    check_markup("<p>unclosed" * 5000 + "<br><img src=x>" * 5000)  # implied ends, void
    check_markup("<script>" + "<div>" * 5000 + "</script>" + "<!--" + "<div>" * 5000 + "-->")
    check_markup("<svg>" + "<path d='M0'/>" * 5000 + "</svg>")  # self-closing in SVG
    check_markup(("<div>" * 256 + "</div>" * 256) * 50)  # deep, but not too deep


@pytest.mark.parametrize(
    "markup",
    [
        "<div>" * 257,  # few tags: parsed, then measured
        "<a>x</a>" * 20_000 + "<div>" * 257,  # many: scanned before the parser sees it
        "<a>x</a>" * 20_000 + "<svg><g>" + "<div>" * 257,  # a div ends SVG content
        "<a>x</a>" * 20_000 + "<SCRIPT>x</script>" + "<div>" * 257,  # raw text ends by name
    ],
    ids=["parsed first", "scanned first", "after svg", "after a script"],
)
def test_too_deep_is_refused_whichever_way_it_is_measured(markup: str) -> None:
    from liveread.errors import NotALiveBlog
    from liveread.sources._bounds import parse_html

    with pytest.raises(NotALiveBlog, match="more than 256 deep"):
        parse_html(f"<html><body>{markup}</body></html>")


# -- 15: UTF-16 and UTF-32 pages with a byte-order mark ----------------------------------

ENCODINGS = {
    "utf-16-le": b"\xff\xfe",
    "utf-16-be": b"\xfe\xff",
    "utf-32-le": b"\xff\xfe\x00\x00",
    "utf-32-be": b"\x00\x00\xfe\xff",
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_page_with_a_utf16_or_utf32_byte_order_mark_is_read(
    demo_server: DemoServer, encoding: str
) -> None:
    text = jsonld_page("Café live", EDGES[2:]).decode()
    body = ENCODINGS[encoding] + text.encode(encoding)

    def answer(request: Request) -> Reply | None:
        # No charset in the header: the mark is all the page says.
        return Reply(body=body, content_type="text/html") if request.path == "/bom" else None

    demo_server.intercept = answer
    result = cli("follow", "--once", "--jsonl", demo_server.origin + "/bom")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["title"] == "Café live"
    assert json.loads(line)["entry"]["title"] == "An ordinary entry"

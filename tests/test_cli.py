"""The headless commands, run as real subprocesses with their own LIVEREAD_HOME."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from liveread.cache import Cache
from liveread.sources import parse

FIXTURES = Path(__file__).parent / "fixtures"
LIVE_PAGE = FIXTURES / "guardian" / "live_page.html"
PAGE_URL = "https://www.example.com/world/live/2026/nov/27/invented-story"


def run(
    *args: str, stdin: bytes | None = None, home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m liveread ARGS`` and capture its output."""
    env = dict(os.environ)
    if home is not None:
        env["LIVEREAD_HOME"] = str(home)
    env.pop("LIVEREAD_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "liveread", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], status: int) -> None:
    assert result.returncode == status, result
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("liveread: ")


@pytest.fixture
def cached(isolated_home: Path) -> str:
    """A cache holding the invented live page, as the follow command would leave it."""
    blog = parse(LIVE_PAGE.read_bytes(), PAGE_URL)
    with Cache() as cache:
        cache.apply(blog)
    return blog.url


def test_version_and_help() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("liveread ")
    result = run("--help")
    assert result.returncode == 0
    for command in ("follow", "parse", "export", "list", "search", "demo"):
        assert command in result.stdout


def test_parse_json_of_a_fixture() -> None:
    result = run("parse", str(LIVE_PAGE), "--url", PAGE_URL, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["url"] == PAGE_URL and data["source"] == "guardian"
    assert data["entries"], "the fixture has entries"
    first = data["entries"][0]
    assert set(first) >= {
        "id",
        "published",
        "updated",
        "title",
        "key_event",
        "summary",
        "pinned",
        "text",
        "images",
        "body",
        "url",
        "authors",
    }
    assert first["published"].endswith("Z")


def test_parse_reads_stdin_and_renders_text() -> None:
    result = run("parse", "-", "--url", PAGE_URL, stdin=LIVE_PAGE.read_bytes())
    assert result.returncode == 0, result.stderr
    assert "<" not in result.stdout.split("\n", 5)[0]
    assert PAGE_URL in result.stdout


def test_parse_writes_nothing_to_the_cache(isolated_home: Path) -> None:
    run("parse", str(LIVE_PAGE), "--url", PAGE_URL, home=isolated_home)
    assert not (isolated_home / "cache.sqlite3").exists()


def test_parse_not_a_live_blog(tmp_path: Path) -> None:
    page = tmp_path / "plain.html"
    page.write_text("<html><body><h1>Just a page</h1><p>Nothing live here.</p></body></html>")
    result = run("parse", str(page), "--url", "https://example.com/x")
    assert_one_line_error(result, 2)
    assert "LiveBlogPosting" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("parse",),
        ("parse", "x", "--bogus"),
        ("export",),
        ("export", "https://x", "--format", "pdf"),
        ("follow", "https://x", "--interval", "-1"),
        ("demo", "--port", "99999"),
    ],
)
def test_bad_arguments_exit_2_with_usage(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_parse_missing_file_and_bad_url(tmp_path: Path) -> None:
    assert_one_line_error(run("parse", str(tmp_path / "nope.html")), 1)
    assert_one_line_error(run("parse", str(LIVE_PAGE), "--url", "javascript:alert(1)"), 2)


def test_parse_binary_and_empty(tmp_path: Path) -> None:
    binary = tmp_path / "b.bin"
    binary.write_bytes(bytes(range(256)) * 10)
    assert_one_line_error(run("parse", str(binary)), 2)
    empty = tmp_path / "e.html"
    empty.write_bytes(b"")
    assert_one_line_error(run("parse", str(empty)), 2)


def test_export_unknown_url_is_one_line(isolated_home: Path) -> None:
    result = run("export", "https://example.com/not-cached", home=isolated_home)
    assert_one_line_error(result, 1)
    assert "not in the cache" in result.stderr


def test_list_export_search_round_trip(cached: str, isolated_home: Path) -> None:
    listing = run("list", home=isolated_home)
    assert listing.returncode == 0 and cached in listing.stdout

    rows = [
        json.loads(line) for line in run("list", "--json", home=isolated_home).stdout.splitlines()
    ]
    assert rows[0]["url"] == cached and rows[0]["entries"] > 0

    exported = run("export", cached, home=isolated_home)
    assert exported.returncode == 0, exported.stderr
    blog: dict[str, Any] = json.loads(exported.stdout)
    assert all("revisions" in e and "removed" in e and "first_seen" in e for e in blog["entries"])
    published = [e["published"] for e in blog["entries"]]
    assert published == sorted(published, reverse=True), "newest first"

    markdown = run("export", cached, "--format", "markdown", home=isolated_home)
    assert markdown.returncode == 0 and markdown.stdout.startswith("# ")
    assert "[Permalink](" in markdown.stdout

    word = next(w for e in blog["entries"] for w in e["text"].split() if w.isalpha() and len(w) > 5)
    found = run("search", word, home=isolated_home)
    assert found.returncode == 0 and word.lower() in found.stdout.lower()
    for hostile in ("no-deal", '"x', "AND", "(", "*"):
        result = run("search", hostile, "--url", cached, home=isolated_home)
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr


def test_headless_commands_never_import_textual(cached: str, isolated_home: Path) -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['liveread'] + sys.argv[1:]\n"
        "from liveread.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
        "raise SystemExit(status)\n"
    )
    env = dict(os.environ, LIVEREAD_HOME=str(isolated_home))
    for args in (
        ["parse", str(LIVE_PAGE), "--url", PAGE_URL, "--json"],
        ["list"],
        ["export", cached],
        ["search", "the"],
    ):
        result = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert result.returncode in (0, 1), result.stderr
        assert "AssertionError" not in result.stderr


def test_damaged_cache_is_moved_aside_with_one_line(isolated_home: Path) -> None:
    (isolated_home / "cache.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run("list", home=isolated_home)
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and "moved it" not in result.stderr
    assert result.stderr.startswith("liveread: the cache was damaged")
    assert "Warning" not in result.stderr
    assert list(isolated_home.glob("cache.sqlite3.corrupt-*"))


def test_the_tui_checks_a_damaged_cache_while_it_loads_and_moves_it_aside_the_same(
    isolated_home: Path,
) -> None:
    """The TUI's commands check the file in a thread while Textual loads: same outcome."""
    (isolated_home / "cache.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run("example.org/news/live/not-cached", "--offline", home=isolated_home)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("liveread: the cache was damaged")
    assert "not in the cache" in lines[1]
    assert list(isolated_home.glob("cache.sqlite3.corrupt-*"))


def test_cache_from_a_newer_liveread_is_refused_untouched(isolated_home: Path) -> None:
    import sqlite3

    path = isolated_home / "cache.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    before = path.read_bytes()
    result = run("list", home=isolated_home)
    assert_one_line_error(result, 1)
    assert "newer liveread" in result.stderr
    assert path.read_bytes() == before


def test_list_says_the_site_and_from_when_a_windowed_blog_is_held(isolated_home: Path) -> None:
    from liveread.demo import DemoBlog, render_amp_page, render_reach_page
    from liveread.demo.render.amp import SITE_NAME as AMP_SITE
    from liveread.demo.render.reach import JSONLD_UPDATES
    from liveread.demo.render.reach import SITE_NAME as REACH_SITE

    demo = DemoBlog()
    reach = parse(render_reach_page(demo), "https://live.example/reach/storm")
    amp = parse(render_amp_page(demo), "https://live.example/amp/storm")
    with Cache() as cache:
        cache.apply(reach)
        cache.apply(amp)
    listing = run("list", home=isolated_home)
    assert listing.returncode == 0, listing.stderr
    assert f"{REACH_SITE} · {reach.url}" in listing.stdout
    assert f"{AMP_SITE} · {amp.url}" in listing.stdout
    assert f"the site shows its latest {JSONLD_UPDATES}" in listing.stdout
    assert "history from " in listing.stdout and "when you started following at" in listing.stdout
    rows = {
        row["url"]: row
        for row in map(json.loads, run("list", "--json", home=isolated_home).stdout.splitlines())
    }
    mine = rows[reach.url]
    assert (mine["site_name"], mine["source"], mine["window"]) == (REACH_SITE, "reach", 40)
    oldest = min(e.published for e in reach.entries)
    assert mine["history_from"] == oldest.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert mine["following_since"].endswith("Z")
    exported = json.loads(run("export", amp.url, home=isolated_home).stdout)
    assert exported["site_name"] == AMP_SITE and exported["source"] == "amp"


def test_parse_json_names_the_site(tmp_path: Path) -> None:
    from liveread.demo import DemoBlog, render_jsonld_page
    from liveread.demo.render.jsonld import PUBLISHER

    page = tmp_path / "page.html"
    page.write_text(render_jsonld_page(DemoBlog()), encoding="utf-8")
    result = run("parse", str(page), "--url", "https://courier.example/live", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["site_name"] == PUBLISHER
    fixture = json.loads(run("parse", str(LIVE_PAGE), "--url", PAGE_URL, "--json").stdout)
    assert fixture["site_name"] == ""  # the fixture names no site: nothing is made up


def builtin_sources_in_the_docs() -> set[str]:
    """The source names of docs/sources.md's one list of built-in sources (its table)."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "sources.md").read_text()
    table = docs.split("## The built-in sources", 1)[1]
    return set(re.findall(r"^\| `([a-z0-9_]+)`", table, flags=re.M))


@pytest.mark.parametrize("form", ["jsonld", "microdata"])
def test_parse_json_names_its_source_as_the_docs_list_it(tmp_path: Path, form: str) -> None:
    from liveread.demo import DemoBlog, render_jsonld_page, render_microdata_page

    render = render_jsonld_page if form == "jsonld" else render_microdata_page
    page = tmp_path / "page.html"
    page.write_text(render(DemoBlog()), encoding="utf-8")
    result = run("parse", str(page), "--url", "https://courier.example/live", "--json")
    assert result.returncode == 0, result.stderr
    source = json.loads(result.stdout)["source"]
    assert source == "schemaorg" and source in builtin_sources_in_the_docs()

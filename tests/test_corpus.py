"""Conformance: ``liveread parse FILE --url URL --json`` on every corpus file matches expected.json.

The CLI runs as a real subprocess, as a user would run it, once per file; each
kind of expectation the file has is then its own test case, so a case that a
later issue must make true can be marked on its own (``OWNED``) while every
other expectation of the same file keeps being checked. The expectations are
read from the corpus at run time (its text is the publishers', so none of it
is copied here). When the corpus is absent every case skips with a reason;
``.ci/run`` refuses to run without it.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import corpus_dir

_EXPECTED = corpus_dir() / "expected.json"
_WANTS: dict[str, dict[str, Any]] = (
    {
        k: v
        for k, v in json.loads(_EXPECTED.read_text(encoding="utf-8")).items()
        if not k.startswith("_")
    }
    if _EXPECTED.is_file()
    else {}
)

Check = Callable[[dict[str, Any], dict[str, Any]], None]
_CHECKS: dict[str, Check] = {}


def check(*keys: str) -> Callable[[Check], Check]:
    """Register a check that applies to the files whose expectation has any of *keys*."""

    def register(fn: Check) -> Check:
        _CHECKS[fn.__name__.removeprefix("check_")] = fn
        fn.keys = keys  # type: ignore[attr-defined]
        return fn

    return register


def run_parse(path: Path, url: str) -> subprocess.CompletedProcess[str]:
    """Run the real CLI on one corpus file."""
    return subprocess.run(
        [sys.executable, "-m", "liveread", "parse", str(path), "--url", url, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@functools.cache
def parsed(name: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any] | None]:
    """The CLI's answer for one corpus file, run once per test session."""
    result = run_parse(corpus_dir() / name, _WANTS[name]["url"])
    blog = json.loads(result.stdout) if result.returncode == 0 else None
    return result, blog


def by_id(blog: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in blog["entries"]}


def check_end(entry: dict[str, Any], want: dict[str, Any]) -> None:
    """Compare the newest/oldest entry with its expectation (only the fields given)."""
    for field in ("id", "published", "title", "summary"):
        if field in want:
            assert entry[field] == want[field], f"{field}: {entry[field]!r} != {want[field]!r}"


@check("entries")
def check_entries(blog: dict[str, Any], want: dict[str, Any]) -> None:
    entries = blog["entries"]
    assert len(entries) == want["entries"]
    assert len(by_id(blog)) == len(entries), "entries are de-duplicated"
    published = [e["published"] for e in entries]
    assert published == sorted(published, reverse=True), "newest first by publication"
    for entry in entries:
        assert "<" not in (entry["title"] or "") and "&amp;" not in entry["text"]
        assert entry["url"].startswith("http")


@check("title", "title_includes")
def check_title(blog: dict[str, Any], want: dict[str, Any]) -> None:
    if "title" in want:
        assert blog["title"] == want["title"]
    if "title_includes" in want:
        assert want["title_includes"] in blog["title"]


@check("key_events")
def check_key_events(blog: dict[str, Any], want: dict[str, Any]) -> None:
    found = sum(1 for e in blog["entries"] if e["key_event"] or e["summary"])
    assert found == want["key_events"]


@check("pinned")
def check_pinned(blog: dict[str, Any], want: dict[str, Any]) -> None:
    pinned = [e for e in blog["entries"] if e["pinned"]]
    if want["pinned"] is None:
        assert pinned == []
        return
    assert [e["id"] for e in pinned] == [want["pinned"]]
    if "pinned_title" in want:
        assert pinned[0]["title"] == want["pinned_title"]


@check("newest", "oldest")
def check_ends(blog: dict[str, Any], want: dict[str, Any]) -> None:
    if "newest" in want:
        check_end(blog["entries"][0], want["newest"])
    if "oldest" in want:
        check_end(blog["entries"][-1], want["oldest"])


@check("captions")
def check_captions(blog: dict[str, Any], want: dict[str, Any]) -> None:
    seen = [(i["caption"], i["credit"]) for e in blog["entries"] for i in e["images"]]
    for caption in want["captions"]:
        if "credit" in caption:
            assert (caption["caption"], caption["credit"]) in seen
        else:
            credits = [credit for text, credit in seen if text == caption["caption"]]
            assert credits, f"no image captioned {caption['caption']!r}"
            assert any(caption["credit_includes"] in credit for credit in credits), credits


@check("main_image")
def check_main_image(blog: dict[str, Any], want: dict[str, Any]) -> None:
    assert blog["main_image"] is not None
    assert blog["main_image"]["caption"] == want["main_image"]["caption"]
    assert blog["main_image"]["credit"] == want["main_image"]["credit"]


@check("pages_total", "older_page")
def check_pages(blog: dict[str, Any], want: dict[str, Any]) -> None:
    if "pages_total" in want:
        assert blog["pages"]["total"] == want["pages_total"]
        assert blog["pages"]["current"] == 1
    if "older_page" in want:
        assert blog["pages"]["older"].startswith(want["url"])
        assert want["older_page"] in blog["pages"]["older"]


@check("authors_include", "newest_authors")
def check_authors(blog: dict[str, Any], want: dict[str, Any]) -> None:
    if "authors_include" in want:
        authors = {a for e in blog["entries"] for a in e["authors"]}
        assert set(want["authors_include"]) <= authors
    if "newest_authors" in want:
        assert blog["entries"][0]["authors"] == want["newest_authors"]


@check("most_recent_block", "text_includes")
def check_text(blog: dict[str, Any], want: dict[str, Any]) -> None:
    if "most_recent_block" in want:
        assert "block-" + blog["entries"][0]["id"] == want["most_recent_block"]
    for snippet in want.get("text_includes", ()):
        assert any(snippet in e["text"] for e in blog["entries"])


@check("entries_with_images", "images_total")
def check_images(blog: dict[str, Any], want: dict[str, Any]) -> None:
    with_images = [e for e in blog["entries"] if e["images"]]
    if "entries_with_images" in want:
        assert len(with_images) == want["entries_with_images"]
    if "images_total" in want:
        assert sum(len(e["images"]) for e in with_images) == want["images_total"]


@check("live")
def check_live(blog: dict[str, Any], want: dict[str, Any]) -> None:
    assert blog["live"] is want["live"]


#: Expectations that a later issue must make true: (corpus file, check) pairs,
#: each with the issue's title. Strict, so each mark fails the day its case
#: passes and must then be removed. None are pending today.
OWNED: dict[tuple[str, str], str] = {}


def _cases() -> list[Any]:
    if not _WANTS:
        return [pytest.param("(corpus absent)", "entries", id="corpus-absent")]
    cases = []
    for name in sorted(_WANTS):
        want = _WANTS[name]
        for kind, fn in _CHECKS.items():
            if want["entries"] == 0 and kind != "entries":
                continue
            if not any(key in want for key in fn.keys):  # type: ignore[attr-defined]
                continue
            marks = []
            if (name, kind) in OWNED:
                marks.append(pytest.mark.xfail(strict=True, reason=OWNED[(name, kind)]))
            cases.append(pytest.param(name, kind, id=f"{name}::{kind}", marks=marks))
    return cases


@pytest.mark.parametrize(("name", "kind"), _cases())
def test_parse_matches_expected(name: str, kind: str, corpus: Path) -> None:
    result, blog = parsed(name)
    assert "Traceback" not in result.stderr
    want = _WANTS[name]
    if want["entries"] == 0 and result.returncode != 0:
        # The negative case may be a clear one-line error instead of an empty blog.
        assert result.returncode == 2
        assert result.stderr.startswith("liveread: ") and result.stderr.count("\n") == 1
        return
    assert result.returncode == 0, result.stderr
    assert blog is not None
    _CHECKS[kind](blog, want)


def test_every_expectation_is_checked() -> None:
    """A new kind of expectation in expected.json must get a check here, not be ignored."""
    known = {key for fn in _CHECKS.values() for key in fn.keys}  # type: ignore[attr-defined]
    descriptive = {"url", "format", "note", "pinned_title"}
    for name, want in _WANTS.items():
        unknown = set(want) - known - descriptive
        assert not unknown, f"{name}: no check for {sorted(unknown)}"

"""Conformance: ``liveread parse FILE --url URL --json`` on every corpus file matches expected.json.

The CLI runs as a real subprocess, as a user would run it. The expectations
are read from the corpus at run time (its text is the publishers', so none of
it is copied here). When the corpus is absent every case skips with a reason;
``.ci/run`` refuses to run without it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import corpus_dir

_EXPECTED = corpus_dir() / "expected.json"
CASES = (
    sorted(k for k in json.loads(_EXPECTED.read_text(encoding="utf-8")) if not k.startswith("_"))
    if _EXPECTED.is_file()
    else ["(corpus absent)"]
)


def run_parse(path: Path, url: str) -> subprocess.CompletedProcess[str]:
    """Run the real CLI on one corpus file."""
    return subprocess.run(
        [sys.executable, "-m", "liveread", "parse", str(path), "--url", url, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def by_id(blog: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in blog["entries"]}


def check_end(entry: dict[str, Any], want: dict[str, Any]) -> None:
    """Compare the newest/oldest entry with its expectation (only the fields given)."""
    for field in ("id", "published", "title", "summary"):
        if field in want:
            assert entry[field] == want[field], f"{field}: {entry[field]!r} != {want[field]!r}"


@pytest.mark.parametrize("name", CASES)
def test_parse_matches_expected(name: str, corpus: Path, expected: dict[str, Any]) -> None:
    want = expected[name]
    result = run_parse(corpus / name, want["url"])
    assert "Traceback" not in result.stderr

    if want["entries"] == 0 and result.returncode != 0:
        # The negative case may be a clear one-line error instead of an empty blog.
        assert result.returncode == 2
        assert result.stderr.startswith("liveread: ") and result.stderr.count("\n") == 1
        return
    assert result.returncode == 0, result.stderr
    blog = json.loads(result.stdout)
    entries = blog["entries"]

    assert len(entries) == want["entries"]
    assert len(by_id(blog)) == len(entries), "entries are de-duplicated"
    if "title" in want:
        assert blog["title"] == want["title"]
    if "title_includes" in want:
        assert want["title_includes"] in blog["title"]
    if "key_events" in want:
        assert sum(1 for e in entries if e["key_event"] or e["summary"]) == want["key_events"]
    if "pinned" in want:
        pinned = [e for e in entries if e["pinned"]]
        if want["pinned"] is None:
            assert pinned == []
        else:
            assert [e["id"] for e in pinned] == [want["pinned"]]
            if "pinned_title" in want:
                assert pinned[0]["title"] == want["pinned_title"]
    if entries:
        published = [e["published"] for e in entries]
        assert published == sorted(published, reverse=True), "newest first by publication"
    if "newest" in want:
        check_end(entries[0], want["newest"])
    if "oldest" in want:
        check_end(entries[-1], want["oldest"])
    if "captions" in want:
        seen = [(i["caption"], i["credit"]) for e in entries for i in e["images"]]
        for caption in want["captions"]:
            assert (caption["caption"], caption["credit"]) in seen
    if "main_image" in want:
        assert blog["main_image"] is not None
        assert blog["main_image"]["caption"] == want["main_image"]["caption"]
        assert blog["main_image"]["credit"] == want["main_image"]["credit"]
    if "pages_total" in want:
        assert blog["pages"]["total"] == want["pages_total"]
        assert blog["pages"]["current"] == 1
    if "older_page" in want:
        assert blog["pages"]["older"].startswith(want["url"])
        assert want["older_page"] in blog["pages"]["older"]
    if "authors_include" in want:
        authors = {a for e in entries for a in e["authors"]}
        assert set(want["authors_include"]) <= authors
    if "most_recent_block" in want:
        assert "block-" + entries[0]["id"] == want["most_recent_block"]
    for snippet in want.get("text_includes", ()):
        assert any(snippet in e["text"] for e in entries)
    for entry in entries:
        assert "<" not in (entry["title"] or "") and "&amp;" not in entry["text"]
        assert entry["url"].startswith("http")

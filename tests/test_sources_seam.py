"""liveread is safe against the sources it loads: checked, sanitized, isolated, at the seam.

Sources from outside are installed as plug-in distributions (as pip would) and
followed through the demo server's ``intercept`` hook:

- "rawlive" returns, untouched, text full of terminal escapes (OSC 0 title,
  OSC 52 clipboard, CSI clear, the 8-bit CSI U+009B, a bidi override) in every
  field a reader sees. Every output path stays clean: text and JSON
  ``parse``, ``follow`` (text and JSON lines), Markdown and JSON ``export``,
  ``list``, ``brief``, ``search``; and the TUI in tmux, whose title and
  clipboard only the app itself may touch (its ``y`` quote, clean). It also
  claims its own data URLs (``page_url``): ``follow``, ``export``,
  ``search`` and ``brief`` resolve them to the same blog.
- "crashlive" (the highest priority) raises in ``detect`` and in
  ``page_url``: it is left out of that look with one warning naming it, and
  the built-in sources still read their pages.
- the sanitizer at the seam, field by field, and a clean snapshot passed
  through as it is.

The snapshot rules are in ``test_sources_rules.py``.
"""

from __future__ import annotations

import base64
import json
import os
import shlex
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from liveread.demo.http import Reply, Request
from liveread.demo.server import DemoServer
from liveread.model import Block, Entry, EntryRef, Image, Pages, Snapshot
from liveread.model import Request as SourceRequest
from liveread.sources._seam import sanitize
from tests.plugin_support import installed
from tests.tui.tmux_support import TmuxPane, tmux_path

REPO = Path(__file__).resolve().parent.parent
RAW_PAGE = "/raw/blog"

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIP = "\x1b]52;c;" + base64.b64encode(b"rm -rf ~").decode() + "\x07"
CSI_CLEAR = "\x1b[2J"
CSI_8BIT = "\x9b2J"
BIDI = "\u202e"
EVIL = f"{OSC_TITLE}{OSC_CLIP}{CSI_CLEAR}{CSI_8BIT}{BIDI}"

RAWLIVE = f'''
"""rawlive: a source that returns terminal escapes in every field, untouched."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import ClassVar

from liveread.model import Block, Entry, Image, Snapshot
from liveread.sources import Document, Source

EVIL = {EVIL!r}
T0 = datetime(2031, 11, 5, 9, 0, tzinfo=timezone.utc)


class RawLiveSource(Source):
    name: ClassVar[str] = "rawlive"
    label: ClassVar[str] = "a rawlive page"

    def detect(self, doc: Document) -> bool:
        return doc.text.startswith("#rawlive")

    def page_url(self, url: str) -> str | None:
        return url[: -len(".data")] if url.endswith(".data") else None

    def parse(self, doc: Document) -> Snapshot:
        count = int(doc.text.split()[1])
        entries = tuple(
            Entry(
                id=f"r{{n}}",
                published=T0 + timedelta(minutes=n),
                updated=None,
                title=f"Harbour {{n}} {{EVIL}}",
                body=(
                    Block("paragraph", f"Pilots strike {{n}} {{EVIL}}"),
                    Block("image", image=Image(f"Quay {{EVIL}}", f"Photo {{EVIL}}", "http://x.test/a.jpg")),
                    Block("embed", text=f"Said {{EVIL}}", embed="tweet", title=f"Tw {{EVIL}}",
                          url="http://x.test/t"),
                ),
                url=f"{{doc.blog}}#r{{n}}",
                authors=(f"Eve {{EVIL}}",),
                key_event=n == 0,
            )
            for n in range(count - 1, -1, -1)
        )
        return Snapshot(
            url=doc.blog,
            source=self.name,
            entries=entries,
            title=f"Pilots {{EVIL}} live",
            standfirst=f"What {{EVIL}} happened",
            site_name=f"Raw {{EVIL}} Times",
            live=True,
            feed_ids=tuple(e.id for e in entries),
        )
'''

CRASHLIVE = """
from typing import ClassVar

from liveread.model import Snapshot
from liveread.sources import Document, Source


class CrashLiveSource(Source):
    name: ClassVar[str] = "crashlive"
    label: ClassVar[str] = "a crashlive page"
    priority: ClassVar[int] = 1

    def detect(self, doc: Document) -> bool:
        raise RuntimeError("crashlive cannot look")

    def page_url(self, url: str) -> str | None:
        raise KeyError(url)

    def parse(self, doc: Document) -> Snapshot:
        raise AssertionError("never asked")
"""

ELSEWHERE = """
from typing import ClassVar

from liveread.model import Snapshot
from liveread.sources import Document, Source


class ElsewhereSource(Source):
    name: ClassVar[str] = "elsewhere"
    label: ClassVar[str] = "an elsewhere page"

    def detect(self, doc: Document) -> bool:
        return doc.text.startswith("#elsewhere")

    def page_url(self, url: str) -> str | None:
        return "https://evil.example/" if "127.0.0.1" in url else None

    def parse(self, doc: Document) -> Snapshot:
        raise AssertionError("never asked")
"""


@pytest.fixture
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    sources = {
        "rawlive_source": (RAWLIVE, "RawLiveSource"),
        "crashlive_source": (CRASHLIVE, "CrashLiveSource"),
        "elsewhere_source": (ELSEWHERE, "ElsewhereSource"),
    }
    with installed(tmp_path / "site", monkeypatch, sources) as site:
        yield site


def raw_server(make_demo_server: Callable[..., DemoServer], count: int = 3) -> DemoServer:
    server = make_demo_server()

    def answer(request: Request) -> Reply | None:
        if request.path != RAW_PAGE:
            return None
        return Reply(200, f"#rawlive {count}\n".encode(), "text/plain; charset=utf-8")

    server.intercept = answer
    return server


def liveread(
    *args: str, stdin: str | None = None, home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LIVEREAD_HOME": str(home)} if home is not None else None
    return subprocess.run(
        [sys.executable, "-m", "liveread", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
        env=env,
    )


def controls(text: str) -> set[str]:
    """Control, C1 and bidi-control characters in *text* (newlines and tabs aside)."""
    return {
        c
        for c in text
        if c not in "\n\t"
        and (unicodedata.category(c) == "Cc" or unicodedata.bidirectional(c) in _BIDI_CONTROLS)
    }


_BIDI_CONTROLS = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}


# -- every output path --------------------------------------------------------------------


def test_a_sources_escapes_reach_no_output(
    plugins: Path, make_demo_server: Callable[..., DemoServer], tmp_path: Path
) -> None:
    server = raw_server(make_demo_server)
    url = server.origin + RAW_PAGE
    page = tmp_path / "page.txt"
    page.write_text("#rawlive 3\n", encoding="utf-8")
    runs = {
        "parse": liveread("parse", str(page), "--url", url),
        "parse --json": liveread("parse", str(page), "--url", url, "--json"),
        "follow --once": liveread("follow", url, "--once", home=tmp_path / "other"),
        "follow --jsonl": liveread("follow", url + ".data", "--once", "--jsonl"),
        "export markdown": liveread("export", url + ".data", "--format", "markdown"),
        "export json": liveread("export", url),
        "list": liveread("list"),
        "list --json": liveread("list", "--json"),
        "brief": liveread("brief", url + ".data"),
        "search": liveread("search", "pilots", "--url", url + ".data"),
        "search --json": liveread("search", "harbour", "--json"),
    }
    for name, done in runs.items():
        assert done.returncode == 0, (name, done.stderr)
        assert not controls(done.stdout + done.stderr), (name, controls(done.stdout))
    # The sanitized text is there (it was read, not dropped), as literal characters.
    assert "Pilots ]0;pwned]52;c;" in runs["parse"].stdout
    assert "Pilots strike 2" in runs["follow --once"].stdout
    assert "Quay" in runs["export markdown"].stdout and "Eve" in runs["export json"].stdout
    lines = [json.loads(line) for line in runs["follow --jsonl"].stdout.splitlines()]
    assert [line["entry"]["id"] for line in lines if line["event"] == "new"] == ["r0", "r1", "r2"]
    # follow, export, search and brief resolved the source's data URL to the same blog.
    assert len(json.loads(runs["export json"].stdout)["entries"]) == 3
    assert "Pilots strike" in runs["search"].stdout and "Pilots" in runs["brief"].stdout
    assert len(runs["list --json"].stdout.splitlines()) == 1


def test_the_seam_sanitizes_every_field_and_leaves_clean_snapshots_alone() -> None:
    t0 = datetime(2031, 11, 5, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    raw = Snapshot(
        url=f"http://x.test/b{EVIL}",
        source="raw",
        entries=(
            Entry(
                f"id{EVIL}",
                t0,
                None,
                f"T{EVIL}",
                (
                    Block("paragraph", f"P{EVIL}"),
                    Block("image", image=Image(f"C{EVIL}", f"K{EVIL}", f"http://x/{EVIL}")),
                    Block("embed", text=f"E{EVIL}", embed="link", title=f"L{EVIL}", url="http://u"),
                ),
                f"http://x.test/b#{EVIL}",
                (f"A{EVIL}",),
            ),
        ),
        title=f"T{EVIL}",
        standfirst=f"S{EVIL}",
        site_name=f"N{EVIL}",
        main_image=Image(f"M{EVIL}"),
        pages=Pages(1, 2, older=f"http://x.test/2{EVIL}"),
        feed_ids=(f"id{EVIL}",),
        removed_ids=(f"gone{EVIL}",),
        feed=SourceRequest(f"http://x.test/api{EVIL}", f"json{EVIL}"),
        elsewhere=(EntryRef(f"ref{EVIL}", SourceRequest(f"http://x.test/r{EVIL}")),),
    )
    clean = sanitize(raw)
    texts = json.dumps(clean.to_dict()) + repr(clean)
    assert not controls(json.loads(json.dumps(texts)))
    assert clean.entries[0].id == clean.feed_ids[0]  # ids cleaned alike: still the same entry
    assert clean.entries[0].published.utcoffset() == timedelta(0)  # times in UTC
    assert clean.entries[0].published == t0
    assert sanitize(clean) is clean  # a clean snapshot is passed through, not rebuilt


def test_a_failing_detect_or_page_url_leaves_that_source_out_and_the_others_read(
    plugins: Path, make_demo_server: Callable[..., DemoServer], tmp_path: Path
) -> None:
    server = make_demo_server()
    guardian = tmp_path / "guardian.html"
    guardian.write_bytes(httpx.get(server.url, timeout=10).content)
    jsonld = tmp_path / "jsonld.html"
    posting = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "Ferries – live",
        "liveBlogUpdate": [
            {"@type": "BlogPosting", "headline": "Sailing off", "articleBody": "Not today.",
             "datePublished": "2031-11-05T09:00:00Z", "url": "https://x.test/live#p1"}
        ],
    }  # fmt: skip
    jsonld.write_text(
        f'<html><head><script type="application/ld+json">{json.dumps(posting)}</script>'
        "</head><body></body></html>"
    )
    for path, url, source in (
        (guardian, server.url, "guardian"),
        (jsonld, "https://x.test/live", "schemaorg"),
    ):
        done = liveread("parse", str(path), "--url", url, "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["source"] == source
        assert done.stderr.count("source crashlive left out: its detect failed") == 1
    # page_url: the failing source is left out, the one that sends a URL elsewhere refused.
    from liveread.sources import blog_key

    assert blog_key(server.url) == server.url.lower()
    done = liveread("follow", server.url, "--once", "--jsonl")
    assert done.returncode == 0, done.stderr
    assert "source crashlive left out: its page_url failed" in done.stderr
    assert "source elsewhere left out: its page_url failed (ValueError: it sent" in done.stderr
    assert all(json.loads(line)["blog"] == server.url for line in done.stdout.splitlines())


# -- the TUI in tmux -----------------------------------------------------------------------


def test_the_tui_keeps_a_sources_escapes_off_the_terminal(
    plugins: Path, make_demo_server: Callable[..., DemoServer], isolated_home: Path, tmp_path: Path
) -> None:
    if tmux_path() is None:
        pytest.skip("tmux is not installed: the real-terminal test needs it")
    server = raw_server(make_demo_server)
    url = server.origin + RAW_PAGE
    status = tmp_path / "status"
    clip = base64.b64encode(b"canary-clipboard").decode()
    command = (
        f"printf '\\033]0;canary-title\\007\\033]52;c;{clip}\\007'; "
        f"env LIVEREAD_HOME={shlex.quote(str(isolated_home))} TZ=UTC "
        f"{shlex.quote(sys.executable)} -m liveread {shlex.quote(url)} --interval 0.5; "
        f"echo $? > {shlex.quote(str(status))}"
    )
    with TmuxPane.start(tmp_path, command, size=(120, 40), cwd=REPO) as pane:
        shot = pane.wait_for(lambda s: "Pilots strike 2" in s.text, "the blog on screen")
        assert "Pilots ]0;pwned" in shot.lines[0]  # the title, as literal text
        assert not controls(shot.text)
        assert pane.title() == "canary-title"
        assert pane.buffers() == ["canary-clipboard"]
        pane.keys("y")  # the app's own OSC 52: the quote, with the source's text clean
        # Inside tmux the quote goes both ways: OSC 52 and tmux's own paste buffer.
        pane.wait_for(lambda _s: len(pane.buffers()) >= 2, "the quote copied")
        quotes = [b for b in pane.buffers() if b != "canary-clipboard"]
        assert quotes and all("Pilots strike" in q and not controls(q) for q in quotes)
        assert pane.title() == "canary-title"
        pane.keys("q")
        assert pane.wait_exit(status) == "0"

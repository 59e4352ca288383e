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
- "strictlive" breaks one snapshot rule at a time: the message names the
  source, the method and the rule; a ``KeyError`` on first contact is one
  line and exit 1 (``follow``) or 2 (``parse``), as the docs say.
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
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest

import liveread.sources._registry as registry
from liveread.demo.httpserver import Reply, Request
from liveread.demo.server import DemoServer
from liveread.errors import RuleBroken
from liveread.model import Block, Entry, EntryRef, FollowState, Image, Pages, Snapshot
from liveread.model import Request as SourceRequest
from liveread.sources import Document, Source
from liveread.sources._seam import check, sanitize
from tests.plugin_support import installed

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
        assert json.loads(done.stdout)["source"] in (source, "jsonld")
        assert done.stderr.count("source crashlive left out: its detect failed") == 1
    # page_url: the failing source is left out, the one that sends a URL elsewhere refused.
    from liveread.sources import blog_key

    assert blog_key(server.url) == server.url.lower()
    done = liveread("follow", server.url, "--once", "--jsonl")
    assert done.returncode == 0, done.stderr
    assert "source crashlive left out: its page_url failed" in done.stderr
    assert "source elsewhere left out: its page_url failed (ValueError: it sent" in done.stderr
    assert all(json.loads(line)["blog"] == server.url for line in done.stdout.splitlines())


# -- the snapshot rules --------------------------------------------------------------------

T0 = datetime(2031, 11, 5, 9, 0, tzinfo=timezone.utc)
ONE = Entry("a", T0, None, "A", (Block("paragraph", "a"),), "http://x.test/b#a")
PAGE = Snapshot("http://x.test/b", "strict", (ONE,), pages=Pages(1, 1), feed_ids=("a",))
UPDATE = Snapshot("http://x.test/b", "strict", (ONE,), kind="update", feed_ids=("a",))
REF = EntryRef("b", SourceRequest("http://x.test/e/b"))

BROKEN: list[tuple[str, str, Any, str]] = [
    ("update", "kind", replace(UPDATE, kind="page"), "it is kind 'update', not 'page'"),
    ("feed", "kind", replace(PAGE, kind="update"), "it is kind 'page', not 'update'"),
    ("page", "source", replace(PAGE, source=""), "source names what read it"),
    ("page", "type", replace(PAGE, title=None), "title is a string"),
    ("page", "entries", replace(PAGE, entries=[ONE]), "entries is a tuple of Entry"),
    ("page", "id", replace(PAGE, entries=(replace(ONE, id=" "),)), "a non-empty string id"),
    ("page", "body", replace(PAGE, entries=(replace(ONE, body=[]),)), "body is a tuple of Block"),
    (
        "page",
        "block kind",
        replace(PAGE, entries=(replace(ONE, body=(Block("table", "x"),)),)),  # type: ignore[arg-type]
        "body holds Blocks of the kinds",
    ),
    (
        "page",
        "embed kind",
        replace(PAGE, entries=(replace(ONE, body=(Block("embed", embed="gif"),)),)),
        "an embed's kind is one of",
    ),
    ("page", "time", replace(PAGE, entries=(replace(ONE, published="9:00"),)), "is a datetime"),
    ("older", "pages", replace(PAGE, pages=None), "an older page says where it sits"),
    ("update", "pages", replace(UPDATE, pages=Pages(1, 1)), "an answer has no pages"),
    ("page", "links", replace(PAGE, pages=Pages(1, 2, older="/p2")), "pages.older is an absolute"),
    ("feed", "feed", replace(PAGE, feed=SourceRequest("http://x.test/f")), "only page 1 names"),
    ("page", "feed url", replace(PAGE, feed=SourceRequest("api?p=1")), "feed's url is an absolute"),
    ("entry", "elsewhere", replace(UPDATE, elsewhere=(REF,)), "names no further entries"),
    ("page", "feed_ids", replace(PAGE, feed_ids=("a", "z")), "every id of feed_ids is an entry"),
    ("page", "removed", replace(PAGE, removed_ids=("a",)), "a deleted id is in removed_ids"),
    ("page", "partial", replace(PAGE, partial_ids=("z",)), "every id of partial_ids"),
    ("page", "window", replace(PAGE, window=True), "window is a number of entries"),
]


@pytest.mark.parametrize(
    ("part", "snapshot", "rule"),
    [(part, snapshot, rule) for part, _, snapshot, rule in BROKEN],
    ids=[f"{part}-{name}" for part, name, _, _ in BROKEN],
)
def test_each_snapshot_rule_is_checked_and_named(part: Any, snapshot: Any, rule: str) -> None:
    with pytest.raises(RuleBroken) as raised:
        check(snapshot, "strict", part)
    message = str(raised.value)
    assert rule in message and "the source 'strict' broke a snapshot rule in" in message
    assert "docs/sources.md" in message


def test_an_entrys_answer_holds_the_entry_asked_for_and_good_snapshots_pass() -> None:
    with pytest.raises(RuleBroken, match="holds the entry it was asked for"):
        check(UPDATE, "strict", "entry", asked="b")
    assert check(replace(PAGE, feed_ids=("a", "b"), elsewhere=(REF,)), "strict", "page") is not None
    assert check(UPDATE, "strict", "entry", asked="a") is UPDATE


STRICTLIVE = """
from typing import ClassVar
from datetime import datetime, timezone

from liveread.model import Block, Entry, FollowState, Request, Snapshot
from liveread.sources import Document, Source

T0 = datetime(2031, 11, 5, 9, 0, tzinfo=timezone.utc)


class StrictLiveSource(Source):
    name: ClassVar[str] = "strictlive"
    label: ClassVar[str] = "a strictlive page"

    def detect(self, doc: Document) -> bool:
        return doc.text.startswith("#strictlive")

    def parse(self, doc: Document) -> Snapshot:
        if "keyerror" in doc.text:
            return {}["missing"]
        one = Entry("a", T0, None, "A", (Block("paragraph", "a"),), doc.blog + "#a")
        return Snapshot(doc.blog, self.name, (one,), title="S", live=True, feed_ids=("a",),
                        source_data={"poll": doc.blog + "?poll"})

    def update_request(self, state: FollowState) -> Request | None:
        return Request(state.source_data["poll"])

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        return self.parse(doc)  # a whole page: the rule says an answer is an update
"""


@pytest.fixture
def strictlive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with installed(
        tmp_path / "site", monkeypatch, {"strictlive_source": (STRICTLIVE, "StrictLiveSource")}
    ) as site:
        yield site


def test_a_source_that_breaks_a_rule_is_told_which_one(
    strictlive: Path, make_demo_server: Callable[..., DemoServer]
) -> None:
    server = make_demo_server()
    body = {"text": "#strictlive\n"}
    server.intercept = lambda r: (
        Reply(200, body["text"].encode(), "text/plain") if r.path == "/strict" else None
    )
    url = server.origin + "/strict"
    proc = subprocess.Popen(
        [sys.executable, "-m", "liveread", "follow", url, "--interval", "0.5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        line = ""
        for line in proc.stderr:  # the first failed poll says which rule, in one line
            if "broke a snapshot rule" in line:
                break
        assert "the source 'strictlive' broke a snapshot rule in read_update()" in line
        assert "it is kind 'update', not 'page'" in line and "its author can fix it" in line
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    # A KeyError on first contact: one line, follow exits 1, parse exits 2.
    body["text"] = "#strictlive keyerror\n"
    done = liveread("follow", server.origin + "/strict?again", "--once")
    assert done.returncode == 1
    assert "the site's pages changed: a strictlive page could not be read" in done.stderr
    assert "Traceback" not in done.stderr
    parsed = liveread("parse", "-", "--url", url, stdin="#strictlive keyerror\n")
    assert parsed.returncode == 2 and "KeyError" in parsed.stderr


# -- the TUI in tmux -----------------------------------------------------------------------


def test_the_tui_keeps_a_sources_escapes_off_the_terminal(
    plugins: Path, make_demo_server: Callable[..., DemoServer], isolated_home: Path, tmp_path: Path
) -> None:
    from tests.tui.tmux_support import TmuxPane, tmux_path

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
        pane.wait_for(lambda _s: len(pane.buffers()) == 2, "the quote copied")
        quote = pane.buffers()[0]
        assert "Pilots strike" in quote and not controls(quote)
        assert pane.title() == "canary-title"
        pane.keys("q")
        assert pane.wait_exit(status) == "0"


# -- who reads what, with which URL; what an update answer may change -----------------------


class Probe(Source):
    """A source (registered alone, in the test) that notes what it was given."""

    name: ClassVar[str] = "probe"
    label: ClassVar[str] = "a probe page"

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str]] = []

    def detect(self, doc: Document) -> bool:
        return doc.text.startswith("#probe")

    def parse(self, doc: Document) -> Snapshot:
        self.seen.append(("parse", doc.url, doc.blog))
        older = "older" in doc.url
        return Snapshot(doc.blog, "probe", (), pages=Pages(2, 2) if older else None)

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        self.seen.append(("read_update", doc.url, doc.blog))
        return Snapshot(doc.blog, "probe", (), kind="update", source_data={"moved": 1}, live=False)


def test_each_part_is_read_by_the_blogs_source_with_the_url_that_was_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from liveread.sources import Asked, read

    probe = Probe()
    monkeypatch.setattr(registry, "registered", lambda: (probe,))
    state = FollowState(source="probe")
    blog = "http://x.test/blog"
    read("#probe older", "http://api.x.test/p?n=2&older", asked=Asked("older", state, blog))
    read("#probe", "http://api.x.test/poll?t=1", asked=Asked("update", state, blog))
    read("#probe", blog)  # page 1, by detection: the page is its own blog
    assert probe.seen == [
        ("parse", "http://api.x.test/p?n=2&older", blog),
        ("read_update", "http://api.x.test/poll?t=1", blog),
        ("parse", blog, blog),
    ]


async def test_an_update_answers_source_data_and_end_are_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from liveread.cache import Cache
    from liveread.fetch import FetchResult
    from liveread.follow._steps import Steps, Track

    probe = Probe()
    monkeypatch.setattr(registry, "registered", lambda: (probe,))

    async def get(url: str, validators: object, accept: str | None) -> FetchResult:
        return FetchResult(url, None, 200, False, b"#probe", None, None, None, None, None, 6, 0.0)

    blog = "http://x.test/blog"
    with Cache(tmp_path / "cache.sqlite3") as cache:
        cache.apply(Snapshot(blog, "probe", (), title="Probe", live=True))
        track = Track(blog, blog, FollowState(source="probe", live=True, walk_done=True))
        await Steps(cache, track, get).update(SourceRequest("http://x.test/poll"))
        stored = cache.follow_state(blog)
        assert stored.source_data == {"moved": 1} and stored.live is False
        assert cache.load(blog).live is False


class BadRequest(Probe):
    """A source whose update request is no URL at all."""

    name: ClassVar[str] = "badrequest"

    def parse(self, doc: Document) -> Snapshot:
        one = Entry("a", T0, None, "A", (Block("paragraph", "a"),), doc.blog + "#a")
        return Snapshot(doc.blog, self.name, (one,), title="Bad", live=True, feed_ids=("a",))

    def update_request(self, state: FollowState) -> SourceRequest | None:
        return SourceRequest("poll?since=now")


async def test_an_update_request_that_breaks_a_rule_is_said_once_and_page_1_is_read_instead(
    monkeypatch: pytest.MonkeyPatch,
    make_demo_server: Callable[..., DemoServer],
    tmp_path: Path,
) -> None:
    from liveread.cache import Cache
    from liveread.follow import Follower, FollowSettings
    from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, run_until

    monkeypatch.setattr(registry, "registered", lambda: (BadRequest(),))
    server = make_demo_server()
    server.intercept = lambda r: Reply(200, b"#probe", "text/plain") if r.path == "/b" else None
    url = server.origin + "/b"
    time, events = FakeTime(), Events()
    fetcher = RecordingFetcher(time)
    with Cache(tmp_path / "cache.sqlite3") as cache:
        follower = Follower(
            url,
            cache,
            settings=FollowSettings.for_url(url, 1.0, 1.0),
            on_event=events,
            fetcher=fetcher,
            clock=time.clock,
            sleep=time.sleep,
        )
        await run_until(follower, lambda: len(fetcher.calls) >= 4)
    said = [s.last_error for s in events.statuses() if s.last_error]
    assert said and "broke a rule in update_request()" in said[0]
    assert "reading page 1 instead" in said[0] and len(set(said)) == 1
    assert {u for _, u in fetcher.calls} == {url}  # page 1, every time

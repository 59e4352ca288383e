"""The snapshot rules: each one checked where a snapshot arrives, and named when broken.

- Every rule of ``docs/sources.md`` (the ✔ of its table), broken one at a
  time: the message names the source, the method and the rule.
- "strictlive", installed as a plug-in: an update answer that is a whole
  page is refused naming the rule, the follower goes on; a ``KeyError`` on
  first contact is one line and exit 1 (``follow``) or 2 (``parse``), as
  the docs say.
- Who reads what: every later response of a blog is read by its source,
  with the URL that was asked (``doc.url``) and the blog's page 1
  (``doc.blog``); an update answer's ``source_data`` and end are kept; an
  update request that breaks a rule is said once and page 1 read instead.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ClassVar

import pytest

import liveread.sources._registry as registry
from liveread.demo.http import Reply
from liveread.demo.server import DemoServer
from liveread.errors import RuleBroken
from liveread.model import Block, Entry, EntryRef, FollowState, Pages, Snapshot
from liveread.model import Request as SourceRequest
from liveread.sources import Document, Source
from liveread.sources._seam import check
from tests.plugin_support import installed
from tests.test_sources_seam import liveread

# -- the rules, one by one --------------------------------------------------------------------

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

    async def get(request: SourceRequest, validators: object) -> FetchResult:
        url = request.url
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

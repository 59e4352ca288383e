"""``liveread export --format atom|jsonfeed``: feeds read back by a real parser, field by field.

The cache is a real SQLite file written through ``Cache.apply`` on an
injected clock (so an edit and a removal happen at known moments); the export
runs as a subprocess, as a user runs it. The Atom document is read back by
``feedparser`` and, for what feedparser does not keep (RFC 6721 tombstones,
the raw HTML before feedparser's own sanitizer), by a strict XML parser.
feedparser 6.0 reads no JSON Feed, so the JSON Feed 1.1 rules are checked
here (:func:`check_json_feed`), from the specification.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pytest

from liveread.cache import Cache
from liveread.model import Block, Entry, Image, Snapshot, sort_newest_first

BLOG = "https://news.example/world/live/2026/nov/27/storm-live"
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
ATOM = "{http://www.w3.org/2005/Atom}"
TOMBSTONE = "{http://purl.org/atompub/tombstones/1.0}"
#: Every tag liveread's feed HTML may hold, and the attributes each may carry.
ALLOWED_HTML = {
    "p": set(),
    "br": set(),
    "h3": set(),
    "ul": set(),
    "li": set(),
    "blockquote": set(),
    "figure": set(),
    "figcaption": set(),
    "small": set(),
    "img": {"src", "alt"},
    "a": {"href"},
}


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LIVEREAD_HOME=str(home))
    env.pop("LIVEREAD_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "liveread", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def export(fmt: str, home: Path, url: str = BLOG) -> str:
    done = run("export", url, "--format", fmt, home=home)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def link(entry_id: str) -> str:
    return f"{BLOG}?page=with:block-{entry_id}#block-{entry_id}"


def entry(entry_id: str, minutes: int, *body: Block, **fields: Any) -> Entry:
    fields.setdefault("title", f"Entry {entry_id}")
    return Entry(
        id=entry_id,
        published=T0 + timedelta(minutes=minutes),
        updated=fields.pop("updated", None),
        body=body or (Block("paragraph", f"Text of {entry_id}."),),
        url=fields.pop("url", link(entry_id)),
        **fields,
    )


def page(*entries: Entry, removed: tuple[str, ...] = (), title: str = "Storm – live") -> Snapshot:
    ordered = sort_newest_first(entries)
    return Snapshot(
        url=BLOG,
        source="guardian",
        entries=ordered,
        title=title,
        standfirst="All the news as the storm passes.",
        site_name="The Example",
        live=True,
        feed_ids=tuple(e.id for e in ordered),
        removed_ids=removed,
    )


PHOTO = Image("Gates close at dawn", "Photograph: Ines Calloway/Press", "https://img.example/a.jpg")
PLAIN = entry("plain", 0, Block("paragraph", "Good morning."), authors=("Maren Holt",))
KEY = entry(
    "key",
    10,
    Block("paragraph", "The barrier closed."),
    Block("image", image=PHOTO),
    Block("embed", embed="link", title="How it works", url="https://news.example/how"),
    authors=("Dev Sarin", "Lucía Ferrand"),
    key_event=True,
)
SUMMARY = entry(
    "summary",
    20,
    Block("heading", "What we know"),
    Block("list_item", "Schools shut"),
    Block("list_item", "Trains stopped"),
    Block("quote", "Leave now."),
    summary=True,
)
UNTITLED = entry("untitled", 30, Block("paragraph", "A short update with no headline."), title=None)
DOOMED = entry("doomed", 40, Block("paragraph", "This will be taken back."))
EDITED_TEXT = "The barrier closed at 07:02, the council now says."


class Clock:
    def __init__(self) -> None:
        self.now = T0 + timedelta(hours=1)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def apply(isolated_home: Path, clock: Clock) -> Callable[[Snapshot], None]:
    def apply(snapshot: Snapshot) -> None:
        with Cache(isolated_home / "cache.sqlite3", now=clock) as cache:
            cache.apply(snapshot)

    return apply


def edited_key() -> Entry:
    return KEY.with_changes(body=(Block("paragraph", EDITED_TEXT), *KEY.body[1:]))


@pytest.fixture
def history(apply: Callable[[Snapshot], None], clock: Clock) -> Clock:
    """Five entries at 10:00; the key event edited at 11:00; one entry removed at 12:00."""
    apply(page(PLAIN, KEY, SUMMARY, UNTITLED, DOOMED))
    clock.now = T0 + timedelta(hours=2)
    apply(page(PLAIN, edited_key(), SUMMARY, UNTITLED, DOOMED))
    clock.now = T0 + timedelta(hours=3)
    apply(page(PLAIN, edited_key(), SUMMARY, UNTITLED, removed=("doomed",)))
    return clock


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def parsed_time(struct: Any) -> datetime:
    return datetime(*struct[:6], tzinfo=timezone.utc)


class TagCollector(HTMLParser):
    """Every tag and attribute of an HTML fragment, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(fragment: str) -> TagCollector:
    """Only the allowed tags and attributes; every link and source absolute http(s)."""
    collector = TagCollector()
    collector.feed(fragment)
    collector.close()
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_HTML, (tag, fragment)
        assert set(attrs) <= ALLOWED_HTML[tag], (tag, attrs)
        for name in ("href", "src"):
            if name in attrs:
                assert str(attrs[name]).startswith(("http://", "https://")), attrs
    return collector


def check_json_feed(doc: dict[str, Any]) -> None:
    """The JSON Feed 1.1 rules a document must follow (jsonfeed.org/version/1.1)."""
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(doc["title"], str) and doc["title"]
    assert isinstance(doc["items"], list)
    for key in ("home_page_url", "feed_url", "description"):
        assert key not in doc or isinstance(doc[key], str)
    for author in doc.get("authors", []):
        assert isinstance(author["name"], str) and author["name"]
    assert isinstance(doc.get("expired", False), bool)
    ids = [item["id"] for item in doc["items"]]
    assert len(ids) == len(set(ids)), "an id is unique within the feed"
    for item in doc["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert "content_html" in item or "content_text" in item
        for key in ("url", "title", "content_html", "content_text", "image", "summary"):
            assert key not in item or isinstance(item[key], str)
        for key in ("date_published", "date_modified"):
            if key in item:
                assert item[key].endswith("Z") and datetime.fromisoformat(item[key][:-1])
        for author in item.get("authors", []):
            assert isinstance(author["name"], str) and author["name"]
        assert all(isinstance(tag, str) for tag in item.get("tags", []))
    for key in (k for obj in (doc, *doc["items"]) for k in obj):
        # Extensions start with an underscore and a letter; nothing else is unknown.
        assert not key.startswith("_") or key[1].isalpha(), key


def atom_tree(text: str) -> ET.Element:
    """Parse with a strict XML parser: any character XML 1.0 forbids fails here."""
    return ET.fromstring(text.encode("utf-8"))


def test_atom_export_carries_every_field(history: Clock, isolated_home: Path) -> None:
    text = export("atom", isolated_home)
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Storm – live"
    assert feed.feed.subtitle == "All the news as the storm passes."
    assert feed.feed.id == BLOG
    assert feed.feed.link == BLOG
    assert feed.feed.author == "The Example"
    assert parsed_time(feed.feed.updated_parsed) == at(3), "the newest change: the removal"

    # One entry per entry, newest first, the removed one not among them.
    assert [e.id for e in feed.entries] == [
        link("untitled"),
        link("summary"),
        link("key"),
        link("plain"),
    ]
    by_id = {e.id: e for e in feed.entries}
    key = by_id[link("key")]
    assert key.link == link("key")
    assert key.title == "Entry key"
    assert parsed_time(key.published_parsed) == T0 + timedelta(minutes=10)
    assert parsed_time(key.updated_parsed) == at(2), "the edit moved updated"
    assert [a.name for a in key.authors] == ["Dev Sarin", "Lucía Ferrand"]
    assert [t.term for t in key.tags] == ["key-event"]
    assert [t.label for t in key.tags] == ["Key event"]
    html = key.content[0].value
    assert EDITED_TEXT in html and "The barrier closed." not in html
    tags = check_html(html).tags
    assert ("img", {"src": "https://img.example/a.jpg", "alt": "Gates close at dawn"}) in tags
    assert ("a", {"href": "https://news.example/how"}) in tags
    assert "Gates close at dawn <small>Photograph: Ines Calloway/Press</small>" in html
    assert "[Link] How it works</a>" in html

    summary = by_id[link("summary")]
    assert [t.term for t in summary.tags] == ["summary"]
    assert "<h3>What we know</h3>" in summary.content[0].value
    assert "<ul><li>Schools shut</li><li>Trains stopped</li></ul>" in summary.content[0].value
    assert "<blockquote><p>Leave now.</p></blockquote>" in summary.content[0].value
    assert parsed_time(summary.updated_parsed) == parsed_time(summary.published_parsed)
    assert by_id[link("untitled")].title == "A short update with no headline."
    assert by_id[link("plain")].authors == [{"name": "Maren Holt"}]
    assert "tags" not in by_id[link("plain")]

    # The removal: an RFC 6721 tombstone in the entry's place, naming its id and when.
    root = atom_tree(text)
    children = [c for c in root if c.tag in (f"{ATOM}entry", f"{TOMBSTONE}deleted-entry")]
    assert children[0].tag == f"{TOMBSTONE}deleted-entry"
    (deleted,) = root.findall(f"{TOMBSTONE}deleted-entry")
    assert deleted.get("ref") == link("doomed")
    assert deleted.get("when") == "2026-11-27T12:00:00Z"
    assert "taken back" not in text, "the removed text is not sent again"
    for content in root.iter(f"{ATOM}content"):
        assert content.get("type") == "html"
        check_html(content.text or "")


def test_an_edit_keeps_the_id_and_moves_updated(
    apply: Callable[[Snapshot], None], clock: Clock, isolated_home: Path
) -> None:
    apply(page(PLAIN, KEY))
    before = feedparser.parse(export("atom", isolated_home))
    clock.now = at(2)
    apply(page(PLAIN, edited_key()))
    after = feedparser.parse(export("atom", isolated_home))
    assert [e.id for e in after.entries] == [e.id for e in before.entries]
    old, new = before.entries[0], after.entries[0]
    assert parsed_time(old.updated_parsed) == parsed_time(old.published_parsed)
    assert parsed_time(new.updated_parsed) == at(2)
    assert parsed_time(after.feed.updated_parsed) == at(2)
    assert EDITED_TEXT in new.content[0].value


def test_json_feed_export_carries_every_field(history: Clock, isolated_home: Path) -> None:
    doc = json.loads(export("jsonfeed", isolated_home))
    check_json_feed(doc)
    assert doc["title"] == "Storm – live"
    assert doc["home_page_url"] == BLOG
    assert doc["description"] == "All the news as the storm passes."
    assert doc["authors"] == [{"name": "The Example"}]
    assert doc["_liveread"]["updated"] == "2026-11-27T12:00:00Z"
    assert "feed_url" not in doc, "an export is served nowhere"
    ids = [item["id"] for item in doc["items"]]
    assert ids == [link(i) for i in ("doomed", "untitled", "summary", "key", "plain")]
    items = dict(zip(ids, doc["items"], strict=True))

    key = items[link("key")]
    assert key["url"] == link("key")
    assert key["title"] == "Entry key"
    assert key["date_published"] == "2026-11-27T09:10:00Z"
    assert key["date_modified"] == "2026-11-27T11:00:00Z"
    assert key["authors"] == [{"name": "Dev Sarin"}, {"name": "Lucía Ferrand"}]
    assert key["tags"] == ["key-event"]
    assert key["image"] == "https://img.example/a.jpg"
    assert EDITED_TEXT in key["content_html"] and EDITED_TEXT in key["content_text"]
    assert "Photograph: Ines Calloway/Press" in key["content_html"]
    check_html(key["content_html"])
    assert items[link("summary")]["tags"] == ["summary"]
    assert "• Schools shut" in items[link("summary")]["content_text"]

    gone = items[link("doomed")]
    assert gone["_liveread"] == {"deleted": True, "deleted_at": "2026-11-27T12:00:00Z"}
    assert gone["date_modified"] == "2026-11-27T12:00:00Z"
    assert gone["title"] == "Removed by the publisher"
    assert "taken back" not in json.dumps(gone)


HOSTILE_TITLE = "<script>alert('t')</script> ]]> &amp; \x1b]0;owned\x07 \u202eevil\u202c \ufffe"
HOSTILE_TEXT = "Text <b onclick=x>bold</b> ]]> &lt; \x00\x08\x1b[31m\u2066iso\u2069 end"


def hostile_entry() -> Entry:
    return entry(
        "hostile",
        50,
        Block("paragraph", HOSTILE_TEXT),
        Block("image", image=Image('cap" onerror="x', "credit <i>", "javascript:alert(1)")),
        Block("image", image=Image("data", "", "data:image/png;base64,AAAA")),
        Block("embed", embed="link", title="click", url="javascript:alert(2)"),
        Block("embed", embed="video", title="vid", url="https://user:secret@video.example/v"),
        Block("quote", '"]]><script>alert(3)</script>'),
        title=HOSTILE_TITLE,
        authors=("<img src=x onerror=alert(4)>",),
        url="javascript:alert(5)",
    )


def test_hostile_text_stays_text(apply: Callable[[Snapshot], None], isolated_home: Path) -> None:
    apply(page(PLAIN, hostile_entry(), title="Blog <script>alert(6)</script>\x1b[2J"))
    text = export("atom", isolated_home)
    root = atom_tree(text)  # well-formed XML 1.0: nothing forbidden, nothing unescaped
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Blog <script>alert(6)</script>[2J"  # ESC gone, text kept
    hostile = feed.entries[0]
    assert hostile.title == "<script>alert('t')</script> ]]> &amp; ]0;owned evil"
    # The entry's own link was javascript:: the id falls back to one under the blog.
    assert hostile.id == f"{BLOG}#liveread-entry-hostile"
    assert hostile.link == BLOG
    assert [a.name for a in hostile.authors] == ["<img src=x onerror=alert(4)>"]
    raw = next(c.text or "" for c in root.iter(f"{ATOM}content") if "Text" in (c.text or ""))
    page_html = check_html(raw)
    assert "javascript:" not in raw and "data:" not in raw and "secret" not in raw
    assert "<script" not in raw and "onclick" not in raw.replace("&lt;b onclick", "")
    words = "".join(page_html.text)
    assert "Text <b onclick=x>bold</b> ]]> &lt;" in words, "markup in the text is shown as text"
    assert "<script>alert(3)</script>" in words
    for bad in ("\x00", "\x08", "\x1b", "\u2066", "\u202e", "\ufffe"):
        assert bad not in text
    hrefs = [a.get("href") for tag, a in page_html.tags if tag == "a"]
    assert hrefs == ["https://video.example/v"], "credentials and javascript: links dropped"

    doc = json.loads(export("jsonfeed", isolated_home))
    check_json_feed(doc)
    item = doc["items"][0]
    check_html(item["content_html"])
    assert item["title"] == hostile.title
    assert "url" in item and item["url"] == BLOG
    assert "image" not in item, "no photo with a usable URL"
    serialized = json.dumps(doc, ensure_ascii=False)
    for bad in ("\x1b", "\u202e", "\ufffe", "javascript:", "secret"):
        assert bad not in serialized


def test_five_thousand_entries_make_valid_feeds(isolated_home: Path) -> None:
    from liveread.demo import DemoBlog
    from liveread.model import Pages

    demo = DemoBlog.synthetic(5000, base_url="https://news.example/live/big", seed=5)
    every = demo.entries_newest_first()
    with Cache(isolated_home / "cache.sqlite3") as cache:
        cache.apply(
            Snapshot(
                url=demo.url,
                source="guardian",
                entries=every,
                title=demo.title,
                live=True,
                pages=Pages(1, 1),
                feed_ids=tuple(e.id for e in every),
            )
        )
    text = export("atom", isolated_home, demo.url)
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 5000
    assert [e.id for e in feed.entries] == [e.url for e in every]
    published = [parsed_time(e.published_parsed) for e in feed.entries]
    assert published == sorted(published, reverse=True)
    keys = sum(1 for e in every if e.key_event)
    assert sum(1 for e in feed.entries if "tags" in e and e.tags[0].term == "key-event") == keys
    atom_tree(text)
    doc = json.loads(export("jsonfeed", isolated_home, demo.url))
    check_json_feed(doc)
    assert [item["id"] for item in doc["items"]] == [e.url for e in every]


def test_export_of_an_unknown_blog_is_one_line(isolated_home: Path) -> None:
    done = run("export", "https://news.example/nothing", "--format", "atom", home=isolated_home)
    assert done.returncode != 0
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("liveread: ")


def test_list_and_parse_never_import_the_feed_packages(
    history: Clock, isolated_home: Path, tmp_path: Path
) -> None:
    code = (
        "import sys\n"
        "from liveread.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('liveread.feeds', "
        "'liveread.serve', 'http.server')))\n"
        "assert not loaded, loaded\n"
        "raise SystemExit(status)\n"
    )
    saved = tmp_path / "page.html"
    saved.write_text("<html><body><p>not a live blog</p></body></html>")
    env = dict(os.environ, LIVEREAD_HOME=str(isolated_home))
    for args in (["list"], ["list", "--json"], ["parse", str(saved)], ["export", BLOG]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert "AssertionError" not in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr, (args, done.stderr)

"""Reading a Le Monde "en direct" page: its posts, the essential ones, readers' questions, the end.

A post shows only a clock time (``HH:MM``, Paris). Its date is the live's
day, from the page's URL (``/live/YYYY/MM/DD/``) or its publication time,
moved on by a day each time the clock goes back from one post to the next
newer one (a live that runs past midnight); a machine-readable time on the
post (``time[datetime]``, a time attribute) wins when there is one. Paris
time is turned into UTC by the European summer-time rule (last Sunday of
March to last Sunday of October, from 01:00 UTC).

A reader's question is a quote with the reader's name under it, followed by
the journalist's answer; a citation is a quote; the essential posts are key
events. The page shows a window: posts it stops showing are not removals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread import urls
from liveread.errors import LayoutChanged
from liveread.model import Block, Entry, Image, Snapshot, sort_newest_first
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.sources import _meta as meta
from liveread.sources import rendered
from liveread.sources._continues import next_blog
from liveread.sources.lemonde._profile import (
    CITATION,
    CONTENT,
    ENDED,
    ESSENTIAL_ATTR,
    ESSENTIAL_CLASS,
    FIGURE,
    HERO_IMAGE,
    LIVE_LABEL,
    LIVE_PATH,
    NEXT_LINK,
    POST,
    POST_ID,
    QUESTION,
    QUESTION_AUTHOR,
    QUESTION_TEXT,
    SKIP,
    STANDFIRST,
    TIME,
    TITLE,
    TWEET,
    URL_DATE,
    VIDEO_HOSTS,
)
from liveread.urls import host

__all__ = ["continuation", "paris_to_utc", "read_page", "read_post"]

_CLOCK = re.compile(r"(\d{1,2})\s*[:h]\s*(\d{2})")
_PUBLISHED = 'meta[property="article:published_time"], meta[property="og:article:published_time"]'
_TITLE = 'meta[property="og:title"]'
_OLD_ID = re.compile(r"^id-(\d+)$")


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def _summer(moment: datetime) -> bool:
    """European summer time, by its rule: from 01:00 UTC on March's last Sunday to October's."""
    year = moment.year
    start = datetime.combine(_last_sunday(year, 3), datetime.min.time(), timezone.utc)
    end = datetime.combine(_last_sunday(year, 10), datetime.min.time(), timezone.utc)
    return start + timedelta(hours=1) <= moment < end + timedelta(hours=1)


def paris_to_utc(day: date, hour: int, minute: int) -> datetime:
    """A Paris clock time on *day*, in UTC (UTC+1 in winter, UTC+2 in summer)."""
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc)
    return local - timedelta(hours=2 if _summer(local - timedelta(hours=2)) else 1)


def _live_day(tree: LexborHTMLParser, url: str) -> date | None:
    found = URL_DATE.search(urlsplit(url).path)
    if found:
        try:
            return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            pass
    node = tree.css_first(_PUBLISHED)
    moment = rendered.epoch_time(node.attributes.get("content")) if node is not None else None
    if moment is None:
        return None
    return (moment + timedelta(hours=2 if _summer(moment) else 1)).date()


def _machine_time(post: LexborNode) -> datetime | None:
    own = rendered.element_time(post, rendered.POST_TIME_ATTRS)
    if own is not None:
        return own
    stamp = post.css_first("time[datetime]")
    return rendered.epoch_time(stamp.attributes.get("datetime")) if stamp is not None else None


def _clock(post: LexborNode) -> tuple[int, int] | None:
    node = post.css_first(TIME)
    found = _CLOCK.search(htmlwalk.inline_text(node)) if node is not None else None
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2))
    return (hour, minute) if hour < 24 and minute < 60 else None


def _times(posts: Sequence[LexborNode], day: date | None) -> list[datetime | None]:
    """Each post's time (posts newest first): its own, else its clock on the live's day."""
    times: list[datetime | None] = [None] * len(posts)
    current = day
    previous: tuple[int, int] | None = None
    for index in range(len(posts) - 1, -1, -1):  # oldest first, to count midnights
        post = posts[index]
        clock = _clock(post)
        if clock is not None and previous is not None and clock < previous and current:
            current += timedelta(days=1)
        if clock is not None:
            previous = clock
        times[index] = _machine_time(post) or (
            paris_to_utc(current, *clock) if clock is not None and current else None
        )
    return times


def _image(node: LexborNode, base: str) -> Block | None:
    img = node if node.tag == "img" else node.css_first("img")
    if img is None:
        return None
    raw = img.attributes.get("data-src") or img.attributes.get("src") or ""
    url = urls.join(base, clean_inline(raw)) if raw and not raw.startswith("data:") else ""
    caption_node = node.css_first("figcaption") if node.tag != "img" else None
    caption = credit = ""
    if caption_node is not None:
        credit_node = caption_node.css_first('[class*="credit"], [class*="copyright"]')
        credit = rendered.credit_text(htmlwalk.inline_text(credit_node)) if credit_node else ""
        skip = {credit_node.mem_id} if credit_node is not None else set()
        caption = _text_without(caption_node, skip)
    caption = caption or clean_inline(img.attributes.get("alt") or "")
    safe = url if urls.is_safe_link(url) else None
    if not (safe or caption):
        return None
    return Block("image", image=Image(caption, credit, safe))


def _text_without(node: LexborNode, skip: set[int]) -> str:
    parts = []
    for child in node.iter(include_text=True):
        if child.mem_id in skip:
            continue
        parts.append(
            child.text_content or "" if child.tag == "-text" else htmlwalk.inline_text(child)
        )
    return clean_inline(" ".join(parts))


def _question(node: LexborNode) -> list[Block]:
    """A reader's question: the question quoted, and who asked it."""
    asked = node.css_first(QUESTION_TEXT)
    text = htmlwalk.inline_text(asked) if asked is not None else htmlwalk.inline_text(node)
    who = node.css_first(QUESTION_AUTHOR)
    name = htmlwalk.inline_text(who) if who is not None else ""
    if not text:
        return []
    return [Block("quote", text=f"{text}\n— {name}" if name else text)]


def _override(base: str, title: LexborNode | None) -> htmlwalk.Override:
    def override(node: LexborNode) -> list[Block] | None:
        if title is not None and node.mem_id == title.mem_id:
            return []  # the post's title, not its body
        if _is(node, SKIP):
            return []
        if _is(node, QUESTION):
            return _question(node)
        if _is(node, CITATION):
            text = "\n".join(
                t for t in (htmlwalk.inline_text(p) for p in node.css("p")) if t
            ) or htmlwalk.inline_text(node)
            return [Block("quote", text=text)] if text else []
        if _is(node, TWEET) or _is(node, "blockquote.twitter-tweet"):
            quoted = node if node.tag == "blockquote" else node.css_first("blockquote")
            return [rendered.tweet(quoted)] if quoted is not None else []
        if node.tag in ("figure", "img") or _is(node, FIGURE):
            image = _image(node, base)
            return [image] if image is not None else []
        if node.tag == "iframe":
            return _player(node, base)
        return None

    return override


def _player(node: LexborNode, base: str) -> list[Block]:
    """An embedded player (a video site's, or a widget) as an embed, by its address."""
    src = urls.join(base, clean_inline(node.attributes.get("src") or ""))
    if not urls.is_safe_link(src):
        return []
    video = any(site in src for site in VIDEO_HOSTS)
    return [Block("embed", embed="video" if video else "other", url=src)]


def _is(node: LexborNode, selector: str) -> bool:
    """Tell whether *node* itself matches *selector*."""
    first = node.css_first(selector)
    return first is not None and first.mem_id == node.mem_id


def _post_id(post: LexborNode) -> str:
    own = clean_inline(post.attributes.get(POST_ID) or "")
    if own:
        return own
    old = _OLD_ID.match(clean_inline(post.attributes.get("id") or ""))
    return old.group(1) if old else ""


def read_post(post: LexborNode, base: str, published: datetime | None) -> Entry | None:
    """Read one post (None without an id or a time: nothing to hold it by).

    Args:
        post: The ``section.post__live-container`` element.
        base: The page's URL.
        published: Its time (see the module: the page shows only a clock).

    """
    post_id = _post_id(post)
    if not post_id or published is None:
        return None
    content = post.css_first(CONTENT) or post
    title_node = content.css_first(TITLE)
    title = htmlwalk.inline_text(title_node) if title_node is not None else ""
    body = tuple(htmlwalk.blocks_from_node(content, _override(base, title_node)))
    classes = set((post.attributes.get("class") or "").split())
    blog = urls.blog_url(base)
    return Entry(
        id=post_id,
        published=published,
        updated=None,
        title=title or None,
        body=body,
        url=f"{blog}#{post_id}",
        key_event=ESSENTIAL_CLASS in classes or ESSENTIAL_ATTR in post.attributes,
    )


def continuation(tree: LexborHTMLParser, url: str) -> str | None:
    """The next live an ended live's newest post links to, or None (and None while live).

    Its ``.post__live-container--link``, else its first link to another live
    of the same site (``/live/`` in the path, not this one).
    """
    if tree.css_first(ENDED) is None:
        return None
    newest = tree.css_first(POST)
    if newest is None:
        return None
    marked = newest.css(f"a{NEXT_LINK}[href], {NEXT_LINK} a[href]")
    hrefs = (a.attributes.get("href") or "" for a in [*marked, *newest.css("a[href]")])
    return next_blog(hrefs, url, LIVE_PATH)


def read_page(tree: LexborHTMLParser, url: str, source: str) -> Snapshot:
    """Read a live page: its posts (newest first), title, standfirst, picture and whether it ended.

    Raises:
        LayoutChanged: The page has the live's posts, but none can be read.

    """
    posts = tree.css(POST)
    times = _times(posts, _live_day(tree, url))
    entries = [
        e
        for e in (read_post(p, url, t) for p, t in zip(posts, times, strict=True))
        if e is not None
    ]
    if not entries:
        raise LayoutChanged(f"{host(url)}: Le Monde live posts, but none could be read")
    unique: list[Entry] = []
    for entry in entries:  # a post shown twice (pinned and in place) is one entry
        if all(entry.id != kept.id for kept in unique):
            unique.append(entry)
    title_node = tree.css_first(_TITLE)
    title = clean_inline(title_node.attributes.get("content") or "") if title_node else ""
    if not title:
        heading = tree.css_first("h1")
        title = htmlwalk.inline_text(heading) if heading is not None else ""
    standfirst = tree.css_first(STANDFIRST)
    live: bool | None = None
    if tree.css_first(ENDED) is not None:
        live = False
    elif tree.css_first(LIVE_LABEL) is not None:
        live = True
    hero = tree.css_first(HERO_IMAGE)
    hero_url = urls.join(url, clean_inline(hero.attributes.get("src") or "")) if hero else ""
    return Snapshot(
        url=urls.blog_url(url),
        source=source,
        entries=sort_newest_first(unique),
        title=title,
        standfirst=htmlwalk.inline_text(standfirst) if standfirst is not None else "",
        live=live,
        main_image=Image("", "", hero_url) if urls.is_safe_link(hero_url) else None,
        feed_ids=tuple(e.id for e in unique),
        kind="page",
        site_name=meta.site_name(tree),
        # Whether the page holds the whole live is not known: what leaves it is not a removal.
        window=len(unique),
        continues_at=continuation(tree, url),
    )

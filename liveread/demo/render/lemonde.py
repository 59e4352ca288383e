"""The demo blog as a Le Monde « en direct » page shows it (an invented daily, *Le Courrier*).

What public followers of Le Monde's live pages read, drawn from the demo blog:

- the live's flag ``span.label__live`` ("En direct"), ``label__live--off``
  added ("Terminé") once it has ended; its title, the standfirst
  ``p#js-summary-live`` and the picture ``.hero__live-content .hero__live-img``;
- every post, newest first, as ``section.post.post__live-container`` with
  ``data-post-id``, inside ``section.post__live-section.post-container``: a
  clock time only (``.info-content .date``, ``HH:MM`` in Paris; the day is in
  the page's URL and its ``article:published_time``), the content
  ``.content--live`` with its title ``h2.post__live-container--title``, text
  ``p.post__live-container--answer-text``, lists ``ul.article__unordered-list``,
  quotes ``blockquote.post__live-container--citation``, pictures
  ``figure.post__live-container--figure`` (a lazy ``img[data-src]`` over a
  placeholder, the credit in the caption's ``--figure-credit``) and tweets;
- key events and summaries as the essential posts ("L'Essentiel"): the class
  ``post__live-container--essential`` on a key event, the attribute
  ``data-post-essential`` on a summary (both markers are read in the wild);
- readers' words as Le Monde shows its readers' questions: the words in
  ``blockquote.post__live-container--comment-blockquote`` and the reader's
  name in ``--comment-author``, inside ``--comment-content``, the journalist's
  answer after it. The demo's readers' messages are list items written
  ``“words” – Name, Place``; those are drawn so;
- the closing post of a live another one continues: its link to the next live
  is ``a.post__live-container--link``.

The page shows every post: a removed one is simply gone.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from liveread.demo.render._markup import esc, h, tweet_html

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = [
    "SITE_NAME",
    "lemonde_credit",
    "paris",
    "post_id",
    "reader_words",
    "render_lemonde_page",
]

#: The (invented) daily this renderer's pages belong to.
SITE_NAME = "Le Courrier de Marlhaven"
#: A reader's words in the demo story: ``“words” – Name, Place``.
_READER = re.compile(r"^“(?P<words>.+)”\s+–\s+(?P<name>.+)$", re.S)
_LINK = re.compile(r"<a href=")
_PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


def _last_sunday(year: int, month: int) -> datetime:
    first_next = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=timezone.utc)
    last = first_next - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def paris(moment: datetime) -> datetime:
    """*moment* on Paris's clock (CET, CEST from March's last Sunday to October's, at 01:00 UTC)."""
    utc = moment.astimezone(timezone.utc)
    start = _last_sunday(utc.year, 3) + timedelta(hours=1)
    end = _last_sunday(utc.year, 10) + timedelta(hours=1)
    offset = timedelta(hours=2 if start <= utc < end else 1)
    return utc.astimezone(timezone(offset))


def lemonde_credit(credit: str) -> str:
    """A story credit ("Photograph: Name/Agency") as Le Monde prints it: "NAME / AGENCY"."""
    return " / ".join(p.strip() for p in credit.removeprefix("Photograph:").split("/")).upper()


def reader_words(block: StoryBlock) -> tuple[str, str] | None:
    """A reader's words and name, when *block* is one (a list item ``“words” – Name``)."""
    if block.kind != "list_item":
        return None
    found = _READER.match(block.text)
    return (found.group("words"), found.group("name")) if found else None


def _figure(block: StoryBlock) -> str:
    img = h(
        "img",
        {
            "class": "post__live-container--img",
            "data-src": block.url,
            "src": _PLACEHOLDER,
            "alt": block.alt,
        },
    )
    credit = h(
        "span", {"class": "post__live-container--figure-credit"}, esc(lemonde_credit(block.credit))
    )
    caption = h(
        "figcaption",
        {"class": "post__live-container--figure-caption"},
        esc(block.caption),
        " ",
        credit if block.credit else "",
    )
    return h("figure", {"class": "post__live-container--figure"}, img, caption)


def _comment(words: str, name: str) -> str:
    return h(
        "div",
        {"class": "post__live-container--comment-content"},
        h("blockquote", {"class": "post__live-container--comment-blockquote"}, esc(words)),
        h("p", {"class": "post__live-container--comment-author"}, esc(name)),
    )


def _text(inner: str) -> str:
    marked = _LINK.sub('<a class="post__live-container--link" href=', inner)
    return h("p", {"class": "post__live-container--answer-text post__space-node"}, marked)


def _body(post: Post) -> str:
    out: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            out.append(h("ul", {"class": "article__unordered-list"}, *items))
            items.clear()

    for block in post.blocks:
        reader = reader_words(block)
        if reader is not None:
            flush()
            out.append(_comment(*reader))
        elif block.kind == "list_item":
            items.append(h("li", None, block.inner_html))
        else:
            flush()
            out.append(_block(block, post))
    flush()
    return "".join(out)


def _block(block: StoryBlock, post: Post) -> str:
    if block.kind == "paragraph":
        return _text(block.inner_html)
    if block.kind == "heading":
        return h("h3", {"class": "post__live-container--subtitle"}, block.inner_html)
    if block.kind == "quote":
        lines = block.inner_html.split("</p><p>")
        return h(
            "blockquote",
            {"class": "post__live-container--citation"},
            *(h("p", None, line) for line in lines),
        )
    if block.kind == "image":
        return _figure(block)
    if block.kind == "tweet":
        return h("div", {"class": "post__live-container--tweet"}, tweet_html(block, post))
    if block.kind == "video":
        src = f"https://www.youtube.com/embed/{block.asset_id}"
        return h("iframe", {"src": src, "title": block.title, "allowfullscreen": ""})
    if block.kind == "link":
        return _text(h("a", {"href": block.url}, esc(block.text)))
    return ""


def _post(post: Post) -> str:
    entry = post.entry
    classes = "post post__live-container"
    if entry.key_event:
        classes += " post__live-container--essential"
    attrs: dict[str, str | int | None] = {"class": classes, "data-post-id": post_id(post)}
    if entry.summary:
        attrs["data-post-essential"] = ""
    clock = f"{paris(entry.published):%H:%M}"
    header = h(
        "div",
        {"class": "header-content__live"},
        h("div", {"class": "info-content"}, h("span", {"class": "date"}, clock)),
    )
    title = ""
    if entry.title:
        title = h("h2", {"class": "post__live-container--title post__space-node"}, esc(entry.title))
    content = h("div", {"class": "content--live"}, title, _body(post))
    return h("section", attrs, header, content)


def post_id(post: Post) -> str:
    """A post's ``data-post-id`` (digits, from its demo id's counter)."""
    return str(int(post.id[-6:], 16) + 5000)


def render_lemonde_page(blog: BlogState, *, page_url: str | None = None) -> str:
    """Return the blog as a Le Monde live page.

    Args:
        blog: The demo blog.
        page_url: Where the page is served (default: the blog's URL).

    """
    url = page_url or blog.url
    ended = blog.ended_at is not None
    flag = h(
        "span",
        {"class": "flag-live-cartridge label__live" + (" label__live--off" if ended else "")},
        "Terminé" if ended else "En direct",
    )
    main = blog.story.main_image
    hero = h(
        "section",
        {"class": "hero__live"},
        flag,
        h("h1", {"class": "hero__live-title"}, esc(blog.title)),
        h("p", {"id": "js-summary-live"}, esc(blog.story.standfirst)),
        h(
            "div",
            {"class": "hero__live-content"},
            h("img", {"class": "hero__live-img", "src": main.url, "alt": ""}),
        ),
    )
    posts = "".join(_post(p) for p in blog.posts_newest_first())
    section = h(
        "section", {"class": "post__live-section post-container", "id": "post-container"}, posts
    )
    published = paris(blog.first_published).isoformat(timespec="seconds")
    head = h(
        "head",
        None,
        h("meta", {"charset": "utf-8"}),
        h("title", None, esc(blog.title)),
        h("meta", {"property": "og:site_name", "content": SITE_NAME}),
        h("meta", {"property": "og:title", "content": blog.title}),
        h("meta", {"property": "article:published_time", "content": published}),
        h("link", {"rel": "canonical", "href": url}),
    )
    footer = h("footer", None, h("p", None, f"{esc(SITE_NAME)} : un quotidien imaginaire."))
    body = h("body", None, h("main", None, hero, section), footer)
    return "<!DOCTYPE html>" + h("html", {"lang": "fr"}, head, body)

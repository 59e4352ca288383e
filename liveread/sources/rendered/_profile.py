"""What a family of publishers marks in its rendered entries, as data: :class:`Profile`.

Also the general signals every profile shares (the time attributes entries
carry) and the standard embed widgets. :data:`DEFAULT` is what a publisher
liveread knows nothing about gets.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT",
    "EDIT_TIME_ATTRS",
    "KEY_EVENT_BOX_LINKS",
    "POST_TIME_ATTRS",
    "STANDARD_EMBEDS",
    "Embed",
    "Profile",
]

#: Attributes an entry element carries with its publication (or sort) time.
POST_TIME_ATTRS = ("data-post-time", "data-sort-time", "data-published-time")
#: Attributes an entry element carries with the time it was last edited.
EDIT_TIME_ATTRS = ("data-last-modified-time", "data-update-time", "data-modified-time")

#: Links to in-page anchors inside a box its publisher names for key events
#: ("key-events", "key-points", "keyEvents" in a class or id): the general way a
#: page lists its key events, each link's fragment naming an entry's element.
#: Only fragments that are the id of an entry on the page count.
KEY_EVENT_BOX_LINKS = ", ".join(
    f'[{attr}*="{word}"] a[href*="#"]'
    for attr in ("class", "id")
    for word in ("key-event", "key-point", "keyevent", "keypoint", "keyEvent", "keyPoint")
)


@dataclass(frozen=True)
class Embed:
    """One kind of embedded widget: how to find it and what it is.

    Attributes:
        selector: CSS selector the widget's own element matches.
        kind: The embed kind (:data:`liveread.model.EMBED_KINDS`).
        url_attr: The attribute holding its URL ("" for a tweet: its status link).
        url_template: Makes the URL from the attribute when that is an id
            (``"https://…/{}"``); "" when the attribute is the URL.

    """

    selector: str
    kind: str
    url_attr: str = ""
    url_template: str = ""


#: Embeds every publisher uses the standard markup of.
STANDARD_EMBEDS: tuple[Embed, ...] = (
    Embed("blockquote.twitter-tweet", "tweet"),
    Embed("amp-twitter", "tweet", "data-tweetid", "https://twitter.com/i/web/status/{}"),
    Embed("blockquote.instagram-media", "other", "data-instgrm-permalink"),
    Embed("blockquote.tiktok-embed", "video", "cite"),
    Embed("amp-youtube", "video", "data-videoid", "https://www.youtube.com/watch?v={}"),
    Embed('iframe[src*="youtube.com/embed"]', "video", "src"),
    Embed('iframe[src*="player.vimeo.com"]', "video", "src"),
)


@dataclass(frozen=True)
class Profile:
    """How a family of publishers marks up its rendered entries: selectors, as data.

    Attributes:
        name: Names the profile in logs.
        body: Selector of the element inside an entry that holds its content,
            trusted as the entry's body; "" keeps the structured text and takes
            only photos and embeds from the rendering.
        key_event: Selector an entry element itself matches when it is a key event.
        key_event_links: Selector of page elements listing key events (a box of links).
        key_event_attr: The attribute of those naming the entry: its id, or, for
            ``href``, the link's fragment.
        byline: Selector of the writer's name inside an entry.
        not_names: Texts (lowercase) found where the writer's name goes that are
            labels, not names ("key event").
        caption: Selector of the caption inside a figcaption ("": its text but the credit).
        credit: Selector of the credit inside a figcaption.
        embeds: The embedded widgets to read.
        skip: Selector of elements inside an entry that are not content (times,
            share buttons, ad slots).

    """

    name: str
    body: str = ""
    key_event: str = ""
    key_event_links: str = KEY_EVENT_BOX_LINKS
    key_event_attr: str = "href"
    byline: str = '[rel="author"], [itemprop="author"], .byline, .author'
    not_names: frozenset[str] = frozenset()
    caption: str = ""
    credit: str = (
        '.credit, .copyright, [itemprop="creditText"], [itemprop="copyrightHolder"],'
        ' [class*="credit"], [class*="copyright"]'
    )
    embeds: tuple[Embed, ...] = STANDARD_EMBEDS
    skip: str = (
        "time, amp-timeago, button, nav, aside, form, amp-ad, amp-embed, amp-sticky-ad,"
        " amp-social-share, script, style, noscript, template"
    )

    @property
    def embed_selector(self) -> str:
        """Every embed's selector in one."""
        return ", ".join(e.selector for e in self.embeds)


#: What a publisher liveread knows nothing about gets.
DEFAULT = Profile("default")

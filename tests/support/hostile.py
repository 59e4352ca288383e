"""A hostile story: the same kind of blog, with text built to attack a terminal reader.

Every string a page can carry (headline, standfirst, titles, paragraphs, list
items, quotes, captions, credits, author names, tweet text, video titles, link
text and URLs) holds escape sequences that act on a terminal (OSC 0 title, OSC
52 clipboard, OSC 8 hyperlink, CSI clear screen, the 8-bit CSI), a bidi
override, Rich/Textual markup, a ``javascript:`` link and HTML that tries to
break out of its element. The renderers escape HTML properly, so all of it
reaches the parser as literal text; control characters survive HTML escaping
on purpose, because removing them is the parser's job (``liveread.sanitize``).

Use it through :func:`hostile_blog` (a :class:`~liveread.demo.DemoBlog`
telling it) or ``make_demo_server(hostile=True)``; the strings are exported
for tests. Test support, not shipped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from liveread.demo import DEFAULT_START, DEFAULT_URL, DemoBlog
from liveread.demo.story import Story, StoryBlock, StoryEntry, StoryStep

__all__ = [
    "BIDI_OVERRIDE",
    "CSI_8BIT",
    "CSI_CLEAR",
    "HOSTILE_STRINGS",
    "HTML_BREAKOUT",
    "JS_LINK",
    "MARKUP_CLICK",
    "MARKUP_CLOSE",
    "OSC_CLIPBOARD",
    "OSC_HYPERLINK",
    "OSC_TITLE",
    "hostile_blog",
    "hostile_story",
]

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;aGk=\x07"
OSC_HYPERLINK = "\x1b]8;;https://evil.invalid/\x1b\\click me\x1b]8;;\x1b\\"
CSI_CLEAR = "\x1b[2J"
CSI_8BIT = "\x9b2J"
BIDI_OVERRIDE = "\u202e"
MARKUP_CLOSE = "[/"
MARKUP_CLICK = "[@click=app.quit]x[/]"
JS_LINK = "javascript:alert(document.cookie)"
HTML_BREAKOUT = '</h2></article><script>alert("x")</script>&amp; <b>not bold</b>'

#: Every hostile fragment, for tests that check none survives a parse unescaped.
HOSTILE_STRINGS: tuple[str, ...] = (
    OSC_TITLE,
    OSC_CLIPBOARD,
    OSC_HYPERLINK,
    CSI_CLEAR,
    CSI_8BIT,
    BIDI_OVERRIDE,
    MARKUP_CLOSE,
    MARKUP_CLICK,
    JS_LINK,
    HTML_BREAKOUT,
)

_AUTHOR = f"Eve{CSI_CLEAR} Mallory"


def _minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def _para(text: str) -> StoryBlock:
    return StoryBlock("paragraph", text)


def _entry(
    key: str,
    at: float,
    title: str | None,
    *blocks: StoryBlock,
    key_event: bool = False,
    summary: bool = False,
    pinned: bool = False,
) -> StoryEntry:
    authors = (_AUTHOR, "Maren Holt")
    return StoryEntry(
        key,
        _minutes(at),
        title,
        authors,
        blocks,
        key_event=key_event,
        summary=summary,
        pinned=pinned,
    )


def hostile_story(origin: str, *, huge_line: bool = False) -> Story:
    """Return the hostile story, with images on *origin*.

    With *huge_line*, the first later step publishes an entry holding a 5 MB
    single line: the poll answer and data model that carry it stay under
    liveread's 8 MiB cap, but a page holding it is about 10 MB (the page's
    JSON-LD repeats every body), over the cap, as such a real page would be.
    """
    image = StoryBlock(
        "image",
        url=f"{origin}/media/hostile/{CSI_CLEAR}photo.jpg",
        caption=f"A caption {OSC_TITLE}with a title change and {BIDI_OVERRIDE}reversed text",
        credit=f"Photograph: {OSC_CLIPBOARD}Nobody/{MARKUP_CLICK} Agency",
        alt=f"alt {CSI_8BIT} text",
    )
    entries = [
        _entry(
            "osc-title",
            -60,
            f"Title that sets the terminal title {OSC_TITLE}",
            _para(f"A paragraph that clears the screen {CSI_CLEAR}and carries on."),
            _para(f"Eight-bit CSI {CSI_8BIT} in the middle of a sentence."),
            key_event=True,
        ),
        _entry(
            "clipboard",
            -55,
            f"Clipboard write {OSC_CLIPBOARD} in a title",
            _para(f"Body text with an OSC 52 clipboard write {OSC_CLIPBOARD} inside."),
            StoryBlock("list_item", f"A list item with a hyperlink {OSC_HYPERLINK}"),
            StoryBlock("list_item", f"A list item with markup {MARKUP_CLICK}"),
        ),
        _entry(
            "markup",
            -50,
            f"Markup {MARKUP_CLOSE} and {MARKUP_CLICK} as plain text",
            _para(
                f"Square brackets stay text: {MARKUP_CLOSE} {MARKUP_CLICK} [bold]not bold[/bold]."
            ),
            StoryBlock(
                "quote",
                f"A quote {BIDI_OVERRIDE}that reverses\nand a second line {CSI_CLEAR}",
            ),
        ),
        _entry(
            "breakout",
            -45,
            f"HTML breakout {HTML_BREAKOUT}",
            StoryBlock("heading", f"Heading {HTML_BREAKOUT}"),
            _para(f"Text that looks like HTML: {HTML_BREAKOUT} <img src=x onerror=alert(1)>"),
            pinned=True,
        ),
        _entry(
            "links",
            -40,
            "Links that must never be opened",
            StoryBlock(
                "paragraph",
                "A javascript link: click here.",
                html=f'A javascript link: <a href="{JS_LINK}">click here</a>.',
            ),
            StoryBlock("link", text=f"Rich link {OSC_TITLE}text", url=JS_LINK),
            StoryBlock(
                "tweet",
                text=f"A tweet {OSC_CLIPBOARD}with an escape",
                url="-rf /",
                by=f"Mallory {CSI_8BIT}(@mallory)",
            ),
        ),
        _entry(
            "photo",
            -35,
            None,
            _para(
                f"An untitled post whose photo has a hostile caption and credit {BIDI_OVERRIDE}."
            ),
            image,
            summary=True,
        ),
        _entry(
            "video",
            -30,
            f"Video {CSI_CLEAR}",
            StoryBlock(
                "video",
                url="https://www.youtube.com/watch?v=hOst1leVid0",
                title=f"A video title {OSC_TITLE}– video",
                asset_id="hOst1leVid0",
                duration=61,
            ),
        ),
    ]
    for i in range(36):  # ordinary-looking filler so there are several pages
        entries.append(
            _entry(
                f"filler-{i}",
                -29 + i * 0.75,
                f"Filler {i} {BIDI_OVERRIDE}",
                _para(f"Filler text {i} {CSI_8BIT}."),
            )
        )
    later = _entry(
        "later",
        2,
        f"Arrives later {OSC_TITLE}",
        _para(f"A new entry by poll {CSI_CLEAR}{MARKUP_CLICK}."),
        key_event=True,
    )
    edit = _entry(
        "osc-title",
        4,
        f"Edited title {OSC_CLIPBOARD}",
        _para(f"Edited body {CSI_8BIT}{MARKUP_CLOSE}"),
    )
    huge: tuple[StoryStep, ...] = ()
    if huge_line:  # arrives by poll: a page holding it is ~10 MB (its JSON-LD repeats bodies)
        words = "hostile " * (5_000_000 // 8)
        big = _entry("huge-line", 1, "A five-megabyte single line", _para(words.strip()))
        huge = (StoryStep(big.at, "publish", big.key, big),)
    steps = (
        *huge,
        StoryStep(later.at, "publish", later.key, later),
        StoryStep(_minutes(4), "edit", "osc-title", edit),
        StoryStep(_minutes(6), "remove", "clipboard"),
        StoryStep(_minutes(8), "pin", "later"),
        StoryStep(_minutes(10), "end"),
    )
    main = StoryBlock(
        "image",
        url=f"{origin}/media/hostile/main.jpg",
        caption=f"Main caption {OSC_HYPERLINK}",
        credit=f"Photograph: {CSI_CLEAR}Someone/{MARKUP_CLOSE}Agency",
    )
    return Story(
        title=f"Hostile demo {OSC_TITLE}{MARKUP_CLICK} – live",
        ended_title=f"Hostile demo {OSC_CLIPBOARD} – as it happened",
        standfirst=f"A standfirst: {CSI_CLEAR}escapes, {BIDI_OVERRIDE}bidi, {MARKUP_CLOSE} markup",
        main_image=main,
        entries=tuple(entries),
        steps=steps,
    )


def hostile_blog(
    base_url: str = DEFAULT_URL,
    start: datetime = DEFAULT_START,
    *,
    huge_line: bool = False,
    ends: bool = False,
    pace: float = 1.0,
) -> DemoBlog:
    """A demo blog telling the hostile story (with *huge_line*: a 5 MB single line comes later)."""
    origin = urlsplit(base_url)._replace(path="", query="", fragment="").geturl()
    story = hostile_story(origin, huge_line=huge_line)
    return DemoBlog(base_url, start, story=story, ends=ends, pace=pace)

"""One entry as terminal lines: a header line, then title, authors, body and a rule.

The feed caches what these functions return, per entry and width, so they
are pure: an :class:`~liveread.model.Entry`, a width, an :class:`EntryStyles`
and a Rich console in; :class:`~textual.strip.Strip` lines out, each exactly
``width`` cells wide. The header (time, age, badges) is apart from the body
because it changes as the clock runs; the body only when the entry does.

Page text is always added as plain text (``Text(str)``), never parsed as
markup: ``[/`` and ``[@click=app.quit]x[/]`` render as those characters and
carry no action. (Control characters were removed by the sanitizer at the
parse boundary; tabs are expanded here so that cells are counted right.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from liveread.matching import Query
from liveread.model import Block, StoredEntry
from liveread.times import local_time

__all__ = [
    "COMPONENT_CLASSES",
    "EntryStyles",
    "age_label",
    "estimate_height",
    "line_strip",
    "render_body",
    "render_header",
    "styles_from",
    "time_label",
]

#: The rule drawn under every entry.
RULE = "─"
#: What stands before a photo's caption, and the indent of its later lines.
PHOTO_LABEL = "Photo  "
#: What stands before an embed's kind ("▍Tweet").
EMBED_MARK = "▍"
#: The bar before every line of a quote.
QUOTE_BAR = "▎ "
#: The bullet of a list item (its later lines hang under the text).
BULLET = "• "
#: How far an embed's text is indented under its marked line.
EMBED_INDENT = "    "

# Plain Rich styles for the defaults of EntryStyles (Rich styles are immutable).
_PLAIN = Style()
_BOLD = Style(bold=True)
_DIM = Style(dim=True)
_ITALIC = Style(italic=True)
_BOLD_UNDERLINE = Style(bold=True, underline=True)
_REVERSE = Style(reverse=True)
_REVERSE_BOLD = Style(reverse=True, bold=True)
_UNDERLINE = Style(underline=True)


@dataclass(frozen=True)
class EntryStyles:
    """Rich styles for each part of an entry.

    The feed fills these from its component classes (see
    :data:`COMPONENT_CLASSES`), so themes and ``NO_COLOR`` apply; the
    defaults are plain Rich styles for use without an app (tests, previews).

    Attributes:
        base: Under everything (the widget's own colours).
        time: The local time in the header.
        age: The age ("12 min ago") in the header.
        title: The entry's title.
        authors: The "by ..." line.
        heading: A heading block.
        bullet: A list item's bullet.
        quote: A quote's text.
        quote_bar: The bar before each line of a quote.
        caption_label: The "Photo" label before a caption.
        caption: A photo's caption.
        credit: A photo's credit ("Photograph: ...").
        embed_label: An embed's marked line ("▍Tweet  title").
        embed_text: An embed's text.
        rule: The rule under an entry.
        match: A search match.
        watch: A watch's match (styled apart from a search's).
        removed: Laid over every line of an entry removed upstream.
        badge_key: The KEY EVENT badge.
        badge_summary: The SUMMARY badge.
        badge_pinned: The PINNED badge.
        badge_new: The NEW badge.
        badge_edited: The "edited 14:32" badge.
        badge_removed: The "removed upstream" badge.

    """

    base: Style = _PLAIN
    time: Style = _BOLD
    age: Style = _DIM
    title: Style = _BOLD
    authors: Style = _ITALIC
    heading: Style = _BOLD_UNDERLINE
    bullet: Style = _BOLD
    quote: Style = _ITALIC
    quote_bar: Style = _BOLD
    caption_label: Style = _BOLD
    caption: Style = _ITALIC
    credit: Style = _DIM
    embed_label: Style = _BOLD
    embed_text: Style = _PLAIN
    rule: Style = _DIM
    match: Style = _REVERSE
    watch: Style = _BOLD_UNDERLINE
    removed: Style = _DIM
    badge_key: Style = _REVERSE_BOLD
    badge_summary: Style = _REVERSE_BOLD
    badge_pinned: Style = _REVERSE
    badge_new: Style = _REVERSE_BOLD
    badge_edited: Style = _UNDERLINE
    badge_removed: Style = _REVERSE


#: The component class that styles each field of :class:`EntryStyles` (all but ``base``).
COMPONENT_CLASSES: dict[str, str] = {
    f.name: "feed--" + f.name.replace("_", "-") for f in fields(EntryStyles) if f.name != "base"
}


def styles_from(widget: Widget) -> EntryStyles:
    """The entry styles of *widget*'s component classes (see :data:`COMPONENT_CLASSES`)."""
    styles = {
        name: widget.get_visual_style(component).rich_style
        for name, component in COMPONENT_CLASSES.items()
    }
    # Laid over whole lines: only its colour and attributes, never a background.
    removed = styles["removed"]
    styles["removed"] = Style(color=removed.color, dim=removed.dim, italic=removed.italic)
    return EntryStyles(base=widget.rich_style, **styles)


def time_label(moment: datetime, now: datetime) -> str:
    """Local ``HH:MM``, with the day ("27 Nov 14:05") when it is not today's."""
    if local_time(moment, "%Y-%m-%d") == local_time(now, "%Y-%m-%d"):  # safe at the calendar's ends
        return local_time(moment, "%H:%M")
    return local_time(moment, "%d %b %H:%M")


def age_label(moment: datetime, now: datetime) -> str:
    """How long ago *moment* was, to the minute ("just now", "12 min ago", "3 h ago")."""
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 1:  # a clock a little behind the site's says "just now", not "-1 min"
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h ago"
    return f"{hours // 24} days ago"


def _badges(entry: StoredEntry, new: bool) -> list[tuple[str, str]]:
    """The entry's badges as (words, EntryStyles field) pairs, in reading order."""
    marks: list[tuple[str, str]] = []
    if entry.key_event:
        marks.append(("KEY EVENT", "badge_key"))
    if entry.summary:
        marks.append(("SUMMARY", "badge_summary"))
    if entry.pinned:
        marks.append(("PINNED", "badge_pinned"))
    if new:
        marks.append(("NEW", "badge_new"))
    if len(entry.revisions) > 1:
        marks.append((f"edited {local_time(entry.revisions[-1].seen, '%H:%M')}", "badge_edited"))
    if entry.removed:
        marks.append(("removed upstream", "badge_removed"))
    return marks


def line_strip(line: Text, width: int, console: Console, base: Style) -> Strip:
    """Render one laid-out line (a Text that fits) to a Strip of exactly *width* cells."""
    # Rich leaves a Text's own style off its segments when it has no spans: lay it under.
    style = line.style if isinstance(line.style, Style) else base
    segments = Segment.apply_style(line.render(console), base + style)
    return Strip(list(segments), line.cell_len).adjust_cell_length(width, base)


def _post(strip: Strip, style: Style) -> Strip:
    """Return *strip* with *style* applied on top of each segment's own."""
    return Strip(list(Segment.apply_style(strip, post_style=style)), strip.cell_length)


def render_header(
    entry: StoredEntry,
    width: int,
    styles: EntryStyles,
    console: Console,
    *,
    now: datetime,
    new: bool = False,
    label: tuple[str, Style] | None = None,
) -> Strip:
    """The entry's first line: local time, age and badges, cut to *width* cells.

    A *label* (text, style) stands first: the timeline names each entry's blog so.
    """
    line = Text(style=styles.base, no_wrap=True, end="")
    if label is not None:
        line.append(label[0], label[1])
        line.append("  ")
    line.append(time_label(entry.published, now), styles.time)
    line.append("  ")
    line.append(age_label(entry.published, now), styles.age)
    for words, field in _badges(entry, new):
        line.append("  ")
        line.append(f" {words} ", getattr(styles, field))
    line.truncate(width, overflow="ellipsis")
    strip = line_strip(line, width, console, styles.base)
    return _post(strip, styles.removed) if entry.removed else strip


def _plain(text: str) -> str:
    """Page text ready to lay out: tabs expanded (a tab's width depends on the terminal)."""
    return text.replace("\t", "    ")


class _Layout:
    """Lays out the body of one entry as Rich Text lines (one job: wrapping with indents)."""

    def __init__(
        self,
        width: int,
        styles: EntryStyles,
        console: Console,
        terms: Sequence[str],
        watch_spans: Callable[[str], Sequence[tuple[int, int]]] | None = None,
    ) -> None:
        self.width = max(width, 8)
        self.styles = styles
        self.console = console
        self.query = Query.parse(terms) if terms else None
        self.watch_spans = watch_spans
        self.lines: list[Text] = []

    def text(self, plain: str, style: Style) -> Text:
        """Page text as a Text (never markup), with search matches highlighted."""
        return self.highlight(Text(_plain(plain), style=style, end=""))

    def highlight(self, text: Text) -> Text:
        """Mark where the watches and the search match in *text* (in place; the search's on top).

        Both by the search's own rules.
        """
        if self.watch_spans is not None:
            for start, end in self.watch_spans(text.plain):
                text.stylize(self.styles.watch, start, end)
        if self.query is not None:
            for start, end in self.query.spans(text.plain):
                text.stylize(self.styles.match, start, end)
        return text

    def add(
        self, text: Text, first: str = "", rest: str = "", prefix_style: Style | None = None
    ) -> None:
        """Wrap *text* after a first-line prefix; later lines hang under *rest*."""
        indent = max(cell_len(first), cell_len(rest))
        style = prefix_style if prefix_style is not None else self.styles.base
        wrapped = text.wrap(self.console, max(self.width - indent, 4), overflow="fold")
        for number, line in enumerate(wrapped):
            prefix = first if number == 0 else rest
            if prefix:
                pad = " " * (indent - cell_len(prefix))
                line = Text.assemble((prefix + pad, style), line, style=self.styles.base, end="")
            self.lines.append(line)

    def block(self, block: Block) -> None:
        """Lay out one body block in the way its kind reads best."""
        s = self.styles
        if block.kind == "heading":
            self.add(self.text(block.text, s.heading))
        elif block.kind == "list_item":
            self.add(self.text(block.text, s.base), BULLET, " " * len(BULLET), s.bullet)
        elif block.kind == "quote":
            self.add(self.text(block.text, s.quote), QUOTE_BAR, QUOTE_BAR, s.quote_bar)
        elif block.kind == "image":
            image = block.image
            parts = [(image.caption, s.caption), (image.credit, s.credit)] if image else []
            caption = self.text("", s.base)
            for words, style in parts:
                if words:  # caption and credit each in their own style, two spaces apart
                    caption.append("  " if caption.plain else "")
                    caption.append(_plain(words), style)
            self.highlight(caption)
            label = PHOTO_LABEL.rstrip() if not caption.plain else PHOTO_LABEL
            self.add(caption, label, " " * len(PHOTO_LABEL), s.caption_label)
        elif block.kind == "embed":
            head = Text(EMBED_MARK + block.embed_label, style=s.embed_label, end="")
            extra = block.title or (block.url if block.url and not block.text else "")
            if extra:
                head.append("  ")
                head.append_text(self.text(extra, s.embed_label))
            self.add(head, "", "  ")
            if block.text:
                self.add(self.text(block.text, s.embed_text), EMBED_INDENT, EMBED_INDENT)
        else:
            self.add(self.text(block.text, s.base))


def render_body(
    entry: StoredEntry,
    width: int,
    styles: EntryStyles,
    console: Console,
    *,
    terms: Sequence[str] = (),
    watch_spans: Callable[[str], Sequence[tuple[int, int]]] | None = None,
) -> list[Strip]:
    """Everything under the header: title, authors, blocks and the closing rule.

    Args:
        entry: The entry.
        width: Cells per line; every strip returned is exactly this wide.
        styles: The styles to draw with.
        console: A Rich console (the app's) to render with.
        terms: Search terms to highlight, matched case-insensitively.
        watch_spans: Where the watches match in a text, to highlight (None: no watches).

    Returns:
        One strip per line; photo captions stand where the photo does.

    """
    layout = _Layout(width, styles, console, terms, watch_spans)
    if entry.title:
        layout.add(layout.text(entry.title, styles.title))
    if entry.authors:
        layout.add(layout.text("by " + ", ".join(entry.authors), styles.authors))
    previous = ""
    for block in entry.body:
        if layout.lines and not (block.kind == previous == "list_item"):
            layout.lines.append(Text(style=styles.base, end=""))
        layout.block(block)
        previous = block.kind
    layout.lines.append(Text(RULE * width, style=styles.rule, end=""))
    strips = [line_strip(line, width, console, styles.base) for line in layout.lines]
    return [_post(strip, styles.removed) for strip in strips] if entry.removed else strips


def _estimate_lines(text: str, width: int) -> int:
    """Roughly how many lines *text* wraps to at *width* (word wrap loses a little per line)."""
    # Characters stand in for cells (wide characters are rare; rendering corrects them):
    # this runs for every entry of a blog, so it must stay cheap.
    usable = max(width - 3, 4)
    if "\n" not in text:
        return -(-len(text) // usable) or 1
    return sum(-(-len(part) // usable) or 1 for part in text.split("\n"))


def estimate_height(entry: StoredEntry, width: int) -> int:
    """A cheap guess of the entry's height in lines (header included) at *width*.

    The feed uses it for entries not rendered yet, so that it can place a
    5,000-entry blog without laying out every entry; rendering corrects it.
    """
    width = max(width, 8)
    lines = 1
    body = 0
    if entry.title:
        body += _estimate_lines(entry.title, width)
    if entry.authors:
        body += _estimate_lines("by " + ", ".join(entry.authors), width)
    previous = ""
    for block in entry.body:
        if body and not (block.kind == previous == "list_item"):
            body += 1
        previous = block.kind
        if block.kind == "image":
            image = block.image
            words = f"{image.caption}  {image.credit}" if image else ""
            body += _estimate_lines(words, width - len(PHOTO_LABEL))
        elif block.kind == "embed":
            body += 1
            if block.text:
                body += _estimate_lines(block.text, width - len(EMBED_INDENT))
        else:
            body += _estimate_lines(block.text, width - 2)
    return lines + body + 1

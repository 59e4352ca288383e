r"""The one sanitizer every string from a page goes through.

Page text is hostile until cleaned: terminals act on escape sequences (OSC 0
sets the title, OSC 52 writes the clipboard, CSI moves the cursor, the 8-bit
CSI 0x9B does the same in one byte) and bidi controls reorder what the reader
sees. Textual passes them through, so they are removed here, once, at the
parse boundary. Markup-like text (``[bold]``, ``[@click=app.quit]``) is *not*
touched: it is text, and the UI never interprets page text as markup.

What leaves liveread for a terminal goes through :func:`for_terminal` too, at
the one place it is written (the command line's output streams): whatever
reached a string by another way than a parse (a server's header, a config
value, a plug-in's text) is shown as a visible ``\uXXXX`` escape there, never
acted on. In JSON that escape is the character itself, so JSON stays exact.
"""

from __future__ import annotations

import functools
import re

__all__ = ["BIDI_CONTROLS", "clean", "clean_inline", "for_terminal", "unescape"]

#: Every character Unicode gives the Bidi_Control property: ALM (U+061C), LRM
#: and RLM (U+200E, U+200F), the embeddings and overrides LRE, RLE, PDF, LRO,
#: RLO (U+202A-U+202E) and the isolates LRI, RLI, FSI, PDI (U+2066-U+2069).
#: Each can reorder what a reader sees; removing one loses nothing but that.
BIDI_CONTROLS = frozenset({0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})


def _build_table() -> dict[int, int | None]:
    """Map every character to drop to None (and odd line breaks to a newline)."""
    table: dict[int, int | None] = {}
    for code in range(0x00, 0x20):  # C0 controls, ESC among them
        if code not in (0x09, 0x0A):  # tab and newline are text
            table[code] = None
    table[0x0D] = None  # \r\n -> \n; a lone \r would move the cursor
    table[0x7F] = None  # DEL
    for code in range(0x80, 0xA0):  # C1 controls, 8-bit CSI (0x9B) among them
        table[code] = None
    for code in BIDI_CONTROLS:  # marks, embeddings, overrides, isolates
        table[code] = None
    for code in range(0xD800, 0xE000):  # lone surrogates cannot be encoded for output
        table[code] = None
    table[0xFEFF] = None  # byte-order mark / zero-width no-break space
    table[0x2028] = 0x0A  # line separator
    table[0x2029] = 0x0A  # paragraph separator
    return table


_TABLE = _build_table()


def _char_class(codes: list[int]) -> str:
    """Return a regex character class matching exactly *codes*, written as ranges."""
    parts: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -1]:
        if code == prev + 1:
            prev = code
            continue
        first, last = re.escape(chr(start)), re.escape(chr(prev))
        parts.append(first if start == prev else f"{first}-{last}")
        start = prev = code
    return "[" + "".join(parts) + "]"


# Nearly all page text holds nothing to remove; finding that out is far cheaper
# than str.translate's per-character table lookups. Every character the table
# maps is non-printable to Python (Cc, Cf, Cs, Zl, Zp), so printable text needs
# no look at all; other text (a newline, an NBSP) takes one regex search.
_NEEDS_CLEANING = re.compile(_char_class(sorted(_TABLE)))


def clean(text: str) -> str:
    """Return *text* with control, C1, bidi-control and surrogate characters removed.

    Tabs and newlines are kept; CR LF becomes LF. Everything else,
    markup-like brackets included, is kept exactly.
    """
    if text.isprintable() or _NEEDS_CLEANING.search(text) is None:
        return text
    return text.translate(_TABLE)


def clean_inline(text: str) -> str:
    """Clean *text* and collapse all whitespace (newlines too) to single spaces.

    For one-line fields: titles, captions, credits, author names, URLs.
    """
    # Printable text holds no whitespace but " " (str.split()'s other spaces are
    # all non-printable): without doubled or edge spaces it is already collapsed.
    if (
        text.isprintable()
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
    ):
        return text
    # str.split() with no argument splits on every Unicode space (NBSP included).
    return " ".join(clean(text).split())


# What must never reach a terminal as it is: C0 controls but tab and newline
# (ESC, BEL, CR among them), DEL, C1 controls (the 8-bit CSI U+009B), line and
# paragraph separators, bidi controls, and lone surrogates (not encodable).
_TERMINAL_UNSAFE = (
    {*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *BIDI_CONTROLS} - {0x09, 0x0A}
) | set(range(0xD800, 0xE000))


@functools.cache
def _terminal_unsafe() -> re.Pattern[str]:
    """The pattern of :data:`_TERMINAL_UNSAFE`, compiled on first need (not at start-up)."""
    return re.compile(_char_class(sorted(_TERMINAL_UNSAFE)))


def for_terminal(text: str) -> str:
    r"""*text* with every character a terminal must not be sent written as a ``\uXXXX`` escape.

    Tabs and newlines stay. The escape is visible text on a terminal and, inside
    a JSON string, the very character it stands for, so a JSON line stays valid
    and exact (JSON itself escapes C0 controls, but not DEL, C1 or bidi controls).
    """
    if text == "\n" or text.isprintable():
        return text
    unsafe = _terminal_unsafe()
    if unsafe.search(text) is None:
        return text
    return unsafe.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def unescape(text: str) -> str:
    """*text* with its HTML character references (``&amp;``, ``&#8217;``) undone; not cleaned.

    :func:`html.unescape`, imported on the first call: its table of entities
    (``html.entities``) costs more to import than any source, and every source
    is imported before the TUI's first screen (to map a URL to its blog).
    """
    import html

    return html.unescape(text)

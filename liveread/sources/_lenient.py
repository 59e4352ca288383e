r"""A forgiving JSON reader for the JSON-LD that real pages carry.

Publishers' ``<script type="application/ld+json">`` blocks are often not
valid JSON: they carry ``//`` and ``/* */`` comments (commented-out
properties), trailing commas, raw newlines and tabs inside strings, ``\'``
escapes copied from JavaScript, ``<!-- -->`` or CDATA wrappers, several
objects one after the other, or the whole document HTML-escaped. :func:`loads`
accepts all of that, and on valid JSON it returns exactly what
:func:`json.loads` returns (it tries that first). Whatever the input, the only
exception it raises is :class:`ValueError`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from liveread.sanitize import unescape

__all__ = ["loads"]

#: One token of JSON-ish text: a double-quoted string (unrolled loop, so a long
#: string is matched in linear time), a line comment, a block comment (closed or
#: running to the end), or a run of anything else.
_TOKEN = re.compile(
    r"""
    (?P<string>"[^"\\]*(?:\\.[^"\\]*)*")
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<other>[^"/]+|.)
    """,
    re.VERBOSE | re.DOTALL,
)
#: A backslash escape inside a string: the valid ones are kept, others repaired.
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_VALID_ESCAPES = frozenset('"\\/bfnrt')
#: A comma followed only by whitespace and a closing bracket: JSON forbids it.
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
#: What may sit between top-level values written one after the other.
_SEPARATOR = re.compile(r"[\s,;]*")
_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")


def _repair_escape(match: re.Match[str]) -> str:
    r"""Keep a valid escape; turn ``\'`` (JavaScript) and other bad escapes into the character."""
    body = match.group(1)
    if body[0] in _VALID_ESCAPES or len(body) == 5:  # len 5: a well-formed \\uXXXX
        return match.group(0)
    if body == "u":  # a \\u without four hex digits: keep the letter, drop the backslash
        return "u"
    if ord(body) < 0x20:  # backslash before a raw newline (a JS line continuation)
        return ""
    return json.dumps(body)[1:-1]  # the character itself, escaped if JSON needs it


def _repair(text: str) -> str:
    """Rewrite JSON-ish text into JSON: drop comments and trailing commas, fix escapes.

    Strings are copied with only their escapes repaired (raw control characters
    are left for ``strict=False`` to accept), so nothing that looks like a
    comment or a comma inside a string is touched.
    """
    pieces: list[str] = []
    code: list[str] = []  # text outside strings since the last string

    def flush_code() -> None:
        if code:
            pieces.append(_TRAILING_COMMA.sub(r"\1", "".join(code)))
            code.clear()

    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "string":
            # A comma before a string is never trailing, so the code before it
            # can be fixed on its own.
            flush_code()
            pieces.append(_ESCAPE.sub(_repair_escape, match.group()))
        elif kind == "comment":
            code.append(" ")  # a comment separates tokens, like whitespace
        else:
            code.append(match.group())
    flush_code()
    return "".join(pieces)


def _decode_sequence(text: str) -> Any:
    """Decode one JSON value, or several written one after the other (returned as a list)."""
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    pos = _SEPARATOR.match(text, 0).end()  # type: ignore[union-attr]  # always matches
    while pos < len(text):
        value, pos = decoder.raw_decode(text, pos)
        values.append(value)
        pos = _SEPARATOR.match(text, pos).end()  # type: ignore[union-attr]
    if not values:
        raise ValueError("no JSON value in the text")
    return values[0] if len(values) == 1 else values


def _attempt(text: str) -> Any:
    """Decode *text* after repairs; every failure (deep nesting included) is a ValueError."""
    try:
        return _decode_sequence(_repair(text))
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def loads(text: str) -> Any:
    """Parse JSON-LD text leniently.

    Valid JSON gives what :func:`json.loads` gives. Otherwise comments (outside
    strings), trailing commas, raw control characters in strings, bad escapes,
    HTML-comment or CDATA wrappers and HTML escaping of the whole text are
    forgiven; several top-level values come back as a list.

    Args:
        text: The script's text.

    Returns:
        The decoded value.

    Raises:
        ValueError: Nothing readable as JSON; the message says where it failed.

    """
    if not isinstance(text, str):
        raise ValueError(f"expected text, got {type(text).__name__}")
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    except ValueError:
        pass
    stripped = _WRAPPERS.sub("", text)
    try:
        return _attempt(stripped)
    except ValueError as first:
        # Some pages HTML-escape the whole script (``{&quot;@type&quot;: ...}``).
        if "&" in stripped:
            unescaped = unescape(stripped)
            if unescaped != stripped:
                try:
                    return _attempt(unescaped)
                except ValueError:
                    pass
        raise ValueError(str(first) or "not JSON") from None

"""Changing ``config.toml``: the follow list and the watches, the rest of the file kept as written.

There is no TOML writer among liveread's dependencies, and a writer that
re-serialises the whole file would drop the user's comments. So the file is
edited as text: a small scanner (:func:`_statements`) splits it into
top-level statements (a table header, a ``key = value`` that may span lines,
a comment or blank line), knowing TOML's strings and brackets, and only the
statements being changed are replaced:

- :func:`add_follow` rewrites the top-level ``follow = [...]`` (or inserts it
  before the first table);
- :func:`add_watch` appends a ``[[watch]]`` table at the end;
- :func:`remove_watch` deletes that watch's ``[[watch]]`` table: the comment
  lines just above its header, the header and its keys (comment lines just
  above the next table belong to that one and stay).

What is lost: a comment on the same line as ``follow = [...]`` or inside
that array, or inside a removed watch's table; and watches written as an
inline array (``watch = [{...}]``) are rewritten as ``[[watch]]`` tables.
Every edit is checked by parsing the result (it must read back as exactly the
old settings plus the change) before the file is replaced, atomically; a file
that is not valid TOML is never edited.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liveread import paths
from liveread.alerts import Watch
from liveread.config._read import (
    ConfigError,
    follow_key,
    parse_text,
    settings_from,
    watch_from_table,
)
from liveread.errors import LivereadError
from liveread.urls import user_url

__all__ = ["add_follow", "add_watch", "remove_watch", "toml_string"]


@dataclass(frozen=True)
class _Statement:
    """One top-level statement of a TOML file: text[start:end], its kind and key.

    Attributes:
        start: Offset of its first character (a line start).
        end: Offset after its last line's newline (or the end of the text).
        kind: ``"header"``, ``"keyval"`` or ``"other"`` (comment, blank).
        key: The header's name (``[[watch]]`` → ``"[[watch]]"``) or the bare key.

    """

    start: int
    end: int
    kind: str
    key: str


def _skip_string(text: str, i: int) -> int:
    """Offset just after the string that starts at *i* (any of TOML's four kinds)."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        j = i + 3
        while True:
            k = text.find(quote * 3, j)
            if k < 0:
                return len(text)
            if quote == '"':
                backslashes = 0
                while k - 1 - backslashes >= j and text[k - 1 - backslashes] == "\\":
                    backslashes += 1
                if backslashes % 2:
                    j = k + 1
                    continue
            k += 3
            while k < len(text) and text[k] == quote and k - i < len(text):  # """" ends one later
                k += 1
            return k
    j = i + 1
    while j < len(text) and text[j] != "\n":
        if quote == '"' and text[j] == "\\":
            j += 2
            continue
        if text[j] == quote:
            return j + 1
        j += 1
    return j


def _statements(text: str) -> list[_Statement]:
    """Split *text* into top-level statements (each whole lines)."""
    found: list[_Statement] = []
    i, n = 0, len(text)
    while i < n:
        start, depth = i, 0
        while i < n:
            ch = text[i]
            if ch in "\"'":
                i = _skip_string(text, i)
                continue
            if ch == "#":
                newline = text.find("\n", i)
                i = n if newline < 0 else newline
                continue
            if ch in "[{":
                depth += 1
            elif ch in "]}":
                depth = max(depth - 1, 0)
            elif ch == "\n" and depth == 0:
                i += 1
                break
            i += 1
        line = text[start:i].strip()
        if line.startswith("["):
            head = line.split("#", 1)[0] if '"' not in line and "'" not in line else line
            found.append(_Statement(start, i, "header", re.sub(r"\s+", "", head)))
        elif line and not line.startswith("#"):
            key = line.split("=", 1)[0].strip().strip("\"'")
            found.append(_Statement(start, i, "keyval", key))
        else:
            found.append(_Statement(start, i, "other", ""))
    return found


def toml_string(value: str) -> str:
    """*value* as a TOML basic string (quotes, backslashes and controls escaped)."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _string_list(values: tuple[str, ...] | list[str], *, multiline: bool = False) -> str:
    if multiline and values:
        return "[\n" + "".join(f"    {toml_string(v)},\n" for v in values) + "]"
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def watch_table(watch: Watch) -> str:
    """The ``[[watch]]`` table that reads back as *watch*."""
    return (
        "[[watch]]\n"
        f"name = {toml_string(watch.name)}\n"
        f"terms = {_string_list(watch.terms)}\n"
        f"case_sensitive = {'true' if watch.case_sensitive else 'false'}\n"
        f"blogs = {_string_list(watch.blogs)}\n"
    )


def _path(path: Path | None) -> Path:
    return path or paths.config_path()


def _read(where: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        return "", {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {where}: {exc}") from None
    data = parse_text(text, where)
    settings_from(data, where)  # a file with a wrong value is not edited either
    return text, data


def _write(where: Path, text: str, expect: Callable[[dict[str, Any]], bool]) -> None:
    """Replace the file with *text*, once it reads back as *expect* says; atomically."""
    data = parse_text(text, where)
    if not expect(data):
        raise ConfigError(f"could not change {where} safely; it was left as it was")
    where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        mode = where.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o600
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=where.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, where)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ConfigError(f"cannot write {where}: {exc.strerror or exc}") from None


def _without(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in keys}


def _ends_line(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def add_follow(url: str, path: Path | None = None) -> bool:
    """Add *url* to the ``follow`` list; False when the list already holds that blog.

    Raises:
        ConfigError: The file is broken, cannot be written, or *url* is not usable.

    """
    where = _path(path)
    try:
        url = user_url(url)
        key = follow_key(url)
    except LivereadError as exc:
        raise ConfigError(str(exc)) from None
    text, data = _read(where)
    listed = list(data.get("follow", []))
    if any(follow_key(u) == key for u in listed):
        return False
    new = [*listed, url]
    assignment = f"follow = {_string_list(new, multiline=len(new) > 1)}\n"
    statements = _statements(text)
    top = [s for s in statements if s.kind == "keyval" and s.key == "follow"]
    headers = [s for s in statements if s.kind == "header"]
    if top and (not headers or top[0].start < headers[0].start):
        s = top[0]
        edited = text[: s.start] + assignment + text[s.end :]
    elif headers:
        at = headers[0].start
        edited = text[:at] + assignment + "\n" + text[at:]
    else:
        edited = _ends_line(text) + assignment

    def expect(got: dict[str, Any]) -> bool:
        return got.get("follow") == new and _without(got, "follow") == _without(data, "follow")

    _write(where, edited, expect)
    return True


def _watch_blocks(text: str) -> list[tuple[int, int]]:
    """The spans of the ``[[watch]]`` tables, in order; trailing comments before a header kept."""
    statements = _statements(text)
    spans: list[tuple[int, int]] = []
    for n, s in enumerate(statements):
        if s.kind != "header" or s.key != "[[watch]]":
            continue
        end_index = n + 1
        while end_index < len(statements) and statements[end_index].kind != "header":
            end_index += 1
        last = end_index  # statements[n:last] is the table; keep comments above the next header
        if end_index < len(statements):
            while last - 1 > n and statements[last - 1].kind == "other":
                last -= 1
        end = statements[last - 1].end if last - 1 > n else s.end
        first = n  # the comment lines just above the header describe this table: they go too
        while first > 0 and _is_comment(text, statements[first - 1]):
            first -= 1
        spans.append((statements[first].start, end))
    return spans


def _is_comment(text: str, statement: _Statement) -> bool:
    return statement.kind == "other" and text[statement.start : statement.end].strip() != ""


def _inline_watches(text: str) -> tuple[int, int] | None:
    """The span of a top-level ``watch = [...]`` (watches written inline), if any."""
    for s in _statements(text):
        if s.kind == "header":
            return None
        if s.kind == "keyval" and s.key == "watch":
            return s.start, s.end
    return None


def _rewrite_inline(text: str, watches: list[Watch]) -> str:
    """*text* with an inline ``watch = [...]`` replaced by ``[[watch]]`` tables at the end."""
    span = _inline_watches(text)
    if span is None:
        return text
    rest = text[: span[0]] + text[span[1] :]
    return _ends_line(rest) + "".join("\n" + watch_table(w) for w in watches)


def _current(data: dict[str, Any], where: Path) -> list[Watch]:
    return [
        watch_from_table(t, f"{where}: watch {n}") for n, t in enumerate(data.get("watch", []), 1)
    ]


def add_watch(watch: Watch, path: Path | None = None) -> None:
    """Append *watch* to the file's watches.

    Raises:
        ConfigError: Another watch has its name, the file is broken, or it
            cannot be written.

    """
    where = _path(path)
    text, data = _read(where)
    watches = _current(data, where)
    if any(w.name == watch.name for w in watches):
        raise ConfigError(f"{where}: a watch named {watch.name!r} exists already")
    if _inline_watches(text) is not None:
        edited = _rewrite_inline(text, [*watches, watch])
    else:
        edited = _ends_line(text) + ("\n" if text.strip() else "") + watch_table(watch)
    wanted = [*watches, watch]

    def expect(got: dict[str, Any]) -> bool:
        return _current(got, where) == wanted and _without(got, "watch") == _without(data, "watch")

    _write(where, edited, expect)


def remove_watch(name: str, path: Path | None = None) -> bool:
    """Remove the watch named *name*; False when there is none.

    Raises:
        ConfigError: The file is broken or cannot be written.

    """
    where = _path(path)
    text, data = _read(where)
    watches = _current(data, where)
    index = next((n for n, w in enumerate(watches) if w.name == name.strip()), None)
    if index is None:
        return False
    wanted = watches[:index] + watches[index + 1 :]
    blocks = _watch_blocks(text)
    if len(blocks) == len(watches):
        start, end = blocks[index]
        edited = text[:start] + text[end:]
    else:
        edited = _rewrite_inline(text, wanted)

    def expect(got: dict[str, Any]) -> bool:
        return _current(got, where) == wanted and _without(got, "watch") == _without(data, "watch")

    _write(where, edited, expect)
    return True

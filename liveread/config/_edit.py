"""Changing ``config.toml``: the follow list and the watches, the rest of the file kept as written.

The file is the user's, written by hand, so an edit changes only what it
must and keeps the comments, the order and the formatting of everything
else. tomlkit, the style-preserving TOML library, holds the file as a
document that remembers all of that; reading the settings stays with the
standard library's ``tomllib`` (cheaper at start-up, and the one reader).

- :func:`add_follow` appends to the top-level ``follow = [...]`` (or adds it
  before the first table);
- :func:`add_watch` appends a ``[[watch]]`` table at the end;
- :func:`remove_watch` deletes that watch's ``[[watch]]`` table with the
  comment lines just above its header, which describe it (comment lines just
  above the next table belong to that one and stay).

Watches written as an inline array (``watch = [{...}]``) are rewritten as
``[[watch]]`` tables when the watches change. Every edit is checked by
reading the result back (it must be exactly the old settings plus the
change) before the file is replaced, atomically; a file that is not valid
TOML, or holds a wrong value, is never edited.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Comment, Table

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

__all__ = ["add_follow", "add_watch", "remove_watch"]


def _path(path: Path | None) -> Path:
    return path or paths.config_path()


def _read(where: Path) -> tuple[tomlkit.TOMLDocument, dict[str, Any]]:
    """The file as an editable document and as the settings reader sees it (checked)."""
    try:
        text = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        return tomlkit.document(), {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {where}: {exc}") from None
    data = parse_text(text, where)  # the one reader decides what is valid TOML
    settings_from(data, where)  # a file with a wrong value is not edited either
    try:
        return tomlkit.parse(text), data
    except Exception as exc:  # tomlkit disagrees with tomllib: do not risk an edit
        raise ConfigError(f"cannot edit {where} safely ({exc}); it was left as it was") from None


def _write(
    where: Path, doc: tomlkit.TOMLDocument, expect: Callable[[dict[str, Any]], bool]
) -> None:
    """Replace the file with *doc*, once it reads back as *expect* says; atomically."""
    text = doc.as_string()
    if not expect(parse_text(text, where)):
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
    doc, data = _read(where)
    listed = list(data.get("follow", []))
    if any(follow_key(u) == key for u in listed):
        return False
    new = [*listed, url]
    if "follow" in doc:
        follow = doc["follow"]
        follow.append(url)
        if len(new) > 1:
            follow.multiline(True)
    else:
        doc["follow"] = tomlkit.array().multiline(False)
        doc["follow"].append(url)

    def expect(got: dict[str, Any]) -> bool:
        return got.get("follow") == new and _without(got, "follow") == _without(data, "follow")

    _write(where, doc, expect)
    return True


def _watch_table(watch: Watch) -> Table:
    """The ``[[watch]]`` table that reads back as *watch*."""
    table = tomlkit.table()
    table["name"] = watch.name
    table["terms"] = list(watch.terms)
    table["case_sensitive"] = watch.case_sensitive
    table["blogs"] = list(watch.blogs)
    return table


def _current(data: dict[str, Any], where: Path) -> list[Watch]:
    return [
        watch_from_table(t, f"{where}: watch {n}") for n, t in enumerate(data.get("watch", []), 1)
    ]


def _set_watches(doc: tomlkit.TOMLDocument, watches: list[Watch]) -> None:
    """Write *watches* as ``[[watch]]`` tables at the end (replacing an inline array)."""
    if "watch" in doc:
        doc.remove("watch")
    if watches:
        aot = tomlkit.aot()
        for n, watch in enumerate(watches, 1):
            table = _watch_table(watch)
            if n < len(watches):
                table.add(tomlkit.nl())  # a blank line between tables, as people write them
            aot.append(table)
        doc.append("watch", aot)


def add_watch(watch: Watch, path: Path | None = None) -> None:
    """Append *watch* to the file's watches.

    Raises:
        ConfigError: Another watch has its name, the file is broken, or it
            cannot be written.

    """
    where = _path(path)
    doc, data = _read(where)
    watches = _current(data, where)
    if any(w.name == watch.name for w in watches):
        raise ConfigError(f"{where}: a watch named {watch.name!r} exists already")
    wanted = [*watches, watch]
    tables = doc.get("watch")
    if isinstance(tables, AoT):
        table = _watch_table(watch)
        if doc.body[-1][1] is not tables:
            table.add(tomlkit.nl())  # a blank line before the table that follows, as written
        tables.append(table)
    else:
        _set_watches(doc, wanted)

    def expect(got: dict[str, Any]) -> bool:
        return _current(got, where) == wanted and _without(got, "watch") == _without(data, "watch")

    _write(where, doc, expect)


def _trailing_comments(body: list[tuple[Any, Any]]) -> int:
    """How many items at the end of *body* are the comment lines right above what follows it."""
    count = 0
    for _key, item in reversed(body):
        if not isinstance(item, Comment):
            break
        count += 1
    return count


def _container_before(doc: tomlkit.TOMLDocument, tables: AoT, index: int) -> Container | None:
    """The container whose end holds the lines just above ``[[watch]]`` number *index*."""
    if index > 0:
        return tables[index - 1].value
    items = list(doc.body)
    position = next(n for n, (key, item) in enumerate(items) if item is tables)
    for _key, item in reversed(items[:position]):
        if isinstance(item, Table):
            return item.value
        if isinstance(item, AoT) and item.body:
            return item.body[-1].value
        return None  # a top-level value or comment: the document itself, left as it is
    return None


def _drop_table(doc: tomlkit.TOMLDocument, tables: AoT, index: int) -> None:
    """Remove ``[[watch]]`` *index* with its own comments; the next table's stay with it."""
    removed: Container = tables[index].value
    tail = _trailing_comments(removed.body)
    keep = removed.body[len(removed.body) - tail :] if tail else []
    before = _container_before(doc, tables, index)
    if before is not None:
        drop = _trailing_comments(before.body)
        if drop:
            del before.body[len(before.body) - drop :]
        if keep:
            before.body.extend(keep)
    del tables[index]
    if not tables.body:
        doc.remove("watch")


def remove_watch(name: str, path: Path | None = None) -> bool:
    """Remove the watch named *name*; False when there is none.

    Raises:
        ConfigError: The file is broken or cannot be written.

    """
    where = _path(path)
    doc, data = _read(where)
    watches = _current(data, where)
    index = next((n for n, w in enumerate(watches) if w.name == name.strip()), None)
    if index is None:
        return False
    wanted = watches[:index] + watches[index + 1 :]
    tables = doc.get("watch")
    if isinstance(tables, AoT) and len(tables.body) == len(watches):
        _drop_table(doc, tables, index)
    else:
        _set_watches(doc, wanted)

    def expect(got: dict[str, Any]) -> bool:
        return _current(got, where) == wanted and _without(got, "watch") == _without(data, "watch")

    _write(where, doc, expect)
    return True

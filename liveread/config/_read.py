"""Reading ``config.toml``: every section liveread understands, validated, one line per problem.

A missing file is the defaults; a broken one (not TOML, or a value of the
wrong kind) raises :class:`ConfigError` with one line naming the file and the
entry, and the caller goes on with the defaults (:class:`Settings()`).
Sections and keys liveread does not know are left alone (and kept when it
rewrites the file). Plain Python, no Textual.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from liveread import paths
from liveread.alerts import NotifySettings, Watch
from liveread.errors import LivereadError
from liveread.urls import BlogURL, user_url

__all__ = [
    "ConfigError",
    "Settings",
    "follow_key",
    "load_settings",
    "read_table",
    "watch_from_table",
]

#: The keys a ``[[watch]]`` table may hold, and those of ``[notify]``.
WATCH_KEYS = ("name", "terms", "case_sensitive", "blogs")
NOTIFY_KEYS = ("key_events", "command", "bell", "desktop", "timeout")
#: The longest a notify command may run before it is killed, at most (seconds).
MAX_TIMEOUT = 300.0


class ConfigError(LivereadError, ValueError):
    """The settings file cannot be used (or changed); one line says where and why."""

    exit_status = 2


@dataclass(frozen=True)
class Settings:
    """Everything ``config.toml`` says (the defaults when it says nothing).

    Attributes:
        keys: ``[keys]``: binding id → comma-separated keys (the TUI's remapping).
        follow: ``follow = [...]``: the blogs ``liveread follow`` with no URL follows.
        watches: ``[[watch]]`` tables, in file order.
        notify: ``[notify]``: how alerts are given.
        path: The file read (None for the defaults).

    """

    keys: dict[str, str] = field(default_factory=dict)
    follow: tuple[str, ...] = ()
    watches: tuple[Watch, ...] = ()
    notify: NotifySettings = field(default_factory=NotifySettings)
    path: Path | None = None


def read_table(path: Path) -> dict[str, Any]:
    """Parse the TOML file at *path* ({} when it does not exist).

    Raises:
        ConfigError: It cannot be read, or is not TOML.

    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    return parse_text(text, path)


def parse_text(text: str, path: Path) -> dict[str, Any]:
    """Parse *text* (the contents of *path*) as TOML, or raise :class:`ConfigError`."""
    # Imported here: with no config file (a first run) the TUI starts without it.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc})") from None
    except RecursionError:  # valid TOML, but arrays or tables nested thousands deep
        raise ConfigError(f"{path} nests its values too deeply to be a config") from None


def _shown(name: str) -> str:
    """A key's name as a message may show it: as it is, or quoted with escapes if it must be."""
    return name if name.isprintable() and name.strip() == name and name else repr(name)


def _keymap(data: dict[str, Any], where: Path) -> dict[str, str]:
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise ConfigError(f'{where}: [keys] must be a table of binding id = "keys"')
    keymap: dict[str, str] = {}
    for binding_id, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"{where}: keys.{_shown(binding_id)} must be a string of keys, "
                'e.g. "f5" or "j,down"'
            )
        keymap[str(binding_id)] = value.replace(" ", "")
    return keymap


def follow_key(url: str) -> BlogURL:
    """The cache key of a URL in the follow list (two spellings of one blog are one)."""
    from liveread.sources import blog_key

    return blog_key(user_url(url))


def _follow(data: dict[str, Any], where: Path) -> tuple[str, ...]:
    listed = data.get("follow", [])
    if not isinstance(listed, list) or not all(isinstance(u, str) for u in listed):
        raise ConfigError(f'{where}: follow must be a list of URLs, e.g. follow = ["https://…"]')
    urls: list[str] = []
    for n, text in enumerate(listed, 1):
        try:
            url = user_url(text)
        except LivereadError as exc:
            raise ConfigError(f"{where}: follow entry {n}: {exc}") from None
        if url not in urls:
            urls.append(url)
    return tuple(urls)


def watch_from_table(table: object, label: str) -> Watch:
    """A :class:`Watch` from one ``[[watch]]`` table; *label* names it in errors ("watch 2").

    Raises:
        ConfigError: Unknown keys, terms that are not non-empty strings, blogs
            that are not URLs (the message names the watch, in one line).

    """
    if not isinstance(table, dict):
        raise ConfigError(f"{label} must be a table ([[watch]])")
    named = table.get("name")
    if isinstance(named, str) and named.strip():
        label = f"{label} ({named.strip()!r})"
    unknown = sorted(set(table) - set(WATCH_KEYS))
    if unknown:
        raise ConfigError(f"{label}: unknown key {unknown[0]!r} (known: {', '.join(WATCH_KEYS)})")
    terms = table.get("terms")
    if isinstance(terms, str):
        terms = [terms]
    if not isinstance(terms, list) or not terms:
        raise ConfigError(f'{label}: terms must be a list of words or phrases, e.g. ["ferry"]')
    case = table.get("case_sensitive", False)
    if not isinstance(case, bool):
        raise ConfigError(f"{label}: case_sensitive must be true or false")
    blogs = table.get("blogs", [])
    if not isinstance(blogs, list) or not all(isinstance(b, str) for b in blogs):
        raise ConfigError(f"{label}: blogs must be a list of blog URLs ([] for every blog)")
    keys = []
    for blog in blogs:
        try:
            keys.append(follow_key(blog))
        except LivereadError as exc:
            raise ConfigError(f"{label}: blogs: {exc}") from None
    name = table.get("name", "")
    try:
        return Watch(name, tuple(terms), case, tuple(keys))
    except ValueError as exc:
        raise ConfigError(f"{label}: {exc}") from None


def _watches(data: dict[str, Any], where: Path) -> tuple[Watch, ...]:
    tables = data.get("watch", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{where}: watches are [[watch]] tables (an array of tables)")
    watches: list[Watch] = []
    for n, table in enumerate(tables, 1):
        watch = watch_from_table(table, f"{where}: watch {n}")
        if any(w.name == watch.name for w in watches):
            raise ConfigError(f"{where}: watch {n}: another watch is named {watch.name!r}")
        watches.append(watch)
    return tuple(watches)


def _notify(data: dict[str, Any], where: Path) -> NotifySettings:
    if "notify" not in data:
        return NotifySettings()
    table = data["notify"]
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [notify] must be a table")
    unknown = sorted(set(table) - set(NOTIFY_KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: notify: unknown key {unknown[0]!r} (known: {', '.join(NOTIFY_KEYS)})"
        )
    flags: dict[str, bool] = {}
    for key, default in (("key_events", False), ("bell", True), ("desktop", True)):
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: notify.{key} must be true or false")
        flags[key] = value
    command = None
    if "command" in table:
        from liveread.alerts import check_command  # only for a config that names one

        try:
            command = check_command(table["command"])
        except ValueError as exc:
            raise ConfigError(f"{where}: notify.{exc}") from None
    timeout = table.get("timeout", NotifySettings.timeout)
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not math.isfinite(timeout)
        or not 0 < timeout <= MAX_TIMEOUT
    ):
        raise ConfigError(f"{where}: notify.timeout must be seconds, above 0 and at most 300")
    return NotifySettings(
        key_events=flags["key_events"],
        command=command,
        bell=flags["bell"],
        desktop=flags["desktop"],
        timeout=float(timeout),
        enabled=True,
    )


def settings_from(data: dict[str, Any], where: Path) -> Settings:
    """Validate a parsed file into :class:`Settings`, or raise :class:`ConfigError`."""
    return Settings(
        keys=_keymap(data, where),
        follow=_follow(data, where),
        watches=_watches(data, where),
        notify=_notify(data, where),
        path=where,
    )


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file (default: ``config.toml`` in liveread's state directory).

    A missing file gives the defaults.

    Raises:
        ConfigError: The file is unreadable, not TOML, or holds a value of the
            wrong kind; the caller says the one line and uses ``Settings()``.

    """
    where = path or paths.config_path()
    return settings_from(read_table(where), where)

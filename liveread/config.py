"""The user's settings file: ``config.toml`` in liveread's state directory.

Only one section so far, ``[keys]``: binding ids to keys, which remaps the
TUI's keys (the ids are listed in the README and in the help screen)::

    [keys]
    "blog.poll" = "f5"
    "feed.next_key_event" = "right_square_bracket,period"

A missing file is no settings; a broken one is reported in one line and
ignored, never a crash. Plain Python, no Textual: the launcher reads it and
hands the keymap to the app.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from liveread import paths

__all__ = ["ConfigError", "load_keymap"]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


class ConfigError(ValueError):
    """The settings file cannot be used; the message says where and why, in one line."""


def _read(path: Path) -> dict[str, Any]:
    """Parse the TOML file at *path* ({} when it does not exist)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc})") from None


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """The ``[keys]`` table of the settings file: binding id → comma-separated keys.

    Raises:
        ConfigError: The file is unreadable, not TOML, or ``[keys]`` holds
            something other than strings.
    """
    where = path or paths.config_path()
    keys = _read(where).get("keys", {})
    if not isinstance(keys, dict):
        raise ConfigError(f'{where}: [keys] must be a table of binding id = "keys"')
    keymap: dict[str, str] = {}
    for binding_id, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f'{where}: keys.{binding_id} must be a string of keys, e.g. "f5" or "j,down"'
            )
        keymap[str(binding_id)] = value.replace(" ", "")
    return keymap

"""Where liveread keeps its state.

One environment variable, ``LIVEREAD_HOME``, moves everything (the cache
database, the config) into one directory: tests and scripts use it so they
never touch the user's own files. Without it, platformdirs' per-user data
directory for ``liveread`` is used: the data directory rather than the cache
directory because the database is the offline archive of every blog followed,
which a system cache cleaner must not throw away.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["HOME_ENV", "cache_path", "config_path", "state_dir"]

#: The environment variable that moves all of liveread's state.
HOME_ENV = "LIVEREAD_HOME"


def state_dir(create: bool = True) -> Path:
    """The directory holding liveread's files, created with mode 0700 if asked."""
    override = os.environ.get(HOME_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs  # imported here: only needed when no override is set

        path = Path(platformdirs.user_data_dir("liveread", appauthor=False))
    if create:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def cache_path() -> Path:
    """The SQLite database file of the cache."""
    return state_dir() / "cache.sqlite3"


def config_path() -> Path:
    """The (optional) TOML config file."""
    return state_dir() / "config.toml"

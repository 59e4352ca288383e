"""Where liveread keeps its state.

One environment variable, ``LIVEREAD_HOME``, moves everything (the cache
database, the config) into one directory: tests and scripts use it so they
never touch the user's own files. Without it, platformdirs' per-user data
directory for ``liveread`` is used: the data directory rather than the cache
directory because the database is the offline archive of every blog followed,
which a system cache cleaner must not throw away.

A state directory that cannot be made (``LIVEREAD_HOME`` names a file, or a
path under one, or a read-only file system) is one line naming it
(:class:`~liveread.errors.CacheError`), never an internal error.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from liveread.errors import CacheError

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
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise _unusable(path, exc, bool(override)) from None
    return path


def _unusable(path: Path, exc: OSError, override: bool) -> CacheError:
    """Say in one line why liveread's state directory *path* cannot be made, and what to do."""
    what = f"{HOME_ENV}={path}" if override else f"liveread's state directory {path}"
    todo = f"set {HOME_ENV} to a directory liveread may write"
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        blocking = next((p for p in (path, *path.parents) if p.exists()), path)
        return CacheError(f"{what} cannot be used: {blocking} is a file, not a directory; {todo}")
    if exc.errno == errno.EROFS:
        return CacheError(f"{what} cannot be made: the file system is read-only; {todo}")
    return CacheError(f"{what} cannot be made: {exc.strerror or exc}; {todo}")


def cache_path() -> Path:
    """The SQLite database file of the cache."""
    return state_dir() / "cache.sqlite3"


def config_path() -> Path:
    """The (optional) TOML config file."""
    return state_dir() / "config.toml"

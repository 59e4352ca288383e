"""Opening the cache database safely, and the time format stored in it.

:mod:`liveread.cache._read` holds the read queries and :mod:`liveread.cache._apply`
the writes; this module holds what they rely on:
the schema brought up to date (:data:`SCHEMA_VERSION`, kept in ``PRAGMA
user_version``), the time format stored in the tables, and :func:`connect`, which
checks an existing file before anything writes to it: a file from a newer
liveread is refused untouched, a corrupt one is moved aside and replaced.

The tables and their migrations are in :mod:`liveread.cache._migrations`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from liveread.cache._migrations import MIGRATIONS, SCHEMA_VERSION
from liveread.errors import CacheError

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "CacheCheck",
    "connect",
    "db_time",
    "from_db_time",
]


_MAGIC = b"SQLite format 3\x00"
_BUSY_MS = 5000
# SQLite primary result codes that mean "this file is damaged".
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6


def db_time(moment: datetime) -> str:
    """Format a moment as the fixed-width UTC text stored in the database.

    Fixed width (microseconds, ``+00:00``) so that text order is time order
    and SQL can compare and index the column directly. Naive means UTC.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def from_db_time(value: str | None) -> datetime | None:
    """Parse a time written by :func:`db_time` (None stays None)."""
    return datetime.fromisoformat(value) if value else None


def _newer_schema(path: Path, found: int) -> CacheError:
    return CacheError(
        f"the cache at {path} was written by a newer liveread (schema v{found}, this one "
        f"knows v{SCHEMA_VERSION}): upgrade liveread or set LIVEREAD_HOME elsewhere"
    )


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """Tell whether an error says the file is damaged (not busy, locked or unreadable)."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    if isinstance(exc, sqlite3.OperationalError):
        return False
    message = str(exc).lower()
    return "not a database" in message or "malformed" in message


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch to WAL, waiting out other connections as the busy timeout would.

    SQLite answers "database is locked" at once, without calling the busy
    handler, when two connections race to switch a new file to WAL: retry.
    On a file system without shared memory the mode stays as it was (a
    rollback journal still keeps every transaction whole).
    """
    deadline = time.monotonic() + _BUSY_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _header(path: Path) -> tuple[bool, int]:
    """Read the file's header without SQLite: (looks like SQLite, user_version).

    Reading the bytes ourselves means a file from a newer liveread is refused
    before any connection could create, replay or checkpoint anything.
    """
    with path.open("rb") as handle:
        head = handle.read(100)
    if not head:
        return True, 0  # an empty file is a valid, empty database
    if len(head) < 100 or head[:16] != _MAGIC:
        return False, 0
    return True, int.from_bytes(head[60:64], "big", signed=True)


def _check(path: Path) -> bool:
    """Check an existing file read-only; True when it is healthy.

    Raises CacheError for a newer schema or a file that cannot be read at all
    (permissions, locks): those are not corruption and must not be moved.
    """
    try:
        looks_sqlite, version = _header(path)
    except OSError as exc:
        raise CacheError(f"cannot read the cache at {path}: {exc.strerror or exc}") from exc
    if not looks_sqlite:
        return False
    if version > SCHEMA_VERSION and not _wal_exists(path):
        raise _newer_schema(path, version)
    try:
        ro = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=_BUSY_MS / 1000
        )
    except sqlite3.Error as exc:
        raise CacheError(f"cannot open the cache at {path}: {_why(path, exc)}") from exc
    try:
        # The WAL may hold a newer header than the main file: ask SQLite too.
        version = ro.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _newer_schema(path, version)
        rows = ro.execute("PRAGMA quick_check").fetchall()
        return rows == [("ok",)]
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            return False
        raise CacheError(f"cannot open the cache at {path}: {_why(path, exc)}") from exc
    finally:
        ro.close()


class CacheCheck:
    """The check :func:`connect` makes of an existing file first, started now in a thread.

    ``PRAGMA quick_check`` reads the whole file (about 1.5 ms a megabyte on
    the bench's machine), and SQLite runs it without holding the GIL. A caller
    with other work to do before it needs the cache (the TUI imports Textual
    and its screens) starts the check, does that work, and hands the check to
    :class:`~liveread.cache.Cache`, which waits for it (usually done by then)
    before anything reads or writes. What the check finds and raises is what
    an open without it would find and raise.

    Args:
        path: The database file the cache will open.

    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._outcome: bool | CacheError = True
        self._thread = threading.Thread(target=self._run, name="liveread-cache-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._outcome = not self.path.exists() or _check(self.path)
        except CacheError as exc:  # raised in the caller's thread, by healthy()
            self._outcome = exc

    def healthy(self) -> bool:
        """Wait for the check: True when the file is healthy or absent, False when damaged.

        Raises:
            CacheError: as :func:`connect` would: a newer schema, an unreadable file.

        """
        self._thread.join()
        if isinstance(self._outcome, CacheError):
            raise self._outcome
        return self._outcome


def _why(path: Path, exc: Exception) -> str:
    """What SQLite said, or plainer: a read-only file system SQLite only calls "unable to open"."""
    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return "its file system is read-only (set LIVEREAD_HOME elsewhere)"
    return str(exc)


def _wal_exists(path: Path) -> bool:
    return Path(f"{path}-wal").exists()


def _move_aside(path: Path, stamp: datetime) -> Path:
    """Rename a damaged file (and its -wal/-shm) to ``<name>.corrupt-<UTC time>``."""
    suffix = stamp.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{suffix}")
    n = 1
    while target.exists():  # two recoveries in one second: never overwrite one
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{suffix}-{n}")
    # The -wal first: a stale WAL left beside a fresh database would be replayed into it.
    # FileNotFoundError: no such side file, or another process moved it first.
    for extra in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{extra}").rename(Path(f"{target}{extra}"))
    with contextlib.suppress(FileNotFoundError):
        path.rename(target)
    return target


def _create(path: Path) -> None:
    """Create an empty file readable by its owner only (SQLite's -wal/-shm inherit its mode).

    Raises:
        CacheError: It cannot be made (a read-only file system, a file where its
            directory should be, no permission), in one line naming it.

    """
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        if path.parent.is_dir():
            return  # another process made it first
        raise CacheError(f"cannot create the cache at {path}: {path.parent} is a file") from None
    except OSError as exc:
        raise CacheError(f"cannot create the cache at {path}: {exc.strerror or exc}") from None
    os.close(fd)


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to SCHEMA_VERSION in one transaction (no-op when current)."""
    if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _newer_schema(path, version)
        for migration in MIGRATIONS[version:]:
            for step in migration:
                if isinstance(step, str):
                    db.execute(step)
                else:
                    step(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def connect(
    path: Path, now: Callable[[], datetime], checked: CacheCheck | None = None
) -> tuple[sqlite3.Connection, Path | None]:
    """Open (creating, checking, migrating) the cache database at *path*.

    Returns the connection (autocommit mode: callers issue their own
    ``BEGIN IMMEDIATE``) and, when a damaged file was moved aside, where it went.
    *checked*: the check of *path*, already started (:class:`CacheCheck`);
    None checks it here.

    Raises:
        CacheError: the file is from a newer liveread (left untouched), or
            cannot be opened (permissions, a lock held too long, no FTS5).

    """
    recovered: Path | None = None
    if checked is not None and checked.path != path:
        raise ValueError(f"the check is of {checked.path}, not of {path}")
    healthy = checked.healthy() if checked is not None else not path.exists() or _check(path)
    if not healthy:
        recovered = _move_aside(path, now())
        message = f"the cache at {path} was damaged: moved it to {recovered} and started afresh"
        # A warning, not a log line: the CLI prints its own line from
        # Cache.recovered_from and may silence this; tests can assert it.
        warnings.warn(message, RuntimeWarning, stacklevel=3)
    if not path.exists():
        _create(path)
    try:
        db = sqlite3.connect(
            str(path),
            timeout=_BUSY_MS / 1000,
            isolation_level=None,
            check_same_thread=False,  # Cache serialises access with its own lock
        )
    except sqlite3.Error as exc:
        raise CacheError(f"cannot open the cache at {path}: {_why(path, exc)}") from exc
    try:
        db.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        _use_wal(db)
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        _migrate(db, path)
    except CacheError:
        db.close()
        raise
    except sqlite3.Error as exc:
        db.close()
        raise CacheError(f"cannot prepare the cache at {path}: {_why(path, exc)}") from exc
    return db, recovered

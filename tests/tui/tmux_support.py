"""Drive a real program in a tmux pane: keys, mouse clicks, captures, title and paste buffers.

:class:`TmuxPane` runs one command in a tmux server of its own (its own
socket, a config written for the test, never the user's), and reads back what
a terminal would show: the screen as plain text and with its colours, the pane
title (which OSC 0/2 sets), the paste buffers (which OSC 52 fills when
``set-clipboard`` is on), and whether the program is still running and how it
ended (its shell writes the exit status to a file).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len

__all__ = ["CONFIG", "DEFAULTS", "Shot", "TmuxPane", "tmux_path"]

#: The server's options: OSC 0 sets the pane title (and, with set-titles, the outer
#: terminal's), OSC 52 writes a paste buffer, the pane stays (and can be read) after its
#: command ended, and no status line takes a row from the program.
CONFIG = """\
set -g set-titles on
set -g set-clipboard on
set -g remain-on-exit on
set -g status off
set -g history-limit 0
"""
#: tmux's own defaults (``set-clipboard external``: programs' OSC 52 is not taken), but
#: no status line and a pane that stays after its command ends.
DEFAULTS = """\
set -g remain-on-exit on
set -g status off
set -g history-limit 0
"""
SESSION = "liveread"


def tmux_path() -> str | None:
    """The tmux executable, or None when it is not installed."""
    return shutil.which("tmux")


@dataclass(frozen=True)
class Shot:
    """One capture of the pane.

    Attributes:
        lines: The screen's rows as plain text (trailing spaces trimmed by tmux).
        styled: The same screen with its SGR colour and attribute sequences (``-e``).

    """

    lines: list[str]
    styled: str

    @property
    def text(self) -> str:
        """Every row, one per line."""
        return "\n".join(self.lines)

    def find(self, fragment: str) -> tuple[int, int] | None:
        """The (column, row) in cells, 0-based, where *fragment* first shows, or None."""
        for row, line in enumerate(self.lines):
            index = line.find(fragment)
            if index >= 0:
                return cell_len(line[:index]), row
        return None


class TmuxPane:
    """A command running in the only pane of a private tmux server.

    Use :meth:`start` (a context manager that always kills the server).
    """

    def __init__(self, tmux: str, socket: str, config: Path) -> None:
        self._base = [tmux, "-u", "-L", socket, "-f", str(config)]
        self._env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}

    @classmethod
    @contextmanager
    def start(
        cls,
        workdir: Path,
        command: str,
        *,
        size: tuple[int, int],
        cwd: Path,
        options: str = CONFIG,
    ) -> Iterator[TmuxPane]:
        """Run *command* (a shell command line) in a *size* pane; kill the server at the end.

        *options* is the server's config (default :data:`CONFIG`; :data:`DEFAULTS`
        leaves tmux's own defaults, ``set-clipboard external`` among them).
        """
        tmux = tmux_path()
        if tmux is None:  # pragma: no cover - the caller skips first
            raise RuntimeError("tmux is not installed")
        config = workdir / "tmux.conf"
        config.write_text(options)
        # -L: a socket of our own under tmux's own directory (a path under tmp_path
        # could exceed the 108 bytes a unix socket address may have).
        pane = cls(tmux, f"liveread-test-{os.getpid()}-{uuid.uuid4().hex[:8]}", config)
        width, height = size
        socket: Path | None = None
        try:
            # The options come from the config, read as the server starts: set
            # afterwards, they could miss what the command prints first.
            pane.run(
                "new-session", "-d", "-s", SESSION, "-x", str(width), "-y", str(height),
                "-c", str(cwd), command,
            )  # fmt: skip
            socket = Path(pane.show("#{socket_path}"))
            yield pane
        finally:
            pane.run("kill-server", check=False)
            if socket is not None:  # tmux 3.3 leaves it behind
                socket.unlink(missing_ok=True)

    # -- tmux commands ---------------------------------------------------------------

    def run(self, *args: str, check: bool = True) -> str:
        """Run one tmux command against this server; return its standard output."""
        done = subprocess.run(
            [*self._base, *args],
            env=self._env,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def show(self, fmt: str) -> str:
        """A format of the pane, e.g. ``#{pane_title}``."""
        return self.run("display-message", "-p", "-t", SESSION, fmt).rstrip("\n")

    def title(self) -> str:
        """The pane's title (what OSC 0 and OSC 2 set)."""
        return self.show("#{pane_title}")

    def buffers(self) -> list[str]:
        """The contents of every paste buffer, newest first (OSC 52 adds one)."""
        names = self.run("list-buffers", "-F", "#{buffer_name}").split()
        return [self.run("show-buffer", "-b", name) for name in names]

    def dead(self) -> bool:
        """True when the pane's command has ended."""
        return self.show("#{pane_dead}") == "1"

    def capture(self) -> Shot:
        """The screen now, plain and styled."""
        plain = self.run("capture-pane", "-p", "-t", SESSION)
        styled = self.run("capture-pane", "-p", "-e", "-t", SESSION)
        return Shot(plain.split("\n")[:-1] if plain.endswith("\n") else plain.split("\n"), styled)

    # -- input -------------------------------------------------------------------------

    def keys(self, *keys: str) -> None:
        """Press keys by tmux name ("End", "Escape", "Enter", "3", "?")."""
        for key in keys:
            self.run("send-keys", "-t", SESSION, key)

    def type(self, text: str) -> None:
        """Type *text* literally."""
        self.run("send-keys", "-t", SESSION, "-l", text)

    def click(self, column: int, row: int) -> None:
        """Click the left button at 0-based cell (*column*, *row*).

        Sent as the SGR mouse report a terminal would send (press, then release) once
        the program has turned mouse reporting on, as Textual does.
        """
        x, y = column + 1, row + 1
        self.type(f"\x1b[<0;{x};{y}M")
        self.type(f"\x1b[<0;{x};{y}m")

    # -- waiting -------------------------------------------------------------------------

    def wait_for(
        self, condition: Callable[[Shot], object], what: str, timeout: float = 10.0
    ) -> Shot:
        """Capture until *condition* holds for a capture; return it. Fails after *timeout* s."""
        end = time.monotonic() + timeout
        while True:
            shot = self.capture()
            if condition(shot):
                return shot
            if time.monotonic() > end:
                state = "dead" if self.dead() else "running"
                raise AssertionError(
                    f"timed out after {timeout} s waiting for {what} (program {state}); "
                    f"the screen:\n{shot.text}"
                )
            time.sleep(0.05)

    def wait_exit(self, status_file: Path, timeout: float = 10.0) -> str:
        """Wait for the command to write its exit status to *status_file*; return it.

        The pane's shell writes it (``...; echo $? > file``): tmux's own
        ``#{pane_dead_status}`` is not reliable enough for a test. tmux 3.3 can
        mark the pane dead before it has reaped the process, and with
        libutempter a SIGCHLD that arrives while tmux removes the utmp record
        is lost for good, leaving the status empty (tmux issues #311, #4841).
        """
        end = time.monotonic() + timeout
        while not status_file.is_file() or not status_file.read_text().strip():
            if time.monotonic() > end:
                raise AssertionError(
                    f"the program has not ended after {timeout} s; the screen:\n"
                    + self.capture().text
                )
            time.sleep(0.05)
        return status_file.read_text().strip()

"""Run a terminal program in a pseudo-terminal and time what it draws, as a user would see it.

:class:`PtyProgram` starts a command with a pty of a fixed size as its
terminal (stdin, stdout and stderr: Textual draws on stderr), keeps reading
everything it writes, and answers "when did this text first reach the
terminal?". The text is searched in what was written with every escape
sequence removed: Textual writes each line's cells in order, changing colours
with SGR sequences and moving the cursor between lines, so text shown on one
row of the screen is contiguous once those are stripped. Keys are bytes
written to the terminal, as a terminal sends them (End is ``ESC [ F``).

Times are ``time.perf_counter()`` of the parent: from just before the
process is spawned, and from just before a key is written. Memory is read
from ``/proc/<pid>/status`` (Linux), of the program itself (no shell between).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

__all__ = ["KEY_END", "PtyProgram", "strip_escapes"]

#: The End key, as xterm sends it.
KEY_END = b"\x1b[F"

# CSI (with private and intermediate bytes), OSC (ended by BEL or ST), DCS/APC/PM/SOS
# strings, and two-byte escapes (ESC 7, ESC =, ...).
_ESCAPE = re.compile(
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[P^_X][^\x1b]*\x1b\\|[ -~])"
)


def strip_escapes(data: bytes) -> str:
    """The text of terminal output: escape sequences removed, decoded as UTF-8."""
    return _ESCAPE.sub(b"", data).decode("utf-8", errors="replace")


class PtyProgram:
    """A program running on a pseudo-terminal of *size* (columns, rows).

    Args:
        argv: The command (run directly, without a shell).
        env: Its whole environment.
        cwd: Its working directory.
        size: The terminal's (columns, rows).
        timeout: Seconds any single wait may take before it fails.

    Attributes:
        started: ``perf_counter()`` just before the process was spawned.
        first_output: Seconds from :attr:`started` to its first byte of output, or None.

    """

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        size: tuple[int, int] = (120, 40),
        timeout: float = 30.0,
    ) -> None:
        self.timeout = timeout
        self._output = bytearray()
        self.first_output: float | None = None
        master, slave = pty.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self._master = master
        self.started = time.perf_counter()
        try:
            self.process = subprocess.Popen(
                list(argv),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=dict(env),
                cwd=cwd,
                start_new_session=True,  # its own session: the pty becomes its terminal
                close_fds=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)

    # -- reading -------------------------------------------------------------------

    def _read(self, wait: float) -> bool:
        """Read what is available within *wait* seconds; False at the end of output."""
        ready, _, _ = select.select([self._master], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(self._master, 1 << 16)
        except OSError:  # EIO: the program closed the terminal
            return False
        if not chunk:
            return False
        if self.first_output is None:
            self.first_output = time.perf_counter() - self.started
        self._output.extend(chunk)
        return True

    def wait_for(self, text: str, since: int = 0) -> float:
        """Read until *text* shows in the output after byte *since*; return ``perf_counter()``.

        Raises:
            RuntimeError: The program ended, or *timeout* passed, first (with its last output).

        """
        needle = text.encode()
        end = time.perf_counter() + self.timeout
        while True:
            if needle in _ESCAPE.sub(b"", bytes(self._output[since:])):
                return time.perf_counter()
            if not self._read(0.25):
                raise RuntimeError(f"the program ended before showing {text!r}: {self.tail()}")
            if time.perf_counter() > end:
                raise RuntimeError(f"{text!r} not shown after {self.timeout} s: {self.tail()}")

    def wait_for_all(self, texts: Sequence[str], since: int = 0) -> float:
        """Read until every one of *texts* has shown after byte *since*; return ``perf_counter()``.

        The time returned is when the last of them reached the terminal (they may
        come in one frame or in several).

        Raises:
            RuntimeError: The program ended, or *timeout* passed, first (with its last output).

        """
        needles = [text.encode() for text in texts]
        end = time.perf_counter() + self.timeout
        while True:
            shown = _ESCAPE.sub(b"", bytes(self._output[since:]))
            missing = [n.decode() for n in needles if n not in shown]
            if not missing:
                return time.perf_counter()
            if not self._read(0.25):
                raise RuntimeError(f"the program ended before showing {missing!r}: {self.tail()}")
            if time.perf_counter() > end:
                raise RuntimeError(f"{missing!r} not shown after {self.timeout} s: {self.tail()}")

    @property
    def written(self) -> int:
        """Bytes of output so far (a mark for :meth:`wait_for`'s *since*)."""
        return len(self._output)

    def tail(self, chars: int = 1500) -> str:
        """The end of the output as text (for error messages)."""
        return strip_escapes(bytes(self._output[-chars * 4 :]))[-chars:]

    # -- input and state ---------------------------------------------------------------

    def press(self, key: bytes) -> float:
        """Send *key* as a terminal would; return ``perf_counter()`` just before."""
        started = time.perf_counter()
        os.write(self._master, key)
        return started

    def memory(self) -> dict[str, int]:
        """``VmRSS`` (resident now) and ``VmHWM`` (peak resident) of the program, in bytes."""
        found: dict[str, int] = {}
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        for line in status.splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) * 1024  # "12345 kB"
        return found

    # -- the end -------------------------------------------------------------------------

    def quit(self, key: bytes, grace: float = 10.0) -> int:
        """Send the quit *key*, read until the program ends; return its exit status.

        A program still running after *grace* seconds gets SIGTERM, then SIGKILL.
        """
        with contextlib.suppress(OSError):
            os.write(self._master, key)
        end = time.perf_counter() + grace
        while self.process.poll() is None and time.perf_counter() < end:
            if not self._read(0.05):
                break
        try:
            return self.process.wait(timeout=max(0.0, end - time.perf_counter()) + 0.5)
        except subprocess.TimeoutExpired:
            self.kill()
            return self.process.wait()

    def kill(self) -> None:
        """Stop the program (SIGTERM, then SIGKILL) if it still runs."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def close(self) -> None:
        """Stop the program if needed and release the terminal."""
        self.kill()
        with contextlib.suppress(OSError):
            os.close(self._master)

    def __enter__(self) -> PtyProgram:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

"""The user's notify command: its arguments filled in from an alert, run without a shell.

The command comes from ``config.toml`` (``[notify] command = ["notify-send",
"{blog}", "{title}: {text}"]``): a program and its arguments. Each argument
may hold the placeholders ``{blog}``, ``{title}``, ``{text}``, ``{url}``,
``{time}`` and ``{why}``; nothing else in it is special (no other braces, no
format specs). The same values are in the child's environment as
``LIVEREAD_BLOG`` ... ``LIVEREAD_WHY``.

Page text is hostile, so:

- the program is run with :func:`asyncio.create_subprocess_exec`: no shell
  ever sees the text, so ``;``, ``$(...)`` and quotes are only characters;
- every value is one line of sanitized text (:func:`liveread.sanitize.clean_inline`:
  no control characters, no NUL, no bidi controls), at most :data:`VALUE_MAX`
  characters (a longer one is cut, ending in "…"; a longer URL is left out,
  never cut): a 200 KB title must not make the command "Argument list too long";
- the program itself (the first word) may hold no placeholder;
- an argument whose template does not begin with ``-`` but whose value does
  (a title such as "-rf /" substituted at its start) gets a leading space, so
  the program can never take page text for an option: the command's own
  options come only from the user's config.

A command that runs longer than its timeout is killed with its whole process
group (it is started in a session of its own).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
from collections.abc import Mapping, Sequence

from liveread.alerts._alert import PLACEHOLDERS, env_name
from liveread.sanitize import clean_inline

__all__ = [
    "VALUE_MAX",
    "CommandProblem",
    "bounded",
    "check_command",
    "command_argv",
    "command_env",
    "run_command",
]

#: The longest a placeholder's value (and its LIVEREAD_* variable) may be, in characters.
VALUE_MAX = 1000

_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


def bounded(values: Mapping[str, str]) -> dict[str, str]:
    """*values*, each at most :data:`VALUE_MAX` characters, one line, cleaned.

    A longer value is cut and ends in "…"; a longer ``url`` is left empty,
    since a cut URL would lead elsewhere.
    """
    out: dict[str, str] = {}
    for name, value in values.items():
        value = clean_inline(value)
        if len(value) > VALUE_MAX:
            value = "" if name == "url" else value[: VALUE_MAX - 1].rstrip() + "…"
        out[name] = value
    return out


class CommandProblem(Exception):
    """The notify command could not run or failed; the message is one line.

    Attributes:
        kind: ``"missing"``, ``"failed"`` or ``"timeout"`` (each is reported once).

    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def check_command(command: Sequence[object]) -> tuple[str, ...]:
    """Validate a notify command from the config; returns it as a tuple of strings.

    Raises:
        ValueError: Not a non-empty list of strings, the program holds a placeholder,
            or a word holds NUL.

    """
    if isinstance(command, str) or not command:
        raise ValueError(
            'command must be a list: a program and its arguments, e.g. ["notify-send", "{title}"]'
        )
    if not all(isinstance(arg, str) for arg in command):
        raise ValueError("command must be a list of strings")
    words = tuple(str(arg) for arg in command)
    if any("\x00" in word for word in words):
        raise ValueError("command's words may not hold a NUL character (no program can get one)")
    if not words[0].strip():
        raise ValueError("command's first word must name a program")
    if _PLACEHOLDER.search(words[0]):
        raise ValueError("command's first word (the program) may not hold a placeholder")
    return words


def command_argv(command: Sequence[str], values: Mapping[str, str]) -> list[str]:
    """The command with each argument's placeholders replaced by *values*.

    The program (the first word) is kept as it is; values are :func:`bounded`;
    an argument that would begin with ``-`` only because of a substituted
    value gets a leading space.
    """
    values = bounded(values)
    argv = [command[0]]
    for template in command[1:]:
        arg = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template)
        if arg.startswith("-") and not template.startswith("-"):
            arg = " " + arg  # page text must never read as an option
        argv.append(arg)
    return argv


def command_env(values: Mapping[str, str], base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The child's environment: *base* (default this process's) plus ``LIVEREAD_*`` values.

    The values are :func:`bounded`, as the command's arguments are.
    """
    values = bounded(values)
    env = dict(os.environ if base is None else base)
    for name in PLACEHOLDERS:
        env[env_name(name)] = values.get(name, "")
    return env


async def run_command(argv: Sequence[str], env: Mapping[str, str], timeout: float) -> None:
    """Run *argv* (no shell) and wait for it, at most *timeout* seconds.

    Its standard input is empty and its output is discarded, except the last
    line of its errors, which a failure reports.

    Raises:
        CommandProblem: It could not start, exited non-zero, or was killed
            after *timeout* seconds.

    """
    try:
        proc = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            env=dict(env),
            start_new_session=True,  # its own process group: a timeout kills its children too
        )
    except FileNotFoundError:
        raise CommandProblem("missing", f"notify command not found: {argv[0]}") from None
    except OSError as exc:
        raise CommandProblem(
            "missing", f"notify command {argv[0]} cannot run: {exc.strerror or exc}"
        ) from None
    try:
        _, err = await asyncio.wait_for(proc.communicate(), timeout=timeout)
    except asyncio.TimeoutError:
        _kill_group(proc)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(proc.wait(), timeout=5)  # reap it: no zombie left
        raise CommandProblem(
            "timeout", f"notify command timed out after {timeout:g} s; killed"
        ) from None
    except asyncio.CancelledError:
        _kill_group(proc)
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(proc.wait(), timeout=5)  # reap it: no zombie left
        raise
    if proc.returncode:
        said = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        tail = f": {clean_inline(said[-1])[:200]}" if said else ""
        raise CommandProblem(
            "failed", f"notify command {argv[0]} exited with status {proc.returncode}{tail}"
        )


def _kill_group(proc: asyncio.subprocess.Process) -> None:
    """Kill the command and everything it started (its process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        proc.kill()

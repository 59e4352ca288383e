"""Pytest plugin: every test is of one kind, derived from what it does.

The kinds (registered in ``pyproject.toml``, which runs with ``--strict-markers``):

- ``unit``: in this process, no socket, no TUI;
- ``functional``: real parts in this process: a server on 127.0.0.1 (the demo
  server, a raw socket), the TUI under Pilot;
- ``system``: other processes: the CLI as a subprocess, tmux, kill -9, several
  livereads on one cache, a notify command liveread runs.

``pytest -m "not system"`` is the fast loop; ``pytest`` runs every kind.

A test's kind is its own marker when it has one (on the test, its class or
its module's ``pytestmark``; the nearest wins); else it is derived at
collection from the names its code uses, followed through the tests' own
helpers, classes and fixtures: a way to start a process (``subprocess``,
``os.fork``, ``asyncio.create_subprocess_exec``...) makes it ``system``; the
demo server, a socket or Pilot's ``run_test`` make it ``functional``. A helper
that starts a process so marks every test that calls it, however deep.

What the names cannot show (liveread itself starting a notify command, say)
is caught while the test runs: starting a process in a test that is not
``system``, or opening a socket or Pilot in a ``unit`` test, fails it with the
marker it needs (Pilot's ``run_test`` is watched once Textual is imported,
as a module of TUI tests does when it is collected). So a new subprocess or
tmux test cannot land in the fast loop unseen: it is either derived
``system`` or it fails.
"""

from __future__ import annotations

import _posixsubprocess  # type: ignore[import-not-found]
import functools
import inspect
import os
import socket
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

__all__ = ["KINDS", "kind_of"]

#: Where collection leaves each test's kind, for the guards while it runs.
_KIND = pytest.StashKey[str]()
#: The kinds, from the least to the most a test may do.
KINDS = ("unit", "functional", "system")
_RANK = {kind: n for n, kind in enumerate(KINDS)}
#: Names (globals or attributes) whose use starts another process.
_PROCESS_NAMES = frozenset(
    {
        "subprocess",
        "multiprocessing",
        "pty",
        "fork",
        "forkpty",
        "posix_spawn",
        "posix_spawnp",
        "create_subprocess_exec",
        "create_subprocess_shell",
    }
)
#: What in ``os`` starts a process (``subprocess`` goes through its own reference to
#: ``_posixsubprocess.fork_exec``, ``multiprocessing`` through the module's: both guarded too).
_OS_STARTS = ("fork", "forkpty", "posix_spawn", "posix_spawnp")
#: Names whose use reaches a real server or the TUI, in this process.
_FUNCTIONAL_NAMES = frozenset(
    {"socket", "run_test", "DemoServer", "DemoHTTPServer", "RawServer", "make_demo_server"}
)


# -- collection: the kind of each test --------------------------------------------------------


def _code_names(code: types.CodeType) -> set[str]:
    """Every name a code object uses (globals and attributes), nested functions included."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def _ours(value: object, home: str) -> bool:
    """True for a function or class of the test's module or the suite's (its code is followed)."""
    value = inspect.unwrap(value) if callable(value) else value  # (functools.cache)
    module = getattr(value, "__module__", "") or ""
    ours = module == home or module.startswith("tests.")
    return ours and (inspect.isfunction(value) or inspect.isclass(value))


def _codes(value: object) -> Iterator[tuple[types.CodeType, dict[str, Any]]]:
    """The code objects of a function, or of every method of a class, with their globals."""
    value = inspect.unwrap(value) if callable(value) else value
    if inspect.isfunction(value):
        yield value.__code__, value.__globals__
    elif inspect.isclass(value):
        for member in vars(value).values():
            function = getattr(member, "__func__", member)  # staticmethod, classmethod
            if isinstance(member, property):
                function = member.fget
            if inspect.isfunction(function):
                yield function.__code__, function.__globals__


def names_used(value: object, home: str, seen: set[int] | None = None) -> set[str]:
    """The names *value*'s code uses, and those of the helpers it names (of module *home*,
    or of the suite's modules ``tests.*``), followed as deep as they go."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return set()
    seen.add(id(value))
    found: set[str] = set()
    for code, env in _codes(value):
        names = _code_names(code)
        found |= names
        # A helper imported inside a function is named by its module's path, then its own.
        imported = [sys.modules[n] for n in names if n.startswith("tests.") and n in sys.modules]
        for name in names:
            helper = env.get(name)
            for module in imported:
                helper = helper if helper is not None else getattr(module, name, None)
            if helper is not None and _ours(helper, home):
                found |= names_used(helper, home, seen)
    return found


def _fixture_functions(item: pytest.Item) -> list[Callable[..., Any]]:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    return [defs[-1].func for defs in info.name2fixturedefs.values() if defs]


@functools.cache
def _derived_from(function: Callable[..., Any], fixtures: tuple[Any, ...]) -> str:
    home = function.__module__
    names = names_used(function, home)
    for fixture in fixtures:
        names |= names_used(fixture, home)
    if names & _PROCESS_NAMES:
        return "system"
    if names & _FUNCTIONAL_NAMES:
        return "functional"
    return "unit"


def kind_of(item: pytest.Item) -> str:
    """The kind of *item*: its nearest kind marker, else what its code shows."""
    for mark in item.iter_markers():
        if mark.name in _RANK:
            return mark.name
    function = getattr(item, "function", None)
    if function is None:
        return "unit"
    return _derived_from(function, tuple(_fixture_functions(item)))


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        kind = kind_of(item)
        item.add_marker(kind)
        item.stash[_KIND] = kind


# -- while a test runs: what it does must fit its kind ----------------------------------------


@dataclass
class _Running:
    """The kind of the test running now (None between tests) and what it did beyond it."""

    kind: str | None = None
    beyond: list[str] = field(default_factory=list)


_NOW = _Running()


def _guard(original: Callable[..., Any], what: str, needs: str) -> Callable[..., Any]:
    """*original*, refused (and noted) while a test of a kind below *needs* runs."""

    @functools.wraps(original)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        kind = _NOW.kind
        if kind is not None and _RANK[kind] < _RANK[needs]:
            _NOW.beyond.append(f"{what}: mark it {needs} (it is {kind})")
            raise PermissionError(f"this {kind} test {what}: mark it pytest.mark.{needs}")
        return original(*args, **kwargs)

    guarded._kind_guard = True  # type: ignore[attr-defined]
    return guarded


def _guard_in(owner: Any, name: str, what: str, needs: str) -> None:
    """Guard ``owner.name`` (once: a nested pytest run finds it guarded)."""
    original = getattr(owner, name, None)
    if original is not None and not getattr(original, "_kind_guard", False):
        setattr(owner, name, _guard(original, what, needs))


def pytest_configure(config: pytest.Config) -> None:
    """Put the guards in place (between tests they let everything through)."""
    starts = [(_posixsubprocess, "fork_exec"), (subprocess, "_fork_exec")]
    for owner, name in (*starts, *((os, n) for n in _OS_STARTS)):
        _guard_in(owner, name, "starts a process", "system")
    for name in ("bind", "connect", "connect_ex"):
        _guard_in(socket.socket, name, "opens a socket", "functional")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    app = sys.modules.get("textual.app")  # Pilot: guarded once the TUI tests import Textual
    if app is not None:
        _guard_in(app.App, "run_test", "runs the TUI under Pilot", "functional")
    outer = (_NOW.kind, _NOW.beyond)  # (a pytest run inside a test: the plugin's own tests)
    _NOW.kind, _NOW.beyond = item.stash.get(_KIND, None), []
    try:
        return (yield)
    finally:
        _NOW.kind, _NOW.beyond = outer


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    """Fail a test that went beyond its kind, whatever the code under test made of the refusal."""
    try:
        result = yield
    finally:
        if _NOW.beyond:
            beyond = "; ".join(dict.fromkeys(_NOW.beyond))
            pytest.fail(f"{item.nodeid}: {beyond}", pytrace=False)
    return result

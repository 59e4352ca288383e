"""Tests by kind: a test's kind is derived from what it does, and what it does must fit it.

The plugin (``tests/support/kinds.py``) is run on a small suite of its own,
in this process (``pytester``): nothing in it really starts a process.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parent.parent

SUITE = """
import asyncio
import socket
import subprocess
import sys

import pytest
from textual.app import App


def run_a_program():
    return subprocess.run([sys.executable, "-c", "pass"], check=True)


class Program:
    def start(self):
        return run_a_program()


def test_plain():
    assert sorted([2, 1]) == [1, 2]


def test_a_helper_starts_a_process():
    run_a_program()


def test_a_class_of_the_suite_starts_one():
    Program().start()


def test_a_server():
    with socket.create_server(("127.0.0.1", 0)) as server:
        assert server.getsockname()[1] > 0


def test_a_process_no_name_shows():
    hidden = __import__("sub" + "process")
    hidden.run([sys.executable, "-c", "pass"])


def test_a_process_the_code_under_test_swallows():
    try:
        __import__("sub" + "process").run([sys.executable, "-c", "pass"])
    except Exception:
        pass


def test_a_socket_no_name_shows():
    __import__("soc" + "ket").create_server(("127.0.0.1", 0)).close()


def test_pilot_no_name_shows():
    async def run():
        async with getattr(App(), "run" + "_test")():
            pass

    asyncio.run(run())


@pytest.mark.functional
def test_marked_functional_it_may_open_a_socket():
    __import__("soc" + "ket").create_server(("127.0.0.1", 0)).close()
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    """The suite above, with this project's kinds plugin and its registered markers."""
    options = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]
    markers = "\n    ".join(options["ini_options"]["markers"])
    pytester.makeini(
        "[pytest]\naddopts = --strict-markers\nasyncio_default_fixture_loop_scope = function\n"
        f"markers =\n    {markers}\n"
    )
    pytester.makeconftest('pytest_plugins = ["tests.support.kinds"]')
    pytester.makepyfile(test_suite=SUITE)
    pytester.syspathinsert(REPO)
    return pytester


def test_kinds_are_derived_from_what_a_test_names(suite: pytest.Pytester) -> None:
    for kind, tests in {
        "system": ["test_a_helper_starts_a_process", "test_a_class_of_the_suite_starts_one"],
        "functional": ["test_a_server", "test_marked_functional_it_may_open_a_socket"],
    }.items():
        listed = suite.runpytest_inprocess(
            "-m", kind, "--collect-only", "-q", "-p", "no:textual-snapshot"
        )
        assert sorted(line.split("::")[1] for line in listed.outlines if "::" in line) == sorted(
            tests
        ), kind


def test_the_fast_loop_leaves_system_out_and_fails_what_hides_a_process(
    suite: pytest.Pytester,
) -> None:
    result = suite.runpytest_inprocess("-m", "not system", "-p", "no:textual-snapshot")
    result.assert_outcomes(passed=3, failed=4, deselected=2)
    out = result.stdout.str()
    for test in ("test_a_process_no_name_shows", "test_a_process_the_code_under_test_swallows"):
        assert f"FAILED test_suite.py::{test}" in out
    assert "starts a process: mark it system (it is unit)" in out
    assert "FAILED test_suite.py::test_a_socket_no_name_shows" in out
    assert "opens a socket: mark it functional (it is unit)" in out
    assert "FAILED test_suite.py::test_pilot_no_name_shows" in out
    assert "runs the TUI under Pilot: mark it functional (it is unit)" in out


def test_this_suite_runs_with_the_plugin() -> None:
    assert "tests.support.kinds" in sys.modules
    from tests.support.kinds import KINDS

    options = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]
    registered = [line.split(":")[0] for line in options["ini_options"]["markers"]]
    assert registered == list(KINDS)  # the markers registered are the plugin's kinds

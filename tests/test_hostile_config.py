"""A config that is odd but valid TOML: one line and the defaults, never an internal error.

``config.toml`` is the user's, but it is read like anything from outside:
nesting that would exhaust the parser's recursion, key names and watch names
holding ESC or C1 controls, a notify command no program could be given.
"""

from __future__ import annotations

from pathlib import Path

from liveread.demo.server import DemoServer
from tests.hostile_support import assert_terminal_safe, cli


def write_config(home: Path, text: str) -> None:
    (home / "config.toml").write_text(text, encoding="utf-8")


def config_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "config.toml" in line]


def test_deeply_nested_toml_is_one_line_and_the_defaults(
    isolated_home: Path, demo_server: DemoServer
) -> None:
    write_config(isolated_home, "a = " + "[" * 5000 + "]" * 5000 + "\n")
    result = cli("follow", "--once", demo_server.url)
    assert result.returncode == 0, result.stderr
    (line,) = config_lines(result.stderr)
    assert line.startswith("liveread: ") and "nests its values too deeply" in line
    assert line.endswith("using the default settings")


def test_a_key_name_holding_escapes_is_not_echoed_raw(
    isolated_home: Path, demo_server: DemoServer
) -> None:
    # TOML writes them as escapes; the name itself holds ESC, BEL, CSI, a newline.
    write_config(isolated_home, '[keys]\n"\\u001b]0;owned\\u0007\\u009b2J\\nx" = 1\n')
    result = cli("follow", "--once", demo_server.url)
    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stderr)
    (line,) = config_lines(result.stderr)
    assert "keys.'\\x1b]0;owned\\x07\\x9b2J\\nx' must be a string of keys" in line


def test_a_watch_name_holding_escapes_is_not_printed_raw(
    isolated_home: Path, demo_server: DemoServer
) -> None:
    write_config(
        isolated_home,
        '[[watch]]\nname = "\\u001b]0;owned\\u0007\\u009b2Jbridge\\u202e"\n'
        'terms = ["Tollbridge"]\n',
    )
    result = cli("follow", "--once", demo_server.url)
    assert result.returncode == 0, result.stderr
    watched = [line for line in result.stdout.splitlines() if "[watch: " in line]
    assert watched
    assert_terminal_safe(result.stdout, result.stderr)


def test_a_notify_command_holding_nul_is_refused_in_one_line(
    isolated_home: Path, demo_server: DemoServer
) -> None:
    write_config(isolated_home, '[notify]\ncommand = ["notify-send", "a\\u0000b"]\n')
    result = cli("follow", "--once", demo_server.url)
    assert result.returncode == 0, result.stderr
    (line,) = config_lines(result.stderr)
    assert "notify.command's words may not hold a NUL" in line

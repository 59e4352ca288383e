"""The command line's grammar, read in-process: the bare command's options as declared."""

from __future__ import annotations

import pytest

from liveread.cli.args import _value_options, build_parser, normalise_argv


@pytest.mark.parametrize("option", sorted(_value_options()))
def test_a_value_option_before_a_url_is_skipped_to_find_the_url(option: str) -> None:
    argv = normalise_argv([option, "30", "a.test/live"])
    assert argv == ["open", option, "30", "a.test/live"]
    args = build_parser().parse_args(argv)
    assert args.urls == ["a.test/live"]
    assert vars(args)[option.lstrip("-").replace("-", "_")] == 30.0


def test_the_value_options_are_read_from_the_declared_options() -> None:
    # The polling options take a value; the bare command's flags do not.
    assert {"--interval", "--refresh", "--max-interval"} <= _value_options()
    assert not {"--offline", "--bell", "--version", "-h"} & _value_options()
    # A flag before a URL is no value: the URL is still found.
    assert normalise_argv(["--offline", "a.test/live"]) == ["open", "--offline", "a.test/live"]
    assert normalise_argv(["--interval", "5", "list"]) == ["--interval", "5", "list"]


_COMMAND_LINES = [
    ["open", "a.test/live", "--offline", "--interval", "30"],
    ["follow", "a.test/live", "--once", "--jsonl", "--continue", "--give-up-after", "9"],
    ["brief", "a.test/live", "--since", "2h", "--format", "markdown"],
    ["parse", "-", "--url", "https://a.test/live", "--json"],
    ["export", "a.test/live", "--format", "atom"],
    ["list", "--json"],
    ["search", "ferry", "--url", "a.test/live", "--json"],
    ["serve", "--bind", "127.0.0.1", "--port", "0"],
    ["demo", "--no-tui", "--format", "amp", "--refresh", "60"],
]


@pytest.mark.parametrize("argv", _COMMAND_LINES, ids=lambda argv: argv[0])
def test_a_parser_built_for_the_command_named_reads_it_as_the_whole_parser_does(
    argv: list[str],
) -> None:
    # The CLI builds only the named command's options (a start-up cost): the same reading.
    def read(parser_for: str | None) -> dict[str, object]:
        found = vars(build_parser(parser_for).parse_args(argv))
        return {name: value for name, value in found.items() if name != "handler"}

    assert read(argv[0]) == read(None)
    assert read(argv[0]) != {}


def test_the_top_level_help_lists_every_command_whichever_is_built(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from liveread.cli.args import COMMANDS

    helps = []
    for command in (None, "open", "list"):
        build_parser(command).print_help()
        helps.append(capsys.readouterr().out)
    assert helps[0] == helps[1] == helps[2]
    for command in COMMANDS:
        assert command in helps[0]

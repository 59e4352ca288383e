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

"""The settings file: key remapping by binding id, and broken files said in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveread import paths
from liveread.config import ConfigError, load_keymap


def test_no_file_no_keymap(isolated_home: Path) -> None:
    assert not paths.config_path().exists()
    assert load_keymap() == {}


def test_keys_table_is_the_keymap(isolated_home: Path) -> None:
    paths.config_path().write_text(
        '[keys]\n"blog.poll" = "f5"\n"feed.next_key_event" = "right_square_bracket, period"\n',
        encoding="utf-8",
    )
    assert load_keymap() == {
        "blog.poll": "f5",
        "feed.next_key_event": "right_square_bracket,period",
    }


@pytest.mark.parametrize(
    "text",
    ["[keys\n", 'keys = "f5"\n', '[keys]\n"blog.poll" = 5\n', '[keys]\n"blog.poll" = ""\n'],
)
def test_broken_files_raise_one_line(isolated_home: Path, text: str) -> None:
    paths.config_path().write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_keymap()
    assert "\n" not in str(caught.value) and str(paths.config_path()) in str(caught.value)

"""The settings file: keys, follow list, watches, notify; edits keep the file; one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveread import paths
from liveread.alerts import NotifySettings, Watch
from liveread.config import (
    ConfigError,
    Settings,
    add_follow,
    add_watch,
    load_settings,
    remove_watch,
)


def test_no_file_no_keymap(isolated_home: Path) -> None:
    assert not paths.config_path().exists()
    assert load_settings().keys == {}


def test_keys_table_is_the_keymap(isolated_home: Path) -> None:
    paths.config_path().write_text(
        '[keys]\n"blog.poll" = "f5"\n"feed.next_key_event" = "right_square_bracket, period"\n',
        encoding="utf-8",
    )
    assert load_settings().keys == {
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
        load_settings()
    assert "\n" not in str(caught.value) and str(paths.config_path()) in str(caught.value)


# -- the whole file: follow, watches, notify --------------------------------------------------

FULL = """\
# liveread settings, by hand
follow = ["example.org/live/a"]  # the morning's blogs

[keys]
"blog.poll" = "f5"   # refresh

# Ferries to the islands
[[watch]]
terms = ["ferry", "Tollbridge"]

# The storm itself
[[watch]]
name = "storm"
terms = ["storm surge"]
case_sensitive = true
blogs = ["example.org/live/a"]

[notify]
key_events = true
command = ["notify-send", "{blog}", "{title}: {text}"]
timeout = 5

# something for another tool
[other]
text = '''
[[watch]]
not a table
'''
"""


def test_every_section_read(isolated_home: Path) -> None:
    paths.config_path().write_text(FULL, encoding="utf-8")
    s = load_settings()
    assert s.keys == {"blog.poll": "f5"}
    assert s.follow == ("https://example.org/live/a",)
    assert s.watches == (
        Watch("ferry, Tollbridge", ("ferry", "Tollbridge")),
        Watch("storm", ("storm surge",), True, ("https://example.org/live/a",)),
    )
    assert s.notify == NotifySettings(
        key_events=True,
        command=("notify-send", "{blog}", "{title}: {text}"),
        timeout=5.0,
        enabled=True,
    )


def test_no_file_is_the_defaults(isolated_home: Path) -> None:
    assert load_settings() == Settings(path=paths.config_path())
    assert not load_settings().notify.enabled


def test_edits_keep_the_rest_of_the_file(isolated_home: Path) -> None:
    where = paths.config_path()
    where.write_text(FULL, encoding="utf-8")
    assert add_follow("https://example.org/live/b") is True
    assert add_follow("example.org/live/b") is False  # the same blog, spelled otherwise
    add_watch(Watch("cafe", ("café",), blogs=("https://example.org/live/b",)))
    assert remove_watch("ferry, Tollbridge") is True
    assert remove_watch("no such watch") is False
    text = where.read_text(encoding="utf-8")
    kept = (
        "# liveread settings, by hand",
        '"blog.poll" = "f5"   # refresh',
        "# The storm",
        "# something for another tool",
        "not a table",
        'command = ["notify-send"',
    )
    assert all(part in text for part in kept)
    assert "Ferries to the islands" not in text  # the removed watch's own comment went with it
    s = load_settings()
    assert s.follow == ("https://example.org/live/a", "https://example.org/live/b")
    assert [w.name for w in s.watches] == ["storm", "cafe"]
    assert s.watches[1].blogs == ("https://example.org/live/b",)
    assert s.keys == {"blog.poll": "f5"} and s.notify.timeout == 5.0


def test_edits_make_a_file_that_did_not_exist(isolated_home: Path) -> None:
    assert add_follow("example.org/live/a")
    add_watch(Watch("", ('he said "no" \\ twice',)))
    s = load_settings()
    assert s.follow == ("https://example.org/live/a",)
    assert s.watches[0].terms == ('he said "no" \\ twice',)
    assert paths.config_path().stat().st_mode & 0o777 == 0o600


def test_watches_written_inline_become_tables(isolated_home: Path) -> None:
    paths.config_path().write_text(
        'watch = [{terms = ["ferry"]}, {name = "s", terms = ["storm"]}]\n[keys]\n"a.b" = "x"\n',
        encoding="utf-8",
    )
    assert remove_watch("ferry")
    add_watch(Watch("t", ("tide",)))
    s = load_settings()
    assert [w.name for w in s.watches] == ["s", "t"] and s.keys == {"a.b": "x"}


def test_a_second_watch_of_the_same_name_is_refused(isolated_home: Path) -> None:
    add_watch(Watch("ferry", ("ferry",)))
    with pytest.raises(ConfigError, match="exists already"):
        add_watch(Watch("ferry", ("boat",)))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("follow = 'x'\n", "follow must be a list"),
        ('follow = ["ftp://x"]\n', "follow entry 1"),
        ("[[watch]]\nname = 'f'\n", "watch 1 ('f'): terms must be"),
        ("[[watch]]\nterms = ['']\n", "watch 1: terms must be non-empty strings"),
        ("[[watch]]\nterms = ['ok']\n[[watch]]\nterms = ['!!']\n", "watch 2: the term '!!'"),
        ("[[watch]]\nterms = ['x']\nblogs = ['javascript:x']\n", "watch 1: blogs:"),
        ("[[watch]]\nterm = ['x']\n", "watch 1: unknown key 'term'"),
        ("[[watch]]\nterms = ['x']\ncase_sensitive = 'yes'\n", "case_sensitive must be"),
        ("[[watch]]\nterms = ['x']\n[[watch]]\nterms = ['x']\n", "another watch is named 'x'"),
        ("[notify]\ncommand = 'notify-send {title}'\n", "notify.command must be a list"),
        ("[notify]\ncommand = ['{title}']\n", "may not hold a placeholder"),
        ("[notify]\ntimeout = 0\n", "notify.timeout must be"),
        ("[notify]\nbell = 1\n", "notify.bell must be true or false"),
        ("[notify]\nsound = true\n", "unknown key 'sound'"),
        ("notify = 3\n", "[notify] must be a table"),
    ],
)
def test_bad_settings_are_one_line_naming_the_entry(
    isolated_home: Path, text: str, says: str
) -> None:
    paths.config_path().write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert "\n" not in message and says in message and str(paths.config_path()) in message


def test_a_broken_file_is_never_edited(isolated_home: Path) -> None:
    paths.config_path().write_text("[keys\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        add_follow("example.org/live/a")
    assert paths.config_path().read_text(encoding="utf-8") == "[keys\n"

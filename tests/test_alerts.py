"""Watches, alerts and their delivery, as units: the matcher, the rate limit, the OSC text, argv.

The end-to-end tests (a real notify script called by ``liveread follow``
against the demo server) are in ``tests/test_follow_alerts.py``.
"""

from __future__ import annotations

import asyncio
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liveread.alerts import (
    KEY_EVENT,
    Alert,
    Alerter,
    AlertRule,
    NotifySettings,
    RateLimit,
    Watch,
    Watches,
    alert_values,
    alerts_for,
    check_command,
    command_argv,
    osc_notification,
    previous_version,
    tmux_passthrough,
)
from liveread.cache import Changes
from liveread.matching import Query, entry_fields
from liveread.model import Block, Entry, Image, Revision, StoredEntry
from liveread.naming import BlogName
from liveread.times import LOCAL
from tests.support.hostile import HOSTILE_STRINGS

BLOG = "https://news.example/live/storm"
T0 = datetime(2026, 11, 27, 14, 0, tzinfo=timezone.utc)


def entry(
    text: str, title: str | None = None, *, n: int = 0, key: bool = False, caption: str = ""
) -> Entry:
    body: tuple[Block, ...] = (Block("paragraph", text),)
    if caption:
        body += (Block("image", image=Image(caption, "Photograph: A N Other")),)
    return Entry(
        f"id{n}", T0 + timedelta(minutes=n), None, title, body, f"{BLOG}#id{n}", key_event=key
    )


def stored(before: str, after: str) -> StoredEntry:
    return StoredEntry(
        "e1",
        T0,
        T0 + timedelta(minutes=5),
        "Update",
        (Block("paragraph", after),),
        f"{BLOG}#e1",
        first_seen=T0,
        revisions=(Revision(T0, before, "Update"), Revision(T0, after, "Update")),
    )


# -- the matcher: the search's rules ------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "text", "hit"),
    [
        ("ferry", "The Ferry is late", True),  # case ignored
        ("ferry", "ferryman", False),  # words, not substrings
        ("ferr*", "ferryman", True),  # a prefix when asked
        ("cafe", "Café Tollbridge", True),  # Latin accents folded
        ("Tollbridge ferry", "the Tollbridge ferry sailed", True),  # a phrase: in a row
        ("Tollbridge ferry", "the ferry to Tollbridge", False),
        ("no-deal", "a no deal exit", True),
        ("port", "passport control", False),
    ],
)
def test_a_term_matches_as_search_would(term: str, text: str, hit: bool) -> None:
    watches = Watches([Watch("w", (term,))])
    assert bool(watches.matching(entry(text), BLOG)) is hit
    if " " not in term:  # one word: exactly what `liveread search` decides
        query = Query.parse(term)
        assert query is not None and query.matches(entry_fields(entry(text))) is hit


@given(st.text(max_size=40), st.text(min_size=1, max_size=12))
def test_a_one_word_watch_agrees_with_the_search_on_any_text(text: str, word: str) -> None:
    query = Query.parse(word)
    if query is None or len(query.terms) != 1:
        return
    watch = Watch("w", (word,))
    assert watch.matches(entry(text)) == query.matches(entry_fields(entry(text)))


def test_any_term_of_a_watch_and_every_field_of_an_entry() -> None:
    watches = Watches([Watch("", ("ferry", "Tollbridge")), Watch("storm", ("storm",))])
    assert watches.matching(entry("Nothing here"), BLOG) == ()
    assert watches.matching(entry("On Tollbridge"), BLOG) == ("ferry, Tollbridge",)
    assert watches.matching(entry("x", "Storm and ferry"), BLOG) == ("ferry, Tollbridge", "storm")
    assert watches.matching(entry("x", caption="A ferry at dawn"), BLOG) == ("ferry, Tollbridge",)


def test_case_sensitive_watches_still_fold_accents() -> None:
    watch = Watches([Watch("Met", ("Met Office",), case_sensitive=True)])
    assert watch.matching(entry("the Met Office says"), BLOG) == ("Met",)
    assert watch.matching(entry("we met office staff"), BLOG) == ()
    accents = Watches([Watch("C", ("Cafe",), case_sensitive=True)])
    assert accents.matching(entry("at the Café"), BLOG) == ("C",)
    assert accents.matching(entry("at the café"), BLOG) == ()


def test_a_watch_limited_to_some_blogs() -> None:
    watches = Watches([Watch("f", ("ferry",), blogs=("HTTPS://News.Example/live/storm",))])
    assert watches.matching(entry("ferry"), BLOG) == ("f",)
    assert watches.matching(entry("ferry"), "https://other.example/live") == ()


def test_spans_for_highlighting_merge_and_follow_the_rules() -> None:
    watches = Watches([Watch("a", ("Tollbridge ferry",)), Watch("b", ("ferry",))])
    text = "The Tollbridge ferry, a ferryman and the FERRY."
    spans = watches.spans(text, BLOG)
    assert [text[a:b] for a, b in spans] == ["Tollbridge ferry", "FERRY"]


@pytest.mark.parametrize("terms", [(), ("",), ("  ",), ("!!!",), (3,)])
def test_a_watch_needs_real_terms(terms: tuple[object, ...]) -> None:
    with pytest.raises(ValueError):
        Watch("x", terms)  # type: ignore[arg-type]


def test_an_edit_alerts_only_for_what_it_brings() -> None:
    watches = Watches([Watch("ferry", ("ferry",)), Watch("storm", ("storm",))])
    edited = stored("The storm goes on.", "The storm goes on; the ferry is cancelled.")
    before = previous_version(edited)
    assert before is not None and "ferry" not in before.text
    assert watches.new_matches(before, edited, BLOG) == ("ferry",)
    assert watches.new_matches(None, edited, BLOG) == ("ferry", "storm")
    same = stored("The ferry is late.", "The ferry is very late.")
    assert watches.new_matches(previous_version(same), same, BLOG) == ()


def test_alerts_for_new_edited_key_events_never_backfill() -> None:
    watches = Watches([Watch("ferry", ("ferry",))])
    news = Changes(
        new=(entry("ferry news", n=1), entry("nothing", n=2), entry("big", n=3, key=True)),
        edited=(stored("calm", "ferry back"),),
    )
    args = {"blog_url": BLOG, "blog_title": "Storm live", "watches": watches}
    assert alerts_for(news, "backfill", key_events=True, **args) == []  # type: ignore[arg-type]
    got = alerts_for(news, "poll", **args)  # type: ignore[arg-type]
    assert [(a.entry.id, a.why) for a in got] == [("id1", "ferry"), ("e1", "ferry")]
    with_keys = alerts_for(news, "page", key_events=True, **args)  # type: ignore[arg-type]
    assert [(a.entry.id, a.why) for a in with_keys] == [
        ("id1", "ferry"),
        ("id3", KEY_EVENT),
        ("e1", "ferry"),
    ]


# -- the terminal's notification -------------------------------------------------------------

OSC = re.compile(r"\x1b\]9;([^\x1b\x07]*)\x07\x1b\]777;notify;([^;\x1b\x07]*);([^\x1b\x07]*)\x07")


def test_osc_notification_is_two_sequences() -> None:
    out = osc_notification("Storm live", "Ferry cancelled: all sailings")
    assert out == (
        "\x1b]9;Storm live: Ferry cancelled: all sailings\x07"
        "\x1b]777;notify;Storm live;Ferry cancelled: all sailings\x07"
    )


@pytest.mark.parametrize("hostile", [*HOSTILE_STRINGS, "a;b;c", "\x9c\x9d end", "x\u2066y\u202e"])
def test_page_text_cannot_escape_the_osc_sequences(hostile: str) -> None:
    out = osc_notification(f"Title {hostile}", f"Body {hostile} more")
    match = OSC.fullmatch(out)
    assert match is not None, repr(out)
    for part in match.groups():
        assert all(ch.isprintable() for ch in part), repr(part)
    assert ";" not in match.group(1) and ";" not in match.group(2)


@given(st.text(), st.text())
def test_any_text_gives_exactly_the_two_sequences(title: str, body: str) -> None:
    out = osc_notification(title, body)
    match = OSC.fullmatch(out)
    assert match is not None
    assert out.count("\x1b") == 2 and out.count("\x07") == 2
    assert not any(0x80 <= ord(ch) <= 0x9F for ch in out)
    assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in out)


# -- the command's arguments ---------------------------------------------------------------------


def test_command_placeholders_per_argument_and_never_an_option() -> None:
    command = ("notify", "--urgency=low", "{title}", "[{why}] {text}", "{url}", "x{{title}}y")
    values = {"title": "-rf /", "why": "ferry", "text": "--help", "url": "https://x/#1"}
    argv = command_argv(command, values)
    assert argv == [
        "notify",
        "--urgency=low",  # the user's own option stays one
        " -rf /",  # page text at an argument's start never reads as an option
        "[ferry] --help",
        "https://x/#1",
        "x{-rf /}y",
    ]


@pytest.mark.parametrize("command", ["notify-send {title}", [], ["{title}"], ["notify", 3], ["  "]])
def test_bad_commands_are_refused(command: object) -> None:
    with pytest.raises(ValueError):
        check_command(command)  # type: ignore[arg-type]


def test_alert_values_are_one_line_and_sanitized() -> None:
    hostile = "".join(HOSTILE_STRINGS)
    alert = Alert(f"Blog {hostile}", entry(f"Text\n{hostile}" * 20, f"T {hostile}"), "w", T0)
    values = alert_values(alert)
    assert set(values) == {"blog", "outlet", "title", "writer", "text", "url", "time", "why"}
    for value in values.values():
        assert all(ch.isprintable() for ch in value), repr(value)
    assert len(values["text"]) <= 200


def test_an_alert_names_the_outlet_the_writer_and_the_times_zone() -> None:
    """Defect: {blog} was the blog's title alone, {time} a bare HH:MM."""
    written = Entry(
        "w1", T0, None, "Ferry cancelled", (Block("paragraph", "All off."),), f"{BLOG}#w1",
        authors=("Maren Holt",),
    )  # fmt: skip
    alert = Alert("Storm live", written, "ferry", T0, BLOG, ("ferry",), outlet="The Herald")
    values = alert_values(alert)
    assert values["blog"] == "The Herald: Storm live" and values["outlet"] == "The Herald"
    assert values["writer"] == "Maren Holt"
    assert values["time"].endswith(f" {LOCAL.name(T0)}") and ":" in values["time"]
    title, body = alert.notification()
    assert title == "The Herald: Storm live" and body.startswith("Ferry cancelled · Maren Holt")


def test_the_alert_rule_never_alerts_history_but_a_catch_up_walk_once_live() -> None:
    """One rule for liveread follow and the TUI: the backfill before the blog went live is
    history; once live, a catch-up walk of older pages is news."""
    watches = Watches([Watch(name="ferry", terms=("ferry",))])
    changes = Changes(new=(entry("ferry news", "Ferry", n=1),))
    blog = BlogName(BLOG, "Storm live", "The Herald")
    rule = AlertRule()
    assert rule.alerts(changes, "backfill", blog=blog, watches=watches) == []
    assert [a.why for a in rule.alerts(changes, "poll", blog=blog, watches=watches)] == ["ferry"]
    rule.saw_state("backfilling")
    assert not rule.live
    rule.saw_state("live")
    walked = rule.alerts(changes, "backfill", blog=blog, watches=watches)
    assert [a.entry.id for a in walked] == ["id1"] and walked[0].outlet == "The Herald"


def test_inside_tmux_notifications_are_wrapped_for_its_passthrough() -> None:
    osc9, osc777 = "\x1b]9;Blog: Text\x07", "\x1b]777;notify;Blog;Text\x07"
    assert osc_notification("Blog", "Text") == osc9 + osc777
    wrapped = osc_notification("Blog", "Text", tmux=True)
    assert wrapped == tmux_passthrough(osc9) + tmux_passthrough(osc777)
    assert tmux_passthrough(osc9) == "\x1bPtmux;\x1b\x1b]9;Blog: Text\x07\x1b\\"


# -- the rate limit, on a clock of its own -------------------------------------------------------


def alerts(n: int) -> list[Alert]:
    return [Alert("Storm live", entry("ferry", f"Ferry {i}", n=i), "ferry", T0) for i in range(n)]


def test_a_burst_is_one_summary() -> None:
    limit = RateLimit()
    for i, alert in enumerate(alerts(30)):
        limit.offer(alert, 100.0 + i * 0.02)  # 30 within 0.6 s: one burst
    assert limit.take(100.7) == []  # still gathering (1 s after the last)
    (summary,) = limit.take(101.6)
    assert summary.count == 30 and summary.title == "30 entries match ferry"
    assert summary.text.startswith("Ferry 0 · Ferry 1")
    assert limit.due() is None


def test_a_trickle_gives_three_then_a_summary_of_the_rest() -> None:
    limit = RateLimit()
    given: list[tuple[float, Alert]] = []
    now = 0.0
    stream = alerts(10)
    for i in range(10):  # one every 2 s
        limit.offer(stream[i], now)
        for _ in range(2):
            now += 1.0
            given += [(now, a) for a in limit.take(now)]
    while limit.due() is not None:
        now = max(now, limit.due() or now)
        given += [(now, a) for a in limit.take(now)]
    singles = [a for _, a in given if a.count == 1]
    summaries = [a for _, a in given if a.count > 1]
    assert len(singles) >= 3 and summaries
    assert sum(a.count for _, a in given) == 10
    for t, _ in given:  # never more than 3 in any 10 s
        assert sum(1 for u, _ in given if t - 10 < u <= t) <= 3
    assert summaries[0].title.startswith(f"{summaries[0].count} more entries match")


@pytest.mark.system  # liveread runs the notify command
async def test_the_alerter_rings_notifies_and_reports_a_missing_command_once() -> None:
    written: list[str] = []
    reported: list[str] = []
    settings = NotifySettings(command=("/nonexistent/notify",), enabled=True)
    alerter = Alerter(
        settings, terminal=written.append, report=reported.append, limit=RateLimit(settle=0.01)
    )
    alerter.send(alerts(1))
    await asyncio.sleep(0.3)
    alerter.send(alerts(2)[1:])
    await alerter.aclose()
    assert written.count("\a") == 2
    assert sum(1 for w in written if w.startswith("\x1b]9;Storm live: Ferry")) == 2
    assert reported == ["notify command not found: /nonexistent/notify"]


@pytest.mark.system  # liveread runs the notify command
async def test_a_hanging_command_is_killed_after_its_timeout(tmp_path: Path) -> None:
    marker = tmp_path / "started"
    script = tmp_path / "hang.py"
    script.write_text(
        f"import pathlib, time\npathlib.Path({str(marker)!r}).write_text('x')\ntime.sleep(60)\n"
    )
    reported: list[str] = []
    settings = NotifySettings(command=(sys.executable, str(script)), timeout=0.5, bell=False)
    alerter = Alerter(settings, report=reported.append, limit=RateLimit(settle=0.01))
    alerter.send(alerts(1))
    alerter.send([])
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not marker.exists() and loop.time() - started < 20:
        await asyncio.sleep(0.02)
    await alerter.aclose()
    assert marker.exists()
    assert reported == ["notify command timed out after 0.5 s; killed"]

"""The app's pure parts, without a terminal: the header's words, the word diff, the quote,
the "since" line, the liveness a follow event leaves, and the one follow message."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from liveread.cache import Changes, SinceReport
from liveread.follow import (
    Applied,
    BackfillProgress,
    Ended,
    FollowEvent,
    FollowStatus,
    StatusChanged,
    Stopped,
)
from liveread.naming import BlogName, entry_quote
from liveread.times import LOCAL, UTC, local_time
from liveread.tui.blog import WIDE, Followed, Liveness, PaneFold, badge, since_text, status_parts
from liveread.tui.screens import word_diff

from .harness import NOW, make_entry

UTC_TZ = timezone.utc

URL = "https://example.org/news/live/blog"


def said(liveness: Liveness, newest: datetime | None = None) -> str:
    return "".join(text for text, _ in status_parts(liveness, URL, NOW, newest))


def hhmm(moment: object) -> str:
    return local_time(moment, "%H:%M")  # type: ignore[arg-type]


def test_header_says_the_newest_entry_and_the_last_check_apart() -> None:
    status = FollowStatus(
        "live", last_success=NOW - timedelta(seconds=12), next_poll=NOW + timedelta(seconds=8)
    )
    liveness = Liveness(status=status)
    assert badge(liveness) == ("LIVE", "live")
    newest = NOW - timedelta(minutes=12)
    zone = LOCAL.name(newest)
    assert said(liveness, newest) == (
        f"newest entry {hhmm(newest)} {zone}, 12 min ago · "
        f"checked {hhmm(status.last_success)}, 12 s ago · next poll in 8 s"
    )
    # Defect: a blog whose newest entry is 853 days old read "updated 15:07, just now".
    old = NOW - timedelta(days=853)
    text = said(liveness, old)
    assert text.startswith(f"newest entry {local_time(old, '%d %b %Y %H:%M')} {LOCAL.name(old)} · ")
    assert "days ago" not in text and "checked" in text
    # UTC on asking, said as such.
    utc = "".join(t for t, _ in status_parts(liveness, URL, NOW, newest, UTC))
    assert f"newest entry {newest.astimezone(UTC_TZ).strftime('%H:%M')} UTC" in utc


def test_header_reading_history_connecting_ended_offline_stopped() -> None:
    reading = FollowStatus("backfilling", pages_done=3, pages_total=14)
    assert said(Liveness(status=reading)).startswith("reading history: page 3 of 14")
    assert badge(Liveness(status=reading))[0] == "READING"
    assert said(Liveness()) == "connecting to example.org…"
    ended = Liveness(live=False, status=FollowStatus("ended", last_success=NOW))
    assert badge(ended)[0] == "ENDED" and said(ended).startswith("the blog has ended")
    since = NOW - timedelta(minutes=3)
    offline = FollowStatus(
        "offline", offline_since=since, last_error="connection refused; trying again in 40 s"
    )
    text = said(Liveness(status=offline))
    assert text == f"offline since {hhmm(since)} — connection refused; trying again in 40 s"
    assert badge(Liveness(status=offline))[0] == "OFFLINE"
    stopped = Liveness(stopped="HTTP 410 Gone", last_success=since)
    assert badge(stopped)[0] == "STOPPED" and said(stopped).startswith("not following: HTTP 410")
    cache_only = Liveness(following=False, last_success=since)
    assert badge(cache_only)[0] == "OFFLINE" and "cache only" in said(cache_only)


def test_word_diff_marks_inserted_and_deleted_words() -> None:
    pieces = word_diff("The river is high.\n\nMore soon.", "The river is very high.\n\nMore later.")
    assert pieces == [
        ("The river is ", "same"),
        ("very ", "insert"),
        ("high.\n\nMore ", "same"),
        ("soon.", "delete"),
        ("later.", "insert"),
    ]
    assert word_diff("same", "same") == [("same", "same")]
    assert word_diff("", "new words") == [("new words", "insert")]


def test_a_quote_names_writer_outlet_blog_time_with_its_zone_and_link() -> None:
    entry = make_entry("e1", 0, "Barrier closes")
    blog = BlogName("https://example.org/blog", "Storm live", "Marlhaven Courier")
    quote = entry_quote(entry, blog)
    assert quote.splitlines()[0] == "Barrier closes"
    assert "Some text." in quote
    when = f"{local_time(entry.published, '%d %b %Y %H:%M')} {LOCAL.name(entry.published)}"
    assert f"— Maren Holt, Marlhaven Courier: Storm live, {when}" in quote
    assert quote.splitlines()[-1] == entry.url
    # No site name known: the host stands for the outlet; UTC when asked.
    bare = entry_quote(entry, BlogName("https://www.example.org/blog", "Storm live"), UTC)
    assert "Maren Holt, example.org: Storm live, " in bare and bare.count(" UTC\n") == 1


def test_since_text() -> None:
    report = SinceReport(NOW, ("a", "b"), ("c",), ())
    assert since_text(report) == f"2 new, 1 edited since {hhmm(NOW)}"
    assert since_text(SinceReport(NOW, (), (), ())) is None


EVENTS: list[FollowEvent] = [
    Applied(URL, Changes(), "poll"),
    StatusChanged(FollowStatus("live")),
    BackfillProgress(URL, 2, 5),
    Ended(URL),
    Stopped(URL, "gone"),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_one_message_carries_every_follow_event_as_it_is(event: FollowEvent) -> None:
    message = Followed(URL, event)
    assert message.event is event and message.url == URL


def test_only_a_newer_status_or_progress_of_the_same_blog_supersedes_a_queued_one() -> None:
    status, progress = StatusChanged(FollowStatus("live")), BackfillProgress(URL, 2, 5)
    assert Followed(URL, status).can_replace(Followed(URL, StatusChanged(FollowStatus("offline"))))
    assert Followed(URL, progress).can_replace(Followed(URL, BackfillProgress(URL, 3, 5)))
    assert not Followed(URL, status).can_replace(Followed(URL + "/other", status))
    assert not Followed(URL, status).can_replace(Followed(URL, progress))
    for event in EVENTS:
        if not isinstance(event, StatusChanged | BackfillProgress):
            # what changed, the end, a stop: never dropped, never dropping one queued
            assert not Followed(URL, event).can_replace(Followed(URL, event))
            assert not Followed(URL, status).can_replace(Followed(URL, event))


def test_the_liveness_each_follow_event_leaves() -> None:
    start = Liveness(live=True, last_success=NOW)
    offline = FollowStatus("offline", last_error="HTTP 503")
    assert start.after(StatusChanged(offline)) == Liveness(
        live=True, last_success=NOW, status=offline
    )
    assert start.after(Ended(URL)) == Liveness(live=False, last_success=NOW)
    assert start.after(Stopped(URL, "HTTP 410 Gone")).stopped == "HTTP 410 Gone"
    assert start.after(Applied(URL, Changes(), "poll")) is start
    assert start.after(BackfillProgress(URL, 2, 5)) is start


def test_what_r_decides_from_the_liveness() -> None:
    assert Liveness().polling  # the follower is starting: r asks at once
    assert Liveness(status=FollowStatus("offline")).polling  # r skips the back-off
    assert not Liveness(following=False).polling
    assert not Liveness(stopped="HTTP 410 Gone").polling
    ended = Liveness(status=FollowStatus("ended"))
    assert not ended.polling and ended.ended
    assert Liveness(live=False).ended  # known from the cache before the follower says
    done = Liveness(status=FollowStatus("stopped"))
    assert not done.polling and not done.ended
    assert Liveness(last_success=NOW).updated == NOW
    later = NOW + timedelta(minutes=1)
    assert Liveness(last_success=NOW, status=FollowStatus("live", last_success=later)).updated == (
        later
    )


def test_the_pane_folds_by_width_and_the_readers_choice_lasts_until_a_crossing() -> None:
    fold = PaneFold()
    assert fold.visible(WIDE) and fold.wide and not fold.visible(WIDE - 1)
    fold.choose(True)  # e on a narrow terminal
    assert fold.visible(WIDE - 20)
    assert fold.visible(WIDE + 20)  # crossing: the wide rule again
    fold.choose(False)
    assert not fold.visible(WIDE + 5) and fold.wide
    assert not fold.visible(WIDE - 1) and fold.visible(WIDE)  # crossings forget the choice

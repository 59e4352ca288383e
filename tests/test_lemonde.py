"""Le Monde's "en direct" pages: posts on a clock, L'Essentiel, readers' questions, the end.

A fixture of our own making (tests/fixtures/lemonde, an invented flood) shaped
as the markup public followers of these pages read: posts with
``data-post-id`` and only an ``HH:MM`` clock, essential posts by class or
attribute, a reader's question, a citation, a lazy picture, the ended label.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.model import Image, Snapshot
from liveread.sources import lemonde, parse, read

PAGE = Path(__file__).parent / "fixtures" / "lemonde" / "live.html"
URL = (
    "https://www.lemonde.fr/planete/live/2026/03/28/"
    "crue-de-la-lanne-suivez-la-montee-des-eaux-en-direct_6600001_3244.html"
)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return parse(PAGE.read_bytes(), URL)


def test_the_page_is_read_by_the_le_monde_source(snapshot: Snapshot) -> None:
    assert read(PAGE.read_bytes(), URL)[0].name == "lemonde"
    assert snapshot.title == "Crue de la Lanne : suivez la montée des eaux en direct"
    assert snapshot.standfirst.startswith("La Lanne a débordé dans trois communes")
    assert snapshot.site_name == "Le Monde.fr" and snapshot.live is True
    assert snapshot.main_image is not None
    assert snapshot.main_image.url == "https://img.lemonde.example/lanne-hero.jpg"
    assert [e.id for e in snapshot.entries] == ["5004", "5003", "5002", "5001"]
    assert snapshot.entries[0].url == f"{URL}#5004"


def test_clock_times_are_paris_time_on_the_lives_day_and_cross_midnight(
    snapshot: Snapshot,
) -> None:
    # 28 March 2026 is winter time (UTC+1); the post after midnight is on the 29th,
    # still before summer time starts at 01:00 UTC.
    assert [e.published for e in snapshot.entries] == [
        utc(2026, 3, 29, 0, 15),
        utc(2026, 3, 28, 22, 40),
        utc(2026, 3, 28, 21, 30),
        utc(2026, 3, 28, 20, 5),
    ]


def test_paris_summer_time_is_two_hours_ahead() -> None:
    assert lemonde.paris_to_utc(date(2026, 7, 14), 12, 0) == utc(2026, 7, 14, 10, 0)
    assert lemonde.paris_to_utc(date(2026, 12, 1), 12, 0) == utc(2026, 12, 1, 11, 0)
    assert lemonde.paris_to_utc(date(2026, 10, 25), 12, 0) == utc(2026, 10, 25, 11, 0)


def test_essential_posts_are_key_events_by_class_or_attribute(snapshot: Snapshot) -> None:
    assert [e.key_event for e in snapshot.entries] == [True, False, True, False]


def test_a_readers_question_is_quoted_with_who_asked_then_the_answer(snapshot: Snapshot) -> None:
    question = snapshot.entries[1]
    assert question.title is None
    assert [(b.kind, b.text) for b in question.body] == [
        ("quote", "Les trains circulent-ils entre Vireux et Sorel ?\n— Margaux"),
        ("paragraph", "Non, la ligne est coupée jusqu'à demain midi."),
    ]


def test_titles_citations_lists_and_lazy_pictures(snapshot: Snapshot) -> None:
    newest, plan = snapshot.entries[0], snapshot.entries[2]
    assert newest.title == "La décrue a commencé à Vireux"
    assert newest.images == (
        Image(
            "Le quai de Vireux, dans la nuit.",
            "JEAN MARTEL / AGENCE",
            "https://img.lemonde.example/vireux-quai.jpg",
        ),
    )
    assert "01:15" not in newest.text
    assert [(b.kind, b.text) for b in plan.body] == [
        ("quote", "« Nous évacuons tous les quartiers bas. »"),
        ("list_item", "Trois gymnases ouverts"),
        ("list_item", "Numéro vert activé"),
    ]


def ended_page() -> str:
    html = PAGE.read_text(encoding="utf-8")
    html = html.replace('label__live">En direct', 'label__live label__live--off">Terminé')
    link = (
        '<a class="post__live-container--link" href="/planete/live/2026/03/29/'
        'crue-de-la-lanne-la-decrue-en-direct_6600002_3244.html">Suivez notre nouveau direct</a>'
    )
    return html.replace("depuis minuit.</p>", "depuis minuit.</p>" + link, 1)


def test_an_ended_live_says_so_and_names_the_next_live() -> None:
    html = ended_page()
    nxt = (
        "https://www.lemonde.fr/planete/live/2026/03/29/"
        "crue-de-la-lanne-la-decrue-en-direct_6600002_3244.html"
    )
    ended = parse(html.encode(), URL)
    assert ended.live is False and ended.continues_at == nxt
    assert lemonde.continuation(LexborHTMLParser(html), URL) == nxt
    assert parse(PAGE.read_bytes(), URL).continues_at is None
    # While live, or without a link to another live of the site, there is none.
    assert lemonde.continuation(LexborHTMLParser(PAGE.read_text(encoding="utf-8")), URL) is None
    elsewhere = ended_page().replace('href="/planete/live', 'href="https://other.example/live')
    assert lemonde.continuation(LexborHTMLParser(elsewhere), URL) is None


def test_the_day_comes_from_the_pages_date_when_its_url_has_none(snapshot: Snapshot) -> None:
    local = parse(PAGE.read_bytes(), "http://127.0.0.1:8765/live-copy")
    assert local.source == "lemonde"
    assert [e.published for e in local.entries] == [e.published for e in snapshot.entries]


def test_posts_without_an_id_are_left_out() -> None:
    html = PAGE.read_text(encoding="utf-8").replace(' data-post-id="5003"', "")
    assert [e.id for e in parse(html.encode(), URL).entries] == ["5004", "5002", "5001"]


def test_liveread_parse_reads_the_page_as_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "liveread", "parse", str(PAGE), "--url", URL, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "lemonde" and data["live"] is True
    assert [e["key_event"] for e in data["entries"]] == [True, False, True, False]


def test_an_embedded_player_is_an_embed_not_nothing() -> None:
    player = '<iframe src="https://www.dailymotion.com/embed/video/x9abc12"></iframe>'
    widget = '<iframe src="https://widgets.lemonde.example/carte-crue"></iframe>'
    html = PAGE.read_text(encoding="utf-8").replace(
        "depuis minuit.</p>", "depuis minuit.</p>" + player + widget, 1
    )
    newest = parse(html.encode(), URL).entries[0]
    assert [(b.embed, b.url) for b in newest.body if b.kind == "embed"] == [
        ("video", "https://www.dailymotion.com/embed/video/x9abc12"),
        ("other", "https://widgets.lemonde.example/carte-crue"),
    ]

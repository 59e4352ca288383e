"""Al Jazeera's live-blog answers: the shell, the id list, one update, the next day's blog.

Fixtures of our own making (tests/fixtures/aljazeera, an invented storm)
shaped as the production answers a proof of concept recorded: the shell under
``data.article`` with ``childrenMeta``, an update under ``data.posts`` with
WordPress captions whose credit is in brackets.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from liveread.model import Image
from liveread.sources import aljazeera

FIXTURES = Path(__file__).parent / "fixtures" / "aljazeera"
BLOG = (
    "https://www.aljazeera.com/news/liveblog/2026/3/14/storm-live-coastal-towns-brace-as-orla-nears"
)


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def test_the_shell_names_the_blog_and_its_updates_newest_first() -> None:
    shell = aljazeera.read_shell(load("shell.json"), BLOG)
    assert shell.title == "Storm live: Coastal towns brace as Orla nears"
    assert shell.standfirst.startswith("Forecasters warn of gusts")
    assert shell.live is True and shell.authors == ("Mara Quill",)
    assert shell.published == at("2026-03-14T08:00:00")
    assert [i for i, _ in shell.updates] == ["7100024", "7100019", "7100021", "7100008"]
    assert shell.updates[0][1] == at("2026-03-14T10:30:00")


def test_updates_are_ordered_by_their_time_not_the_lists_order_nor_their_ids() -> None:
    data = load("shell.json")
    article = data["data"]["article"]
    article["children"].reverse()
    article["childrenMeta"] = article["childrenMeta"][2:] + article["childrenMeta"][:2]
    shell = aljazeera.read_shell(data, BLOG)
    assert [i for i, _ in shell.updates] == ["7100024", "7100019", "7100021", "7100008"]


def test_the_summary_bullets_are_the_blogs_summary_entry() -> None:
    summary = aljazeera.read_shell(load("shell.json"), BLOG).summary
    assert summary is not None and summary.summary and not summary.key_event
    assert summary.id == f"{BLOG}#summary"
    assert [(b.kind, b.text) for b in summary.body] == [
        ("list_item", "Storm Orla is expected to reach the coast by this evening."),
        ("list_item", "Ferries between the islands are cancelled until Monday."),
        ("list_item", "Visit our tracker for the storm’s path."),
    ]


def test_the_featured_pictures_credit_is_split_from_its_caption() -> None:
    shell = aljazeera.read_shell(load("shell.json"), BLOG)
    assert shell.main_image == Image(
        "Volunteers fill sandbags on the harbour front on March 14",
        "Pel Ostrander/Agency",
        "https://www.aljazeera.com/wp-content/uploads/2026/03/sandbags-1773480000.jpg",
    )


def test_an_update_reads_its_time_title_writer_tagline_and_captioned_photo() -> None:
    entry = aljazeera.read_update(load("update-7100024.json"), BLOG)
    assert entry is not None
    assert entry.id == "7100024" and entry.url == f"{BLOG}?update=7100024"
    assert entry.published == at("2026-03-14T10:30:00") and entry.updated is None
    assert entry.title == "Waves top the sea wall at Port Ellery"
    assert entry.authors == ("Noor Haddad",)
    assert [b.kind for b in entry.body] == ["paragraph", "paragraph", "paragraph", "image"]
    assert entry.body[0].text == "Reporting from Port Ellery"
    assert entry.images == (
        Image(
            "Waves break over the sea wall at Port Ellery on Saturday",
            "Ines Varga/Agency via Wire",
            "https://www.aljazeera.com/wp-content/uploads/2026/03/seawall-1773482000.jpg"
            "?w=770&resize=770%2C513",
        ),
    )


def test_a_later_modified_gmt_is_an_edit() -> None:
    entry = aljazeera.read_update(load("update-7100019.json"), BLOG)
    assert entry is not None and entry.updated == at("2026-03-14T10:12:40")


def test_the_shells_time_wins_and_hidden_titles_and_authors_stay_hidden() -> None:
    hidden_author = aljazeera.read_update(
        load("update-7100021.json"), BLOG, published=at("2026-03-14T09:29:00")
    )
    assert hidden_author is not None
    assert hidden_author.published == at("2026-03-14T09:29:00") and hidden_author.authors == ()
    assert [b.kind for b in hidden_author.body] == ["list_item", "list_item"]
    untitled = aljazeera.read_update(load("update-7100008.json"), BLOG)
    assert untitled is not None and untitled.title is None


def test_the_closing_update_names_the_next_blog_of_the_same_site() -> None:
    closing = load("update-7100031.json")
    assert aljazeera.continuation(closing, BLOG) == (
        "https://www.aljazeera.com/news/liveblog/2026/3/15/storm-live-orla-makes-landfall"
    )
    # An ordinary update links to no live blog; a link off the site is never one.
    assert aljazeera.continuation(load("update-7100024.json"), BLOG) is None
    closing["data"]["posts"]["content"] = '<a href="https://elsewhere.example/liveblog/x">x</a>'
    assert aljazeera.continuation(closing, BLOG) is None


def test_an_ended_blog_says_so() -> None:
    shell = aljazeera.read_shell(load("shell-ended.json"), BLOG)
    assert shell.live is False and shell.updates[0] == ("7100031", at("2026-03-14T23:59:00"))


def test_the_id_list_in_both_shapes_clients_read() -> None:
    assert aljazeera.read_children(load("children.json")) == (
        "7100024",
        "7100019",
        "7100021",
        "7100008",
    )
    nodes = {"data": {"post": {"children": {"nodes": [{"databaseId": 5}, {"databaseId": "6"}]}}}}
    assert aljazeera.read_children(nodes) == ("5", "6")
    assert aljazeera.read_children({"data": {}}) == ()
    assert aljazeera.read_children({"data": {"article": {"children": [True, "x", 7]}}}) == ("7",)


def test_answers_are_told_apart_and_wrong_ones_refused() -> None:
    assert aljazeera.is_shell(load("shell.json")) and not aljazeera.is_update(load("shell.json"))
    update = load("update-7100019.json")
    assert aljazeera.is_update(update) and not aljazeera.is_shell(update)
    assert aljazeera.read_update(load("shell.json"), BLOG) is None
    with pytest.raises(ValueError):
        aljazeera.read_shell(update, BLOG)
    assert not aljazeera.is_shell([1]) and not aljazeera.is_update("x")


def test_credits_are_split_only_from_a_bracketed_end() -> None:
    assert aljazeera.split_credit("A march [Name/Agency]") == ("A march", "Name/Agency")
    assert aljazeera.split_credit("[Reuters] said the minister") == (
        "[Reuters] said the minister",
        "",
    )
    assert aljazeera.split_credit("No credit") == ("No credit", "")


def test_requests_name_the_operation_the_site_and_json_variables() -> None:
    url = aljazeera.request_url(BLOG, aljazeera.UPDATE_OP, aljazeera.update_variables(7100019))
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("www.aljazeera.com", "/graphql")
    query = parse_qs(parts.query)
    assert query["wp-site"] == ["aje"] and query["operationName"] == ["LiveBlogUpdateQuery"]
    assert json.loads(query["variables"][0]) == {"postID": 7100019, "postType": "post"}
    assert query["extensions"] == ["{}"]
    assert aljazeera.site_of("https://www.aljazeera.net/news/liveblog/x") == "aja"
    local = aljazeera.request_url("http://127.0.0.1:9000/news/liveblog/x", "Op", {})
    assert local.startswith("http://127.0.0.1:9000/graphql?wp-site=aje&")

"""How Le Monde's "en direct" pages mark up their posts, as data.

Read where public followers of these pages read them (a Discord bot's
LiveChecker, a Go follower, scrapers): posts are
``section.post.post__live-container`` inside
``section.post__live-section.post-container``, newest first, each with
``data-post-id`` (its permalink's fragment), a clock time in ``.date``
(``HH:MM``, Paris time, no date), its content in ``.content--live``: a title
``.post__live-container--title``, text, pictures
(``figure.post__live-container--figure``, lazy ``img[data-src]``), lists,
quotes (``.post__live-container--citation``), and readers' questions
(``.post__live-container--comment-content``: the question in
``--comment-blockquote``, the reader's name in ``--comment-author``). The
essential posts ("L'Essentiel") carry ``post__live-container--essential`` or
``data-post-essential``. An ended live shows ``.label__live--off``, and its
newest post links the next one (``.post__live-container--link``).
"""

from __future__ import annotations

import re

__all__ = [
    "CITATION",
    "CONTENT",
    "ENDED",
    "ESSENTIAL_ATTR",
    "ESSENTIAL_CLASS",
    "FIGURE",
    "HERO_IMAGE",
    "LIVE_LABEL",
    "LIVE_PATH",
    "NEXT_LINK",
    "POST",
    "POST_ID",
    "QUESTION",
    "QUESTION_AUTHOR",
    "QUESTION_TEXT",
    "SKIP",
    "STANDFIRST",
    "TIME",
    "TITLE",
    "TWEET",
    "URL_DATE",
    "VIDEO_HOSTS",
]

POST = "section.post__live-container"
#: Its permalink's fragment; ``id="id-<n>"`` is the older spelling some pages were read with.
POST_ID = "data-post-id"
ESSENTIAL_CLASS = "post__live-container--essential"
ESSENTIAL_ATTR = "data-post-essential"
#: The post's clock time, ``HH:MM`` (Paris).
TIME = ".info-content .date, .date"
CONTENT = ".content--live"
TITLE = ".post__live-container--title"
FIGURE = ".post__live-container--figure"
CITATION = ".post__live-container--citation"
QUESTION = ".post__live-container--comment-content"
QUESTION_TEXT = ".post__live-container--comment-blockquote"
QUESTION_AUTHOR = ".post__live-container--comment-author"
TWEET = '[class*="post__live-container--tweet"]'
#: Players whose ``iframe`` is a video (any other is an embedded widget).
VIDEO_HOSTS = ("youtube.com/embed/", "dailymotion.com/embed/", "player.vimeo.com/")
#: Inside a post: nothing a reader reads.
SKIP = "script, style, noscript, template, button, form, .info-content, .date"

#: The live's flag; with ``--off`` the live has ended.
LIVE_LABEL = ".label__live"
ENDED = ".label__live--off"
#: The link an ended live's newest post gives to the next live.
NEXT_LINK = ".post__live-container--link"
#: What the path of every live of the site holds.
LIVE_PATH = "/live/"
STANDFIRST = "#js-summary-live"
HERO_IMAGE = ".hero__live-content .hero__live-img"
#: The live's day, in its URL: ``/live/2026/03/14/…``.
URL_DATE = re.compile(r"/live/(\d{4})/(\d{2})/(\d{2})/")

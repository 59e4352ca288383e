"""How the Telegraph's live pages mark up their posts, as data.

Read where a public feed generator reads them (m4rk4's telegraph.py): the
page's JSON-LD ``LiveBlogPosting`` lists its updates newest first; a post is
``.live-post``, its time ``.live-post__wrapper-body-timestamp
time[datetime]``, its title ``.live-post__title``, its content
``.live-post__wrapper-body-article``. Pictures are ``div.articleBodyImage``
(a lazy ``.article-body-image-image[data-src]``) or
``figure.article-body-image`` (``meta[itemprop=url]``), their caption in
``[itemprop=caption]`` and credit in ``[itemprop=copyrightHolder]``; videos
are ``.video-player__source[data-video]`` (a YouTube id); other embeds sit in
``.html-embed``; a post shared from another live stream is wrapped in
``.live-stream__post-wrapper``.
"""

from __future__ import annotations

__all__ = [
    "BODY",
    "CAPTION",
    "CREDIT",
    "EMBED",
    "IMAGE",
    "IMAGE_LAZY",
    "IMAGE_META",
    "POST",
    "SKIP",
    "STANDFIRST",
    "TIME",
    "TITLE",
    "VIDEO",
    "YOUTUBE",
]

POST = ".live-post"
TIME = ".live-post__wrapper-body-timestamp time[datetime]"
TITLE = ".live-post__title"
BODY = ".live-post__wrapper-body-article"
IMAGE = "div.articleBodyImage, figure.article-body-image"
IMAGE_LAZY = ".article-body-image-image"
IMAGE_META = 'meta[itemprop="url"]'
CAPTION = '[itemprop="caption"]'
CREDIT = '[itemprop="copyrightHolder"]'
VIDEO = ".video-player"
YOUTUBE = "https://www.youtube.com/watch?v={}"
EMBED = ".html-embed"
STANDFIRST = 'p[data-test="standfirst"]'
#: Inside a post's content: nothing a reader reads.
SKIP = "script, style, noscript, template, button, form, time, .live-post__wrapper-body-timestamp"

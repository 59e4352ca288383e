"""Site adapters: turn the bytes of a page into a :class:`~liveread.model.Blog`.

Each adapter module holds its selectors as data at its top and exposes
``detect(doc) -> bool`` and ``parse(doc, url) -> Blog``. The registry in
:mod:`liveread.adapters.registry` picks one by content, never by host name.
"""

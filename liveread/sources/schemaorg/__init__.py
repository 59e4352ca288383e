"""schema.org ``LiveBlogPosting`` pages: JSON-LD first, microdata as the fallback.

:class:`SchemaOrgSource` is the source; the parse functions read each shape on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.sources.schemaorg._parse import derive_id as derive_id
    from liveread.sources.schemaorg._parse import detect_html as detect_html
    from liveread.sources.schemaorg._parse import is_data as is_data
    from liveread.sources.schemaorg._parse import parse_data as parse_data
    from liveread.sources.schemaorg._parse import parse_html as parse_html
    from liveread.sources.schemaorg._source import SchemaOrgSource as SchemaOrgSource

__getattr__, __all__ = facade(
    __name__,
    {
        "._parse": ("derive_id", "detect_html", "is_data", "parse_data", "parse_html"),
        "._source": ("SchemaOrgSource",),
    },
)

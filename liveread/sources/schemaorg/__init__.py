"""schema.org ``LiveBlogPosting`` pages: JSON-LD first, microdata as the fallback.

:class:`SchemaOrgSource` is the source; the parse functions read each shape on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources.schemaorg._parse import (
        derive_id,
        detect_html,
        is_data,
        parse_data,
        parse_html,
    )
    from liveread.sources.schemaorg._source import SchemaOrgSource

__all__ = ["SchemaOrgSource", "derive_id", "detect_html", "is_data", "parse_data", "parse_html"]

__getattr__ = attach(
    __name__,
    {
        "._parse": ("derive_id", "detect_html", "is_data", "parse_data", "parse_html"),
        "._source": ("SchemaOrgSource",),
    },
)

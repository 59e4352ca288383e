"""The built-in sources are listed once, where docs/sources.md says what each reads from where.

Its table has a row per registered built-in source (the BBC's two front ends
share a name), and no other; the README's JSON-format table names every
source a snapshot can carry.
"""

from __future__ import annotations

import re
from pathlib import Path

from liveread.sources import registered

REPO = Path(__file__).resolve().parent.parent


def test_the_docs_table_lists_every_built_in_source_and_no_other() -> None:
    docs = (REPO / "docs" / "sources.md").read_text(encoding="utf-8")
    section = docs[docs.index("## The built-in sources") :]
    rows = set(re.findall(r"^\| `([a-z]+)`", section, flags=re.M))
    built_in = {s.name for s in registered() if type(s).__module__.startswith("liveread.")}
    assert rows == built_in
    # Listed in one place: the top of the page points there rather than naming them again.
    top = docs[: docs.index("## The contract")]
    assert "`bbc`" not in top and "`aljazeera`" not in top


def test_the_readmes_json_format_names_every_source() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if x.startswith("| `source` |"))
    named = set(re.findall(r"`([a-z]+)`", line)) - {"source"}
    built_in = {s.name for s in registered() if type(s).__module__.startswith("liveread.")}
    assert built_in - {"schemaorg"} <= named and {"jsonld", "microdata"} <= named

"""The architecture, enforced: who may import what.

- Nothing imports another package's private module (``liveread.cache._apply``
  is the cache's own; everyone else uses ``liveread.cache``).
- Nothing outside ``liveread/tui/`` imports Textual.
- The core (everything but ``tui/``, ``cli/`` and the ``__main__`` entry)
  imports neither the TUI nor the CLI.
- The follower names no site: ``liveread/follow/`` holds no site's name or
  protocol word.
- Inside the TUI, no screen or widget imports the app module
  (``liveread.tui.app``): they reach the app through the small typed protocol
  of ``liveread.tui.host``. Only the package's facade names it.
- The photo download is core: ``liveread.photos`` imports no Textual (above),
  and the TUI's photo view is where textual-image is imported.

Imports are read from the source with :mod:`ast` (also those inside
functions and ``TYPE_CHECKING`` blocks), so a lazy import cannot hide.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "liveread"
MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, root: Path = PACKAGE) -> list[str]:
    """Every module *path* (in the package at *root*) imports, absolute (relative resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path, root)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append(base)
            found.extend(f"{base}.{alias.name}" for alias in node.names)
    # Lazy facades name their parts as strings: facade(__name__, {"._client": ...}).
    found.extend(lazy_parts(tree, package))
    return found


def lazy_parts(tree: ast.Module, package: str) -> dict[str, list[str]]:
    """The parts a lazy facade names (``attach``/``facade(__name__, {...})``): module → names."""
    parts: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("attach", "facade"):
            for arg in node.args[1:]:
                if not isinstance(arg, ast.Dict):
                    continue
                for key, value in zip(arg.keys, arg.values, strict=True):
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        rel = key.value
                        module = package + rel if rel.startswith(".") else rel
                        names = value.elts if isinstance(value, ast.Tuple | ast.List) else []
                        parts[module] = [n.value for n in names if isinstance(n, ast.Constant)]
    return parts


def private_part(name: str) -> str | None:
    """The package owning *name*'s first private segment, or None when *name* is public."""
    parts = name.split(".")
    for n, part in enumerate(parts[1:], 1):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:n])
    return None


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_private_module_of_another_package(path: Path) -> None:
    me = module_name(path)
    for name in imports(path):
        if not name.startswith("liveread."):
            continue
        owner = private_part(name)
        if owner is None or owner == "liveread":
            continue  # public, or a top-level private helper (liveread._lazy, liveread._version)
        assert me == owner or me.startswith(owner + "."), f"{me} imports {name}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_only_the_tui_imports_textual(path: Path) -> None:
    me = module_name(path)
    if me.startswith("liveread.tui"):
        return
    textual = [n for n in imports(path) if n == "textual" or n.startswith("textual.")]
    assert not textual, f"{me} imports {textual}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_the_core_imports_neither_tui_nor_cli(path: Path) -> None:
    me = module_name(path)
    if me.startswith(("liveread.tui", "liveread.cli")) or me == "liveread.__main__":
        return
    wrong = [n for n in imports(path) if n.startswith(("liveread.tui", "liveread.cli"))]
    assert not wrong, f"{me} imports {wrong}"


TUI = PACKAGE / "tui"
#: What may name the app module: the app itself and the package's lazy facade.
APP_HOLDERS = {"liveread.tui", "liveread.tui.app"}


def app_imports(module: str, names: list[str]) -> list[str]:
    """The imports of the app module among *names*, unless *module* may hold them."""
    if module in APP_HOLDERS:
        return []
    return [n for n in names if n == "liveread.tui.app" or n.startswith("liveread.tui.app.")]


@pytest.mark.parametrize("path", sorted(TUI.rglob("*.py")), ids=lambda p: module_name(p))
def test_no_widget_or_screen_imports_the_app(path: Path) -> None:
    me = module_name(path)
    wrong = app_imports(me, imports(path))
    assert not wrong, f"{me} imports the app ({wrong}): ask liveread.tui.host.host_of instead"


def test_the_app_check_fails_on_a_widget_that_imports_the_app(tmp_path: Path) -> None:
    """The check itself: a widget importing the app, even for types only, is caught."""
    widget = tmp_path / "liveread" / "tui" / "widgets" / "_knot.py"
    widget.parent.mkdir(parents=True)
    widget.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from liveread.tui.app import LivereadApp\n",
        encoding="utf-8",
    )
    found = imports(widget, root=tmp_path / "liveread")
    assert "liveread.tui.app" in app_imports("liveread.tui.widgets._knot", found)
    assert app_imports("liveread.tui", ["liveread.tui.app"]) == []  # the facade may


SITE_WORDS = re.compile(r"guardian|ajaxurl|lastupdate|filterkeyevents|numnewblocks|jsonld", re.I)


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "follow").glob("*.py")), ids=lambda p: module_name(p)
)
def test_the_follower_names_no_site(path: Path) -> None:
    found = SITE_WORDS.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{module_name(path)} names a site: {sorted(set(found))}"


def test_the_checks_see_lazy_and_relative_imports() -> None:
    """The reader itself: it finds a facade's lazy parts and a function's own imports."""
    facade = imports(PACKAGE / "cache" / "__init__.py")
    assert "liveread.cache._store" in facade
    source = imports(PACKAGE / "sources" / "guardian" / "_source.py")
    assert "liveread.sources.guardian._parse" in source
    assert private_part("liveread.cache._apply") == "liveread.cache"
    assert private_part("liveread.sources.guardian._parse") == "liveread.sources.guardian"
    assert private_part("liveread.cache") is None


# -- lazy facades: one list of names, and the type checker's imports agree with it ----------


FACADES = [
    p for p in MODULES if p.name == "__init__.py" and lazy_parts(ast.parse(p.read_text()), "")
]


def type_checking_imports(tree: ast.Module) -> dict[str, list[str]]:
    """What an ``if TYPE_CHECKING:`` block imports: module → names (as imported)."""
    found: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom) and statement.module
                found.setdefault(statement.module, []).extend(a.name for a in statement.names)
    return {module: sorted(names) for module, names in found.items()}


@pytest.mark.parametrize("path", FACADES, ids=lambda p: module_name(p))
def test_a_facades_names_agree_with_what_the_type_checker_imports(path: Path) -> None:
    """The parts' names, the TYPE_CHECKING imports and __all__ are one list, in every package."""
    me = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = {module: sorted(names) for module, names in lazy_parts(tree, me).items()}
    assert type_checking_imports(tree) == parts, f"{me}: TYPE_CHECKING imports differ"
    package = importlib.import_module(me)
    lazy = {name for names in parts.values() for name in names}
    eager = set(package.__all__) - lazy  # names the package defines itself (__version__)
    assert all(name in vars(package) for name in eager), f"{me}.__all__ names {eager}"
    assert lazy <= set(package.__all__), f"{me}.__all__ lacks {lazy - set(package.__all__)}"
    for module, names in parts.items():
        for name in names:
            # Each name is where the facade says (the import is what a user's first use does).
            assert getattr(importlib.import_module(module), name) is getattr(package, name)


def test_the_facade_check_reads_every_package() -> None:
    """The check above sees the facades: the top package's and the cache's, with their parts."""
    assert {module_name(p) for p in FACADES} >= {"liveread", "liveread.cache", "liveread.tui"}
    cache = lazy_parts(ast.parse((PACKAGE / "cache" / "__init__.py").read_text()), "liveread.cache")
    assert cache["liveread.cache._store"] == ["Cache"]

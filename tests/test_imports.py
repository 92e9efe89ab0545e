"""The package's imports form no circle, and nothing inside the package imports its root.

The imports are read from the source with ``ast`` (not by importing): every ``import``
and ``from ... import`` anywhere in a module counts, function-level ones included,
since a function-level import is a circle that only waits for its call. Imports under
``if TYPE_CHECKING:`` are left out: they never run.

Importing ``pkg.sub.mod`` first runs ``pkg/sub/__init__.py``, so an import of a module
also counts as an import of each package above it, except the packages the importing
module already sits in (those are being imported already).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleantext"
#: Developer tools inside the package that may import its root like any user script (none: the
#: benchmark harness and the regex audit live outside it, in benchmarks/ and tools/).
TOOLS: tuple[str, ...] = ()


def modules(root: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, whether it is a package's ``__init__``)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = (path, is_package)
    return found


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                skipped.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return skipped


def _parents(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def imported_names(name: str, path: Path, is_package: bool, known: set[str]) -> set[str]:
    """The modules ``name`` names in its imports (``from p import x`` names ``p.x`` when that is a module, else ``p``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skipped = _type_checking_nodes(tree)
    here = name if is_package else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")[: len(here.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # a submodule, or a name defined in the package itself
                sub = f"{target}.{alias.name}"
                targets.add(sub if sub in known else target)
    return targets


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package's modules that importing it runs (see the module docstring)."""
    found = modules(root)
    known = set(found)
    graph = {}
    for name, (path, is_package) in found.items():
        edges = set()
        for target in imported_names(name, path, is_package, known):
            implied = _parents(target) - _parents(name) - {name}
            edges.update(t for t in {target} | implied if t in known and t != name)
        graph[name] = edges
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle (as a path that ends where it starts) per strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's algorithm; the package is far too shallow to hit the recursion limit
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph[v]:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_path_within(graph, set(group)) for group in groups]


def _path_within(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A circle through ``group`` (strongly connected), for the failure message."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(graph[v] & group):
                if w == start:
                    return [*paths[v], start]
                if w not in paths:
                    paths[w] = [*paths[v], w]
                    nxt.append(w)
        frontier = nxt
    raise AssertionError(f"not a circle: {sorted(group)}")  # pragma: no cover


def root_importers(root: Path, exempt: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Modules of the package (but ``exempt`` ones) that import the package root itself."""
    found = modules(root)
    known = set(found)
    out = {}
    for name, (path, is_package) in found.items():
        if name == root.name or any(name == e or name.startswith(e + ".") for e in exempt):
            continue
        if root.name in imported_names(name, path, is_package, known):
            out[name] = [root.name]
    return out


# -- the package ---------------------------------------------------------------------------


def test_the_package_has_no_import_circle() -> None:
    graph = import_graph(PACKAGE)
    found = circles(graph)
    assert not found, "import circles: " + "; ".join(" -> ".join(c) for c in found)


def test_the_graph_is_read_from_the_package() -> None:
    """Guards the check above against reading nothing: known edges are there."""
    graph = import_graph(PACKAGE)
    assert len(graph) > 30
    assert "cleantext.compose" in graph["cleantext"]
    assert {"cleantext.filters", "cleantext.pipeline", "cleantext.learn"} <= graph["cleantext.compose"]
    assert "cleantext.learn.apply" in graph["cleantext.learn.model"]  # a function-level import


def test_nothing_inside_the_package_imports_its_root() -> None:
    assert root_importers(PACKAGE, exempt=TOOLS) == {}


def test_the_filters_never_import_the_learner() -> None:
    """The learner uses the filters' matcher; the layer order keeps the two apart."""
    graph = import_graph(PACKAGE)
    upward = {
        name: sorted(t for t in targets if t == "cleantext.learn" or t.startswith("cleantext.learn."))
        for name, targets in graph.items()
        if name == "cleantext.filters" or name.startswith("cleantext.filters.")
    }
    assert {name: found for name, found in upward.items() if found} == {}


# -- the checker, on tiny fake packages ------------------------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, source in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return tmp_path / "pkg"


def test_checker_finds_a_circle_through_a_function_level_import(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from .b import thing\n",
        "pkg/b.py": "def thing():\n    from . import a\n    return a\n",
        "pkg/c.py": "from . import a\n",
    })
    assert circles(import_graph(root)) == [["pkg.a", "pkg.b", "pkg.a"]]


def test_checker_finds_a_circle_through_a_package_init(tmp_path: Path) -> None:
    """``x.m`` imports ``y.n``, which runs ``y/__init__``, which imports ``x.m``."""
    root = _package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/x/__init__.py": "",
        "pkg/x/m.py": "from ..y.n import N\n",
        "pkg/y/__init__.py": "from .model import Model\n",
        "pkg/y/n.py": "N = 1\n",
        "pkg/y/model.py": "def build():\n    import pkg.x.m\n",
    })
    found = circles(import_graph(root))
    assert len(found) == 1 and set(found[0]) == {"pkg.x.m", "pkg.y", "pkg.y.model"}


def test_checker_leaves_out_type_checking_imports_and_own_packages(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "pkg/__init__.py": "from .sub import a\n",
        "pkg/sub/__init__.py": "from . import a, b\n",
        "pkg/sub/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n",
        "pkg/sub/b.py": "from .a import x\nimport json\n",
    })
    graph = import_graph(root)
    assert graph["pkg.sub.a"] == set()
    assert graph["pkg.sub.b"] == {"pkg.sub.a"}  # its own package pkg.sub is not an edge
    assert circles(graph) == []


def test_checker_finds_imports_of_the_root(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "pkg/__init__.py": "from .api import run\n",
        "pkg/api.py": "def run():\n    import pkg\n    return pkg\n",
        "pkg/jobs.py": "def job():\n    from . import run\n",
        "pkg/ok.py": "from .api import run\nfrom . import api\n",
        "pkg/tools/__init__.py": "",
        "pkg/tools/bench.py": "import pkg\n",
    })
    assert root_importers(root, exempt=("pkg.tools",)) == {"pkg.api": ["pkg"], "pkg.jobs": ["pkg"]}
    assert ["pkg", "pkg.api", "pkg"] in circles(import_graph(root))


@pytest.mark.parametrize("source", ["from .. import x\n", "from ..b import y\n"])
def test_relative_imports_resolve_against_the_package(tmp_path: Path, source: str) -> None:
    root = _package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/b.py": "y = 1\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/m.py": source,
    })
    expected = {"pkg"} if source.startswith("from .. import") else {"pkg.b"}
    assert import_graph(root)["pkg.sub.m"] == expected

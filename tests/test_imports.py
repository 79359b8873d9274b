"""The domain package's import graph: no cycles (counting imports inside functions), never Streamlit.

An import inside a function hides a cycle from Python (it runs late, after both modules exist) but not from a
reader: the modules still depend on each other, and the next top-level import between them breaks at start-up.
So the graph here counts every import statement in a module, wherever it sits.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "posture"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted((ROOT / PACKAGE).rglob("*.py"))}


def imported_names(path: Path, name: str) -> set[str]:
    """Every module an ``import`` or ``from ... import`` anywhere in the file names (relative ones resolved);
    ``from pkg import mod`` counts as importing ``pkg.mod`` when that is a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out |= {f"{mod}.{alias.name}" for alias in node.names}
    return out


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        targets = set()
        for imported in imported_names(path, name):
            # 'posture.viz.charts' imports the package 'posture.viz' (its __init__) as well, but an
            # __init__ that imports nothing adds no edge; keep the most specific module that exists
            while imported and imported not in mods:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected component with more than one module (Tarjan), as a sorted list of names."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph.get(v, ()):
                cycles.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_the_finder_sees_a_cycle_hidden_in_a_function(tmp_path):
    """The checker itself: a cycle closed by an import inside a function is found (a test that cannot fail is
    a defect)."""
    graph = {"posture.a": {"posture.b"}, "posture.b": {"posture.c"}, "posture.c": {"posture.a"}, "posture.d": set()}
    assert find_cycles(graph) == [["posture.a", "posture.b", "posture.c"]]
    src = tmp_path / "m.py"
    src.write_text("import os\n\ndef f():\n    from posture.scenario import Levers\n    from . import balance\n")
    assert {"posture.scenario", "posture.scenario.Levers", "os", "posture.balance"} <= imported_names(src, "posture.m")


def test_posture_has_no_import_cycle():
    graph = import_graph()
    assert "posture.balance" in graph and "posture.scenario" in graph, sorted(graph)
    cycles = find_cycles(graph)
    assert not cycles, "import cycles in posture/: " + "; ".join(" <-> ".join(c) for c in cycles)


@pytest.mark.parametrize("name", sorted(modules()))
def test_posture_never_imports_streamlit(name):
    imported = imported_names(modules()[name], name)
    assert not {m for m in imported if m == "streamlit" or m.startswith("streamlit.")}, name

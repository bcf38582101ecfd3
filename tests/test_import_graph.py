"""No import loops anywhere in src/extract, imports inside functions
included: a loop means a responsibility sits in the wrong module (issue 13).
The failure names one loop, module by module."""

from __future__ import annotations

from test_rule_imports import import_graph


def find_loop(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of ``graph`` as a path that ends where it starts, or []."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                loop = visit(nxt)
                if loop:
                    return loop
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state:
            loop = visit(start)
            if loop:
                return loop
    return []


def test_find_loop_finds_a_planted_loop():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_loop(graph) == ["a", "b", "c", "a"]
    assert find_loop({"a": {"b"}, "b": set()}) == []


def test_the_package_has_no_import_loop():
    loop = find_loop(import_graph())
    assert not loop, "import loop: " + " -> ".join(loop)

"""The rule files' models (extract.rulefiles) sit below every stage: the
rule set depends on them, the stages on the rule set, never the other way
round (a test over the import graph, imports inside functions included)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "extract"


def _module(path: Path) -> str:
    parts = ["extract", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each module of src/extract -> the modules of src/extract it imports."""
    modules = {_module(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        out: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")
                if node.level:
                    base = base[:len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    out.add(full if full in modules else target)
            elif isinstance(node, ast.Import):
                out.update(a.name for a in node.names)
        graph[name] = {m for m in out if m in modules and m != name}
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for m in graph[todo.pop()]:
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


# extract.cache: start-up caches in the temporary folder, importing nothing of extract
BELOW_THE_STAGES = {"extract.rules", "extract.model", "extract.rulefiles", "extract.ruleset", "extract.cache"}


def _below(module: str) -> bool:
    return module in BELOW_THE_STAGES or module.startswith("extract.rulefiles.")


def test_rule_set_and_rule_file_models_import_no_stage():
    graph = import_graph()
    for module in ["extract.ruleset", "extract.rules", *[m for m in graph if m.startswith("extract.rulefiles")]]:
        stages = sorted(m for m in reachable(graph, module) if not _below(m))
        assert not stages, f"{module} reaches {stages}"


def test_every_rule_file_has_its_model_in_rulefiles():
    from extract.rulefiles import RULE_FILES
    from extract.rules import DEFAULT_RULES_DIR

    assert sorted(RULE_FILES) == sorted(p.name for p in DEFAULT_RULES_DIR.glob("*.yaml"))
    for _, model in RULE_FILES.values():
        assert model.__module__.startswith("extract.rulefiles.")

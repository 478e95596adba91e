"""Imports go one way: assets/ -> validation/ -> pipelines/; only assets/ knows Dagster."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"pipelines": {"dagster", "assets", "validation"}, "validation": {"dagster", "assets"}}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_core_packages_do_not_import_the_layers_above(package):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & FORBIDDEN[package])
        for path in sorted((ROOT / package).rglob("*.py"))
        if imported_modules(path) & FORBIDDEN[package]
    }
    assert offenders == {}


def test_every_rule_code_is_documented():
    from pipelines import catalog
    from validation import rules

    source = (ROOT / "validation" / "rules.py").read_text(encoding="utf-8")
    used = {code for code in catalog.quality_rules() if f'"{code}"' in source}
    assert used == set(catalog.quality_rules())
    assert rules  # the module imports cleanly

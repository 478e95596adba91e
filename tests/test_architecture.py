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


# Inside pipelines/, each room may use only the rooms below it: reading knows text, extraction reads
# the text reading prepared, sources turn files and URLs into reports, the warehouse stores them (and
# names a Chinese derived indicator in English through the glossary; results keeps each report's
# extraction as a file the warehouse is built from), steps run the stages, publishing writes releases
# from the warehouse.
ROOMS_BELOW = {
    "reading": {"catalog", "units"},
    "extraction": {"catalog", "units", "reading"},
    "sources": {"catalog", "units", "reading", "extraction"},
    "glossary": {"catalog"},
    "warehouse": {"catalog", "units", "locks", "glossary"},
    "results": {"catalog", "units", "locks", "glossary", "warehouse"},
    "publishing": {"catalog", "units", "locks", "glossary", "warehouse"},
    "steps": {
        "catalog",
        "units",
        "locks",
        "glossary",
        "reading",
        "extraction",
        "sources",
        "warehouse",
        "results",
    },
}


def pipelines_rooms_used(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rooms = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "pipelines":
            parts = node.module.split(".")
            rooms |= {parts[1]} if len(parts) > 1 else {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            rooms |= {a.name.split(".")[1] for a in node.names if a.name.startswith("pipelines.")}
    return rooms


def room_of(path: Path) -> str:
    relative = path.relative_to(ROOT / "pipelines")
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


@pytest.mark.parametrize("room", sorted(ROOMS_BELOW))
def test_rooms_of_the_core_import_only_the_rooms_below_them(room):
    modules = [p for p in sorted((ROOT / "pipelines").rglob("*.py")) if room_of(p) == room]
    assert modules, f"no module in {room}"
    offenders = {
        str(p.relative_to(ROOT)): sorted(pipelines_rooms_used(p) - ROOMS_BELOW[room] - {room})
        for p in modules
        if pipelines_rooms_used(p) - ROOMS_BELOW[room] - {room}
    }
    assert offenders == {}


def test_every_rule_code_is_documented():
    from pipelines import catalog
    from validation import rules

    source = (ROOT / "validation" / "rules.py").read_text(encoding="utf-8")
    used = {code for code in catalog.quality_rules() if f'"{code}"' in source}
    assert used == set(catalog.quality_rules())
    assert rules  # the module imports cleanly


def names_bound_twice(path: Path) -> list[str]:
    """Module-level names a module defines more than once: the later one silently replaces the earlier
    wherever either is used (two patterns written under one name for two purposes)."""
    seen: dict[str, int] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        else:
            names = []
        for name in names:
            seen[name] = seen.get(name, 0) + 1
    return sorted(name for name, count in seen.items() if count > 1)


def test_no_module_binds_a_top_level_name_twice():
    offenders = {
        str(path.relative_to(ROOT)): names_bound_twice(path)
        for package in ("pipelines", "validation", "assets")
        for path in sorted((ROOT / package).rglob("*.py"))
        if names_bound_twice(path)
    }
    assert offenders == {}


def test_no_source_file_holds_a_control_character():
    """A backspace where a regex meant a word boundary ("\\b" written inside a plain string) matches nothing
    in text and fails silently: no source file may hold a control character other than tab and newline."""
    offenders = sorted(
        str(path.relative_to(ROOT))
        for package in ("pipelines", "validation", "assets", "tests", "benchmarks")
        for path in (ROOT / package).rglob("*.py")
        if any(ord(c) < 32 and c not in "\t\n\r" for c in path.read_text(encoding="utf-8"))
    )
    assert offenders == []


def functions_cached_without_bound(path: Path) -> list[str]:
    """Functions under an unbounded `@cache` (or `lru_cache(maxsize=None)`) that take a report's text."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef):
            continue
        unbounded = any(
            (isinstance(d, ast.Name) and d.id == "cache")
            or (
                isinstance(d, ast.Call)
                and getattr(d.func, "id", "") == "lru_cache"
                and any(
                    k.arg == "maxsize" and isinstance(k.value, ast.Constant) and k.value.value is None
                    for k in d.keywords
                )
            )
            for d in node.decorator_list
        )
        params = {a.arg for a in node.args.args}
        if unbounded and params & {"text", "view", "original"}:
            out.append(node.name)
    return out


def test_no_function_of_a_report_text_is_cached_without_bound():
    """An unbounded cache on a function of a report's text keeps every report a run reads in memory (a
    decorator that slips onto the wrong function when code is inserted above it does exactly this)."""
    offenders = {
        str(path.relative_to(ROOT)): functions_cached_without_bound(path)
        for package in ("pipelines", "validation", "assets")
        for path in sorted((ROOT / package).rglob("*.py"))
        if functions_cached_without_bound(path)
    }
    assert offenders == {}

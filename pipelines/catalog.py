"""Checked-in reference data: indicator catalog, region and agency gazetteers, units.

The YAML files in ``pipelines/catalog/`` are the source of truth; ``schema.yaml`` beside them says what
each entry must hold, and :func:`check_catalog` enforces it (tests run it on every change).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOG_DIR = Path(__file__).parent / "catalog"
_TYPES = {"str": str, "float": (int, float), "bool": bool, "list": list, "list2": list}


class CatalogError(ValueError):
    """A catalog file does not follow catalog/schema.yaml."""


# libyaml's parser, when PyYAML has it, reads the catalogs into the same data (the safe constructor is the
# same) seven times quicker than the pure-Python one: a process spent a second on them before its first fact
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(name: str, folder: Path = CATALOG_DIR) -> dict[str, Any]:
    with (folder / name).open(encoding="utf-8") as f:
        return yaml.load(f, Loader=SAFE_LOADER)


def check_catalog(name: str, data: dict[str, Any], schema: dict[str, Any] | None = None) -> None:
    """Raise CatalogError naming the file, entry and field when `data` breaks the schema of `name`."""
    schema = schema if schema is not None else read_yaml("schema.yaml")[name]
    for list_name, fields in schema.items():
        entries = data.get(list_name)
        if not isinstance(entries, list) or not entries:
            raise CatalogError(f"{name}: '{list_name}' must be a non-empty list")
        seen: dict[str, set] = {f: set() for f, spec in fields.items() if spec.get("unique")}
        for i, entry in enumerate(entries):
            where = f"{name}: {list_name}[{i}]"
            if not isinstance(entry, dict):
                raise CatalogError(f"{where} is not a mapping")
            unknown = set(entry) - set(fields)
            if unknown:
                raise CatalogError(f"{where} has unknown fields {sorted(unknown)}")
            for field, spec in fields.items():
                _check_field(where, field, spec, entry.get(field), seen)


def _check_field(where: str, field: str, spec: dict, value: Any, seen: dict[str, set]) -> None:
    if value is None:
        if spec.get("required"):
            raise CatalogError(f"{where} lacks required field '{field}'")
        return
    if not isinstance(value, _TYPES[spec["type"]]) or (spec["type"] == "float" and isinstance(value, bool)):
        raise CatalogError(f"{where}.{field} must be of type {spec['type']}, got {value!r}")
    if spec["type"] == "list2" and not all(isinstance(group, list) and group for group in value):
        raise CatalogError(f"{where}.{field} must be a list of non-empty lists")
    if "pattern" in spec and not re.fullmatch(spec["pattern"], value):
        raise CatalogError(f"{where}.{field} {value!r} does not match {spec['pattern']}")
    if field in seen:
        if value in seen[field]:
            raise CatalogError(f"{where}.{field} {value!r} is not unique")
        seen[field].add(value)


@cache
def load(name: str) -> dict[str, Any]:
    """A catalog file, checked against its schema (cached: catalogs are read once per process)."""
    data = read_yaml(name)
    check_catalog(name, data)
    return data


def regions() -> list[dict]:
    return load("regions.yaml")["regions"]


DIVISION_COLUMNS = ("code", "region", "level", "name_zh", "short_zh", "name_en")


@cache
def divisions() -> list[dict[str, str]]:
    """Prefectures and counties with their province (divisions.tsv, written by build_divisions.py)."""
    return read_divisions(CATALOG_DIR / "divisions.tsv")


def read_divisions(path: Path) -> list[dict[str, str]]:
    """The rows of a divisions table, or CatalogError naming the row that breaks its columns."""
    with path.open(encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if not line.startswith("#")]
    header = tuple(lines[0].split("\t"))
    if header != DIVISION_COLUMNS:
        raise CatalogError(f"divisions.tsv: columns {header} are not {DIVISION_COLUMNS}")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    known = {r["code"] for r in regions()}
    for i, row in enumerate(rows, start=1):
        if row["region"] not in known or row["level"] not in ("prefecture", "county"):
            raise CatalogError(f"divisions.tsv: row {i} has region {row['region']!r}, level {row['level']!r}")
        if not (row["name_zh"] or row["short_zh"] or row["name_en"]):
            raise CatalogError(f"divisions.tsv: row {i} ({row['code']}) has no name")
    return rows


def agencies() -> list[dict]:
    return load("agencies.yaml")["agencies"]


def indicators() -> list[dict]:
    return load("indicators.yaml")["indicators"]


def categories() -> list[dict]:
    return load("indicators.yaml")["categories"]


def units() -> list[dict]:
    return load("units.yaml")["units"]


def scales() -> list[dict]:
    return load("units.yaml")["scales"]


def count_classifiers() -> list[str]:
    return load("units.yaml").get("count_classifiers", [])


def generic_count_nouns() -> frozenset[str]:
    return frozenset(load("units.yaml").get("generic_count_nouns", []))


def grammar() -> dict[str, list[dict]]:
    """Word lists of the quantity grammar beyond units and scales (grammar.yaml)."""
    return load("grammar.yaml")


def grammar_words(section: str, role: str | None = None) -> list[str]:
    """Every word of a grammar.yaml list, of every language (optionally only the cues of one role)."""
    return [w for e in grammar()[section] if role is None or e.get("role") == role for w in e["words"]]


def quality_rules() -> dict[str, str]:
    """Reason code -> meaning, in the order the rules apply."""
    return {r["code"]: r["description"] for r in load("quality_rules.yaml")["rules"]}


def plausible_ranges() -> dict[str, tuple[float | None, float]]:
    """indicator id -> (national minimum or None, maximum), from plausibility.yaml."""
    return {r["indicator"]: (r.get("national_min"), r["max"]) for r in load("plausibility.yaml")["ranges"]}


def rule_thresholds() -> dict[str, float]:
    return {t["name"]: t["value"] for t in load("quality_rules.yaml")["thresholds"]}


def rule_cues() -> dict[str, list[str]]:
    return {c["cue"]: c["words"] for c in load("quality_rules.yaml")["cues"]}


@cache
def not_stem_words() -> frozenset[str]:
    """Everyday words a catalog stem begins but does not name (organised, hydrogen, business)."""
    return frozenset(w.lower() for w in load("indicators.yaml").get("not_stem_words", []))


def part_of_whole_words() -> list[str]:
    return load("indicators.yaml").get("part_of_whole_words", [])


@cache
def script_table() -> dict[int, str]:
    """Traditional character -> its simplified form, one to one (cues.yaml `scripts`), for `str.translate`."""
    table: dict[int, str] = {}
    for row in load("cues.yaml")["scripts"]:
        table.update(str.maketrans(row["traditional"], row["simplified"]))
    return table


def glossary() -> dict[str, list[dict]]:
    """Chinese words of the domain with their English (glossary.yaml): `terms` and `function_words`."""
    return load("glossary.yaml")

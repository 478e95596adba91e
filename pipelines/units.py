"""Unit handling with pint: conversion of written units into the canonical unit of each dimension.

Definitions beyond pint's defaults live in ``catalog/units.txt``; the unit vocabulary, its aliases and
the canonical unit of each dimension in ``catalog/units.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pint

from pipelines import catalog


@dataclass(frozen=True)
class Unit:
    unit: str
    dimension: str
    canonical_unit: str
    to_canonical: float  # value in `unit` x to_canonical = value in canonical_unit
    si_unit: str
    si_factor: float  # value in `unit` x si_factor = value in si_unit


@cache
def registry() -> pint.UnitRegistry:
    ureg = pint.UnitRegistry()
    ureg.load_definitions(str(catalog.CATALOG_DIR / "units.txt"))
    return ureg


# Named SI units to report factors against, in order of preference; anything else is shown in base units.
_SI_NAMES = ("W", "J", "kg", "m**2", "m**3", "kg/s", "kg/J", "CNY", "CNY/J", "J/CNY", "USD", "item")


@cache
def _si_targets() -> list[tuple[str, pint.Quantity]]:
    """The named SI units, parsed once (not again for each unit of the vocabulary)."""
    return [(name, registry().parse_expression(name)) for name in _SI_NAMES]


# (a pure function of the expression: each unit's canonical one is asked about once, not once a unit)
@cache
def _si(expr: str) -> tuple[float, str]:
    ureg = registry()
    q = ureg.parse_expression(expr)
    if q.dimensionless:
        return float(q.to("dimensionless").magnitude), "1"
    for name, target in _si_targets():
        if q.dimensionality == target.dimensionality:
            return float((q / target).to("dimensionless").magnitude), name
    base = q.to_base_units()
    return float(base.magnitude), f"{base.units:~}".replace(" ", "")


@cache
def unit_table() -> dict[str, Unit]:
    """Every unit of the vocabulary, keyed by its id, with factors to its canonical unit and to SI."""
    entries = catalog.units()
    canonical = {u["dimension"]: u for u in entries if u["canonical"]}
    table = {}
    for u in entries:
        canon = canonical[u["dimension"]]
        si_factor, si_unit = _si(u["pint"])
        canon_si, _ = _si(canon["pint"])
        table[u["unit"]] = Unit(
            unit=u["unit"],
            dimension=u["dimension"],
            canonical_unit=canon["unit"],
            to_canonical=si_factor / canon_si,
            si_unit=si_unit,
            si_factor=si_factor,
        )
    return table


def to_canonical(value: float, unit: str) -> tuple[float, str]:
    """Convert `value` written in `unit` (a unit id of units.yaml) into its dimension's canonical unit."""
    u = unit_table()[unit]
    return _round(value * u.to_canonical), u.canonical_unit


def _round(x: float) -> float:
    # 12 significant digits hide binary noise (0.1 * 1e6 = 100000.00000000001) without losing data.
    return float(f"{x:.12g}")


def units_rows() -> list[dict]:
    """The `units` table of the warehouse and the release, ordered by unit id."""
    return [
        {
            "unit": u.unit,
            "dimension": u.dimension,
            "canonical": u.unit == u.canonical_unit,
            "si_unit": u.si_unit,
            "si_factor": u.si_factor,
        }
        for u in sorted(unit_table().values(), key=lambda u: u.unit)
    ]

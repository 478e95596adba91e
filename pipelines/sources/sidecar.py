"""Sidecar fields checked against catalog/sidecar.yaml: the good ones are kept, each bad one becomes a
warning that names the file, the field and the reason."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from pipelines import catalog


def _rules() -> dict[str, dict]:
    return {f["key"]: f for f in catalog.load("sidecar.yaml")["fields"]}


SIDECAR_KEYS = tuple(_rules())


def sidecar_fields(name: str, meta: dict, today: dt.date | None = None) -> tuple[dict, list[str]]:
    """(fields that pass their rule, normalized; warnings for the others and for unknown keys)."""
    today = today or dt.date.today()
    fields, warnings = {}, []
    for key in sorted(set(meta) - set(SIDECAR_KEYS), key=str):
        warnings.append(f"{name}: unknown key {str(key)!r} ignored (known: {', '.join(SIDECAR_KEYS)})")
    for key, rule in _rules().items():
        value = meta.get(key)
        if value is None:
            continue
        checked, problem = _check(rule, value, today)
        if problem:
            warnings.append(f"{name}: {key} {problem}; inferred from the text instead")
        else:
            fields[key] = checked
    return fields, warnings


def _check(rule: dict, value: Any, today: dt.date) -> tuple[Any, str | None]:
    kind = rule["kind"]
    if kind == "date":
        return _date(rule, value, today)
    if not isinstance(value, str):
        return None, f"must be text, not {type(value).__name__} ({value!r})"
    value = value.strip()
    if kind == "text":
        if not value or len(value) > rule["max_length"]:
            return None, f"must be 1 to {rule['max_length']} characters"
        return value, None
    if kind == "url":
        parts = urlsplit(value)
        if parts.scheme.lower() not in rule["schemes"] or not parts.netloc:
            return None, f"{value[:80]!r} is not an {' or '.join(rule['schemes'])} address"
        return value, None
    language = value.split("-")[0].lower()
    if language not in rule["values"]:
        return None, f"{value!r} is not one of {', '.join(rule['values'])}"
    return language, None


def _date(rule: dict, value: Any, today: dt.date) -> tuple[str | None, str | None]:
    if isinstance(value, dt.datetime) or (isinstance(value, str) and "T" in value):
        return None, f"{str(value)!r} is a date-time; write the date alone (YYYY-MM-DD)"
    if isinstance(value, dt.date):
        date = value
    else:
        try:
            date = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return None, f"{str(value)!r} is not an ISO date (YYYY-MM-DD)"
    earliest = dt.date.fromisoformat(rule["earliest"])
    if not earliest <= date <= today:
        return None, f"{date.isoformat()} is outside {earliest.isoformat()} to today"
    return date.isoformat(), None

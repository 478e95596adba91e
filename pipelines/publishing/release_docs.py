"""The self-describing files of a release: datapackage.json, README.md (data dictionary), CHANGELOG.md,
changes.json, SHA256SUMS, and the releases catalog (index.json, index.html)."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from pathlib import Path

from pipelines import catalog, units, warehouse
from pipelines.publishing import landing

LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
_TABLE_SCHEMA_TYPES = {"VARCHAR": "string", "INTEGER": "integer", "DOUBLE": "number", "BOOLEAN": "boolean"}


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_sha256sums(folder: Path | None) -> dict[str, str]:
    """path in the release -> sha256, as the release's SHA256SUMS lists them (empty without one)."""
    sums = folder / "SHA256SUMS" if folder is not None else None
    if sums is None or not sums.is_file():
        return {}
    out = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        out[name] = digest
    return out


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_documents(
    con, folder: Path, version, previous, now, changes, checksums, provenance, digests=None
) -> None:
    """The release's documents; `digests` (path in the release -> sha256) spares hashing the data files
    again."""
    digests = dict(digests or {})
    sources = con.execute(
        "SELECT report_id, file_name, url, sha256, published FROM reports ORDER BY report_id"
    ).fetchall()
    (folder / "datapackage.json").write_text(
        json.dumps(
            _datapackage(folder, version, now, sources, provenance, digests), indent=2, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    summary = {k: len(v) for k, v in changes.items()}
    (folder / "changes.json").write_text(
        json.dumps({"version": version, "previous": previous, "counts": summary, **changes}, indent=2) + "\n",
        encoding="utf-8",
    )
    (folder / "CHANGELOG.md").write_text(_changelog(version, previous, now, changes), encoding="utf-8")
    (folder / "README.md").write_text(_readme(version, now), encoding="utf-8")


# columns whose values are a closed list (empty cells are allowed where the column is optional)
_MEASURES = ["level", "change", "share", "count", "target"]
_QUALIFIERS = ["exact", "approx", "lower_bound", "upper_bound"]
_DIRECTIONS = ["increase", "decrease"]
_ENUMS = {
    table: {"measure": _MEASURES, "qualifier": _QUALIFIERS, "direction": _DIRECTIONS}
    for table in ("observations", "quarantine", "facts")
}
_ENUMS["quarantine"]["reason"] = list(catalog.quality_rules())
_ENUMS["validation_summary"] = {"reason": list(catalog.quality_rules())}
# (column, referenced table): every fact points at its report, indicator, agency and unit
_REFERENCES = [
    ("report_id", "reports"),
    ("indicator_id", "indicators"),
    ("agency_id", "agencies"),
    ("unit", "units"),
]


def _foreign_keys(table: str) -> list[dict]:
    if table not in ("observations", "quarantine", "facts"):
        return []
    columns = warehouse.tables()[table]["columns"]
    return [
        {"fields": [column], "reference": {"resource": target, "fields": [column]}}
        for column, target in _REFERENCES
        if column in columns
    ]


def _digest(folder: Path, name: str, digests: dict[str, str]) -> str:
    if name not in digests:
        digests[name] = sha256_file(folder / name)
    return digests[name]


def _datapackage(folder: Path, version, now, sources, provenance, digests: dict[str, str]) -> dict:
    resources = []
    for table in warehouse.RELEASE_TABLES:
        spec = warehouse.tables()[table]
        fields = [
            {"name": c, "type": _TABLE_SCHEMA_TYPES[s["type"]], "description": s["description"]}
            for c, s in spec["columns"].items()
        ]
        for fmt, media in (("parquet", "application/vnd.apache.parquet"), ("csv", "text/csv")):
            path = folder / f"{table}.{fmt}"
            resource = {
                "name": f"{table}-{fmt}" if fmt != "csv" else table,
                "path": path.name,
                # Frictionless reads Parquet through pandas, which cannot check bytes and hash and turns
                # empty integers into NaN: Parquet files are declared as files (checksummed), CSV as tables.
                "type": "table" if fmt == "csv" else "file",
                "format": fmt,
                "mediatype": media,
                "bytes": path.stat().st_size,
                "hash": f"sha256:{_digest(folder, path.name, digests)}",
                "description": spec["description"],
                "schema": {"fields": fields, "primaryKey": spec["key"]},
            }
            if fmt == "csv":
                resource["encoding"] = "utf-8"
                resource["schema"]["foreignKeys"] = _foreign_keys(table)
                for f in fields:
                    if f["name"] in _ENUMS.get(table, {}):
                        f["constraints"] = {"enum": _ENUMS[table][f["name"]]}
            resources.append(resource)
    for report_id, file_name, *_ in sources:
        text = folder / "texts" / f"{report_id}.txt"
        if text.exists():
            resources.append(
                {
                    "name": f"text-{_resource_name(report_id)}",
                    "path": f"texts/{report_id}.txt",
                    "type": "file",
                    "format": "txt",
                    "mediatype": "text/plain",
                    "encoding": "utf-8",
                    "bytes": text.stat().st_size,
                    "hash": f"sha256:{_digest(folder, f'texts/{report_id}.txt', digests)}",
                    "description": f"The text of {file_name} as read; char_start and char_end index it.",
                }
            )
    duck = folder / "peakwatch.duckdb"
    if duck.exists():
        resources.append(
            {
                "name": "peakwatch-duckdb",
                "path": duck.name,
                "type": "file",
                "format": "duckdb",
                "mediatype": "application/vnd.duckdb",
                "bytes": duck.stat().st_size,
                "hash": f"sha256:{_digest(folder, duck.name, digests)}",
                "description": "Every table of this release in one DuckDB database, with the data dictionary as comments.",
            }
        )
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "peakwatch",
        "title": "peakwatch: numeric facts of China's carbon-peaking progress reports",
        "description": (
            "Every number that measures something in Chinese government progress reports on the carbon-peaking "
            "actions, one observation each with its indicator, region, agency, year, period and unit, traced to "
            "its characters in the report text (texts/). Start with the facts table."
        ),
        "contributors": [{"title": "peakwatch", "roles": ["creator"]}],
        "version": version,
        "created": now.isoformat().replace("+00:00", "Z"),
        "licenses": [LICENSE],
        "sources": [
            {
                "title": file_name,
                "path": f"texts/{report_id}.txt",
                **({"url": url} if url else {}),
                "sha256": sha,
                "published": published or "",
            }
            for report_id, file_name, url, sha, published in sources
        ],
        "peakwatch_provenance": provenance,
        "resources": resources,
    }


def _resource_name(report_id: str) -> str:
    """A Data Package resource name (lower case letters, digits, - _ .) for any report id."""
    name = re.sub(r"[^a-z0-9._-]+", "-", report_id.lower()).strip("-") or "report"
    return f"{name}-{hashlib.sha256(report_id.encode()).hexdigest()[:8]}"


def _changelog(version, previous, now, changes) -> str:
    lines = [f"# peakwatch {version} ({now.date().isoformat()})", ""]
    lines.append(f"Compared with {previous}:" if previous else "First release.")
    lines.append("")
    for key, label in (
        ("reports_added", "Reports added"),
        ("reports_removed", "Reports removed"),
        ("observations_added", "Observations added"),
        ("observations_removed", "Observations removed"),
        ("observations_changed", "Observations changed"),
    ):
        items = changes.get(key, [])
        lines.append(f"- {label}: {len(items)}")
        if key.startswith("reports"):
            # report ids come from file names: escaped, so that a name is never markup
            lines.extend(f"  - {html.escape(r)}" for r in items)
    held = changes.get("quarantine_by_reason", {})
    if held:
        lines += [
            "",
            "Quarantined rows, by reason:",
            "",
            "| reason | newly held back | no longer held back |",
            "|---|---|---|",
        ]
        lines += [f"| {reason} | {n['added']} | {n['removed']} |" for reason, n in sorted(held.items())]
    changed = changes.get("observations_changed", [])
    if changed:
        lines += ["", "| observation_id | what changed |", "|---|---|"]
        lines += [f"| {c['observation_id']} | {_what_changed(c)} |" for c in changed]
    return "\n".join(lines) + "\n"


def _what_changed(change: dict) -> str:
    """ "year 2022 → none; indicator_id new_capacity_added → wind_capacity_added" (a release made before the
    fields were listed gives value and unit)."""
    fields = change.get("fields") or {
        "value": [
            f"{change['old_value']} {change['old_unit']}",
            f"{change['new_value']} {change['new_unit']}",
        ]
    }
    shown = lambda v: "none" if v is None or v == "" else str(v)  # noqa: E731
    return "; ".join(f"{name} {shown(old)} → {shown(new)}" for name, (old, new) in fields.items())


def _readme(version, now) -> str:
    out = [
        f"# peakwatch release {version}",
        "",
        "Numeric facts extracted from Chinese government progress reports on the carbon-peaking actions, "
        "each traced to its characters in the report text. Every table comes as Parquet (zstd) and CSV "
        "(UTF-8, header row) of the same name.",
        "",
        f"Cite as: peakwatch, release {version} ({now.date().isoformat()}), table name, observation_id.",
        "",
        "Files are immutable; `SHA256SUMS` checks them (`sha256sum -c SHA256SUMS`); `datapackage.json` "
        "describes them as a Frictionless Data Package; `changes.json` and `CHANGELOG.md` list what changed.",
        "",
    ]
    for table in warehouse.RELEASE_TABLES:
        spec = warehouse.tables()[table]
        out += [
            f"## {table}",
            "",
            spec["description"],
            "",
            "| column | type | description |",
            "|---|---|---|",
        ]
        out += [f"| {c} | {s['type']} | {s['description']} |" for c, s in spec["columns"].items()]
        out.append("")
    out += [
        "## Units",
        "",
        "Every value is published in the canonical unit of its dimension; `units` gives the factor "
        "to SI (value x si_factor = value in si_unit).",
        "",
        "| dimension | unit | si_unit | si_factor |",
        "|---|---|---|---|",
    ]
    out += [
        f"| {u['dimension']} | {u['unit']} | {u['si_unit']} | {u['si_factor']:.6g} |"
        for u in units.units_rows()
        if u["canonical"]
    ]
    out.append("")
    out += [
        "## Quality rules",
        "",
        "Rows that break a rule are held in `quarantine` with the rule's code:",
        "",
    ]
    out += [f"- `{code}`: {text}" for code, text in catalog.quality_rules().items()]
    return "\n".join(out) + "\n"


def write_sha256sums(folder: Path, digests: dict[str, str] | None = None) -> None:
    """SHA256SUMS of every file of the folder; the files of `digests` (path -> sha256, from the bytes
    written or from the published release a file is shared with) are not read again."""
    digests = digests or {}
    names = sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != "SHA256SUMS"
    )
    (folder / "SHA256SUMS").write_text(
        "".join(f"{digests.get(n) or sha256_file(folder / n)}  {n}\n" for n in names), encoding="utf-8"
    )


def write_index(releases_dir: Path) -> None:
    """index.json and index.html listing every published release, rebuilt from the release folders."""
    entries = []
    for meta_path in releases_dir.glob("*/release.json"):
        if meta_path.parent.is_symlink():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        folder = meta_path.parent
        # a published folder never changes: its SHA256SUMS, checked when it was written, gives the hashes
        # (hashing every file of every release again made each release slower than the one before)
        sums = read_sha256sums(folder)
        files = [
            {
                "path": f"{folder.name}/{p.name}",
                "bytes": p.stat().st_size,
                "sha256": sums.get(p.name) or sha256_file(p),
            }
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.parent == folder
        ]
        entries.append(
            {"version": meta["version"], "created": meta["created"], "counts": meta["counts"], "files": files}
        )
    entries.sort(key=lambda e: tuple(int(x) for x in e["version"].split(".")), reverse=True)
    _atomic_write(releases_dir / "index.json", json.dumps({"releases": entries}, indent=2) + "\n")
    _atomic_write(releases_dir / "index.html", landing.landing_html(releases_dir, entries))

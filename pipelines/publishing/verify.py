"""Checking published releases: checksums, completeness, and differences between two versions."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from pipelines import warehouse
from pipelines.publishing.release_docs import sha256_file


def resolve(releases_dir: Path, version: str) -> Path:
    path = releases_dir / version
    return path.resolve() if path.is_symlink() else path


def verify_release(releases_dir: Path, version: str = "latest") -> list[str]:
    """Problems found in a release folder: missing or altered files, unreadable tables."""
    folder = resolve(releases_dir, version)
    if not folder.is_dir():
        return [f"{version}: no such release in {releases_dir}"]
    sums = folder / "SHA256SUMS"
    if not sums.exists():
        return [f"{folder.name}: SHA256SUMS missing"]
    problems = []
    listed = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
        if not (folder / name).exists():
            problems.append(f"{folder.name}/{name}: missing")
        elif sha256_file(folder / name) != digest:
            problems.append(f"{folder.name}/{name}: checksum mismatch")
    for table in warehouse.RELEASE_TABLES:
        for fmt in ("parquet", "csv"):
            if f"{table}.{fmt}" not in listed:
                problems.append(f"{folder.name}/{table}.{fmt}: not in SHA256SUMS")
    if not problems:
        con = duckdb.connect()
        try:
            for table in warehouse.RELEASE_TABLES:
                cols = [
                    r[0]
                    for r in con.execute(
                        f"DESCRIBE SELECT * FROM '{folder / (table + '.parquet')}'"
                    ).fetchall()
                ]
                if cols != warehouse.columns(table):
                    problems.append(f"{folder.name}/{table}.parquet: columns {cols} differ from the contract")
        finally:
            con.close()
    return problems


def diff_releases(releases_dir: Path, a: str, b: str) -> dict:
    """Observations added, removed and changed from release `a` to release `b`."""
    pa, pb = (
        resolve(releases_dir, a) / "observations.parquet",
        resolve(releases_dir, b) / "observations.parquet",
    )
    con = duckdb.connect()
    try:
        added = con.execute(
            f"SELECT observation_id FROM '{pb}' EXCEPT SELECT observation_id FROM '{pa}' ORDER BY 1"
        ).fetchall()
        removed = con.execute(
            f"SELECT observation_id FROM '{pa}' EXCEPT SELECT observation_id FROM '{pb}' ORDER BY 1"
        ).fetchall()
        changed = con.execute(f"""SELECT observation_id, x.value, y.value FROM '{pa}' x JOIN '{pb}' y USING (observation_id)
                                  WHERE x.value IS DISTINCT FROM y.value ORDER BY 1""").fetchall()
    finally:
        con.close()
    return {
        "from": a,
        "to": b,
        "added": [r[0] for r in added],
        "removed": [r[0] for r in removed],
        "changed": [{"observation_id": r[0], "old_value": r[1], "new_value": r[2]} for r in changed],
    }


def read_meta(folder: Path) -> dict:
    return json.loads((folder / "release.json").read_text(encoding="utf-8"))

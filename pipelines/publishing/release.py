"""Publishing versioned, immutable releases from the warehouse.

A release is written into a staging folder beside the published ones and renamed into place when
complete; only then do ``latest`` and the catalog (index.json, index.html) move. A release is made only
when the data files differ from the latest release's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from pipelines import locks, warehouse
from pipelines.publishing import release_docs


@dataclass(frozen=True)
class PublishResult:
    version: str | None  # None when nothing changed
    path: Path | None
    message: str
    changes: dict
    status: str = "published"  # published | unchanged | empty (nothing to publish)


def export_tables(con, folder: Path) -> dict[str, str]:
    """Write every release table as Parquet (zstd) and CSV, rows ordered by the table's key, by DuckDB's
    COPY (no rows pass through Python). Returns file name -> sha256, each file hashed once."""
    written = {}
    for table in warehouse.RELEASE_TABLES:
        spec = warehouse.tables()[table]
        order = ", ".join(f'"{c}"' for c in spec["key"])
        for fmt, options in (
            ("parquet", "FORMAT parquet, COMPRESSION zstd"),
            ("csv", "FORMAT csv, HEADER true"),
        ):
            cols = ", ".join(
                _csv_safe(c) if fmt == "csv" and s["type"] == "VARCHAR" else f'"{c}"'
                for c, s in spec["columns"].items()
            )
            path = folder / f"{table}.{fmt}"
            con.execute(f"COPY (SELECT {cols} FROM \"{table}\" ORDER BY {order}) TO '{path}' ({options})")
            written[path.name] = release_docs.sha256_file(path)
    return written


_FORMULA_START = r"^[=+@\t\r-]"
_PLAIN_NUMBER = r"^[+-]?[0-9][0-9.,]*$"


def export_texts(con, folder: Path, previous: Path | None = None, previous_sums=None) -> dict[str, str]:
    """Each report's text exactly as read (texts/<report_id>.txt, UTF-8, line ends kept), so that every
    char_start/char_end of the release can be checked against its characters. Returns path in the
    release -> sha256.

    A text whose sha256 (kept in the warehouse since it was stored) is the one the previous release
    lists for the same file is not written again: the new release's file is a hard link to the previous
    one (a copy where the file system refuses links). Published files are never opened for writing by
    anything here (a release is written in its staging folder, then only read), so a file shared by two
    releases stays as both published it."""
    texts = folder / "texts"
    texts.mkdir()
    previous_sums = previous_sums or {}
    digests, to_write = {}, []
    for report_id, digest in con.execute(
        "SELECT report_id, text_sha256 FROM report_texts ORDER BY report_id"
    ).fetchall():
        name = f"texts/{report_id}.txt"
        digests[name] = digest
        if (
            previous is None
            or previous_sums.get(name) != digest
            or not _share(previous / name, folder / name)
        ):
            to_write.append(report_id)
    # a few hundred texts at a time: all of them at once held the whole corpus in memory
    for start in range(0, len(to_write), 500):
        rows = con.execute(
            "SELECT report_id, text FROM report_texts WHERE report_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY report_id",
            [to_write[start : start + 500]],
        ).fetchall()
        for report_id, text in rows:
            data = text.encode("utf-8")
            (texts / f"{report_id}.txt").write_bytes(data)
            digests[f"texts/{report_id}.txt"] = hashlib.sha256(data).hexdigest()
    return digests


def _share(published: Path, target: Path) -> bool:
    """`target` becomes the same file as the published one: a hard link, else a copy. False when the
    published file is not there (the caller then writes the text itself)."""
    try:
        os.link(published, target)
    except FileNotFoundError:
        return False
    except OSError:  # another file system, or links not allowed: a copy holds the same bytes
        shutil.copyfile(published, target)
    return True


def export_duckdb(con, folder: Path) -> Path:
    """peakwatch.duckdb: every release table with the data dictionary as COMMENTs, in the storage format
    of the DuckDB command line the setup installs. A reader of this file never blocks a run."""
    path = folder / "peakwatch.duckdb"
    con.execute(f"ATTACH '{path}' AS rel (STORAGE_VERSION '{warehouse.CLI_STORAGE_VERSION}')")
    try:
        for table in warehouse.RELEASE_TABLES:
            spec = warehouse.tables()[table]
            cols = ", ".join(f'"{c}"' for c in spec["columns"])
            order = ", ".join(f'"{c}"' for c in spec["key"])
            con.execute(f'CREATE TABLE rel."{table}" AS SELECT {cols} FROM "{table}" ORDER BY {order}')
            con.execute(f'COMMENT ON TABLE rel."{table}" IS {_sql_text(spec["description"])}')
            for column, col_spec in spec["columns"].items():
                con.execute(
                    f'COMMENT ON COLUMN rel."{table}"."{column}" IS {_sql_text(col_spec["description"])}'
                )
        # written into the file itself: a WAL beside it would be lost by whoever copies only the file
        con.execute("CHECKPOINT rel")
    finally:
        con.execute("DETACH rel")
    return path


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _csv_safe(column: str) -> str:
    """A text cell that a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first)
    is written with a leading apostrophe, as spreadsheets themselves mark text; plain signed numbers such
    as -3.82 stay as they are. Parquet keeps every value unchanged."""
    c = f'"{column}"'
    risky = f"regexp_matches({c}, '{_FORMULA_START}') AND NOT regexp_matches({c}, '{_PLAIN_NUMBER}')"
    return f"CASE WHEN {risky} THEN chr(39) || {c} ELSE {c} END AS {c}"


def releases_index(releases_dir: Path) -> list[dict]:
    index = releases_dir / "index.json"
    if not index.exists():
        return []
    return json.loads(index.read_text(encoding="utf-8"))["releases"]


def published_versions(releases_dir: Path) -> list[str]:
    """Versions whose folder is in place, oldest first. A folder appears only by an atomic rename of a
    complete staging folder, so the folders, not index.json, are the record of what is published."""
    versions = (
        [
            p.name
            for p in releases_dir.iterdir()
            if p.is_dir() and not p.is_symlink() and re.fullmatch(r"\d+\.\d+\.\d+", p.name)
        ]
        if releases_dir.exists()
        else []
    )
    return sorted(versions, key=_version_key)


def latest_version(releases_dir: Path) -> str | None:
    versions = published_versions(releases_dir)
    return versions[-1] if versions else None


def repair(releases_dir: Path) -> None:
    """Finish what a killed run left: `latest` and the index catch up with the newest release folder."""
    newest = latest_version(releases_dir)
    if newest is None:
        return
    link = releases_dir / "latest"
    if not link.is_symlink() or os.readlink(link) != newest:
        _point_latest(releases_dir, newest)
    listed = [r["version"] for r in releases_index(releases_dir)]
    if sorted(listed, key=_version_key) != published_versions(releases_dir):
        release_docs.write_index(releases_dir)


def _version_key(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


def schema_of(con) -> dict[str, list[list[str]]]:
    """Columns and types of every table, and its key as a last entry: a changed key is a tightened
    constraint, as incompatible for users as a removed column."""
    tables = warehouse.tables()
    return {
        t: [[c, s["type"]] for c, s in tables[t]["columns"].items()] + [["(key)", ",".join(tables[t]["key"])]]
        for t in warehouse.RELEASE_TABLES
    }


# what a user reads an observation by: a change in any of these is a changed observation
_COMPARED = ("value", "unit", "year", "period", "measure", "region_code", "indicator_id")


def _change(row: tuple) -> dict:
    """One changed observation: its value and unit before and after, and every compared field that
    changed with its old and new content."""
    n = len(_COMPARED)
    old, new = (
        dict(zip(_COMPARED, row[1 : 1 + n], strict=True)),
        dict(zip(_COMPARED, row[1 + n :], strict=True)),
    )
    return {
        "observation_id": row[0],
        "old_value": old["value"],
        "new_value": new["value"],
        "old_unit": old["unit"],
        "new_unit": new["unit"],
        "fields": {c: [old[c], new[c]] for c in _COMPARED if old[c] != new[c]},
    }


def diff_observations(con, previous: Path | None) -> dict:
    """Reports and observations added, removed and changed against a previous release folder."""
    if previous is None:
        obs = con.execute("SELECT observation_id FROM observations ORDER BY observation_id").fetchall()
        reps = con.execute("SELECT report_id FROM reports ORDER BY report_id").fetchall()
        return {
            "reports_added": [r[0] for r in reps],
            "reports_removed": [],
            "observations_added": [o[0] for o in obs],
            "observations_removed": [],
            "observations_changed": [],
            "quarantine_by_reason": quarantine_changes(con, None),
        }
    prev_obs, prev_rep = previous / "observations.parquet", previous / "reports.parquet"
    q = con.execute
    added = q(
        f"SELECT observation_id FROM observations EXCEPT SELECT observation_id FROM '{prev_obs}' ORDER BY 1"
    ).fetchall()
    removed = q(
        f"SELECT observation_id FROM '{prev_obs}' EXCEPT SELECT observation_id FROM observations ORDER BY 1"
    ).fetchall()
    olds = ", ".join(f"o.{c}" for c in _COMPARED)
    news = ", ".join(f"n.{c}" for c in _COMPARED)
    differs = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in _COMPARED)
    changed = q(f"""SELECT n.observation_id, {olds}, {news} FROM observations n
                    JOIN '{prev_obs}' o USING (observation_id) WHERE {differs} ORDER BY 1""").fetchall()
    reps_added = q(
        f"SELECT report_id FROM reports EXCEPT SELECT report_id FROM '{prev_rep}' ORDER BY 1"
    ).fetchall()
    reps_removed = q(
        f"SELECT report_id FROM '{prev_rep}' EXCEPT SELECT report_id FROM reports ORDER BY 1"
    ).fetchall()
    return {
        "reports_added": [r[0] for r in reps_added],
        "reports_removed": [r[0] for r in reps_removed],
        "observations_added": [r[0] for r in added],
        "observations_removed": [r[0] for r in removed],
        "observations_changed": [_change(r) for r in changed],
        "quarantine_by_reason": quarantine_changes(con, previous / "quarantine.parquet"),
    }


def quarantine_changes(con, previous: Path | None) -> dict[str, dict[str, int]]:
    """reason -> rows newly held back and rows no longer held back, against the previous quarantine."""
    current = "SELECT observation_id, reason FROM quarantine"
    if previous is None or not previous.exists():
        rows = con.execute(f"SELECT reason, count(*), 0 FROM ({current}) GROUP BY 1 ORDER BY 1").fetchall()
    else:
        old = f"SELECT observation_id, reason FROM '{previous}'"
        rows = con.execute(
            f"""SELECT reason, count(*) FILTER (WHERE side = 'added'), count(*) FILTER (WHERE side = 'removed')
                FROM (SELECT reason, 'added' AS side FROM ({current}) n
                        WHERE observation_id NOT IN (SELECT observation_id FROM ({old}))
                      UNION ALL
                      SELECT reason, 'removed' FROM ({old}) o
                        WHERE observation_id NOT IN (SELECT observation_id FROM ({current})))
                GROUP BY 1 ORDER BY 1"""
        ).fetchall()
    return {reason: {"added": added, "removed": removed} for reason, added, removed in rows}


def next_version(previous: str | None, prev_schema: dict | None, schema: dict, changes: dict) -> str:
    """Data-package versioning: MAJOR for an incompatible schema change, MINOR for added data, tables or
    columns, else PATCH."""
    if previous is None:
        return "1.0.0"
    major, minor, patch = _version_key(previous)
    if prev_schema is not None:
        for table, cols in prev_schema.items():
            now = {c: t for c, t in schema.get(table, [])}
            if table not in schema or any(now.get(c) != t for c, t in cols):
                return f"{major + 1}.0.0"
    added_schema = prev_schema is not None and prev_schema != schema  # columns or tables added, none removed
    if (
        added_schema
        or changes["reports_added"]
        or changes["observations_added"]
        or changes["reports_removed"]
    ):
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def publish(con, releases_dir: Path, provenance: dict, now: dt.datetime | None = None) -> PublishResult:
    """Publish a new release when the data differ from the latest one; never touch a published folder.
    One publisher at a time per releases folder (its `.lock` names the holder)."""
    releases_dir = Path(releases_dir)
    releases_dir.mkdir(parents=True, exist_ok=True)
    with locks.exclusive(releases_dir / ".lock", f"releases folder {releases_dir}"):
        return _publish(con, releases_dir, provenance, now)


def _publish(con, releases_dir: Path, provenance: dict, now: dt.datetime | None) -> PublishResult:
    if con.execute("SELECT count(*) FROM reports").fetchone()[0] == 0:
        # an empty release would replace good data with nothing: a release needs a readable report
        return PublishResult(
            None, None, "nothing published: no readable report (the latest release is unchanged)", {}, "empty"
        )
    # left by a run that was killed mid-write (under the lock, no other publisher is writing one)
    for stale in releases_dir.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in [*releases_dir.glob(".latest-*"), *releases_dir.glob(".index.*.tmp")]:
        stale.unlink(missing_ok=True)
    repair(releases_dir)
    staging = releases_dir / f".staging-{os.getpid()}"
    staging.mkdir()
    try:
        previous = latest_version(releases_dir)
        prev_dir = releases_dir / previous if previous else None
        prev_meta = _read_meta(prev_dir)
        digests = export_tables(con, staging)
        checksums = dict(digests)
        if prev_meta is not None and prev_meta["data_checksums"] == checksums:
            return PublishResult(
                None,
                prev_dir,
                f"data unchanged since {previous}: nothing published (latest release: {prev_dir})",
                {},
                "unchanged",
            )
        digests |= export_texts(con, staging, prev_dir, release_docs.read_sha256sums(prev_dir))
        duck = export_duckdb(con, staging)
        digests[duck.name] = release_docs.sha256_file(duck)
        prev_schema = prev_meta["schema"] if prev_meta is not None else None
        changes = diff_observations(con, prev_dir)
        schema = schema_of(con)
        version = next_version(previous, prev_schema, schema, changes)
        now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
        inputs = dict(con.execute("SELECT file_name, sha256 FROM reports ORDER BY file_name").fetchall())
        provenance = provenance | {"input_reports_sha256": inputs}
        release_docs.write_documents(
            con, staging, version, previous, now, changes, checksums, provenance, digests
        )
        meta = {
            "version": version,
            "previous": previous,
            "created": now.isoformat(),
            "schema": schema,
            "data_checksums": checksums,
            "provenance": provenance,
            "counts": {
                t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in warehouse.RELEASE_TABLES
            },
        }
        _write(staging / "release.json", json.dumps(meta, indent=2, sort_keys=True) + "\n")
        release_docs.write_sha256sums(staging, digests)
        target = releases_dir / version
        if target.exists():
            raise FileExistsError(
                f"release {version} already exists; published releases are never overwritten"
            )
        _fsync_written(staging)
        os.rename(staging, target)
        _point_latest(releases_dir, version)
        release_docs.write_index(releases_dir)
        return PublishResult(version, target, f"published release {version} at {target}", changes)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _read_meta(folder: Path | None) -> dict | None:
    return json.loads((folder / "release.json").read_text(encoding="utf-8")) if folder else None


def _fsync_written(folder: Path) -> None:
    """Every file of the staging folder on disk before it is renamed into place: the files written in
    this run (a text linked from a published release is on disk already: one fsync of its folder)."""
    for p in sorted(folder.rglob("*")):
        if p.is_file() and (p.parent.name != "texts" or p.stat().st_nlink == 1):
            with p.open("rb") as f:  # read-only: fsync needs a descriptor, never a writable one
                os.fsync(f.fileno())
    for d in (folder, folder / "texts"):
        fd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _point_latest(releases_dir: Path, version: str) -> None:
    tmp = releases_dir / f".latest-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(version, tmp)
    os.replace(tmp, releases_dir / "latest")

"""The DuckDB warehouse: tables as in catalog/tables.yaml, loaded from plain rows and frames.

Extraction results are kept per report with the report's sha256 and the extractor version, so that a
run re-extracts only reports that are new or changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import yaml

from pipelines import catalog, glossary, locks

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# pandas and the unit registry are imported by the functions that build frames, not with the module: a
# run that finds nothing to do opens the warehouse without them (they take about a second to import)

# New DuckDB files are written in the storage format of the DuckDB command line the setup installs
# (duckdb-cli 1.5 reads storage versions up to v1.5.0), so that users can open them with it.
CLI_STORAGE_VERSION = "v1.5.0"

RELEASE_TABLES = (
    "reports",
    "observations",
    "quarantine",
    "indicators",
    "regions",
    "agencies",
    "units",
    "years",
    "validation_summary",
    "facts",
)


@cache
def tables() -> dict:
    with (catalog.CATALOG_DIR / "tables.yaml").open(encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    spec["quarantine"]["columns"] = spec["observations"]["columns"] | spec["quarantine"]["columns"]
    return spec


def columns(table: str) -> list[str]:
    return list(tables()[table]["columns"])


def _ddl(table: str) -> str:
    cols = ", ".join(f'"{c}" {spec["type"]}' for c, spec in tables()[table]["columns"].items())
    return f'CREATE TABLE IF NOT EXISTS "{table}" ({cols})'


@contextmanager
def connect(path: Path, read_only: bool = False, wait: float | None = None):
    """A connection to the warehouse. A writer holds the warehouse's lock file (one run at a time); a
    reader takes no lock. Either waits up to `wait` seconds for another process that has the DuckDB file
    open, then raises locks.Busy with one line naming the file."""
    path = Path(path)
    if read_only:
        con = _open(path, True, wait)
        try:
            yield con
        finally:
            con.close()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with locks.exclusive(path.with_name(path.name + ".lock"), f"warehouse {path}", wait):
        _set_aside_unfinished(path)
        con = _open(path, False, wait)
        try:
            # a checkpoint on every close rewrote a file that grows with the corpus: committed work stays
            # in the write-ahead log (as durable) until DuckDB checkpoints it at its size threshold
            con.execute("PRAGMA disable_checkpoint_on_shutdown")
            _create_tables(con)
            yield con
        finally:
            con.close()


# a DuckDB file starts with three 4 KiB headers, written when it is created: a shorter file was never a
# database (the process that created it was killed before it finished)
_HEADERS_BYTES = 3 * 4096


def _set_aside_unfinished(path: Path) -> None:
    """A warehouse file whose creation a kill interrupted holds no data and would stop every later run
    ("not a valid DuckDB database file"): it is moved aside to <name>.unfinished and a new one is made."""
    wal = path.with_name(path.name + ".wal")
    if path.is_file() and path.stat().st_size < _HEADERS_BYTES and not (wal.exists() and wal.stat().st_size):
        path.replace(path.with_name(path.name + ".unfinished"))


def _open(path: Path, read_only: bool, wait: float | None):
    deadline = time.monotonic() + (locks.DEFAULT_WAIT if wait is None else wait)
    while True:
        try:
            config = {} if read_only else {"storage_compatibility_version": CLI_STORAGE_VERSION}
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower():
                raise
            if time.monotonic() >= deadline:
                holder = re.search(r"held in (.*?)(?:\.|$)", str(e).splitlines()[0])
                raise locks.Busy(
                    f"warehouse {path} is open in another process ({holder.group(1) if holder else 'a DuckDB client'});"
                    " close it and run again (to read while runs go on, query a release's files instead)"
                ) from None
            time.sleep(0.2)


_SCHEMA_TABLES = (
    *RELEASE_TABLES,
    "report_texts",
    "staged_reports",
    "report_errors",
    "report_warnings",
    "extraction_log",
    "extracted_facts",
    "ruled_reports",
    "release_state",
    "checked_reports",
    "seed_hashes",
    "unchanged_noted",
)


def _schema_complete(con) -> bool:
    """Every table is there (with the log's n_facts): one catalog query instead of a statement per table."""
    names = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()
    }
    if not names.issuperset(_SCHEMA_TABLES):
        return False
    return (
        con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() AND "
            "(table_name, column_name) IN (('extraction_log', 'n_facts'), ('report_texts', 'text_sha256'))"
        ).fetchone()[0]
        == 2
    )


def _create_tables(con) -> None:
    con.execute("SET threads = 1")  # single-threaded exports keep files byte-identical
    if _schema_complete(con):
        return
    for t in RELEASE_TABLES:
        con.execute(_ddl(t))
    con.execute(
        "CREATE TABLE IF NOT EXISTS report_texts (report_id VARCHAR, text VARCHAR, state_sha256 VARCHAR, "
        "text_sha256 VARCHAR)"
    )
    ensure_text_digests(con)
    # a report read from the seeds folder waits here until its facts are stored with it
    con.execute(
        "CREATE TABLE IF NOT EXISTS staged_reports (report_id VARCHAR, row_json VARCHAR, "
        "text VARCHAR, state_sha256 VARCHAR)"
    )
    con.execute("CREATE TABLE IF NOT EXISTS report_errors (file_name VARCHAR, message VARCHAR)")
    con.execute("CREATE TABLE IF NOT EXISTS report_warnings (file_name VARCHAR, message VARCHAR)")
    ensure_extraction_log(con)
    fact_cols = ", ".join(f'"{c}" {s["type"]}' for c, s in tables()["observations"]["columns"].items())
    con.execute(
        f"CREATE TABLE IF NOT EXISTS extracted_facts ({fact_cols}, indicator_name VARCHAR, "
        "report_sha256 VARCHAR, extractor_version VARCHAR)"
    )
    # which reports' facts the quality rules were last applied to, and by which rules
    con.execute(
        "CREATE TABLE IF NOT EXISTS ruled_reports (report_id VARCHAR, report_sha256 VARCHAR, "
        "extractor_version VARCHAR, rules_version VARCHAR)"
    )
    # the reports whose rows passed the contracts in a completed release run (as ruled then)
    con.execute(
        "CREATE TABLE IF NOT EXISTS checked_reports (report_id VARCHAR, report_sha256 VARCHAR, "
        "extractor_version VARCHAR, rules_version VARCHAR)"
    )
    # the state hash of each seeds file with the file's identity and times when it was hashed: a file whose
    # identity and times are unchanged is not read again (see steps.seed_state)
    con.execute(
        "CREATE TABLE IF NOT EXISTS seed_hashes (file_name VARCHAR, stat_key VARCHAR, state_sha256 VARCHAR)"
    )
    # the Dagster instances (home folders) told by a run that stopped early that this release is current
    con.execute(
        "CREATE TABLE IF NOT EXISTS unchanged_noted (dagster_home VARCHAR, version VARCHAR, fingerprint VARCHAR)"
    )
    # the release folder, version and warehouse fingerprint of the last release run that completed
    con.execute(
        "CREATE TABLE IF NOT EXISTS release_state (releases_dir VARCHAR, version VARCHAR, fingerprint VARCHAR)"
    )


def ensure_text_digests(con) -> None:
    """Every stored text has the sha256 of its UTF-8 bytes (the file a release ships), so that a release
    can tell an unchanged text without reading it. Older warehouses gain the column, filled once."""
    con.execute("ALTER TABLE report_texts ADD COLUMN IF NOT EXISTS text_sha256 VARCHAR")
    con.execute("UPDATE report_texts SET text_sha256 = sha256(text) WHERE text_sha256 IS NULL")


def text_digest(text: str) -> str:
    """sha256 of a text as a release writes it (UTF-8, line ends as read); equals DuckDB's sha256(text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checkpoint(con) -> None:
    """Write the log of committed work into the file, once per release run: every later open then
    replays a short log instead of all the runs since the last automatic checkpoint."""
    con.execute("CHECKPOINT")


def replace_table(con, table: str, frame: pd.DataFrame) -> int:
    """Replace the rows of `table` with `frame` (columns as in the data dictionary)."""
    frame = frame.reindex(columns=columns(table))
    con.execute(f'DELETE FROM "{table}"')
    if len(frame):
        con.register("incoming", frame)
        con.execute(f'INSERT INTO "{table}" SELECT * FROM incoming')
        con.unregister("incoming")
    return len(frame)


def append_rows(con, table: str, frame: pd.DataFrame) -> int:
    """Add the rows of `frame` (columns as in the data dictionary) to `table`."""
    if len(frame):
        _insert_frame(con, table, frame.reindex(columns=columns(table)))
    return len(frame)


@contextmanager
def transaction(con):
    """All or nothing: a kill or an error inside leaves the warehouse as it was before."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def stage_report(con, row: dict, text: str, state_sha256: str) -> None:
    """Keep a report as read until its facts are stored (`commit_report`); the published tables do not
    see it before then."""
    with transaction(con):
        con.execute("DELETE FROM staged_reports WHERE report_id = ?", [row["report_id"]])
        con.execute(
            "INSERT INTO staged_reports VALUES (?, ?, ?, ?)",
            [row["report_id"], json.dumps(row, default=str), text, state_sha256],
        )


def staged_report(con, report_id: str) -> tuple[dict, str, str] | None:
    """(row, text, state_sha256) of a report read but not yet stored with its facts."""
    found = con.execute(
        "SELECT row_json, text, state_sha256 FROM staged_reports WHERE report_id = ?", [report_id]
    ).fetchone()
    return (json.loads(found[0]), found[1], found[2]) if found else None


def commit_results(
    con,
    results: list[pa.Table],
    removed: list[str] = (),
    cleared_files: list[str] = (),
    warnings: dict[str, list[str]] | None = None,
    errors: dict[str, str] | None = None,
) -> int:
    """Store reports from their extraction results (pipelines/results.py: one Arrow row per report with
    its row, text and facts), each with its text, facts and extraction log entry, all in one
    transaction, so that a report is never logged as done without its facts, nor published with facts of
    another text. With them the reports gone from the seeds folder are removed, and the read warnings and
    errors of the files named are replaced. Returns the facts stored."""
    import pyarrow as pa  # noqa: PLC0415

    ids = [t["report_id"][0].as_py() for t in results]
    warnings, errors = warnings or {}, errors or {}
    with transaction(con):
        gone = [*ids, *removed]
        for table in ("reports", "report_texts", "extracted_facts", "extraction_log", "staged_reports"):
            con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT unnest(?::VARCHAR[]))", [gone])
        con.execute(
            "DELETE FROM report_errors WHERE file_name IN (SELECT unnest(?::VARCHAR[]))",
            [list(cleared_files)],
        )
        con.execute(
            "DELETE FROM report_warnings WHERE file_name IN (SELECT unnest(?::VARCHAR[]))", [list(warnings)]
        )
        _insert_rows(con, "report_warnings", [[f, m] for f, ms in warnings.items() for m in ms])
        _insert_rows(con, "report_errors", [[f, m] for f, m in errors.items()])
        if not results:
            return 0
        con.register("incoming_results", pa.concat_tables(results))
        try:
            _insert_reports(con)
            _insert_facts(con)
        finally:
            con.unregister("incoming_results")
    return sum(len(t["facts"][0]) for t in results)


def _insert_reports(con) -> None:
    """Rows, texts and log entries of the results registered as `incoming_results`."""
    con.execute("INSERT INTO reports BY NAME SELECT unnest(report) FROM incoming_results")
    # sha256() of DuckDB is text_digest(): the sha256 of the text's UTF-8 bytes
    con.execute(
        "INSERT INTO report_texts BY NAME SELECT report_id, text, report_sha256 AS state_sha256, "
        "sha256(text) AS text_sha256 FROM incoming_results"
    )
    con.execute(
        "INSERT INTO extraction_log BY NAME SELECT report_id, report_sha256, extractor_version, "
        "len(facts) AS n_facts FROM incoming_results"
    )


def _insert_facts(con) -> None:
    """The facts of the results registered as `incoming_results`, in extraction order."""
    con.execute(
        "INSERT INTO extracted_facts BY NAME SELECT unnest(facts, recursive := true), report_sha256, "
        "extractor_version FROM incoming_results"
    )


def _insert_rows(con, table: str, rows: list[list]) -> None:
    if rows:
        con.executemany(f'INSERT INTO "{table}" VALUES (?, ?)', rows)


def _insert_frame(con, table: str, frame: pd.DataFrame) -> None:
    con.register("incoming", frame)
    con.execute(f'INSERT INTO "{table}" SELECT * FROM incoming')
    con.unregister("incoming")


def ensure_extraction_log(con) -> None:
    # a report with no facts at all still counts as extracted; n_facts lets a reader check that the log
    # agrees with the facts stored (older warehouses gain the column)
    con.execute(
        "CREATE TABLE IF NOT EXISTS extraction_log (report_id VARCHAR, report_sha256 VARCHAR, "
        "extractor_version VARCHAR, n_facts BIGINT)"
    )
    con.execute("ALTER TABLE extraction_log ADD COLUMN IF NOT EXISTS n_facts BIGINT")


def completed_extractions(con, version: str) -> dict[str, str]:
    """report_id -> state sha256 of every report whose stored facts are complete for `version`: its log
    entry exists and the facts stored for it are as many as the log says."""
    return dict(
        con.execute(
            """SELECT l.report_id, l.report_sha256 FROM extraction_log l
               LEFT JOIN (SELECT report_id, count(*) AS n FROM extracted_facts GROUP BY report_id) f
                 USING (report_id)
               WHERE l.extractor_version = ? AND l.n_facts IS NOT DISTINCT FROM coalesce(f.n, 0)""",
            [version],
        ).fetchall()
    )


def completed_extraction(con, version: str, report_id: str) -> str | None:
    """`completed_extractions` for one report: its cost does not grow with the corpus."""
    found = con.execute(
        """SELECT l.report_sha256 FROM extraction_log l
           WHERE l.report_id = ? AND l.extractor_version = ?
             AND l.n_facts IS NOT DISTINCT FROM (SELECT count(*) FROM extracted_facts WHERE report_id = ?)""",
        [report_id, version, report_id],
    ).fetchone()
    return found[0] if found else None


def extracted(con) -> pd.DataFrame:
    return con.execute("SELECT * FROM extracted_facts ORDER BY report_id, char_start, char_end").df()


def _derived_names(name: str) -> tuple[str, str]:
    """(name, name_zh) of a derived indicator: a phrase from a Chinese report keeps its words in name_zh
    and is named in English when the glossary reads all of it (else by the phrase itself, as written)."""
    if not glossary.is_chinese(name):
        return name, ""
    return glossary.english_name(name) or name, name


def dimension_frames(derived: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """indicators, regions, agencies and units from the catalogs (plus derived indicators in use)."""
    import pandas as pd  # noqa: PLC0415

    from pipelines import units  # noqa: PLC0415

    table = units.unit_table()
    canon = {u.dimension: u.canonical_unit for u in table.values()}
    indicators = pd.DataFrame(
        [
            {
                "indicator_id": i["id"],
                "name": i["name"],
                "name_zh": i.get("name_zh", ""),
                "category": i["category"],
                "dimension": i["dimension"],
                "canonical_unit": canon.get(i["dimension"], "count"),
                "plausible_min": catalog.plausible_ranges().get(i["id"], (None, None))[0],
                "plausible_max": catalog.plausible_ranges().get(i["id"], (None, None))[1],
                "derived": False,
            }
            for i in catalog.indicators()
        ]
    )
    if len(derived):
        names = [_derived_names(name) for name in derived.name]
        extra = derived.assign(
            name=[en for en, _ in names],
            name_zh=[zh for _, zh in names],
            category="other",
            plausible_min=None,
            plausible_max=None,
            derived=True,
            dimension=derived.unit.map(lambda u: table[u].dimension if u in table else "count"),
            canonical_unit=derived.unit,
        )
        extra = extra.reindex(columns=indicators.columns).astype(indicators.dtypes.to_dict())
        indicators = pd.concat([indicators, extra], ignore_index=True)
    return {
        "indicators": indicators.sort_values("indicator_id", kind="stable").reset_index(drop=True),
        "regions": pd.DataFrame(
            [
                {
                    "region_code": r["code"],
                    "name_en": r["name_en"],
                    "name_zh": r["name_zh"],
                    "level": r["level"],
                }
                for r in catalog.regions()
            ]
        ).sort_values("region_code"),
        "agencies": pd.DataFrame(
            [
                {"agency_id": a["agency_id"], "name_en": a["name_en"], "name_zh": a["name_zh"]}
                for a in catalog.agencies()
            ]
        ).sort_values("agency_id"),
        "units": pd.DataFrame(units.units_rows()),
    }

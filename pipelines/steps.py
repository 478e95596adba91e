"""The stages of a run as plain functions on a warehouse connection: load inputs, process, save outputs.
Dagster assets (assets/) and tests call these; nothing here knows about Dagster."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines import warehouse
from pipelines.extract import EXTRACTOR_VERSION, ReportContext, extract_facts
from pipelines.reports import read_reports


def load_reports(con, seeds_dir: Path) -> dict:
    """Read every report of the seeds folder into the warehouse; unreadable ones are listed with why."""
    reports, errors = read_reports(Path(seeds_dir))
    warehouse.sync_reports(
        con,
        [r.row() for r in reports],
        {r.report_id: r.text for r in reports},
        [(e.split(":", 1)[0], e) for e in errors],
    )
    warehouse.ensure_extraction_log(con)
    warehouse.drop_removed_reports(con)
    return {"reports": len(reports), "errors": errors}


def extract_stale(con) -> dict:
    """Extract facts from the reports that are new or changed since they were last extracted."""
    warehouse.ensure_extraction_log(con)
    stale = warehouse.stale_reports(con, EXTRACTOR_VERSION)
    per_report = {}
    for report_id in stale:
        sha, year, agency, text = con.execute(
            "SELECT r.sha256, r.report_year, r.agency_id, t.text FROM reports r JOIN report_texts t USING (report_id)"
            " WHERE report_id = ?",
            [report_id],
        ).fetchone()
        facts = extract_facts(text, ReportContext(report_id, year, agency))
        per_report[report_id] = warehouse.store_facts(
            con, report_id, sha, EXTRACTOR_VERSION, (f.as_row() for f in facts)
        )
    total = con.execute("SELECT count(*) FROM extracted_facts").fetchone()[0]
    return {"extracted_reports": per_report, "facts": total}


def build_dimensions(con) -> dict:
    """indicators (with the derived ones in use), regions, agencies, units and years."""
    derived = con.execute(
        """SELECT indicator_id, min(indicator_name) AS name, min(unit) AS unit FROM (
             SELECT indicator_id, indicator_name, unit FROM extracted_facts WHERE indicator_id LIKE 'derived\\_%' ESCAPE '\\')
           GROUP BY indicator_id ORDER BY indicator_id"""
    ).df()
    frames = warehouse.dimension_frames(derived)
    counts = {name: warehouse.replace_table(con, name, frame) for name, frame in frames.items()}
    years = con.execute(
        """SELECT year, count(*) FILTER (WHERE src = 'o') AS n_observations FROM (
             SELECT year, 'o' AS src FROM observations UNION ALL SELECT year, 'q' FROM quarantine)
           WHERE year IS NOT NULL GROUP BY year ORDER BY year"""
    ).df()
    counts["years"] = warehouse.replace_table(con, "years", years)
    return counts


def table_frame(con, table: str) -> pd.DataFrame:
    cols = ", ".join(f'"{c}"' for c in warehouse.columns(table))
    key = ", ".join(f'"{c}"' for c in warehouse.tables()[table]["key"])
    return con.execute(f'SELECT {cols} FROM "{table}" ORDER BY {key}').df()

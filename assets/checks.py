"""Checks for analysts, beside the blocking contracts: each warns and never stops a release. Their
thresholds are data (quality_rules.yaml, `thresholds`)."""

from __future__ import annotations

import json

import dagster as dg

from assets.resources import PeakwatchStore
from pipelines import catalog, warehouse
from pipelines.publishing import release as release_lib


def _warn(passed: bool, summary: str, **metadata) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=passed, severity=dg.AssetCheckSeverity.WARN, description=summary, metadata=metadata
    )


@dg.asset_check(asset="quarantine")
def quarantine_rate(store: PeakwatchStore) -> dg.AssetCheckResult:
    """The share of facts held back by a quality rule stays below quarantine_rate_warn."""
    limit = catalog.rule_thresholds()["quarantine_rate_warn"]
    with store.connect() as con:
        published = con.execute("SELECT count(*) FROM observations").fetchone()[0]
        held = dict(con.execute("SELECT reason, count(*) FROM quarantine GROUP BY 1 ORDER BY 1").fetchall())
    total = published + sum(held.values())
    rate = sum(held.values()) / total if total else 0.0
    return _warn(
        rate <= limit,
        f"{rate:.1%} of {total} facts quarantined (warns above {limit:.0%})",
        quarantine_rate=dg.MetadataValue.float(rate),
        threshold=dg.MetadataValue.float(limit),
        by_reason=dg.MetadataValue.json(held),
    )


@dg.asset_check(asset="observations")
def reports_readable(store: PeakwatchStore) -> dg.AssetCheckResult:
    """Every report of the seeds folder was read and extracted; the ones that were not are named with the
    reason (they stay out of the release, or keep their last published facts)."""
    with store.connect() as con:
        errors = con.execute("SELECT file_name, message FROM report_errors ORDER BY file_name").fetchall()
    names = [name for name, _ in errors]
    return _warn(
        not errors,
        f"{len(errors)} report(s) failed: {', '.join(names)}" if errors else "every report was read",
        failed_reports=dg.MetadataValue.json(names),
        reasons=dg.MetadataValue.json([message for _, message in errors]),
    )


def _counts(store: PeakwatchStore, version: str) -> tuple[dict[str, int], str | None]:
    meta = json.loads((store.releases / version / "release.json").read_text(encoding="utf-8"))
    return meta["counts"], meta.get("previous")


@dg.asset_check(asset="release")
def release_row_loss(store: PeakwatchStore) -> dg.AssetCheckResult:
    """No table of the current release has lost more than release_row_loss_warn of the rows it had in the
    release before it."""
    limit = catalog.rule_thresholds()["release_row_loss_warn"]
    current = release_lib.latest_version(store.releases)
    if current is None:
        return _warn(True, "no release yet")
    counts, previous = _counts(store, current)
    if previous is None:
        return _warn(True, f"{current} is the first release", version=current)
    before, _ = _counts(store, previous)
    losses = {
        t: (before[t] - counts.get(t, 0)) / before[t]
        for t in warehouse.RELEASE_TABLES
        if before.get(t) and counts.get(t, 0) < before[t]
    }
    over = {t: round(share, 4) for t, share in sorted(losses.items()) if share > limit}
    summary = ", ".join(f"{t} lost {share:.0%}" for t, share in over.items())
    return _warn(
        not over,
        f"{current} against {previous}: " + (summary or f"no table lost more than {limit:.0%} of its rows"),
        version=current,
        previous=previous,
        threshold=dg.MetadataValue.float(limit),
        loss_by_table=dg.MetadataValue.json({t: round(s, 4) for t, s in sorted(losses.items())}),
    )

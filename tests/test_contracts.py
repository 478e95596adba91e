"""Table contracts: frames that must pass and frames that must fail."""

import pandas as pd

from validation import contracts

from .test_rules import row


def observations(*rows):
    return pd.DataFrame(list(rows) or [row()])


def test_valid_observations_pass():
    assert contracts.validate("observations", observations()).passed


def test_duplicate_observation_ids_fail():
    result = contracts.validate("observations", observations(row(), row()))
    assert not result.passed and result.n_failures >= 1
    assert "field_uniqueness" in set(result.failures.check) or "unique" in " ".join(result.failures.check)


def test_unknown_measure_bad_region_and_placeholder_value_fail():
    result = contracts.validate(
        "observations", observations(row(measure="stock", region_code="Shandong", value_raw="<>"))
    )
    assert not result.passed
    assert {"measure", "region_code", "value_raw"} <= set(result.failures.column)


def test_schema_drift_fails():
    frame = observations().rename(columns={"value": "amount"})
    assert not contracts.validate("observations", frame).passed


def test_quarantine_allows_missing_values_but_needs_a_reason():
    held = {"reason": "placeholder", "reason_detail": "the number '<>' was lost in the source text"}
    good = pd.DataFrame([row(value=None, value_raw="<>") | held])
    assert contracts.validate("quarantine", good).passed
    assert not contracts.validate("quarantine", good.drop(columns="reason")).passed
    assert not contracts.validate("quarantine", good.drop(columns="reason_detail")).passed


def test_a_negative_value_is_allowed_only_for_a_change_or_as_written():
    assert contracts.validate("observations", observations(row(measure="change", value=-3.82))).passed
    assert not contracts.validate("observations", observations(row(measure="level", value=-3.82))).passed
    signed = row(measure="level", value=-5.6e8, flags="derived_indicator,written_minus")
    assert contracts.validate("observations", observations(signed)).passed


def test_a_share_above_a_hundred_percent_is_allowed_only_as_a_goal_met():
    share = row(measure="share", unit="percent", value=118.7, value_raw="118.7")
    assert not contracts.validate("observations", observations(share)).passed
    met = share | {"flags": "goal_completion"}
    assert contracts.validate("observations", observations(met)).passed


def _frames(obs):
    return {
        "observations": obs,
        "quarantine": obs.iloc[0:0].assign(reason=pd.Series(dtype=str)),
        "reports": pd.DataFrame({"report_id": ["r"]}),
        "indicators": pd.DataFrame({"indicator_id": ["hydropower_capacity"]}),
        "regions": pd.DataFrame({"region_code": ["CN"]}),
        "agencies": pd.DataFrame({"agency_id": ["nea"]}),
        "units": pd.DataFrame({"unit": ["kW"]}),
    }


def test_foreign_keys():
    assert contracts.foreign_keys(_frames(observations())).passed
    broken = contracts.foreign_keys(_frames(observations(row(unit="furlong", region_code="CN-SD"))))
    assert not broken.passed
    assert set(broken.failures.failure_case) == {"furlong", "CN-SD"}


def test_a_period_is_a_known_part_of_the_year():
    for period in ("", "H1", "Q1-Q3", "M01-M07", "end of June"):
        assert contracts.validate("observations", observations(row(period=period))).passed, period
    result = contracts.validate("observations", observations(row(period="first half")))
    assert not result.passed and "period" in set(result.failures.column)


def test_a_report_about_a_project_abroad_passes_the_reports_contract(tmp_path):
    from pipelines.sources.reports import read_report

    (tmp_path / "id.txt").write_text(
        "2023 ESG Report (Extract) — Weda Bay Nickel Project, Indonesia\n\nOutput reached 168,200 t.\n",
        encoding="utf-8",
    )
    report = read_report(tmp_path / "id.txt").row()
    assert report["region_code"] == "other:ID"
    assert contracts.validate("reports", pd.DataFrame([report])).passed

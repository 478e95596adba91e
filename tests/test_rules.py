"""Each row-level rule with rows that must pass and rows that must be quarantined."""

import pandas as pd
import pytest

from pipelines import units
from validation.rules import split

UNIT_DIMENSION = {u.unit: u.dimension for u in units.unit_table().values()}


def row(**overrides):
    base = dict(
        observation_id="0" * 16,
        report_id="r",
        indicator_id="hydropower_capacity",
        region_code="CN",
        agency_id="nea",
        year=2022,
        period="",
        measure="level",
        direction="",
        qualifier="exact",
        value=4.0e8,
        unit="kW",
        value_raw="400",
        unit_raw="million kilowatts",
        char_start=0,
        char_end=3,
        quote="q",
        sentence_start=0,
        flags="",
    )
    return base | overrides


def reasons(*rows):
    frame = pd.DataFrame([r | {"observation_id": f"{i:016x}"} for i, r in enumerate(rows)])
    observations, quarantine = split(frame, {"r": 2022}, UNIT_DIMENSION)
    return {
        **{oid: None for oid in observations.observation_id},
        **dict(zip(quarantine.observation_id, quarantine.reason, strict=True)),
    }


def reason(**overrides):
    return next(iter(reasons(row(**overrides)).values()))


def test_a_plausible_row_passes():
    assert reason() is None


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (dict(value=None, value_raw="<>", flags="placeholder"), "placeholder"),
        (dict(value_raw="2783,223", flags="malformed_number"), "malformed_number"),
        (dict(value_raw="2021", value=2.021e9), "year_as_value"),
        (dict(value_raw="2076.2021", value=2.0762021e9), "year_as_value"),
        (dict(year=1850), "impossible_year"),
        (dict(value=-5.0), "negative_value"),
        (
            dict(
                indicator_id="coal_power_share", unit="percent", measure="share", value=120.0, value_raw="120"
            ),
            "share_out_of_range",
        ),
        (
            dict(
                indicator_id="energy_consumption_change",
                unit="percent",
                measure="change",
                direction="decrease",
                value=150.0,
                value_raw="150",
            ),
            "share_out_of_range",
        ),
        (dict(unit="percent", measure="change", value=2019.0, value_raw="2019"), "year_as_value"),
        (dict(unit="percentage_point", measure="change", value=120.0, value_raw="120"), "share_out_of_range"),
        (dict(value=9.5e9, value_raw="9500"), "implausible_value"),
        (dict(unit="t", value=5.0), "unit_mismatch"),
    ],
)
def test_rules_quarantine_with_a_reason(overrides, expected):
    assert reason(**overrides) == expected


def test_plausible_neighbours_of_each_rule_pass():
    assert (
        reason(indicator_id="coal_power_share", unit="percent", measure="share", value=60.0, value_raw="60")
        is None
    )
    assert (
        reason(
            indicator_id="energy_consumption_change",
            unit="percent",
            measure="change",
            direction="increase",
            value=150.0,
            value_raw="150",
        )
        is None
    )  # growth may exceed 100%
    assert reason(value_raw="1,200", value=1.2e6) is None
    assert reason(year=None, flags="impossible_year") is None  # no year is data, not an error


def test_conflicting_values_for_one_indicator_region_and_year():
    found = reasons(
        row(value=4.0e8), row(value=3.9e8, char_start=10, char_end=13), row(value=4.0e8, region_code="CN-SD")
    )
    assert sorted(v for v in found.values() if v) == ["conflicting_values", "conflicting_values"]


def test_a_national_minimum_applies_only_to_national_totals():
    small = dict(
        indicator_id="wind_solar_capacity",
        value=5.0e6,
        value_raw="5",
        quote="The country's wind capacity is 5 GW.",
    )
    assert reason(**small) == "implausible_value"
    assert reason(**(small | {"quote": "The offshore wind pilot reached 5 GW."})) is None
    # a part-of-whole word elsewhere in the sentence does not make this clause a part
    assert (
        reason(**(small | {"quote": "Wind capacity is 5 GW, with 30 projects per year."}))
        == "implausible_value"
    )
    assert reason(**(small | {"region_code": "CN-JS"})) is None

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


LOST = dict(value=None, value_raw="<>", flags="placeholder", indicator_id="hydropower_capacity")


def reasons(*rows, damaged=False):
    """Rule reasons by observation id; `damaged` adds lost numbers to the report, as machine translation
    leaves them."""
    rows = rows + tuple(row(**LOST, char_start=100 + i) for i in range(4)) if damaged else rows
    frame = pd.DataFrame([r | {"observation_id": f"{i:016x}"} for i, r in enumerate(rows)])
    observations, quarantine = split(frame, {"r": 2022}, UNIT_DIMENSION)
    return {
        **{oid: None for oid in observations.observation_id},
        **dict(zip(quarantine.observation_id, quarantine.reason, strict=True)),
    }


def reason(damaged=False, **overrides):
    return next(iter(reasons(row(**overrides), damaged=damaged).values()))


def test_a_plausible_row_passes():
    assert reason() is None


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (dict(value=None, value_raw="<>", flags="placeholder"), "placeholder"),
        (dict(value_raw="2783,223", flags="malformed_number"), "malformed_number"),
        (dict(value_raw="2021", value=2.021e9, damaged=True), "year_as_value"),
        (dict(value_raw="2076.2021", value=2.0762021e9, damaged=True), "year_as_value"),
        (dict(value_raw="2021", value=2.021e9), "implausible_value"),  # a clean report: judged as a number
        (
            dict(value_raw="9.1149", value=9.1149e6, unit="count", indicator_id="nev_ownership", damaged=True)
            | dict(quote="As of September this year, ownership reached 9.1149 million.", char_start=46),
            "month_as_digits",
        ),
        (dict(year=1850), "impossible_year"),
        (dict(value_raw="0.12", unit_raw="kWh", flags="unknown_denominator"), "unknown_denominator"),
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
        (
            dict(unit="percent", measure="change", value=2019.0, value_raw="2019", damaged=True),
            "year_as_value",
        ),
        (dict(unit="percentage_point", measure="change", value=120.0, value_raw="120"), "share_out_of_range"),
        (dict(value=9.5e9, value_raw="9500"), "implausible_value"),
        (dict(unit="t", value=5.0), "unit_mismatch"),
        (dict(value=0.0, value_raw="0"), "zero_with_scale"),  # "0 million kilowatts"
        (dict(unit="count", value=0.0, value_raw="0", unit_raw="万辆"), "zero_with_scale"),
    ],
)
def test_rules_quarantine_with_a_reason(overrides, expected):
    assert reason(**overrides) == expected


def test_a_zero_whose_scale_a_header_gives_is_no_lost_number():
    header_zero = dict(
        indicator_id="derived_wind_new", unit="kW", value=0.0, value_raw="0", unit_raw="10,000 kW"
    )
    assert reason(**header_zero) == "zero_with_scale"
    assert reason(**header_zero, flags="scale_said_elsewhere") is None


def test_a_month_glued_onto_a_number_is_suspect_only_where_the_month_was_named_in_a_damaged_report():
    glued = dict(
        value_raw="6.6615", value=6.6615e6, quote="As of the end of June, it reached 6.6615 million kW."
    )
    glued |= dict(char_start=34, region_code="CN-ZJ")
    assert reason(**glued, damaged=True) == "month_as_digits"
    assert reason(**glued) is None  # a clean report: a precise number
    assert (
        reason(**(glued | dict(quote="As of the end of July, it reached 6.6615 million kW.")), damaged=True)
        is None
    )
    named_after = dict(quote="It reached 6.6615 million kW by the end of June.", char_start=11)
    assert reason(**(glued | named_after), damaged=True) is None
    three_decimals = dict(
        value_raw="6.934", value=6.934e6, quote="As of the end of June, a total of 6.934 million kW."
    )
    assert reason(**(three_decimals | dict(char_start=34, region_code="CN-ZJ")), damaged=True) is None


def test_a_share_of_a_goal_met_may_pass_a_hundred_percent():
    met = dict(
        indicator_id="target_completion_share",
        unit="percent",
        measure="share",
        value=118.7,
        value_raw="118.7",
    )
    assert reason(**met) == "share_out_of_range"  # without the flag extraction sets
    assert reason(**(met | dict(flags="goal_completion"))) is None


def test_a_price_per_tonne_in_another_currency_fits_its_indicator():
    usd = dict(
        indicator_id="carbon_price", unit="USD/t", value=13.88, value_raw="13.88", unit_raw="$ per tonne"
    )
    assert reason(**usd) is None
    assert reason(**(usd | dict(unit="kW"))) == "unit_mismatch"


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
    assert reason(value_raw="1,200", value=1.2e6, region_code="CN-HB") is None  # thousands, not malformed
    assert reason(year=None, flags="impossible_year") is None  # no year is data, not an error
    assert reason(value=0.0, value_raw="0", unit="percent", unit_raw="percent", measure="change") is None


def statement(text, number, at, **overrides):
    """A row for `number` as it stands in the sentence `text`, which starts at char `at` of the report."""
    start = at + text.index(number)
    return row(
        quote=text, sentence_start=at, char_start=start, char_end=start + len(number), value_raw=number
    ) | (overrides)


def test_a_year_like_number_in_a_clean_report_is_a_number():
    assert reason(indicator_id="funds", unit="CNY", value=2.0e11, value_raw="2000") is None


def test_a_negative_change_is_a_decrease_and_a_negative_level_an_error():
    assert reason(measure="change", value=-3.82e6, value_raw="-3.82") is None
    assert reason(measure="level", value=-3.82e6, value_raw="-3.82") == "negative_value"


def test_a_negative_level_written_with_its_minus_is_kept():
    # a net removal in a table of emissions: "LULUCF  -560"
    assert reason(measure="level", value=-5.6e8, value_raw="560", flags="written_minus") is None


def test_conflicting_values_are_the_same_quantity_stated_twice_with_different_numbers():
    total = "Hydropower capacity reached 400 million kilowatts."
    again = "Hydropower capacity reached 390 million kilowatts."
    found = reasons(statement(total, "400", 0, value=4.0e8), statement(again, "390", 60, value=3.9e8))
    assert sorted(v for v in found.values() if v) == ["conflicting_values", "conflicting_values"]
    _, quarantine = split(
        pd.DataFrame(
            [
                statement(total, "400", 0, value=4.0e8, observation_id="a" * 16),
                statement(again, "390", 60, value=3.9e8, observation_id="b" * 16),
            ]
        ),
        {"r": 2022},
        UNIT_DIMENSION,
    )
    assert quarantine.reason_detail.tolist() == [
        "conflicts with 3.9e+08 kW at char 88",
        "conflicts with 4e+08 kW at char 28",
    ]


@pytest.mark.parametrize(
    ("second", "number", "value"),
    [
        ("Hydropower capacity reached 400 million kilowatts.", "400", 4.0e8),  # restated, same number
        ("Hydropower capacity reached 0.4 billion kilowatts.", "0.4", 4.0e8),  # rounded: agrees
        ("Hydropower capacity reached 402 million kilowatts.", "402", 4.02e8),  # within rounding of 400
        ("Newly added hydropower capacity reached 20 million kilowatts.", "20", 2.0e7),  # an addition
        (
            "Pumped-storage hydropower capacity reached 300 million kilowatts.",
            "300",
            3.0e8,
        ),  # another subject
    ],
)
def test_statements_that_are_not_the_same_quantity_do_not_conflict(second, number, value):
    first = statement("Hydropower capacity reached 400 million kilowatts.", "400", 0, value=4.0e8)
    other = statement(second, number, 60, value=value, region_code="CN")
    assert set(reasons(first, other).values()) == {None}


def test_other_regions_and_list_members_do_not_conflict():
    text = "Hydropower capacity in Hubei and Sichuan reached 40 and 90 million kilowatts, respectively."
    assert set(
        reasons(
            statement(text, "40", 0, value=4.0e7, region_code="CN-HB"),
            statement(text, "90", 0, value=9.0e7, region_code="CN-SC"),
        ).values()
    ) == {None}


def test_a_national_minimum_applies_only_to_national_totals():
    small = dict(
        indicator_id="wind_solar_capacity",
        value=5.0e6,
        value_raw="5",
        quote="The country's wind capacity is 5 GW.",
    )
    assert reason(**small) == "implausible_value"
    assert reason(**(small | {"quote": "The offshore wind pilot reached 5 GW."})) is None
    assert reason(**(small | {"quote": "The Fengning wind power station has 5 GW."})) is None  # one station
    assert reason(**(small | {"quote": "Each wind farm adds about 5 GW."})) is None  # a ratio, not a total
    # a part-of-whole word elsewhere in the sentence does not make this clause a part
    assert (
        reason(**(small | {"quote": "Wind capacity is 5 GW, with 30 projects per year."}))
        == "implausible_value"
    )
    # ... but one in the clause right before it names what the clause goes on to measure
    clauses = "Rural power stations number 41,000, with wind capacity of 5 GW."
    assert reason(**(small | {"quote": clauses, "char_start": clauses.index("5 GW")})) is None
    assert reason(**(small | {"region_code": "CN-JS"})) is None
    added = statement("Newly added wind capacity was 5 GW.", "5", 0, **small)
    added["quote"] = "Newly added wind capacity was 5 GW."
    assert set(reasons(added).values()) == {None}  # an addition, not the total
    # ... and so are the capacities whose construction started or that were retired in a period
    flows = (
        "Construction started on 5 GW of wind capacity.",
        "Wind capacity retired was 5 GW.",
        "Authorities permitted 5 GW of wind capacity.",  # permits, a pipeline, what was commissioned
        "快递行业新能源车保有量5万辆。",  # a sector's own figures are parts of the country's
    )
    for flow in flows:
        assert reason(**(small | {"quote": flow, "char_start": flow.index("5")})) is None


def test_a_year_before_the_minimums_were_drawn_is_not_held_against_them():
    small = dict(indicator_id="solar_capacity", value=3.4e6, value_raw="3.4", quote="up from 3.4 GW in 2012")
    assert reason(**small, year=2015) == "implausible_value"
    assert reason(**small, year=2012) is None


def test_a_company_report_is_never_held_against_national_minimums():
    from validation.rules import company_reports  # noqa: PLC0415

    small = row(indicator_id="energy_consumption_total", unit="tce", value=1.52e7, value_raw="1520")
    frame = pd.DataFrame([small])
    assert split(frame, {"r": 2023}, UNIT_DIMENSION)[1].reason.tolist() == ["implausible_value"]
    companies = company_reports({"r": "Example Power Group Co., Ltd. 2023 Sustainability Report"})
    assert companies == {"r"}
    assert split(frame, {"r": 2023}, UNIT_DIMENSION, companies)[1].empty
    assert company_reports(
        {"n": "国家能源局发布2023年全国电力工业统计数据", "c": "某某电力集团有限公司社会责任报告"}
    ) == {"c"}


def test_an_amount_in_dollars_measures_a_yuan_indicator():
    assert reason(indicator_id="investment", unit="USD", value=3.94e11, value_raw="394") is None


def test_a_stock_at_a_point_in_time_is_a_total_but_a_span_of_months_is_part_of_a_year():
    small = dict(indicator_id="gas_power_capacity", value=1.0e6, value_raw="1", quote="q")
    assert reason(**small, period="end of June") == "implausible_value"
    assert reason(**small, period="H1") is None


def test_a_national_share_below_the_smallest_national_figure_is_implausible():
    """A national share far below any year's national figure lost digits ("a clean heating rate of 1.5%"
    where the rate has never been below a third); a province's, or a share of something else, is not held
    against it."""
    share = dict(
        indicator_id="clean_heating_rate",
        unit="percent",
        measure="share",
        value=1.5,
        value_raw="1.5",
        quote="Clean heating covered 15 billion square meters, with a clean heating rate of 1.5%.",
    )
    assert reason(**share) == "implausible_value"
    assert reason(**(share | {"value": 73.6, "value_raw": "73.6"})) is None
    assert reason(**(share | {"region_code": "CN-SX"})) is None
    assert reason(**(share | {"measure": "change"})) is None


def test_a_national_count_below_the_national_minimum_is_implausible():
    count = dict(indicator_id="nev_ownership", unit="count", measure="count", value=500.0, value_raw="500")
    assert reason(**count, quote="New energy vehicles on the road numbered 500.") == "implausible_value"
    assert reason(**count, quote="The pilot city had 500 new energy vehicles.") is None  # a part

"""Reason codes of the row-level quality rules, with what each means (the release README lists them)."""

REASONS = {
    "placeholder": "the number was lost in the source text (written as <>)",
    "malformed_number": "digit groups that cannot be a number as written (2783,223 or 6,13)",
    "year_as_value": "the number is a calendar year standing where a quantity should be (2021 million kW)",
    "impossible_year": "the reference year is outside 1949 to the report's year + 40",
    "negative_value": "a magnitude below zero",
    "share_out_of_range": "a share outside 0-100 percent, or a decrease of more than 100 percent",
    "implausible_value": "outside the plausible range of its indicator (indicators.yaml)",
    "unit_mismatch": "the unit does not fit the indicator's dimension",
    "conflicting_values": "the report gives this indicator, region and period two different values",
}

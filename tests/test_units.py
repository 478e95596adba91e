import pytest

from pipelines import units


@pytest.mark.parametrize(
    ("value", "unit", "expected", "canonical"),
    [
        (123.6, "GW", 123.6e6, "kW"),
        (5, "MW", 5000, "kW"),
        (2.5e12, "kWh", 2.5e12, "kWh"),
        (1, "TWh", 1e9, "kWh"),
        (540e4, "mu", 3.6e9, "m2"),  # 15 mu = 1 hectare
        (107.86e9, "jin", 5.393e7, "t"),  # 1 jin = 0.5 kg
        (1, "ha", 1e4, "m2"),
        (1000, "kg", 1, "t"),
    ],
)
def test_conversion_to_the_canonical_unit(value, unit, expected, canonical):
    converted, unit_out = units.to_canonical(value, unit)
    assert unit_out == canonical
    assert converted == pytest.approx(expected)


def test_a_ton_is_a_metric_tonne_not_pints_short_ton():
    assert units.unit_table()["t"].si_factor == pytest.approx(1000.0)


def test_si_factors_of_field_units():
    table = units.unit_table()
    assert table["tce"].si_factor == pytest.approx(29.3076e9)  # joules per tonne of coal equivalent
    assert table["gce/kWh"].si_factor == pytest.approx(29307.6 / 3.6e6)
    assert table["percent"].si_factor == pytest.approx(0.01)
    assert table["percentage_point"].si_factor == pytest.approx(0.01)
    assert table["mu"].si_factor == pytest.approx(10000 / 15)


def test_one_canonical_unit_per_dimension():
    rows = units.units_rows()
    dims = {r["dimension"] for r in rows}
    for dim in dims:
        assert sum(r["canonical"] for r in rows if r["dimension"] == dim) == 1, dim

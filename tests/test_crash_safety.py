"""A reduced crash-safety run for CI (the full one is `make crash-trials`): random kills of real
processes during per-report processing and publishing, then recovery."""

from pipelines import warehouse

from .crash_trials import run_trials


def test_random_kills_lose_nothing_and_damage_no_release():
    tally = run_trials(10, via="core", seed=7)
    assert tally.trials == 10 and tally.killed_mid_run >= 3  # the kills landed inside runs
    assert tally.ok(), tally.problems


def test_a_warehouse_whose_creation_was_killed_is_set_aside_and_made_anew(tmp_path):
    db = tmp_path / "w.duckdb"
    db.write_bytes(b"\0" * 1000)  # what a kill leaves while DuckDB writes the first header of a new file
    with warehouse.connect(db) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (0,)
    assert (tmp_path / "w.duckdb.unfinished").read_bytes() == b"\0" * 1000
    with warehouse.connect(db) as con:  # a complete warehouse is left as it is
        con.execute("INSERT INTO extraction_log (report_id) VALUES ('kept')")
    with warehouse.connect(db) as con:
        assert con.execute("SELECT report_id FROM extraction_log").fetchall() == [("kept",)]

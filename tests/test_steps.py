"""Per-report stages on a real DuckDB file: only new or changed reports are processed."""

from pipelines import steps, warehouse


def test_only_new_or_changed_reports_are_stale(tmp_path, seeds):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        assert steps.stale_reports(con, seeds) == ["en_report", "zh_report"]
        assert steps.load_all(con, seeds)["reports"] == ["en_report", "zh_report"]
        assert steps.stale_reports(con, seeds) == []
        # a sidecar changes the report's year and agency: the report is stale again
        (seeds / "zh_report.meta.yaml").write_text("published: 2021-06-30\n", encoding="utf-8")
        assert steps.stale_reports(con, seeds) == ["zh_report"]
        steps.load_all(con, seeds)
        assert con.execute("SELECT report_year FROM reports WHERE report_id = 'zh_report'").fetchone() == (
            2021,
        )


def test_a_new_extractor_version_makes_every_report_stale(tmp_path, seeds):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.load_all(con, seeds)
        con.execute("UPDATE extraction_log SET extractor_version = 'older'")
        assert steps.stale_reports(con, seeds) == ["en_report", "zh_report"]


def test_unchanged_report_is_not_extracted_again(tmp_path, seeds):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.load_all(con, seeds)
        steps.load_report(con, seeds, "en_report")
        assert steps.extract_report(con, "en_report")["extracted"] is False


def test_removed_reports_are_pruned(tmp_path, seeds):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.load_all(con, seeds)
        (seeds / "zh_report.txt").unlink()
        assert steps.prune_removed(con, seeds) == ["zh_report"]
        assert con.execute(
            "SELECT count(*) FROM extracted_facts WHERE report_id = 'zh_report'"
        ).fetchone() == (0,)
        assert con.execute("SELECT report_id FROM reports").fetchall() == [("en_report",)]

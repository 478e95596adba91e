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
        assert steps.extract_report(steps.held(con), "en_report")["extracted"] is False


def test_removed_reports_are_pruned(tmp_path, seeds):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.load_all(con, seeds)
        (seeds / "zh_report.txt").unlink()
        assert steps.prune_removed(con, seeds) == ["zh_report"]
        assert con.execute(
            "SELECT count(*) FROM extracted_facts WHERE report_id = 'zh_report'"
        ).fetchone() == (0,)
        assert con.execute("SELECT report_id FROM reports").fetchall() == [("en_report",)]


def test_a_log_entry_without_its_facts_makes_the_report_stale(tmp_path, seeds):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.load_all(con, seeds)
        con.execute("DELETE FROM extracted_facts WHERE report_id = 'en_report'")
        assert steps.stale_reports(con, seeds) == ["en_report"]
        steps.load_all(con, seeds)
        assert con.execute("SELECT count(*) FROM extracted_facts WHERE report_id = 'en_report'").fetchone()[0]


KILL_INSIDE_COMMIT = """
import os, sys
from pathlib import Path
from pipelines import steps, warehouse

def die(con):  # the process dies after the report and its log entry, before the facts are written
    os._exit(9)

warehouse._insert_facts = die
with warehouse.connect(Path(sys.argv[1])) as con:
    steps.load_report(con, Path(sys.argv[2]), "en_report")
    steps.extract_report(steps.held(con), "en_report")
"""


def test_a_kill_while_storing_facts_leaves_the_report_unstored(tmp_path, seeds):
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    db = tmp_path / "w.duckdb"
    done = subprocess.run([sys.executable, "-c", KILL_INSIDE_COMMIT, str(db), str(seeds)], check=False)
    assert done.returncode == 9
    with warehouse.connect(db) as con:
        assert con.execute("SELECT count(*) FROM extraction_log").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (0,)
        assert "en_report" in steps.stale_reports(con, seeds)
        steps.load_all(con, seeds)
        n_log = con.execute("SELECT n_facts FROM extraction_log WHERE report_id = 'en_report'").fetchone()[0]
        n = con.execute("SELECT count(*) FROM extracted_facts WHERE report_id = 'en_report'").fetchone()[0]
        assert n_log == n > 0


def test_a_failed_extraction_keeps_the_last_good_facts_and_names_the_file(tmp_path, seeds, monkeypatch):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.load_all(con, seeds)
        before = con.execute("SELECT count(*) FROM extracted_facts WHERE report_id = 'en_report'").fetchone()
        (seeds / "en_report.txt").write_text(
            "Wind capacity reached 441 million kilowatts.\n", encoding="utf-8"
        )
        (seeds / "new_report.txt").write_text(
            "Solar capacity reached 609 million kilowatts.\n", encoding="utf-8"
        )

        def broken(text, ctx):
            raise ValueError("grammar bug")

        monkeypatch.setattr(steps, "extract_facts", broken)
        result = steps.load_all(con, seeds)
        assert result["reports"] == [] and len(result["errors"]) == 2
        assert "en_report.txt: extraction failed (ValueError: grammar bug)" in result["errors"]
        # the changed report keeps its last good facts and text; the new one is not published at all
        after = con.execute("SELECT count(*) FROM extracted_facts WHERE report_id = 'en_report'").fetchone()
        assert after == before
        assert [r[0] for r in con.execute("SELECT report_id FROM reports ORDER BY 1").fetchall()] == [
            "en_report",
            "zh_report",
        ]
        assert steps.stale_reports(con, seeds) == ["en_report", "new_report"]
        monkeypatch.undo()
        assert steps.load_all(con, seeds)["reports"] == ["en_report", "new_report"]
        assert con.execute("SELECT count(*) FROM report_errors").fetchone() == (0,)


def test_seeds_are_hashed_again_exactly_when_a_file_or_its_sidecar_changes(tmp_path, seeds, monkeypatch):
    import os  # noqa: PLC0415

    from pipelines import warehouse  # noqa: PLC0415

    old = 1_600_000_000_000_000_000  # files settled long ago, as a corpus is between runs
    for p in seeds.iterdir():
        os.utime(p, ns=(old, old))
    monkeypatch.setattr(steps, "_SETTLED_NS", -(10**19))  # ctime cannot be set back: count it settled
    hashed = []
    real = steps.seed_state_of
    monkeypatch.setattr(steps, "seed_state_of", lambda p: hashed.append(p.name) or real(p))
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        first = steps.seed_state(seeds, con)
        assert sorted(hashed) == ["en_report.txt", "zh_report.txt"] and first == steps.seed_state(seeds)
        hashed.clear()
        assert steps.seed_state(seeds, con) == first and hashed == []  # nothing read again
        # same size, same modification time: the change time still tells
        text = (seeds / "zh_report.txt").read_bytes()
        (seeds / "zh_report.txt").write_bytes(text.replace(b"2", b"3", 1))
        os.utime(seeds / "zh_report.txt", ns=(old, old))
        (seeds / "en_report.meta.yaml").write_text("title: Another title\n", encoding="utf-8")
        again = steps.seed_state(seeds, con)
        assert sorted(hashed) == ["en_report.txt", "zh_report.txt"]
        assert again == steps.seed_state(seeds) and again["zh_report"] != first["zh_report"]
        assert again["en_report"] != first["en_report"]


def test_a_file_changed_just_now_is_never_taken_from_the_cache(tmp_path, seeds, monkeypatch):
    from pipelines import warehouse  # noqa: PLC0415

    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.seed_state(seeds, con)  # the files were written a moment ago: not settled, not kept
        assert con.execute("SELECT count(*) FROM seed_hashes").fetchone()[0] == 0

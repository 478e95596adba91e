"""Release publishing: versions, self-description, immutability, atomicity and reproducibility."""

import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines import steps, warehouse
from pipelines.publishing import release
from pipelines.publishing.verify import verify_release
from validation import rules

from .conftest import ROOT

BIN = Path(sys.executable).parent


def build_warehouse(path: Path, seeds: Path) -> None:
    with warehouse.connect(path) as con:
        steps.load_all(con, seeds)
        rules.apply_rules(con)
        steps.build_dimensions(con)


def publish(db: Path, releases: Path) -> release.PublishResult:
    with warehouse.connect(db) as con:
        return release.publish(con, releases, {"git_commit": "test"})


@pytest.fixture
def built(tmp_path, seeds):
    db = tmp_path / "w.duckdb"
    build_warehouse(db, seeds)
    return db


def test_first_release_is_complete_and_self_describing(tmp_path, built):
    result = publish(built, tmp_path / "rel")
    assert result.version == "1.0.0"
    folder = tmp_path / "rel" / "1.0.0"
    names = {p.name for p in folder.iterdir()}
    assert {
        "datapackage.json",
        "SHA256SUMS",
        "CHANGELOG.md",
        "changes.json",
        "README.md",
        "release.json",
    } <= names
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["version"] == "1.0.0" and package["licenses"]
    assert {s["title"] for s in package["sources"]} == {"en_report.txt", "zh_report.txt"}
    obs = next(r for r in package["resources"] if r["path"] == "observations.csv")
    assert obs["hash"].startswith("sha256:") and obs["bytes"] > 0
    assert all(f["description"] for f in obs["schema"]["fields"])
    readme = (folder / "README.md").read_text()
    assert "## observations" in readme and "placeholder" in readme and "Cite as" in readme
    meta = json.loads((folder / "release.json").read_text())
    assert meta["provenance"]["git_commit"] == "test"
    assert set(meta["provenance"]["input_reports_sha256"]) == {"en_report.txt", "zh_report.txt"}
    assert (
        package["peakwatch_provenance"]["input_reports_sha256"] == meta["provenance"]["input_reports_sha256"]
    )
    index = json.loads((tmp_path / "rel" / "index.json").read_text())
    assert [r["version"] for r in index["releases"]] == ["1.0.0"]
    assert "1.0.0/observations.parquet" in (tmp_path / "rel" / "index.html").read_text()
    assert verify_release(tmp_path / "rel") == []


def test_frictionless_validates_the_data_package(tmp_path, built):
    publish(built, tmp_path / "rel")
    out = subprocess.run(
        [str(BIN / "frictionless"), "validate", "datapackage.json"],
        cwd=tmp_path / "rel" / "1.0.0",
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stdout[-3000:]
    package = json.loads((tmp_path / "rel" / "1.0.0" / "datapackage.json").read_text(encoding="utf-8"))
    facts = next(r for r in package["resources"] if r["name"] == "facts")
    assert {"fields": ["report_id"], "reference": {"resource": "reports", "fields": ["report_id"]}} in facts[
        "schema"
    ]["foreignKeys"]
    measure = next(f for f in facts["schema"]["fields"] if f["name"] == "measure")
    assert measure["constraints"] == {"enum": ["level", "change", "share", "count", "target"]}


def test_a_broken_foreign_key_fails_frictionless(tmp_path, built):
    folder = publish(built, tmp_path / "rel").path
    work = tmp_path / "copy"
    import shutil  # noqa: PLC0415

    shutil.copytree(folder, work)
    reports = (work / "reports.csv").read_text(encoding="utf-8").splitlines()
    (work / "reports.csv").write_text("\n".join(reports[:-1]) + "\n", encoding="utf-8")  # drop a report
    package = json.loads((work / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        resource.pop("hash", None), resource.pop("bytes", None)
    (work / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    out = subprocess.run(
        [str(BIN / "frictionless"), "validate", "datapackage.json"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode != 0 and "foreign-key" in out.stdout


def test_sha256sum_checks_every_file(tmp_path, built):
    publish(built, tmp_path / "rel")
    out = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path / "rel" / "1.0.0", capture_output=True, text=True
    )
    assert out.returncode == 0 and "FAILED" not in out.stdout


def test_unchanged_data_publishes_nothing_and_corrections_are_patches(tmp_path, built):
    assert publish(built, tmp_path / "rel").version == "1.0.0"
    again = publish(built, tmp_path / "rel")
    assert again.version is None and "unchanged" in again.message
    with warehouse.connect(built) as con:
        oid = con.execute("SELECT observation_id FROM observations ORDER BY 1 LIMIT 1").fetchone()[0]
        old_value = con.execute("SELECT value FROM observations WHERE observation_id = ?", [oid]).fetchone()[
            0
        ]
        con.execute("UPDATE observations SET value = value * 10 WHERE observation_id = ?", [oid])
    patch = publish(built, tmp_path / "rel")
    assert patch.version == "1.0.1"
    [change] = patch.changes["observations_changed"]
    assert change["observation_id"] == oid and change["fields"] == {"value": [old_value, old_value * 10]}
    assert (
        f"| {oid} | value {old_value} → {old_value * 10} |"
        in (tmp_path / "rel" / "1.0.1" / "CHANGELOG.md").read_text()
    )


def test_the_changelog_names_what_changed_when_the_value_did_not(tmp_path, built):
    publish(built, tmp_path / "rel")
    with warehouse.connect(built) as con:
        oid = con.execute(
            "SELECT observation_id FROM observations WHERE year IS NOT NULL LIMIT 1"
        ).fetchone()[0]
        year = con.execute("SELECT year FROM observations WHERE observation_id = ?", [oid]).fetchone()[0]
        con.execute("UPDATE observations SET year = NULL WHERE observation_id = ?", [oid])
    patch = publish(built, tmp_path / "rel")
    [change] = patch.changes["observations_changed"]
    assert change["fields"] == {"year": [year, None]}
    assert (
        f"| {oid} | year {year} → none |" in (tmp_path / "rel" / patch.version / "CHANGELOG.md").read_text()
    )


def test_the_changelog_counts_quarantined_rows_held_back_and_let_go_by_reason(tmp_path, built):
    first = publish(built, tmp_path / "rel")
    assert first.changes["quarantine_by_reason"] == {"placeholder": {"added": 1, "removed": 0}}
    with warehouse.connect(built) as con:
        con.execute(
            "INSERT INTO quarantine SELECT *, 'conflicting_values', 'conflicts'"
            " FROM observations ORDER BY observation_id LIMIT 2"
        )
        con.execute(
            "DELETE FROM observations WHERE observation_id IN (SELECT observation_id FROM quarantine)"
        )
        con.execute("DELETE FROM quarantine WHERE reason = 'placeholder'")
    second = publish(built, tmp_path / "rel")
    assert second.changes["quarantine_by_reason"] == {
        "conflicting_values": {"added": 2, "removed": 0},
        "placeholder": {"added": 0, "removed": 1},
    }
    changelog = (second.path / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "| conflicting_values | 2 | 0 |" in changelog and "| placeholder | 0 | 1 |" in changelog


@pytest.mark.parametrize(
    ("schema_change", "expected"),
    [(None, "1.3.0"), ("drop", "2.0.0"), ("retype", "2.0.0")],
)
def test_version_rules(schema_change, expected):
    schema = {"observations": [["observation_id", "VARCHAR"], ["value", "DOUBLE"]]}
    now = {"observations": [["observation_id", "VARCHAR"], ["value", "DOUBLE"], ["extra", "VARCHAR"]]}
    if schema_change == "drop":
        now = {"observations": [["observation_id", "VARCHAR"]]}
    if schema_change == "retype":
        now = {"observations": [["observation_id", "VARCHAR"], ["value", "VARCHAR"]]}
    changes = {
        "reports_added": [],
        "reports_removed": [],
        "observations_added": ["x"],
        "observations_changed": [],
    }
    assert release.next_version("1.2.4", schema, now, changes) == expected
    assert release.next_version(None, None, now, changes) == "1.0.0"
    assert release.next_version("1.2.4", schema, schema, {**changes, "observations_added": []}) == "1.2.5"
    # a column added, no data added: still a minor release (users find a new column)
    assert (
        release.next_version(
            "1.2.4",
            schema,
            {"observations": schema["observations"] + [["extra", "VARCHAR"]]},
            {**changes, "observations_added": []},
        )
        == "1.3.0"
    )


def _publish_forever(db: str, releases: str) -> None:
    # a child process that keeps publishing new patch releases until it is killed
    while True:
        with warehouse.connect(Path(db)) as con:
            con.execute(
                "UPDATE observations SET value = value + 1 WHERE observation_id = "
                "(SELECT min(observation_id) FROM observations)"
            )
            release.publish(con, Path(releases), {"git_commit": "kill-test"})


def test_killing_a_publisher_never_leaves_a_half_release(tmp_path, built):
    releases = tmp_path / "rel"
    started = time.monotonic()
    publish(built, releases)
    cycle = time.monotonic() - started  # kills land anywhere in a publish, however fast this machine is
    rng = random.Random(20221)
    ctx = multiprocessing.get_context("fork")
    verified: set[str] = set()  # published folders never change, so each is checked once
    for kills in range(1, 61):
        child = ctx.Process(target=_publish_forever, args=(str(built), str(releases)))
        child.start()
        time.sleep(rng.uniform(0.1, 3.0) * cycle)
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        for name in release.published_versions(releases):
            if name not in verified:
                assert verify_release(releases, name) == [], name
                verified.add(name)
        latest = releases / "latest"
        assert latest.is_symlink() and verify_release(releases, "latest") == []
        if kills >= 20 and len(verified) > 3:
            break
    assert len(verified) > 3  # the children did publish between kills
    # the next normal run cleans the staging folders a killed run left
    publish(built, releases)
    assert not list(releases.glob(".staging-*"))


def test_committed_release_is_rebuilt_byte_for_byte_from_seeds(tmp_path):
    latest = ROOT / "releases" / "latest"
    if not latest.exists():
        pytest.skip("no committed release yet")
    db = tmp_path / "w.duckdb"
    build_warehouse(db, ROOT / "seeds")
    rebuilt = tmp_path / "rel"
    publish(db, rebuilt)
    for name in sorted(p.name for p in latest.iterdir() if p.suffix in (".parquet", ".csv")):
        assert (rebuilt / "1.0.0" / name).read_bytes() == (latest / name).read_bytes(), name


def test_provenance_names_the_code():
    from pipelines import provenance

    found = provenance.collect()
    assert set(found) == {"git_commit", "git_dirty", "lock_sha256", "package_version", "extractor_version"}
    assert len(found["lock_sha256"]) == 64 and len(found["extractor_version"]) == 16


def test_csv_cells_never_run_as_spreadsheet_formulas(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "r.txt").write_text("=1+2 Hunan built 30 charging stations in 2022.\n", encoding="utf-8")
    (seeds / "r.meta.yaml").write_text(
        "title: '=HYPERLINK(\"http://x\")'\npublisher: '@SUM(A1)'\nurl: https://example.org/r\n",
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    build_warehouse(db, seeds)
    with warehouse.connect(db) as con:
        con.execute("UPDATE extracted_facts SET value_raw = '-3.82'")  # a signed number stays a number
    build_warehouse(db, seeds)
    with warehouse.connect(db) as con:
        con.execute("UPDATE observations SET value_raw = '-3.82', unit_raw = '+x'")
    folder = publish(db, tmp_path / "rel").path
    import csv  # noqa: PLC0415

    import duckdb  # noqa: PLC0415

    report = next(csv.DictReader((folder / "reports.csv").open(encoding="utf-8")))
    assert report["title"] == '\'=HYPERLINK("http://x")' and report["publisher"] == "'@SUM(A1)"
    fact = next(csv.DictReader((folder / "observations.csv").open(encoding="utf-8")))
    assert fact["quote"].startswith("'=1+2") and fact["value_raw"] == "-3.82" and fact["unit_raw"] == "'+x"
    parquet = duckdb.connect().execute(f"SELECT title FROM '{folder / 'reports.parquet'}'").fetchone()
    assert parquet == ('=HYPERLINK("http://x")',)


def test_every_span_points_into_the_report_text_shipped_with_the_release(tmp_path, built):
    folder = publish(built, tmp_path / "rel").path
    import duckdb  # noqa: PLC0415

    rows = (
        duckdb.connect()
        .execute(
            f"SELECT report_id, char_start, char_end, value_raw FROM '{folder / 'observations.parquet'}' "
            f"UNION ALL SELECT report_id, char_start, char_end, value_raw FROM '{folder / 'quarantine.parquet'}'"
            f"UNION ALL SELECT report_id, char_start, char_end, value_raw FROM '{folder / 'facts.parquet'}'"
        )
        .fetchall()
    )
    assert rows
    for report_id, start, end, value_raw in rows:
        text = (folder / "texts" / f"{report_id}.txt").read_bytes().decode("utf-8")
        assert text[start:end] == value_raw
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8")
    assert "  texts/en_report.txt\n" in sums and "  peakwatch.duckdb\n" in sums
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert {s["path"] for s in package["sources"]} == {"texts/en_report.txt", "texts/zh_report.txt"}


def test_the_release_duckdb_file_opens_in_the_installed_command_line_with_comments(tmp_path, built):
    folder = publish(built, tmp_path / "rel").path
    # the database is one self-contained file: no write-ahead log beside it for a download to miss
    assert not list(folder.glob("*.wal"))
    sql = (
        "SELECT count(*) FROM observations; "
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'observations' AND column_name = 'value';"
    )
    out = subprocess.run(
        [str(BIN / "duckdb"), "-readonly", "-csv", "-noheader", str(folder / "peakwatch.duckdb"), "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    count, comment = out.stdout.splitlines()
    assert int(count) > 0
    comment = comment.strip('"')  # CSV quotes a cell with a comma
    assert comment == warehouse.tables()["observations"]["columns"]["value"]["description"]


def test_the_facts_table_labels_every_observation(tmp_path, built):
    import duckdb  # noqa: PLC0415

    folder = publish(built, tmp_path / "rel").path
    con = duckdb.connect()
    n_obs = con.execute(f"SELECT count(*) FROM '{folder / 'observations.parquet'}'").fetchone()[0]
    rows = con.execute(
        f"SELECT indicator_name_en, region_name_en, display_value, display_unit, value, unit, report_title "
        f"FROM '{folder / 'facts.parquet'}' WHERE value_raw = '391'"
    ).fetchall()
    assert con.execute(f"SELECT count(*) FROM '{folder / 'facts.parquet'}'").fetchone()[0] == n_obs
    assert rows == [("Hydropower installed capacity", "China", 391.0, "GW", 3.91e8, "kW", "Energy progress")]


def test_a_new_release_shares_the_unchanged_texts_of_the_previous_one_and_checks_them(tmp_path, built, seeds):
    first = publish(built, tmp_path / "rel").path
    (seeds / "third.txt").write_text("Hunan built 30 charging stations in 2022.\n", encoding="utf-8")
    (seeds / "zh_report.txt").write_text(
        (seeds / "zh_report.txt").read_text(encoding="utf-8") + "\n新增一句。\n", encoding="utf-8"
    )
    build_warehouse(built, seeds)
    second = publish(built, tmp_path / "rel").path
    assert second.name == "1.1.0"
    same, changed, new = (second / "texts" / f"{r}.txt" for r in ("en_report", "zh_report", "third"))
    # the unchanged text is the previous release's very file; the changed and the new one are written
    assert same.samefile(first / "texts" / "en_report.txt")
    assert not changed.samefile(first / "texts" / "zh_report.txt") and changed.stat().st_nlink == 1
    assert changed.read_text(encoding="utf-8").endswith("新增一句。\n") and new.stat().st_nlink == 1
    for folder in (first, second):  # every file, shared or not, matches its release's checksums
        check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert verify_release(tmp_path / "rel", folder.name) == []
    with warehouse.connect(built, read_only=True) as con:
        texts = dict(con.execute("SELECT report_id, text FROM report_texts").fetchall())
    assert {p.stem: p.read_text(encoding="utf-8") for p in (second / "texts").iterdir()} == texts


def test_texts_are_copied_where_the_file_system_refuses_links(tmp_path, built, seeds, monkeypatch):
    first = publish(built, tmp_path / "rel").path
    (seeds / "third.txt").write_text("Hunan built 30 charging stations in 2022.\n", encoding="utf-8")
    build_warehouse(built, seeds)

    def refuse(src, dst):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    second = publish(built, tmp_path / "rel").path
    text = second / "texts" / "en_report.txt"
    assert text.stat().st_nlink == 1 and text.read_bytes() == (first / "texts" / "en_report.txt").read_bytes()
    assert verify_release(tmp_path / "rel", second.name) == []


def test_a_warehouse_from_before_text_checksums_gains_them(tmp_path, built):
    with warehouse.connect(built) as con:
        con.execute("ALTER TABLE report_texts DROP COLUMN text_sha256")
    with warehouse.connect(built) as con:
        rows = con.execute("SELECT text, text_sha256 FROM report_texts").fetchall()
    assert rows and all(digest == warehouse.text_digest(text) for text, digest in rows)

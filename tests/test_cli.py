"""The command line for a person and for scripts: help on every option, --version, --json, one line per
expected failure and exit codes that say what happened."""

from __future__ import annotations

import json

import pytest

from assets.cli import _parser, main

from .conftest import run_args


def test_every_option_has_help_text():
    parser = _parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in subparsers.items():
        for action in sub._actions:
            if action.dest != "help":
                assert action.help, f"peakwatch {name} {action.option_strings or action.dest} has no help"


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("peakwatch ")


def test_json_output_tells_a_script_what_happened(tmp_path, seeds, capsys):
    args = ["run", "--seeds", str(seeds), "--warehouse", str(tmp_path / "w.duckdb")]
    args += ["--releases", str(tmp_path / "rel"), "--json"]
    assert main(args) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["exit_code"] == 0 and summary["release"] == {
        "status": "published",
        "version": "1.0.0",
        "message": f"published release 1.0.0 at {tmp_path / 'rel' / '1.0.0'}",
    }
    en = summary["new_or_changed"]["en_report"]
    assert en["found"] == en["published"] + sum(en["quarantined"].values()) and en["quarantined"] == {
        "placeholder": 1
    }
    assert main(args) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["release"]["status"] == "unchanged" and again["new_or_changed"] == {}


def test_the_text_summary_counts_each_new_report(tmp_path, seeds, capsys):
    main(run_args(tmp_path, seeds, "r"))
    out = capsys.readouterr().out
    assert "report:       en_report: " in out and "quarantined (placeholder 1)" in out


def test_unknown_versions_are_one_line(tmp_path, capsys):
    (tmp_path / "rel").mkdir()
    assert main(["diff", "1.0.0", "9.9.9", "--releases", str(tmp_path / "rel")]) == 2
    assert main(["verify", "9.9.9", "--releases", str(tmp_path / "rel")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"peakwatch: no release 1.0.0 in {tmp_path / 'rel'} (published: none)",
        f"peakwatch: no release 9.9.9 in {tmp_path / 'rel'}",
    ]


def test_show_prints_a_fact_with_its_number_marked_in_the_text(tmp_path, seeds, capsys):
    releases = str(tmp_path / "rel")
    main(["run", "--seeds", str(seeds), "--warehouse", str(tmp_path / "w.duckdb"), "--releases", releases])
    import duckdb  # noqa: PLC0415

    oid = (
        duckdb.connect()
        .execute(
            f"SELECT observation_id FROM '{tmp_path / 'rel' / 'latest' / 'facts.parquet'}' WHERE value_raw = '391'"
        )
        .fetchone()[0]
    )
    capsys.readouterr()
    assert main(["show", oid, "--releases", releases]) == 0
    out = capsys.readouterr().out
    assert "hydropower_capacity" in out and "391 GW (3.91e+08 kW)" in out
    assert "reached about [[391]] million kilowatts" in out
    assert main(["show", "0" * 16, "--releases", releases]) == 2

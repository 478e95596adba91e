"""Every class of bad input, dropped together into a seeds folder beside one good report: the run names
each file and the reason in one line, prints no traceback, publishes the good report and every report whose
only fault is its sidecar, and the release verifies. One run holds all classes, so the test stays fast."""

from __future__ import annotations

import codecs
import os
import random
from pathlib import Path

import duckdb
import pytest

from assets.cli import main

from .conftest import ENGLISH_REPORT, run_args

GOOD = "good_report"


def _sidecar(seeds: Path, name: str, content: str) -> None:
    """A report of its own (distinct text, so it is no duplicate) whose sidecar holds `content`."""
    _write(seeds, f"{name}.txt", f"Report {name}: Hunan built {len(name)} charging stations in 2022.\n")
    _write(seeds, f"{name}.meta.yaml", content)


def _write(seeds: Path, name: str, data: bytes | str) -> None:
    path = seeds / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def _oversized(seeds: Path) -> None:
    """A 200 MB report, sparse (no disk blocks, written in no time): refused before it is read."""
    with open(seeds / "huge.txt", "wb") as f:
        f.write(b"Wind power capacity reached 5 GW.\n")
    os.truncate(seeds / "huge.txt", 200_000_000)


LONG_LINE_CHARS = 400_000  # per script; benchmarks/extraction_throughput.py measures 5 MB lines


def _long_line(seeds: Path) -> None:
    """One line without sentence punctuation: Chinese characters, then Latin letters, then digits mixed with
    commas, colons and brackets (the shape of a PDF dumped without its full stops)."""
    rng = random.Random(7)
    parts = [
        "风电光伏装机容量万千瓦亿同比增长比重全省能源消费碳排放",
        "abcdefghij klmnopqrs tuvwxyz ",
        "0123456789,-/:()，、：（）",
    ]
    line = "".join("".join(rng.choices(alphabet, k=LONG_LINE_CHARS)) for alphabet in parts)
    _write(seeds, "long_line.txt", f"Dump of a table without punctuation\n{line}\n")


# name -> (how to plant it in the seeds folder, the line the run must print, exit code)
BAD_INPUTS = {
    "binary": (
        lambda s: _write(s, "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
        "failed:       bin.txt: binary",
        3,
    ),
    "empty": (lambda s: _write(s, "empty.txt", b""), "failed:       empty.txt: empty report", 3),
    "whitespace": (lambda s: _write(s, "blank.txt", " \n\t\n"), "failed:       blank.txt: empty report", 3),
    "latin1": (
        lambda s: _write(s, "latin.txt", "café 50%".encode("latin-1")),
        "latin.txt: not valid UTF-8",
        3,
    ),
    "utf16": (
        lambda s: _write(s, "wide.txt", "风电 50%".encode("utf-16")),
        "failed:       wide.txt: UTF-16 text, not UTF-8",
        3,
    ),
    "gb18030": (
        lambda s: _write(s, "gb.txt", "风电装机4亿千瓦".encode("gb18030")),
        "gb.txt: not valid UTF-8",
        3,
    ),
    "bad_date": (
        lambda s: _sidecar(s, "bad_date", "published: 20-07-2023\n"),
        "warning:      bad_date.meta.yaml: published '20-07-2023' is not an ISO date",
        0,
    ),
    "datetime": (
        lambda s: _sidecar(s, "datetime", "published: 2024-01-05T10:00:00\n"),
        "warning:      datetime.meta.yaml: published '2024-01-05T10:00:00' is a date-time",
        0,
    ),
    "bad_language": (
        lambda s: _sidecar(s, "bad_language", "language: xx\n"),
        "warning:      bad_language.meta.yaml: language 'xx' is not one of en, zh",
        0,
    ),
    "year_1900": (
        lambda s: _sidecar(s, "year_1900", "published: 1900-01-01\n"),
        "warning:      year_1900.meta.yaml: published 1900-01-01 is outside",
        0,
    ),
    "numeric_title": (
        lambda s: _sidecar(s, "numeric_title", "title: 2023\n"),
        "warning:      numeric_title.meta.yaml: title must be text",
        0,
    ),
    "javascript_url": (
        lambda s: _sidecar(s, "javascript_url", "url: javascript:alert(1)\n"),
        "warning:      javascript_url.meta.yaml: url 'javascript:alert(1)' is not an http or https address",
        0,
    ),
    "sidecar_folder": (
        lambda s: (s / f"{GOOD}.meta.yaml").mkdir(),
        "warning:      good_report.meta.yaml: not a regular file",
        0,
    ),
    "report_folder": (
        lambda s: (s / "folder.txt").mkdir(),
        "skipped:      folder.txt: not a regular file",
        0,
    ),
    "symlink_out": (
        lambda s: (s / "passwd.txt").symlink_to("/etc/hostname"),
        "skipped:      passwd.txt: a symlink that leads out of the seeds folder",
        0,
    ),
    "duplicate": (
        lambda s: _write(s, "z_copy.txt", ENGLISH_REPORT),
        "failed:       z_copy.txt: the same text as good_report.txt, which is kept",
        3,
    ),
    "bom": (lambda s: _write(s, "bom.txt", codecs.BOM_UTF8 + b"Wind power: 5 GW.\n"), "", 0),
    "name_with_spaces": (lambda s: _write(s, "a report (copy) 2.txt", "Hunan built 31 stations.\n"), "", 0),
    "unicode_name": (lambda s: _write(s, "报告-été.txt", "湖南建成充电站30座。\n"), "", 0),
    "leading_dash_name": (lambda s: _write(s, "-rf.txt", "Hunan built 32 stations.\n"), "", 0),
    "html_with_script": (
        lambda s: _write(s, "page.txt", "<script>alert(1)</script><p>Hunan built 30 stations.</p>\n"),
        "",
        0,
    ),
    "orphan_sidecar": (lambda s: _write(s, "orphan.meta.yaml", "title: nobody\n"), "", 0),
    "long_number": (lambda s: _write(s, "digits.txt", "Capacity was " + "9" * 100_000 + " kW.\n"), "", 0),
    "oversized": (
        _oversized,
        "failed:       huge.txt: 200.0 MB, larger than the limit of 50 MB for one report; not read",
        3,
    ),
    "long_line": (_long_line, "", 0),
}


@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    _write(folder, f"{GOOD}.txt", ENGLISH_REPORT)
    return folder


def run(tmp_path: Path, seeds: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(run_args(tmp_path, seeds, "rel"))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_every_bad_input_fails_alone_with_one_line(tmp_path, seeds, capsys):
    for plant, _, _ in BAD_INPUTS.values():
        plant(seeds)
    code, out = run(tmp_path, seeds, capsys)
    assert code == 3, out  # published, with some reports left out
    for name, (_, line, _) in BAD_INPUTS.items():
        assert line in out, f"{name}: {line!r} not in\n{out}"
    failed = [line for line in out.splitlines() if line.startswith("failed:")]
    assert len(failed) == sum(1 for _, _, code in BAD_INPUTS.values() if code == 3), out
    assert "Traceback" not in out and "dagster._core" not in out
    latest = tmp_path / "rel" / "latest"
    reports = {
        r
        for (r,) in duckdb.connect()
        .execute(f"SELECT report_id FROM '{latest / 'reports.parquet'}'")
        .fetchall()
    }
    sidecar_only = {"bad_date", "datetime", "bad_language", "year_1900", "numeric_title", "javascript_url"}
    read = {GOOD, "bom", "a report (copy) 2", "报告-été", "-rf", "page", "digits", "long_line"}
    assert read | sidecar_only <= reports
    assert not reports & {
        "bin",
        "empty",
        "blank",
        "latin",
        "wide",
        "gb",
        "z_copy",
        "passwd",
        "folder",
        "huge",
    }
    assert main(["verify", "--releases", str(tmp_path / "rel")]) == 0


def test_an_orphan_sidecar_and_a_good_report_exit_zero(tmp_path, seeds, capsys):
    BAD_INPUTS["orphan_sidecar"][0](seeds)
    BAD_INPUTS["sidecar_folder"][0](seeds)
    code, out = run(tmp_path, seeds, capsys)
    assert code == 0 and "published release 1.0.0" in out, out


def test_a_report_removed_between_runs_leaves_the_next_release(tmp_path, seeds, capsys):
    _write(seeds, "second.txt", "Hunan built 30 charging stations in 2022.\n")
    assert run(tmp_path, seeds, capsys)[0] == 0
    os.remove(seeds / "second.txt")
    code, out = run(tmp_path, seeds, capsys)
    assert code == 0 and "published release 1.1.0" in out
    changelog = (tmp_path / "rel" / "latest" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Reports removed: 1\n  - second" in changelog

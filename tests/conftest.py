"""Shared fixtures: small reports written for the tests, real folders and real DuckDB files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ENGLISH_REPORT = """Progress of green and low-carbon energy transition
The National Energy Administration summarized the progress as follows.
1. Renewable energy grows
In 2021, the installed capacity of hydropower reached about 391 million kilowatts, an increase of 5.6% year-on-year. As of the end of June this year, 43 energy efficiency "leader" enterprises were selected. Last year, Shandong built more than 1,200 charging stations.
The average coal consumption of thermal power units dropped to 302.5 grams of standard coal/kWh. In <>, about <> million units were recycled.
"""

CHINESE_REPORT = """重庆积极推动林业生态产品价值实现
山西2022年度安排营造林任务540万亩。重庆共有8对区县成交森林36.23万亩、转移支付金额超9亿元。覆盖青海省国土面积68%以上。
"""


def run_args(tmp_path: Path, seeds: Path, releases: str = "releases", *extra: str) -> list[str]:
    """`peakwatch run` on a seeds folder, with its warehouse and releases in tmp_path."""
    return [
        "run",
        "--seeds",
        str(seeds),
        "--warehouse",
        str(tmp_path / "w.duckdb"),
        "--releases",
        str(tmp_path / releases),
        *extra,
    ]


@pytest.fixture(autouse=True, scope="session")
def dagster_home(tmp_path_factory) -> Path:
    """Runs of the tests go to an instance of their own, never to the project's .dagster_home/."""
    home = tmp_path_factory.mktemp("dagster_home")
    previous = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    yield home
    if previous is None:
        os.environ.pop("DAGSTER_HOME", None)
    else:
        os.environ["DAGSTER_HOME"] = previous


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "en_report.txt").write_text(ENGLISH_REPORT, encoding="utf-8")
    (folder / "en_report.meta.yaml").write_text(
        "title: Energy progress\npublisher: National Energy Administration\npublished: 2022-09-30\nlanguage: en\n",
        encoding="utf-8",
    )
    (folder / "zh_report.txt").write_text(CHINESE_REPORT, encoding="utf-8")
    return folder


SEED = ROOT / "seeds" / "000_d5311f605202a331.txt"  # the seed report


@pytest.fixture
def corpus(seeds: Path) -> Path:
    """The test reports, the seed report, a few reports made of the seed's paragraphs, a twin of one of
    them (same text, another name) and an unreadable file."""
    (seeds / "seed.txt").write_bytes(SEED.read_bytes())
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").splitlines() if len(p) > 200]
    for i in range(4):
        chosen = paragraphs[i::7][:8]
        (seeds / f"gen_{i}.txt").write_text("Progress report\n" + "\n".join(chosen) + "\n", encoding="utf-8")
    (seeds / "gen_twin.txt").write_bytes((seeds / "gen_2.txt").read_bytes())
    (seeds / "broken.txt").write_bytes(b"\xff\xfe broken")
    return seeds


def data_files(folder: Path) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix in (".parquet", ".csv")}
    files |= {f"texts/{p.name}": p.read_bytes() for p in (folder / "texts").iterdir()}
    return files

"""The landing page (releases/index.html): every link resolves, every chart's numbers are the release's
own, and nothing is loaded from elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from assets.cli import main

REPORTS = {
    "a.txt": "In 2022, China's wind power capacity reached 365 million kilowatts. "
    "In 2022, Shandong's wind power capacity reached 23 million kilowatts.\n",
    "b.txt": "In 2023, China's wind power capacity reached 441 million kilowatts. "
    "In 2023, Hebei's wind power capacity reached 33 million kilowatts and Shandong's 26 million kilowatts.\n",
}


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.sources, self.bars = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "href" in a:
            self.links.append(a["href"])
        if "src" in a:
            self.sources.append(a["src"])
        if tag == "g" and "data-value" in a:
            self.bars.append((a["data-label"], float(a["data-value"])))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("landing")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, text in REPORTS.items():
        (seeds / name).write_text(text, encoding="utf-8")
    assert (
        main(
            [
                "run",
                "--seeds",
                str(seeds),
                "--warehouse",
                str(root / "w.duckdb"),
                "--releases",
                str(root / "rel"),
            ]
        )
        == 0
    )
    return root / "rel"


def test_every_link_resolves_and_nothing_comes_from_elsewhere(site):
    page = Page()
    text = (site / "index.html").read_text(encoding="utf-8")
    page.feed(text)
    assert page.links and not page.sources
    for link in page.links:
        assert not re.match(r"[a-z]+:", link), link  # no http:, https:, javascript: or data: link
        assert (site / link).exists(), link
    assert "<script" not in text and "@import" not in text


def test_the_charts_show_the_release_data(site):
    page = Page()
    page.feed((site / "index.html").read_text(encoding="utf-8"))
    facts = site / "latest" / "facts.parquet"
    national = (
        duckdb.connect()
        .execute(
            f"SELECT year::VARCHAR, display_value FROM '{facts}' WHERE region_code = 'CN' AND indicator_id = 'wind_capacity' "
            "ORDER BY year"
        )
        .fetchall()
    )
    provinces = (
        duckdb.connect()
        .execute(
            f"SELECT region_name_en, display_value FROM '{facts}' WHERE region_code <> 'CN' AND indicator_id = 'wind_capacity' "
            "AND year = 2023 ORDER BY display_value DESC"
        )
        .fetchall()
    )
    assert national == [("2022", 365.0), ("2023", 441.0)]
    assert provinces == [("Hebei", 33.0), ("Shandong", 26.0)]
    assert page.bars[: len(national) + len(provinces)] == national + provinces

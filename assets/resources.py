"""Where a run reads and writes: configured per deployment, read only when a run starts."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines import warehouse


class PeakwatchStore(dg.ConfigurableResource):
    """The seeds folder reports come from, the DuckDB warehouse file and the releases folder."""

    seeds_dir: str = "seeds"
    warehouse_path: str = "data/warehouse.duckdb"
    releases_dir: str = "releases"

    def connect(self):
        return warehouse.connect(Path(self.warehouse_path))

    @property
    def seeds(self) -> Path:
        return Path(self.seeds_dir)

    @property
    def releases(self) -> Path:
        return Path(self.releases_dir)

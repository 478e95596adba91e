"""Where a run reads and writes: configured per deployment, read only when a run starts."""

from pathlib import Path

import dagster as dg

from pipelines import warehouse
from pipelines.sources import fetch


class PeakwatchStore(dg.ConfigurableResource):
    """The seeds folder reports come from, the followed sources, the DuckDB warehouse file, the folder of
    per-report result files and the releases folder, with the limits of fetching."""

    seeds_dir: str = "seeds"
    sources_file: str = "seeds/sources.yaml"
    warehouse_path: str = "data/warehouse.duckdb"
    releases_dir: str = "releases"
    # one immutable file per report and extractor version (pipelines/results.py), which the warehouse is
    # built from; empty: the folder `results` beside the warehouse file
    results_dir: str = ""
    fetch_timeout_seconds: float = 30.0
    fetch_retries: int = 3
    fetch_backoff_seconds: float = 0.5
    fetch_max_bytes: int = 20 * 1024 * 1024
    # processes reading and extracting in a batch of reports (0: every core of the machine)
    extraction_workers: int = 0
    # a progress line on stderr during a batch (the command line sets it; it shows only on a terminal)
    show_progress: bool = False

    def connect(self):
        return warehouse.connect(Path(self.warehouse_path))

    @property
    def seeds(self) -> Path:
        return Path(self.seeds_dir)

    @property
    def sources(self) -> Path:
        return Path(self.sources_file)

    @property
    def results(self) -> Path:
        return Path(self.results_dir) if self.results_dir else Path(self.warehouse_path).parent / "results"

    @property
    def releases(self) -> Path:
        return Path(self.releases_dir)

    def fetch_policy(self) -> fetch.FetchPolicy:
        return fetch.FetchPolicy(
            connect_timeout=min(10.0, self.fetch_timeout_seconds),
            read_timeout=self.fetch_timeout_seconds,
            retries=self.fetch_retries,
            backoff=self.fetch_backoff_seconds,
            max_bytes=self.fetch_max_bytes,
        )

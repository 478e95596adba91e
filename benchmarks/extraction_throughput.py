"""Extraction throughput in MB of report text per second on one core.

Extracts the reports of seeds/ repeatedly (the extractor is single-threaded) and prints the figures.
Run with `make bench`; not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

from pipelines.extraction.extract import ReportContext, extract_facts
from pipelines.sources.reports import read_reports

ROOT = Path(__file__).resolve().parent.parent


def main(seconds: float = 5.0) -> None:
    reports, _ = read_reports(ROOT / "seeds")
    contexts = [(r.text, ReportContext(r.report_id, r.report_year, r.agency_id)) for r in reports]
    mb = sum(len(t.encode("utf-8")) for t, _ in contexts) / 1e6
    extract_facts(*contexts[0])  # warm the catalogs and compiled patterns
    rounds, facts, start = 0, 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text, ctx in contexts:
            facts += len(extract_facts(text, ctx))
        rounds += 1
    elapsed = time.perf_counter() - start
    print(f"corpus: {len(contexts)} reports, {mb:.3f} MB of UTF-8 text")
    print(f"rounds: {rounds} in {elapsed:.2f} s, {facts // rounds} facts per round")
    print(f"throughput: {mb * rounds / elapsed:.2f} MB/s on one core")


if __name__ == "__main__":
    main()

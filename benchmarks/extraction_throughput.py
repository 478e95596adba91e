"""Extraction throughput in MB of report text per second on one core, and the cost of one long line.

Extracts the reports of seeds/ (and of the development corpus, ../shared/eval/dev/docs, when it exists, or
of the folders given as arguments) repeatedly (the extractor is single-threaded) and prints MB per second
of wall time and per CPU-second of the process (other processes on the machine slow the first, not the
second). Then extracts one line of 5 MB without sentence punctuation in each script (Chinese characters,
Latin letters, digits and punctuation mixed), each in a fresh process, and prints its seconds and the
process's peak resident memory.

Run with `make bench`; not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from pipelines.extraction.extract import ReportContext, extract_facts
from pipelines.sources.reports import read_reports

ROOT = Path(__file__).resolve().parent.parent
DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"
LONG_LINE_MB = 5


def throughput(folder: Path, seconds: float) -> None:
    reports, _ = read_reports(folder)
    contexts = [(r.text, ReportContext.of(r.row())) for r in reports]
    mb = sum(len(t.encode("utf-8")) for t, _ in contexts) / 1e6
    extract_facts(*contexts[0])  # warm the catalogs and compiled patterns
    rounds, facts = 0, 0
    wall, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < seconds:
        # each round reads texts it has not seen (a trailing newline more): the extractor keeps what it
        # computes once per text (paragraphs, where words begin), which a real run never finds again
        for text, ctx in contexts:
            facts += len(extract_facts(text + "\n" * (rounds + 1), ctx))
        rounds += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{folder}: {len(contexts)} reports, {mb:.3f} MB of UTF-8 text, {facts // rounds} facts per round")
    print(f"  {rounds} rounds in {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"  throughput: {mb * rounds / wall:.2f} MB/s wall, {mb * rounds / cpu:.2f} MB per CPU-second")


def long_line(kind: str, mb: float) -> str:
    """A line of about `mb` MB of UTF-8 text without sentence punctuation: Chinese characters (three bytes
    each), Latin letters and spaces, or digits mixed with commas, colons, slashes and brackets."""
    alphabets = {
        "chinese": ("风电光伏装机容量万千瓦亿同比增长比重全省能源消费碳排放新增累计达到力争左右以上", 3),
        "latin": ("abcdefghijklmnopqrstuvwxyz    ", 1),
        "mixed": ("0123456789,-/:()，、：（）", 1.42),
    }
    alphabet, bytes_per_char = alphabets[kind]
    rng = random.Random(7)
    return "".join(rng.choices(alphabet, k=int(mb * 1e6 / bytes_per_char))) + "\n"


def one_long_line(kind: str, mb: float) -> None:
    """Extract one long line (in this process) and print seconds, facts and peak memory."""
    text = long_line(kind, mb)
    extract_facts("warm: 5 GW.", ReportContext("warm", 2023, "unknown"))
    wall, cpu = time.perf_counter(), time.process_time()
    facts = extract_facts(text, ReportContext("long", 2023, "unknown"))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = len(text.encode("utf-8")) / 1e6
    print(
        f"  {kind:8s} {size:.1f} MB line: {wall:6.2f} s wall, {cpu:6.2f} s CPU, "
        f"{len(facts)} facts, peak RSS {rss_mb:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="more folders of reports to measure")
    parser.add_argument("--seconds", type=float, default=5.0, help="per folder")
    parser.add_argument("--long-line-mb", type=float, default=LONG_LINE_MB)
    parser.add_argument("--only-long-line", help=argparse.SUPPRESS)  # the child process of one line
    args = parser.parse_args()
    if args.only_long_line:
        one_long_line(args.only_long_line, args.long_line_mb)
        return
    folders = [ROOT / "seeds", *args.folders] + ([DEV_DOCS] if DEV_DOCS.is_dir() and not args.folders else [])
    for folder in folders:
        throughput(folder, args.seconds)
    print(f"one line of {args.long_line_mb:g} MB without sentence punctuation (each in a fresh process):")
    for kind in ("chinese", "latin", "mixed"):
        cmd = [sys.executable, __file__, "--only-long-line", kind, "--long-line-mb", str(args.long_line_mb)]
        subprocess.run(cmd, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

"""Generated corpora of realistic reports for the benchmarks: each report is a different selection of the
seed report's paragraphs (about 40 KB by default, as progress reports are), so that every report has its own
text and facts. Deterministic for a given seed of the random generator."""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_REPORT = ROOT / "seeds" / "000_d5311f605202a331.txt"


def paragraphs() -> list[str]:
    return [p for p in SEED_REPORT.read_text(encoding="utf-8").splitlines() if len(p) > 200]


def report_text(rng: random.Random, pool: list[str], size: int) -> str:
    """Paragraphs drawn without repetition until the report holds about `size` bytes."""
    chosen, total = [], 0
    for p in rng.sample(pool, k=len(pool)):
        if total >= size:
            break
        chosen.append(p)
        total += len(p.encode("utf-8")) + 1
    return "Progress report\n" + "\n".join(chosen) + "\n"


def write_corpus(folder: Path, n: int, rng: random.Random, size: int = 40_000, prefix: str = "gen") -> None:
    pool = paragraphs()
    for i in range(n):
        (folder / f"{prefix}_{i:05d}.txt").write_text(report_text(rng, pool, size), encoding="utf-8")

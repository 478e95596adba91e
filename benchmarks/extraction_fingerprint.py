"""One sha256 over every fact the extractor reads from a folder of reports, and from the example corpus.

A speed-up must not change a single fact: run this before and after, and compare the fingerprints.

    python benchmarks/extraction_fingerprint.py                   # seeds/ and the corpus
    python benchmarks/extraction_fingerprint.py ../shared/eval/dev/docs

Reports are read as the pipeline reads them (sidecars, inferred year and agency); each corpus example is
read with the report year and region its file gives. Not a test: it prints and asserts nothing.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path

import yaml

from pipelines.extraction.extract import ReportContext, extract_facts
from pipelines.sources.reports import read_reports

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "pipelines" / "extraction" / "corpus"


def _digest(facts: list) -> str:
    h = hashlib.sha256()
    for fact in facts:
        h.update(json.dumps(asdict(fact), sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n")
    return h.hexdigest()


def folder_fingerprint(folder: Path) -> tuple[int, int, str]:
    """(reports, facts, sha256) of every report of a folder."""
    reports, _ = read_reports(folder)
    facts = []
    for r in reports:
        facts += extract_facts(r.text, ReportContext.of(r.row()))
    return len(reports), len(facts), _digest(facts)


def corpus_fingerprint() -> tuple[int, int, str]:
    """(examples, facts, sha256) of every example text of the corpus."""
    examples, facts = 0, []
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ctx = ReportContext(
            "corpus", data.get("report_year"), "unknown", data.get("region", "CN"), data.get("published_year")
        )
        for ex in data["examples"]:
            examples += 1
            facts += extract_facts(ex["text"], ctx)
    return examples, len(facts), _digest(facts)


def main(folders: list[str]) -> None:
    for folder in [ROOT / "seeds", *map(Path, folders)]:
        n, facts, digest = folder_fingerprint(folder)
        print(f"{folder}: {n} reports, {facts} facts, sha256 {digest}")
    n, facts, digest = corpus_fingerprint()
    print(f"corpus: {n} examples, {facts} facts, sha256 {digest}")


if __name__ == "__main__":
    main(sys.argv[1:])

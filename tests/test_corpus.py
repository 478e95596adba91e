"""The example corpus (pipelines/corpus/*.yaml): every example is read by the extractor and must give
exactly the facts it lists, with the fields it gives. Examples marked `known_gap` are expected to fail
(strictly: an example that starts to pass must lose its mark)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from pipelines.extraction.extract import ReportContext, extract_facts

CORPUS = Path(__file__).resolve().parent.parent / "pipelines" / "extraction" / "corpus"
FILE_KEYS = {"phenomenon", "language", "report_year", "published_year", "region", "straddles", "examples"}
EXAMPLE_KEYS = {"text", "facts", "known_gap", "note"}
FACT_KEYS = {"number", "value", "unit", "year", "measure", "qualifier", "region", "period", "indicator"}
LANGUAGES = {"en", "zh-Hans", "zh-Hant", "mixed"}
# expected field -> attribute of the extracted fact
ATTRIBUTE = {"region": "region_code", "indicator": "indicator_id"}


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml"))


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) <= FILE_KEYS and {"phenomenon", "language", "examples"} <= set(data), path.name
    assert data["language"] in LANGUAGES, path.name
    assert path.name.split(".")[-2] == data["language"], f"{path.name}: name must end in .<language>.yaml"
    for ex in data["examples"]:
        assert set(ex) <= EXAMPLE_KEYS and {"text", "facts"} <= set(ex), (path.name, ex)
        for fact in ex["facts"]:
            assert set(fact) <= FACT_KEYS and "number" in fact, (path.name, fact)
            if fact.get("value") is not None:
                float(fact["value"])  # YAML reads 4.41e8 as a string; it must still be a number
    return data


def cases():
    for path in corpus_files():
        data = load(path)
        for i, ex in enumerate(data["examples"]):
            marks = [pytest.mark.xfail(reason=ex["known_gap"], strict=True)] if "known_gap" in ex else []
            yield pytest.param(data, ex, id=f"{path.stem}:{i}", marks=marks)


def mismatches(data: dict, ex: dict) -> list[str]:
    ctx = ReportContext(
        "corpus",
        data.get("report_year"),
        "unknown",
        data.get("region", "CN"),
        data.get("published_year"),
        straddles=data.get("straddles", False),
    )
    text = ex["text"]
    found = extract_facts(text, ctx)
    numbers = [text[f.char_start : f.char_end] for f in found]
    expected = [f["number"] for f in ex["facts"]]
    if numbers != expected:
        return [f"numbers {numbers} != expected {expected}"]
    problems = []
    for fact, want in zip(found, ex["facts"], strict=True):
        for key, value in want.items():
            if key == "number":
                continue
            got = getattr(fact, ATTRIBUTE.get(key, key), None)
            same = (
                got is not None and value is not None and math.isclose(got, float(value), rel_tol=1e-9)
                if key == "value"
                else got == value
            )
            if not same:
                problems.append(f"{want['number']}: {key} {got!r} != expected {value!r}")
    return problems


def test_the_corpus_is_not_empty_and_every_file_follows_the_schema():
    files = corpus_files()
    assert len(files) >= 2
    for path in files:
        assert load(path)["examples"], path.name


@pytest.mark.parametrize(("data", "example"), list(cases()))
def test_example(data, example):
    problems = mismatches(data, example)
    assert not problems, f"{example['text']!r}: " + "; ".join(problems)

"""Reading reports from a seeds folder: text, sha256 and metadata (from a sidecar or inferred)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipelines import context, structure
from pipelines.extract import infer_agency, infer_report_year

SIDECAR_KEYS = ("title", "publisher", "published", "url", "language")


class ReportError(ValueError):
    """A report that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class Report:
    report_id: str
    file_name: str
    sha256: str
    text: str
    title: str | None
    publisher: str | None
    published: str | None  # ISO date
    url: str | None
    language: str
    report_year: int | None
    agency_id: str
    region_code: str = "CN"

    def row(self) -> dict:
        return {
            "report_id": self.report_id,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "url": self.url,
            "report_year": self.report_year,
            "language": self.language,
            "agency_id": self.agency_id,
            "region_code": self.region_code,
            "n_chars": len(self.text),
        }


def report_files(seeds_dir: Path) -> list[Path]:
    """Report files of a seeds folder, in name order."""
    return sorted(p for p in Path(seeds_dir).glob("*.txt") if p.is_file())


def decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ReportError(f"{path.name}: empty report")
    if b"\x00" in data[:8192]:
        raise ReportError(f"{path.name}: binary content (NUL bytes), not a text report")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ReportError(f"{path.name}: not valid UTF-8 (byte {e.start}: {e.reason})") from None
    return text  # offsets index this text exactly as decoded: no BOM stripping, no normalization


def read_sidecar(path: Path) -> dict:
    sidecar = path.with_suffix(".meta.yaml")
    if not sidecar.exists():
        return {}
    try:
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ReportError(f"{sidecar.name}: unreadable sidecar ({e.__class__.__name__})") from None
    if not isinstance(meta, dict):
        raise ReportError(f"{sidecar.name}: sidecar must be a mapping of {', '.join(SIDECAR_KEYS)}")
    meta = {k: meta.get(k) for k in SIDECAR_KEYS}
    published = meta.get("published")
    if isinstance(published, dt.date):
        meta["published"] = published.isoformat()
    elif published is not None:
        try:
            meta["published"] = dt.date.fromisoformat(str(published)).isoformat()
        except ValueError:
            raise ReportError(f"{sidecar.name}: 'published' is not an ISO date: {published!r}") from None
    return meta


def language_of(text: str) -> str:
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if cjk and latin:
        return "zh" if cjk > latin / 4 else "en"  # a Chinese character carries about four letters' worth
    return "zh" if cjk else "en"


def report_region(heading: str) -> str:
    """The province a report is about, when its title (or publisher) names exactly one; else CN."""
    codes = {
        code
        for _, _, code in context.region_gazetteer().mentions(heading, 0, len(heading))
        if code.startswith("CN-")
    }
    return codes.pop() if len(codes) == 1 else "CN"


def read_report(path: Path) -> Report:
    """Read one report; raise ReportError naming the file when it cannot be used."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReportError(f"{path.name}: cannot be read ({e.strerror})") from None
    text = decode(path, data)
    meta = read_sidecar(path)

    publisher = meta.get("publisher") or ""
    publisher_hits = context.agency_mentions(publisher, 0, len(publisher))
    published = meta.get("published")
    return Report(
        report_id=path.stem,
        file_name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        title=meta.get("title") or structure.title(text),
        publisher=meta.get("publisher"),
        published=published,
        url=meta.get("url"),
        language=meta.get("language") or language_of(text),
        report_year=int(published[:4]) if published else infer_report_year(text),
        agency_id=publisher_hits[0][2] if publisher_hits else infer_agency(text),
        region_code=report_region(
            " ".join(filter(None, [meta.get("title") or structure.title(text), publisher]))
        ),
    )


def read_reports(seeds_dir: Path) -> tuple[list[Report], list[str]]:
    """All readable reports of a folder, and one message per report that could not be read."""
    reports, errors = [], []
    for path in report_files(seeds_dir):
        try:
            reports.append(read_report(path))
        except ReportError as e:
            errors.append(str(e))
    return reports, errors

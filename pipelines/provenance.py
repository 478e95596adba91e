"""What a release was made from: code version, lock file hash and the hash of every input report."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from pipelines.extraction.extract import extractor_version

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def git_commit(root: Path = PROJECT_ROOT) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return (out.stdout.strip() or None) if out.returncode == 0 else None


def git_dirty(root: Path = PROJECT_ROOT) -> bool | None:
    """True when the code differs from the commit (the release was made from uncommitted code); the
    releases and the seeds, outputs and inputs with hashes of their own, do not count."""
    try:
        out = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                ".",
                ":!releases",
                ":!seeds",
            ],
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(out.stdout.strip()) if out.returncode == 0 else None


def lock_hash(root: Path = PROJECT_ROOT) -> str | None:
    lock = root / "uv.lock"
    return hashlib.sha256(lock.read_bytes()).hexdigest() if lock.exists() else None


def collect(root: Path = PROJECT_ROOT) -> dict:
    """Code provenance of this run: commit (and whether the tree had uncommitted changes), lock file and
    extractor fingerprint. The release adds the sha256 of every input report."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        package_version = version("peakwatch")
    except PackageNotFoundError:
        package_version = None
    return {
        "git_commit": git_commit(root),
        "git_dirty": git_dirty(root),
        "lock_sha256": lock_hash(root),
        "package_version": package_version,
        "extractor_version": extractor_version(),
    }


# the code and data a release is made from: the extractor's sources are in extractor_version
_RELEASE_SOURCES = ("pipelines", "validation")


def code_version(root: Path = PROJECT_ROOT) -> str:
    """A fingerprint of the code and catalogs that turn stored facts into a release (rules, contracts,
    tables, publishing): when it changes, a run re-applies the rules and publishes again."""
    h = hashlib.sha256()
    for name in _RELEASE_SOURCES:
        for path in sorted((root / name).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".tsv") and "corpus" not in path.parts:
                h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]

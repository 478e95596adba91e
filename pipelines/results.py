"""One report's extraction result as an immutable file, keyed by what it was made from.

A result is a function of the report's bytes and sidecar (their state sha256), its name (the report_id
is part of every fact) and the extractor version. It is written once, as one Parquet file of one row:

    <root>/<extractor_version>/<sha256[:2]>/<sha256>/<report_id>.parquet

holding the report's row (the `reports` columns), its text, the warnings its sidecar gave, and its facts
(the `extracted_facts` columns). The warehouse is built from these files: a second warehouse, one rebuilt
after a loss, or a run on another machine that sees the same folder reuses them instead of extracting
again. Because nothing but the file's name tells which result it is, a file is never overwritten: it
is written beside its final name, synced, then linked into place, so a reader sees a complete file or
none. A file that cannot be read is moved aside (`.unreadable`) and the report is extracted again.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines import warehouse

if TYPE_CHECKING:
    import pyarrow as pa

# pyarrow is imported by the functions that need it, not with the module: a run that finds nothing to do
# loads neither it nor the results (about 0.3 s of imports)

_ARROW_TYPES = {"VARCHAR": "string", "INTEGER": "int32", "DOUBLE": "float64", "BIGINT": "int64"}


@dataclass(frozen=True)
class Key:
    """What a result is made from: the report's name, its state sha256 (bytes and sidecar) and the
    extractor version."""

    report_id: str
    state_sha256: str
    extractor_version: str

    def path(self, root: Path) -> Path:
        sha = self.state_sha256
        return Path(root) / self.extractor_version / sha[:2] / sha / f"{self.report_id}.parquet"


def _struct_of(table: str, extra: tuple[str, ...] = ()) -> pa.StructType:
    import pyarrow as pa  # noqa: PLC0415

    spec = warehouse.tables()[table]["columns"]
    fields = [pa.field(c, getattr(pa, _ARROW_TYPES[s["type"]])()) for c, s in spec.items()]
    return pa.struct(fields + [pa.field(c, pa.string()) for c in extra])


@cache
def schema() -> pa.Schema:
    """The fixed schema of a result file (from the data dictionary: a change of it is a change of the
    catalogs, hence of the extractor version and of the folder results are kept in)."""
    import pyarrow as pa  # noqa: PLC0415

    return pa.schema(
        [
            ("report_id", pa.string()),
            ("report_sha256", pa.string()),
            ("extractor_version", pa.string()),
            ("report", _struct_of("reports")),
            ("text", pa.string()),
            ("warnings", pa.list_(pa.string())),
            ("facts", pa.list_(_struct_of("observations", ("indicator_name",)))),
        ]
    )


def build(key: Key, row: dict, text: str, warnings: list[str], facts: list[dict]) -> pa.Table:
    """The result of one report as an Arrow table of one row (facts in extraction order)."""
    import pyarrow as pa  # noqa: PLC0415

    fact_type = schema().field("facts").type.value_type
    names = [f.name for f in fact_type]
    report_names = [f.name for f in schema().field("report").type]
    return pa.Table.from_pydict(
        {
            "report_id": [key.report_id],
            "report_sha256": [key.state_sha256],
            "extractor_version": [key.extractor_version],
            "report": [{n: row.get(n) for n in report_names}],
            "text": [text],
            "warnings": [list(warnings)],
            "facts": [[{n: f.get(n) for n in names} for f in facts]],
        },
        schema=schema(),
    )


def write(root: Path, key: Key, table: pa.Table) -> Path:
    """Write a result under its key, never over an existing one (which is the same result: it is kept).
    The bytes depend only on the table (no time, no path in them)."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    final = key.path(root)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=final.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            # one row: no dictionaries and no statistics to write (they cost half the time of a write)
            pq.write_table(
                table,
                f,
                compression="zstd",
                use_dictionary=False,
                write_statistics=False,
                write_page_checksum=True,
            )
            f.flush()
            os.fsync(f.fileno())
        _link_into_place(Path(temporary), final)
    finally:
        Path(temporary).unlink(missing_ok=True)
    _sync_folder(final.parent)
    return final


def _link_into_place(temporary: Path, final: Path) -> None:
    """A hard link fails when the name exists, so a result another writer put there first is never
    replaced; where links are refused (some network file systems), a rename taken only when the name is
    still free."""
    try:
        os.link(temporary, final)
    except FileExistsError:
        return
    except OSError:
        if not final.exists():
            os.replace(temporary, final)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Unreadable(ValueError):
    """A result file that cannot be used; the message names the file, the reason and where it was moved."""


def read(root: Path, key: Key) -> pa.Table | None:
    """The stored result of `key`, or None when there is none. A file that is truncated, damaged, of
    another schema or of another key is moved aside to <name>.unreadable and Unreadable is raised with
    one line naming it: the caller extracts the report again."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    path = key.path(root)
    if not path.exists():
        return None
    try:
        with pq.ParquetFile(path, page_checksum_verification=True) as f:
            table = f.read()
        problem = _mismatch(table, key)
    except (OSError, pa.ArrowException) as e:
        problem = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else 'cannot be read'}"
    if problem is None:
        return table
    aside = path.with_name(path.name + ".unreadable")
    os.replace(path, aside)
    raise Unreadable(
        f"{path}: unreadable result file ({problem}); set aside as {aside.name}, extracted again"
    )


def _mismatch(table: pa.Table, key: Key) -> str | None:
    if not table.schema.equals(schema()):
        return "not the schema of a result file"
    if table.num_rows != 1:
        return f"{table.num_rows} rows instead of one"
    found = (
        table["report_id"][0].as_py(),
        table["report_sha256"][0].as_py(),
        table["extractor_version"][0].as_py(),
    )
    if found != (key.report_id, key.state_sha256, key.extractor_version):
        return f"the result of {found}, not of its own key"
    return None


def report_row(table: pa.Table) -> dict:
    """The report's row (the `reports` columns) of a result."""
    return table["report"][0].as_py()


def warnings_of(table: pa.Table) -> list[str]:
    return table["warnings"][0].as_py()


def n_facts(table: pa.Table) -> int:
    return len(table["facts"][0])

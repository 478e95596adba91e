"""The published tables as Dagster sees them: column schemas from the data dictionary
(pipelines/catalog/tables.yaml), row counts, and previews of ten rows read with LIMIT 10."""

from __future__ import annotations

import dagster as dg

from pipelines import warehouse

PREVIEW_ROWS = 10
# a preview shows what a cell holds; a whole sentence is in the table itself
PREVIEW_CELL_CHARS = 200


def column_schema(table: str) -> dg.TableSchema:
    """The table's columns with type and description, and its key, as the dictionary gives them."""
    spec = warehouse.tables()[table]
    return dg.TableSchema(
        columns=[
            dg.TableColumn(name, type=column["type"], description=column["description"])
            for name, column in spec["columns"].items()
        ],
        constraints=dg.TableConstraints(other=[f"primary key: {', '.join(spec['key'])}"]),
    )


def table_spec(table: str, deps=(), **kwargs) -> dg.AssetSpec:
    """An asset for one warehouse table that a release publishes."""
    return dg.AssetSpec(
        key=table,
        deps=deps,
        description=warehouse.tables()[table]["description"],
        metadata={"dagster/column_schema": column_schema(table), "dagster/table_name": f"warehouse.{table}"},
        kinds={"duckdb"},
        group_name="release",
        **kwargs,
    )


def _cell(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    return text if len(text) <= PREVIEW_CELL_CHARS else text[: PREVIEW_CELL_CHARS - 1] + "…"


def preview(con, sql: str, params=()) -> dg.MetadataValue:
    """A native table preview of the first rows of a query; the query ends with its own LIMIT."""
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    return dg.MetadataValue.table(
        records=[dg.TableRecord(dict(zip(names, map(_cell, row), strict=True))) for row in rows],
        schema=dg.TableSchema(columns=[dg.TableColumn(n) for n in names]),
    )


def table_preview(con, table: str) -> dg.MetadataValue:
    """Ten rows of a table in key order, with the dictionary's column types."""
    spec = warehouse.tables()[table]
    cols = ", ".join(f'"{c}"' for c in spec["columns"])
    key = ", ".join(f'"{c}"' for c in spec["key"])
    value = preview(con, f'SELECT {cols} FROM "{table}" ORDER BY {key} LIMIT {PREVIEW_ROWS}')
    return dg.MetadataValue.table(records=value.records, schema=column_schema(table))


def table_result(con, table: str, **metadata) -> dg.MaterializeResult:
    """The materialization of one table: its row count and a preview, with any further metadata."""
    rows = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    return dg.MaterializeResult(
        asset_key=table,
        metadata={"dagster/row_count": rows, "preview": table_preview(con, table), **metadata},
    )

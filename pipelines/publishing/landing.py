"""releases/index.html: the landing page of the dataset. What it is and how to cite it; the latest release
first, each table described with its CSV and Parquet side by side, a preview and a query to copy; charts
of the main indicators drawn from the release's own facts (national values over the years, the latest
year by province); the changelog; every older version below. Self-contained: no script, style or image
from elsewhere, so it works opened from disk."""

from __future__ import annotations

import html
from pathlib import Path

import duckdb

from pipelines import warehouse

CHARTS = 4  # indicators charted: those with national levels in the most years
PREVIEW_ROWS = 5
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}"
    "pre{background:#f6f6f6;padding:.8em;overflow:auto}.chart{display:inline-block;margin:0 1em 1em 0}"
    "svg text{font-size:10px}details{margin:.5em 0}"
)


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def national_series(facts: Path) -> dict[str, list[tuple[int, float, str]]]:
    """indicator name -> [(year, display value, display unit)] of national full-year levels, one value a
    year (the one from the most recently published report), for the indicators with the most years."""
    rows = (
        duckdb.connect()
        .execute(
            f"""SELECT indicator_name_en, year, display_value, display_unit FROM (
              SELECT *, row_number() OVER (PARTITION BY indicator_id, year
                       ORDER BY published DESC NULLS LAST, observation_id) AS pick
              FROM '{facts}' WHERE region_code = 'CN' AND measure = 'level' AND coalesce(period, '') = ''
                AND year IS NOT NULL AND indicator_id NOT LIKE 'derived%')
            WHERE pick = 1 ORDER BY indicator_name_en, year"""
        )
        .fetchall()
    )
    series: dict[str, list] = {}
    for name, year, value, unit in rows:
        series.setdefault(name, []).append((year, value, unit))
    ranked = sorted(series.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return dict(kv for kv in ranked[:CHARTS] if len(kv[1]) >= 2)


def provinces_latest(facts: Path, indicator_name: str) -> list[tuple[str, float, str, int]]:
    """[(province, display value, unit, year)] of an indicator in the latest year any province reports it."""
    return (
        duckdb.connect()
        .execute(
            f"""WITH p AS (SELECT * FROM '{facts}' WHERE indicator_name_en = ? AND region_level IS NOT NULL
                         AND region_code <> 'CN' AND measure = 'level' AND coalesce(period, '') = ''
                         AND year IS NOT NULL)
            SELECT region_name_en, max(display_value), any_value(display_unit), year FROM p
            WHERE year = (SELECT max(year) FROM p) GROUP BY region_name_en, year ORDER BY 2 DESC, 1""",
            [indicator_name],
        )
        .fetchall()
    )


def _bars(title: str, points: list[tuple[str, float]], unit: str, kind: str) -> str:
    """A bar chart as inline SVG; every bar carries its label and value as data attributes."""
    width, bar, gap, top = 520, 16, 4, 24
    height = top + len(points) * (bar + gap) + 10
    peak = max((v for _, v in points), default=0) or 1
    parts = [f"<svg class='{kind}' width='{width}' height='{height}' role='img' aria-label='{_e(title)}'>"]
    parts.append(f"<text x='0' y='14' font-weight='bold'>{_e(title)} ({_e(unit)})</text>")
    for i, (label, value) in enumerate(points):
        y = top + i * (bar + gap)
        length = max(1.0, 200 * value / peak)
        parts.append(
            f"<g data-label='{_e(label)}' data-value='{value!r}'><text x='0' y='{y + 12}'>{_e(label)}</text>"
            f"<rect x='90' y='{y}' width='{length:.1f}' height='{bar}' fill='#3a7ca5'/>"
            f"<text x='{95 + length:.1f}' y='{y + 12}'>{value:,.4g}</text></g>"
        )
    return "".join(parts) + "</svg>"


def charts_html(folder: Path) -> str:
    facts = folder / "facts.parquet"
    if not facts.exists():
        return ""
    out = []
    for name, points in national_series(facts).items():
        unit = points[-1][2]
        out.append(
            f"<div class='chart'>{_bars(f'{name}, China', [(str(y), v) for y, v, _ in points], unit, 'national')}"
        )
        provinces = provinces_latest(facts, name)
        if provinces:
            year = provinces[0][3]
            pts = [(p, v) for p, v, _, _ in provinces]
            out.append(_bars(f"{name}, by province, {year}", pts, provinces[0][2], "provinces"))
        out.append("</div>")
    return "<h3>Main indicators</h3>" + "".join(out) if out else ""


def _tables_html(folder: Path) -> str:
    con = duckdb.connect()
    rows = []
    for table in warehouse.RELEASE_TABLES:
        spec = warehouse.tables()[table]
        if not (folder / f"{table}.parquet").exists():
            continue  # a release made before the table existed
        links = " · ".join(
            f"<a href='{_e(folder.name)}/{table}.{fmt}'>{fmt.upper()}</a> "
            f"({(folder / f'{table}.{fmt}').stat().st_size:,} bytes)"
            for fmt in ("csv", "parquet")
            if (folder / f"{table}.{fmt}").exists()
        )
        preview = con.execute(
            f"SELECT * FROM '{folder / (table + '.parquet')}' LIMIT {PREVIEW_ROWS}"
        ).fetchall()
        cols = list(spec["columns"])
        head = "".join(f"<th title='{_e(spec['columns'][c]['description'])}'>{_e(c)}</th>" for c in cols)
        body = "".join("<tr>" + "".join(f"<td>{_e(v)[:60]}</td>" for v in r) + "</tr>" for r in preview)
        rows.append(
            f"<h3>{_e(table)}</h3><p>{_e(spec['description'])} {links}</p>"
            f"<details><summary>first rows</summary><table><tr>{head}</tr>{body}</table></details>"
        )
    return "".join(rows)


def landing_html(releases_dir: Path, entries: list[dict]) -> str:
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>peakwatch releases</title>",
        f"<style>{_STYLE}</style></head><body><h1>peakwatch</h1>",
        "<p>Numeric facts of China's carbon-peaking progress reports: every number that measures something, "
        "with its indicator, region, agency, year, period and unit, traced to its characters in the report "
        "text. Releases are versioned and immutable; each has SHA256SUMS and a Frictionless data package.</p>",
    ]
    if entries:
        latest = entries[0]
        folder = releases_dir / latest["version"]
        c = latest["counts"]
        parts.append(
            f"<h2>Latest: {_e(latest['version'])} ({_e(latest['created'])})</h2>"
            f"<p>{c.get('observations', 0)} observations from {c.get('reports', 0)} "
            f"report{'' if c.get('reports', 0) == 1 else 's'}, "
            f"{c.get('quarantine', 0)} held back by quality rules. Cite as: peakwatch, release "
            f"{_e(latest['version'])}, table name, observation_id. Licence CC-BY-4.0.</p>"
            '<p>Query it with DuckDB:</p><pre>duckdb -c "SELECT indicator_name_en, year, display_value, '
            f"display_unit FROM '{_e(latest['version'])}/facts.parquet' WHERE region_code = 'CN' "
            'ORDER BY indicator_name_en, year"</pre>'
            f"<p>or open <a href='{_e(latest['version'])}/peakwatch.duckdb'>peakwatch.duckdb</a>; the report "
            f"texts are in <a href='{_e(latest['version'])}/texts/'>texts/</a>.</p>"
        )
        parts.append(charts_html(folder))
        parts.append("<h3>Tables</h3>" + _tables_html(folder))
        changelog = folder / "CHANGELOG.md"
        if changelog.exists():
            parts.append(f"<h3>Changelog</h3><pre>{_e(changelog.read_text(encoding='utf-8'))}</pre>")
    parts.append("<h2>All versions</h2><table><tr><th>version</th><th>files</th></tr>")
    for e in entries:
        links = "<br>".join(
            f"<a href='{_e(f['path'])}'>{_e(f['path'].split('/', 1)[-1])}</a> "
            f"({f['bytes']:,} bytes, sha256 <code>{f['sha256'][:16]}…</code>)"
            for f in e["files"]
        )
        parts.append(
            f"<tr><td><b>{_e(e['version'])}</b><br>{_e(e['created'])}<br>"
            f"{e['counts'].get('observations', 0)} observations, {e['counts'].get('reports', 0)} reports<br>"
            f"<a href='{_e(e['version'])}/CHANGELOG.md'>changelog</a></td><td>{links}</td></tr>"
        )
    return "".join(parts) + "</table></body></html>\n"

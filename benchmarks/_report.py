"""Turning the rounds' figures into rows, and the rows into a text table, JSON, Markdown and SVG.

A row holds, for one figure, every round's value for each client and the ratio of this
project's value to raw's *within each round* (both were measured minutes apart at most, under
the same load); the median, least and greatest of those ratios are what the table shows.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

__all__ = [
    "METRICS",
    "Metric",
    "markdown",
    "rows_of",
    "svg",
    "text_table",
    "write_outputs",
]


@dataclass(frozen=True)
class Metric:
    """One figure of the suite.

    Attributes:
        key: Its name in the measurements and in the JSON.
        label: What it is, for people; ``{fetch}``, ``{iterate}`` and ``{events}`` are filled in
            with the sizes of the run.
        unit: Its unit.
        better: ``"lower"`` or ``"higher"``.
    """

    key: str
    label: str
    unit: str
    better: str


METRICS = (
    Metric("verify_ms", "account_verify_credentials()", "ms/call", "lower"),
    Metric("post_ms", 'status_post("x")', "ms/call", "lower"),
    Metric("timeline_ms", "timeline_home(limit=40), 4 reads per status", "ms/call", "lower"),
    Metric("fetch_s", "fetch_remaining, {fetch} statuses: time", "s", "lower"),
    Metric("fetch_peak_mb", "fetch_remaining, {fetch} statuses: peak memory", "MB", "lower"),
    Metric("iterate_s", "pagination_iterator, {iterate} statuses: time", "s", "lower"),
    Metric("iterate_peak_mb", "pagination_iterator, {iterate} statuses: peak memory", "MB", "lower"),
    Metric("page_kb", "one 40-status page held in memory", "KB", "lower"),
    Metric("iterate_pages", "pagination_iterator peak, in pages", "pages", "lower"),
    Metric("stream_eps", "stream_user, {events} update events", "events/s", "higher"),
    Metric("timeline_speed_ms", "timeline_home(limit=40), speed extra", "ms/call", "lower"),
    Metric("stream_speed_eps", "stream_user, {events} update events, speed extra", "events/s", "higher"),
    Metric("import_ms", "import (raw: import requests, json)", "ms", "lower"),
    Metric("construct_us", "Mastodon(...) (raw: requests.Session())", "us", "lower"),
    Metric("threads_1_cps", "timeline pages, 1 thread", "calls/s", "higher"),
    Metric("threads_4_cps", "timeline pages, 4 threads, one client", "calls/s", "higher"),
    Metric("threads_8_cps", "timeline pages, 8 threads, one client", "calls/s", "higher"),
    Metric("threads_4_scale", "4 threads / 1 thread", "x", "higher"),
    Metric("threads_8_scale", "8 threads / 1 thread", "x", "higher"),
)

Rounds = Sequence[Mapping[str, Mapping[str, float]]]


def _stats(values: Sequence[float]) -> dict[str, Any] | None:
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "samples": list(values)}


def _ratios(rounds: Rounds, key: str, name: str) -> list[float]:
    found = []
    for figures in rounds:
        mine, raw = figures.get(name, {}).get(key), figures.get("raw", {}).get(key)
        if mine is not None and raw:
            found.append(mine / raw)
    return found


def rows_of(rounds: Rounds, sizes: Mapping[str, int]) -> list[dict[str, Any]]:
    """One row per figure that any round has: each client's values and the ratios to raw.

    Args:
        rounds: Per round, per client (``"ours"``, ``"raw"``, ``"reference"``), the figures.
        sizes: ``fetch``, ``iterate`` and ``events`` of the run, for the labels.
    """
    rows = []
    for metric in METRICS:
        values = {name: [f[name][metric.key] for f in rounds if metric.key in f.get(name, {})] for name in _CLIENTS}
        if not values["ours"] and not values["raw"]:
            continue
        rows.append(
            {
                "key": metric.key,
                "label": metric.label.format(**sizes),
                "unit": metric.unit,
                "better": metric.better,
                "ours": _stats(values["ours"]),
                "raw": _stats(values["raw"]),
                "ratio": _stats(_ratios(rounds, metric.key, "ours")),
                "reference": _stats(values["reference"]),
                "reference_ratio": _stats(_ratios(rounds, metric.key, "reference")),
            }
        )
    return rows


_CLIENTS = ("ours", "raw", "reference")


def number(value: float | None) -> str:
    """Three significant figures, without an exponent for the sizes the suite meets."""
    if value is None:
        return "-"
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 100:
        return f"{value:.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def _median(stats: Mapping[str, Any] | None) -> str:
    return "-" if stats is None else number(stats["median"])


def _ratio(stats: Mapping[str, Any] | None) -> str:
    if stats is None:
        return "-"
    return f"{stats['median']:.2f}x [{stats['min']:.2f}-{stats['max']:.2f}]"


def _table(doc: Mapping[str, Any]) -> tuple[list[str], list[list[str]]]:
    rows = doc["rows"]
    with_reference = any(row.get("reference") for row in rows)
    head = ["metric", "unit", "better", "ours", "raw", "ours/raw [min-max]"]
    if with_reference:
        head += ["Mastodon.py 2.3.3", "2.3.3/raw [min-max]"]
    body = []
    for row in rows:
        line = [
            row["label"],
            row["unit"],
            row["better"],
            _median(row["ours"]),
            _median(row["raw"]),
            _ratio(row["ratio"]),
        ]
        if with_reference:
            line += [_median(row.get("reference")), _ratio(row.get("reference_ratio"))]
        body.append(line)
    return head, body


def text_table(doc: Mapping[str, Any]) -> str:
    """The rows as aligned columns, with the notes below."""
    head, body = _table(doc)
    widths = [max(len(line[column]) for line in [head, *body]) for column in range(len(head))]
    numeric = range(3, len(head))

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if index in numeric else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    lines = [line(head), "  ".join("-" * width for width in widths)]
    lines += [line(cells) for cells in body]
    lines.append("")
    lines.append("ours and raw: median over rounds; ratio: median [least-greatest] of ours/raw within each round.")
    lines += list(doc.get("notes", []))
    return "\n".join(lines) + "\n"


def _load(value: Any) -> str:
    return f"{value[0]:.2f}" if isinstance(value, list) and value else "?"


def _meta_line(meta: Mapping[str, Any]) -> str:
    parts = [
        f"{meta.get('started', '?')}",
        f"Python {meta.get('python', '?')}",
        f"requests {meta.get('requests', '?')}",
        f"{meta.get('cpu_count', '?')} CPUs",
        f"load average {_load(meta.get('loadavg_start'))} before, {_load(meta.get('loadavg_end'))} after",
        f"{meta.get('rounds', '?')} rounds{' (quick)' if meta.get('quick') else ''}",
    ]
    if meta.get("commit"):
        parts.append(f"commit {meta['commit']}")
    return ", ".join(parts)


def markdown(doc: Mapping[str, Any]) -> str:
    """The rows as a Markdown table, with the run's circumstances above and the notes below."""
    head, body = _table(doc)
    lines = ["# Benchmark run", "", _meta_line(doc["meta"]), ""]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join("---" if index < 3 else "---:" for index in range(len(head))) + "|")
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |" for cells in body]
    lines += ["", "ours and raw: median over rounds; ratio: median [least-greatest] of ours/raw within each round.", ""]
    lines += [f"- {note}" for note in doc.get("notes", [])]
    return "\n".join(lines).rstrip() + "\n"


# -- the chart ---------------------------------------------------------------------------------

_WIDTH = 1000
_LABEL_WIDTH = 390
_PLOT_WIDTH = 430
_ROW = 26
_TOP = 64
_GOOD, _BAD, _REFERENCE = "#3a8f5c", "#c8553d", "#8a8fb5"


def _scale(ratios: Sequence[float]) -> tuple[float, float]:
    """Log2 bounds of the axis: whole powers of two around every ratio and 1."""
    low = min([1.0, *ratios])
    high = max([1.0, *ratios])
    return math.floor(math.log2(low) - 0.25), math.ceil(math.log2(high) + 0.25)


def _tick(power: int) -> str:
    value = 2.0**power
    return f"{value:g}x" if value >= 1 else f"1/{2**-power:g}x"


def svg(doc: Mapping[str, Any]) -> str:
    """A horizontal bar chart of the median ratio to raw per figure, on a log scale, with the
    least and greatest ratio as a whisker and a line at 1.0x.

    A bar is green where this project does better than raw (lower time or memory, higher
    throughput), red where it does worse; the reference's bars, when measured, are grey-blue.
    """
    rows = [row for row in doc["rows"] if row.get("ratio")]
    with_reference = any(row.get("reference_ratio") for row in rows)
    per_row = _ROW + (12 if with_reference else 0)
    ratios = [value for row in rows for key in ("ratio", "reference_ratio") if row.get(key) for value in
              (row[key]["min"], row[key]["max"])]  # fmt: skip
    low, high = _scale(ratios or [1.0])
    left = _LABEL_WIDTH

    def x(value: float) -> float:
        return left + (math.log2(max(value, 1e-9)) - low) / (high - low) * _PLOT_WIDTH

    height = _TOP + per_row * len(rows) + 56
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" font-family="sans-serif" font-size="12">',
        f'<rect x="0" y="0" width="{_WIDTH}" height="{height}" fill="white"/>',
        '<text x="12" y="22" font-size="15" font-weight="bold">'
        "mastodon against requests + json.loads (raw): median ratio per figure</text>",
        f'<text x="12" y="42" fill="#555">{escape(_meta_line(doc["meta"]))}</text>',
    ]
    bottom = _TOP + per_row * len(rows)
    for power in range(int(low), int(high) + 1):
        position = x(2.0**power)
        style = 'stroke="#222" stroke-width="1.5"' if power == 0 else 'stroke="#ccc" stroke-dasharray="3,3"'
        out.append(f'<line x1="{position:.1f}" y1="{_TOP - 8}" x2="{position:.1f}" y2="{bottom}" {style}/>')
        out.append(f'<text x="{position:.1f}" y="{bottom + 16}" text-anchor="middle" fill="#444">{_tick(power)}</text>')
    for index, row in enumerate(rows):
        top = _TOP + index * per_row
        out.append(f'<text x="{left - 8}" y="{top + 13}" text-anchor="end">{escape(row["label"])}</text>')
        bars: list[tuple[str, int, str | None]] = [("ratio", 14, None)]
        if with_reference and row.get("reference_ratio"):
            bars.append(("reference_ratio", 8, _REFERENCE))
        offset = 0
        for key, thickness, colour in bars:
            stats = row[key]
            median = stats["median"]
            better = median < 1 if row["better"] == "lower" else median > 1
            fill = colour or (_GOOD if better else _BAD)
            start, end = sorted((x(1.0), x(median)))
            y = top + 2 + offset
            width = max(end - start, 1.0)
            out.append(f'<rect x="{start:.1f}" y="{y}" width="{width:.1f}" height="{thickness}" fill="{fill}"/>')
            middle = y + thickness / 2
            out.append(
                f'<line x1="{x(stats["min"]):.1f}" y1="{middle:.1f}" x2="{x(stats["max"]):.1f}" y2="{middle:.1f}" '
                'stroke="#222" stroke-width="1"/>'
            )
            if key == "ratio":
                value = f'{median:.2f}x <tspan fill="#777">({row["better"]} is better)</tspan>'
            else:
                value = f"{median:.2f}x (2.3.3)"
            out.append(f'<text x="{left + _PLOT_WIDTH + 10}" y="{y + thickness - 2}" fill="#222">{value}</text>')
            offset += thickness + 4
    legend_y = bottom + 36
    out.append(
        f'<text x="12" y="{legend_y}" fill="#555">Bar: median of ours/raw within each round; '
        "whisker: least to greatest. Green: better than raw; red: worse.</text>"
    )
    if with_reference:
        out.append(f'<text x="12" y="{legend_y + 14}" fill="#555">Grey-blue: Mastodon.py 2.3.3 / raw.</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_outputs(doc: Mapping[str, Any], json_path: Path | None, svg_path: Path | None) -> list[Path]:
    """Write the JSON (and the Markdown beside it, same name, ``.md``) and the SVG; return the paths."""
    written = []
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(doc, indent=1, sort_keys=False) + "\n", encoding="utf-8")
        md_path = json_path.with_suffix(".md")
        md_path.write_text(markdown(doc), encoding="utf-8")
        written += [json_path, md_path]
    if svg_path is not None:
        svg_path.parent.mkdir(parents=True, exist_ok=True)
        svg_path.write_text(svg(doc), encoding="utf-8")
        written.append(svg_path)
    return written

"""The HTML report: one self-contained file (inline CSS, SVG and one small filter script).

All article text goes through ``html.escape``, and a Content-Security-Policy allows only the
report's own script (by hash): an article containing ``<script>`` shows the characters, it never
runs.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import quote

from reports.build import (
    ACTION_LABELS, KIND_LABELS, SEVERITIES, TYPE_LABELS, ReportData, value_text, window_text,
)

BAR_WIDTH = 520
ROW_HEIGHT = 26
LABEL_WIDTH = 330
STATUS_LABELS = {"open": "open", "evidence_changed": "evidence changed", "confirmed": "confirmed",
                 "dismissed": "dismissed", "fixed": "fixed"}


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _asset(name: str) -> str:
    return (resources.files("reports") / "templates" / name).read_text(encoding="utf-8")


def _source_link(source: str, name: str) -> str:
    """Only http(s) URLs and absolute file paths become links; ``javascript:`` never does."""
    if source.startswith(("http://", "https://")):
        href = source
    elif source.startswith("/"):
        href = "file://" + quote(source)
    else:
        return _e(name)
    return f'<a href="{_e(href)}" rel="noopener noreferrer">{_e(name)}</a>'


def window_chart(rows: list[dict[str, Any]], names: dict[str, str]) -> str:
    """One horizontal range bar per statement on a shared days axis; open-ended bars fade out."""
    if not rows:
        return '<p class="none">No escalation windows in this topic.</p>'
    top = max(max(r["max_days"] or 0, r["min_days"] or 0) for r in rows)
    axis = max(7.0, top * 1.25)
    height = ROW_HEIGHT * len(rows) + 30
    parts = [f'<svg class="chart" role="img" aria-label="Escalation windows in days" '
             f'viewBox="0 0 {LABEL_WIDTH + BAR_WIDTH + 90} {height}" width="100%">']
    for i, r in enumerate(rows):
        y = 10 + i * ROW_HEIGHT
        lo = r["min_days"] or 0
        hi = r["max_days"] if r["max_days"] is not None else axis
        x0 = LABEL_WIDTH + lo / axis * BAR_WIDTH
        width = max(3.0, (hi - lo) / axis * BAR_WIDTH)
        css = "bar open" if r["max_days"] is None else "bar"
        label = f"{names.get(r['source'], r['source'])[:40]} · {r['action']}"
        text = window_text(r["min_days"], r["max_days"])
        parts.append(f'<text x="0" y="{y + 15}" class="label">{_e(label)}</text>')
        parts.append(f'<rect class="{css}" x="{x0:.1f}" y="{y + 3}" width="{width:.1f}" height="16" rx="3">'
                     f'<title>{_e(text)}: {_e(r["sentence"])}</title></rect>')
        parts.append(f'<text x="{x0 + width + 4:.1f}" y="{y + 15}" class="value">{_e(text)}</text>')
    base = 10 + len(rows) * ROW_HEIGHT
    step = 7 if axis <= 60 else 30
    tick = 0
    while tick <= axis:
        x = LABEL_WIDTH + tick / axis * BAR_WIDTH
        parts.append(f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="5" y2="{base}"/>')
        parts.append(f'<text class="axis" x="{x:.1f}" y="{base + 14}">{tick}d</text>')
        tick += step
    parts.append("</svg>")
    return "".join(parts)


def _finding(f: dict[str, Any], names: dict[str, str]) -> str:
    rows = []
    for s in f["sources"]:
        quote_html = (f"<blockquote>{_e(s['quote'])}</blockquote>" if s["quote"]
                      else '<span class="none">— not stated —</span>')
        where = "" if s["start"] is None else f"{_e(s['section'] or '')} · chars {s['start']}–{s['end']}"
        rows.append(f"<tr><td>{_source_link(s['source'], names.get(s['source'], s['title'] or s['source']))}</td>"
                    f"<td>{quote_html}<span class=\"where\">{where}</span></td>"
                    f"<td>{_e(value_text(s['value']))}</td></tr>")
    note = f'<p class="note">Editor: {_e(f["review_note"])}</p>' if f.get("review_note") else ""
    return (
        f'<article class="finding sev-{_e(f["severity"])}" data-type="{_e(f["type"])}" '
        f'data-status="{_e(f["status"])}" id="f-{_e(f["id"])}">'
        f'<header><span class="badge {_e(f["severity"])}">{_e(f["severity"])}</span>'
        f'<span class="type">{_e(TYPE_LABELS.get(f["type"], f["type"]))}</span>'
        f'<span class="topic">{_e(f["topic_label"])}</span>'
        f'<span class="status {_e(f["status"])}">{_e(STATUS_LABELS.get(f["status"], f["status"]))}</span>'
        f'<code class="fid">{_e(f["id"])}</code></header>'
        f'<p class="summary">{_e(f["summary"])}</p>{note}'
        f'<table class="evidence"><thead><tr><th>source</th><th>evidence</th><th>value</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></article>'
    )


def _filters(data: ReportData) -> str:
    types = sorted({f["type"] for f in data.findings})
    statuses = [s for s in STATUS_LABELS if any(f["status"] == s for f in data.findings)]
    boxes = [f'<label><input type="checkbox" data-filter="type" value="{_e(t)}" checked> '
             f'{_e(TYPE_LABELS.get(t, t))}</label>' for t in types]
    boxes += [f'<label><input type="checkbox" data-filter="status" value="{_e(s)}" '
              f'{"checked" if s in ("open", "evidence_changed") else ""}> {_e(STATUS_LABELS[s])}</label>'
              for s in statuses]
    return f'<form class="filters" id="filters"><b>Show</b> {" ".join(boxes)}</form>'


def _consensus_matrix(topic: dict[str, Any], rows: list[dict[str, Any]], names: dict[str, str]) -> str:
    order = [a["source"] for a in topic["articles"]]
    head = "".join(f'<th title="{_e(names.get(s, s))}">S{i}</th>' for i, s in enumerate(order, start=1))
    legend = " · ".join(f"S{i} = {_e(names.get(s, s))}" + (" (reference)" if a["reference"] else "")
                        for i, (s, a) in enumerate(zip(order, topic["articles"]), start=1))
    body = []
    for kind, label in KIND_LABELS.items():
        kind_rows = [c for c in rows if c["kind"] == kind]
        if not kind_rows:
            continue
        body.append(f'<tr class="group"><th colspan="{len(order) + 2}">{_e(label)}</th></tr>')
        for c in kind_rows:
            stated, negated = set(c["affirming_sources"] or []), set(c["negating_sources"] or [])
            cells = "".join(
                '<td class="yes">✓</td>' if s in stated else ('<td class="neg">✗</td>' if s in negated
                                                            else '<td class="no"></td>') for s in order)
            body.append(f"<tr><td>{_e(c['concept_label'] or c['concept'])}</td>"
                        f"<td>{c['sources_affirming']}/{c['sources_in_topic']}</td>{cells}</tr>")
    return (f'<p class="legend">{legend}</p><table class="matrix"><thead><tr><th>concept</th>'
            f'<th>stated</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _changes(data: ReportData) -> str:
    ch = data.changes
    if ch.previous_report is None:
        return '<p class="none">First report for this warehouse: nothing to compare with yet.</p>'
    parts = [f"<p>Since the report of {_e(ch.previous_at)}: <b>{len(ch.new)}</b> new, "
             f"<b>{len(ch.changed)}</b> changed, <b>{len(ch.resolved)}</b> resolved.</p><ul>"]
    for label, items in (("new", ch.new), ("changed", ch.changed), ("resolved", ch.resolved)):
        parts += [f'<li><span class="change {label}">{label}</span> {_e(i["summary"])}</li>' for i in items[:50]]
    parts.append("</ul>")
    return "".join(parts)


def render_html(data: ReportData) -> str:
    names = data.source_names()
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"
    open_counts = data.open_by_severity()
    out = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Concord consistency report</title>",
        f"<style>{_asset('report.css')}</style></head><body>",
        "<header><h1>Concord consistency report</h1>",
        f'<p class="meta">Generated {_e(data.generated_at)} from <code>{_e(data.db)}</code>'
        + (f" · topic <b>{_e(data.topic_filter)}</b>" if data.topic_filter else "") + "</p>",
        '<ul class="summary" id="summary">',
        f"<li><b>{len(data.topics)}</b> topics</li><li><b>{len(data.articles)}</b> sources</li>",
        *[f'<li class="sev {s}"><b>{open_counts[s]}</b> {s}</li>' for s in SEVERITIES],
        "</ul></header><main>",
        f'<section id="changes"><h2>Changes since the last report</h2>{_changes(data)}</section>',
        f'<section id="findings"><h2>Findings ({len(data.findings)})</h2>{_filters(data)}',
    ]
    out += [_finding(f, names) for f in data.findings] or ['<p class="none">No conflicts or omissions found.</p>']
    out.append("</section>")
    for topic in data.topics:
        rows = [e for e in data.escalations if e["topic"] == topic["id"]]
        out.append(f'<section class="topic" id="topic-{_e(topic["id"])}"><h2>{_e(topic["label"])} '
                   f'<small>{len(topic["articles"])} sources</small></h2>'
                   f"<h3>Escalation windows</h3>{window_chart(rows, names)}"
                   f"<h3>Consensus: concepts × sources</h3>"
                   f"{_consensus_matrix(topic, [c for c in data.consensus if c['topic'] == topic['id']], names)}"
                   "</section>")
    out.append('<section id="quality"><h2>Article quality signals (JAMA criteria)</h2><table><thead><tr>'
               "<th>article</th><th>author</th><th>medical reviewer</th><th>date (age)</th>"
               "<th>sources cited</th><th>disclosure</th><th>score</th></tr></thead><tbody>")
    for q in data.quality:
        age = f"{q['published'] or q['modified']} ({q['age_days']} days)" if q["dated"] else "—"
        out.append(f"<tr><td>{_source_link(q['source'], names.get(q['source'], q['source']))}</td>"
                   f"<td>{_e(q['author'] or '—')}</td><td>{_e(q['reviewed_by'] or '—')}</td><td>{_e(age)}</td>"
                   f"<td>{'yes' if q['sources_cited'] else 'no'}</td>"
                   f"<td>{'yes' if q['disclosure_present'] else 'no'}</td><td>{q['jama_score']}/5</td></tr>")
    out.append("</tbody></table></section>")
    out.append('<section id="sources"><h2>Sources</h2><table><thead><tr><th>#</th><th>title</th>'
               "<th>publisher</th><th>author</th><th>published</th><th>findings</th></tr></thead><tbody>")
    for i, a in enumerate(data.articles, start=1):
        out.append(f"<tr><td>{i}</td><td>{_source_link(a['source'], names[a['source']])}</td>"
                   f"<td>{_e(a['publisher'])}</td><td>{_e(a['author'])}</td>"
                   f"<td>{_e(a['published'])}</td><td>{a['findings']}</td></tr>")
    out.append("</tbody></table></section></main>")
    out.append(f"<script>{script}</script></body></html>\n")
    return "\n".join(out)


__all__ = ["render_html", "window_chart", "ACTION_LABELS"]

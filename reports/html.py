"""The HTML report: one self-contained file (inline CSS and SVG, no script, no network).

All article text goes through ``html.escape``: an article containing ``<script>`` shows the
characters, it never runs.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from urllib.parse import quote

from reports.build import ACTION_LABELS, KIND_LABELS, ReportData, window_text

BAR_WIDTH = 520
ROW_HEIGHT = 26


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _source_link(source: str, name: str) -> str:
    """Only http(s) URLs and absolute file paths become links; ``javascript:`` never does."""
    if source.startswith(("http://", "https://")):
        href = source
    elif source.startswith("/"):
        href = "file://" + quote(source)
    else:
        return _e(name)
    return f'<a href="{_e(href)}" rel="noopener noreferrer">{_e(name)}</a>'


def _style() -> str:
    return (resources.files("reports") / "templates" / "report.css").read_text(encoding="utf-8")


def _window_chart(data: ReportData, names: dict[str, str]) -> str:
    """One horizontal range bar per source on a shared days axis; open-ended bars fade out."""
    rows = data.escalations
    if not rows:
        return "<p>No escalation windows found.</p>"
    top = max(max(r["max_days"] or 0, r["min_days"] or 0) for r in rows)
    axis = max(7.0, top * 1.25)
    label_w = 330
    height = ROW_HEIGHT * len(rows) + 30
    parts = [f'<svg class="chart" role="img" aria-label="Escalation windows in days" '
             f'viewBox="0 0 {label_w + BAR_WIDTH + 20} {height}" width="100%">']
    for i, r in enumerate(rows):
        y = 10 + i * ROW_HEIGHT
        lo = r["min_days"] or 0
        hi = r["max_days"] if r["max_days"] is not None else axis
        x0 = label_w + lo / axis * BAR_WIDTH
        width = max(3.0, (hi - lo) / axis * BAR_WIDTH)
        css = "bar open" if r["max_days"] is None else "bar"
        label = f"{names.get(r['source'], r['source'])[:44]} · {r['action']}"
        parts.append(f'<text x="0" y="{y + 15}" class="label">{_e(label)}</text>')
        parts.append(f'<rect class="{css}" x="{x0:.1f}" y="{y + 3}" width="{width:.1f}" height="16" rx="3">'
                     f'<title>{_e(window_text(r["min_days"], r["max_days"]))}: {_e(r["sentence"])}</title></rect>')
        parts.append(f'<text x="{x0 + width + 4:.1f}" y="{y + 15}" class="value">'
                     f'{_e(window_text(r["min_days"], r["max_days"]))}</text>')
    base = 10 + len(rows) * ROW_HEIGHT
    step = 7 if axis <= 60 else 30
    tick = 0
    while tick <= axis:
        x = label_w + tick / axis * BAR_WIDTH
        parts.append(f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="5" y2="{base}"/>')
        parts.append(f'<text class="axis" x="{x:.1f}" y="{base + 14}">{tick}d</text>')
        tick += step
    parts.append("</svg>")
    return "".join(parts)


def render_html(data: ReportData) -> str:
    names = data.source_names()
    order = [a["source"] for a in data.articles]
    out = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>Concord consistency report</title>",
        f"<style>{_style()}</style></head><body>",
        "<header><h1>Concord consistency report</h1>",
        f"<p class=\"meta\">Generated {_e(data.generated_at)} from <code>{_e(data.db)}</code></p>",
        "<ul class=\"summary\">",
        f"<li><b>{len(data.articles)}</b> sources</li>",
        f"<li><b>{len(data.escalations)}</b> escalation windows</li>",
        f"<li><b>{sum(1 for c in data.concepts if c['kind'] == 'red_flag' and c['sources_affirming'])}</b> red flags stated</li>",
        f"<li><b>{sum(1 for c in data.concepts if c['sources_affirming'])}</b> concepts stated</li>",
        "</ul></header><main>",
        "<section id=\"sources\"><h2>Sources</h2><table><thead><tr><th>#</th><th>title</th>"
        "<th>publisher</th><th>author</th><th>published</th><th>findings</th></tr></thead><tbody>",
    ]
    for i, a in enumerate(data.articles, start=1):
        out.append(f"<tr><td>S{i}</td><td>{_source_link(a['source'], names[a['source']])}</td>"
                   f"<td>{_e(a['publisher'])}</td><td>{_e(a['author'])}</td>"
                   f"<td>{_e(a['published'])}</td><td>{a['findings']}</td></tr>")
    out.append("</tbody></table></section>")
    out.append("<section id=\"escalations\"><h2>Escalation windows side by side</h2>")
    out.append(_window_chart(data, names))
    if data.escalations:
        out.append("<table><thead><tr><th>action</th><th>window</th><th>source</th><th>evidence</th></tr></thead><tbody>")
        for e in data.escalations:
            out.append(
                f"<tr><td>{_e(ACTION_LABELS.get(e['action'], e['action']))}</td>"
                f"<td>{_e(window_text(e['min_days'], e['max_days']))}</td>"
                f"<td>{_e(names.get(e['source'], e['source']))}</td>"
                f"<td><blockquote>{_e(e['sentence'])}</blockquote>"
                f"<span class=\"where\">{_e(e['section'] or '')} · chars {e['start']}–{e['end']}</span></td></tr>")
        out.append("</tbody></table>")
    out.append("</section>")
    for kind, label in KIND_LABELS.items():
        rows = [c for c in data.concepts if c["kind"] == kind]
        if not rows:
            continue
        out.append(f"<section id=\"{kind}\"><h2>{_e(label)}: concepts × sources</h2>")
        out.append("<table class=\"matrix\"><thead><tr><th>concept</th><th>stated by</th>")
        out += [f"<th title=\"{_e(names[s])}\">S{i}</th>" for i, s in enumerate(order, start=1)]
        out.append("</tr></thead><tbody>")
        for c in rows:
            stated = set(c["affirming_sources"] or [])
            negated = set(c["negating_sources"] or [])
            cells = []
            for s in order:
                mark, css = ("✓", "yes") if s in stated else (("✗", "neg") if s in negated else ("", "no"))
                cells.append(f"<td class=\"{css}\">{mark}</td>")
            out.append(f"<tr><td>{_e(c['concept_label'] or c['concept'])}</td>"
                       f"<td>{c['sources_affirming']}/{len(order)}</td>{''.join(cells)}</tr>")
        out.append("</tbody></table></section>")
    if data.timings:
        out.append("<section id=\"timings\"><h2>Timing claims</h2><table><thead><tr><th>subject</th>"
                   "<th>relation</th><th>value</th><th>source</th><th>evidence</th></tr></thead><tbody>")
        for t in data.timings:
            value = (f"{t['min_value']:g}–{t['max_value']:g} {t['unit']}" if t["max_value"] is not None
                     else f"{t['min_value']:g}+ {t['unit']}")
            out.append(f"<tr><td>{_e(t['subject_label'] or t['subject'])}</td><td>{_e(t['relation'])}</td>"
                       f"<td>{_e(value)}</td><td>{_e(names.get(t['source'], t['source']))}</td>"
                       f"<td><blockquote>{_e(t['sentence'])}</blockquote></td></tr>")
        out.append("</tbody></table></section>")
    out.append("</main></body></html>\n")
    return "\n".join(out)

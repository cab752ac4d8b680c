"""The Markdown report: short enough to paste into a ticket, with quotes as evidence."""

from __future__ import annotations

from reports.build import KIND_LABELS, SEVERITIES, TYPE_LABELS, ReportData, value_text, window_text


def _cell(text: object) -> str:
    """Table-safe text: pipes and newlines would break the Markdown table."""
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ").strip()


def render_markdown(data: ReportData) -> str:
    names = data.source_names()
    counts = data.open_by_severity()
    lines = [
        "# Concord consistency report",
        "",
        f"Generated {data.generated_at} from `{data.db}`"
        + (f", topic `{data.topic_filter}`" if data.topic_filter else "")
        + f": {len(data.topics)} topics, {len(data.articles)} sources, open findings "
        + ", ".join(f"{counts[s]} {s}" for s in SEVERITIES) + ".",
        "",
    ]
    ch = data.changes
    if ch.previous_report:
        lines += [f"**Since the report of {ch.previous_at}:** {len(ch.new)} new, {len(ch.changed)} changed, "
                  f"{len(ch.resolved)} resolved.", ""]
        for label, items in (("new", ch.new), ("changed", ch.changed), ("resolved", ch.resolved)):
            lines += [f"- *{label}*: {_cell(i['summary'])}" for i in items[:30]]
        lines.append("")
    lines += ["## Findings", ""]
    if not data.findings:
        lines.append("No conflicts or omissions found.")
    for f in data.findings:
        lines += [f"### [{f['severity']}] {TYPE_LABELS.get(f['type'], f['type'])} · {f['topic_label']} "
                  f"· `{f['id']}` · {f['status']}", "", _cell(f["summary"]), ""]
        if f.get("review_note"):
            lines += [f"Editor: {_cell(f['review_note'])}", ""]
        lines += ["| source | evidence | value |", "|---|---|---|"]
        for s in f["sources"]:
            quote = f"“{_cell(s['quote'])}” ({_cell(s['section'])}, chars {s['start']}–{s['end']})" \
                if s["quote"] else "— not stated —"
            lines.append(f"| {_cell(names.get(s['source'], s['title'] or s['source']))} | {quote} | "
                         f"{_cell(value_text(s['value']))} |")
        lines.append("")
    for topic in data.topics:
        lines += [f"## {topic['label']} ({len(topic['articles'])} sources)", ""]
        rows = [e for e in data.escalations if e["topic"] == topic["id"]]
        if rows:
            lines += ["| escalation window | action | source | quote |", "|---|---|---|---|"]
            lines += [f"| {window_text(e['min_days'], e['max_days'])} | {e['action']} | "
                      f"{_cell(names.get(e['source'], e['source']))} | “{_cell(e['sentence'])}” |" for e in rows]
            lines.append("")
        consensus = [c for c in data.consensus if c["topic"] == topic["id"] and c["sources_affirming"]]
        for kind, label in KIND_LABELS.items():
            kind_rows = [c for c in consensus if c["kind"] == kind]
            if kind_rows:
                lines.append(f"**{label}:** " + "; ".join(
                    f"{c['concept_label'] or c['concept']} ({c['sources_affirming']}/{c['sources_in_topic']})"
                    for c in kind_rows))
                lines.append("")
    lines += ["## Article quality (JAMA criteria)", "", "| article | author | reviewer | dated | sources cited | disclosure | score |",
              "|---|---|---|---|---|---|---|"]
    for q in data.quality:
        lines.append(f"| {_cell(names.get(q['source'], q['source']))} | {_cell(q['author'] or '—')} | "
                     f"{_cell(q['reviewed_by'] or '—')} | {'yes' if q['dated'] else 'no'} | "
                     f"{'yes' if q['sources_cited'] else 'no'} | {'yes' if q['disclosure_present'] else 'no'} | "
                     f"{q['jama_score']}/5 |")
    return "\n".join(lines) + "\n"

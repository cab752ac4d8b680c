"""The Markdown report: short enough to paste into a ticket, with quotes as evidence."""

from __future__ import annotations

from reports.build import ACTION_LABELS, KIND_LABELS, ReportData, window_text


def _cell(text: object) -> str:
    """Table-safe text: pipes and newlines would break the Markdown table."""
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ").strip()


def render_markdown(data: ReportData) -> str:
    names = data.source_names()
    lines = [
        "# Concord consistency report",
        "",
        f"Generated {data.generated_at} from `{data.db}`: {len(data.articles)} articles, "
        f"{len(data.escalations)} escalation windows, "
        f"{sum(1 for c in data.concepts if c['sources_affirming'])} concepts stated.",
        "",
        "## Sources",
        "",
        "| # | title | publisher | author | published | findings |",
        "|---|---|---|---|---|---|",
    ]
    for i, a in enumerate(data.articles, start=1):
        lines.append(f"| {i} | {_cell(names[a['source']])} | {_cell(a['publisher'])} | "
                     f"{_cell(a['author'])} | {_cell(a['published'])} | {a['findings']} |")
    lines += ["", "## Escalation windows", ""]
    if data.escalations:
        lines += ["| action | window | source | quote | section |", "|---|---|---|---|---|"]
        for e in data.escalations:
            lines.append(
                f"| {ACTION_LABELS.get(e['action'], e['action'])} | "
                f"{window_text(e['min_days'], e['max_days'])} | {_cell(names.get(e['source'], e['source']))} | "
                f"“{_cell(e['sentence'])}” | {_cell(e['section'])} |")
    else:
        lines.append("No escalation windows found.")
    total = len(data.articles)
    for kind, label in KIND_LABELS.items():
        rows = [c for c in data.concepts if c["kind"] == kind]
        if not rows:
            continue
        lines += ["", f"## {label}: which sources state each", "",
                  f"| concept | sources (of {total}) | stated by | negated by |", "|---|---|---|---|"]
        for c in rows:
            stated = "; ".join(_cell(names.get(s, s)) for s in c["affirming_sources"] or [])
            negated = "; ".join(_cell(names.get(s, s)) for s in c["negating_sources"] or [])
            lines.append(f"| {_cell(c['concept_label'] or c['concept'])} | {c['sources_affirming']} | "
                         f"{stated} | {negated} |")
    if data.timings:
        lines += ["", "## Timing claims", "", "| subject | relation | value | source | quote |",
                  "|---|---|---|---|---|"]
        for t in data.timings:
            value = f"{t['min_value']:g}–{t['max_value']:g} {t['unit']}" if t["max_value"] is not None \
                else f"{t['min_value']:g}+ {t['unit']}"
            lines.append(f"| {_cell(t['subject_label'] or t['subject'])} | {_cell(t['relation'])} | "
                         f"{value} | {_cell(names.get(t['source'], t['source']))} | “{_cell(t['sentence'])}” |")
    return "\n".join(lines) + "\n"

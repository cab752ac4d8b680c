"""Consensus, conflicts, omissions, reference deviations and the review workflow, in SQL over a
real DuckDB file built from small hand-written articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.document import DocumentBuilder
from extractors.extract import extract, get_concept_matcher
from reports.analysis import Editorial
from reports.build import load_report_data, render_report
from warehouse.editorial import add_review
from warehouse.store import Warehouse


def article(source: str, title: str, *paragraphs: str, seek_help: list[str] | None = None):
    builder = DocumentBuilder()
    builder.heading(title, 1)
    for text in paragraphs:
        builder.paragraph(text)
    if seek_help:
        builder.heading("See a GP if", 2)
        for item in seek_help:
            builder.list_item(item)
    return extract(builder.build(source, "text", title=title))


BACK_A = article("/a.txt", "Back pain after lifting", "See a GP if your back pain lasts more than a week or two.",
                 seek_help=["you have loss of bladder or bowel control", "you have numbness around your genitals or bottom"])
BACK_B = article("/b.txt", "Lower back pain", "See a GP if your back pain lasts more than two to three weeks.",
                 seek_help=["you have loss of bladder or bowel control", "you have numbness around your genitals or bottom"])
BACK_C = article("/c.txt", "Back pain basics", "See a GP if your back pain lasts more than five days.",
                 "Bed rest is not recommended.", seek_help=["you have loss of bladder or bowel control",
                                                            "you have numbness around your genitals or bottom"])
BACK_D = article("/d.txt", "Back pain: what to do", "Bed rest helps back pain.")
HEAD = article("/h.txt", "Headache", "See a GP if your headache lasts more than three months.")


def load(db: Path, *extractions) -> None:
    with Warehouse.open(db) as wh:
        wh.refresh_concepts(get_concept_matcher().vocabulary)  # as the ingest flow does
        run = wh.start_run(len(extractions), "test", "test")
        wh.load_batch(run, list(extractions))


def findings_by_type(data) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for f in data.findings:
        grouped.setdefault(f["type"], []).append(f)
    return grouped


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "wh.duckdb"
    load(path, BACK_A, BACK_B, BACK_C, BACK_D, HEAD)
    return path


def test_topics_keep_headache_apart(db: Path) -> None:
    data = load_report_data(db, record=False)
    topics = {t["id"]: sorted(a["source"] for a in t["articles"]) for t in data.topics}
    assert topics["back_pain"] == ["/a.txt", "/b.txt", "/c.txt", "/d.txt"]
    assert topics["headache"] == ["/h.txt"]
    windows = [f for f in data.findings if f["type"] == "escalation_conflict"]
    assert all(f["topic"] == "back_pain" for f in windows)
    assert all(s["source"] != "/h.txt" for f in windows for s in f["sources"])


def test_escalation_conflict_graded_with_evidence(db: Path) -> None:
    data = load_report_data(db, record=False)
    (conflict,) = findings_by_type(data)["escalation_conflict"]
    assert conflict["grade"] == "contradiction"  # 5 days vs 2-3 weeks are disjoint
    assert conflict["severity"] == "critical"
    values = sorted((s["value"]["min_days"], s["value"]["max_days"]) for s in conflict["sources"])
    assert values == [(5.0, None), (7.0, 14.0), (14.0, 21.0)]
    for source in conflict["sources"]:
        text = {"/a.txt": BACK_A, "/b.txt": BACK_B, "/c.txt": BACK_C}[source["source"]].document.text
        assert text[source["start"]:source["end"]] == source["quote"]


def test_touching_windows_are_an_inconsistency(tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    load(db, BACK_A, BACK_B)
    (conflict,) = findings_by_type(load_report_data(db, record=False))["escalation_conflict"]
    assert conflict["grade"] == "inconsistency" and conflict["severity"] == "high"


def test_omission_of_a_common_red_flag(db: Path) -> None:
    omissions = findings_by_type(load_report_data(db, record=False))["omission"]
    omitted = {(f["concept"], f["sources"][0]["source"]) for f in omissions}
    # bladder/bowel: stated by 3 of 4 back-pain sources (a, b, c); d leaves it out. Half is not
    # "most": numbness around the genitals (3 of 4) is flagged for d too, nothing stated by 2 of 4.
    assert ("bladder_bowel_dysfunction", "/d.txt") in omitted
    assert not any(source == "/c.txt" for _, source in omitted)
    assert all(f["sources"][0]["quote"] is None for f in omissions)


def test_polarity_and_advice_conflicts(db: Path) -> None:
    grouped = findings_by_type(load_report_data(db, record=False))
    polarity = {f["concept"] for f in grouped["polarity_conflict"]}
    assert "bed_rest" in polarity  # d affirms bed rest, c says it is not recommended


def test_reference_deviation(db: Path) -> None:
    editorial = Editorial(reference_patterns=["/b.txt"])
    deviations = findings_by_type(load_report_data(db, editorial=editorial, record=False))["reference_deviation"]
    keys = {(f["concept"], f["sources"][0]["source"]) for f in deviations}
    assert ("bladder_bowel_dysfunction", "/d.txt") in keys
    window = [f for f in deviations if f["concept"] == "professional"]
    assert {f["grade"] for f in window} == {"contradiction", "inconsistency"}  # c: 5 days; a: 1-2 weeks


def test_ids_are_stable_and_reviews_stick_until_evidence_changes(db: Path, tmp_path: Path) -> None:
    first = load_report_data(db)
    conflict_id = findings_by_type(first)["escalation_conflict"][0]["id"]
    with Warehouse.open(db) as wh:
        add_review(wh, conflict_id, "dismissed", "audiences differ", "ed")
    # re-ingesting the same articles changes nothing: same id, still dismissed
    load(db, BACK_A, BACK_B, BACK_C, BACK_D, HEAD)
    second = load_report_data(db)
    again = [f for f in second.findings if f["id"] == conflict_id][0]
    assert again["status"] == "dismissed" and again["review_note"] == "audiences differ"
    assert not second.changes.new and not second.changes.changed and not second.changes.resolved
    # an article update moves a window: same finding id, evidence changed, back in the queue
    updated = article("/c.txt", "Back pain basics", "See a GP if your back pain lasts more than ten days.",
                      "Bed rest is not recommended.", seek_help=["you have numbness around your genitals or bottom"])
    load(db, updated)
    third = load_report_data(db)
    moved = [f for f in third.findings if f["id"] == conflict_id][0]
    assert moved["status"] == "evidence_changed"
    assert conflict_id in {c["finding_id"] for c in third.changes.changed}


def test_unknown_review_id_and_status(db: Path) -> None:
    from extractors.errors import UsageError

    with Warehouse.open(db) as wh:
        with pytest.raises(UsageError, match="no finding 'nope'"):
            add_review(wh, "nope", "fixed", None, "ed")
        with pytest.raises(UsageError, match="status must be one of"):
            add_review(wh, "nope", "maybe", None, "ed")


def test_json_contract(db: Path) -> None:
    data = json.loads(render_report(db, "json", record=False))
    assert {"generated_at", "topics", "findings", "consensus"} <= set(data)
    assert {"id", "label", "articles"} <= set(data["topics"][0])
    finding = data["findings"][0]
    assert {"id", "type", "topic", "concept", "severity", "status", "summary", "sources"} <= set(finding)
    assert {"source", "title", "quote", "section", "start", "end", "value"} <= set(finding["sources"][0])
    escalation = [f for f in data["findings"] if f["type"] == "escalation_conflict"][0]
    assert set(escalation["sources"][0]["value"]) == {"min_days", "max_days", "action"}
    consensus = {(c["topic"], c["concept"]): c for c in data["consensus"]}
    assert consensus[("back_pain", "bladder_bowel_dysfunction")]["share"] == 0.75


def test_topic_filter(db: Path) -> None:
    data = load_report_data(db, topic="headache", record=False)
    assert [t["id"] for t in data.topics] == ["headache"]
    assert all(f["topic"] == "headache" for f in data.findings)
    from extractors.errors import UsageError

    with pytest.raises(UsageError, match="unknown topic 'nope'"):
        load_report_data(db, topic="nope", record=False)


def test_window_naming_another_topics_condition_stays_in_that_topic(tmp_path: Path) -> None:
    """An article on back pain and muscle strain: its back-pain window is not a muscle-strain
    window, while a window that names no condition counts for both of its topics."""
    both = article("/both.txt", "Back pain and muscle strain after the gym",
                   "Muscle strain and muscle soreness are common after lifting.",
                   "See a GP if your back pain lasts more than a week or two.",
                   "If your symptoms have not improved after ten days, see a doctor.")
    strain = article("/strain.txt", "Muscle strain", "Muscle strain is common.",
                     "See a GP if your muscle strain has not improved after three days.")
    db = tmp_path / "wh.duckdb"
    load(db, both, strain)
    load_report_data(db, record=False)  # assigns topics
    with Warehouse.open(db, read_only=True) as wh:
        rows = wh.rows("SELECT topic, source, min_days FROM v_topic_escalations ORDER BY topic, source, min_days")
    got = [(r["topic"], r["source"], r["min_days"]) for r in rows]
    assert got == [
        ("back_pain", "/both.txt", 7.0), ("back_pain", "/both.txt", 10.0),
        ("muscle_pain", "/both.txt", 10.0), ("muscle_pain", "/strain.txt", 3.0),
    ], got


def test_analyst_views_are_current_right_after_an_ingest(tmp_path: Path) -> None:
    """No report needed: the ingest refreshes topics, so v_contradictions answers at once."""
    from pipelines.flows import ingest_sources
    from pipelines.settings import Settings

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, window in (("a", "a week or two"), ("b", "five days")):
        (folder / f"{name}.md").write_text(
            f"# Back pain after lifting\n\nSee a GP if your back pain lasts more than {window}.\n", encoding="utf-8")
    db = tmp_path / "wh.duckdb"
    summary = ingest_sources([str(folder)], Settings(db=db, cache=False), use_prefect=False)
    assert summary["status"] == "succeeded"
    with Warehouse.open(db, read_only=True) as wh:
        rows = wh.rows("SELECT type, grade, topic FROM v_contradictions")
    assert rows == [{"type": "escalation_conflict", "grade": "contradiction", "topic": "back_pain"}]


def test_broken_editorial_config_is_reported_on_the_run_not_fatal(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.flows import ingest_sources
    from pipelines.settings import Settings

    (tmp_path / "a.md").write_text("# Back pain\n\nSee a GP if it lasts more than a week.\n", encoding="utf-8")
    (tmp_path / "concord-editorial.toml").write_text("[pins\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    summary = ingest_sources([str(tmp_path / "a.md")], Settings(db=tmp_path / "wh.duckdb", cache=False),
                             use_prefect=False)
    assert summary["status"] == "succeeded" and summary["ingested"] == 1
    with Warehouse.open(tmp_path / "wh.duckdb", read_only=True) as wh:
        (run,) = wh.rows("SELECT status, message FROM ingest_runs")
    assert run["status"] == "succeeded"
    assert run["message"].startswith("analysis views not refreshed: ")
    assert "concord-editorial.toml" in run["message"]


def test_half_of_the_sources_is_not_most(tmp_path: Path) -> None:
    """Omission needs more than half of the topic's sources to state the red flag."""
    flag = ["you have loss of bladder or bowel control"]
    db = tmp_path / "wh.duckdb"
    load(db, article("/1.txt", "Back pain", "Rest a little.", seek_help=flag),
         article("/2.txt", "Back pain", "Keep moving.", seek_help=flag),
         article("/3.txt", "Back pain", "Try heat."), article("/4.txt", "Back pain", "Try ice."))
    assert "omission" not in findings_by_type(load_report_data(db, record=False))
    load(db, article("/5.txt", "Back pain", "Stretch gently.", seek_help=flag))
    omitted = {f["sources"][0]["source"] for f in findings_by_type(load_report_data(db, record=False))["omission"]}
    assert omitted == {"/3.txt", "/4.txt"}


@pytest.mark.parametrize("chunk", [1, 2, 1000])
def test_topic_and_reference_inputs_do_not_depend_on_chunking(db: Path, chunk: int) -> None:
    """The end-of-ingest refresh streams article profiles per id range and chunk; the result must
    be the same as one pass over everything, with every latest article considered once."""
    from reports.analysis import compute_inputs

    editorial = Editorial(pins={"/h.txt": ["headache"]}, reference_patterns=["/b.txt"])
    with Warehouse.open(db, read_only=True) as wh:
        whole = compute_inputs(wh, editorial, chunk=1000, id_ranges=(("0", "f"),))
        parts = compute_inputs(wh, editorial, chunk=chunk)
        ids = {r["article_id"]: r["source"] for r in wh.rows("SELECT article_id, source FROM v_articles")}
    key = lambda t: sorted(map(str, t.to_pylist()))  # noqa: E731
    assert key(parts[0]) == key(whole[0]) and key(parts[1]) == key(whole[1])
    by_source: dict[str, set[str]] = {}
    for row in parts[0].to_pylist():
        by_source.setdefault(ids[row["article_id"]], set()).add(row["topic"])
    assert by_source["/h.txt"] == {"headache"}  # pinned
    assert {"/a.txt", "/b.txt", "/c.txt", "/d.txt"} <= {s for s, topics in by_source.items() if "back_pain" in topics}
    assert [ids[r["article_id"]] for r in parts[1].to_pylist()] == ["/b.txt"]
    assert parts[1].to_pylist()[0]["matched_by"] == "pattern:/b.txt"


def test_row_chunks_stream_every_row_in_chunks(db: Path) -> None:
    with Warehouse.open(db, read_only=True) as wh:
        chunks = list(wh.row_chunks("SELECT source FROM v_articles ORDER BY source", 2))
        assert [len(c) for c in chunks] == [2, 2, 1]
        assert [r["source"] for c in chunks for r in c] == ["/a.txt", "/b.txt", "/c.txt", "/d.txt", "/h.txt"]
        assert wh.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5  # connection still usable


def test_an_equivalent_red_flag_is_not_an_omission(tmp_path: Path) -> None:
    """"If the pain doesn't improve" and "if your symptoms persist" are one warning to an editor
    (red_flags.yaml `equivalent`): saying either is not omitting the other, while an article that
    says neither still omits it."""
    persist = [article(f"/p{i}.txt", f"Back pain after lifting, part {i}", "If your symptoms persist, see a GP.")
               for i in range(3)]
    pain = article("/pain.txt", "Lower back pain", "See a GP if your back pain does not improve.")
    silent = article("/silent.txt", "Back pain basics", "Back pain is common after lifting.")
    db = tmp_path / "wh.duckdb"
    load(db, *persist, pain, silent)
    data = load_report_data(db, record=False)
    omitted = {(f["concept"], f["sources"][0]["source"]) for f in findings_by_type(data).get("omission", [])}
    assert ("symptoms_not_improving", "/silent.txt") in omitted
    assert ("symptoms_not_improving", "/pain.txt") not in omitted


def _analysis_tables(wh: Warehouse) -> dict[str, list[tuple]]:
    return {table: sorted(tuple(map(str, r.values())) for r in wh.rows(f"SELECT * FROM {table}"))
            for table in ("article_topics", "reference_sources", "analysed_articles")}


def test_incremental_refresh_equals_a_full_one(db: Path) -> None:
    """After a second ingest (a new article, a new version of an old one, a retitled one) the
    end-of-ingest refresh recomputes only those and ends where a full recompute does."""
    from reports.analysis import refresh_analysis

    editorial = Editorial(reference_patterns=["/n.txt"])
    with Warehouse.open(db) as wh:
        assert refresh_analysis(wh, editorial) == 5  # first refresh: no fingerprint yet
        assert refresh_analysis(wh, editorial) == 0  # nothing changed
        old_a = wh.rows("SELECT article_id FROM v_articles WHERE source = '/a.txt'")[0]["article_id"]
    load(db, article("/n.txt", "Neck pain", "See a GP if your neck pain lasts more than a week."),
         article("/a.txt", "Back pain after lifting", "See a GP if your back pain lasts more than six weeks."),
         article("/h.txt", "Lower back pain", "See a GP if your headache lasts more than three months."))
    with Warehouse.open(db) as wh:
        assert refresh_analysis(wh, editorial) == 3
        incremental = _analysis_tables(wh)
        assert refresh_analysis(wh, editorial, full=True) == 6
        assert _analysis_tables(wh) == incremental
        topics: dict[str, set[str]] = {}
        for r in wh.rows(
                "SELECT a.source, t.topic FROM article_topics t JOIN v_articles a USING (article_id)"):
            topics.setdefault(r["source"], set()).add(r["topic"])
        stale = wh.rows("SELECT count(*) AS n FROM article_topics WHERE article_id = ?", [old_a])[0]["n"]
    assert stale == 0  # the superseded version of /a.txt no longer has topic rows
    assert topics["/n.txt"] == {"neck_pain"} and "back_pain" in topics["/h.txt"]
    assert [r[1] for r in incremental["reference_sources"]] == ["pattern:/n.txt"]


def test_changed_configuration_recomputes_every_article(db: Path) -> None:
    from reports.analysis import refresh_analysis

    with Warehouse.open(db) as wh:
        refresh_analysis(wh, Editorial())
        assert refresh_analysis(wh, Editorial(pins={"/a.txt": ["headache"]})) == 5
        pinned = wh.rows("SELECT t.topic, t.assigned_by FROM article_topics t JOIN v_articles a"
                         " USING (article_id) WHERE a.source = '/a.txt'")
    assert pinned == [{"topic": "headache", "assigned_by": "pin"}]


@pytest.mark.parametrize(("articles", "passes"), [(0, 1), (1000, 1), (1001, 2), (5000, 8), (8001, 16), (10**6, 16)])
def test_analysis_passes_cover_every_id_once(articles: int, passes: int) -> None:
    """A few articles are profiled in one pass; many in up to 16 id slices (the end of an ingest
    runs under a 64 MB cap, which one pass over 5,000 articles exceeded)."""
    from reports.analysis import id_ranges_for

    ranges = id_ranges_for(articles)
    covered = [d for low, high in ranges for d in "0123456789abcdef" if low <= d <= high]
    assert len(ranges) == passes and covered == list("0123456789abcdef")


def test_a_failing_streamed_query_is_a_one_line_warehouse_error(db: Path) -> None:
    """The end-of-ingest refresh streams with row_chunks; a DuckDB error there (out of memory under
    the cap) must reach the run as a message, not as a traceback."""
    from extractors.errors import WarehouseError

    with Warehouse.open(db, read_only=True) as wh:
        with pytest.raises(WarehouseError, match=r"^query failed: Conversion Error: .*'x'") as info:
            list(wh.row_chunks("SELECT 'x'::INTEGER AS n", 10))
    assert "\n" not in str(info.value)

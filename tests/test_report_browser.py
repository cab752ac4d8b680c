"""The HTML report in a real headless Chromium: it renders, and article text never runs.

Skips when Debian's ``chromium`` is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractors.document import DocumentBuilder
from extractors.extract import extract
from reports.build import render_report
from warehouse.store import Warehouse

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAYLOAD = "<script>document.documentElement.setAttribute('data-pwned','yes')</script>"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _article(source: str, title: str, window: str, extra: str = ""):
    builder = DocumentBuilder()
    builder.heading(title, 1)
    builder.heading("When to see a GP", 2)
    builder.paragraph(f"See a GP if your back pain lasts more than {window}. {extra}")
    builder.paragraph("Loss of bladder or bowel control is a medical emergency.")
    return extract(builder.build(source, "text", title=title))


def _warehouse(db: Path) -> str:
    """Two back-pain articles whose windows conflict; one carries script payloads everywhere."""
    evil = _article("javascript:alert(1)", f"Back pain {PAYLOAD}", "two to three weeks",
                    PAYLOAD + "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">")
    good = _article("/articles/good.txt", "Back pain basics", "five days")
    with Warehouse.open(db) as wh:
        run = wh.start_run(2, "test", "test")
        wh.load_batch(run, [evil, good])
    return db.as_posix()


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=90)


def test_report_renders_and_escapes_article_text(tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    _warehouse(db)
    page = tmp_path / "report.html"
    page.write_text(render_report(db, "html"), encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    assert "<script>document" not in html  # the payload is escaped in the file itself

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert 'data-pwned="' not in dom, "article text executed as script"
    assert 'href="javascript:' not in dom
    assert "&lt;script&gt;" in dom  # shown as text instead
    assert 'class="chart"' in dom and "5 days" in dom and "14–21 days" in dom
    assert 'data-type="escalation_conflict"' in dom
    for section in ('id="summary"', 'id="findings"', 'id="topic-back_pain"', 'id="quality"', 'id="sources"'):
        assert section in dom

    shot = tmp_path / "report.png"
    _chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri())
    assert shot.is_file() and shot.stat().st_size > 10_000


def test_filter_script_runs_under_the_content_security_policy(tmp_path: Path) -> None:
    """A dismissed finding is hidden by the report's own script (so CSP let it run)."""
    from warehouse.editorial import add_review

    db = tmp_path / "wh.duckdb"
    _warehouse(db)
    render_report(db, "json")  # computes the analysis so the finding exists
    with Warehouse.open(db) as wh:
        finding = wh.rows("SELECT finding_id FROM v_analysis_findings WHERE type = 'escalation_conflict'")[0]
        add_review(wh, finding["finding_id"], "dismissed", "known", "tester")
    page = tmp_path / "report.html"
    page.write_text(render_report(db, "html"), encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    at = dom.index(f'id="f-{finding["finding_id"]}"')
    tag = dom[dom.rindex("<article", 0, at): dom.index(">", at) + 1]
    assert 'data-status="dismissed"' in tag
    assert "hidden" in tag, "the filter script did not run"

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


def _warehouse(db: Path) -> None:
    builder = DocumentBuilder()
    builder.heading(f"Back pain {PAYLOAD}", 1)
    builder.paragraph(f"See a GP if your back pain lasts more than two to three weeks. {PAYLOAD}")
    builder.paragraph("Loss of bladder or bowel control is a medical emergency.")
    builder.paragraph("<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">")
    doc = builder.build("javascript:alert(1)", "text", title=f"Evil {PAYLOAD}")
    with Warehouse.open(db) as wh:
        run = wh.start_run(1, "test", "test")
        wh.load_batch(run, [extract(doc)])


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=90)


def test_report_renders_and_escapes_article_text(tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    _warehouse(db)
    page = tmp_path / "report.html"
    page.write_text(render_report(db, "html"), encoding="utf-8")

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert 'data-pwned="' not in dom, "article text executed as script"
    assert 'href="javascript:' not in dom
    assert "&lt;script&gt;" in dom  # shown as text instead
    assert 'class="chart"' in dom and "14–21 days" in dom
    assert 'id="sources"' in dom and 'id="red_flag"' in dom

    shot = tmp_path / "report.png"
    _chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri())
    assert shot.is_file() and shot.stat().st_size > 10_000

"""Ingesting from a real local HTTP server: sitemap expansion, conditional GET on re-runs,
quarantine of failing URLs, and private addresses refused unless allowed."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipelines.flows import ingest_sources
from pipelines.settings import Settings
from warehouse.store import Warehouse

PAGE = """<!doctype html><html lang="en"><head><title>{title} | Clinic</title>
<meta property="og:site_name" content="Test Clinic"></head><body>
<nav><a href="/">Home</a> <a href="/book">Book an appointment</a></nav>
<main><article><h1>{title}</h1><p>Back pain after lifting is usually a muscle strain. Rest and
gentle stretching help most people recover within a couple of weeks.</p>
<h2>When to see a GP</h2><p>See a GP if:</p><ul><li>the pain lasts more than {window}</li>
<li>you have loss of bladder or bowel control</li></ul></article></main>
<footer>Cookie settings · Privacy</footer></body></html>"""


class Site(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    times: list[float] = []

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        Site.hits[self.path] = Site.hits.get(self.path, 0) + 1
        Site.times.append(time.monotonic())
        host = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if self.path == "/sitemap.xml":
            body = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<url><loc>{host}/a</loc></url><url><loc>{host}/b</loc></url>"
                    f"<url><loc>{host}/gone</loc></url></urlset>").encode()
            return self._send(200, body, "application/xml")
        if self.path in ("/a", "/b"):
            etag = f'"{self.path[1:]}-v1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            window = "a week or two" if self.path == "/a" else "two to three weeks"
            body = PAGE.format(title=f"Back pain {self.path[1:]}", window=window).encode()
            return self._send(200, body, "text/html; charset=utf-8", etag)
        return self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    Site.hits, Site.times = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_sitemap_ingest_and_conditional_get(site: str, tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "wh.duckdb", allow_private=True, rate_limit=50.0)
    first = ingest_sources([f"{site}/sitemap.xml"], settings, use_prefect=False)
    assert first["ingested"] == 2
    assert [q["reason"] for q in first["quarantined"]] == ["HTTP 404 Not Found"]
    with Warehouse.open(settings.db, read_only=True) as wh:
        rows = wh.rows("SELECT source, publisher, text FROM v_articles ORDER BY source")
        windows = wh.rows("SELECT min_days, max_days FROM v_escalations ORDER BY min_days")
    assert [r["source"] for r in rows] == [f"{site}/a", f"{site}/b"]
    assert all("Book an appointment" not in r["text"] and "Cookie" not in r["text"] for r in rows)
    assert windows == [{"min_days": 7.0, "max_days": 14.0}, {"min_days": 14.0, "max_days": 21.0}]

    second = ingest_sources([f"{site}/sitemap.xml"], settings, use_prefect=False)
    assert second["ingested"] == 0 and second["unchanged"] == 2  # both answered 304
    assert Site.hits["/a"] == 2 and Site.hits["/b"] == 2


def test_private_address_refused_by_default(site: str, tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "wh.duckdb")
    summary = ingest_sources([f"{site}/a"], settings, use_prefect=False)
    assert summary["ingested"] == 0
    (item,) = summary["quarantined"]
    assert item["stage"] == "fetch"
    assert "private" in item["reason"] or "loopback" in item["reason"], item["reason"]
    assert Site.hits.get("/a") is None  # refused before connecting


@pytest.mark.parametrize("rate_limit", [4.0, 10.0])
def test_requests_to_one_host_are_paced_by_rate_limit(site: str, tmp_path: Path, rate_limit: float) -> None:
    settings = Settings(db=tmp_path / "wh.duckdb", allow_private=True, rate_limit=rate_limit)
    ingest_sources([f"{site}/sitemap.xml"], settings, use_prefect=False)
    assert len(Site.times) >= 5  # robots.txt, sitemap, /a, /b, /gone
    gaps = [b - a for a, b in zip(Site.times, Site.times[1:])]
    # Sitemap expansion and page fetching use separate fetchers, so one gap may be short.
    paced = sorted(gaps)[1:]
    assert min(paced) >= 0.9 / rate_limit, (rate_limit, gaps)
    # ...and not slower than asked (the default is one request per second).
    assert sorted(gaps)[len(gaps) // 2] < 1.5 / rate_limit + 0.05, (rate_limit, gaps)

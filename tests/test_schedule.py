"""Scheduling against a real Prefect server: served deployments run on their schedule and write
to DuckDB; network tasks retry transient failures and only those.

The server and the serve process are subprocesses in their own process groups, always killed.
"""

from __future__ import annotations

import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.prefect

PREFECT = Path(sys.executable).with_name("prefect")
STARTUP_TIMEOUT = 60.0
RUNS_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Signal the whole process group, then kill it if it has not gone within 10 s."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``prefect server start`` on a free port, with its home and SQLite DB in a temp dir."""
    if not PREFECT.exists():
        pytest.skip("the prefect CLI is not installed in this environment")
    httpx = pytest.importorskip("httpx")
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(home),
           "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home / 'server.db'}",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "1"}
    env.pop("PREFECT_API_URL", None)
    log = (home / "server.log").open("wb")
    proc = subprocess.Popen([str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"prefect server exited early: {(home / 'server.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"prefect server not healthy after {STARTUP_TIMEOUT:g}s")
            time.sleep(0.5)
        yield url
    finally:
        stop(proc)
        log.close()


def completed_runs(url: str, deployment: str) -> int:
    import httpx

    body = {"deployments": {"name": {"any_": [deployment]}},
            "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}
    response = httpx.post(f"{url}/flow_runs/count", json=body, timeout=10)
    response.raise_for_status()
    return int(response.json())


def test_served_deployment_runs_on_schedule(prefect_server: str, tmp_path: Path, examples_dir: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(examples_dir, articles)
    db = tmp_path / "wh.duckdb"
    config = tmp_path / "concord.toml"
    config.write_text(textwrap.dedent(f"""
        [warehouse]
        db = "{db}"
        [sources.every5s]
        paths = ["articles"]
        schedule = {{ interval = "5s" }}
    """), encoding="utf-8")
    env = {**os.environ, "PREFECT_API_URL": prefect_server, "PREFECT_RUNNER_POLL_FREQUENCY": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}
    log = (tmp_path / "serve.log").open("wb")
    serve = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pipelines.schedule import serve; serve(sys.argv[1])", str(config)],
        env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + RUNS_TIMEOUT
        done = 0
        while done < 2:
            assert serve.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            assert time.monotonic() < deadline, f"{done} completed runs after {RUNS_TIMEOUT:g}s"
            time.sleep(1)
            done = completed_runs(prefect_server, "every5s")
    finally:
        # SIGTERM, not SIGINT: a child of a background job inherits SIGINT ignored. Either way
        # serve pauses its schedules and exits; its group takes the run in flight with it.
        stop(serve, signal.SIGTERM)
        log.close()

    from warehouse.store import Warehouse

    with Warehouse.open(db, read_only=True) as wh:
        runs = wh.rows("SELECT status, ingested, unchanged FROM ingest_runs WHERE finished_at IS NOT NULL"
                       " ORDER BY started_at")
        assert wh.counts()["articles"] == 5
    assert len(runs) >= 2
    assert all(r["status"] == "succeeded" for r in runs)
    assert runs[0]["ingested"] == 5 and all(r["ingested"] == 0 and r["unchanged"] == 5 for r in runs[1:])


class FlakyHandler(http.server.BaseHTTPRequestHandler):
    """/article fails with 500 twice, then serves a page; /gone is a 404; robots.txt is absent."""

    hits: dict[str, int] = {}
    lock = threading.Lock()
    PAGE = (b"<html><head><title>Back pain</title></head><body><article><h1>Back pain</h1>"
            b"<p>See a GP if back pain has not improved within 2 weeks.</p></article></body></html>")

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        with self.lock:
            count = self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.path == "/article" and count > 2:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(self.PAGE)))
            self.end_headers()
            self.wfile.write(self.PAGE)
            return
        status = 500 if self.path == "/article" else 404
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky_site() -> Iterator[str]:
    FlakyHandler.hits = {}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FlakyHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_task_retries_transient_errors_only(prefect_server: str, flaky_site: str) -> None:
    from prefect import flow
    from prefect.settings import PREFECT_API_URL, PREFECT_LOGGING_TO_API_ENABLED, temporary_settings

    from pipelines.flows import fetch_policy, fetch_url

    policy = fetch_policy(rate_limit=100.0, allowed_networks=("127.0.0.1/32",))
    quick = fetch_url.with_options(retry_delay_seconds=0)

    @flow(name="fetch-retry-check")
    def fetch_one(url: str) -> bytes:
        return quick(url, policy).content

    # No log shipping: the handler would flush after the module's server is gone.
    with temporary_settings({PREFECT_API_URL: prefect_server, PREFECT_LOGGING_TO_API_ENABLED: False}):
        assert fetch_one(f"{flaky_site}/article") == FlakyHandler.PAGE
        assert FlakyHandler.hits["/article"] == 3  # two 500s, each retried by Prefect, then 200
        state = fetch_one(f"{flaky_site}/gone", return_state=True)
    assert state.is_failed()
    assert FlakyHandler.hits["/gone"] == 1  # a 404 is the page's answer, not worth a retry

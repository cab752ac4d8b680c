"""Remote sources against a real HTTP server on 127.0.0.1 (nothing here touches the internet)."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from extractors.errors import FetchError, InputError
from pipelines.feeds import expand, expand_sources, looks_like_feed
from pipelines.fetch import (FetchPolicy, Fetcher, Validators, detect_charset, parse_retry_after,
                             redact_url)

HITS: Counter[str] = Counter()
PAGE = b"<html><head><title>Flu</title></head><body><p>Rest and fluids.</p></body></html>"
ETAG = '"v1"'
LAST_MODIFIED = "Mon, 06 Jan 2025 10:00:00 GMT"


def _bomb() -> bytes:
    """~50 MB of zeros, gzip-compressed to ~50 KB."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    return b"".join(squeeze.compress(zeros) for _ in range(50)) + squeeze.flush()


BOMB = _bomb()
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><link>http://a.test/&xxe;</link></item></channel></rss>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol2;</loc></url></urlset>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        HITS[self.path] += 1
        path, _, query = self.path.partition("?")
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        count = HITS[self.path]
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path == "/page":
            if self.headers.get("If-None-Match") == ETAG:
                self._send(304, headers={"ETag": ETAG})
            else:
                self._send(200, PAGE, "text/html; charset=ISO-8859-1",
                           {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})
        elif path == "/meta-charset":
            self._send(200, b'<html><head><meta charset="windows-1252"></head><body>x</body></html>')
        elif path == "/flaky429":
            if count == 1:
                self._send(429, b"slow down", headers={"Retry-After": "1"})
            else:
                self._send(200, PAGE)
        elif path == "/flaky500":
            self._send(500, b"oops") if count <= 2 else self._send(200, PAGE)
        elif path == "/always503":
            self._send(503, b"down")
        elif path.startswith("/loop-"):
            target = "/loop-b" if path == "/loop-a" else "/loop-a"
            self._send(302, headers={"Location": f"{target}?{query}"})
        elif path.startswith("/chain/"):
            self._send(301, headers={"Location": f"/chain/{int(path.rsplit('/', 1)[1]) + 1}"})
        elif path == "/to-private":
            self._send(302, headers={"Location": "http://10.0.0.1/admin"})
        elif path == "/to-internal-name":
            self._send(302, headers={"Location": "http://example.internal/"})
        elif path == "/to-creds":
            self._send(302, headers={"Location": base.replace("//", "//bob:hunter2@") + "/page"})
        elif path == "/to-page":
            self._send(307, headers={"Location": "page"})
        elif path == "/bomb":
            self._send(200, BOMB, headers={"Content-Encoding": "gzip"})
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Length", "999999999")
            self.end_headers()
        elif path in ("/stall", "/trickle"):
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html>" + b" " * 10)
            self.wfile.flush()
            for _ in range(60):
                time.sleep(0.05)
                if path == "/trickle":
                    self.wfile.write(b" ")
                    self.wfile.flush()
        elif path == "/private/x":
            self._send(200, PAGE)
        elif path == "/sitemap_index.xml":
            self._send(200, _index([f"{base}/sitemap-a.xml", f"{base}/sitemap-b.xml.gz"]), "application/xml")
        elif path == "/sitemap-a.xml":
            self._send(200, _urlset([f"{base}/a1", f"{base}/a2", f"{base}/shared"]), "application/xml")
        elif path == "/sitemap-b.xml.gz":
            self._send(200, gzip.compress(_urlset([f"{base}/shared", f"{base}/b1"])), "application/x-gzip")
        elif path == "/self-index.xml":
            self._send(200, _index([f"{base}/self-index.xml", f"{base}/sitemap-a.xml",
                                    f"{base}/self-index.xml"]), "application/xml")
        elif path == "/feed":
            self._send(200, _rss([f"{base}/news/1", "/news/2", f"{base}/news/1"]), "application/rss+xml")
        elif path == "/atom.xml":
            self._send(200, _atom(), "application/atom+xml")
        elif path == "/xxe.xml":
            self._send(200, XXE, "application/rss+xml")
        elif path == "/laughs.xml":
            self._send(200, LAUGHS, "application/xml")
        elif path == "/html-sitemap":
            self._send(200, b"<!DOCTYPE html><html><body>site map</body></html>")
        else:
            self._send(404, b"not here")


def _urlset(urls: list[str]) -> bytes:
    body = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9">{body}</urlset>').encode()


def _index(urls: list[str]) -> bytes:
    body = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{body}</sitemapindex>").encode()


def _rss(links: list[str]) -> bytes:
    items = "".join(f"<item><title>t</title><link>{u}</link></item>" for u in links)
    items += '<item><guid isPermaLink="true">http://127.0.0.1/guid-only</guid></item>'
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>c</title>{items}</channel></rss>'.encode()


def _atom() -> bytes:
    return b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://127.0.0.1/blog/">
  <title>t</title>
  <entry><title>1</title><link rel="alternate" href="posts/1"/><link rel="edit" href="/edit/1"/></entry>
  <entry><title>2</title><link href="http://127.0.0.1/blog/posts/2"/></entry>
</feed>"""


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up mid-body are the point of several tests


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def policy(**overrides: object) -> FetchPolicy:
    settings: dict[str, object] = dict(allowed_networks=("127.0.0.1/32",), per_host_interval=0.0,
                                       backoff_base=0.05, timeout=2.0, total_deadline=5.0)
    settings.update(overrides)
    return FetchPolicy(**settings)  # type: ignore[arg-type]


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(policy()) as client:
        yield client


def token() -> str:
    return uuid.uuid4().hex[:8]


def test_default_policy_refuses_loopback_before_any_request(base: str) -> None:
    path = f"/page?{token()}"
    with Fetcher() as client:
        with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
            client.fetch(base + path)
        port = base.rsplit(":", 1)[1]
        with pytest.raises(FetchError, match=r"refused: localhost resolves to loopback address"):
            client.fetch(f"http://localhost:{port}{path}")
    assert HITS[path] == 0


def test_allow_private_reaches_local_server(base: str) -> None:
    with Fetcher(FetchPolicy(allow_private=True, per_host_interval=0)) as client:
        assert client.fetch(base + "/page").status == 200


def test_conditional_get_and_charset_passthrough(base: str, fetcher: Fetcher) -> None:
    first = fetcher.fetch(base + "/page")
    assert (first.status, first.content, first.not_modified) == (200, PAGE, False)
    assert first.content_type == "text/html; charset=ISO-8859-1"
    assert first.charset == "iso8859-1"
    assert (first.etag, first.last_modified) == (ETAG, LAST_MODIFIED)
    second = fetcher.fetch(base + "/page", Validators(first.etag, first.last_modified))
    assert (second.status, second.content, second.not_modified) == (304, None, True)
    assert second.etag == ETAG and second.last_modified == LAST_MODIFIED
    assert fetcher.fetch(base + "/meta-charset").charset == "cp1252"


def test_relative_redirect_reports_final_url(base: str, fetcher: Fetcher) -> None:
    result = fetcher.fetch(base + "/to-page")
    assert result.final_url == base + "/page" and result.url == base + "/to-page"


def test_429_retry_after_is_honoured(base: str, fetcher: Fetcher) -> None:
    path = f"/flaky429?{token()}"
    started = time.monotonic()
    assert fetcher.fetch(base + path).content == PAGE
    assert time.monotonic() - started >= 0.95
    assert HITS[path] == 2


def test_500_twice_then_success(base: str, fetcher: Fetcher) -> None:
    path = f"/flaky500?{token()}"
    assert fetcher.fetch(base + path).status == 200
    assert HITS[path] == 3


def test_retries_give_up_with_last_status(base: str) -> None:
    path = f"/always503?{token()}"
    with Fetcher(policy(retries=2)) as client, pytest.raises(FetchError, match="HTTP 503 Service Unavailable after 3 attempts"):
        client.fetch(base + path)
    assert HITS[path] == 3


def test_404_is_not_retried(base: str, fetcher: Fetcher) -> None:
    path = f"/missing?{token()}"
    with pytest.raises(FetchError, match=r"^HTTP 404 Not Found$") as info:
        fetcher.fetch(base + path)
    assert isinstance(info.value, InputError) and info.value.stage == "fetch"
    assert HITS[path] == 1


def test_redirect_loop_and_chain_are_bounded(base: str, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.fetch(base + f"/loop-a?{token()}")
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
        fetcher.fetch(base + "/chain/0")
    assert HITS["/chain/5"] == 1 and HITS["/chain/6"] == 0


def test_redirect_to_private_address_refused_before_connecting(
        base: str, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch) -> None:
    connected: list[object] = []
    real_connect = socket.create_connection

    def recording_connect(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        connected.append(address[0])
        return real_connect(address, *args, **kwargs)  # type: ignore[arg-type]

    real_resolve = socket.getaddrinfo

    def fake_resolve(host: str, *args: object, **kwargs: object) -> list[tuple]:
        if host == "example.internal":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", 80))]
        return real_resolve(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", recording_connect)
    monkeypatch.setattr(socket, "getaddrinfo", fake_resolve)
    with pytest.raises(FetchError, match=r"refused: 10\.0\.0\.1 is a private address"):
        fetcher.fetch(base + "/to-private")
    with pytest.raises(FetchError, match=r"refused: example\.internal resolves to private address 10\.0\.0\.5"):
        fetcher.fetch(base + "/to-internal-name")
    assert connected and set(connected) == {"127.0.0.1"}


def test_credentials_refused_and_never_echoed(base: str, fetcher: Fetcher) -> None:
    url = base.replace("http://", "http://alice:s3cret@") + "/page"
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url)
    assert "credentials" in str(info.value) and "s3cret" not in str(info.value)
    assert "s3cret" not in redact_url(url) and redact_url(url).endswith("/page")
    with pytest.raises(FetchError, match="credentials") as info:
        fetcher.fetch(base + "/to-creds")  # also on a redirect hop
    assert "hunter2" not in str(info.value)


def test_other_schemes_refused(fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme 'file'"):
        fetcher.fetch("file:///etc/passwd")


def test_gzip_bomb_stops_at_the_cap(base: str) -> None:
    started = time.monotonic()
    with Fetcher(policy(max_bytes=1_000_000)) as client, pytest.raises(FetchError, match=r"response over 1,000,000 bytes"):
        client.fetch(base + "/bomb")
    assert time.monotonic() - started < 1.0


def test_declared_length_over_cap_refused_without_reading(base: str) -> None:
    with Fetcher(policy(max_bytes=1000)) as client, pytest.raises(FetchError, match=r"response over 1,000 bytes"):
        client.fetch(base + "/huge")


@pytest.mark.parametrize("path", ["/stall", "/trickle"])
def test_total_deadline_bounds_slow_servers(base: str, path: str) -> None:
    started = time.monotonic()
    with Fetcher(policy(timeout=10.0, total_deadline=0.6)) as client, pytest.raises(FetchError, match=r"timed out after 0\.6s"):
        client.fetch(base + f"{path}?{token()}")
    assert time.monotonic() - started < 1.2


def test_robots_txt_is_respected(base: str, fetcher: Fetcher) -> None:
    before = HITS["/private/x"]
    with pytest.raises(FetchError, match=r"robots.txt disallows /private/x"):
        fetcher.fetch(base + "/private/x")
    assert HITS["/private/x"] == before
    with Fetcher(policy(respect_robots=False)) as client:
        assert client.fetch(base + "/private/x").status == 200


def test_per_host_interval_spaces_requests(base: str) -> None:
    with Fetcher(policy(per_host_interval=0.3, respect_robots=False)) as client:
        started = time.monotonic()
        for _ in range(3):
            client.fetch(base + "/page")
    assert time.monotonic() - started >= 0.55


def test_sitemap_index_expands_to_article_urls(base: str, fetcher: Fetcher) -> None:
    urls, failures = expand_sources([base + "/sitemap_index.xml", base + "/article"], fetcher)
    assert urls == [base + "/a1", base + "/a2", base + "/shared", base + "/b1", base + "/article"]
    assert failures == []


def test_self_referencing_sitemap_index_is_bounded(base: str, fetcher: Fetcher) -> None:
    before = HITS["/self-index.xml"]
    urls, failures = expand_sources([base + "/self-index.xml"], fetcher)
    assert urls == [base + "/a1", base + "/a2", base + "/shared"]
    assert HITS["/self-index.xml"] == before + 1 and failures == []


def test_url_budget_is_enforced(base: str, fetcher: Fetcher) -> None:
    urls, failures = expand_sources([base + "/sitemap_index.xml"], fetcher, max_urls=2)
    assert urls == [base + "/a1", base + "/a2"]
    assert failures and "over 2 article URLs" in failures[0][1]


def test_rss_and_atom_feeds(base: str, fetcher: Fetcher) -> None:
    urls, failures = expand_sources([base + "/feed", base + "/atom.xml"], fetcher)
    assert urls == [base + "/news/1", base + "/news/2", "http://127.0.0.1/guid-only",
                    "http://127.0.0.1/blog/posts/1", "http://127.0.0.1/blog/posts/2"]
    assert failures == []


def test_xxe_and_billion_laughs_refused(base: str, fetcher: Fetcher) -> None:
    urls, failures = expand_sources([base + "/xxe.xml", base + "/laughs.xml", base + "/missing.xml"],
                                    fetcher)
    assert urls == []
    assert [reason for _, reason in failures] == [
        "refused: XML with a DOCTYPE or ENTITY declaration",
        "refused: XML with a DOCTYPE or ENTITY declaration",
        "HTTP 404 Not Found"]
    with pytest.raises(FetchError, match="DOCTYPE"):
        expand("http://x.test/f.xml", XXE)


def test_html_at_a_feed_like_url_is_kept_as_an_article(base: str, fetcher: Fetcher) -> None:
    assert expand_sources([base + "/html-sitemap"], fetcher) == ([base + "/html-sitemap"], [])


def test_helpers() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert parse_retry_after("soon") is None
    assert detect_charset(None, b"\xef\xbb\xbfhello") == "utf-8"
    assert detect_charset("text/html; charset=bogus", b"<?xml version='1.0' encoding='latin-1'?>") == "iso8859-1"
    assert looks_like_feed("https://x.test/sitemap.xml") and looks_like_feed("https://x.test/feed/")
    assert not looks_like_feed("https://x.test/feeding-your-baby")

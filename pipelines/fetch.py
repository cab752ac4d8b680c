"""Fetching pages over HTTP politely and defensively, for ``concord ingest https://...``.

The URLs come from strangers (command lines, sitemaps, feeds), so every hop of a fetch is
checked: scheme, no credentials, and the address it resolves to (loopback, private, link-local
and reserved ranges are refused unless allowed, checked after DNS and before connecting, on
every redirect). Bodies are streamed and counted after decompression so a gzip bomb stops at
the cap, and every socket operation is clamped to one deadline for the whole fetch, so neither a
stalled nor a trickling server can hold a run. Every failure is a ``FetchError`` whose message
is the one-line quarantine reason.
"""

from __future__ import annotations

import codecs
import contextvars
import email.utils
import ipaddress
import random
import re
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from extractors.errors import FetchError

USER_AGENT = "Concord/0.1 (+health content QA)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 512_000
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
_CHARSET_DECL = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

# Monotonic deadline of the fetch running in this thread; the network layer clamps to it.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("concord_fetch_deadline",
                                                                        default=None)


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 15.0             # seconds per connect / read / write
    total_deadline: float = 60.0      # seconds for a whole fetch: robots, redirects, retries, waits
    max_bytes: int = 20_000_000       # decompressed body cap
    retries: int = 3                  # extra attempts after network errors, 429 and 5xx
    backoff_base: float = 0.5         # first retry delay; doubles each attempt
    max_retry_after: float = 60.0     # a longer Retry-After is capped to this
    per_host_interval: float = 1.0    # seconds between requests to one host (robots Crawl-delay may raise it)
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    allow_private: bool = False       # --allow-private: any address at all
    allowed_networks: tuple[str, ...] = ()  # narrower exemptions, e.g. ("127.0.0.1/32",)
    max_redirects: int = 5


@dataclass(frozen=True)
class Validators:
    """What a previous run stored, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int
    content: bytes | None             # None when not_modified
    content_type: str | None          # the header as sent, charset parameter included
    etag: str | None
    last_modified: str | None
    not_modified: bool
    charset: str | None = None        # header charset, else BOM, else <meta>/XML declaration


class RefusedAddress(FetchError):
    """The URL or an address it resolves to is not one we may connect to."""


def redact_url(url: str) -> str:
    """The URL without any user:password@ part: the only form that may be logged or stored."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(invalid URL)"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))


def detect_charset(content_type: str | None, body: bytes) -> str | None:
    """HTTP charset parameter first (it overrides the page), then a BOM, then a declaration."""
    candidates: list[str] = []
    if content_type:
        match = re.search(r"charset\s*=\s*\"?([^\";\s]+)", content_type, re.IGNORECASE)
        if match:
            candidates.append(match.group(1))
    candidates += [name for bom, name in _BOMS if body.startswith(bom)]
    match = _CHARSET_DECL.search(body[:4096])
    if match:
        candidates.append((match.group(1) or match.group(2)).decode("ascii", "replace"))
    for name in candidates:
        try:
            return codecs.lookup(name.strip().lower()).name
        except LookupError:
            continue
    return None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _remaining() -> float | None:
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def _clamp(timeout: float | None, exc: type[Exception]) -> float | None:
    """The per-operation timeout, never past this fetch's deadline."""
    remaining = _remaining()
    if remaining is None:
        return timeout
    if remaining <= 0:
        raise exc("fetch deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _AddressGuard:
    """Decides which IP addresses a policy lets us connect to."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.allow_all = policy.allow_private
        self.networks = [ipaddress.ip_network(n, strict=False) for n in policy.allowed_networks]

    def problem(self, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if self.allow_all or any(ip in net for net in self.networks):
            return None
        for kind in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
            if getattr(ip, f"is_{kind}"):
                return kind.replace("_", "-")
        return None if ip.is_global else "non-public"

    def resolve(self, host: str, port: int) -> list[str]:
        """Every address of ``host``, refusing the lot if any is off-limits (no mixed answers)."""
        try:
            literal = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            literal = None
        if literal is not None:
            kind = self.problem(literal)
            if kind:
                raise RefusedAddress(f"refused: {literal} is a {kind} address (see --allow-private)")
            return [str(literal)]
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for address in addresses:
            kind = self.problem(ipaddress.ip_address(address.split("%", 1)[0]))
            if kind:
                raise RefusedAddress(f"refused: {host} resolves to {kind} address {address}")
        return addresses


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write stops at the fetch deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(
            ssl_context, server_hostname, _clamp(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves once, checks the addresses, then connects to a checked IP (no DNS rebinding)."""

    def __init__(self, guard: _AddressGuard) -> None:
        self._guard = guard

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
        error: Exception | None = None
        for address in self._guard.resolve(host, port):
            try:
                stream = super().connect_tcp(address, port, _clamp(timeout, httpcore.ConnectTimeout),
                                             local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream)
        raise error or httpcore.ConnectError(f"no address for {host}")


class _Inflater:
    """One Content-Encoding, decoded with a bounded output per chunk."""

    def __init__(self, encoding: str) -> None:
        self._deflate = encoding == "deflate"
        self._z = zlib.decompressobj(15 if self._deflate else 31)
        self._fed = False

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._z.decompress(data, limit)
        except zlib.error:
            if not (self._deflate and not self._fed):
                raise FetchError("corrupt compressed response body") from None
            self._z = zlib.decompressobj(-15)  # "deflate" sent as a raw stream, as many servers do
            out = self._z.decompress(data, limit)
        self._fed = True
        return out


@dataclass
class _Response:
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes | None


class Fetcher:
    """One HTTP client plus per-host politeness state; use as a context manager."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._guard = _AddressGuard(self.policy)
        transport = httpx.HTTPTransport(retries=0)
        pool = getattr(transport, "_pool", None)
        if pool is None or not hasattr(pool, "_network_backend"):
            raise RuntimeError("unsupported httpx/httpcore version: cannot install the address guard")
        pool._network_backend = _GuardedBackend(self._guard)
        # trust_env=False: a proxy from the environment would bypass the address checks.
        self._client = httpx.Client(transport=transport, follow_redirects=False, trust_env=False,
                                    timeout=httpx.Timeout(self.policy.timeout))
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._interval: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | str] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, validators: Validators | None = None) -> FetchResult:
        """GET ``url`` (conditionally, given validators); raises ``FetchError`` with the reason."""
        token = _DEADLINE.set(time.monotonic() + self.policy.total_deadline)
        try:
            response, final_url = self._follow(url, validators, self.policy.max_bytes,
                                               self.policy.respect_robots)
        finally:
            _DEADLINE.reset(token)
        headers = response.headers
        common = dict(url=url, final_url=final_url, status=response.status,
                      content_type=headers.get("content-type"), etag=headers.get("etag"),
                      last_modified=headers.get("last-modified"))
        if response.status == 304:
            if validators is None:
                raise FetchError("HTTP 304 Not Modified to an unconditional request")
            # A 304 may omit the validators; keep the ones we sent so the caller can store them again.
            common["etag"] = common["etag"] or validators.etag
            common["last_modified"] = common["last_modified"] or validators.last_modified
            return FetchResult(content=None, not_modified=True, **common)
        if not 200 <= response.status < 300:
            raise FetchError(f"HTTP {response.status} {response.reason}".rstrip())
        body = response.body or b""
        return FetchResult(content=body, not_modified=False,
                           charset=detect_charset(common["content_type"], body), **common)

    # -- one URL, hop by hop -------------------------------------------------------------------

    def _follow(self, url: str, validators: Validators | None, max_bytes: int,
                check_robots: bool) -> tuple[_Response, str]:
        """Follow redirects by hand so every hop gets the address, scheme and robots checks."""
        seen = {url}
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self._check_url(current)
            if check_robots:
                self._check_robots(current)
            response = self._with_retries(current, self._headers(validators), max_bytes)
            if response.status not in REDIRECT_STATUSES:
                return response, current
            location = response.headers.get("location", "").strip()
            if not location:
                raise FetchError(f"HTTP {response.status} redirect without a Location header")
            current = urljoin(current, location).partition("#")[0]
            if current in seen:
                raise FetchError(f"redirect loop at {redact_url(current)}")
            seen.add(current)
        raise FetchError(f"too many redirects (more than {self.policy.max_redirects})")

    def _headers(self, validators: Validators | None) -> dict[str, str]:
        headers = {"User-Agent": self.policy.user_agent, "Accept": _ACCEPT,
                   "Accept-Encoding": "gzip, deflate"}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        return headers

    def _check_url(self, url: str) -> None:
        """Cheap checks before any I/O; the resolved addresses are checked again on connect."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            raise RefusedAddress(f"refused: invalid URL {redact_url(url)!r}") from None
        if parts.scheme.lower() not in ("http", "https"):
            raise RefusedAddress(f"refused: unsupported URL scheme {parts.scheme!r}")
        if parts.username is not None or parts.password is not None:
            raise RefusedAddress("refused: URL contains credentials (user:password@)")
        if not parts.hostname:
            raise RefusedAddress("refused: URL has no host")
        try:
            literal = ipaddress.ip_address(parts.hostname)
        except ValueError:
            return
        self._guard.resolve(str(literal), port or 0)

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            rules = self._robots.get(origin)
        if rules is None:
            rules = self._load_robots(origin)
            with self._lock:
                self._robots[origin] = rules
        if isinstance(rules, str):
            raise FetchError(rules)
        if not rules.can_fetch(self.policy.user_agent, url):
            raise FetchError(f"robots.txt disallows {parts.path or '/'}")

    def _load_robots(self, origin: str) -> RobotFileParser | str:
        """Parsed rules, or the reason every URL on the origin fails (RFC 9309 semantics)."""
        rules = RobotFileParser(origin + "/robots.txt")
        try:
            response, _ = self._follow(origin + "/robots.txt", None, ROBOTS_MAX_BYTES, False)
        except RefusedAddress:
            raise
        except FetchError as exc:
            return f"robots.txt unavailable: {exc}"
        if response.status >= 500:
            return f"robots.txt unavailable: HTTP {response.status} {response.reason}".rstrip()
        if 200 <= response.status < 300:
            rules.parse((response.body or b"").decode("utf-8", "replace").splitlines())
            delay = rules.crawl_delay(self.policy.user_agent)
            if delay:
                with self._lock:
                    self._interval[urlsplit(origin).hostname or ""] = min(float(delay), 30.0)
        else:
            rules.allow_all = True  # 4xx: no robots.txt, no restrictions
        return rules

    # -- one request, with politeness and retries ----------------------------------------------

    def _wait_turn(self, host: str) -> None:
        """Space requests to one host; reserve a slot under the lock, sleep outside it."""
        with self._lock:
            interval = max(self.policy.per_host_interval, self._interval.get(host, 0.0))
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = slot + interval
        self._sleep(slot - now)

    def _sleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        remaining = _remaining()
        if remaining is not None and seconds > remaining:
            raise FetchError(f"timed out after {self.policy.total_deadline:g}s")
        time.sleep(seconds)

    def _with_retries(self, url: str, headers: dict[str, str], max_bytes: int) -> _Response:
        host = urlsplit(url).hostname or ""
        reason = ""
        for attempt in range(self.policy.retries + 1):
            self._wait_turn(host)
            retry_after: float | None = None
            try:
                response = self._send(url, headers, max_bytes)
            except httpx.TimeoutException:
                if (_remaining() or 0.0) <= 0.01:
                    raise FetchError(f"timed out after {self.policy.total_deadline:g}s") from None
                reason = f"timed out (no data for {self.policy.timeout:g}s)"
            except (httpx.TransportError, httpx.DecodingError) as exc:
                reason = f"network error: {' '.join(str(exc).split()) or type(exc).__name__}"
            else:
                if response.status not in RETRY_STATUSES:
                    return response
                reason = f"HTTP {response.status} {response.reason}".rstrip()
                retry_after = parse_retry_after(response.headers.get("retry-after"))
            if attempt == self.policy.retries:
                break
            delay = retry_after if retry_after is not None else (
                self.policy.backoff_base * 2 ** attempt * (1 + 0.1 * random.random()))
            delay = min(delay, self.policy.max_retry_after)
            remaining = _remaining()
            if remaining is not None and delay >= remaining:
                raise FetchError(f"{reason}; no time left to retry within {self.policy.total_deadline:g}s")
            time.sleep(delay)
        attempts = self.policy.retries + 1
        raise FetchError(f"{reason} after {attempts} attempt{'s' if attempts > 1 else ''}")

    def _send(self, url: str, headers: dict[str, str], max_bytes: int) -> _Response:
        try:
            request = self._client.build_request("GET", url, headers=headers)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol):
            raise RefusedAddress(f"refused: invalid URL {redact_url(url)!r}") from None
        response = self._client.send(request, stream=True)
        try:
            body = None
            if 200 <= response.status_code < 300:
                body = _read_body(response, max_bytes)
            return _Response(response.status_code, response.reason_phrase, response.headers, body)
        finally:
            response.close()


def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """The decompressed body, refused as soon as it passes ``max_bytes`` (bombs stop early)."""
    too_big = FetchError(f"response over {max_bytes:,} bytes")
    encodings = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",")]
    encodings = [e for e in encodings if e and e != "identity"]
    if len(encodings) > 1 or (encodings and encodings[0] not in ("gzip", "x-gzip", "deflate")):
        raise FetchError(f"unsupported Content-Encoding {', '.join(encodings)}")
    length = response.headers.get("content-length", "")
    if not encodings and length.isdigit() and int(length) > max_bytes:
        raise too_big
    inflater = _Inflater(encodings[0]) if encodings else None
    out = bytearray()
    for raw in response.iter_raw():
        chunk = inflater.feed(raw, max_bytes - len(out) + 1) if inflater else raw
        out += chunk
        if len(out) > max_bytes:
            raise too_big
    return bytes(out)

"""Fetching a feed over HTTP(S) with httpx: politely (conditional requests, a User-Agent naming the unit),
defensively (timeout, size limit while streaming, redirect limit) and patiently (retries with backoff).

A failure is returned as a `Problem` on the result, never raised, so that one bad feed never stops
the others."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import httpx

from pasopati_cli import __version__
from pasopati_cli.problems import Problem, problem

Status = Literal["ok", "not_modified", "error"]
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Fetched:
    url: str
    status: Status
    http_status: int | None = None
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    problem: Problem | None = None
    attempts: int = 1


def user_agent(unit_name: str | None) -> str:
    unit = f"; {unit_name}" if unit_name else ""
    return f"pasopati/{__version__} (pemantauan media / media monitoring{unit})"


@dataclass
class Fetcher:
    user_agent: str
    timeout: float = 15.0
    retries: int = 2
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    backoff: float = 1.0  # seconds before the first retry; doubled each time, with jitter
    sleep: Callable[[float], None] = time.sleep
    transport: httpx.BaseTransport | None = None
    _client: httpx.Client | None = field(default=None, init=False, repr=False)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate", "Accept": _ACCEPT},
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=True,
                max_redirects=self.max_redirects,
                transport=self.transport,
            )
        return self._client

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            attempt += 1
            result = self._once(url, headers)
            retry = result.status == "error" and (
                result.problem is not None
                and (result.problem.code in ("P820", "P824") or result.http_status in RETRY_STATUSES)
            )
            if not retry or attempt > self.retries:
                return Fetched(**{**result.__dict__, "attempts": attempt})
            self.sleep(self.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 2))

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        deadline = time.monotonic() + self.timeout * 2
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(
                        url,
                        "not_modified",
                        304,
                        etag=_header(response, "etag"),
                        last_modified=_header(response, "last-modified"),
                    )
                if response.status_code >= 400:
                    return Fetched(
                        url, "error", response.status_code, problem=problem("P821", status=response.status_code)
                    )
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    return Fetched(url, "error", response.status_code, problem=problem("P822", limit=self.max_bytes))
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():  # decoded: a gzip bomb is counted as it unpacks
                    size += len(chunk)
                    if size > self.max_bytes:
                        return Fetched(
                            url, "error", response.status_code, problem=problem("P822", limit=self.max_bytes)
                        )
                    if time.monotonic() > deadline:
                        return Fetched(
                            url, "error", response.status_code, problem=problem("P820", seconds=self.timeout)
                        )
                    chunks.append(chunk)
                return Fetched(
                    url,
                    "ok",
                    response.status_code,
                    b"".join(chunks),
                    _header(response, "etag"),
                    _header(response, "last-modified"),
                )
        except httpx.TooManyRedirects:
            return Fetched(url, "error", problem=problem("P823", limit=self.max_redirects))
        except httpx.TimeoutException:
            return Fetched(url, "error", problem=problem("P820", seconds=self.timeout))
        except (httpx.HTTPError, httpx.InvalidURL, ValueError, OSError) as exc:
            return Fetched(url, "error", problem=problem("P824", reason=_reason(exc)))


_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


def _header(response: httpx.Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value[:500] if value else None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:200]

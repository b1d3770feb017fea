"""A local HTTP server (127.0.0.1 only) serving recorded fictional feeds and every way a feed can fail."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = Path(__file__).parent / "monitor_feeds"
ETAG = '"warta-v1"'
LAST_MODIFIED = "Thu, 26 Nov 2026 03:00:00 GMT"


class FeedServer:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.seen_headers: dict[str, dict[str, str]] = {}
        self.slow_seconds = 1.0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                owner.hits[path] += 1
                owner.seen_headers[path] = {k.lower(): v for k, v in self.headers.items()}
                route = getattr(self, "route_" + path.strip("/").replace("-", "_"), None)
                if route is None:
                    self.send_error(404)
                    return
                route()

            def _send(self, body: bytes, content_type: str = "application/rss+xml", status: int = 200,
                      headers: dict[str, str] | None = None) -> None:  # fmt: skip
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def route_warta(self) -> None:
                if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                    self.send_response(304)
                    self.send_header("ETag", ETAG)
                    self.end_headers()
                    return
                body = (FEEDS / "warta_nasional.rss.xml").read_bytes()
                self._send(body, headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

            def route_jurnal(self) -> None:
                body = (FEEDS / "jurnal_lokal.atom.xml").read_bytes()
                if "gzip" in self.headers.get("Accept-Encoding", ""):
                    self._send(gzip.compress(body), "application/atom+xml", headers={"Content-Encoding": "gzip"})
                else:
                    self._send(body, "application/atom+xml")

            def route_hostile(self) -> None:
                self._send((FEEDS / "hostile.rss.xml").read_bytes())

            def route_malformed(self) -> None:
                self._send((FEEDS / "malformed.xml").read_bytes(), "application/xml")

            def route_html(self) -> None:
                self._send((FEEDS / "not_a_feed.html").read_bytes(), "text/html")

            def route_error(self) -> None:
                self._send(b"internal error", "text/plain", status=500)

            def route_slow(self) -> None:
                time.sleep(owner.slow_seconds)
                self._send((FEEDS / "warta_nasional.rss.xml").read_bytes())

            def route_loop(self) -> None:
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def route_huge(self) -> None:
                """50 MB with no length announced: the client must stop reading, not the server."""
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                chunk = b"<!-- " + b"x" * 65_000 + b" -->\n"
                try:
                    self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
                    for _ in range(50_000_000 // len(chunk)):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def route_huge_declared(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(50_000_000))
                self.end_headers()

        return Handler


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()

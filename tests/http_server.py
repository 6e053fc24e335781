"""A real HTTP server on 127.0.0.1 for the fetch and batch tests: every route is a behaviour."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.test_api import ARTICLE_HTML

UTF8_PAGE = """<html><head><meta charset="utf-8"><title>Grüße</title></head><body><article>
<p>Grüße aus Köln: the café on the corner serves crème brûlée to naïve tourists every day.</p>
</article></body></html>"""
CP1252_PAGE = UTF8_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
    "every day.", "every day, “quoted” in the guide."
)
ROBOTS = "User-agent: *\nDisallow: /private\n"


def _bomb() -> bytes:
    """64 MB of zeros, gzip-compressed to about 64 KB, built without holding the 64 MB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    return b"".join(packer.compress(zeros) for _ in range(64)) + packer.flush()


BOMB = _bomb()


class Handler(BaseHTTPRequestHandler):
    hits: Counter[str]  # set per server: how often each path was asked for

    def log_message(self, format: str, *args: object) -> None:  # keep the test output quiet
        pass

    def do_GET(self) -> None:
        self.hits[self.path] += 1
        route = ROUTES.get(self.path.split("?")[0])
        try:
            if route is None:
                self.send(404, b"not found")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as the limits tell it to

    def send(self, status: int, body: bytes, content_type: str = "text/html", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send(302, b"", Location=location)

    def stream(self, chunks: Iterator[bytes], content_type: str = "text/html") -> None:
        """A body without Content-Length, ended by closing the connection (HTTP/1.0)."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()


def _once_then_page(status: int, **headers: str) -> Callable[[Handler], None]:
    """Fails with `status` on the first request, then serves the article (a flaky server)."""

    def route(handler: Handler) -> None:
        if handler.hits[handler.path] == 1:
            handler.send(status, b"try again", **headers)
        else:
            handler.send(200, ARTICLE_HTML.encode())

    return route


def _trickle() -> Iterator[bytes]:
    yield b"<html><body><p>"
    while True:
        time.sleep(0.1)
        yield b"a"


def _endless() -> Iterator[bytes]:
    while True:
        yield b"<p>endless</p>" * 4096


def _slow(handler: Handler) -> None:
    time.sleep(3)
    handler.send(200, ARTICLE_HTML.encode())


ROUTES: dict[str, Callable[[Handler], None]] = {
    "/article": lambda h: h.send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8"),
    "/private/page": lambda h: h.send(200, ARTICLE_HTML.encode()),
    "/robots.txt": lambda h: h.send(200, ROBOTS.encode(), "text/plain"),
    "/dump.txt": lambda h: h.send(200, b"Just one line of plain text, not HTML at all.", "text/plain"),
    "/hop1": lambda h: h.redirect("/hop2"),
    "/hop2": lambda h: h.redirect(f"http://{h.headers['Host']}/article"),
    "/loop-a": lambda h: h.redirect("/loop-b"),
    "/loop-b": lambda h: h.redirect("/loop-a"),
    "/to-file": lambda h: h.redirect("file:///etc/passwd"),
    "/missing": lambda h: h.send(404, b"<h1>Not Found</h1>"),
    "/broken": lambda h: h.send(500, b"<h1>Internal Server Error</h1>"),
    "/flaky": _once_then_page(503),
    "/busy": _once_then_page(429, Retry_After="1"),
    "/busy-for-an-hour": lambda h: h.send(429, b"later", Retry_After="3600"),
    "/slow": _slow,
    "/trickle": lambda h: h.stream(_trickle()),
    "/endless": lambda h: h.stream(_endless()),
    "/huge": lambda h: h.send(200, b"x" * 3_000_000),
    "/gzip": lambda h: h.send(200, gzip.compress(ARTICLE_HTML.encode()), Content_Encoding="gzip"),
    "/bomb": lambda h: h.send(200, BOMB, Content_Encoding="gzip"),
    "/corrupt-gzip": lambda h: h.send(200, b"\x1f\x8b\x08\x00garbage" * 10, Content_Encoding="gzip"),
    "/latin1-header-utf8-page": lambda h: h.send(200, UTF8_PAGE.encode(), "text/html; charset=ISO-8859-1"),
    "/utf8-header-cp1252-page": lambda h: h.send(
        200, CP1252_PAGE.encode("cp1252"), "text/html; charset=utf-8"
    ),
    "/image": lambda h: h.send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"),
    "/user-agent": lambda h: h.send(200, h.headers["User-Agent"].encode(), "text/plain"),
}


@contextmanager
def serve() -> Iterator[tuple[str, Counter[str]]]:
    """The server's base URL (http://127.0.0.1:PORT) and its per-path hit counter, while it runs."""
    hits: Counter[str] = Counter()
    handler = type("CountingHandler", (Handler,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()

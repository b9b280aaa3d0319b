# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A loopback HTTP server that answers badly on purpose.

Each test sets ``server.respond`` to a function of the received request returning a :class:`Reply`, or None to
forward the request unchanged to the upstream emulator (signatures still verify: the Host header is forwarded as
received). Every request is recorded, so tests assert on what the collection sent, and where.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Reply:
    """What to answer: ``body`` is bytes, or anything else JSON-encoded. ``trickle`` seconds between bytes of the
    whole response (status line and headers included) defeat per-read socket timeouts."""

    status: int = 200
    body: object = b""
    headers: dict = field(default_factory=dict)
    trickle: float = 0.0

    def payload(self) -> bytes:
        if isinstance(self.body, (bytes, bytearray)):
            return bytes(self.body)
        return json.dumps(self.body).encode("utf-8")


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body.decode("utf-8")) if self.body else None


class HostileServer:
    """Start with ``with HostileServer(upstream_url) as server:``; ``server.url`` is its base URL."""

    def __init__(self, upstream: str = None):
        self.upstream = upstream
        self.respond = lambda request: None
        self.requests: list = []
        self.connections = 0
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "HostileServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def paths(self, method: str = None) -> list:
        return [r.path for r in self.requests if method is None or r.method == method]

    def forward(self, request: Received) -> Reply:
        """The upstream emulator's answer to ``request``."""
        parts = urlsplit(self.upstream)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            conn.request(request.method, request.path, body=request.body or None, headers=request.headers)
            answer = conn.getresponse()
            headers = {k: v for k, v in answer.getheaders() if k.lower() not in ("content-length", "connection", "transfer-encoding")}
            return Reply(answer.status, answer.read(), headers)
        finally:
            conn.close()

    def forward_json(self, request: Received):
        """(reply, decoded body) of the upstream answer, for tests that rewrite it."""
        reply = self.forward(request)
        return reply, (json.loads(reply.body) if reply.body else None)

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def setup(self):
                super().setup()
                server.connections += 1

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                received = Received(self.command, self.path, dict(self.headers), self.rfile.read(length) if length else b"")
                server.requests.append(received)
                reply = server.respond(received)
                if reply is None:
                    reply = server.forward(received)
                self._send(reply)

            def _send(self, reply: Reply):
                payload = reply.payload()
                lines = ["HTTP/1.1 %d Hostile" % reply.status]
                headers = dict({"Content-Type": "application/json", "X-Request-Id": "hostile-%d" % len(server.requests)},
                               **reply.headers)
                headers["Content-Length"] = str(len(payload))
                lines += ["%s: %s" % item for item in headers.items()]
                data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload
                try:
                    if not reply.trickle:
                        self.wfile.write(data)
                        return
                    for offset in range(len(data)):
                        self.wfile.write(data[offset:offset + 1])
                        self.wfile.flush()
                        time.sleep(reply.trickle)
                except (BrokenPipeError, ConnectionResetError, socket.timeout):
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        return Handler

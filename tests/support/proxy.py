# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""An HTTP proxy on 127.0.0.1 for tests (standard library only), as HTTPS_PROXY / HTTP_PROXY point at one.

``CONNECT host:port`` opens a tunnel (how clients reach an https:// URL through a proxy); a request with an absolute
URI (``GET http://host:port/path``) is forwarded, one request per connection. Only loopback targets are served: any
other is answered 403 and never resolved or dialled. ``requests`` lists what was asked, e.g. ``CONNECT 127.0.0.1:8443``
or ``GET http://127.0.0.1:8080/v3/projects``.
"""

from __future__ import annotations

import ipaddress
import select
import socket
import socketserver
import threading
from urllib.parse import urlsplit

# A tunnel or forwarded answer is cut after this long: a test never waits longer on the proxy.
RELAY_LIMIT = 60.0
HOP_HEADERS = ("connection", "keep-alive", "proxy-connection", "proxy-authorization")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _relay(left: socket.socket, right: socket.socket) -> None:
    """Copy bytes both ways until one side closes (or RELAY_LIMIT passes)."""
    sockets = [left, right]
    deadline = threading.Event()
    timer = threading.Timer(RELAY_LIMIT, deadline.set)
    timer.daemon = True
    timer.start()
    try:
        while not deadline.is_set():
            readable, _unused, _unused = select.select(sockets, [], [], 0.2)
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    return
                (right if sock is left else left).sendall(data)
    except OSError:
        return
    finally:
        timer.cancel()


class LoopbackProxy:
    """Start with ``with LoopbackProxy() as proxy:``; ``proxy.url`` is what HTTPS_PROXY / HTTP_PROXY take."""

    def __init__(self):
        self.requests: list = []
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                head = self.rfile.readline(65537).decode("latin-1").split()
                headers = []
                while True:
                    line = self.rfile.readline(65537)
                    if line in (b"\r\n", b"\n", b""):
                        break
                    headers.append(line.decode("latin-1").rstrip("\r\n"))
                if len(head) != 3:
                    return
                method, target = head[0], head[1]
                proxy.requests.append("%s %s" % (method, target))
                if method == "CONNECT":
                    self.tunnel(target)
                else:
                    self.forward(method, target, headers)

            def refuse(self, status: str) -> None:
                self.wfile.write(("HTTP/1.1 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n" % status).encode("latin-1"))

            def dial(self, host: str, port: int):
                if not _loopback(host):
                    self.refuse("403 Forbidden (loopback only)")
                    return None
                try:
                    return socket.create_connection((host.strip("[]"), port), timeout=10)
                except OSError:
                    self.refuse("502 Bad Gateway")
                    return None

            def tunnel(self, target: str) -> None:
                host, _sep, port = target.rpartition(":")
                upstream = self.dial(host, int(port))
                if upstream is None:
                    return
                with upstream:
                    self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    _relay(self.connection, upstream)

            def forward(self, method: str, target: str, headers: list) -> None:
                parts = urlsplit(target)
                if parts.scheme != "http" or not parts.hostname:
                    self.refuse("400 Bad Request")
                    return
                upstream = self.dial(parts.hostname, parts.port or 80)
                if upstream is None:
                    return
                length = next((int(h.split(":", 1)[1]) for h in headers if h.lower().startswith("content-length:")), 0)
                body = self.rfile.read(length) if length else b""
                kept = [h for h in headers if h.split(":", 1)[0].strip().lower() not in HOP_HEADERS]
                path = (parts.path or "/") + ("?" + parts.query if parts.query else "")
                request = "\r\n".join(["%s %s HTTP/1.1" % (method, path)] + kept + ["Connection: close", "", ""])
                with upstream:
                    upstream.sendall(request.encode("latin-1") + body)
                    answer = upstream.makefile("rb")
                    status = answer.readline(65537)
                    lines = []
                    while True:
                        line = answer.readline(65537)
                        if line in (b"\r\n", b"\n", b""):
                            break
                        if line.split(b":", 1)[0].strip().lower().decode("latin-1") not in HOP_HEADERS:
                            lines.append(line)
                    # One request per connection: the client must not send another on it.
                    self.wfile.write(status + b"".join(lines) + b"Connection: close\r\n\r\n")
                    while True:
                        chunk = answer.read1(65536)
                        if not chunk:
                            break
                        self.wfile.write(chunk)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "LoopbackProxy":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()

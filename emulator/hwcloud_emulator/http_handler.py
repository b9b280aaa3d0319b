# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HTTP/1.1 transport: turns socket requests into Request objects and writes Responses."""

from __future__ import annotations

import json
import logging
import time
from http.server import BaseHTTPRequestHandler
from typing import Any

from .messages import Request

LOG = logging.getLogger("hwcloud_emulator")
MAX_BODY = 16 * 1024 * 1024


class EmulatorRequestHandler(BaseHTTPRequestHandler):
    """One instance per connection; ``self.server.app`` is the Emulator."""

    protocol_version = "HTTP/1.1"  # keep-alive, so SDK sessions reuse connections
    disable_nagle_algorithm = True  # headers and body are separate writes; avoid the 40 ms delayed-ACK stall
    server_version = "hwcloud-emulator"
    sys_version = ""

    def _dispatch(self) -> None:
        started = time.perf_counter()
        app: Any = self.server.app  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else b""
        raw_path, _sep, raw_query = self.path.partition("?")
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            headers.setdefault(name.lower(), value)
        req = Request(self.command, raw_path, raw_query, headers, body, client_ip=self.client_address[0])
        response, request_id = app.handle(req)
        self._write(response.status, response.body, response.headers)
        if not raw_path.startswith("/_emulator/"):
            duration_ms = (time.perf_counter() - started) * 1000.0
            query_keys = [part.partition("=")[0] for part in raw_query.split("&") if part]
            app.request_log.record(self.command, raw_path, query_keys, response.status, duration_ms,
                                   req.service, req.auth_kind, request_id)
            # Method, path and status only: never query values, headers or bodies.
            LOG.info("%s %s %s %.1fms", self.command, raw_path, response.status, duration_ms)

    def _write(self, status: int, body: Any, headers: dict[str, str]) -> None:
        text = isinstance(body, str)  # a plain-text answer (the metadata session token)
        payload = b"" if body is None else body.encode("utf-8") if text else json.dumps(body).encode("utf-8")
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 204:
            self.send_header("Content-Type", "text/plain; charset=utf-8" if text else "application/json")
            self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if payload and status != 204:
            self.wfile.write(payload)

    do_GET = _dispatch
    do_POST = _dispatch
    do_PUT = _dispatch
    do_DELETE = _dispatch
    do_PATCH = _dispatch

    def log_message(self, format: str, *args: Any) -> None:  # pylint: disable=redefined-builtin
        """Silence the default access log: it prints the request line including query values."""

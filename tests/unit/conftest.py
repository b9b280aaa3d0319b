# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A scripted HTTP server on loopback (tests queue responses and read back the requests it received), and no
credentials from the developer's environment or home directory in any unit test.

Plugins (the lookup) are loaded as Ansible loads them (options and doc fragments), so Ansible's collection loader must
own ``ansible_collections`` before anything imports from it: installed here, first."""

from __future__ import annotations

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from ansible.plugins.loader import init_plugin_loader

init_plugin_loader([os.path.abspath(os.path.join(os.path.dirname(__file__), *[".."] * 5))])

from ansible_collections.hwcloud.connections.plugins.module_utils.shared_options import auth_argument_spec  # noqa: E402 (after the loader)

# Read by the credential resolution besides the options' own fallbacks.
EXTRA_ENVIRONMENT = ("HW_PASSWORD", "HUAWEICLOUD_SDK_CREDENTIALS_FILE")


def _fallback_names(spec: dict) -> set:
    names = set()
    for option in spec.values():
        names.update((option.get("fallback") or (None, []))[1])
        names |= _fallback_names(option.get("options") or {})
    return names


@pytest.fixture(autouse=True)
def no_credentials_from_the_developer(monkeypatch, tmp_path):
    """No test sees the credentials of the shell or the home directory it runs from (``~/.huaweicloud/credentials``
    is tmp_path/home/.huaweicloud/credentials)."""
    for name in _fallback_names(auth_argument_spec()) | set(EXTRA_ENVIRONMENT):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


class ScriptedServer:
    def __init__(self):
        self.responses = []
        self.requests = []
        self.default = (200, {}, {})
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def queue(self, status: int, body=None, headers=None, delay: float = 0.0):
        self.responses.append((status, headers or {}, body if body is not None else {}, delay))

    def _next(self):
        with self._lock:
            if self.responses:
                return self.responses.pop(0)
            return self.default + (0.0,)

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body})
                status, headers, payload, delay = server._next()
                if delay:
                    time.sleep(delay)
                data = json.dumps(payload).encode() if not isinstance(payload, bytes) else payload
                self.send_response(status)
                headers = dict({"X-Request-Id": "req-%d" % len(server.requests)}, **headers)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        return Handler

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = ScriptedServer()
    yield srv
    srv.close()

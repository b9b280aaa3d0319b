# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EmulatorServer: a ThreadingHTTPServer bound to loopback, usable as a context manager."""

from __future__ import annotations

import ipaddress
import socket
import threading
from http.server import ThreadingHTTPServer
from typing import Any

from .app import Emulator
from .config import load_config
from .http_handler import EmulatorRequestHandler


def loopback_host(host: str) -> str:
    """The host if it is a loopback literal ('localhost' → 127.0.0.1); anything else is refused."""
    if host == "localhost":
        return "127.0.0.1"
    try:
        if ipaddress.ip_address(host).is_loopback:
            return host
    except ValueError:
        pass
    raise ValueError("the emulator binds loopback addresses only (127.0.0.0/8 or ::1), not %r" % host)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # A fleet's clients open their connections at once: a short accept queue drops SYNs, and a dropped SYN costs
    # the client a 1 s (then 3 s, 7 s, ...) retransmission. The kernel caps this at net.core.somaxconn.
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], app: Emulator) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.app = app
        super().__init__(address, EmulatorRequestHandler)


class EmulatorServer:
    """Start with ``start()`` or ``with EmulatorServer(...) as server:``; ``base_url`` is valid once started.

    ``config`` is merged over the documented defaults; environment variables are not read here
    (the command line entry point reads them), so tests stay independent of the caller's shell.
    """

    def __init__(self, config: dict[str, Any] | None = None, port: int | None = None, host: str | None = None,
                 state_file: str | None = None, full_config: dict[str, Any] | None = None) -> None:
        self.config = full_config if full_config is not None else load_config(overrides=config, environ={})
        if port is not None:
            self.config["port"] = port
        if host is not None:
            self.config["host"] = host
        if state_file is not None:
            self.config["state_file"] = state_file
        self.host = loopback_host(str(self.config.get("host") or "127.0.0.1"))
        self.app = Emulator(self.config)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound port (after start)."""
        if self._httpd is None:
            raise RuntimeError("the emulator is not running")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT (IPv6 hosts in brackets)."""
        host = "[%s]" % self.host if ":" in self.host else self.host
        return "http://%s:%d" % (host, self.port)

    def start(self) -> "EmulatorServer":
        """Bind and serve in a background thread."""
        self._httpd = _HTTPServer((self.host, int(self.config.get("port") or 0)), self.app)
        self.app.base_url = self.base_url
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="hwcloud-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.app.close()

    def __enter__(self) -> "EmulatorServer":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HTTP(S) proxies (issue 20): HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured, ca_bundle and validate_certs work
through a CONNECT tunnel, the api_timeout watchdog cuts a slow answer that comes through a proxy, and a failing
proxy is named as the proxy. The proxy (tests/support/proxy.py) listens on 127.0.0.1 and serves loopback only."""

from __future__ import annotations

import socket
import time

import pytest
from conftest import run_module  # pylint: disable=import-error
from hostile import Reply  # pylint: disable=import-error
from proxy import LoopbackProxy  # pylint: disable=import-error

PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy")
LISTING = "/v5/e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01/connections?fetch_all=true"


@pytest.fixture
def proxy(monkeypatch):
    """A loopback proxy; the test process itself (the emulator's admin calls) never uses it."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with LoopbackProxy() as server:
        yield server


def proxied(module: str, args: dict, proxy_url: str, **environment):
    """Run ``module`` with HTTPS_PROXY and HTTP_PROXY naming ``proxy_url``, and ``environment``, set for it only."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in dict({"HTTPS_PROXY": proxy_url, "HTTP_PROXY": proxy_url}, **environment).items():
            patch.setenv(name, value)
        return run_module(module, args)


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def test_https_through_the_proxy_verifies_the_server_with_ca_bundle(proxy, tls_server):
    run = proxied("drs_connection_info", tls_server.args(ca_bundle=str(tls_server.cert)), proxy.url)
    assert run.error is None and not run.failed, run.stdout
    assert proxy.requests == ["CONNECT 127.0.0.1:%d" % _port(tls_server.url)]
    assert tls_server.paths() == [LISTING]


def test_a_certificate_failure_through_the_proxy_names_server_and_proxy_and_is_not_retried(proxy, tls_server):
    run = proxied("drs_connection_info", tls_server.args(), proxy.url)
    assert run.error is None and run.failed, run.stdout
    assert "TLS verification failed for 127.0.0.1:%d" % _port(tls_server.url) in run.msg
    assert "through the proxy 127.0.0.1:%d" % _port(proxy.url) in run.msg and "ca_bundle" in run.msg
    assert tls_server.connections == 1 and len(proxy.requests) == 1


def test_validate_certs_false_works_through_the_proxy(proxy, tls_server):
    run = proxied("drs_connection_info", tls_server.args(validate_certs=False), proxy.url)
    assert run.error is None and not run.failed, run.stdout
    assert proxy.requests == ["CONNECT 127.0.0.1:%d" % _port(tls_server.url)] and tls_server.paths() == [LISTING]


def test_http_proxy_forwards_plain_http(proxy, emulator):
    run = proxied("drs_connection_info", emulator.auth_args(), proxy.url)
    assert run.error is None and not run.failed, run.stdout
    assert proxy.requests == ["GET %s%s" % (emulator.url, LISTING)]
    assert [entry["path"] for entry in emulator.log()] == [LISTING.split("?", 1)[0]]


def test_no_proxy_sends_the_emulator_direct(proxy, emulator):
    run = proxied("drs_connection_info", emulator.auth_args(), proxy.url, NO_PROXY="127.0.0.1")
    assert run.error is None and not run.failed, run.stdout
    assert proxy.requests == [] and len(emulator.log()) == 1


def test_a_trickled_answer_through_the_proxy_is_cut_at_api_timeout(proxy, tls_server):
    tls_server.respond = lambda request: Reply(200, {"connections": [], "count": 0}, trickle=0.2)
    started = time.monotonic()
    run = proxied("drs_connection_info", tls_server.args(ca_bundle=str(tls_server.cert), api_timeout=1, max_retries=0), proxy.url)
    elapsed = time.monotonic() - started
    assert run.error is None and run.failed, run.stdout
    assert elapsed < 3.5, "took %.1f s with api_timeout=1" % elapsed
    assert "no complete answer from 127.0.0.1:%d within api_timeout (1.0s)" % _port(tls_server.url) in run.msg


def test_a_proxy_that_refuses_is_named_as_the_proxy(proxy, emulator):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    run = proxied("drs_connection_info", emulator.auth_args(), "http://127.0.0.1:%d" % closed)
    assert run.error is None and run.failed, run.stdout
    assert "connection refused by the proxy 127.0.0.1:%d" % closed in run.msg
    assert "NO_PROXY" in run.msg and run.msg.endswith("(gave up after 2 attempts)"), run.msg
    assert emulator.log() == []


def test_the_metadata_service_is_never_asked_through_a_proxy(proxy, emulator):
    """The metadata server hands out credentials: they must not pass through (or be refused by) a proxy that the
    API calls use; a link-local address is only reachable from the server itself anyway."""
    args = {key: value for key, value in emulator.auth_args(metadata_url=emulator.url).items() if key not in ("access_key", "secret_key")}
    run = proxied("drs_connection_info", args, proxy.url)
    assert run.error is None and not run.failed, run.stdout
    assert proxy.requests == ["GET %s%s" % (emulator.url, LISTING)]
    assert [entry["auth"] for entry in emulator.log() if entry["path"].startswith("/v5/")] == ["metadata"]

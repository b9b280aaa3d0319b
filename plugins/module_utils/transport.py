# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One HTTP exchange with a total deadline and a size limit; redirects are never followed.

``requests`` bounds each socket read, not a whole answer: a server sending a byte every few seconds keeps a call
alive forever. A timer therefore shuts the socket of the exchange down when the deadline passes. Connections report
themselves to that timer through the connection pool (see :class:`_Adapter`).
"""

from __future__ import annotations

import socket
import ssl
import threading
from urllib.parse import urlsplit

try:
    import requests
    import urllib3
    from requests.adapters import HTTPAdapter
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    RequestException = requests.exceptions.RequestException
    HAS_REQUESTS = True
except ImportError:  # the module wrapper reports the missing library
    HAS_REQUESTS = False
    HTTPAdapter = HTTPConnectionPool = HTTPSConnectionPool = object

    class RequestException(Exception):
        """Stand-in; never raised without requests."""

# Answers larger than this are refused (the biggest real ones are DLI connections with 20,000 hosts).
BODY_LIMIT = 64 * 1024 * 1024
# Error bodies are read only this far: only error_code and error_msg are ever shown.
ERROR_BODY_LIMIT = 1024 * 1024
CHUNK = 64 * 1024

_ACTIVE = {}  # thread ident -> the connection its current exchange uses
_ACTIVE_LOCK = threading.Lock()


def _track(connection) -> None:
    with _ACTIVE_LOCK:
        _ACTIVE[threading.get_ident()] = connection


def _tracked(base):
    """``base`` connection class whose instances register as the current connection of their thread."""

    class Tracked(base):  # pylint: disable=too-few-public-methods
        def connect(self, *args, **kwargs):
            _track(self)
            return super().connect(*args, **kwargs)

        def request(self, *args, **kwargs):
            _track(self)
            return super().request(*args, **kwargs)

    Tracked.__name__ = "Tracked" + base.__name__
    return Tracked


if HAS_REQUESTS:
    class _HTTPPool(HTTPConnectionPool):
        ConnectionCls = _tracked(HTTPConnectionPool.ConnectionCls)

    class _HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = _tracked(HTTPSConnectionPool.ConnectionCls)


class _Adapter(HTTPAdapter):
    """No urllib3 retries (the client decides), and connections that can be cut by the deadline, also those that go
    through a proxy (HTTPS_PROXY, HTTP_PROXY): requests gives each proxy a pool manager of its own."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):  # a SOCKS manager has pool classes of its own
            manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
        return manager


def _no_auth(request):
    """Set as the session's auth so that requests never adds Basic auth from ~/.netrc or a URL's userinfo."""
    return request


def new_session():
    session = requests.Session()
    adapter = _Adapter(pool_connections=4, pool_maxsize=32, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.auth = _no_auth
    return session


class DeadlineExceeded(Exception):
    """The exchange did not complete within its deadline."""


class TooLarge(Exception):
    """The answer was larger than allowed."""


class _Deadline:
    """Shuts down the socket of the calling thread's exchange when ``seconds`` have passed."""

    def __init__(self, seconds: float):
        self.owner = threading.get_ident()
        self.fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        self.fired = True
        with _ACTIVE_LOCK:
            connection = _ACTIVE.get(self.owner)
        sock = getattr(connection, "sock", None)
        if sock is not None:
            try:
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except (OSError, TypeError):
                pass

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc_info):
        self._timer.cancel()
        with _ACTIVE_LOCK:
            _ACTIVE.pop(self.owner, None)


class Exchange:
    """Status, headers and (bounded) content of one answer."""

    def __init__(self, status_code: int, headers, content: bytes, truncated: bool):
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self.truncated = truncated


def _read(response, limit: int) -> tuple:
    """(content, truncated): at most ``limit`` bytes of the body."""
    chunks, size = [], 0
    for chunk in response.iter_content(CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], True
    return b"".join(chunks), False


# Proxy settings that make requests ignore HTTP(S)_PROXY for one exchange.
NO_PROXY = {"http": None, "https": None}


def exchange(session, method: str, url: str, headers: dict, data: bytes, timeout: float, verify, direct: bool = False) -> Exchange:
    """Send one request and read its answer within ``timeout`` seconds in all; ``direct``: never through a proxy.

    Raises DeadlineExceeded, TooLarge (a success body over BODY_LIMIT) or a ``requests`` exception.
    """
    with _Deadline(timeout) as deadline:
        try:
            response = session.request(method, url, data=data or None, headers=headers, timeout=timeout, verify=verify,
                                       allow_redirects=False, stream=True, proxies=NO_PROXY if direct else None)
            try:
                success = 200 <= response.status_code < 300
                content, truncated = _read(response, BODY_LIMIT if success else ERROR_BODY_LIMIT)
            finally:
                response.close()
        except RequestException:
            if deadline.fired:
                raise DeadlineExceeded() from None
            raise
    if deadline.fired:
        raise DeadlineExceeded()
    if truncated and success:
        raise TooLarge()
    return Exchange(response.status_code, response.headers, content, truncated)


class Failure:
    """Why an exchange got no answer, in words: ``kind`` is one of refused, dns, timeout, certificate, tls, url or
    other; ``detail`` is the low-level reason (never a URL or header); ``proxy`` says the proxy, not the server, failed."""

    def __init__(self, kind: str, detail: str = "", proxy: bool = False, never_sent: bool = False):
        self.kind = kind
        self.detail = detail
        self.proxy = proxy
        self.never_sent = never_sent


def _causes(exc) -> list:
    """``exc`` and everything it wraps (requests -> urllib3 -> socket errors), each once, outermost first."""
    found, queue = [], [exc]
    while queue:
        item = queue.pop(0)
        if not isinstance(item, BaseException) or any(item is seen for seen in found):
            continue
        found.append(item)
        queue.extend([getattr(item, "reason", None), item.__cause__, item.__context__] + list(item.args))
    return found


def _first(causes: list, kinds):
    return next((cause for cause in causes if isinstance(cause, kinds)), None)


def _text(error) -> str:
    return getattr(error, "strerror", None) or (error.args[-1] if error.args and isinstance(error.args[-1], str) else str(error))


def classify(exc) -> Failure:
    """The cause of a ``requests`` exception or :class:`DeadlineExceeded`; urllib3 1.26 and 2.x wrap them alike."""
    if isinstance(exc, DeadlineExceeded):
        return Failure("timeout")
    causes = _causes(exc)
    proxy = _first(causes, (requests.exceptions.ProxyError, urllib3.exceptions.ProxyError)) is not None
    certificate = _first(causes, (ssl.SSLCertVerificationError, ssl.CertificateError))
    if certificate is not None:
        return Failure("certificate", getattr(certificate, "verify_message", None) or _text(certificate), proxy)
    tls = _first(causes, (ssl.SSLError,)) or _first(causes, (requests.exceptions.SSLError,))
    if tls is not None:
        return Failure("tls", _text(tls), proxy)
    lookup = _first(causes, (socket.gaierror,))
    if lookup is not None:
        return Failure("dns", _text(lookup), proxy, never_sent=True)
    if _first(causes, (ConnectionRefusedError,)) is not None:
        return Failure("refused", "", proxy, never_sent=True)
    if _first(causes, (requests.exceptions.ConnectTimeout,)) is not None:
        return Failure("timeout", "", proxy, never_sent=True)
    if _first(causes, (requests.exceptions.Timeout, socket.timeout)) is not None:
        return Failure("timeout", "", proxy)
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema, requests.exceptions.MissingSchema)):
        return Failure("url", type(exc).__name__)
    innermost = causes[-1]
    unconnected = _first(causes, (urllib3.exceptions.NewConnectionError,)) is not None
    return Failure("other", "%s%s" % (type(innermost).__name__, ": %s" % _text(innermost) if str(innermost) else ""), proxy,
                   never_sent=unconnected)


def proxy_for(session, url: str):
    """``(host, port)`` of the proxy ``session`` sends ``url`` through (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY
    as requests reads them), or None. Never its user name or password."""
    proxies = session.merge_environment_settings(url, {}, None, None, None).get("proxies") or {}
    proxy = requests.utils.select_proxy(url, proxies)
    if not proxy:
        return None
    try:
        parts = urlsplit(proxy if "://" in proxy else "http://" + proxy)
        return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return "an unreadable proxy URL", "?"

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one HTTP client every module uses: endpoints, authentication, retries, errors and paging."""

from __future__ import annotations

import json
import time

from ansible_collections.hwcloud.connections.plugins.module_utils import signer
from ansible_collections.hwcloud.connections.plugins.module_utils.endpoints import resolve_endpoint
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import AmbiguousRequestError, HuaweiCloudError, error_from_response
from ansible_collections.hwcloud.connections.plugins.module_utils.retries import RETRYABLE_STATUS, THROTTLED, RetryPolicy, parse_retry_after
from ansible_collections.hwcloud.connections.plugins.module_utils.token_cache import TokenCache, cache_key

try:
    import requests
    from requests.adapters import HTTPAdapter

    HAS_REQUESTS = True
except ImportError:
    HAS_REQUESTS = False

USER_AGENT = "hwcloud.connections/1.0.0"
IDEMPOTENT_METHODS = frozenset(["GET", "HEAD", "PUT", "DELETE"])
# The gateway rejects signatures dated more than 15 minutes from its clock with the same code as a wrong key.
SIGNATURE_HINT = (" (check access_key/secret_key, and that the controller clock is within 15 minutes of UTC:"
                  " signatures carry the X-Sdk-Date time)")


class ApiResponse:
    """Status, headers and decoded JSON body of a successful call."""

    def __init__(self, status: int, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def request_id(self):
        return self.headers.get("X-Request-Id")


def _connect_failed(exc) -> bool:
    """True when the request certainly never reached the server, so even a create may be re-sent."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    return isinstance(exc, requests.exceptions.ConnectionError) and not isinstance(exc, requests.exceptions.ReadTimeout) and (
        "NewConnectionError" in repr(exc) or "Connection refused" in str(exc)
    )


class HuaweiCloudClient:
    """Sends signed or token-authenticated JSON requests to one region's services."""

    def __init__(self, region: str, auth, project_id: str = None, cloud: str = None, endpoints: dict = None,
                 endpoint_url: str = None, verify=True, timeout: float = 30.0, retry: RetryPolicy = None,
                 cache: TokenCache = None, register_secret=None, sleep=time.sleep, session=None, clock=time.monotonic):
        self.region = region
        self.auth = auth
        self._project_id = project_id
        self.cloud = cloud
        self.endpoints = endpoints or {}
        self.endpoint_url = endpoint_url
        self.verify = verify
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.cache = cache or TokenCache(enabled=False)
        self._register_secret = register_secret or (lambda value: None)
        self._sleep = sleep
        self._clock = clock
        self._session = session

    # -- plumbing -------------------------------------------------------------------------------

    @property
    def session(self):
        if self._session is None:
            self._session = requests.Session()
            adapter = HTTPAdapter(pool_connections=4, pool_maxsize=16, max_retries=0)
            self._session.mount("https://", adapter)
            self._session.mount("http://", adapter)
        return self._session

    def register_secret(self, value: str) -> None:
        if value:
            self._register_secret(value)

    def endpoint(self, service: str) -> str:
        return resolve_endpoint(service, self.region, self.cloud, self.endpoints, self.endpoint_url)

    @property
    def project_id(self) -> str:
        """The region's project id: given, from the IAM token, or looked up once by region name and cached."""
        if self._project_id:
            return self._project_id
        token = getattr(self.auth, "token", None)
        if token is not None:
            self._project_id = token(self)["project_id"]
        if not self._project_id:
            self._project_id = self._lookup_project_id()
        return self._project_id

    def _lookup_project_id(self) -> str:
        key = cache_key("project", self.endpoint("iam"), self.auth.identity(), self.region)
        entry = self.cache.load(key)
        if entry:
            return entry["project_id"]
        projects = self.request("iam", "GET", "/v3/projects", query={"name": self.region}).body.get("projects") or []
        matches = [p for p in projects if p.get("name") == self.region]
        if len(matches) != 1:
            raise HuaweiCloudError("Could not resolve the project id of region %s: IAM returned %d matching projects; set project_id"
                                   % (self.region, len(matches)))
        # Project ids never change; a week is an arbitrary but safe lifetime for the cache entry.
        self.cache.store(key, {"project_id": matches[0]["id"], "expires_at": time.time() + 7 * 86400})
        return matches[0]["id"]

    # -- requests -------------------------------------------------------------------------------

    def request(self, service: str, method: str, path: str, query=None, body=None, idempotent: bool = None,
                authenticated: bool = True) -> ApiResponse:
        """Send one API call, retrying what is safe to retry; raise HuaweiCloudError on failure.

        ``path`` may contain ``{project_id}``. ``idempotent`` defaults to True for GET/HEAD/PUT/DELETE;
        read-only POSTs (job lists, connection tests) pass True. A non-idempotent request is re-sent only
        when the gateway throttled it (429) or the connection was never established.
        """
        method = method.upper()
        if "{project_id}" in path:
            path = path.replace("{project_id}", self.project_id)
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        query_string = signer.canonical_query(signer.query_pairs(query or {}))
        url = self.endpoint(service) + path + ("?" + query_string if query_string else "")
        data = json.dumps(body, separators=(",", ":")).encode("utf-8") if body is not None else b""
        started = self._clock()
        attempt = 0  # every retry, for the backoff
        counted = 0  # retries max_retries bounds: throttled requests were never processed, so only the deadline bounds them
        reauthenticated = False
        while True:
            headers = self._headers(service, authenticated)
            if authenticated:
                headers = self.auth.apply(self, method, url, headers, data)
            retry_after = None
            throttled = False
            try:
                raw = self.session.request(method, url, data=data or None, headers=headers, timeout=self.timeout, verify=self.verify)
            except requests.exceptions.RequestException as exc:
                if not (idempotent or _connect_failed(exc)):
                    raise AmbiguousRequestError("%s %s: no answer (%s); it may or may not have been applied" % (method, path, type(exc).__name__),
                                                method=method, path=path) from None
                error = HuaweiCloudError("%s %s failed: %s" % (method, path, exc.__class__.__name__), method=method, path=path)
            else:
                if raw.status_code < 400:
                    return self._success(method, path, raw)
                if raw.status_code == 401 and authenticated and not reauthenticated and self.auth.invalidate(self):
                    reauthenticated = True  # an expired token: log in again once, not counted as a retry
                    continue
                error = error_from_response(method, path, raw.status_code, raw.headers, raw.content)
                if raw.status_code == 401 and self.auth.kind == "aksk":
                    error.message += SIGNATURE_HINT
                    error.args = (error.message,)
                if raw.status_code not in RETRYABLE_STATUS:
                    raise error
                if raw.status_code != THROTTLED and not idempotent:
                    raise error_from_response(method, path, raw.status_code, raw.headers, raw.content, AmbiguousRequestError)
                retry_after = parse_retry_after(raw.headers.get("Retry-After"))
                throttled = raw.status_code == THROTTLED
            delay = self.retry.delay(attempt, retry_after)
            if not self.retry.allows(0 if throttled else counted, started, delay, self._clock()):
                error.message += " (gave up after %d attempts)" % (attempt + 1)
                error.args = (error.message,)
                raise error
            self._sleep(delay)
            attempt += 1
            counted += 0 if throttled else 1

    def _headers(self, service: str, authenticated: bool) -> dict:
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
        if authenticated and service != "iam" and self.auth.kind == "aksk":
            headers["X-Project-Id"] = self.project_id
        return headers

    @staticmethod
    def _success(method: str, path: str, raw) -> ApiResponse:
        body = None
        if raw.content:
            try:
                body = raw.json()
            except ValueError:
                body = None
        if isinstance(body, dict) and body.get("is_success") is False:  # DLI reports some failures inside a 2xx
            raise error_from_response(method, path, raw.status_code, raw.headers, raw.content)
        return ApiResponse(raw.status_code, raw.headers, body)

    def get(self, service: str, path: str, query=None) -> dict:
        return self.request(service, "GET", path, query=query).body or {}

    def paginate(self, service: str, path: str, items_key: str, query=None, limit: int = 100, total_key: str = None) -> list:
        """All items of an offset/limit listing: pages until a short page or the reported total is reached."""
        items = []
        offset = 0
        while True:
            page_query = dict(query or {}, offset=offset, limit=limit)
            body = self.get(service, path, page_query)
            page = body.get(items_key) or []
            items.extend(page)
            offset += len(page)
            total = body.get(total_key) if total_key else None
            if len(page) < limit or not page or (total is not None and len(items) >= total):
                return items

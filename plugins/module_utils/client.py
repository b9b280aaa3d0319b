# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one HTTP client every module uses: endpoints, authentication, retries, errors and paging."""

from __future__ import annotations

import json
import os
import time
from urllib.parse import urlsplit

from ansible_collections.hwcloud.connections.plugins.module_utils import signer, transport
from ansible_collections.hwcloud.connections.plugins.module_utils.concurrency import map_bounded
from ansible_collections.hwcloud.connections.plugins.module_utils.endpoints import endpoint_origin, resolve_endpoint, unknown_region_hint
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import AmbiguousRequestError, HuaweiCloudError, error_from_response
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import id_problem, project_id_problem, with_project
from ansible_collections.hwcloud.connections.plugins.module_utils.redact import Redactor
from ansible_collections.hwcloud.connections.plugins.module_utils.retries import (
    RETRYABLE_STATUS, THROTTLED, UNREACHABLE, UNREACHABLE_DELAY, UNREACHABLE_RETRIES, RetryPolicy, parse_retry_after)
from ansible_collections.hwcloud.connections.plugins.module_utils.token_cache import TokenCache, cache_key

USER_AGENT = "hwcloud.connections/1.0.0"
IDEMPOTENT_METHODS = frozenset(["GET", "HEAD", "PUT", "DELETE"])
# Methods whose success answer may be empty; every other success must be a JSON object.
EMPTY_OK_METHODS = frozenset(["DELETE", "PUT"])
# The gateway rejects signatures dated more than 15 minutes from its clock with the same code as a wrong key.
SIGNATURE_HINT = (" (check access_key/secret_key, and that the controller clock is within 15 minutes of UTC:"
                  " signatures carry the X-Sdk-Date time)")
TLS_HINT = ("; if the server uses a private CA, set ca_bundle to a file with that CA's certificate (validate_certs: false "
            "skips the check, which is not recommended)")
# Listings stop with an error after this many pages: no real project holds that many connections.
MAX_PAGES = 1000


class ApiResponse:
    """Status, headers and decoded JSON body of a successful call; the accessors check the body's shape."""

    def __init__(self, status: int, headers, body, call: str = ""):
        self.status = status
        self.headers = headers
        self.body = body
        self.call = call

    @property
    def request_id(self):
        return self.headers.get("X-Request-Id")

    def malformed(self, what: str) -> HuaweiCloudError:
        return HuaweiCloudError("%s: unexpected answer: %s" % (self.call, what), status=self.status, request_id=self.request_id)

    def field(self, key: str, kind=str):
        """``body[key]``, which must be a ``kind`` (a non-empty string for str)."""
        value = (self.body or {}).get(key)
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool or value == "":
            raise self.malformed("%s is missing or not a %s" % (key, kind.__name__))
        return value

    def items(self, key: str, id_key: str = None, count_key: str = None) -> list:
        """The list of objects at ``body[key]``; each has a valid id at ``id_key`` when given.

        A missing or null list is accepted only when ``count_key`` says there is nothing.
        """
        body = self.body or {}
        value = body.get(key)
        if value is None and count_key and body.get(count_key) == 0:
            return []
        if not isinstance(value, list):
            raise self.malformed("%s is missing or not a list" % key)
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.malformed("%s[%d] is not an object" % (key, index))
            if id_key and id_problem(item.get(id_key)):
                raise self.malformed("%s[%d].%s %s" % (key, index, id_key, id_problem(item.get(id_key))))
        return value


def _host_port(host: str, port) -> str:
    return "%s:%s" % ("[%s]" % host if ":" in (host or "") else host, port)


def _identity(item: dict, id_key: str):
    return item.get(id_key) if id_key else json.dumps(item, sort_keys=True, default=str)


class HuaweiCloudClient:
    """Sends signed or token-authenticated JSON requests to one region's services."""

    def __init__(self, region: str, auth, project_id: str = None, cloud: str = None, endpoints: dict = None,
                 endpoint_url: str = None, verify=True, timeout: float = 30.0, retry: RetryPolicy = None,
                 cache: TokenCache = None, secrets=None, sleep=time.sleep, session=None, clock=time.monotonic,
                 project_name: str = None, origins: dict = None):
        self.region = region
        # Where an endpoint that is not an option of its own came from ({service: "the option auth_url"}), for errors.
        self.origins = origins or {}
        self.auth = auth
        self._project_id = project_id
        # The IAM project the calls act in when no id is given: the region's, or a sub-project such as cn-north-4_dev.
        self.project_name = project_name or region
        self.cloud = cloud
        self.endpoints = endpoints or {}
        self.endpoint_url = endpoint_url
        self.verify = verify
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.cache = cache or TokenCache(enabled=False)
        # Values masked in every server text the client reports; a live set shared with the module's no_log values.
        self.secrets = secrets if secrets is not None else set()
        self.redact = Redactor(self.secrets)
        self._sleep = sleep
        self._clock = clock
        self._session = session

    # -- plumbing -------------------------------------------------------------------------------

    @property
    def session(self):
        if self._session is None:
            self._session = transport.new_session()
        return self._session

    def register_secret(self, value: str) -> None:
        if value:
            self.secrets.add(value)

    def endpoint(self, service: str) -> str:
        try:
            return resolve_endpoint(service, self.region, self.cloud, self.endpoints, self.endpoint_url)
        except ValueError as exc:
            raise HuaweiCloudError(str(exc)) from None

    @property
    def project_id(self) -> str:
        """The project id: given, the one the IAM token is scoped to, or looked up once by project name (the region's
        unless project_name names a sub-project) and cached."""
        if self._project_id:
            return self._project_id
        project_id = self.auth.scoped_project_id(self)
        self._project_id = self._checked_project_id(project_id or self._lookup_project_id())
        return self._project_id

    def _checked_project_id(self, project_id):
        if project_id_problem(project_id):
            raise HuaweiCloudError("IAM returned a project id for project %s that is not 32 hexadecimal characters; set project_id"
                                   % self.project_name)
        return project_id

    def _lookup_project_id(self) -> str:
        name = self.project_name
        key = cache_key("project", self.endpoint("iam"), self.auth.identity(), name)
        entry = self.cache.load(key)
        if entry and not project_id_problem(entry.get("project_id")):
            return entry["project_id"]
        projects = self.request("iam", "GET", "/v3/projects", query={"name": name}).items("projects")
        matches = [p for p in projects if p.get("name") == name]
        if len(matches) != 1:
            unknown = unknown_region_hint(self.region) if not matches and name == self.region else ""
            raise HuaweiCloudError("Could not resolve the project id of project %s: IAM returned %d matching projects; %s" % (
                name, len(matches), unknown + ": check region" if unknown else "set project_id"))
        project_id = self._checked_project_id(matches[0].get("id"))
        # Project ids never change; a week is an arbitrary but safe lifetime for the cache entry.
        self.cache.store(key, {"project_id": project_id, "expires_at": time.time() + 7 * 86400})
        return project_id

    # -- requests -------------------------------------------------------------------------------

    def request(self, service: str, method: str, path: str, query=None, body=None, idempotent: bool = None,
                authenticated: bool = True, auth=None) -> ApiResponse:
        """Send one API call, retrying what is safe to retry; raise HuaweiCloudError on failure.

        ``path`` comes from :func:`paths.build` and may contain ``{project_id}``. ``idempotent`` defaults to True for
        GET/HEAD/PUT/DELETE; read-only POSTs (job lists, connection tests) pass True. A non-idempotent request is
        re-sent only when the gateway throttled it (429) or the connection was never established. Each attempt has
        ``timeout`` seconds in all; redirects are errors. ``auth`` replaces the client's credentials for this call
        (an assumed agency asks IAM with its base credentials).
        """
        auth = auth or self.auth
        method = method.upper()
        path = with_project(path, self.project_id) if "{project_id}" in path else path
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        query_string = signer.canonical_query(signer.query_pairs(query or {}))
        url = self.endpoint(service) + path + ("?" + query_string if query_string else "")
        data = json.dumps(body, separators=(",", ":")).encode("utf-8") if body is not None else b""
        started = self._clock()
        attempt = 0  # every retry, for the backoff
        counted = 0  # retries max_retries bounds: throttled requests were never processed, so only the deadline bounds them
        unreachable = 0  # refused connections and failed DNS lookups, retried once at most
        reauthenticated = False
        while True:
            headers = self._headers(service, authenticated, auth)
            if authenticated:
                headers = auth.apply(self, method, url, headers, data)
            retry_after = None
            throttled = False
            failure = None
            try:
                raw = transport.exchange(self.session, method, url, headers, data, self.timeout, self.verify)
            except transport.TooLarge:
                raise HuaweiCloudError("%s %s: the answer is larger than %d MiB" % (method, path, transport.BODY_LIMIT >> 20),
                                       method=method, path=path) from None
            except (transport.DeadlineExceeded, transport.RequestException) as exc:
                failure = transport.classify(exc)
                error = self._transport_error(service, method, path, url, failure, idempotent)
                unreachable += failure.kind in UNREACHABLE
            else:
                if 300 <= raw.status_code < 400:
                    raise self._redirect_error(method, path, raw)
                if raw.status_code < 300:
                    return self._success(method, path, raw)
                if raw.status_code == 401 and authenticated and not reauthenticated and auth.invalidate(self):
                    reauthenticated = True  # an expired token: log in again once, not counted as a retry
                    continue
                error = error_from_response(method, path, raw.status_code, raw.headers, raw.content, redact=self.redact,
                                            truncated=raw.truncated)
                if raw.status_code == 401 and auth.kind == "aksk":
                    error.message += SIGNATURE_HINT
                    error.args = (error.message,)
                if raw.status_code not in RETRYABLE_STATUS:
                    raise error
                if raw.status_code != THROTTLED and not idempotent:
                    raise error_from_response(method, path, raw.status_code, raw.headers, raw.content, AmbiguousRequestError,
                                              redact=self.redact, truncated=raw.truncated)
                retry_after = parse_retry_after(raw.headers.get("Retry-After"))
                throttled = raw.status_code == THROTTLED
            delay = self.retry.delay(attempt, retry_after)
            if failure is not None and failure.kind in UNREACHABLE:
                delay = min(self.retry.delay(0), UNREACHABLE_DELAY)
            if unreachable > UNREACHABLE_RETRIES or not self.retry.allows(0 if throttled else counted, started, delay, self._clock()):
                error.message += " (gave up after %d attempt%s)" % (attempt + 1, "" if attempt == 0 else "s")
                error.args = (error.message,)
                raise error
            self._sleep(delay)
            attempt += 1
            counted += 0 if throttled else 1

    def _transport_error(self, service: str, method: str, path: str, url: str, failure, idempotent: bool) -> HuaweiCloudError:
        """The error for an exchange that got no answer, naming the host and port, the cause and where the URL came
        from: raised when no retry can help, else returned for the retry loop."""
        parts = urlsplit(url)
        target = _host_port(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        proxy = transport.proxy_for(self.session, url)
        peer = "the proxy %s" % _host_port(*proxy) if proxy and failure.proxy else target
        detail = self.redact(failure.detail, 300)
        what = {
            "timeout": "no complete answer from %s within api_timeout (%ss)" % (peer, self.timeout),
            "dns": "DNS lookup of %s failed (%s)" % (proxy[0] if proxy and failure.proxy else parts.hostname, detail),
            "refused": "connection refused by %s" % peer,
            "certificate": "TLS verification failed for %s: %s" % (target, detail),
            "tls": "TLS handshake with %s failed: %s" % (peer, detail),
            "url": "the URL cannot be used (%s); check endpoint_url, endpoints, region and cloud_domain" % detail,
        }.get(failure.kind, "no answer from %s (%s)" % (peer, detail))
        what += self._url_origin(service)
        if proxy:
            what += "; requests to %s go through the proxy %s (HTTPS_PROXY or HTTP_PROXY; NO_PROXY lists hosts reached " \
                    "directly)" % (parts.hostname, _host_port(*proxy))
        if failure.kind in ("certificate", "tls", "url"):
            hint = TLS_HINT if failure.kind == "certificate" else ""
            raise HuaweiCloudError("%s %s failed: %s%s" % (method, path, what, hint), method=method, path=path) from None
        if not (idempotent or failure.never_sent):
            raise AmbiguousRequestError("%s %s: no answer (%s); it may or may not have been applied" % (method, path, what),
                                        method=method, path=path) from None
        return HuaweiCloudError("%s %s failed: %s" % (method, path, what), method=method, path=path)

    def _url_origin(self, service: str) -> str:
        """Where the service's URL came from, and for a region Huawei Cloud does not have, how to reach one anyway."""
        origin = self.origins.get(service) or endpoint_origin(service, self.region, self.cloud, self.endpoints, self.endpoint_url,
                                                              os.environ)
        text = "; the URL comes from %s" % origin
        hint = unknown_region_hint(self.region) if origin.startswith("the default") else ""
        if hint:
            text += "; %s: check region, or set endpoint_url (or endpoints.%s) to the service's URL" % (hint, service)
        return text

    def _redirect_error(self, method: str, path: str, raw) -> HuaweiCloudError:
        location = raw.headers.get("Location") or ""
        try:
            target = urlsplit(location).hostname or "a relative location"
        except ValueError:
            target = "an unreadable location"
        return HuaweiCloudError("%s %s failed: HTTP %s redirect to %s, not followed (Huawei Cloud APIs never redirect; check "
                                "endpoint_url and endpoints)" % (method, path, raw.status_code, self.redact(target, 100)),
                                status=raw.status_code, request_id=self.redact(raw.headers.get("X-Request-Id"), 128),
                                method=method, path=path)

    def _headers(self, service: str, authenticated: bool, auth) -> dict:
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
        if authenticated and service != "iam" and auth.kind == "aksk":
            headers["X-Project-Id"] = self.project_id
        return headers

    def _success(self, method: str, path: str, raw) -> ApiResponse:
        """The decoded answer; anything but a JSON object (or no body where none is needed) is an error naming the call."""
        call = "%s %s" % (method, path)
        body = None
        if raw.content.strip():
            try:
                body = json.loads(raw.content.decode("utf-8"))
            except ValueError:
                body = ValueError
            if not isinstance(body, dict):
                raise HuaweiCloudError("%s: HTTP %s with an answer that is not a JSON object (%s)" % (
                    call, raw.status_code, "not JSON" if body is ValueError else type(body).__name__),
                    status=raw.status_code, request_id=raw.headers.get("X-Request-Id"), method=method, path=path)
        elif raw.status_code != 204 and method not in EMPTY_OK_METHODS:
            raise HuaweiCloudError("%s: HTTP %s with an empty answer" % (call, raw.status_code), status=raw.status_code,
                                   request_id=raw.headers.get("X-Request-Id"), method=method, path=path)
        if isinstance(body, dict) and body.get("is_success") is False:  # DLI reports some failures inside a 2xx
            raise error_from_response(method, path, raw.status_code, raw.headers, raw.content, redact=self.redact)
        return ApiResponse(raw.status_code, raw.headers, body, call)

    def get(self, service: str, path: str, query=None) -> ApiResponse:
        return self.request(service, "GET", path, query=query)

    def paginate(self, service: str, path: str, items_key: str, query=None, limit: int = 100, total_key: str = None,
                 id_key: str = None, max_pages: int = MAX_PAGES, concurrency: int = 1) -> list:
        """All items of an offset/limit listing: pages until a short page or the reported total is reached.

        Bounded: a page that brings nothing new (a server ignoring ``offset``) and more than ``max_pages`` pages are
        errors, never an endless loop; items seen twice (the listing moved while paging) are kept once. With
        ``concurrency`` > 1, once the first page is full the next ones are asked for that many at a time (no further
        than a reported total), so a listing of one page costs one call and at most ``concurrency - 1`` calls go past
        the end; pages are taken in offset order all the same.
        """
        items, seen, offset, pages, wave, total = [], set(), 0, 0, 1, None
        while pages < max_pages:
            count = min(wave, max_pages - pages)
            if isinstance(total, int):  # no calls past what the server says it has
                count = max(1, min(count, -(-(total - len(items)) // limit)))
            offsets = [offset + index * limit for index in range(count)]
            responses = map_bounded(lambda at: self.get(service, path, dict(query or {}, offset=at, limit=limit)), offsets, count)
            for at, response in zip(offsets, responses):
                pages += 1
                page = response.items(items_key, id_key, total_key)
                fresh = [item for item in page if _identity(item, id_key) not in seen]
                if page and not fresh:
                    raise response.malformed("the page at offset %d repeats items already listed (does the API ignore offset?)" % at)
                items.extend(fresh)
                seen.update(_identity(item, id_key) for item in fresh)
                offset = at + len(page)
                total = response.body.get(total_key) if total_key else None
                if len(page) < limit or (isinstance(total, int) and len(items) >= total):
                    return items
                if len(page) > limit:
                    break  # a server giving more than asked for: the next offsets were guessed wrong, go on from here
            wave = max(1, int(concurrency))
        raise HuaweiCloudError("GET %s: still more items after %d pages of %d; giving up" % (path, max_pages, limit), method="GET",
                               path=path)

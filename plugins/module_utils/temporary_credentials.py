# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Temporary AK/SK that carry their expiry and fetch themselves again before it: the ECS/BMS metadata server's (the
agency bound to the server) and an assumed agency's (``POST /v3.0/OS-CREDENTIAL/securitytokens``).

Both have the interface of ``auth.AkSkAuth``. They are never written to the token cache: a temporary secret key or
security token is a secret like a permanent one.
"""

from __future__ import annotations

import abc
import json
import re
import threading
import time

from ansible_collections.hwcloud.connections.plugins.module_utils import transport
from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth, iso_epoch
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError

# Fetch again once fewer than this many seconds are left, or half the lifetime for short-lived credentials.
REFRESH_RESERVE = 600
DEFAULT_METADATA_URL = "http://169.254.169.254"
METADATA_TOKEN_PATH = "/meta-data/latest/api/token"
METADATA_KEY_PATH = "/openstack/latest/securitykey"
METADATA_TOKEN_TTL = "21600"  # seconds, as the SDK asks
METADATA_TIMEOUT = 5.0  # each metadata call: the server is on the link, an answer takes milliseconds
NO_AGENCY = "Please configure Cloud Service Agency first"
# Statuses of a metadata server without the session-token API (the SDK then asks without a token).
NO_TOKEN_API = (404, 405, 503)
OFF_ECS_HINT = ("metadata credentials exist only on an ECS or BMS server with an agency bound to it; elsewhere set access_key "
                "and secret_key, a password, or a credentials file, and leave use_metadata and metadata_url unset")
ACCESS_PATTERN = re.compile(r"[A-Za-z0-9]{1,128}")
SECRET_CAP = 16384


def _header_value(value) -> bool:
    return isinstance(value, str) and 0 < len(value) <= SECRET_CAP and value.isprintable() and value.strip() == value


def parse_credential(body, what: str) -> tuple:
    """(access, secret, security token, expires_at epoch) of a ``{"credential": {...}}`` answer, checked before any
    part of it goes into a header; ``what`` names the call in errors (never a value)."""
    credential = body.get("credential") if isinstance(body, dict) else None
    if not isinstance(credential, dict):
        raise HuaweiCloudError("%s: unexpected answer: no credential object" % what)
    access, secret, token = credential.get("access"), credential.get("secret"), credential.get("securitytoken")
    if not (isinstance(access, str) and ACCESS_PATTERN.fullmatch(access)):
        raise HuaweiCloudError("%s: unexpected answer: credential.access is not an access key" % what)
    for name, value in (("secret", secret), ("securitytoken", token)):
        if not _header_value(value):
            raise HuaweiCloudError("%s: unexpected answer: credential.%s is missing or unusable" % (what, name))
    try:
        expires_at = iso_epoch(credential.get("expires_at"))
    except ValueError:
        raise HuaweiCloudError("%s: unexpected answer: credential.expires_at is not an ISO 8601 time" % what) from None
    return access, secret, token, expires_at


class RefreshingAkSkAuth(abc.ABC):
    """Signs with temporary keys from ``_fetch`` and fetches new ones before they expire, or after a 401."""

    kind = "aksk"

    def __init__(self, clock=time.time):
        self._clock = clock
        self._current = None
        self._refresh_at = 0.0
        self._lock = threading.Lock()  # list modules sign from several threads

    @abc.abstractmethod
    def _fetch(self, client) -> tuple:
        """(access, secret, security token, expires_at epoch) of newly fetched temporary keys."""

    def _keys(self, client) -> AkSkAuth:
        with self._lock:
            if self._current is None or self._clock() >= self._refresh_at:
                access, secret, token, expires_at = self._fetch(client)
                client.register_secret(secret)
                client.register_secret(token)
                now = self._clock()
                lifetime = expires_at - now
                if lifetime <= 0:
                    raise HuaweiCloudError("%s: the temporary credentials it answered have already expired" % self.source)
                self._refresh_at = now + lifetime - min(REFRESH_RESERVE, lifetime / 2)
                self._current = AkSkAuth(access, secret, token)
            return self._current

    @property
    @abc.abstractmethod
    def source(self) -> str:
        """Where the keys come from, for errors (never a value)."""

    def apply(self, client, method: str, url: str, headers: dict, body: bytes) -> dict:
        return self._keys(client).apply(client, method, url, headers, body)

    def invalidate(self, client) -> bool:
        """Keys the gateway rejected are fetched again, once per request."""
        with self._lock:
            self._current = None
        return True

    def scoped_project_id(self, client):
        return None


class MetadataAuth(RefreshingAkSkAuth):
    """The temporary credentials of the agency bound to this ECS/BMS server, from its metadata server at ``base_url``
    (the link-local address unless a loopback URL is given for tests): session token first, as the SDK does."""

    def __init__(self, base_url: str = DEFAULT_METADATA_URL, clock=time.time):
        super().__init__(clock)
        self.base_url = (base_url or DEFAULT_METADATA_URL).rstrip("/")
        self._session_token = None

    @property
    def source(self) -> str:
        return "ECS metadata %s%s" % (self.base_url, METADATA_KEY_PATH)

    def identity(self) -> str:
        return "metadata:%s" % self.base_url

    def _call(self, client, method: str, path: str, headers: dict):
        url = self.base_url + path
        try:
            raw = transport.exchange(client.session, method, url, headers, b"", min(client.timeout, METADATA_TIMEOUT), True,
                                     direct=True)
        except (transport.DeadlineExceeded, transport.RequestException, transport.TooLarge) as exc:
            raise HuaweiCloudError("Could not get credentials from the ECS metadata service at %s (%s within %ss): %s"
                                   % (self.base_url, type(exc).__name__, METADATA_TIMEOUT, OFF_ECS_HINT), method=method,
                                   path=path) from None
        if 300 <= raw.status_code < 400:
            raise HuaweiCloudError("%s %s%s: HTTP %s redirect, not followed; %s"
                                   % (method, self.base_url, path, raw.status_code, OFF_ECS_HINT), status=raw.status_code)
        return raw

    def _new_session_token(self, client) -> None:
        raw = self._call(client, "PUT", METADATA_TOKEN_PATH, {"X-Metadata-Token-Ttl-Seconds": METADATA_TOKEN_TTL})
        token = raw.content.decode("utf-8", "replace").strip()
        if raw.status_code == 200 and _header_value(token):
            client.register_secret(token)
            self._session_token = token
        elif raw.status_code in NO_TOKEN_API:
            self._session_token = None
        else:
            raise HuaweiCloudError("PUT %s%s failed: HTTP %s; %s" % (self.base_url, METADATA_TOKEN_PATH, raw.status_code, OFF_ECS_HINT),
                                   status=raw.status_code)

    def _security_key(self, client):
        headers = {"X-Metadata-Token": self._session_token} if self._session_token else {}
        return self._call(client, "GET", METADATA_KEY_PATH, headers)

    def _fetch(self, client) -> tuple:
        if self._session_token is None:
            self._new_session_token(client)
        raw = self._security_key(client)
        no_agency = NO_AGENCY in raw.content.decode("utf-8", "replace")
        if raw.status_code == 401 and not no_agency:  # the session token expired: one new one
            self._new_session_token(client)
            raw = self._security_key(client)
            no_agency = NO_AGENCY in raw.content.decode("utf-8", "replace")
        if no_agency:
            raise HuaweiCloudError("GET %s: no agency is bound to this ECS or BMS server (\"%s\"): bind one that grants the "
                                   "permissions the tasks need, or use other credentials" % (self.source, NO_AGENCY),
                                   status=raw.status_code)
        if raw.status_code != 200:
            raise HuaweiCloudError("GET %s failed: HTTP %s" % (self.source, raw.status_code), status=raw.status_code)
        try:
            body = json.loads(raw.content.decode("utf-8"))
        except ValueError:
            body = None
        return parse_credential(body, "GET %s" % self.source)


class AgencyAuth(RefreshingAkSkAuth):
    """The temporary credentials of an assumed agency, asked from IAM with the ``base`` credentials (any other source).

    When the assume fails the task fails: nothing is ever sent with the base credentials instead.
    """

    def __init__(self, base, agency_name: str, domain_name: str = None, domain_id: str = None, duration: int = 900,
                 clock=time.time):
        super().__init__(clock)
        self.base = base
        self.agency_name = agency_name
        self.domain_name = domain_name
        self.domain_id = domain_id
        self.duration = duration

    @property
    def source(self) -> str:
        return "POST /v3.0/OS-CREDENTIAL/securitytokens (agency %s of %s)" % (self.agency_name, self.domain_name or self.domain_id)

    def identity(self) -> str:
        return "agency:%s/%s:%s" % (self.domain_name or "id:%s" % self.domain_id, self.agency_name, self.base.identity())

    def _fetch(self, client) -> tuple:
        assume = {"agency_name": self.agency_name, "duration_seconds": self.duration}
        assume.update({"domain_name": self.domain_name} if self.domain_name else {"domain_id": self.domain_id})
        body = {"auth": {"identity": {"methods": ["assume_role"], "assume_role": assume}}}
        refusal = "Could not assume agency %s of %s, so nothing was done (the base credentials are never used instead): " % (
            self.agency_name, self.domain_name or self.domain_id)
        try:
            response = client.request("iam", "POST", "/v3.0/OS-CREDENTIAL/securitytokens", body=body, idempotent=True, auth=self.base)
            return parse_credential(response.body, "POST /v3.0/OS-CREDENTIAL/securitytokens")
        except HuaweiCloudError as exc:
            exc.message = refusal + exc.message
            exc.args = (exc.message,)
            raise

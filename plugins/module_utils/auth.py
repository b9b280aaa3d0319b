# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How requests are authenticated: AK/SK signatures, or an IAM token obtained with a password.

Every credential source is an object with this interface (temporary_credentials adds the ECS metadata server's and an
assumed agency's): ``kind`` ("aksk" signs, "token" sends X-Auth-Token), ``identity()`` (who, for cache keys),
``apply(client, method, url, headers, body)`` (the headers of one request), ``invalidate(client)`` (after a 401:
True when a fresh credential may help) and ``scoped_project_id(client)`` (the project a token is scoped to, or None).
Which source a run uses is decided in one place, :mod:`credentials`.
"""

from __future__ import annotations

import datetime
import hashlib
import re

from ansible_collections.hwcloud.connections.plugins.module_utils import signer
from ansible_collections.hwcloud.connections.plugins.module_utils.token_cache import cache_key

# PBKDF2 rounds of the keyed hash that ties a cache entry to the secret that proved the identity: slow enough that a
# cache file does not help guessing the secret, fast enough not to show in a module run (a few ms).
PROOF_ROUNDS = 20000


def proof(secret: str, identity: str) -> str:
    """A keyed, salted hash of ``secret``: part of cache keys, so an entry is only found again with the same secret."""
    return hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8"), identity.encode("utf-8"), PROOF_ROUNDS).hex()


class AkSkAuth:
    """Sign each request with SDK-HMAC-SHA256; temporary credentials add ``X-Security-Token``."""

    kind = "aksk"

    def __init__(self, access_key: str, secret_key: str, security_token: str = None):
        self.access_key = access_key
        self._secret_key = secret_key
        self._security_token = security_token

    def identity(self) -> str:
        """Who signs, and a keyed hash of the secret key: a wrong key never finds the right key's cached lookups."""
        return "aksk:%s:%s" % (self.access_key, proof(self._secret_key, self.access_key))

    def apply(self, client, method: str, url: str, headers: dict, body: bytes) -> dict:
        if self._security_token:
            headers = dict(headers, **{"X-Security-Token": self._security_token})
        return signer.sign(method, url, headers, body, self.access_key, self._secret_key)

    def invalidate(self, client) -> bool:
        """Nothing to refresh: a rejected signature is final."""
        return False

    def scoped_project_id(self, client):
        return None


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?")


def iso_epoch(text: str) -> float:
    """Epoch seconds of an ISO 8601 time as IAM and the metadata server print it (any number of fraction digits, Z or
    an offset, UTC when none); ValueError otherwise."""
    found = _ISO.fullmatch(text.strip()) if isinstance(text, str) else None
    if not found:
        raise ValueError("not an ISO 8601 time")
    year, month, day, hour, minute, second, fraction, zone = found.groups()
    value = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=datetime.timezone.utc)
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        value -= sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return value.timestamp() + (float("0." + fraction) if fraction else 0.0)


class PasswordAuth:
    """IAM password login; the token is cached per identity and scope (see token_cache) and sent as ``X-Auth-Token``.

    The token is scoped to ``project_id`` when given, else to the project named ``project_name`` (a sub-project such
    as ``cn-north-4_dev``), else to the region's project; the account is named by ``domain_name`` or ``domain_id``.
    """

    kind = "token"

    def __init__(self, domain_name: str, user_name: str, password: str, domain_id: str = None, project_name: str = None,
                 project_id: str = None):
        self.domain_name = domain_name
        self.domain_id = domain_id
        self.user_name = user_name
        self.project_name = project_name
        self.project_id = project_id
        self._password = password
        self._entry = None

    def identity(self) -> str:
        """Who logs in, and a keyed hash of the password: a wrong password never finds the right one's token."""
        who = "%s/%s" % (self.domain_name or "id:%s" % self.domain_id, self.user_name)
        return "password:%s:%s" % (who, proof(self._password, who))

    def _scope(self, client) -> dict:
        return {"id": self.project_id} if self.project_id else {"name": self.project_name or client.region}

    def _key(self, client) -> str:
        return cache_key("token", client.endpoint("iam"), self.identity(), sorted(self._scope(client).items()))

    def _login(self, client) -> dict:
        domain = {"name": self.domain_name} if self.domain_name else {"id": self.domain_id}
        body = {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {"user": {"domain": domain, "name": self.user_name, "password": self._password}},
                },
                "scope": {"project": self._scope(client)},
            }
        }
        response = client.request("iam", "POST", "/v3/auth/tokens", query={"nocatalog": "true"}, body=body,
                                  authenticated=False, idempotent=True)
        token = response.headers.get("X-Subject-Token")
        if not token or not token.isprintable() or len(token) > 16384:
            raise response.malformed("no usable X-Subject-Token header")
        client.register_secret(token)
        info = response.field("token", dict)
        try:
            expires_at = iso_epoch(info["expires_at"]) if info.get("expires_at") else 0
        except (TypeError, ValueError):
            raise response.malformed("token.expires_at is not an ISO 8601 time") from None
        project = info.get("project") if isinstance(info.get("project"), dict) else {}
        return {"token": token, "expires_at": expires_at, "project_id": project.get("id")}

    def token(self, client) -> dict:
        if self._entry is None:
            key = self._key(client)
            with client.cache.locked(key):
                entry = client.cache.load(key)
                if entry is None or not isinstance(entry.get("token"), str):
                    entry = self._login(client)
                    client.cache.store(key, entry)
            self._entry = entry
            client.register_secret(entry["token"])
        return self._entry

    def apply(self, client, method: str, url: str, headers: dict, body: bytes) -> dict:
        return dict(headers, **{"X-Auth-Token": self.token(client)["token"]})

    def invalidate(self, client) -> bool:
        """Drop a token the gateway rejected so the next request logs in again."""
        client.cache.delete(self._key(client))
        self._entry = None
        return True

    def scoped_project_id(self, client):
        """The id of the project the token is scoped to (URLs use it)."""
        return self.token(client)["project_id"]

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How requests are authenticated: AK/SK signatures, or an IAM token obtained with a password."""

from __future__ import annotations

import datetime
import hashlib

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


def _epoch(iso: str) -> float:
    text = iso.replace("Z", "+00:00")
    value = datetime.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.timestamp()


class PasswordAuth:
    """IAM password login; the token is cached per identity (see token_cache) and sent as ``X-Auth-Token``."""

    kind = "token"

    def __init__(self, domain_name: str, user_name: str, password: str):
        self.domain_name = domain_name
        self.user_name = user_name
        self._password = password
        self._entry = None

    def identity(self) -> str:
        """Who logs in, and a keyed hash of the password: a wrong password never finds the right one's token."""
        who = "%s/%s" % (self.domain_name, self.user_name)
        return "password:%s:%s" % (who, proof(self._password, who))

    def _key(self, client) -> str:
        return cache_key("token", client.endpoint("iam"), self.identity(), client.region)

    def _login(self, client) -> dict:
        body = {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {"user": {"domain": {"name": self.domain_name}, "name": self.user_name, "password": self._password}},
                },
                "scope": {"project": {"name": client.region}},
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
            expires_at = _epoch(info["expires_at"]) if info.get("expires_at") else 0
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

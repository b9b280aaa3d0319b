# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for the emulator tests: constants, admin client, SDK clients, an independent request signer."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote, urlsplit

import requests
from huaweicloudsdkcore.auth.credentials import BasicCredentials

from hwcloud_emulator.config import DEFAULTS
from hwcloud_emulator.server import EmulatorServer

AK = DEFAULTS["credentials"]["permanent"]["ak"]
SK = DEFAULTS["credentials"]["permanent"]["sk"]
TEMP = DEFAULTS["credentials"]["temporary"]
PROJECT = DEFAULTS["projects"]["cn-north-4"]
OTHER_PROJECT = DEFAULTS["projects"]["cn-east-3"]
FAST_DELAYS = {"drs_job_configuration": 0.05, "dli_peer_active": 0.05, "eg_connection_created": 0.05}


class Admin:
    """Thin client for /_emulator/*."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        response = self.session.request(method, self.base_url + "/_emulator/" + path, json=body, timeout=10)
        assert response.status_code < 300, response.text
        return response.json()

    def reset(self) -> Any:
        return self._call("POST", "reset")

    def requests(self) -> list[dict[str, Any]]:
        return self._call("GET", "requests")["requests"]

    def clear_requests(self) -> Any:
        return self._call("DELETE", "requests")

    def set_faults(self, rules: list[dict[str, Any]], seed: int | None = None) -> Any:
        body: dict[str, Any] = {"rules": rules}
        if seed is not None:
            body["seed"] = seed
        return self._call("PUT", "faults", body)

    def clear_faults(self) -> Any:
        return self._call("DELETE", "faults")

    def seed_job(self, **job: Any) -> dict[str, Any]:
        return self._call("POST", "drs/jobs", job)["job"]

    def seed_eg_connections(self, names: list[str], **extra: Any) -> int:
        return self._call("POST", "eg/connections", dict(extra, names=names))["created"]

    def expire_tokens(self) -> Any:
        return self._call("POST", "iam/expire-tokens")

    def patch_config(self, patch: dict[str, Any]) -> Any:
        return self._call("PUT", "config", patch)

    def state(self) -> dict[str, Any]:
        return self._call("GET", "state")


class RunningEmulator:
    """What the ``emulator`` fixture yields."""

    def __init__(self, server: EmulatorServer) -> None:
        self.server = server
        self.base_url = server.base_url
        self.admin = Admin(server.base_url)
        self.app = server.app


def sdk_client(client_cls: Any, base_url: str, project_id: str = PROJECT, ak: str = AK, sk: str = SK,
               security_token: str | None = None) -> Any:
    """An official SDK client pointed at the emulator (project id given, so the SDK never asks real IAM)."""
    credentials = BasicCredentials(ak, sk, project_id)
    if security_token:
        credentials = credentials.with_security_token(security_token)
    return client_cls.new_builder().with_credentials(credentials).with_endpoints([base_url]).build()


def sign_headers(method: str, url: str, body: bytes = b"", ak: str = AK, sk: str = SK,
                 headers: dict[str, str] | None = None, sdk_date: str | None = None) -> dict[str, str]:
    """Independent SDK-HMAC-SHA256 signer for hand-made requests (query must already be canonical)."""
    parts = urlsplit(url)
    all_headers = {"Content-Type": "application/json", "Host": parts.netloc,
                   "X-Sdk-Date": sdk_date or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")}
    all_headers.update(headers or {})
    signed = sorted(name.lower() for name in all_headers if "_" not in name)
    lower = {name.lower(): str(value).strip() for name, value in all_headers.items()}
    path = "/".join(quote(segment, safe="~") for segment in parts.path.split("/"))
    path = path if path.endswith("/") else path + "/"
    canonical = "\n".join([
        method, path, parts.query, "".join("%s:%s\n" % (name, lower[name]) for name in signed), ";".join(signed),
        hashlib.sha256(body).hexdigest(),
    ])
    to_sign = "SDK-HMAC-SHA256\n%s\n%s" % (all_headers["X-Sdk-Date"], hashlib.sha256(canonical.encode()).hexdigest())
    signature = hmac.new(sk.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    all_headers["Authorization"] = "SDK-HMAC-SHA256 Access=%s, SignedHeaders=%s, Signature=%s" % (
        ak, ";".join(signed), signature)
    return all_headers


def signed_call(method: str, url: str, body: Any = None, **kwargs: Any) -> requests.Response:
    """Sign and send; body is JSON-encoded once so the signed bytes are the sent bytes."""
    payload = json.dumps(body).encode() if body is not None else b""
    headers = sign_headers(method, url, payload, **kwargs)
    return requests.request(method, url, data=payload or None, headers=headers, timeout=10)


def iam_token(base_url: str, project_name: str = "cn-north-4", password: str | None = None) -> requests.Response:
    """POST /v3/auth/tokens with the demo user."""
    iam = DEFAULTS["iam"]
    user = {"domain": {"name": iam["domain_name"]}, "name": iam["user_name"],
            "password": iam["password"] if password is None else password}
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": user}},
                     "scope": {"project": {"name": project_name}}}}
    return requests.post(base_url + "/v3/auth/tokens", json=body, timeout=10)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""API gateway authentication: AK/SK signatures (incl. temporary credentials) and IAM tokens."""

from __future__ import annotations

import hmac
import time
from datetime import datetime, timezone
from typing import Any

from . import signature
from .errors import auth_error, gateway_error
from .messages import Request
from .tokens import TemporaryCredentials, TokenRegistry

MAX_SKEW_SECONDS = 15 * 60


def iso_utc(epoch: float) -> str:
    """Epoch seconds as ISO-8601 UTC with microseconds, the way IAM prints times."""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _secret_for(access_key: str, credentials: dict[str, Any],
                issued: TemporaryCredentials | None) -> tuple[str, str | None, str, float | None] | None:
    """(secret key, required security token or None, auth kind, expiry or None) for a known AK."""
    permanent = credentials.get("permanent") or {}
    temporary = credentials.get("temporary") or {}
    if permanent.get("ak") and access_key == permanent["ak"]:
        return permanent["sk"], None, "aksk", None
    if temporary.get("ak") and access_key == temporary["ak"]:
        return temporary["sk"], temporary.get("security_token") or "", "aksk", None
    record = issued.lookup(access_key) if issued is not None else None
    if record is not None:
        return record["secret"], record["securitytoken"], record["kind"], record["expires_at"]
    return None


def verify_aksk(request: Request, credentials: dict[str, Any], now: float | None = None,
                issued: TemporaryCredentials | None = None) -> str:
    """Raise 401 APIGW.0301 unless the request carries a valid SDK-HMAC-SHA256 signature; return the auth kind
    ('aksk', or 'agency' / 'metadata' for temporary credentials the emulator issued)."""
    found = signature.AUTH_PATTERN.match(request.headers.get("authorization", "").strip())
    if not found:
        raise auth_error("verify aksk signature fail")
    access_key, signed_list, received = found.groups()
    known = _secret_for(access_key, credentials, issued)
    if known is None:
        raise auth_error("Get secretKey failed, ak not exist")
    secret_key, security_token, kind, expires_at = known
    signed_headers = signed_list.split(";")
    sdk_date = request.headers.get("x-sdk-date", "")
    signed_at = signature.parse_sdk_date(sdk_date)
    if signed_at is None or "x-sdk-date" not in signed_headers:
        raise auth_error("verify aksk signature fail")
    current = time.time() if now is None else now
    if abs(current - signed_at.timestamp()) > MAX_SKEW_SECONDS:
        raise auth_error("verify aksk signature fail, the X-Sdk-Date is out of range (15 minutes), server time: %s"
                         % datetime.fromtimestamp(current, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    if any(name not in request.headers or name != name.lower() or "_" in name for name in signed_headers):
        raise auth_error("verify aksk signature fail")
    canonical = signature.canonical_request(request.method, request.raw_path, request.raw_query,
                                            request.headers, signed_headers, request.body)
    if not signature.signature_matches(secret_key, sdk_date, canonical, received):
        raise auth_error("verify aksk signature fail")
    _check_security_token(request, signed_headers, security_token)
    if expires_at is not None and expires_at <= current:
        # Wording UNCONFIRMED: the real gateway's text for an expired temporary AK/SK is not documented.
        raise auth_error("the security token expires, expires_at: %s" % iso_utc(expires_at))
    return kind


def _check_security_token(request: Request, signed_headers: list[str], expected: str | None) -> None:
    """Temporary AKs need their signed X-Security-Token; permanent AKs must not send one."""
    sent = request.headers.get("x-security-token")
    if expected is None and sent is None:
        return
    if (expected is None or sent is None or "x-security-token" not in signed_headers
            or not hmac.compare_digest(sent.strip(), expected)):
        raise auth_error("verify aksk signature fail, the X-Security-Token is missing, unsigned or invalid")


def verify_token(request: Request, tokens: TokenRegistry, now: float | None = None) -> dict[str, Any]:
    """Validate X-Auth-Token; a token scoped to another project gets 403 APIGW.0302."""
    token = request.headers.get("x-auth-token", "").strip()
    record = tokens.lookup(token) if token else None
    if record is None:
        raise auth_error("decrypt token fail")
    current = time.time() if now is None else now
    if record["expires_at"] <= current:
        raise auth_error("token expires, expires_at: %s" % iso_utc(record["expires_at"]))
    project_id = request.project_id
    if project_id and record["project_id"] and record["project_id"] != project_id:
        raise gateway_error(403, "APIGW.0302", "The IAM user is not authorized to access the API: "
                            "the token is scoped to another project")
    return record


def authenticate(request: Request, credentials: dict[str, Any], tokens: TokenRegistry,
                 issued: TemporaryCredentials | None = None) -> str:
    """Return the auth kind ('aksk', 'agency', 'metadata' or 'token') or raise the gateway's 401."""
    if "authorization" in request.headers:
        return verify_aksk(request, credentials, issued=issued)
    if "x-auth-token" in request.headers:
        request.token = verify_token(request, tokens)
        return "token"
    raise auth_error("x-auth-token not found")

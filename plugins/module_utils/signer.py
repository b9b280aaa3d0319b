# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SDK-HMAC-SHA256 request signing (Huawei Cloud AK/SK), pure functions only."""

from __future__ import annotations

import datetime
import hashlib
import hmac
from urllib.parse import parse_qsl, quote, unquote, urlsplit

ALGORITHM = "SDK-HMAC-SHA256"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"


def _encode(value: str) -> str:
    # RFC 3986: only unreserved characters stay literal, hex in upper case.
    return quote(value, safe="~")


def query_pairs(params) -> list:
    """Turn a mapping of query parameters into sorted, stringified (name, value) pairs.

    Booleans become ``true``/``false``; lists expand into repeated names; ``None`` is dropped.
    """
    pairs = []
    items = params.items() if hasattr(params, "items") else params
    for name, value in items or ():
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if item is None:
                continue
            if isinstance(item, bool):
                item = "true" if item else "false"
            pairs.append((str(name), str(item)))
    return sorted(pairs)


def canonical_query(pairs) -> str:
    """Canonical query string; also the exact query string put on the wire."""
    return "&".join("%s=%s" % (_encode(name), _encode(value)) for name, value in sorted(pairs))


def canonical_uri(path: str) -> str:
    segments = [_encode(unquote(segment)) for segment in path.split("/")]
    uri = "/".join(segments)
    return uri if uri.endswith("/") else uri + "/"


def signed_header_names(headers) -> list:
    # Headers with "_" in their name are sent but never signed (official signer behaviour).
    return sorted(name.lower() for name in headers if "_" not in name)


def canonical_headers(headers) -> str:
    lowered = {name.lower(): str(value).strip() for name, value in headers.items()}
    return "".join("%s:%s\n" % (name, lowered[name]) for name in signed_header_names(headers))


def payload_hash(headers, body: bytes) -> str:
    if not body:
        return EMPTY_SHA256
    for name, value in headers.items():
        if name.lower() == "x-sdk-content-sha256":
            return str(value)
    return hashlib.sha256(body).hexdigest()


def canonical_request(method: str, path: str, query: str, headers, body: bytes) -> str:
    return "\n".join(
        [
            method.upper(),
            canonical_uri(path),
            query,
            canonical_headers(headers),
            ";".join(signed_header_names(headers)),
            payload_hash(headers, body),
        ]
    )


def string_to_sign(canonical: str, sdk_date: str) -> str:
    return "\n".join([ALGORITHM, sdk_date, hashlib.sha256(canonical.encode("utf-8")).hexdigest()])


def signature(secret_key: str, to_sign: str) -> str:
    return hmac.new(secret_key.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def _find(headers, name: str):
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def sign(method: str, url: str, headers: dict, body: bytes, access_key: str, secret_key: str, now: datetime.datetime = None) -> dict:
    """Return a copy of ``headers`` with ``X-Sdk-Date``, ``Host`` and ``Authorization`` added.

    The gateway recomputes the signature from the query it receives, so callers should send the
    query exactly as :func:`canonical_query` renders it.
    """
    signed = dict(headers)
    sdk_date = _find(signed, "x-sdk-date")
    if sdk_date is None:
        now = now or datetime.datetime.now(datetime.timezone.utc)
        sdk_date = now.strftime(DATE_FORMAT)
        signed["X-Sdk-Date"] = sdk_date
    parts = urlsplit(url)
    if _find(signed, "host") is None:
        signed["Host"] = parts.netloc
    content_type = _find(signed, "content-type")
    if content_type and not content_type.startswith(("application/json", "application/bson")):
        signed.setdefault("X-Sdk-Content-Sha256", UNSIGNED_PAYLOAD)
    query = canonical_query(parse_qsl(parts.query, keep_blank_values=True))
    canonical = canonical_request(method, parts.path or "/", query, signed, body or b"")
    sig = signature(secret_key, string_to_sign(canonical, sdk_date))
    signed["Authorization"] = "%s Access=%s, SignedHeaders=%s, Signature=%s" % (
        ALGORITHM,
        access_key,
        ";".join(signed_header_names(signed)),
        sig,
    )
    return signed

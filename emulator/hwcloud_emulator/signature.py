# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SDK-HMAC-SHA256 canonicalisation and verification, recomputed from the received request (signing.md §2, §6)."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime, timezone
from urllib.parse import quote, unquote

ALGORITHM = "SDK-HMAC-SHA256"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
EMPTY_HASH = hashlib.sha256(b"").hexdigest()
AUTH_PATTERN = re.compile(r"^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$")


def encode(value: str) -> str:
    """RFC 3986 encoding with uppercase hex, as the SDK does."""
    return quote(value, safe="~")


def canonical_uri(raw_path: str) -> str:
    """Decode, re-encode per segment, always end with a slash."""
    path = "/".join(encode(segment) for segment in unquote(raw_path).split("/"))
    return path if path.endswith("/") else path + "/"


def canonical_query(raw_query: str) -> str:
    """Re-canonicalise the raw query: decode pairs, sort by (name, value), encode, join."""
    pairs = []
    for part in raw_query.split("&") if raw_query else []:
        if not part:
            continue
        name, _sep, value = part.partition("=")
        pairs.append((unquote(name), unquote(value)))
    pairs.sort()
    return "&".join("%s=%s" % (encode(name), encode(value)) for name, value in pairs)


def payload_hash(body: bytes, content_sha256: str | None) -> str:
    """Empty body hashes to the empty hash; X-Sdk-Content-Sha256 replaces the hash otherwise."""
    if not body:
        return EMPTY_HASH
    if content_sha256:
        return content_sha256
    return hashlib.sha256(body).hexdigest()


def canonical_request(method: str, raw_path: str, raw_query: str, headers: dict[str, str],
                      signed_headers: list[str], body: bytes) -> str:
    """headers maps lower-case names to received values; every signed name must be present."""
    lines = "".join("%s:%s\n" % (name, headers[name].strip()) for name in signed_headers)
    return "\n".join([
        method.upper(), canonical_uri(raw_path), canonical_query(raw_query), lines,
        ";".join(signed_headers), payload_hash(body, headers.get("x-sdk-content-sha256")),
    ])


def sign(secret_key: str, sdk_date: str, canonical: str) -> str:
    """Hex HMAC-SHA256 of the string to sign, keyed with the raw secret key."""
    string_to_sign = "%s\n%s\n%s" % (ALGORITHM, sdk_date, hashlib.sha256(canonical.encode("utf-8")).hexdigest())
    return hmac.new(secret_key.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def parse_sdk_date(value: str) -> datetime | None:
    """X-Sdk-Date as an aware UTC datetime, or None when malformed."""
    try:
        return datetime.strptime(value, DATE_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def signature_matches(secret_key: str, sdk_date: str, canonical: str, signature: str) -> bool:
    """Constant-time comparison of the recomputed signature."""
    return hmac.compare_digest(sign(secret_key, sdk_date, canonical), signature)

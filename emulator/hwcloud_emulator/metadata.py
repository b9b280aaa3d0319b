# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ECS/BMS metadata server's credential API, served on the emulator's loopback port (never 169.254.169.254).

``PUT /meta-data/latest/api/token`` (header ``X-Metadata-Token-Ttl-Seconds``) answers a session token as text;
``GET /openstack/latest/securitykey`` (header ``X-Metadata-Token``) answers the temporary credentials of the agency
bound to the server: ``{"credential": {"access", "secret", "securitytoken", "expires_at"}}``. The request flow is the
official SDK's ``MetadataAccessor``; the JSON shape is what it and Terraform's provider read.
"""

from __future__ import annotations

import time
from typing import Any

from .errors import ApiError
from .gateway import iso_utc
from .messages import Request, Response
from .router import Route

# Session token lifetime bounds (seconds); the SDK asks for 6 hours.
MAX_TOKEN_TTL = 21600
NO_AGENCY = "Please configure Cloud Service Agency first"  # the text the SDK looks for


def _error(status: int, message: str) -> ApiError:
    # The metadata server's error body is not documented (UNCONFIRMED); the SDK only reads its text.
    return ApiError(status, {"error": message})


def create_session_token(app: Any, req: Request) -> Response:
    """PUT /meta-data/latest/api/token → 200 text/plain token."""
    try:
        ttl = int(req.headers.get("x-metadata-token-ttl-seconds", ""))
    except ValueError:
        ttl = 0
    if not 1 <= ttl <= MAX_TOKEN_TTL:
        raise _error(400, "X-Metadata-Token-Ttl-Seconds must be an integer from 1 to %d" % MAX_TOKEN_TTL)
    token, _record = app.metadata_tokens.issue(float(ttl), None, None)
    return Response(200, token)


def _session_valid(app: Any, req: Request) -> bool:
    token = req.headers.get("x-metadata-token", "").strip()
    record = app.metadata_tokens.lookup(token) if token else None
    return record is not None and record["expires_at"] > time.time()


def security_key(app: Any, req: Request) -> Response:
    """GET /openstack/latest/securitykey → the bound agency's temporary credentials."""
    metadata = app.config.get("metadata") or {}
    if metadata.get("token_required", True) and not _session_valid(app, req):
        raise _error(401, "Unauthorized: X-Metadata-Token is missing, unknown or expired")
    if not metadata.get("agency"):
        raise _error(401, NO_AGENCY)
    record = app.temporary.issue(float(metadata.get("credential_ttl", 86400)), "metadata")
    return Response(200, {"credential": {"access": record["access"], "secret": record["secret"],
                                         "securitytoken": record["securitytoken"], "expires_at": iso_utc(record["expires_at"])}})


ROUTES = [
    Route("PUT", "/meta-data/latest/api/token", "metadata", create_session_token, authenticated=False),
    Route("GET", "/openstack/latest/securitykey", "metadata", security_key, authenticated=False),
]

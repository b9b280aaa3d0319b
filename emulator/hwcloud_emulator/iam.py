# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""IAM: password tokens (scoped to a region project or a sub-project), project lookup by name, and temporary AK/SK
(POST /v3.0/OS-CREDENTIAL/securitytokens: an assumed agency's, or the caller's own from its token)."""

from __future__ import annotations

import hmac
import time
from typing import Any

from .errors import iam_error
from .gateway import iso_utc
from .messages import Request, Response
from .router import Route

WRONG_PASSWORD = "The username or password is wrong."


def _bad(message: str) -> Exception:
    return iam_error(400, message, "Bad Request")


def _password_user(body: dict[str, Any]) -> dict[str, Any]:
    identity = (body.get("auth") or {}).get("identity") or {}
    if "password" not in (identity.get("methods") or []):
        raise _bad("Only the password identity method is supported by the emulator.")
    user = (identity.get("password") or {}).get("user")
    if not isinstance(user, dict):
        raise _bad("auth.identity.password.user is required.")
    return user


def _check_user(user: dict[str, Any], iam: dict[str, Any]) -> None:
    domain = user.get("domain") or {}
    domain_ok = domain.get("name") == iam["domain_name"] or domain.get("id") == iam["domain_id"]
    user_ok = user.get("name") == iam["user_name"] or user.get("id") == iam["user_id"]
    password_ok = hmac.compare_digest(str(user.get("password", "")).encode(), str(iam["password"]).encode())
    if not (domain_ok and user_ok and password_ok):
        raise iam_error(401, WRONG_PASSWORD, "Unauthorized")


def _resolve_scope(body: dict[str, Any], projects: dict[str, str]) -> tuple[str | None, str | None]:
    """(project_id, project_name) for a project scope, (None, None) for a domain scope."""
    scope = (body.get("auth") or {}).get("scope") or {}
    project = scope.get("project")
    if not project:
        return None, None
    for name, project_id in projects.items():
        if project.get("name") == name or project.get("id") == project_id:
            return project_id, name
    raise _bad("The project in the scope does not exist.")


def create_token(app: Any, req: Request) -> Response:
    """POST /v3/auth/tokens → 201 with X-Subject-Token."""
    body = req.json()
    iam = app.config["iam"]
    user = _password_user(body)
    _check_user(user, iam)
    project_id, project_name = _resolve_scope(body, app.config["projects"])
    token, record = app.tokens.issue(float(iam.get("token_ttl", 86400)), project_id, project_name)
    domain = {"id": iam["domain_id"], "name": iam["domain_name"]}
    result: dict[str, Any] = {
        "expires_at": iso_utc(record["expires_at"]),
        "issued_at": iso_utc(record["issued_at"]),
        "methods": ["password"],
        "user": {"id": iam["user_id"], "name": iam["user_name"], "domain": domain, "password_expires_at": ""},
        "roles": [],
        "catalog": [],
    }
    if project_id:
        result["project"] = {"id": project_id, "name": project_name, "domain": domain}
    else:
        result["domain"] = domain
    return Response(201, {"token": result}, {"X-Subject-Token": token})


def list_projects(app: Any, req: Request) -> Response:
    """GET /v3/projects[?name=<region>]."""
    domain_id = app.config["iam"]["domain_id"]
    wanted = req.arg("name")
    projects = [
        {"id": project_id, "name": name, "domain_id": domain_id, "enabled": True, "is_domain": False,
         "parent_id": domain_id, "description": "", "links": {"self": "%s/v3/projects/%s" % (app.base_url, project_id)}}
        for name, project_id in app.config["projects"].items() if wanted is None or wanted == name
    ]
    links = {"self": "%s/v3/projects" % app.base_url, "previous": None, "next": None}
    return Response(200, {"projects": projects, "links": links})


# duration_seconds of temporary credentials: 15 minutes to 24 hours, 15 minutes when not given (SDK IdentityAssumerole).
MIN_DURATION, MAX_DURATION, DEFAULT_DURATION = 900, 86400, 900


def _duration(value: Any) -> int:
    if value is None:
        return DEFAULT_DURATION
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_DURATION <= value <= MAX_DURATION:
        raise _bad("duration_seconds must be an integer from %d to %d." % (MIN_DURATION, MAX_DURATION))
    return value


def _agency(app: Any, assume: dict[str, Any]) -> dict[str, Any]:
    """The configured agency ``assume`` names (agency_name + domain_name or domain_id)."""
    name = assume.get("agency_name")
    if not isinstance(name, str) or not name or not (assume.get("domain_name") or assume.get("domain_id")):
        raise _bad("assume_role needs agency_name and domain_name or domain_id.")
    for agency in app.config["iam"].get("agencies") or []:
        same_domain = (assume.get("domain_id") in (None, agency.get("domain_id"))
                       and assume.get("domain_name") in (None, agency.get("domain_name")))
        if agency.get("agency_name") == name and same_domain:
            if agency.get("refuse"):
                raise iam_error(403, "The agency does not trust this user.", "Forbidden")  # wording UNCONFIRMED
            return agency
    raise iam_error(404, "Could not find agency: %s." % name, "Not Found")  # status and wording UNCONFIRMED


def _check_token(app: Any, token: Any) -> None:
    record = app.tokens.lookup(token) if isinstance(token, str) and token else None
    if record is None or record["expires_at"] <= time.time():
        raise iam_error(401, "The token is invalid or expired.", "Unauthorized")


def create_security_token(app: Any, req: Request) -> Response:
    """POST /v3.0/OS-CREDENTIAL/securitytokens → 201 {credential: {access, secret, securitytoken, expires_at}}.

    ``assume_role`` (agency_name, domain_name | domain_id, duration_seconds) with any authenticated caller;
    ``token`` (temporary keys of a token's user): the token is ``token.id`` of the body (as the SDK sends it) or the
    caller's X-Auth-Token.
    """
    identity = (req.json().get("auth") or {}).get("identity") or {}
    methods = identity.get("methods") or []
    if methods == ["assume_role"]:
        assume = identity.get("assume_role")
        if not isinstance(assume, dict):
            raise _bad("auth.identity.assume_role is required.")
        _agency(app, assume)
        ttl, kind = _duration(assume.get("duration_seconds")), "agency"
    elif methods == ["token"]:
        token = identity.get("token") if isinstance(identity.get("token"), dict) else {}
        _check_token(app, token.get("id") or req.headers.get("x-auth-token", ""))
        ttl, kind = _duration(token.get("duration_seconds")), "temporary"
    else:
        raise _bad("auth.identity.methods must be [\"assume_role\"] or [\"token\"].")
    record = app.temporary.issue(float(ttl), kind)
    return Response(201, {"credential": {"access": record["access"], "secret": record["secret"],
                                         "securitytoken": record["securitytoken"], "expires_at": iso_utc(record["expires_at"])}})


ROUTES = [
    Route("POST", "/v3/auth/tokens", "iam", create_token, authenticated=False),
    Route("GET", "/v3/projects", "iam", list_projects),
    Route("POST", "/v3.0/OS-CREDENTIAL/securitytokens", "iam", create_security_token),
]

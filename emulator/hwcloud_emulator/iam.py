# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""IAM: password tokens and project lookup by name."""

from __future__ import annotations

import hmac
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


ROUTES = [
    Route("POST", "/v3/auth/tokens", "iam", create_token, authenticated=False),
    Route("GET", "/v3/projects", "iam", list_projects),
]

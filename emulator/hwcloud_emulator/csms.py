# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""CSMS (Cloud Secret Management Service) secrets and versions, as huaweicloudsdkcsms 3.1.219 models them.

Create secret, show secret, create version, list versions (marker paging) and show version, where ``latest`` names
the newest version. Values are kept sealed (``sealed``): the state, the admin views and the logs never hold them.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from . import clock, sealed
from .errors import ApiError, service_error
from .messages import Request, Response
from .router import Route

NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
STAGE_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MAX_VALUE = 32 * 1024
MAX_STAGES = 12
DEFAULT_KMS_KEY = "csms/default"
CURRENT, PREVIOUS = "SYSCURRENT", "SYSPREVIOUS"
BASE = "/v1/{project_id}/secrets"


def _invalid(msg: str) -> ApiError:
    return service_error("csms", 400, "CSMS.0002", msg)


def _missing(name: str) -> ApiError:
    """Unknown secret: 400 CSMS.0106 (DEW error codes: "The secret name not found int the db.")."""
    return service_error("csms", 400, "CSMS.0106", "The secret name not found in the db: %s." % name)


def _key(project_id: str, name: str) -> str:
    return "%s/%s" % (project_id, name)


def _value(app: Any, body: dict[str, Any]) -> dict[str, str]:
    """Exactly one of secret_string / secret_binary, at most 32 KiB, sealed for the state."""
    given = [field for field in ("secret_string", "secret_binary") if body.get(field) is not None]
    if len(given) != 1:
        raise _invalid("The value of parameter is invalid: exactly one of secret_string and secret_binary is required.")
    value = body[given[0]]
    if not isinstance(value, str) or not value or len(value.encode("utf-8")) > MAX_VALUE:
        raise _invalid("The value of parameter is invalid: %s must be 1 byte to 32 KiB of text." % given[0])
    return {"field": given[0], "sealed": sealed.seal(app.config, value)}


def _stages(body: dict[str, Any]) -> list[str]:
    stages = body.get("version_stages")
    if stages is None:
        return [CURRENT]
    if not isinstance(stages, list) or not 1 <= len(stages) <= MAX_STAGES or not all(
            isinstance(stage, str) and STAGE_PATTERN.match(stage) for stage in stages):
        raise _invalid("The value of parameter is invalid: version_stages must be 1 to 12 names of 1 to 64 characters.")
    return list(dict.fromkeys(stages))


def _secret_view(secret: dict[str, Any]) -> dict[str, Any]:
    fields = ("id", "name", "state", "kms_key_id", "description", "create_time", "update_time", "secret_type",
              "auto_rotation", "enterprise_project_id")
    return dict({key: secret[key] for key in fields}, scheduled_delete_time=None, event_subscriptions=[])


def _metadata(secret: dict[str, Any], version: dict[str, Any]) -> dict[str, Any]:
    return {"id": version["id"], "create_time": version["create_time"], "expire_time": version.get("expire_time"),
            "kms_key_id": secret["kms_key_id"], "secret_name": secret["name"], "version_stages": list(version["version_stages"])}


def _add_version(app: Any, secret: dict[str, Any], value: dict[str, str], stages: list[str],
                 expire_time: Any = None) -> dict[str, Any]:
    """Append version v<N>; its stages leave the versions that held them, SYSCURRENT's old holder gets SYSPREVIOUS."""
    for version in secret["versions"]:
        moved = [stage for stage in version["version_stages"] if stage in stages]
        version["version_stages"] = [stage for stage in version["version_stages"] if stage not in stages]
        if CURRENT in moved:
            for other in secret["versions"]:
                other["version_stages"] = [stage for stage in other["version_stages"] if stage != PREVIOUS]
            version["version_stages"].append(PREVIOUS)
    version = {"id": "v%d" % (len(secret["versions"]) + 1), "create_time": clock.epoch_ms(clock.now()),
               "version_stages": stages, "value_field": value["field"], "value": value["sealed"]}
    if expire_time is not None:
        if not isinstance(expire_time, int) or isinstance(expire_time, bool):
            raise _invalid("The value of parameter is invalid: expire_time must be an integer timestamp.")
        version["expire_time"] = expire_time
    secret["versions"].append(version)
    secret["update_time"] = version["create_time"]
    return version


def create_secret_record(app: Any, project_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """A new secret with its first version (caller holds the lock)."""
    name = body.get("name")
    if not isinstance(name, str) or not NAME_PATTERN.match(name) or name in (".", ".."):
        raise _invalid("The value of parameter is invalid: name must be 1 to 64 letters, digits, _, - or .")
    if len(str(body.get("description") or "")) > 2048:
        raise _invalid("The value of parameter is invalid: description has at most 2048 characters.")
    value = _value(app, body)
    secrets = app.store.data["csms_secrets"]
    if _key(project_id, name) in secrets:
        raise service_error("csms", 400, "CSMS.0002", "The value of parameter is invalid: secret %s already exists." % name)
    created = clock.epoch_ms(clock.now())
    secret = {"id": str(uuid.uuid4()), "name": name, "project_id": project_id, "state": "ENABLED",
              "kms_key_id": body.get("kms_key_id") or DEFAULT_KMS_KEY, "description": body.get("description") or "",
              "create_time": created, "update_time": created, "secret_type": body.get("secret_type") or "COMMON",
              "auto_rotation": bool(body.get("auto_rotation")), "enterprise_project_id": body.get("enterprise_project_id") or "0",
              "versions": []}
    _add_version(app, secret, value, [CURRENT])
    secrets[_key(project_id, name)] = secret
    return secret


def _secret(app: Any, req: Request) -> dict[str, Any]:
    secret = app.store.data["csms_secrets"].get(_key(req.project_id or "", req.params["secret_name"]))
    if secret is None:
        raise _missing(req.params["secret_name"])
    return secret


def _version(secret: dict[str, Any], version_id: str) -> dict[str, Any]:
    if version_id == "latest":
        return secret["versions"][-1]
    for version in secret["versions"]:
        if version["id"] == version_id:
            return version
    raise service_error("csms", 400, "CSMS.0005", "The resource does not exist: version %s of secret %s."
                        % (version_id, secret["name"]))


def create_secret(app: Any, req: Request) -> Response:
    """POST /v1/{project_id}/secrets → 200 {"secret": Secret}."""
    body = req.json()
    with app.store.lock:
        secret = create_secret_record(app, req.project_id or "", body)
        app.store.save()
        return Response(200, {"secret": _secret_view(secret)})


def show_secret(app: Any, req: Request) -> Response:
    """GET /v1/{project_id}/secrets/{secret_name}."""
    with app.store.lock:
        return Response(200, {"secret": _secret_view(_secret(app, req))})


def create_version(app: Any, req: Request) -> Response:
    """POST …/{secret_name}/versions {secret_string|secret_binary, version_stages?, expire_time?} → {version_metadata}."""
    body = req.json()
    value, stages = _value(app, body), _stages(body)
    with app.store.lock:
        secret = _secret(app, req)
        version = _add_version(app, secret, value, stages, body.get("expire_time"))
        app.store.save()
        return Response(200, {"version_metadata": _metadata(secret, version)})


def list_versions(app: Any, req: Request) -> Response:
    """GET …/{secret_name}/versions?marker=&limit= (default 50): oldest first, ``marker`` = the last id of a page."""
    limit, marker = req.int_arg("limit", 50), req.arg("marker")
    if not 1 <= limit <= 200:
        raise _invalid("The value of parameter is invalid: limit must be 1 to 200.")
    with app.store.lock:
        secret = _secret(app, req)
        ids = [version["id"] for version in secret["versions"]]
        start = ids.index(marker) + 1 if marker in ids else 0
        if marker and marker not in ids:
            raise _invalid("The value of parameter is invalid: marker %s." % marker)
        page = secret["versions"][start:start + limit]
        more = start + limit < len(ids)
        return Response(200, {"version_metadatas": [_metadata(secret, version) for version in page],
                              "page_info": {"next_marker": page[-1]["id"] if page and more else None,
                                            "previous_marker": marker, "current_count": len(page)}})


def show_version(app: Any, req: Request) -> Response:
    """GET …/{secret_name}/versions/{version_id}: the version and its value; ``latest`` is the newest version."""
    with app.store.lock:
        secret = _secret(app, req)
        version = _version(secret, req.params["version_id"])
        body = {"version_metadata": _metadata(secret, version), version["value_field"]: sealed.unseal(app.config, version["value"])}
        return Response(200, {"version": body})


def seed_secrets(app: Any, req: Request) -> Response:
    """Admin: {project_id?, secrets: [{name, secret_string | secret_binary, versions?: [{secret_string|secret_binary}]}]}."""
    body = req.json()
    specs = body.get("secrets")
    if not isinstance(specs, list):
        raise ApiError(400, {"error": "secrets must be a list"})
    project_id = body.get("project_id") or next(iter(app.config["projects"].values()))
    created = []
    with app.store.lock:
        for spec in specs:
            if not isinstance(spec, dict):
                raise ApiError(400, {"error": "every secret is an object"})
            try:
                secret = create_secret_record(app, project_id, spec)
                for extra in spec.get("versions") or []:
                    _add_version(app, secret, _value(app, extra), _stages(extra))
            except ApiError as error:
                raise ApiError(400, {"error": "secret %r: %s" % (spec.get("name"), error.body.get("error_msg"))}) from None
            created.append({"name": secret["name"], "versions": [version["id"] for version in secret["versions"]]})
        app.store.save()
    return Response(201, {"created": created})


def admin_view(secret: dict[str, Any]) -> dict[str, Any]:
    """A secret for the admin state view: metadata only, never a value (sealed or not)."""
    return dict(_secret_view(secret), project_id=secret["project_id"],
                versions=[_metadata(secret, version) for version in secret["versions"]])


ROUTES = [
    Route("POST", BASE, "csms", create_secret),
    Route("GET", BASE + "/{secret_name}", "csms", show_secret),
    Route("POST", BASE + "/{secret_name}/versions", "csms", create_version),
    Route("GET", BASE + "/{secret_name}/versions", "csms", list_versions),
    Route("GET", BASE + "/{secret_name}/versions/{version_id}", "csms", show_version),
    Route("POST", "/_emulator/csms/secrets", "admin", seed_secrets, authenticated=False),
]

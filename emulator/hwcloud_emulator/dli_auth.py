# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DLI datasource authentications (auth-infos), as huaweicloudsdkdli 3.1.219 models them (v3 and v2.0 paths).

``POST`` and ``PUT`` on the collection (the name is in the body), ``GET`` with ``auth_info_name``/``offset``/``limit``,
``DELETE …/{auth_info_name}``. Passwords and the keytab path are kept sealed; reads never return a password.
"""

from __future__ import annotations

import re
from typing import Any

from . import clock, sealed
from .errors import ApiError, service_error
from .messages import Request, Response
from .router import Route

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]{0,127}$")
TYPES = ("passwd", "Kafka_SSL", "KRB", "CSS")
PATHS = ("certificate_location", "krb5_conf", "keytab", "truststore_location", "keystore_location")
SEALED = ("password", "truststore_password", "keystore_password", "key_password", "keytab")
# What each type needs (SDK descriptions, Terraform's RequiredWith rules; stricter rules are UNCONFIRMED).
REQUIRED = {"passwd": ("user_name", "password"), "CSS": ("user_name", "password", "certificate_location"),
            "KRB": ("krb5_conf", "keytab"), "Kafka_SSL": ("truststore_location", "truststore_password")}
CREATE_FIELDS = ("user_name", "password", "krb5_conf", "keytab", "truststore_location", "truststore_password",
                 "keystore_location", "keystore_password", "certificate_location", "key_password")
# The update body has no datasource_type, certificate_location or key_password (SDK UpdateJobAuthInfoRequestBody).
UPDATE_FIELDS = ("user_name", "password", "krb5_conf", "keytab", "truststore_location", "truststore_password",
                 "keystore_location", "keystore_password")
VIEW_FIELDS = ("auth_info_name", "user_name", "certificate_location", "datasource_type", "create_time", "update_time",
               "krb5_conf", "keytab", "truststore_location", "keystore_location", "owner")


def _invalid(msg: str) -> ApiError:
    return service_error("dli", 400, "DLI.0001", msg)


def _missing(name: str) -> ApiError:
    return service_error("dli", 400, "DLI.0002", "Datasource authentication %s does not exist." % name)


def _ok(message: str = "", **extra: Any) -> dict[str, Any]:
    return dict({"is_success": True, "message": message}, **extra)


def _fields(body: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, str]:
    """The allowed string fields of a body (Terraform's ``username`` accepted for ``user_name``)."""
    if "username" in body and "user_name" not in body:
        body = dict(body, user_name=body["username"])
    found = {}
    for key in allowed:
        value = body.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str) or len(value) > 1024:
            raise _invalid("Invalid parameter %s: a string of at most 1024 characters is required." % key)
        if key in PATHS and not re.match(r"^obs://[^/]+/.+", value):
            raise _invalid("Invalid parameter %s: an OBS path such as obs://bucket/dir/file is required." % key)
        found[key] = value
    return found


def _store(app: Any, record: dict[str, Any], fields: dict[str, str]) -> None:
    for key, value in fields.items():
        record[key] = sealed.seal(app.config, value) if key in SEALED else value


def view(app: Any, record: dict[str, Any]) -> dict[str, Any]:
    """What list returns: no password ever; the keytab path unsealed (the API returns it)."""
    shown = {key: record[key] for key in VIEW_FIELDS if record.get(key) is not None}
    if "keytab" in shown:
        shown["keytab"] = sealed.unseal(app.config, shown["keytab"])
    return shown


def admin_view(record: dict[str, Any]) -> dict[str, Any]:
    """For the admin state: which secrets are set, never their values (sealed or not)."""
    shown = {key: record[key] for key in VIEW_FIELDS if record.get(key) is not None and key != "keytab"}
    return dict(shown, project_id=record["project_id"], secrets_set=sorted(key for key in SEALED if record.get(key)))


def _key(project_id: str, name: str) -> str:
    return "%s/%s" % (project_id, name)


def create(app: Any, req: Request) -> Response:
    """POST …/datasource/auth-infos {auth_info_name, datasource_type, …} → {is_success, message}."""
    body = req.json()
    name, kind = body.get("auth_info_name"), body.get("datasource_type")
    if not isinstance(name, str) or not NAME_PATTERN.match(name) or name.isdigit():
        raise _invalid("Invalid parameter auth_info_name: 1 to 128 letters, digits or underscores, starting with a letter or "
                       "digit, not only digits.")
    if kind not in TYPES:
        raise _invalid("Invalid parameter datasource_type: one of %s." % ", ".join(TYPES))
    fields = _fields(body, CREATE_FIELDS)
    lacking = [key for key in REQUIRED[kind] if key not in fields]
    if lacking:
        raise _invalid("Invalid parameter: datasource_type %s requires %s." % (kind, ", ".join(lacking)))
    with app.store.lock:
        records = app.store.data["dli_auth_infos"]
        if _key(req.project_id or "", name) in records:
            raise service_error("dli", 400, "DLI.0006", "Datasource authentication %s already exists." % name)
        now = clock.epoch_ms(clock.now())
        record = {"auth_info_name": name, "datasource_type": kind, "project_id": req.project_id, "create_time": now,
                  "update_time": now, "owner": (req.token or {}).get("user_name") or app.config["iam"]["user_name"]}
        _store(app, record, fields)
        records[_key(req.project_id or "", name)] = record
        app.store.save()
    return Response(201 if req.raw_path.startswith("/v2.0/") else 200, _ok("Created"))


def list_infos(app: Any, req: Request) -> Response:
    """GET …/datasource/auth-infos?auth_info_name=&offset=&limit= (default 100): exact name; count is the total."""
    offset, limit, name = req.int_arg("offset", 0), req.int_arg("limit", 100), req.arg("auth_info_name")
    if offset < 0 or not 0 < limit <= 1000:
        raise _invalid("Invalid parameter offset/limit.")
    with app.store.lock:
        found = [record for record in app.store.data["dli_auth_infos"].values()
                 if record["project_id"] == req.project_id and (not name or record["auth_info_name"] == name)]
        page = [view(app, record) for record in found[offset:offset + limit]]
    return Response(200, _ok("", count=len(found), auth_infos=page))


def update(app: Any, req: Request) -> Response:
    """PUT …/datasource/auth-infos {auth_info_name, the fields to change}: fields not sent are kept."""
    body = req.json()
    name = body.get("auth_info_name")
    refused = [key for key in ("datasource_type", "certificate_location", "key_password") if body.get(key) not in (None, "")]
    if refused:
        raise _invalid("Invalid parameter: %s cannot be updated." % ", ".join(refused))
    fields = _fields(body, UPDATE_FIELDS)
    with app.store.lock:
        record = app.store.data["dli_auth_infos"].get(_key(req.project_id or "", str(name)))
        if record is None:
            raise _missing(str(name))
        _store(app, record, fields)
        record["update_time"] = clock.epoch_ms(clock.now())
        app.store.save()
    return Response(200, _ok("Updated"))


def delete(app: Any, req: Request) -> Response:
    """DELETE …/datasource/auth-infos/{auth_info_name}."""
    name = req.params["auth_info_name"]
    with app.store.lock:
        if app.store.data["dli_auth_infos"].pop(_key(req.project_id or "", name), None) is None:
            raise _missing(name)
        app.store.save()
    return Response(200, _ok("Deleted"))


def _routes() -> list[Route]:
    routes = []
    for version in ("v3", "v2.0"):
        base = "/%s/{project_id}/datasource/auth-infos" % version
        routes += [Route("POST", base, "dli", create), Route("GET", base, "dli", list_infos), Route("PUT", base, "dli", update),
                   Route("DELETE", base + "/{auth_info_name}", "dli", delete)]
    return routes


ROUTES = _routes()

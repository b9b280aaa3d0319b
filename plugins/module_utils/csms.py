# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""CSMS (Cloud Secret Management Service, part of DEW) secret versions: the read the csms_secret lookup makes.

``GET /v1/{project_id}/secrets/{secret_name}/versions/{version_id}`` (SDK huaweicloudsdkcsms 3.1.219
``show_secret_version``; ``latest`` is accepted as a version id) answers ``{"version": {"version_metadata": {...},
"secret_string": ..., "secret_binary": ...}}``. The host is ``kms.{region}.{cloud}`` (the SDK's CsmsRegion).
"""

from __future__ import annotations

import json
import re

from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError, ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import build

VERSION = "/v1/{project_id}/secrets/{secret_name}/versions/{version_id}"
# Secret names: the SDK says ^[a-zA-Z0-9_-]{1,64}$, Terraform's provider also admits dots; accept both (the path
# builder encodes whatever is left). Version ids are "v1", "v2", ... or "latest".
SECRET_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")
VERSION_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
# "Does not exist" answers (DEW error code page): 400 CSMS.0005 the resource does not exist, 400 CSMS.0106 the secret
# name is not found; a 404 of the service itself (not the gateway's APIGW.0101) is taken the same way (UNCONFIRMED).
MISSING_CODES = ("CSMS.0005", "CSMS.0106")


class SecretMissing(HuaweiCloudError):
    """The secret or the version does not exist."""


def name_problem(name) -> str:
    if not isinstance(name, str) or not SECRET_NAME.fullmatch(name) or name in (".", ".."):
        return "must be a CSMS secret name of 1 to 64 letters, digits, hyphens (-), underscores (_) or dots (.)"
    return ""


def version_problem(version) -> str:
    if not isinstance(version, str) or not VERSION_ID.fullmatch(version) or version in (".", ".."):
        return "must be a version ID such as v1, or latest"
    return ""


def is_missing(error: HuaweiCloudError) -> bool:
    if error.status == 404:
        return not str(error.error_code or "").startswith("APIGW")
    return error.status == 400 and error.error_code in MISSING_CODES


def secret_value(client, name: str, version: str = "latest") -> str:
    """The secret_string (else the base64 secret_binary) of one version; SecretMissing when there is none.

    The value is registered with the client's secrets at once, so no later message can show it.
    """
    try:
        response = client.get("csms", build(VERSION, secret_name=name, version_id=version))
    except HuaweiCloudError as error:
        if is_missing(error):
            raise SecretMissing(error.message, status=error.status, error_code=error.error_code, error_msg=error.error_msg,
                                request_id=error.request_id, method=error.method, path=error.path) from None
        raise
    found = response.body.get("version") if isinstance(response.body, dict) else None
    if not isinstance(found, dict):
        raise response.malformed("version is missing or not an object")
    for field in ("secret_string", "secret_binary"):
        value = found.get(field)
        if isinstance(value, str) and value != "":
            client.register_secret(value)
            return value
    raise response.malformed("the version has neither secret_string nor secret_binary")


def pick_key(value: str, key: str, where: str) -> str:
    """Field ``key`` of a secret holding a JSON object, as a string (numbers and booleans in JSON form).

    Messages name the secret and the key, never the value nor the other field names.
    """
    try:
        data = json.loads(value)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ValidationFailed("%s: key=%s needs a secret that holds a JSON object; this one does not" % (where, key))
    if key not in data:
        raise ValidationFailed("%s: the JSON secret has no field %r" % (where, key))
    picked = data[key]
    return picked if isinstance(picked, str) else json.dumps(picked)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The options every module and controller plugin shares (credentials, region, endpoints, TLS, retries): their
argument spec with the environment fallbacks, the checks that run before any request, and the client they build.

Modules get the options through AnsibleModule; inventory and lookup plugins through
``plugin_utils.api_client``, which validates them against the same spec. Both end in :func:`build_client`.
"""

from __future__ import annotations

import math
import os

from ansible.module_utils.common.parameters import env_fallback

from ansible_collections.hwcloud.connections.plugins.module_utils.endpoints import base_url_problem, cloud_problem, region_problem
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import id_problem, project_id_problem


def _env(*names):
    return {"fallback": (env_fallback, list(names))}


def auth_argument_spec() -> dict:
    """Options documented in the ``hwcloud.connections.auth`` doc fragment."""
    service = {"type": "str"}
    return {
        "region": dict(type="str", required=True, **_env("HW_REGION_NAME")),
        "project_id": dict(type="str", **_env("HW_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID")),
        "access_key": dict(type="str", no_log=True, **_env("HW_ACCESS_KEY", "HUAWEICLOUD_SDK_AK")),
        "secret_key": dict(type="str", no_log=True, **_env("HW_SECRET_KEY", "HUAWEICLOUD_SDK_SK")),
        "security_token": dict(type="str", no_log=True, **_env("HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN")),
        "domain_name": dict(type="str", **_env("HW_DOMAIN_NAME")),
        "user_name": dict(type="str", **_env("HW_USER_NAME")),
        "password": dict(type="str", no_log=True, **_env("HW_PASSWORD")),
        "token_cache": dict(type="bool", default=True, **_env("HUAWEICLOUD_TOKEN_CACHE")),
        "cloud_domain": dict(type="str", **_env("HW_CLOUD")),
        "endpoints": dict(type="dict", options={"drs": service, "dli": service, "eg": service, "iam": service, "csms": service}),
        "endpoint_url": dict(type="str", **_env("HUAWEICLOUD_ENDPOINT_URL")),
        "validate_certs": dict(type="bool", default=True),
        "ca_bundle": dict(type="path", **_env("HUAWEICLOUD_CA_BUNDLE")),
        "api_timeout": dict(type="float", default=30),
        "max_retries": dict(type="int", default=5),
    }


def _number_problem(value, minimum: float, strict: bool) -> str:
    if value is None:
        return ""
    if not math.isfinite(value) or value < minimum or (strict and value == minimum):
        return "must be a finite number %s %s" % (">" if strict else ">=", minimum)
    return ""


def option_problems(params: dict) -> list:
    """Shared options that would shape requests wrongly: "<option>: <rule>" for each, values never echoed.

    ``connection_id`` (any module that has it) becomes a path segment, so it must look like an ID.
    """
    problems = []

    def check(option, problem):
        if problem:
            problems.append("%s: %s" % (option, problem))

    check("region", region_problem(params.get("region")))
    if params.get("project_id") is not None:
        check("project_id", project_id_problem(params["project_id"]))
    if params.get("cloud_domain") is not None:
        check("cloud_domain", cloud_problem(params["cloud_domain"]))
    if params.get("endpoint_url") is not None:
        check("endpoint_url", base_url_problem(params["endpoint_url"]))
    for service, url in sorted((params.get("endpoints") or {}).items()):
        if url is not None:
            check("endpoints.%s" % service, base_url_problem(url))
    check("api_timeout", _number_problem(params.get("api_timeout"), 0, strict=True))
    check("max_retries", _number_problem(params.get("max_retries"), 0, strict=False))
    check("wait_timeout", _number_problem(params.get("wait_timeout"), 0, strict=False))
    bundle = params.get("ca_bundle")
    if bundle is not None:
        if not (os.path.isfile(bundle) and os.access(bundle, os.R_OK)):
            check("ca_bundle", "must be a readable file of PEM certificates (%s is not)" % bundle)
        elif params.get("validate_certs") is False:
            check("validate_certs", "false contradicts ca_bundle: either verify certificates against ca_bundle or not at all")
    if params.get("connection_id") is not None:
        check("connection_id", id_problem(params["connection_id"]))
    return problems


def build_client(p: dict, warn, secrets: set):
    """The API client for validated options ``p``; ``warn`` reports cache problems, ``secrets`` is the live set of
    values masked in every server text (tokens are added to it after login)."""
    from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth, PasswordAuth
    from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient
    from ansible_collections.hwcloud.connections.plugins.module_utils.retries import RetryPolicy
    from ansible_collections.hwcloud.connections.plugins.module_utils.token_cache import TokenCache

    if p["access_key"] and p["secret_key"]:
        auth = AkSkAuth(p["access_key"], p["secret_key"], p["security_token"])
    elif p["domain_name"] and p["user_name"] and p["password"]:
        auth = PasswordAuth(p["domain_name"], p["user_name"], p["password"])
    else:
        raise ValidationFailed(
            "No credentials: set access_key and secret_key (or HW_ACCESS_KEY/HW_SECRET_KEY, HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK), "
            "or domain_name, user_name and password (or HW_DOMAIN_NAME, HW_USER_NAME, HW_PASSWORD)"
        )
    verify = p["ca_bundle"] or p["validate_certs"]
    return HuaweiCloudClient(
        region=p["region"],
        auth=auth,
        project_id=p["project_id"],
        cloud=p["cloud_domain"],
        endpoints={k: v for k, v in (p["endpoints"] or {}).items() if v},
        endpoint_url=p["endpoint_url"],
        verify=verify,
        timeout=p["api_timeout"],
        retry=RetryPolicy(max_retries=p["max_retries"]),
        cache=TokenCache(enabled=p["token_cache"], warn=warn),
        secrets=secrets,
    )

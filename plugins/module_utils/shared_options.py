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
import re

from ansible.module_utils.errors import AnsibleFallbackNotFound

from ansible_collections.hwcloud.connections.plugins.module_utils.endpoints import base_url_problem, cloud_problem, region_problem
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import id_problem, project_id_problem


def set_env_fallback(*names):
    """The first of the environment variables ``names`` that is set and not empty (an optional field of an AWX
    credential left blank is injected as "", which must not hide the next name)."""
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    raise AnsibleFallbackNotFound


def _env(*names):
    return {"fallback": (set_env_fallback, list(names))}


def auth_argument_spec() -> dict:
    """Options documented in the ``hwcloud.connections.auth`` doc fragment. Names and variables are the Terraform
    provider's (HW_*, OS_*), with community.general's hwc_* option names as aliases and the SDK's HUAWEICLOUD_SDK_*."""
    service = {"type": "str"}
    return {
        "region": dict(type="str", required=True, **_env("HW_REGION_NAME", "OS_REGION_NAME")),
        "project_id": dict(type="str", **_env("HW_PROJECT_ID", "OS_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID")),
        "project_name": dict(type="str", aliases=["project"], **_env("HW_PROJECT_NAME", "OS_PROJECT_NAME")),
        "access_key": dict(type="str", no_log=True, **_env("HW_ACCESS_KEY", "OS_ACCESS_KEY", "HUAWEICLOUD_SDK_AK")),
        "secret_key": dict(type="str", no_log=True, **_env("HW_SECRET_KEY", "OS_SECRET_KEY", "HUAWEICLOUD_SDK_SK")),
        "security_token": dict(type="str", no_log=True, **_env("HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN")),
        "domain_name": dict(type="str", aliases=["domain"],
                            **_env("HW_DOMAIN_NAME", "OS_DOMAIN_NAME", "OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME")),
        "domain_id": dict(type="str", **_env("HW_DOMAIN_ID", "OS_DOMAIN_ID", "OS_USER_DOMAIN_ID", "OS_PROJECT_DOMAIN_ID")),
        "user_name": dict(type="str", aliases=["user"], **_env("HW_USER_NAME", "OS_USERNAME")),
        "password": dict(type="str", no_log=True, **_env("HW_USER_PASSWORD", "OS_PASSWORD")),
        "auth_url": dict(type="str", aliases=["identity_endpoint"],
                         **_env("HW_AUTH_URL", "OS_AUTH_URL", "HUAWEICLOUD_SDK_IAM_ENDPOINT")),
        "assume_role": dict(type="dict", apply_defaults=True, options={
            "agency_name": dict(type="str", **_env("HW_ASSUME_ROLE_AGENCY_NAME")),
            "domain_name": dict(type="str", **_env("HW_ASSUME_ROLE_DOMAIN_NAME")),
            "domain_id": dict(type="str", **_env("HW_ASSUME_ROLE_DOMAIN_ID")),
            "duration": dict(type="int", **_env("HW_ASSUME_ROLE_DURATION")),
        }),
        "use_metadata": dict(type="bool", default=False, **_env("HUAWEICLOUD_USE_METADATA")),
        "metadata_url": dict(type="str", **_env("HUAWEICLOUD_METADATA_URL")),
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


# An IAM sub-project is named <region>_<name>.
_SUB_PROJECT = re.compile(r"_[A-Za-z0-9_-]{1,64}")
ASSUME_DURATION = (900, 86400)


def iam_base_url(auth_url: str) -> str:
    """The IAM base URL of an ``auth_url`` written with or without Terraform's trailing ``/v3``."""
    return re.sub(r"/v3$", "", auth_url.rstrip("/"))


def project_name_problem(name, region) -> str:
    sub_project = isinstance(name, str) and name.startswith("%s_" % region) and _SUB_PROJECT.fullmatch(name[len(region):])
    if not isinstance(name, str) or not (name == region or sub_project):
        return "must be the region %s or one of its sub-projects (%s_<name>: letters, digits, - and _)" % (region, region)
    return ""


def _assume_role_problems(params: dict, check) -> None:
    role = params.get("assume_role") or {}
    if role.get("duration") is not None and not ASSUME_DURATION[0] <= role["duration"] <= ASSUME_DURATION[1]:
        check("assume_role.duration", "must be from %d to %d seconds" % ASSUME_DURATION)
    if not role.get("agency_name"):
        if any(role.get(key) is not None for key in ("domain_name", "domain_id", "duration")):
            check("assume_role.agency_name", "is required when assume_role.domain_name, domain_id or duration is set")
        return
    if not (role.get("domain_name") or role.get("domain_id") or params.get("domain_name") or params.get("domain_id")):
        check("assume_role.domain_name or assume_role.domain_id", "one is required: the account the agency belongs to "
              "(the user's own domain_name or domain_id is taken when set)")


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
    if params.get("project_name") is not None and not region_problem(params.get("region")):
        check("project_name", project_name_problem(params["project_name"], params["region"]))
    if params.get("auth_url") is not None:
        check("auth_url", base_url_problem(iam_base_url(params["auth_url"])))
    if params.get("metadata_url") is not None:
        check("metadata_url", base_url_problem(params["metadata_url"]))
    _assume_role_problems(params, check)
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


def build_client(p: dict, warn, secrets: set, deprecate=None):
    """The API client for validated options ``p``; ``warn`` reports cache problems and credential choices,
    ``deprecate`` (a module's) deprecated names, ``secrets`` is the live set of values masked in every server text
    (tokens and temporary keys are added to it when they arrive). Credentials: :func:`credentials.resolve_credentials`."""
    from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient
    from ansible_collections.hwcloud.connections.plugins.module_utils.credentials import resolve_credentials
    from ansible_collections.hwcloud.connections.plugins.module_utils.retries import RetryPolicy
    from ansible_collections.hwcloud.connections.plugins.module_utils.token_cache import TokenCache

    resolved = resolve_credentials(p, warn, secrets, deprecate=deprecate)
    endpoints = {k: v for k, v in (p["endpoints"] or {}).items() if v}
    iam = iam_base_url(p["auth_url"]) if p.get("auth_url") else resolved.iam_endpoint
    origins = {}
    if iam and "iam" not in endpoints:
        endpoints["iam"] = iam
        origins["iam"] = ("the option auth_url (or its HW_AUTH_URL, OS_AUTH_URL, HUAWEICLOUD_SDK_IAM_ENDPOINT)" if p.get("auth_url")
                          else "the iam_endpoint of the SDK credentials file")
    verify = p["ca_bundle"] or p["validate_certs"]
    return HuaweiCloudClient(
        region=p["region"],
        auth=resolved.auth,
        project_id=p["project_id"] or resolved.project_id,
        project_name=p.get("project_name"),
        cloud=p["cloud_domain"],
        endpoints=endpoints,
        endpoint_url=p["endpoint_url"],
        verify=verify,
        timeout=p["api_timeout"],
        retry=RetryPolicy(max_retries=p["max_retries"]),
        cache=TokenCache(enabled=p["token_cache"], warn=warn),
        secrets=secrets,
        origins=origins,
    )

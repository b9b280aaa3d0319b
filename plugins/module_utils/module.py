# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The thin wrapper every module uses: shared options, client construction, errors as fail_json."""

from __future__ import annotations

import math
import os
import traceback

from ansible.module_utils.basic import AnsibleModule, _load_params, env_fallback, missing_required_lib

from ansible_collections.hwcloud.connections.plugins.module_utils.argument_shape import (
    element_errors, lenient_spec, secret_values, shape_errors, without_element_rules,
)
from ansible_collections.hwcloud.connections.plugins.module_utils.endpoints import base_url_problem, cloud_problem, region_problem
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import id_problem, project_id_problem
from ansible_collections.hwcloud.connections.plugins.module_utils.redact import Redactor, shown_secrets

try:
    import requests  # noqa: F401 pylint: disable=unused-import

    REQUESTS_IMPORT_ERROR = None
except ImportError:
    REQUESTS_IMPORT_ERROR = traceback.format_exc()


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
        "endpoints": dict(type="dict", options={"drs": service, "dli": service, "eg": service, "iam": service}),
        "endpoint_url": dict(type="str", **_env("HUAWEICLOUD_ENDPOINT_URL")),
        "validate_certs": dict(type="bool", default=True),
        "ca_bundle": dict(type="path", **_env("HUAWEICLOUD_CA_BUNDLE")),
        "api_timeout": dict(type="float", default=30),
        "max_retries": dict(type="int", default=5),
    }


def wait_argument_spec(timeout: int = 600) -> dict:
    """Options documented in the ``hwcloud.connections.wait`` doc fragment."""
    return {"wait": dict(type="bool", default=True), "wait_timeout": dict(type="int", default=timeout)}


class ServiceApi:
    """Base of the per-service call classes (drs, dli, eg): they reach the client through the module, so the
    client, and with it authentication, is only built when a call is made (validation runs first)."""

    def __init__(self, module):
        self.module = module

    @property
    def client(self):
        return self.module.client


# Messages are masked and capped once more before they are printed (server text in them is capped at 1 KiB already).
MESSAGE_CAP = 8192


class ValidationFailed(Exception):
    """User input broke an API rule; raised before any API call."""


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


class _ArgumentError(Exception):
    """AnsibleModule refused the arguments."""


class _CheckedModule(AnsibleModule):
    """AnsibleModule that raises instead of exiting while it checks its arguments, so that the wrapper can name the
    list element at fault; afterwards a plain AnsibleModule."""

    _checking = True

    def fail_json(self, msg, **kwargs):
        if self._checking:
            raise _ArgumentError(msg)
        super().fail_json(msg=msg, **kwargs)

    def _log_invocation(self):
        """Ansible writes each invocation to the target's journal or syslog, after replacing every no_log value in the
        text of every argument: for a list of hundreds of elements (and their hundreds of passwords) that was a third
        of a no-op run. A list longer than LOGGED_ELEMENTS is logged by its length; everything else as Ansible does."""
        params = self.params
        self.params = {name: _Unlogged(value) if isinstance(value, list) and len(value) > LOGGED_ELEMENTS else value
                       for name, value in params.items()}
        try:
            super()._log_invocation()
        finally:
            self.params = params


LOGGED_ELEMENTS = 20


class _Unlogged(str):
    """What the invocation log shows of a long list."""

    def __new__(cls, value: list):
        return super().__new__(cls, "<list of %d elements, not logged>" % len(value))


class HuaweiCloudModule:
    """Wraps AnsibleModule: merges the shared options and builds the API client on first use."""

    def __init__(self, argument_spec: dict, supports_check_mode: bool = True, **kwargs):
        spec = auth_argument_spec()
        spec.update(argument_spec)
        params = _load_params()
        errors = shape_errors(spec, params)
        if errors:
            lenient = AnsibleModule(argument_spec=lenient_spec(spec, [params]), supports_check_mode=supports_check_mode)
            lenient.fail_json(msg="Invalid input: " + "; ".join(errors))
        try:
            self.ansible = _CheckedModule(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        except _ArgumentError as refused:
            # ansible-core names a bad list element only as "found in connections": check them one by one to say which.
            errors = element_errors(spec, params)
            lenient = AnsibleModule(argument_spec=without_element_rules(spec), supports_check_mode=supports_check_mode)
            lenient.no_log_values.update(secret_values(spec, params))
            lenient.fail_json(msg="Invalid input: " + "; ".join(errors) if errors else str(refused))
        self.ansible._checking = False  # pylint: disable=protected-access
        # Without ansible-core's own flag (cores before 2.21) every result carries the module arguments.
        self._shows_arguments = params.get("_ansible_inject_invocation", True)
        self._warnings = []
        if REQUESTS_IMPORT_ERROR:
            self.ansible.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        problems = option_problems(self.ansible.params)
        if problems:
            self.ansible.fail_json(msg="Invalid input: " + "; ".join(problems))
        # Every text a server sent is masked against every no_log value (tokens are added to it after login).
        self.redact = Redactor(self.ansible.no_log_values)
        self._client = None

    @property
    def params(self) -> dict:
        return self.ansible.params

    @property
    def check_mode(self) -> bool:
        return self.ansible.check_mode

    @property
    def diff_mode(self) -> bool:
        return self.ansible._diff  # pylint: disable=protected-access

    def warn(self, message: str) -> None:
        self._warnings.append(message)
        self.ansible.warn(message)

    def _masking_only_what_is_shown(self, result: dict) -> dict:
        """Ansible masks every no_log value in every string of the result: with a list module's hundreds of passwords
        that is most of the module's run time. Keep only the values that occur in what is printed (the result, the
        warnings, and the module arguments when the result carries them); Ansible still masks each of those."""
        shown = [result, self._warnings] + ([self.ansible.params] if self._shows_arguments else [])
        keep = shown_secrets(self.ansible.no_log_values, shown)
        self.ansible.no_log_values.intersection_update(keep)
        return result

    def require_pydantic(self, import_error) -> None:
        if import_error:
            self.ansible.fail_json(msg=missing_required_lib("pydantic >= 2"), exception=import_error)

    @property
    def client(self):
        if self._client is None:
            self._client = self._build_client()
        return self._client

    def _build_client(self):
        from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth, PasswordAuth
        from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient
        from ansible_collections.hwcloud.connections.plugins.module_utils.retries import RetryPolicy
        from ansible_collections.hwcloud.connections.plugins.module_utils.token_cache import TokenCache

        p = self.params
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
            cache=TokenCache(enabled=p["token_cache"], warn=self.ansible.warn),
            secrets=self.ansible.no_log_values,
        )

    def run(self, action) -> None:
        """Call ``action(self)`` and exit with its result; API and validation errors become fail_json."""
        try:
            result = action(self)
        except ValidationFailed as exc:
            self.ansible.fail_json(**self._masking_only_what_is_shown({"msg": self.redact(str(exc), MESSAGE_CAP)}))
        except HuaweiCloudError as exc:
            self.ansible.fail_json(**self._masking_only_what_is_shown({
                key: self.redact(value, MESSAGE_CAP) if isinstance(value, str) else value for key, value in exc.to_result().items()}))
        except Exception as exc:  # pylint: disable=broad-exception-caught  # no traceback ever reaches the user
            self.ansible.fail_json(msg="Unexpected error (%s: %s): an API answer this collection does not understand, or a bug "
                                   "in hwcloud.connections" % (type(exc).__name__, self.redact(str(exc), 300)))
        self.ansible.exit_json(**self._masking_only_what_is_shown(result))

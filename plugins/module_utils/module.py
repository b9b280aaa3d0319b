# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The thin wrapper every module uses: shared options, client construction, errors as fail_json."""

from __future__ import annotations

import os
import traceback

from ansible.module_utils.basic import AnsibleModule, _load_params, missing_required_lib

from ansible_collections.hwcloud.connections.plugins.module_utils.argument_shape import (
    element_errors, lenient_spec, masked_arguments, secret_values, shape_errors, without_element_rules,
)
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError, ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.redact import LiveSecrets, Redactor, shown_secrets
from ansible_collections.hwcloud.connections.plugins.module_utils.shared_options import auth_argument_spec, build_client, option_problems

try:
    import requests  # noqa: F401 pylint: disable=unused-import

    REQUESTS_IMPORT_ERROR = None
except ImportError:
    REQUESTS_IMPORT_ERROR = traceback.format_exc()


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


# pydantic looks for plugins in the entry points of every installed distribution when it compiles the first model of a
# process: in a module process (one task, a few models) that scan cost more than compiling the models. A module sets
# no plugin; a user who wants pydantic plugins in module processes sets PYDANTIC_DISABLE_PLUGINS (e.g. to "none").
PYDANTIC_PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"

# Messages are masked and capped once more before they are printed (server text in them is capped at 1 KiB already).
MESSAGE_CAP = 8192


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


class _LenientModule(AnsibleModule):
    """AnsibleModule that knows the no_log values of the full argument spec from the moment it is made: its own checks
    of the relaxed spec can fail (a missing region, an unknown option), and it writes the invocation to the journal,
    before the caller could add them, and the relaxed spec takes list elements as raw values whose passwords it would
    not know."""

    _secrets = frozenset()

    @property
    def no_log_values(self) -> set:
        return self._no_log_values

    @no_log_values.setter
    def no_log_values(self, values) -> None:
        self._no_log_values = set(values) | self._secrets


def _lenient_module(lenient: dict, spec: dict, params: dict, supports_check_mode: bool) -> AnsibleModule:
    """An AnsibleModule on the relaxed spec ``lenient``, only to fail, masking every no_log value of ``spec`` in ``params``."""
    module_class = type("_Lenient", (_LenientModule,), {"_secrets": frozenset(secret_values(spec, params))})
    return module_class(argument_spec=lenient, supports_check_mode=supports_check_mode)


class HuaweiCloudModule:
    """Wraps AnsibleModule: merges the shared options and builds the API client on first use."""

    def __init__(self, argument_spec: dict, supports_check_mode: bool = True, **kwargs):
        os.environ.setdefault(PYDANTIC_PLUGINS_ENV, "__all__")
        spec = auth_argument_spec()
        spec.update(argument_spec)
        params = _load_params()
        errors = shape_errors(spec, params)
        if errors:
            _lenient_module(lenient_spec(spec, [params]), spec, params, supports_check_mode).fail_json(msg="Invalid input: " + "; ".join(errors))
        refused = None
        try:
            self.ansible = _CheckedModule(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        except _ArgumentError as exc:
            refused = str(exc)
        if refused is not None:  # failed outside the except block: Ansible would attach its traceback to the result
            # ansible-core names a bad list element only as "found in connections": check them one by one to say which.
            errors = element_errors(spec, params)
            lenient = _lenient_module(without_element_rules(spec), spec, params, supports_check_mode)
            lenient.fail_json(msg="Invalid input: " + "; ".join(errors) if errors else refused)
        self.ansible._checking = False  # pylint: disable=protected-access
        # Without ansible-core's own flag (cores before 2.21) every result carries the module arguments.
        self._shows_arguments = params.get("_ansible_inject_invocation", True)
        self._warnings = []
        if REQUESTS_IMPORT_ERROR:
            self.ansible.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        problems = option_problems(self.ansible.params)
        if problems:
            self.ansible.fail_json(msg="Invalid input: " + "; ".join(problems))
        # Every text a server sent is masked against every no_log value (tokens are added to it after login); the
        # client and the module's Redactor share this set, which counts its changes.
        self.ansible.no_log_values = LiveSecrets(self.ansible.no_log_values)
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
        warnings, and the module arguments when the result carries them); Ansible still masks each of those. The
        arguments are handed to Ansible with their no_log values already replaced by its placeholder, so that the
        passwords of every list element are not all kept (and searched for in every string of the result) just
        because the arguments hold them."""
        if self._shows_arguments:
            result = dict(result, invocation={"module_args": masked_arguments(self.ansible.argument_spec, self.ansible.params)})
        keep = shown_secrets(self.ansible.no_log_values, [result, self._warnings])
        self.ansible.no_log_values.intersection_update(keep)
        return result

    def require_pydantic(self, import_error) -> None:
        if import_error:
            self.ansible.fail_json(msg=missing_required_lib("pydantic >= 2"), exception=import_error)

    @property
    def client(self):
        if self._client is None:
            self._client = build_client(self.params, self.ansible.warn, self.ansible.no_log_values, deprecate=self.ansible.deprecate)
        return self._client

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

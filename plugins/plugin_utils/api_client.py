# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The API client of a controller plugin (inventory, lookup): the modules' shared options, checked against the same
argument spec (environment fallbacks, types, defaults) and the same rules, then the same client.

A plugin documents the options with the ``hwcloud.connections.auth`` doc fragment, reads them with ``get_option`` and
passes them here; API and validation failures become ``AnsibleError`` with every secret masked.
"""

from __future__ import annotations

import contextlib

from ansible.errors import AnsibleError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.hwcloud.connections.plugins.module_utils.argument_shape import secret_values
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError, ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.redact import Redactor
from ansible_collections.hwcloud.connections.plugins.module_utils.shared_options import auth_argument_spec, build_client, option_problems

MESSAGE_CAP = 8192


class PluginApi:
    """The client for one set of shared options, and the one place a plugin turns API failures into AnsibleError."""

    def __init__(self, options: dict, warn, what: str = "hwcloud.connections", deprecate=None):
        """``options``: the shared options a plugin was given (None = not set); ``warn``: the plugin's display.warning;
        ``what``: the plugin's name, which starts every error message; ``deprecate``: the plugin's display.deprecated
        (deprecated names are reported through ``warn`` without it)."""
        spec = auth_argument_spec()
        given = {name: value for name, value in options.items() if name in spec and value is not None}
        self.what = what
        self.secrets = secret_values(spec, given)
        self.redact = Redactor(self.secrets)
        result = ArgumentSpecValidator(spec).validate(given)
        self.secrets |= secret_values(spec, result.validated_parameters)  # values that came from the environment
        problems = list(result.error_messages) or option_problems(result.validated_parameters)
        if problems:
            raise self._error("Invalid input: " + "; ".join(problems))
        self.params = result.validated_parameters
        self._warn = warn
        self._deprecate = deprecate
        self._client = None

    def _error(self, message: str) -> AnsibleError:
        return AnsibleError("%s: %s" % (self.what, self.redact(message, MESSAGE_CAP)))

    @property
    def client(self):
        """Built on first use, like a module's: options are checked first, credentials only when a call is made."""
        if self._client is None:
            with self.errors():
                self._client = build_client(self.params, self._warn, self.secrets, deprecate=self._deprecate)
        return self._client

    @contextlib.contextmanager
    def errors(self):
        """API and validation failures inside the block become AnsibleError, masked; nothing else is caught."""
        try:
            yield
        except (HuaweiCloudError, ValidationFailed) as exc:
            raise self._error(str(exc)) from None

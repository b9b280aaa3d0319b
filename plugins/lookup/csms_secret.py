# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: csms_secret
short_description: Read secrets from Huawei Cloud CSMS (Cloud Secret Management Service)
version_added: 1.1.0
description:
  - Returns the value (C(secret_string)) of a version of each CSMS secret named in the terms, read with
    C(GET /v1/{project_id}/secrets/{secret_name}/versions/{version_id}) from the DEW endpoint
    C(https://kms.<region>.<cloud>).
  - One term gives one value, several terms a list (use C(wantlist=true) or C(query) to always get a list).
  - With O(key) the secret must hold a JSON object, and the value of that field is returned.
  - A secret that holds only binary data (C(secret_binary)) is returned as its base64 text.
  - The lookup uses the same credentials, region and project, endpoint overrides, TLS settings, retries and bounds as
    the modules, with the same environment variables (for example E(HW_ACCESS_KEY), E(HW_SECRET_KEY),
    E(HW_REGION_NAME), E(HUAWEICLOUD_ENDPOINT_URL)), and checks them before any request in the same way.
  - Results are marked unsafe, so Jinja never evaluates a secret as a template. Error and warning messages name the
    secret, the version and the key, never a value. A lookup cannot hide its own result from task output, so use the
    value in a module option that is C(no_log) (such as the DRS or DLI passwords), or set C(no_log) on the task.
author:
  - hwcloud.connections contributors (!UNKNOWN)
options:
  _terms:
    description:
      - Names of the secrets, 1 to 64 letters, digits, hyphens, underscores or dots.
    type: list
    elements: str
    required: true
  version:
    description:
      - The version to read, for example V(v2), or V(latest) for the newest version.
    type: str
    default: latest
    aliases: [version_id]
  key:
    description:
      - Return this field of a secret that holds a JSON object (for example V(password) of a secret with the fields
        C(username) and C(password)) instead of the whole value.
      - A field that is not a string is returned in JSON form. A secret that is not a JSON object, or has no such
        field, is an error.
    type: str
  on_missing:
    description:
      - What to do when a secret or the version does not exist (HTTP 400 C(CSMS.0005) or C(CSMS.0106), or a 404 of
        the service).
      - V(error) fails, V(warn) warns and leaves the term out of the result, V(skip) leaves it out silently.
    type: str
    choices: [error, warn, skip]
    default: error
  region:
    required: false
    description:
      - Huawei Cloud region, for example V(cn-north-4). Required, but it may come from the environment variable
        E(HW_REGION_NAME).
extends_documentation_fragment:
  - hwcloud.connections.auth
notes:
  - The CSMS error codes for a missing secret or version come from the DEW error code page; which of them each case
    answers is not documented and is assumed.
seealso:
  - module: hwcloud.connections.drs_connection
  - module: hwcloud.connections.dli_datasource_auth
"""

EXAMPLES = r"""
- name: The password field of a JSON secret as a DRS connection's password
  hwcloud.connections.drs_connection:
    name: orders-mysql
    db_type: mysql
    endpoint:
      endpoint_name: mysql
      ip: 192.168.0.27
      db_port: 3306
      db_user: drs
      db_password: "{{ lookup('hwcloud.connections.csms_secret', 'orders-db', key='password') }}"

- name: A given version, with the region and the emulator endpoint set here instead of in the environment
  ansible.builtin.set_fact:
    previous_password: >-
      {{ lookup('hwcloud.connections.csms_secret', 'orders-db', version='v1', key='password',
                region='cn-north-4', endpoint_url='http://127.0.0.1:8080') }}
  no_log: true

- name: Several secrets at once, skipping those that do not exist
  ansible.builtin.debug:
    msg: "{{ query('hwcloud.connections.csms_secret', 'billing-db', 'maybe-missing', on_missing='skip') | length }} found"
"""

RETURN = r"""
_raw:
  description: The value of each secret found (the field named by O(key) when set), in the order of the terms.
  type: list
  elements: str
"""

from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.hwcloud.connections.plugins.module_utils import csms
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.shared_options import auth_argument_spec
from ansible_collections.hwcloud.connections.plugins.plugin_utils.api_client import PluginApi

NAME = "hwcloud.connections.csms_secret"
display = Display()


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        version, key, on_missing = self.get_option("version"), self.get_option("key"), self.get_option("on_missing")
        api = PluginApi({name: self.get_option(name) for name in auth_argument_spec()}, display.warning, what=NAME)
        problems = ["term %r: %s" % (term, csms.name_problem(term)) for term in terms if csms.name_problem(term)]
        if csms.version_problem(version):
            problems.append("version: %s" % csms.version_problem(version))
        with api.errors():
            if problems:
                raise ValidationFailed("Invalid input: " + "; ".join(problems))
            return [wrap_var(value) for value in (self._one(api, term, version, key, on_missing) for term in terms)
                    if value is not None]

    @staticmethod
    def _one(api: PluginApi, name: str, version: str, key, on_missing: str):
        """The value of one term, or None when it is missing and on_missing says to leave it out."""
        try:
            value = csms.secret_value(api.client, name, version)
        except csms.SecretMissing as missing:
            if on_missing == "error":
                raise
            if on_missing == "warn":
                display.warning("%s: secret %s version %s not found (%s); left out" % (NAME, name, version, missing.error_code))
            return None
        if key is None:
            return value
        picked = csms.pick_key(value, key, "secret %s version %s" % (name, version))
        api.client.register_secret(picked)
        return picked

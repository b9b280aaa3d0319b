# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: dli_datasource_auth_info
short_description: List DLI datasource authentications
version_added: 1.1.0
description:
  - Lists Data Lake Insight datasource authentications (C(GET /v3/{project_id}/datasource/auth-infos), every page),
    all of them or the one named by O(auth_info_name).
  - Passwords are never returned by the API; the C(keytab) path is left out as well (see
    M(hwcloud.connections.dli_datasource_auth)).
author:
  - hwcloud.connections contributors (!UNKNOWN)
options:
  auth_info_name:
    description: Only the authentication with this exact name.
    type: str
    aliases: [name]
seealso:
  - module: hwcloud.connections.dli_datasource_auth
extends_documentation_fragment:
  - hwcloud.connections.auth
  - hwcloud.connections.attributes.info_module
"""

EXAMPLES = r"""
- name: Every datasource authentication
  hwcloud.connections.dli_datasource_auth_info:
  register: auths

- name: One of them
  hwcloud.connections.dli_datasource_auth_info:
    auth_info_name: orders_rds
  register: orders
"""

RETURN = r"""
auth_infos:
  description: The authentications as the API lists them, without passwords and without C(keytab).
  returned: always
  type: list
  elements: dict
  sample:
    - auth_info_name: orders_rds
      datasource_type: passwd
      user_name: dli_reader
      owner: ops
      create_time: 1716879012121
      update_time: 1716879012121
"""

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.dli_datasource_auth import DliAuthInfos
from ansible_collections.hwcloud.connections.plugins.module_utils.models.dli_auth import SECRET_PATHS, name_problem
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule, ValidationFailed


def list_auth_infos(module) -> dict:
    name = module.params["auth_info_name"]
    if name is not None and name_problem(name):
        raise ValidationFailed("Invalid input: auth_info_name: %s" % name_problem(name))
    rows = DliAuthInfos(module).list(name)
    if name is not None:
        rows = [row for row in rows if row.get("auth_info_name") == name]
    return {"changed": False, "auth_infos": [rc.strip(row, SECRET_PATHS) for row in rows]}


def main() -> None:
    module = HuaweiCloudModule(dict(auth_info_name=dict(type="str", aliases=["name"])))
    module.run(list_auth_infos)


if __name__ == "__main__":
    main()

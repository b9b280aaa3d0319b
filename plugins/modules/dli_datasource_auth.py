# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: dli_datasource_auth
short_description: Manage DLI datasource authentications (the credentials DLI jobs use for a data source)
version_added: 1.1.0
description:
  - Create, update and delete Data Lake Insight datasource authentications, the stored credentials that Spark SQL and
    Flink jobs use to reach a data source over an enhanced connection (M(hwcloud.connections.dli_enhanced_connection)).
  - Uses the v3 API C(/v3/{project_id}/datasource/auth-infos) (create C(POST), list C(GET), update C(PUT) on the
    collection, delete C(DELETE .../{auth_info_name})). The v2.0 paths exist too and are not used.
  - The authentication is found by O(auth_info_name) (exact match). Only options you set are compared.
  - Passwords (O(password), O(truststore_password), O(keystore_password), O(key_password)) are never returned by the
    API, so they are never compared; use O(update_password=always) to send them again (password rotation). The
    O(keytab) path is returned and compared, but treated as sensitive like the passwords (not logged, not returned,
    masked in the diff).
  - O(datasource_type) and O(certificate_location) cannot be changed in place (the update API has no such fields); with
    O(recreate=true) the authentication is deleted and created again, else the module fails before any write.
    O(key_password) is sent only on creation.
author:
  - hwcloud.connections contributors (!UNKNOWN)
options:
  state:
    description: Whether the authentication should exist.
    type: str
    choices: [present, absent]
    default: present
  auth_info_name:
    description:
      - Name of the authentication, 1 to 128 letters, digits or underscores, starting with a letter or digit and not
        only digits. Jobs refer to it by this name.
    type: str
    required: true
    aliases: [name]
  datasource_type:
    description:
      - V(passwd) (GaussDB(DWS), RDS, DDS, DCS) takes O(username) and O(datasource_password); V(CSS) (a security-mode
        CSS cluster) takes them and O(certificate_location); V(KRB) (a Kerberos MRS cluster) takes O(krb5_conf),
        O(keytab) and optionally O(username); V(Kafka_SSL) takes O(truststore_location) and O(truststore_password),
        and for a client certificate O(keystore_location), O(keystore_password) and O(key_password).
      - An option the type does not take, or a missing one it needs, fails before any request.
      - Required with O(state=present).
    type: str
    choices: [passwd, Kafka_SSL, KRB, CSS]
  username:
    description:
      - User name for the data source, Terraform's name of this field (the API's is C(user_name), as in the official
        SDK; reads that say C(username) are understood too).
      - O(user_name) of this module is not it - that is the IAM user of password authentication, as in every module
        of the collection.
    type: str
  datasource_password:
    description:
      - Password for the data source. Never returned by the API.
      - Terraform's resource calls it C(password); here O(password) is the IAM password of password authentication,
        as in every module of the collection, so an IAM password (also one set in C(module_defaults)) is never sent
        to DLI.
    type: str
  certificate_location:
    description: OBS path (C(obs://bucket/path/file.cer)) of the CSS cluster's certificate.
    type: str
  krb5_conf:
    description: OBS path of the C(krb5.conf) file.
    type: str
  keytab:
    description: OBS path of the C(user.keytab) file. Treated as sensitive.
    type: str
  truststore_location:
    description: OBS path of the trust store.
    type: str
  truststore_password:
    description: Password of the trust store.
    type: str
  keystore_location:
    description: OBS path of the key store (a client certificate); needs O(keystore_password).
    type: str
  keystore_password:
    description: Password of the key store.
    type: str
  key_password:
    description: Password of the private key in the key store. Sent only on creation.
    type: str
  update_password:
    description:
      - V(on_create) sends the passwords only when the authentication is created.
      - V(always) sends them again on every run (an update, so the task reports C(changed)); use it to rotate them.
    type: str
    choices: [always, on_create]
    default: on_create
  recreate:
    description: Delete and create the authentication again when O(datasource_type) or O(certificate_location) differ.
    type: bool
    default: false
notes:
  - Assumptions where the sources are silent - error codes for an unknown (C(DLI.0002)) and a duplicate (C(DLI.0006))
    name; whether the update replaces or merges (the module sends every updatable option you set); whether the list's
    name filter is exact (the module compares names itself).
seealso:
  - module: hwcloud.connections.dli_datasource_auth_info
  - module: hwcloud.connections.dli_enhanced_connection
  - plugin: hwcloud.connections.csms_secret
    plugin_type: lookup
extends_documentation_fragment:
  - hwcloud.connections.auth
  - hwcloud.connections.attributes
"""

EXAMPLES = r"""
- name: The password of an RDS database for DLI jobs, read from CSMS
  hwcloud.connections.dli_datasource_auth:
    auth_info_name: orders_rds
    datasource_type: passwd
    username: dli_reader
    datasource_password: "{{ lookup('hwcloud.connections.csms_secret', 'orders-db', key='password') }}"

- name: Rotate it
  hwcloud.connections.dli_datasource_auth:
    auth_info_name: orders_rds
    datasource_type: passwd
    username: dli_reader
    datasource_password: "{{ lookup('hwcloud.connections.csms_secret', 'orders-db', key='password') }}"
    update_password: always

- name: Kerberos credentials of an MRS cluster
  hwcloud.connections.dli_datasource_auth:
    auth_info_name: mrs_hive
    datasource_type: KRB
    username: spark
    krb5_conf: obs://dli-auth/mrs/krb5.conf
    keytab: obs://dli-auth/mrs/user.keytab

- name: Remove it
  hwcloud.connections.dli_datasource_auth:
    auth_info_name: mrs_hive
    state: absent
"""

RETURN = r"""
auth_info:
  description:
    - The authentication as the API lists it, without passwords and without C(keytab); in check mode the predicted one.
    - V(null) after deletion.
  returned: always
  type: dict
  contains:
    auth_info_name:
      description: Name.
      type: str
      sample: orders_rds
    datasource_type:
      description: Type.
      type: str
      sample: passwd
    user_name:
      description: User name, when the type has one.
      type: str
      sample: dli_reader
    certificate_location:
      description: OBS path of the CSS certificate.
      type: str
    krb5_conf:
      description: OBS path of krb5.conf.
      type: str
    truststore_location:
      description: OBS path of the trust store.
      type: str
    keystore_location:
      description: OBS path of the key store.
      type: str
    owner:
      description: The user who created it.
      type: str
      sample: ops
    create_time:
      description: Creation time, epoch milliseconds.
      type: int
      sample: 1716879012121
    update_time:
      description: Last update, epoch milliseconds.
      type: int
      sample: 1716879012121
"""

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.dli_datasource_auth import OPTIONS, DliDatasourceAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule

ARGUMENT_SPEC = dict(state=dict(type="str", choices=["present", "absent"], default="present"), **OPTIONS)


def main() -> None:
    module = HuaweiCloudModule(ARGUMENT_SPEC, required_if=[("state", "present", ("datasource_type",))])
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: rc.reconcile(m, DliDatasourceAuth(m)))


if __name__ == "__main__":
    main()

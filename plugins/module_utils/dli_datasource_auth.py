# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DLI datasource authentications: the v3 API calls (``/v3/{project_id}/datasource/auth-infos``, SDK huaweicloudsdkdli
3.1.219 create/list/update/delete_job_auth_info; the SDK also has v2.0 twins, which are not needed as v3 exists) and the resource rules
shared by dli_datasource_auth and the runbooks."""

from __future__ import annotations

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError, ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import validate
from ansible_collections.hwcloud.connections.plugins.module_utils.models.dli_auth import (
    NOT_RETURNED, REPLACE_ONLY, SECRET_PATHS, UPDATABLE, AuthInfo,
)
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ServiceApi
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import build

AUTH_INFOS = "/v3/{project_id}/datasource/auth-infos"
AUTH_INFO = AUTH_INFOS + "/{auth_info_name}"
# An unknown name: DLI.0002 "object does not exist" (or a 404 of DLI itself); duplicate names DLI.0006. UNCONFIRMED:
# the auth-info pages document no codes of their own, these are DLI's generic ones.
GONE_CODES = ("DLI.0002", "DLI.0023")
DUPLICATE = "DLI.0006"

OPTIONS = dict(
    auth_info_name=dict(type="str", required=True, aliases=["name"]),
    datasource_type=dict(type="str", choices=["passwd", "Kafka_SSL", "KRB", "CSS"]),
    # Not user_name and password: those are the shared IAM options (password authentication) of every module.
    username=dict(type="str"),
    datasource_password=dict(type="str", no_log=True),
    certificate_location=dict(type="str"),
    krb5_conf=dict(type="str"),
    keytab=dict(type="str", no_log=True),
    truststore_location=dict(type="str"),
    truststore_password=dict(type="str", no_log=True),
    keystore_location=dict(type="str", no_log=False),
    keystore_password=dict(type="str", no_log=True),
    key_password=dict(type="str", no_log=True),
    update_password=dict(type="str", choices=["always", "on_create"], default="on_create", no_log=False),
    recreate=dict(type="bool", default=False),
)
# Options in the order of the body; the model maps username and datasource_password to the API's user_name and password.
BODY_FIELDS = ("auth_info_name", "datasource_type", "username", "datasource_password", "certificate_location", "krb5_conf", "keytab",
               "truststore_location", "truststore_password", "keystore_location", "keystore_password", "key_password")


def is_gone(error: HuaweiCloudError) -> bool:
    if error.status == 404:
        return not str(error.error_code or "").startswith("APIGW")
    return error.status == 400 and error.error_code in GONE_CODES


def from_row(row: dict) -> dict:
    """A listed auth info in the SDK's field names: Terraform's provider reads ``username``, the SDK ``user_name``."""
    row = dict(row)
    if "username" in row:
        row.setdefault("user_name", row.pop("username"))
    return row


class DliAuthInfos(ServiceApi):
    """Thin calls over ``module.client``."""

    def list(self, name: str = None) -> list:
        query = {"auth_info_name": name} if name else None
        rows = self.client.paginate("dli", AUTH_INFOS, "auth_infos", query=query, total_key="count", id_key="auth_info_name")
        return [from_row(row) for row in rows]

    def find(self, name: str):
        """By exact name: whether the API's name filter is exact is UNCONFIRMED, so it is checked here."""
        return rc.pick_one([row for row in self.list(name) if row.get("auth_info_name") == name], "datasource authentication",
                           name, "auth_info_name", "a unique auth_info_name")

    def create(self, body: dict) -> None:
        self.client.request("dli", "POST", AUTH_INFOS, body=body)

    def update(self, body: dict) -> None:
        self.client.request("dli", "PUT", AUTH_INFOS, body=body)

    def delete(self, name: str) -> None:
        try:
            self.client.request("dli", "DELETE", build(AUTH_INFO, auth_info_name=name))
        except HuaweiCloudError as error:
            if not is_gone(error):  # already gone (a parallel run deleted it): the goal is met
                raise


class DliDatasourceAuth(rc.Resource):
    noun = "auth_info"
    secret_paths = SECRET_PATHS

    def __init__(self, module):
        super().__init__(module)
        self.api = DliAuthInfos(module)
        self.recreating = False

    def desired(self) -> dict:
        params = self.module.params
        return validate(AuthInfo, rc.prune({key: params[key] for key in BODY_FIELDS}), self.prefix).body()

    def lookup(self):
        return self.api.find(self.module.params["auth_info_name"])

    name_field = "auth_info_name"

    def from_row(self, row: dict) -> dict:
        return from_row(row)

    def create(self, desired: dict):
        self.api.create(desired)
        return desired

    def delete(self, current: dict) -> None:
        self.api.delete(current["auth_info_name"])

    def plan_update(self, current: dict, desired: dict) -> list:
        params = self.module.params
        replace = rc.differences({key: desired[key] for key in REPLACE_ONLY if key in desired}, current)
        if replace:
            if not params["recreate"]:
                raise ValidationFailed("%s cannot be changed on the existing datasource authentication %s (the update API has no "
                                       "such field); set recreate=true to delete and create it again"
                                       % (", ".join(replace), current["auth_info_name"]))
            self.recreating = True
            return [rc.Action("recreate", lambda: self._recreate(current, desired))]
        changes = rc.differences(rc.strip(desired, NOT_RETURNED), current)
        always = params["update_password"] == "always" and any(key in desired for key in NOT_RETURNED)
        if always and "key_password" in desired:
            self.module.warn("key_password of datasource authentication %s is sent only when it is created: the update API has "
                             "no such field, so update_password=always does not change it; delete the authentication "
                             "(state=absent) and create it again to change it" % current["auth_info_name"])
        if not (changes or always):
            return []
        body = {key: desired[key] for key in ("auth_info_name",) + UPDATABLE if key in desired}
        return [rc.Action("update", lambda: self.api.update(body))]

    def _recreate(self, current: dict, desired: dict) -> dict:
        self.api.delete(current["auth_info_name"])
        return self.create(desired)

    def predict(self, current, desired: dict) -> dict:
        return rc.merge(None if self.recreating else current, desired)

    def read(self, handle: dict, desired: dict) -> dict:
        # Create and update answer {is_success, message}: read the authentication back (owner, times).
        return self.lookup() or self.predict(None, desired)

    def is_duplicate(self, error) -> bool:
        return error.error_code == DUPLICATE

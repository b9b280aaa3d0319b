# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DLI datasource authentication contract (huaweicloudsdkdli 3.1.219 CreateJobAuthInfoRequestBody, AuthInfo; the
DLI console's naming rules; Terraform's huaweicloud_dli_datasource_auth)."""

from __future__ import annotations

import re
from typing import Literal, Optional

from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import STRICT, BaseModel, Field, field_validator, model_validator

TYPES = ("passwd", "Kafka_SSL", "KRB", "CSS")
# Console rule: letters, digits and underscores, at most 128, not only digits, not starting with an underscore.
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_]{0,127}")
OBS_PATH = re.compile(r"obs://[^/\s]+/\S+")
PATH_FIELDS = ("certificate_location", "krb5_conf", "keytab", "truststore_location", "keystore_location")
# Never returned by the API: masked in diffs, left out of results, never compared. The keytab path is returned, but it
# names the file of Kerberos keys, so it is treated as sensitive too (compared, never shown).
SECRET_PATHS = ("password", "truststore_password", "keystore_password", "key_password", "keytab")
NOT_RETURNED = ("password", "truststore_password", "keystore_password", "key_password")
# Which fields each type takes, and which of them it needs (SDK descriptions, DLI console pages, Terraform's rules).
FIELDS_OF = {
    "passwd": ("user_name", "password"),
    "CSS": ("user_name", "password", "certificate_location"),
    "KRB": ("user_name", "krb5_conf", "keytab"),
    "Kafka_SSL": ("truststore_location", "truststore_password", "keystore_location", "keystore_password", "key_password"),
}
REQUIRED_OF = {"passwd": ("user_name", "password"), "CSS": ("user_name", "password", "certificate_location"),
               "KRB": ("krb5_conf", "keytab"), "Kafka_SSL": ("truststore_location", "truststore_password")}
# The update body (UpdateJobAuthInfoRequestBody) has no datasource_type, certificate_location nor key_password.
REPLACE_ONLY = ("datasource_type", "certificate_location")
UPDATABLE = ("user_name", "password", "krb5_conf", "keytab", "truststore_location", "truststore_password", "keystore_location",
             "keystore_password")


# The module's (and the runbooks') option names of the API fields that differ from them.
OPTION_NAMES = {"user_name": "username", "password": "datasource_password"}


def _options(fields) -> str:
    return ", ".join(OPTION_NAMES.get(field, field) for field in fields)


def name_problem(value) -> str:
    if not isinstance(value, str) or not NAME_PATTERN.fullmatch(value) or value.isdigit():
        return "must be 1 to 128 letters, digits or underscores (_), start with a letter or digit and not be only digits"
    return ""


class AuthInfo(BaseModel):
    """What the user declared, in API field names."""

    model_config = STRICT
    auth_info_name: str
    datasource_type: Literal[TYPES]
    # Given as the module's options username and datasource_password (user_name and password are the IAM options).
    user_name: Optional[str] = Field(default=None, min_length=1, max_length=256, validation_alias="username")
    password: Optional[str] = Field(default=None, min_length=1, validation_alias="datasource_password")
    certificate_location: Optional[str] = None
    krb5_conf: Optional[str] = None
    keytab: Optional[str] = None
    truststore_location: Optional[str] = None
    truststore_password: Optional[str] = Field(default=None, min_length=1)
    keystore_location: Optional[str] = None
    keystore_password: Optional[str] = Field(default=None, min_length=1)
    key_password: Optional[str] = Field(default=None, min_length=1)

    @field_validator("auth_info_name")
    @classmethod
    def _name(cls, value: str) -> str:
        problem = name_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator(*PATH_FIELDS)
    @classmethod
    def _obs_path(cls, value):
        if value is not None and not OBS_PATH.fullmatch(value):
            raise ValueError("must be an OBS path such as obs://bucket/folder/file")
        return value

    @model_validator(mode="after")
    def _fields_of_the_type(self):
        kind = self.datasource_type
        given = [key for key in ("user_name",) + UPDATABLE + ("certificate_location", "key_password") if getattr(self, key) is not None]
        foreign = sorted(set(OPTION_NAMES.get(key, key) for key in given if key not in FIELDS_OF[kind]))
        if foreign:
            raise ValueError("datasource_type %s does not take %s (it takes %s)" % (kind, ", ".join(foreign), _options(FIELDS_OF[kind])))
        lacking = [key for key in REQUIRED_OF[kind] if getattr(self, key) is None]
        if lacking:
            raise ValueError("datasource_type %s requires %s" % (kind, _options(lacking)))
        if (self.keystore_location is None) != (self.keystore_password is None):
            raise ValueError("keystore_location and keystore_password go together (a client certificate)")
        return self

    def body(self) -> dict:
        return self.model_dump(exclude_none=True)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DRS v5 connection contract (huawei-api.md section 1; seed drs-v5-create-connection.zh.txt)."""

from __future__ import annotations

import re
from typing import List, Literal, Optional

from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import STRICT, BaseModel, Field, field_validator, is_host, model_validator

DB_TYPES = ("mysql", "postgresql", "mongodb", "oracle")
# Scenario (endpoint_name) values per db_type. ecs_*/cloud_* scenarios do not need the cloud block: Terraform's
# acceptance test creates and imports a cloud_mysql connection without one (huawei-api.md section 11 #7; corrects
# section 1.2), and region/project_id are required only inside a cloud block that is sent. The API's scenario list
# also has redis ones, but db_type has no redis (huawei-api.md section 10 #8), so they can never validate.
ENDPOINT_NAMES = {
    "oracle": ("oracle", "ecs_oracle", "cloud_gaussdbv5"),
    "mysql": ("mysql", "ecs_mysql", "cloud_mysql"),
    "postgresql": ("postgresql", "ecs_postgresql", "cloud_postgresql"),
    "mongodb": ("mongodb", "ecs_mongodb", "cloud_mongodb"),
}
ALL_ENDPOINT_NAMES = tuple(name for names in ENDPOINT_NAMES.values() for name in names)
NAME_PATTERN = re.compile(r"[A-Za-z0-9_-]{4,50}")
# Secrets the API never returns (huawei-api.md 1.4): masked in diffs, never compared.
SECRET_PATHS = ("endpoint.db_password", "endpoint.source_sharding.db_password", "ssl.ssl_cert_key", "ssl.ssl_cert_password")
NOT_RETURNED = SECRET_PATHS + ("endpoint.source_sharding.endpoint_name", "cloud")


def _check_ip_list(value: str, limit: int) -> str:
    items = value.split(",")
    if len(items) > limit:
        raise ValueError("at most %d host:port entries are allowed" % limit)
    for item in items:
        host, sep, port = item.strip().rpartition(":")
        if not sep or not is_host(host) or not port.isdigit() or not 1 <= int(port) <= 65535:
            raise ValueError("%r is not host:port" % item)
    return value


class BaseEndpoint(BaseModel):
    model_config = STRICT
    endpoint_name: Optional[Literal[ALL_ENDPOINT_NAMES]] = None
    ip: Optional[str] = Field(default=None, max_length=1024)
    db_port: Optional[int] = Field(default=None, ge=1, le=65535)
    db_user: Optional[str] = Field(default=None, min_length=1)
    db_password: Optional[str] = Field(default=None, min_length=1)
    instance_id: Optional[str] = None
    instance_name: Optional[str] = None
    db_name: Optional[str] = None


class Endpoint(BaseEndpoint):
    endpoint_name: Literal[ALL_ENDPOINT_NAMES]
    db_user: str = Field(min_length=1)
    db_password: Optional[str] = Field(default=None, min_length=1)
    source_sharding: Optional[List[BaseEndpoint]] = None


class Vpc(BaseModel):
    model_config = STRICT
    vpc_id: str = Field(min_length=1)
    subnet_id: str = Field(min_length=1)
    security_group_id: Optional[str] = None


class Ssl(BaseModel):
    model_config = STRICT
    ssl_link: Optional[bool] = None
    ssl_cert_name: Optional[str] = None
    ssl_cert_key: Optional[str] = None
    ssl_cert_check_sum: Optional[str] = None
    ssl_cert_password: Optional[str] = None

    @model_validator(mode="after")
    def _cert_when_linked(self):
        missing = [f for f in ("ssl_cert_name", "ssl_cert_key", "ssl_cert_check_sum") if self.ssl_link and not getattr(self, f)]
        if missing:
            raise ValueError("ssl_link=true requires %s" % ", ".join(missing))
        return self


class Cloud(BaseModel):
    model_config = STRICT
    region: str = Field(min_length=1)
    project_id: str = Field(min_length=1)
    az_code: Optional[str] = None


class Config(BaseModel):
    model_config = STRICT
    driver_name: Optional[str] = None


class Connection(BaseModel):
    """The create/update body."""

    model_config = STRICT
    name: str
    db_type: Literal[DB_TYPES]
    endpoint: Endpoint
    description: Optional[str] = Field(default=None, max_length=255)
    config: Optional[Config] = None
    vpc: Optional[Vpc] = None
    ssl: Optional[Ssl] = None
    cloud: Optional[Cloud] = None
    enterprise_project_id: Optional[str] = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not NAME_PATTERN.fullmatch(value):
            raise ValueError("must be 4-50 characters: letters, digits, hyphens (-) or underscores (_)")
        return value

    @model_validator(mode="after")
    def _cross_fields(self):
        endpoint = self.endpoint
        if endpoint.endpoint_name not in ENDPOINT_NAMES[self.db_type]:
            raise ValueError("endpoint.endpoint_name %s does not match db_type %s (one of: %s)"
                             % (endpoint.endpoint_name, self.db_type, ", ".join(ENDPOINT_NAMES[self.db_type])))
        if endpoint.endpoint_name.startswith("cloud_") and not endpoint.instance_id:
            raise ValueError("endpoint.instance_id is required for cloud instances (%s)" % endpoint.endpoint_name)
        if endpoint.ip:
            if self.db_type == "mongodb":
                _check_ip_list(endpoint.ip, 3)
            elif not is_host(endpoint.ip):
                raise ValueError("endpoint.ip %r is not an IP address or host name" % endpoint.ip)
        elif not endpoint.endpoint_name.startswith("cloud_"):
            raise ValueError("endpoint.ip is required for %s endpoints" % endpoint.endpoint_name)
        return self

    def body(self) -> dict:
        """API body: only what was set; db_port is a string in this API."""
        data = self.model_dump(exclude_none=True)
        for endpoint in [data["endpoint"]] + data["endpoint"].get("source_sharding", []):
            if "db_port" in endpoint:
                endpoint["db_port"] = str(endpoint["db_port"])
        return data

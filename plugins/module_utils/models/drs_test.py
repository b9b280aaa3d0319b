# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DRS v3 batch connection test and v5 job list contract (huawei-api.md section 4; seed drs-v3-batch-connection-test.txt).

Cross-field rules are field validators reading the fields declared before them (``info.data``), so a
violation is reported at the field it concerns, e.g. ``test_endpoints[3].db_port``.
"""

from __future__ import annotations

import ipaddress
from typing import List, Literal, Optional

from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import STRICT, BaseModel, Field, field_validator, is_host, model_validator
from ansible_collections.hwcloud.connections.plugins.module_utils.drs_jobs import JOB_TYPES, NET_TYPES

# The seed leaves the value lists blank; these are the reference's (section 4.1). No oracle: neither lists it.
DB_TYPES = ("mysql", "mongodb", "gaussdbv5", "postgresql", "kafka", "gaussdbv5ha", "taurus")
END_POINT_TYPES = ("so", "ta")
KAFKA_PROTOCOLS = ("PLAINTEXT", "SASL_PLAINTEXT", "SSL", "SASL_SSL")
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "GSSAPI")
# Types whose ``ip`` is a list of host:port (MongoDB/DDS replica members, Kafka brokers).
HOST_PORT_LIST_TYPES = ("mongodb", "kafka")
NOT_SENT = ("job_id", "job_name", "job_type")
DNS_ACTIONS = ("add", "keep", "update", "recover")


def _missing(value) -> bool:
    return value is None or value == ""


def check_host_ports(value: str) -> str:
    """``host:port[,host:port...]``; IPv6 hosts in brackets."""
    for item in value.split(","):
        host, sep, port = item.strip().rpartition(":")
        host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
        if not sep or not is_host(host) or not port.isdigit() or not 1 <= int(port) <= 65535:
            raise ValueError("%r is not host:port (expected host:port[,host:port...])" % item.strip())
    return value


class KafkaSecurityConfig(BaseModel):
    """Kafka ``security.protocol`` settings; SASL needs a mechanism, SSL a trust store."""

    model_config = STRICT
    type: Literal[KAFKA_PROTOCOLS]
    sasl_mechanism: Optional[Literal[SASL_MECHANISMS]] = Field(default=None, validate_default=True)
    delegation_tokens: Optional[bool] = None
    trust_store_key_name: Optional[str] = Field(default=None, validate_default=True)
    trust_store_key: Optional[str] = Field(default=None, validate_default=True)
    trust_store_password: Optional[str] = Field(default=None, validate_default=True)
    endpoint_algorithm: Optional[str] = None
    enable_key_store: Optional[bool] = None
    key_store_key_name: Optional[str] = Field(default=None, validate_default=True)
    key_store_key: Optional[str] = Field(default=None, validate_default=True)
    key_store_password: Optional[str] = None
    set_private_key_password: Optional[bool] = None
    key_password: Optional[str] = Field(default=None, validate_default=True)

    @field_validator("sasl_mechanism")
    @classmethod
    def _mechanism_for_sasl(cls, value, info):
        protocol = info.data.get("type")
        if _missing(value) and str(protocol).startswith("SASL_"):
            raise ValueError("required when type is %s" % protocol)
        return value

    @field_validator("delegation_tokens")
    @classmethod
    def _tokens_need_scram(cls, value, info):
        scram = str(info.data.get("sasl_mechanism") or "").startswith("SCRAM-")
        if value and not (str(info.data.get("type")).startswith("SASL_") and scram):
            raise ValueError("needs type SASL_PLAINTEXT or SASL_SSL with sasl_mechanism SCRAM-SHA-256 or SCRAM-SHA-512")
        return value

    # trust_store_password only when the trust store has one (huawei-api.md section 10 #4), so it is never required.
    @field_validator("trust_store_key_name", "trust_store_key")
    @classmethod
    def _trust_store_for_ssl(cls, value, info):
        protocol = info.data.get("type")
        if _missing(value) and str(protocol).endswith("SSL"):
            raise ValueError("required when type is %s" % protocol)
        return value

    @field_validator("key_store_key_name", "key_store_key")
    @classmethod
    def _key_store_when_enabled(cls, value, info):
        if _missing(value) and info.data.get("enable_key_store"):
            raise ValueError("required when enable_key_store is true")
        return value

    @field_validator("key_password")
    @classmethod
    def _key_password_when_set(cls, value, info):
        if _missing(value) and info.data.get("set_private_key_password"):
            raise ValueError("required when set_private_key_password is true")
        return value


class CustomizedDns(BaseModel):
    """``TestEndPoint.customized_dns`` (SDK v3 ``CustomizedDns``): a custom DNS server for the test."""

    model_config = STRICT
    is_set_dns: bool
    set_dns_action: Optional[Literal[DNS_ACTIONS]] = Field(default=None, validate_default=True)
    dns_ip: Optional[str] = Field(default=None, validate_default=True)

    @field_validator("set_dns_action")
    @classmethod
    def _action_when_set(cls, value, info):
        if value is None and info.data.get("is_set_dns"):
            raise ValueError("required when is_set_dns is true (one of %s)" % ", ".join(DNS_ACTIONS))
        return value

    @field_validator("dns_ip")
    @classmethod
    def _dns_ip(cls, value, info):
        action = info.data.get("set_dns_action")
        if _missing(value):
            if action in ("add", "update"):
                raise ValueError("required when set_dns_action is %s" % action)
            return None
        for item in value.split(","):
            try:
                ipaddress.ip_address(item.strip())
            except ValueError:
                raise ValueError("%r is not an IP address" % item.strip()) from None
        return value


class ConnectionTestEndpoint(BaseModel):
    """One ``TestEndPoint`` plus how to find its job (by id, or by name and job type)."""

    model_config = STRICT
    job_id: Optional[str] = Field(default=None, min_length=1)
    job_name: Optional[str] = Field(default=None, min_length=1)
    job_type: Literal[JOB_TYPES] = "migration"
    end_point_type: Literal[END_POINT_TYPES] = "so"
    net_type: Literal[NET_TYPES]
    db_type: Literal[DB_TYPES]
    kafka_security_config: Optional[KafkaSecurityConfig] = None
    ip: str = Field(min_length=1)
    db_port: Optional[int] = Field(default=None, ge=0, le=65535, validate_default=True)
    inst_id: Optional[str] = None
    db_user: Optional[str] = Field(default=None, validate_default=True)
    db_password: Optional[str] = Field(default=None, validate_default=True)
    ssl_link: Optional[bool] = None
    ssl_cert_key: Optional[str] = Field(default=None, validate_default=True)
    ssl_cert_name: Optional[str] = Field(default=None, validate_default=True)
    ssl_cert_check_sum: Optional[str] = Field(default=None, validate_default=True)
    ssl_cert_password: Optional[str] = None
    vpc_id: Optional[str] = Field(default=None, validate_default=True)
    subnet_id: Optional[str] = Field(default=None, validate_default=True)
    region: Optional[str] = None
    project_id: Optional[str] = None
    db_name: Optional[str] = None
    customized_dns: Optional[CustomizedDns] = None

    @field_validator("kafka_security_config")
    @classmethod
    def _kafka_only(cls, value, info):
        if value is not None and info.data.get("db_type") not in (None, "kafka"):
            raise ValueError("only valid with db_type kafka")
        return value

    @field_validator("ip")
    @classmethod
    def _address(cls, value: str, info):
        db_type = info.data.get("db_type")
        if db_type in HOST_PORT_LIST_TYPES:
            return check_host_ports(value)
        if not is_host(value):
            raise ValueError("%r is not an IP address or host name (host:port lists are only for %s)"
                             % (value, " and ".join(HOST_PORT_LIST_TYPES)))
        return value

    @field_validator("db_port")
    @classmethod
    def _port(cls, value, info):
        if info.data.get("db_type") == "mongodb":
            if value not in (None, 0):
                raise ValueError("must be 0 for mongodb (ports go in ip as host:port)")
            return 0
        return value

    @field_validator("db_user", "db_password")
    @classmethod
    def _credentials(cls, value, info):
        if _missing(value) and cls.needs_credentials(info.data):
            raise ValueError("required for db_type %s%s" % (info.data.get("db_type"), cls._kafka_note(info.data)))
        return value

    @field_validator("ssl_cert_key", "ssl_cert_name", "ssl_cert_check_sum")
    @classmethod
    def _ssl_certificate(cls, value, info):
        if _missing(value) and info.data.get("ssl_link"):
            raise ValueError("required when ssl_link is true")
        return value

    @field_validator("vpc_id", "subnet_id")
    @classmethod
    def _vpc_network(cls, value, info):
        if _missing(value) and info.data.get("net_type") == "vpc":
            raise ValueError("required when net_type is vpc")
        return value

    @model_validator(mode="after")
    def _one_job(self):
        if (self.job_id is None) == (self.job_name is None):
            raise ValueError("exactly one of job_id or job_name is required")
        return self

    @staticmethod
    def needs_credentials(data: dict) -> bool:
        """Kafka without SASL (PLAINTEXT, SSL) has no user; every other endpoint needs db_user/db_password."""
        if "db_type" not in data:
            return False  # db_type itself failed; that error is reported instead
        if data["db_type"] != "kafka":
            return True
        security = data.get("kafka_security_config")
        return security is not None and security.type.startswith("SASL_")

    @staticmethod
    def _kafka_note(data: dict) -> str:
        security = data.get("kafka_security_config")
        return " with kafka_security_config.type %s" % security.type if security is not None else ""

    def body(self, job_id: str) -> dict:
        """The ``TestEndPoint`` entry for ``job_id``: only what was set, never the lookup fields."""
        unused = set()
        if self.db_type == "kafka":  # huawei-api.md section 11 #11: ports are in ip; a user only with SASL_*
            unused = {"db_port"} if self.needs_credentials(dict(self)) else {"db_port", "db_user", "db_password"}
        data = self.model_dump(exclude_none=True, exclude=set(NOT_SENT) | unused)
        return dict(data, id=job_id)


class ConnectionTestRequest(BaseModel):
    model_config = STRICT
    test_endpoints: List[ConnectionTestEndpoint] = Field(min_length=1)
    concurrency: int = Field(default=4, ge=1, le=16)

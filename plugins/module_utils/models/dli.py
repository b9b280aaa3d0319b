# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DLI enhanced datasource connection contract (huawei-api.md section 2; seed dli-create-enhanced-connection.txt)."""

from __future__ import annotations

import ipaddress
import re
from typing import List, Optional

from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import STRICT, BaseModel, Field, field_validator, is_ipv4
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import segment_problem

NAME_PATTERN = re.compile(r"[A-Za-z0-9_]{1,64}")
HOST_NAME_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,127}")
MAX_HOSTS = 20000
# Fields the create body accepts (routes are added one by one after create).
CREATE_FIELDS = ("name", "dest_vpc_id", "dest_network_id", "routetable_id", "queues", "elastic_resource_pools", "hosts", "tags")


def _unique(values: list, what: str) -> list:
    seen = set()
    for value in values:
        if value in seen:
            raise ValueError("%s %r is listed more than once" % (what, value))
        seen.add(value)
    return values


class Host(BaseModel):
    model_config = STRICT
    name: str
    ip: str

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not HOST_NAME_PATTERN.fullmatch(value):
            raise ValueError("must be 1-128 characters (letters, digits, _, - or .) starting with a letter")
        return value

    @field_validator("ip")
    @classmethod
    def _ip(cls, value: str) -> str:
        if not is_ipv4(value):
            raise ValueError("%r is not an IPv4 address" % value)
        return value


class Route(BaseModel):
    model_config = STRICT
    name: str = Field(min_length=1, max_length=64)
    cidr: str

    @field_validator("name")
    @classmethod
    def _addressable(cls, value: str) -> str:
        problem = segment_problem(value)
        if problem:  # routes are deleted by name in the URL
            raise ValueError(problem)
        return value

    @field_validator("cidr")
    @classmethod
    def _cidr(cls, value: str) -> str:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ValueError("%r is not a valid CIDR such as 10.0.0.0/24" % value) from None
        if "/" not in value:
            raise ValueError("%r is not a valid CIDR: a prefix length such as /24 is required" % value)
        return value


# Tag keys and values (huawei-api.md section 11 #5): letters of any language, digits, spaces and _ . : = + - @.
TAG_CHARACTERS = re.compile(r"[\w .:=+\-@]+")
RESERVED_TAG_PREFIX = "_sys_"


def _tag_text(value: str) -> str:
    if value != value.strip(" "):
        raise ValueError("must not start or end with a space")
    if not TAG_CHARACTERS.fullmatch(value):
        raise ValueError("may contain only letters, digits, spaces and _ . : = + - @")
    return value


class Tag(BaseModel):
    """Checked before any call: tags are replace-only, so a late refusal would come after a delete on a recreate."""

    model_config = STRICT
    key: str = Field(min_length=1, max_length=128)
    value: str = Field(min_length=1, max_length=255)

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if value.lower().startswith(RESERVED_TAG_PREFIX):
            raise ValueError("must not start with %s (reserved by the system)" % RESERVED_TAG_PREFIX)
        return _tag_text(value)

    @field_validator("value")
    @classmethod
    def _value(cls, value: str) -> str:
        return _tag_text(value)


class EnhancedConnection(BaseModel):
    """What the user declared: the create body plus routes."""

    model_config = STRICT
    name: str
    dest_vpc_id: str = Field(min_length=1)
    dest_network_id: str = Field(min_length=1)
    routetable_id: Optional[str] = Field(default=None, min_length=1)
    queues: Optional[List[str]] = None
    elastic_resource_pools: Optional[List[str]] = None
    hosts: Optional[List[Host]] = Field(default=None, max_length=MAX_HOSTS)
    routes: Optional[List[Route]] = None
    tags: Optional[List[Tag]] = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not NAME_PATTERN.fullmatch(value):
            raise ValueError("must be 1-64 characters: letters, digits or underscores (_)")
        return value

    @field_validator("queues", "elastic_resource_pools")
    @classmethod
    def _names(cls, value, info):
        if value is not None:
            if not all(value):
                raise ValueError("names must not be empty")
            _unique(value, "name")
            for name in value if info.field_name == "queues" else []:
                if segment_problem(name):  # a queue's pool is read with the queue name in the URL
                    raise ValueError("queue name %r %s" % (name, segment_problem(name)))
        return value

    @field_validator("routes")
    @classmethod
    def _route_names(cls, value):
        if value is not None:
            _unique([route.name for route in value], "route name")
        return value

    @field_validator("tags")
    @classmethod
    def _tag_keys(cls, value):
        if value is not None:
            _unique([tag.key for tag in value], "tag key")
        return value

    def state(self) -> dict:
        """The desired state in API field names, only what was set."""
        return self.model_dump(exclude_none=True)

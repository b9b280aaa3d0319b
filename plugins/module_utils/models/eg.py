# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EG (EventGrid) target connection contract (huawei-api.md section 3; seed eg-create-connection.txt)."""

from __future__ import annotations

import re
from typing import Literal, Optional

from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import STRICT, BaseModel, Field, field_validator, model_validator

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
TYPES = ("webhook", "kafka")
ACKS = ("0", "1", "all")
SASL_SSL = "SASL_SSL"


class KafkaDetail(BaseModel):
    model_config = STRICT
    instance_id: str = Field(min_length=1, max_length=128)
    addr: str = Field(min_length=1)
    security_protocol: Optional[str] = Field(default=None, min_length=1)
    # Required by the API (Go SDK, no omitempty; huawei-api.md section 11 #13): always sent, false unless set.
    enable_sasl_ssl: bool = False
    user_name: Optional[str] = Field(default=None, min_length=1)
    password: Optional[str] = Field(default=None, min_length=1)
    acks: Optional[Literal[ACKS]] = None

    @model_validator(mode="after")
    def _sasl_ssl(self):
        by_protocol = (self.security_protocol or "").upper() == SASL_SSL
        if by_protocol and "enable_sasl_ssl" in self.model_fields_set and self.enable_sasl_ssl is False:
            raise ValueError("security_protocol SASL_SSL contradicts enable_sasl_ssl=false")
        if by_protocol:
            self.enable_sasl_ssl = True  # the API reads SASL_SSL from this flag, so send it explicitly
        missing = [f for f in ("user_name", "password") if self.enable_sasl_ssl and not getattr(self, f)]
        if missing:
            raise ValueError("SASL_SSL (enable_sasl_ssl=true or security_protocol=SASL_SSL) requires %s" % " and ".join(missing))
        return self


class Connection(BaseModel):
    """The create body; ``type`` in the module's lower case, sent upper case."""

    model_config = STRICT
    name: str
    description: Optional[str] = Field(default=None, max_length=255)
    vpc_id: str = Field(min_length=1, max_length=128)
    subnet_id: str = Field(min_length=1, max_length=128)
    type: Optional[Literal[TYPES]] = None
    kafka_detail: Optional[KafkaDetail] = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not NAME_PATTERN.fullmatch(value):
            raise ValueError("must be 1-128 characters: letters, digits, periods (.), underscores (_) or hyphens (-), "
                             "starting with a letter or digit")
        if value.lower() == "default":
            raise ValueError("must not be 'default'")
        return value

    @model_validator(mode="after")
    def _kafka(self):
        if self.type == "kafka" and self.kafka_detail is None:
            raise ValueError("type=kafka requires kafka_detail (instance_id, addr)")
        if self.type != "kafka" and self.kafka_detail is not None:
            raise ValueError("kafka_detail is only valid with type=kafka")
        return self

    def body(self) -> dict:
        data = self.model_dump(exclude_none=True)
        if "type" in data:
            data["type"] = data["type"].upper()  # WEBHOOK / KAFKA, as the SDK and the docs send it
        return data

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Transport-independent request and response objects passed to the service handlers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from .errors import bad_request


@dataclass
class Request:
    """One received HTTP request; headers are keyed by lower-case name."""

    method: str
    raw_path: str
    raw_query: str
    headers: dict[str, str]
    body: bytes
    client_ip: str = "127.0.0.1"
    service: str = "none"
    params: dict[str, str] = field(default_factory=dict)
    auth_kind: str = "none"
    token: dict[str, Any] | None = None
    _query: dict[str, list[str]] | None = None

    @property
    def query(self) -> dict[str, list[str]]:
        """Query parameters; %20 and + are both decoded the way urllib does."""
        if self._query is None:
            self._query = parse_qs(self.raw_query, keep_blank_values=True)
        return self._query

    def arg(self, name: str, default: str | None = None) -> str | None:
        """First value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else default

    def int_arg(self, name: str, default: int) -> int:
        """Integer query parameter; malformed values are a 400 in the routed service's style."""
        value = self.arg(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except ValueError:
            raise bad_request(self.service, "Invalid parameter %s." % name) from None

    def json(self) -> dict[str, Any]:
        """The JSON object body ({} when empty); anything else is a 400."""
        if not self.body:
            return {}
        try:
            data = json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise bad_request(self.service, "The request body is not valid JSON.") from None
        if not isinstance(data, dict):
            raise bad_request(self.service, "The request body must be a JSON object.")
        return data

    @property
    def project_id(self) -> str | None:
        """The project id from the path, when the route has one."""
        return self.params.get("project_id")


@dataclass
class Response:
    """A handler result; body None means no body (e.g. 204)."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

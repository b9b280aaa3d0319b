# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Path-based routing of all services on one port."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import unquote

Handler = Callable[[Any, Any], Any]


@dataclass(frozen=True)
class Route:
    """method + path template ({name} matches one segment) → handler of a service."""

    method: str
    template: str
    service: str
    handler: Handler
    authenticated: bool = True

    @property
    def pattern(self) -> re.Pattern[str]:
        """The template compiled to a regex with one named group per {name}."""
        return _compile(self.template)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compile(template: str) -> re.Pattern[str]:
    if template not in _CACHE:
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
        _CACHE[template] = re.compile("^" + regex + "/?$")
    return _CACHE[template]


class Router:
    """First matching route wins; path parameters are percent-decoded."""

    def __init__(self, routes: list[Route]) -> None:
        self.routes = routes
        for route in routes:
            _compile(route.template)

    def match(self, method: str, raw_path: str) -> tuple[Route | None, dict[str, str], str]:
        """Return (route, params, service); service is guessed from the path when nothing matches."""
        for route in self.routes:
            found = route.pattern.match(raw_path)
            if found and route.method == method:
                return route, {k: unquote(v) for k, v in found.groupdict().items()}, route.service
        return None, {}, service_of_path(raw_path)


def service_of_path(raw_path: str) -> str:
    """Which service a path belongs to, for logs and error styles."""
    if raw_path.startswith("/v3/auth/") or raw_path.startswith("/v3/projects"):
        return "iam"
    if raw_path.startswith("/v1/") and "/secrets" in raw_path:
        return "csms"
    if "/datasource/" in raw_path or raw_path.startswith("/v2.0/"):
        return "dli"
    if raw_path.startswith(("/v3/", "/v5/")):
        return "drs"
    if raw_path.startswith("/v1/"):
        return "eg"
    return "none"

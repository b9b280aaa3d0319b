# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Admin seeding of many connections at once: each body goes through its service's own create handler, in process
(no HTTP, authentication, faults or request log), so a seeded connection is exactly what an API create makes."""

from __future__ import annotations

import json
from typing import Any

from . import dli, drs_connections, eg
from .errors import ApiError
from .messages import Request

CREATE = {"drs": drs_connections.create_connection, "dli": dli.create_connection, "eg": eg.create_connection}


def seed_connections(app: Any, spec: dict[str, Any]) -> dict[str, int]:
    """``{drs?: [create body...], dli?: [...], eg?: [...], project_id?}`` → how many of each were created.

    Stops at the first body a service refuses (ValueError naming ``<service>[<index>]`` and the API's message); the
    connections created before it stay."""
    unknown = sorted(set(spec) - set(CREATE) - {"project_id"})
    if unknown:
        raise ValueError("unknown keys %s: give drs, dli and/or eg lists of create bodies, and project_id" % ", ".join(unknown))
    project_id = spec.get("project_id") or next(iter(app.config["projects"].values()))
    if project_id not in app.config["projects"].values():
        raise ValueError("project_id %s is not a configured project" % project_id)
    created = {}
    for service, create in CREATE.items():
        bodies = spec.get(service) or []
        if not isinstance(bodies, list) or not all(isinstance(body, dict) for body in bodies):
            raise ValueError("%s must be a list of create bodies" % service)
        for index, body in enumerate(bodies):
            request = Request("POST", "/_emulator/seed/connections", "", {}, json.dumps(body).encode("utf-8"), service=service,
                              params={"project_id": project_id})
            try:
                create(app, request)
            except ApiError as error:
                raise ValueError("%s[%d]: %s" % (service, index, error.body.get("error_msg") or error.body)) from None
        created[service] = len(bodies)
    return created

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where each service lives: https://{service}.{region}.{cloud}, unless the user overrides it."""

from __future__ import annotations

SERVICES = ("iam", "drs", "dli", "eg")
DEFAULT_CLOUD = "myhuaweicloud.com"
# Regions served from a domain other than the default (huawei-api.md section 6).
REGION_CLOUDS = {"eu-west-101": "myhuaweicloud.eu"}


def cloud_for(region: str, cloud: str = None) -> str:
    return cloud or REGION_CLOUDS.get(region, DEFAULT_CLOUD)


def resolve_endpoint(service: str, region: str, cloud: str = None, endpoints: dict = None, endpoint_url: str = None) -> str:
    """Base URL for ``service``: per-service override, then the one-URL override, then the public pattern."""
    if service not in SERVICES:
        raise ValueError("unknown service %r" % service)
    override = (endpoints or {}).get(service) or endpoint_url
    if override:
        return override.rstrip("/")
    if not region:
        raise ValueError("region is required to build the %s endpoint" % service)
    return "https://%s.%s.%s" % (service, region, cloud_for(region, cloud))

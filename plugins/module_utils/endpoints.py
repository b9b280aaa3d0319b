# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where each service lives: https://{service}.{region}.{cloud}, unless the user overrides it."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

SERVICES = ("iam", "drs", "dli", "eg", "csms")
# Services whose host is not named after them: CSMS is served by the KMS (DEW) endpoint (SDK CsmsRegion).
SERVICE_HOSTS = {"csms": "kms"}
DEFAULT_CLOUD = "myhuaweicloud.com"
# Regions served from a domain other than the default (huawei-api.md section 6).
REGION_CLOUDS = {"eu-west-101": "myhuaweicloud.eu"}
# Every region the official SDK 3.1.219 knows for IAM, DRS, DLI or EG (huawei-api.md section 6). Only used to explain
# a failure: a region missing here is still tried, as Huawei Cloud opens regions faster than this list is updated.
REGIONS = frozenset([
    "ae-ad-1", "af-north-1", "af-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
    "cn-east-2", "cn-east-3", "cn-east-4", "cn-east-5", "cn-north-1", "cn-north-2", "cn-north-4", "cn-north-9", "cn-north-11",
    "cn-north-12", "cn-south-1", "cn-south-2", "cn-south-4", "cn-southwest-2", "cn-southwest-3", "eu-west-0", "eu-west-101",
    "la-north-2", "la-south-2", "me-east-1", "my-kualalumpur-1", "na-mexico-1", "ru-moscow-1", "ru-northwest-2", "sa-brazil-1",
    "tr-west-1",
])
ENDPOINT_URL_ENV = "HUAWEICLOUD_ENDPOINT_URL"


# Region ids are lower-case words joined by hyphens: cn-north-4, ap-southeast-1, eu-west-101.
REGION_PATTERN = re.compile(r"[a-z]{2,}(-[a-z0-9]+){1,4}")
_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def region_problem(region) -> str:
    """Why ``region`` cannot be a region id (it becomes part of host names), or ''."""
    if not isinstance(region, str) or len(region) > 63 or not REGION_PATTERN.fullmatch(region):
        return "must be a region ID such as cn-north-4 (lower-case letters and digits joined by hyphens)"
    return ""


def _is_domain(value: str) -> bool:
    labels = value.split(".")
    return 0 < len(value) <= 253 and len(labels) >= 2 and all(_LABEL.fullmatch(label) for label in labels)


def cloud_problem(cloud) -> str:
    """Why ``cloud`` cannot be the domain of the service host names, or ''."""
    if not isinstance(cloud, str) or not _is_domain(cloud):
        return "must be a domain name such as myhuaweicloud.com"
    return ""


def base_url_problem(url) -> str:
    """Why ``url`` cannot be a service base URL, or ''. Never echoes the URL (it may carry credentials)."""
    if not isinstance(url, str) or not url:
        return "must be a non-empty URL"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "is not a well-formed URL"
    if parts.scheme not in ("http", "https"):
        return "must be an http:// or https:// URL"
    if "@" in parts.netloc:
        return "must not contain credentials (user:password@): API calls are signed, never sent with Basic auth"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return "must not have a query or fragment"
    host = parts.hostname or ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not (_is_domain(host) or _LABEL.fullmatch(host)):
            return "must have a well-formed host name or IP address"
    if port == 0:
        return "must not use port 0"
    if any(segment in (".", "..") for segment in parts.path.split("/")):
        return "must not contain dot segments in its path"
    return ""


def cloud_for(region: str, cloud: str = None) -> str:
    return cloud or REGION_CLOUDS.get(region, DEFAULT_CLOUD)


def resolve_endpoint(service: str, region: str, cloud: str = None, endpoints: dict = None, endpoint_url: str = None) -> str:
    """Base URL for ``service``: per-service override, then the one-URL override, then the public pattern."""
    if service not in SERVICES:
        raise ValueError("unknown service %r" % service)
    override = (endpoints or {}).get(service) or endpoint_url
    if override:
        problem = base_url_problem(override)
        if problem:
            raise ValueError("the %s endpoint URL %s" % (service, problem))
        return override.rstrip("/")
    problem = region_problem(region) or (cloud_problem(cloud) if cloud else "")
    if problem:
        raise ValueError("cannot build the %s endpoint: region or cloud %s" % (service, problem))
    return "https://%s.%s.%s" % (SERVICE_HOSTS.get(service, service), region, cloud_for(region, cloud))


def endpoint_origin(service: str, region: str, cloud: str = None, endpoints: dict = None, endpoint_url: str = None,
                    environ=None) -> str:
    """Where :func:`resolve_endpoint` took the base URL of ``service`` from, in words for an error message.

    ``endpoint_url`` read from the environment looks like one set as an option; it is named after the environment
    variable when that holds the same URL.
    """
    if (endpoints or {}).get(service):
        return "the option endpoints.%s" % service
    if endpoint_url:
        if (environ or {}).get(ENDPOINT_URL_ENV) == endpoint_url:
            return "the environment variable %s" % ENDPOINT_URL_ENV
        return "the option endpoint_url"
    return "the default for region %s%s" % (region, " and cloud_domain %s" % cloud if cloud else "")


def unknown_region_hint(region: str) -> str:
    """'' for a region Huawei Cloud has, else a sentence saying it is not one, with the closest known region."""
    if region in REGIONS:
        return ""
    import difflib  # pylint: disable=import-outside-toplevel  # only an unknown region needs it

    close = difflib.get_close_matches(str(region), sorted(REGIONS), n=1, cutoff=0.8)
    return "%s is not one of Huawei Cloud's regions%s" % (region, " (did you mean %s?)" % close[0] if close else "")

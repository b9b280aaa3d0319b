# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Error responses in the style of each service (gateway, IAM, DRS, DLI, EG)."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An HTTP error answer; the handler serialises body and adds request_id where the style has one."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None,
                 with_request_id: bool = False) -> None:
        super().__init__("%s %s" % (status, body))
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.with_request_id = with_request_id


def gateway_error(status: int, code: str, msg: str, headers: dict[str, str] | None = None) -> ApiError:
    """API gateway errors (APIGW.xxxx) always carry request_id in the body."""
    return ApiError(status, {"error_code": code, "error_msg": msg}, headers, with_request_id=True)


def auth_error(detail: str) -> ApiError:
    """401 APIGW.0301 with the gateway's wording."""
    return gateway_error(401, "APIGW.0301", "Incorrect IAM authentication information: " + detail)


def iam_error(status: int, message: str, title: str) -> ApiError:
    """IAM (keystone) error body shape."""
    return ApiError(status, {"error": {"code": status, "message": message, "title": title}})


def service_error(service: str, status: int, code: str, msg: str) -> ApiError:
    """DRS/DLI: error_code + error_msg; EG adds error_details and request_id."""
    if service == "eg":
        return ApiError(status, {"error_code": code, "error_msg": msg, "error_details": ""}, with_request_id=True)
    return ApiError(status, {"error_code": code, "error_msg": msg})


# Internal-error code per service, used for injected 5xx faults.
INTERNAL_ERROR_CODES = {
    "drs": ("DRS.10000001", "Failed."),
    "dli": ("DLI.0999", "Server error, please try again later."),
    "eg": ("EG.00015000", "Internal error."),
}

# Unknown project id in the path: a 404 in the service's own style.
UNKNOWN_PROJECT_CODES = {
    "drs": "DRS.10000001",
    "dli": "DLI.0023",
    "eg": "EG.00014040",
}


def injected_error(service: str, status: int) -> ApiError:
    """An injected 5xx in the style of the routed service."""
    if service == "iam":
        return iam_error(status, "Service unavailable, please try again later.", "Internal Server Error")
    if service in INTERNAL_ERROR_CODES:
        code, msg = INTERNAL_ERROR_CODES[service]
        return service_error(service, status, code, msg)
    return gateway_error(status, "APIGW.0201", "Service unavailable")


def unknown_project(service: str, project_id: str) -> ApiError:
    """The project id in the path is not one of the configured region projects."""
    msg = "Project %s does not exist." % project_id
    return service_error(service, 404, UNKNOWN_PROJECT_CODES.get(service, "APIGW.0101"), msg)


def bad_request(service: str, msg: str) -> ApiError:
    """Generic parameter error per service."""
    codes = {"drs": "DRS.10000001", "dli": "DLI.0001", "eg": "EG.00513000"}
    return service_error(service, 400, codes.get(service, "APIGW.0201"), msg)

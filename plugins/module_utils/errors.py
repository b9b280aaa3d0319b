# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one error type every API failure becomes, and how it is read from a response."""

from __future__ import annotations

import json


class HuaweiCloudError(Exception):
    """An API call failed. Carries what a user needs to act on it, never request bodies or headers."""

    def __init__(self, message: str, status: int = None, error_code: str = None, error_msg: str = None,
                 request_id: str = None, method: str = None, path: str = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        self.method = method
        self.path = path

    def to_result(self) -> dict:
        """Keyword arguments for ``fail_json``."""
        result = {"msg": self.message}
        for key in ("status", "error_code", "error_msg", "request_id", "method", "path"):
            value = getattr(self, key)
            if value is not None:
                result[key] = value
        return result


class AmbiguousRequestError(HuaweiCloudError):
    """A non-idempotent request may or may not have been applied (timeout or 5xx after sending)."""


class WaitTimeoutError(HuaweiCloudError):
    """A wait ran out of time."""


def _decode(body):
    if isinstance(body, (bytes, bytearray)):
        try:
            return json.loads(body.decode("utf-8"))
        except ValueError:
            return {"error_msg": body.decode("utf-8", "replace")[:500]} if body else {}
    return body or {}


def error_fields(body) -> tuple:
    """(error_code, error_msg, request_id) from any of the services' error body shapes."""
    data = _decode(body)
    if not isinstance(data, dict):
        return None, str(data)[:500], None
    if isinstance(data.get("error"), dict):  # IAM: {"error": {"code": 401, "message": ..., "title": ...}}
        err = data["error"]
        code = err.get("code")
        return (str(code) if code is not None else None), err.get("message") or err.get("title"), None
    code = data.get("error_code") or data.get("code")
    msg = data.get("error_msg") or data.get("message") or data.get("error_message")
    return (str(code) if code is not None else None), msg, data.get("request_id")


def error_from_response(method: str, path: str, status: int, headers, body, error_class=HuaweiCloudError) -> HuaweiCloudError:
    code, msg, body_request_id = error_fields(body)
    request_id = (headers or {}).get("X-Request-Id") or body_request_id
    text = "%s %s failed: HTTP %s" % (method, path, status)
    if code:
        text += " %s" % code
    if msg:
        text += ": %s" % msg
    if request_id:
        text += " (request id %s)" % request_id
    return error_class(text, status=status, error_code=code, error_msg=msg, request_id=request_id, method=method, path=path)

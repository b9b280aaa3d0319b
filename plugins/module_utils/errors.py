# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one error type every API failure becomes, and how it is read from a response."""

from __future__ import annotations

import json

from ansible_collections.hwcloud.connections.plugins.module_utils.redact import TEXT_CAP, Redactor


class HuaweiCloudError(Exception):
    """An API call failed. Carries what a user needs to act on it, never request bodies or headers."""

    def __init__(self, message: str, status: int = None, error_code: str = None, error_msg: str = None,
                 request_id: str = None, method: str = None, path: str = None, results: list = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        self.method = method
        self.path = path
        # The per-item results of a batch answer that failed as a whole ({id, status, error_code, error_msg} each,
        # masked and capped), so that the caller can tell which items failed; never printed as such.
        self.results = results or []

    def to_result(self) -> dict:
        """Keyword arguments for ``fail_json``."""
        result = {"msg": self.message}
        for key in ("status", "error_code", "error_msg", "request_id", "method", "path"):
            value = getattr(self, key)
            if value is not None:
                result[key] = value
        return result


class ValidationFailed(Exception):
    """User input broke an API rule; raised before any API call."""


class AmbiguousRequestError(HuaweiCloudError):
    """A non-idempotent request may or may not have been applied (timeout or 5xx after sending)."""


class WaitTimeoutError(HuaweiCloudError):
    """A wait ran out of time."""


# Shown of a body that is not JSON: enough to recognise a proxy's error page, never more.
EXCERPT = 200
CODE_CAP = 64
REQUEST_ID_CAP = 128
# Per-item results read from a failed batch answer (the v3 DRS job calls take at most 100 ids).
MAX_RESULTS = 100
RESULT_TEXT_CAP = 300


_NO_SECRETS = Redactor()


def _plain(redact, text, cap: int) -> str:
    return (redact or _NO_SECRETS)(text, cap)


def _excerpt(body: bytes, redact) -> str:
    text = " ".join(body.decode("utf-8", "replace").split())
    return "non-JSON answer of %d bytes: %s" % (len(body), _plain(redact, text, EXCERPT)) if text else "empty answer"


def _decoded(body):
    """The error body decoded from JSON; None when it is not JSON."""
    if isinstance(body, (bytes, bytearray)):
        try:
            return json.loads(body.decode("utf-8")) if body else {}
        except ValueError:
            return None
    return body


def result_items(data, redact=None) -> list:
    """``results[i]`` of a batch answer as ``{id, status, error_code, error_msg}`` (masked, capped, at most
    MAX_RESULTS): the v3 DRS job calls answer an unknown job with HTTP 400 and the code only there (huawei-api.md
    section 11 #6). Other keys of a result are never read: a server may echo the request in them."""
    results = data.get("results") if isinstance(data, dict) else None
    items = []
    for item in results[:MAX_RESULTS] if isinstance(results, list) else []:
        if not isinstance(item, dict):
            continue
        fields = {"status": item.get("status"), "error_code": item.get("error_code"),
                  "error_msg": item.get("error_msg") or item.get("error_message")}
        masked = {key: _plain(redact, str(value), CODE_CAP if key == "error_code" else RESULT_TEXT_CAP) if value is not None else None
                  for key, value in fields.items()}
        # The id is kept as sent (capped) to match the request's ids; the message built from it is masked.
        items.append(dict(masked, id=str(item["id"])[:REQUEST_ID_CAP] if item.get("id") is not None else None))
    return items


def _from_results(items: list, redact=None) -> tuple:
    """(code, message) naming every failed result, when the answer has no code of its own."""
    failed = [(index, item) for index, item in enumerate(items) if item["error_code"]]
    if not failed:
        return None, None
    parts = []
    for index, item in failed:
        message = " " + item["error_msg"] if item["error_msg"] else ""
        parts.append("results[%d] (id %s): %s%s" % (index, _plain(redact, str(item["id"]), REQUEST_ID_CAP), item["error_code"], message))
    text = "; ".join(parts)
    return failed[0][1]["error_code"], text[:TEXT_CAP]


def error_fields(body, redact=None, truncated: bool = False) -> tuple:
    """(error_code, error_msg, request_id) from any of the services' error body shapes, masked and capped.

    Only these three are ever shown: whatever else a server sends (it may echo the request) is not printed. A body
    with no code of its own but per-result codes (``results[i].error_code``) is named by those.
    """
    if truncated:
        return None, "error answer larger than %d bytes, not shown" % len(body), None
    data = _decoded(body)
    if data is None:
        return None, _excerpt(bytes(body), redact), None
    if not isinstance(data, dict):
        return None, "answer is JSON but not an object", None
    if isinstance(data.get("error"), dict):  # IAM: {"error": {"code": 401, "message": ..., "title": ...}}
        err = data["error"]
        code, msg, request_id = err.get("code"), err.get("message") or err.get("title"), None
    else:
        code = data.get("error_code") or data.get("code")
        msg = data.get("error_msg") or data.get("message") or data.get("error_message")
        request_id = data.get("request_id")
        if code is None and msg is None:
            code, msg = _from_results(result_items(data, redact), redact)
    return (_plain(redact, str(code), CODE_CAP) if code is not None else None,
            _plain(redact, str(msg), TEXT_CAP) if msg is not None else None,
            _plain(redact, str(request_id), REQUEST_ID_CAP) if request_id is not None else None)


def error_from_response(method: str, path: str, status: int, headers, body, error_class=HuaweiCloudError, redact=None,
                        truncated: bool = False) -> HuaweiCloudError:
    code, msg, body_request_id = error_fields(body, redact, truncated)
    request_id = (headers or {}).get("X-Request-Id")
    request_id = _plain(redact, request_id, REQUEST_ID_CAP) if request_id else body_request_id
    text = "%s %s failed: HTTP %s" % (method, path, status)
    if code:
        text += " %s" % code
    if msg:
        text += ": %s" % msg
    if request_id:
        text += " (request id %s)" % request_id
    results = [] if truncated else result_items(_decoded(body), redact)
    return error_class(text, status=status, error_code=code, error_msg=msg, request_id=request_id, method=method, path=path,
                       results=results)

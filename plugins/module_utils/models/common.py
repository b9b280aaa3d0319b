# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""pydantic, imported so that a missing library is reported by the module, not by an import error.

Model modules import ``BaseModel``/``Field``/validators from here. Without pydantic the names are inert
stand-ins, so the files still import (ansible-test's import sanity test, ``ansible-doc``) and the
module wrapper fails with ``missing_required_lib`` before any model is used.
"""

from __future__ import annotations

import ipaddress
import re
import traceback

try:
    from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator  # pylint: disable=unused-import

    PYDANTIC_IMPORT_ERROR = None
except ImportError:
    PYDANTIC_IMPORT_ERROR = traceback.format_exc()
    ValidationError = ValueError

    class BaseModel:  # type: ignore[no-redef]
        """Stand-in; never instantiated when pydantic is missing."""

    def ConfigDict(**kwargs):  # type: ignore[no-redef]  # pylint: disable=invalid-name
        return kwargs

    def Field(*args, **kwargs):  # type: ignore[no-redef]  # pylint: disable=invalid-name,unused-argument
        return None

    def field_validator(*args, **kwargs):  # type: ignore[no-redef]  # pylint: disable=unused-argument
        return lambda func: func

    model_validator = field_validator

from ansible_collections.hwcloud.connections.plugins.module_utils.module import ValidationFailed

# defer_build: a model is compiled when first used, not when the module imports it (import cost).
STRICT = ConfigDict(extra="forbid", str_strip_whitespace=False, defer_build=True)

HOSTNAME = re.compile(r"(?=.{1,253}\Z)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")


def is_host(value: str) -> bool:
    """An IP address (v4 or v6) or a DNS host name."""
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return bool(HOSTNAME.fullmatch(value))


def is_ipv4(value: str) -> bool:
    try:
        ipaddress.IPv4Address(value)
        return True
    except ValueError:
        return False


def _location(loc, prefix: str) -> str:
    parts = [prefix] if prefix else []
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = ["%s[%d]" % (parts[-1] if parts else "", item)]
        else:
            parts.append(str(item))
    return ".".join(parts) or prefix


def validate(model, data: dict, prefix: str = ""):
    """Instantiate ``model`` from ``data``; a violation raises ValidationFailed naming the option and the rule."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        messages = []
        for error in exc.errors():
            where = _location([p for p in error["loc"] if p != "__root__"], prefix)
            text = error["msg"].replace("Value error, ", "")
            messages.append("%s: %s" % (where, text) if where else text)
        raise ValidationFailed("Invalid input: " + "; ".join(messages)) from None

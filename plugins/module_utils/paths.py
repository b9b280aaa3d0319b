# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one place API paths are built: every value that becomes a path segment is checked and percent-encoded.

Values come from playbooks and from servers alike, so nothing is trusted: ids must look like ids, no segment may be
empty or a dot segment (requests would resolve ``..`` and reach another route), and ``/``, ``?``, ``#`` and ``%``
are always encoded.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError

# Resource ids of these APIs are UUIDs or UUID-like (DRS job ids end in "jb101"); this admits all of them and no URL syntax.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
PROJECT_ID_PATTERN = re.compile(r"[0-9a-fA-F]{32}")
PROJECT_ID = "{project_id}"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class UnsafePathError(HuaweiCloudError):
    """A value cannot be part of an API path."""


def id_problem(value) -> str:
    """Why ``value`` is not a resource id, or '' when it is one."""
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        return "must be an ID of 1 to 128 letters, digits, hyphens (-) or underscores (_), starting with a letter or digit"
    return ""


def project_id_problem(value) -> str:
    """Why ``value`` is not a project id (32 hexadecimal characters), or ''."""
    if not isinstance(value, str) or not PROJECT_ID_PATTERN.fullmatch(value):
        return "must be a project ID of 32 hexadecimal characters"
    return ""


def segment_problem(value) -> str:
    """Why ``value`` cannot be a path segment even when encoded, or ''."""
    if not isinstance(value, str) or value == "":
        return "must be a non-empty string"
    if value in (".", ".."):
        return "cannot be %r: a dot segment would address another URL" % value
    return ""


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def encode(name: str, value) -> str:
    """``value`` of placeholder ``name`` as one encoded segment; placeholders ending in ``_id`` must be ids."""
    problem = id_problem(value) if name.endswith("_id") else segment_problem(value)
    if problem:
        raise UnsafePathError("Refusing to put %s %s into an API path: it %s" % (name, _shown(value), problem))
    return quote(value, safe="")


def build(template: str, **values) -> str:
    """``template`` with each ``{name}`` replaced by its encoded value; ``{project_id}`` is left for the client."""
    def replace(match):
        name = match.group(1)
        if name == "project_id":
            return PROJECT_ID
        if name not in values:
            raise KeyError(name)
        return encode(name, values[name])

    return _PLACEHOLDER.sub(replace, template)


def with_project(path: str, project_id: str) -> str:
    """``path`` with ``{project_id}`` filled in, after checking the project id."""
    if PROJECT_ID not in path:
        return path
    problem = project_id_problem(project_id)
    if problem:
        raise UnsafePathError("Refusing to use project_id %s: it %s" % (_shown(project_id), problem))
    return path.replace(PROJECT_ID, project_id)

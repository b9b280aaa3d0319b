# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The path builder: ids must be ids, no dot segments, every reserved character encoded."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.paths import UnsafePathError, build, with_project

TEMPLATE = "/v2.0/{project_id}/datasource/enhanced-connections/{connection_id}/routes/{route_name}"
CID = "2a620c33-5609-40c9-affd-2b6453071b0f"


def test_segments_are_encoded_and_the_project_is_left_for_the_client():
    assert build(TEMPLATE, connection_id=CID, route_name="a/b?c#d%e f") == (
        "/v2.0/{project_id}/datasource/enhanced-connections/%s/routes/a%%2Fb%%3Fc%%23d%%25e%%20f" % CID)


@pytest.mark.parametrize("name", [".", "..", ""])
def test_dot_and_empty_segments_are_refused(name):
    with pytest.raises(UnsafePathError, match="route_name"):
        build(TEMPLATE, connection_id=CID, route_name=name)


@pytest.mark.parametrize("value", ["..", "x/../y", "?limit=1", "a#b", "id\n", "", None, 7, "-leading-hyphen", "x" * 129])
def test_ids_must_look_like_ids(value):
    with pytest.raises(UnsafePathError, match="connection_id"):
        build(TEMPLATE, connection_id=value, route_name="r")


def test_ids_of_every_service_are_accepted():
    for value in (CID, "140b5236-88ad-43c8-811c-1268453jb101", "a_b-C9"):
        assert value in build("/x/{connection_id}", connection_id=value)


@pytest.mark.parametrize("project_id", ["../x", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdefg", None])
def test_project_ids_are_checked_when_filled_in(project_id):
    with pytest.raises(UnsafePathError, match="project_id"):
        with_project("/v5/{project_id}/connections", project_id)
    assert with_project("/v3/auth/tokens", project_id) == "/v3/auth/tokens"

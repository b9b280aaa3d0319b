# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DliEnhancedConnections.find by name: the API's name filter is exact (huawei-api.md section 11 #4), and a listing
that answered more (a fuzzy filter) still finds only the connection of exactly that name, never a DELETED row."""

from __future__ import annotations

from ansible_collections.hwcloud.connections.plugins.module_utils.dli import DliEnhancedConnections

ROWS = [{"id": "id-1", "name": "tf_test_xxxxx", "status": "ACTIVE", "isPrivis": True},
        {"id": "id-2", "name": "tf_test", "status": "DELETED", "isPrivis": True},
        {"id": "id-3", "name": "tf_test", "status": "ACTIVE", "isPrivis": True}]


class FuzzyClient:
    """A listing whose name filter matches substrings: what find must not depend on."""

    def __init__(self):
        self.queries = []

    def paginate(self, service, path, items_key, query=None, id_key=None, concurrency=1):
        self.queries.append(dict(query or {}))
        return [dict(row) for row in ROWS if query.get("name", "") in row["name"]]


class Module:
    def __init__(self):
        self.client = FuzzyClient()


def test_find_by_name_takes_only_the_live_connection_of_exactly_that_name():
    module = Module()
    found = DliEnhancedConnections(module).find(name="tf_test")
    assert found == {"id": "id-3", "name": "tf_test", "status": "ACTIVE"}  # the list-only isPrivis dropped
    assert module.client.queries == [{"name": "tf_test"}]


def test_a_longer_name_is_never_found_for_a_prefix():
    module = Module()
    assert DliEnhancedConnections(module).find(name="tf_test_x") is None

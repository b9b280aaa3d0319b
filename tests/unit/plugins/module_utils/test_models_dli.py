# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The DLI enhanced connection contract: every rule fails naming the field and the rule."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import validate
from ansible_collections.hwcloud.connections.plugins.module_utils.models.dli import EnhancedConnection
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ValidationFailed

BASE = {"name": "orders_db", "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1"}


def test_valid_input_keeps_only_what_was_set():
    data = dict(BASE, hosts=[{"name": "db-0001.local", "ip": "192.168.0.1"}], routes=[{"name": "r", "cidr": "10.0.0.0/8"}],
                tags=[{"key": "team", "value": "data"}], queues=["q1"], elastic_resource_pools=[])
    assert validate(EnhancedConnection, data).state() == data
    assert validate(EnhancedConnection, BASE).state() == BASE


def test_tags_take_letters_of_any_language_and_the_documented_signs():
    tags = [{"key": "团队 owner", "value": "数据 team_1"}, {"key": "a.b:c=d+e-f@g", "value": "x_sys_y"}]
    assert validate(EnhancedConnection, dict(BASE, tags=tags)).state()["tags"] == tags


def test_hosts_limit_is_20000():
    host = {"name": "db", "ip": "10.0.0.1"}
    assert len(validate(EnhancedConnection, dict(BASE, hosts=[host] * 20000)).state()["hosts"]) == 20000
    with pytest.raises(ValidationFailed, match=r"hosts: List should have at most 20000 items"):
        validate(EnhancedConnection, dict(BASE, hosts=[host] * 20001))


@pytest.mark.parametrize("change, message", [
    ({"name": "orders-db"}, "name: must be 1-64 characters: letters, digits or underscores"),
    ({"name": ""}, "name: must be 1-64 characters"),
    ({"name": "n" * 65}, "name: must be 1-64 characters"),
    ({"dest_vpc_id": ""}, "dest_vpc_id: String should have at least 1 character"),
    ({"hosts": [{"name": "1db", "ip": "10.0.0.1"}]}, "hosts[0].name: must be 1-128 characters (letters, digits, _, - or .) starting with a letter"),
    ({"hosts": [{"name": "d" * 129, "ip": "10.0.0.1"}]}, "hosts[0].name: must be 1-128"),
    ({"hosts": [{"name": "db", "ip": "10.0.0.1"}, {"name": "db", "ip": "::1"}]}, "hosts[1].ip: '::1' is not an IPv4 address"),
    ({"routes": [{"name": "", "cidr": "10.0.0.0/8"}]}, "routes[0].name: String should have at least 1 character"),
    ({"routes": [{"name": "r" * 65, "cidr": "10.0.0.0/8"}]}, "routes[0].name: String should have at most 64 characters"),
    ({"routes": [{"name": "r", "cidr": "10.0.0.0/33"}]}, "routes[0].cidr: '10.0.0.0/33' is not a valid CIDR"),
    ({"routes": [{"name": "r", "cidr": "10.0.0.1"}]}, "routes[0].cidr: '10.0.0.1' is not a valid CIDR: a prefix length"),
    ({"routes": [{"name": "r", "cidr": "10.0.0.0/8"}, {"name": "r", "cidr": "10.1.0.0/16"}]}, "routes: route name 'r' is listed more than once"),
    ({"tags": [{"key": "", "value": "v"}]}, "tags[0].key: String should have at least 1 character"),
    ({"tags": [{"key": "k" * 129, "value": "v"}]}, "tags[0].key: String should have at most 128 characters"),
    ({"tags": [{"key": "k", "value": "v" * 256}]}, "tags[0].value: String should have at most 255 characters"),
    ({"tags": [{"key": "k", "value": ""}]}, "tags[0].value: String should have at least 1 character"),
    ({"tags": [{"key": "k", "value": "a"}, {"key": "k", "value": "b"}]}, "tags: tag key 'k' is listed more than once"),
    ({"tags": [{"key": "k", "value": "v"}, {"key": "_SYS_k", "value": "v"}]}, "tags[1].key: must not start with _sys_ (reserved by the system)"),
    ({"tags": [{"key": "k ", "value": "v"}]}, "tags[0].key: must not start or end with a space"),
    ({"tags": [{"key": "k", "value": " v"}]}, "tags[0].value: must not start or end with a space"),
    ({"tags": [{"key": "k/1", "value": "v"}]}, "tags[0].key: may contain only letters, digits, spaces and _ . : = + - @"),
    ({"tags": [{"key": "k", "value": "v\tw"}]}, "tags[0].value: may contain only letters"),
    ({"queues": ["q1", ""]}, "queues: names must not be empty"),
    ({"queues": ["q1", ".."]}, "queues: queue name '..' cannot be '..': a dot segment would address another URL"),
    ({"elastic_resource_pools": ["p", "p"]}, "elastic_resource_pools: name 'p' is listed more than once"),
])
def test_rules_name_the_field(change, message):
    with pytest.raises(ValidationFailed) as caught:
        validate(EnhancedConnection, dict(BASE, **change))
    assert str(caught.value).startswith("Invalid input: ")
    assert message in str(caught.value)

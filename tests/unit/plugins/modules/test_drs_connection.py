# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""drs_connection through reconcile: every update re-sends the password, so an update without one fails first."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.models.drs import ALL_ENDPOINT_NAMES
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.drs_connection import DrsConnection
from ansible_collections.hwcloud.connections.plugins.modules.drs_connection import ARGUMENT_SPEC
from ansible_collections.hwcloud.connections.tests.unit.plugins.modules.fake_module import FakeModule

ENDPOINT = {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "drs"}
BASE = {"name": "orders-mysql", "db_type": "mysql", "endpoint": ENDPOINT}
STORED = {"connection_id": "c1", "name": "orders-mysql", "db_type": "mysql", "description": "old",
          "endpoint": {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": "3306", "db_user": "drs"}}


class FakeApi:
    def __init__(self, existing=None):
        self.rows = [copy.deepcopy(row) for row in existing or []]
        self.calls = []

    def find(self, connection_id, name):
        matches = [row for row in self.rows if row["name"].lower() == name.lower()]
        return copy.deepcopy(matches[0]) if matches else None

    def update(self, connection_id, body):
        self.calls.append(("update", body))


def run(api, check_mode=False, endpoint=None, **params):
    params = dict(BASE, **params)
    params["endpoint"] = dict(ENDPOINT, **(endpoint or {}))
    module = FakeModule(ARGUMENT_SPEC, check_mode=check_mode, **params)
    resource = DrsConnection(module)
    resource.api = api
    return rc.reconcile(module, resource)


@pytest.mark.parametrize("check_mode", [False, True])
def test_an_update_without_db_password_fails_before_any_write(check_mode):
    api = FakeApi([STORED])
    with pytest.raises(ValidationFailed) as caught:
        run(api, check_mode=check_mode, description="new")
    message = str(caught.value)
    assert message.startswith("endpoint.db_password is required to update DRS connection orders-mysql (connection_id c1)")
    assert "always re-sends the whole endpoint including its password" in message and "an update is needed because description differs. Set" in message
    assert api.calls == []


def test_an_update_with_db_password_sends_it():
    api = FakeApi([STORED])
    result = run(api, description="new", endpoint={"db_password": "pw"})
    assert result["changed"] is True
    assert api.calls == [("update", dict(BASE, description="new", endpoint=dict(ENDPOINT, db_port="3306", db_password="pw")))]
    assert "db_password" not in result["connection"]["endpoint"]


def test_nothing_to_change_needs_no_password():
    api = FakeApi([STORED])
    assert run(api, description="old")["changed"] is False and api.calls == []


def test_update_password_always_needs_the_password():
    api = FakeApi([STORED])
    with pytest.raises(ValidationFailed, match=r"endpoint.db_password is required .* because update_password=always re-sends the secrets"):
        run(api, update_password="always")
    assert run(api, update_password="always", endpoint={"db_password": "pw"})["changed"] is True


def test_no_redis_scenarios_are_offered():
    choices = ARGUMENT_SPEC["endpoint"]["options"]["endpoint_name"]["choices"]
    assert sorted(choices) == sorted(ALL_ENDPOINT_NAMES)
    assert not [name for name in choices if "redis" in name]


def test_an_empty_description_is_sent_to_clear_it_and_an_absent_one_counts_as_empty():
    # huawei-api.md section 11 #10: a description is cleared by sending ""
    api = FakeApi([STORED])
    assert run(api, description="", endpoint={"db_password": "pw"})["changed"] is True
    assert api.calls[-1][1]["description"] == ""
    api = FakeApi([{key: value for key, value in STORED.items() if key != "description"}])
    assert run(api, description="")["changed"] is False and api.calls == []


def test_the_enterprise_project_the_api_fills_in_is_not_a_difference():
    # huawei-api.md section 11 #9: reads return enterprise_project_id "0" although create did not send it
    api = FakeApi([dict(STORED, enterprise_project_id="0")])
    assert run(api, description="old")["changed"] is False and api.calls == []

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The endpoint_plan filter: a runbook evaluates its plan in every task that uses it; the plan is computed once."""

from __future__ import annotations

import copy

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.connections.plugins.filter import endpoints as plan_filter
from ansible_collections.hwcloud.connections.plugins.plugin_utils import endpoints

JOB = {"job_id": "b3c4d5e6-0000-4000-8000-0000bench001", "job_name": None, "job_type": "migration"}
CLOUD = {"region": "cn-north-4", "project_id": "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01"}
MYSQL = {"name": "orders-mysql", "kind": "mysql", "host": "192.168.0.27", "user": "drs", "password": "pw"}
COMPUTED = endpoints.plan  # the plan itself, not counted


@pytest.fixture
def plans(monkeypatch):
    """Calls of the plan computation from now on (every cached plan forgotten first)."""
    calls = []
    monkeypatch.setattr(plan_filter, "PLANS", type(plan_filter.PLANS)())
    monkeypatch.setattr(endpoints, "plan", lambda *args, **kwargs: calls.append(args) or COMPUTED(*args, **kwargs))
    return calls


def entries(count):
    return [dict(MYSQL, name="db-%d" % n, host="192.168.0.%d" % (n + 1)) for n in range(count)]


def test_the_same_endpoints_are_planned_once_with_the_same_result(plans):
    first = plan_filter.endpoint_plan(entries(3), JOB, cloud=CLOUD)
    again = plan_filter.endpoint_plan(copy.deepcopy(entries(3)), dict(JOB), cloud=dict(CLOUD))
    assert len(plans) == 1
    assert again == first == COMPUTED(entries(3), JOB, cloud=CLOUD)
    assert [element["name"] for element in again["drs"]] == ["db-0", "db-1", "db-2"]


@pytest.mark.parametrize("change", [
    lambda: (entries(2), JOB, {}),
    lambda: ([dict(MYSQL, password="new")], JOB, {}),
    lambda: (entries(3), dict(JOB, job_type="sync"), {}),
    lambda: (entries(3), JOB, {"declares": False}),
    lambda: (entries(3), JOB, {"state": "absent"}),
    lambda: (entries(3), JOB, {"cloud": dict(CLOUD, region="eu-west-101")}),
])
def test_any_other_input_is_planned_again(plans, change):
    value, job, options = change()
    options.setdefault("cloud", CLOUD)
    plan_filter.endpoint_plan(entries(3), JOB, cloud=CLOUD)
    assert plan_filter.endpoint_plan(value, job, **options) == COMPUTED(value, job, **options)
    assert len(plans) == 2


def test_only_a_few_plans_are_kept(plans):
    for count in range(1, plan_filter.PLANS_KEPT + 3):
        plan_filter.endpoint_plan(entries(count), JOB, cloud=CLOUD)
    assert len(plan_filter.PLANS) == plan_filter.PLANS_KEPT
    plan_filter.endpoint_plan(entries(1), JOB, cloud=CLOUD)  # the oldest was dropped: computed again
    assert len(plans) == plan_filter.PLANS_KEPT + 3


def test_an_invalid_value_is_still_a_filter_error(plans):
    with pytest.raises(AnsibleFilterError, match="the endpoints must be a list"):
        plan_filter.endpoint_plan({"name": "x"}, JOB)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pure reconcile helpers, and the reconcile algorithm driven with an in-memory resource."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import AmbiguousRequestError, HuaweiCloudError


def test_differences_only_compare_what_the_user_set():
    current = {"name": "a", "endpoint": {"ip": "1.2.3.4", "db_port": "3306", "db_user": "root"}, "description": "x"}
    assert rc.differences({"endpoint": {"db_port": 3306}}, current) == []
    assert rc.differences({"endpoint": {"db_port": 3307, "db_password": "s"}}, current, ignore={"endpoint.db_password"}) == ["endpoint.db_port"]
    assert rc.differences({"description": "y", "name": "a"}, current) == ["description"]


def test_differences_lists_as_sets_or_sequences():
    current = {"hosts": [{"name": "a", "ip": "1.1.1.1"}, {"name": "b", "ip": "2.2.2.2"}], "order": [1, 2]}
    desired = {"hosts": [{"ip": "2.2.2.2", "name": "b"}, {"name": "a", "ip": "1.1.1.1"}], "order": [2, 1]}
    assert rc.differences(desired, current, set_paths={"hosts"}) == ["order"]
    assert rc.differences({"flag": False}, {"flag": None}) == ["flag"]
    assert rc.differences({"flag": True}, {"flag": True}) == []


def test_mask_and_strip_secrets():
    value = {"endpoint": {"db_password": "pw", "ip": "1"}, "ssl": {"ssl_cert_key": None}}
    paths = ("endpoint.db_password", "ssl.ssl_cert_key")
    assert rc.mask(value, paths) == {"endpoint": {"db_password": rc.MASK, "ip": "1"}, "ssl": {}}
    assert rc.strip(value, paths) == {"endpoint": {"ip": "1"}, "ssl": {}}


@pytest.mark.parametrize("paths, text", [
    (["description"], "description differs"),
    (["subnet_id", "kafka_detail.acks"], "subnet_id and kafka_detail.acks differ"),
    (["name", "dest_vpc_id", "dest_network_id"], "name, dest_vpc_id and dest_network_id differ"),
])
def test_what_differs_reads_as_a_sentence(paths, text):
    assert rc.what_differs(paths) == text


def test_pick_one_lists_ids():
    assert rc.pick_one([], "connection", "x") is None
    with pytest.raises(HuaweiCloudError, match="ids: 1, 2"):
        rc.pick_one([{"id": 1}, {"id": 2}], "connection", "x")


class FakeModule:
    def __init__(self, params, check_mode=False, diff_mode=True):
        self.params = params
        self.check_mode = check_mode
        self.diff_mode = diff_mode


class MemoryResource(rc.Resource):
    secret_paths = ("password",)

    def __init__(self, module, store, duplicate_race=False):
        super().__init__(module)
        self.store = store
        self.writes = []
        self.duplicate_race = duplicate_race

    def desired(self):
        return rc.prune({"name": self.module.params["name"], "size": self.module.params.get("size"), "password": self.module.params.get("password")})

    def lookup(self):
        found = self.store.get(self.module.params["name"])
        return dict(found) if found else None

    def create(self, desired):
        self.writes.append("create")
        if self.duplicate_race:
            self.store[desired["name"]] = {"name": desired["name"], "size": 1}
            raise HuaweiCloudError("dup", status=400, error_code="DUP")
        self.store[desired["name"]] = {k: v for k, v in desired.items() if k != "password"}
        return self.store[desired["name"]]

    def delete(self, current):
        self.writes.append("delete")
        del self.store[current["name"]]

    def plan_update(self, current, desired):
        if rc.differences(desired, current, ignore=self.secret_paths):
            return [rc.Action("update", lambda: self.store[current["name"]].update(size=desired["size"]))]
        return []

    def is_duplicate(self, error):
        return error.error_code == "DUP"


def run(store, check_mode=False, **params):
    params.setdefault("state", "present")
    resource = MemoryResource(FakeModule(params, check_mode), store)
    return rc.reconcile(resource.module, resource), resource


def test_lifecycle_with_check_mode_and_masked_diff():
    store = {}
    result, res = run(store, check_mode=True, name="a", size=1, password="pw")
    assert result["changed"] and res.writes == [] and store == {}
    assert result["connection"] == {"name": "a", "size": 1}
    assert result["diff"]["after"]["password"] == rc.MASK
    result, res = run(store, name="a", size=1, password="pw")
    assert result["changed"] and res.writes == ["create"] and store["a"]["size"] == 1
    result, res = run(store, name="a", size=1, password="other")
    assert not result["changed"] and res.writes == []
    result, res = run(store, check_mode=True, name="a", size=2)
    assert result["changed"] and result["connection"]["size"] == 2 and store["a"]["size"] == 1
    result, res = run(store, name="a", size=2)
    assert result["changed"] and store["a"]["size"] == 2
    result, res = run(store, name="a", state="absent")
    assert result["changed"] and result["connection"] is None and store == {}
    result, res = run(store, name="a", state="absent")
    assert not result["changed"] and res.writes == []


def test_duplicate_name_race_adopts_the_winner():
    store = {}
    resource = MemoryResource(FakeModule({"state": "present", "name": "a", "size": 3}), store, duplicate_race=True)
    result = rc.reconcile(resource.module, resource)
    assert result["connection"] == {"name": "a", "size": 3}
    assert resource.writes == ["create"] and len(store) == 1


class FlakyCreate(MemoryResource):
    """create() answers 503 (ambiguous) ``lost`` times; ``applied`` says whether those creates took effect."""

    def __init__(self, module, store, lost, applied):
        super().__init__(module, store)
        self.lost = lost
        self.applied = applied

    def create(self, desired):
        if self.lost:
            self.writes.append("create")
            self.lost -= 1
            if self.applied:
                self.store[desired["name"]] = {k: v for k, v in desired.items() if k != "password"}
            raise AmbiguousRequestError("lost", status=503)
        return super().create(desired)


@pytest.mark.parametrize("lost, applied, creates", [(1, True, 1), (2, False, 3)])
def test_ambiguous_create_is_resent_only_after_a_lookup(lost, applied, creates):
    store = {}
    resource = FlakyCreate(FakeModule({"state": "present", "name": "a", "size": 1}), store, lost, applied)
    result = rc.reconcile(resource.module, resource)
    assert result["connection"]["name"] == "a" and len(store) == 1
    assert resource.writes == ["create"] * creates


def test_ambiguous_create_gives_up_after_three_attempts():
    resource = FlakyCreate(FakeModule({"state": "present", "name": "a"}), {}, 5, False)
    with pytest.raises(AmbiguousRequestError):
        rc.reconcile(resource.module, resource)
    assert resource.writes == ["create"] * 3


@pytest.mark.parametrize("check_mode", [True, False])
def test_a_secret_that_is_only_re_sent_is_not_a_change_in_the_diff(check_mode):
    store = {"a": {"name": "a", "size": 1}}  # as the API returns it: never the password
    result, _res = run(store, check_mode=check_mode, name="a", size=2, password="pw")
    before, after = result["diff"]["before"], result["diff"]["after"]
    assert before.get("password") == after.get("password"), result["diff"]
    assert "pw" not in repr(result)
    assert (before["size"], after["size"]) == (1, 2)

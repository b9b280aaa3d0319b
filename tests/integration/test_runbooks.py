# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The runbooks hwcloud.connections.endpoints, verify and teardown on the ansible-core under test (the matrix runs
this file on every core it covers): declare, re-run unchanged, the summary table, a failed verification naming its
endpoint, teardown."""

from __future__ import annotations

from runbooks import UNSUPPORTED, endpoints, expected_table, names_in, runbook, verified_table  # pylint: disable=import-error


def test_endpoints_runbook_declares_verifies_and_teardown_removes(fresh_stack, tmp_path):
    entries = endpoints(fresh_stack, fresh_stack.target_vars()["it_suffix"])
    table = verified_table(fresh_stack, entries)
    declared = {entries[0]["name"], entries[0]["dli_connection"]["name"], entries[1]["name"], entries[2]["name"]}

    first = runbook("endpoints", fresh_stack, tmp_path, {"hwcloud_endpoints": entries})
    assert first.rc == 0, first.explain()
    assert UNSUPPORTED not in first.stderr
    assert first.summary() == table
    assert first.changed > 0
    assert names_in(fresh_stack.admin("GET", "state")) == declared

    second = runbook("endpoints", fresh_stack, tmp_path, {"hwcloud_endpoints": entries})
    assert second.rc == 0, second.explain()
    assert second.summary() == table
    assert second.changed == 0, "the second run changed something:\n" + second.explain()

    removed = runbook("teardown", fresh_stack, tmp_path, {"hwcloud_endpoints": entries})
    assert removed.rc == 0, removed.explain()
    assert removed.changed > 0
    assert names_in(fresh_stack.admin("GET", "state")) == set()


def test_verify_runbook_fails_naming_the_unreachable_endpoint(fresh_stack, tmp_path):
    target = fresh_stack.target_vars()
    entries = endpoints(fresh_stack, target["it_suffix"])[1:]
    closed = dict(entries[0], name="rb-closed-" + target["it_suffix"], port=target["it_closed_port"])
    run = runbook("verify", fresh_stack, tmp_path, {"hwcloud_endpoints": entries + [closed]})
    assert run.rc != 0 and run.failed == 1, run.explain()
    assert UNSUPPORTED not in run.stderr
    expected = expected_table([(entries[0]["name"], "mysql", "%s:%d" % (entries[0]["host"], entries[0]["port"]), "ok"),
                               (entries[1]["name"], "kafka", fresh_stack.kafka, "ok"),
                               (closed["name"], "mysql", "%s:%d" % (closed["host"], closed["port"]), "failed  ")], 3, 2)
    table = run.summary()
    assert table[:3] == expected[:3]
    assert table[3].startswith(expected[3]) and len(table[3]) > len(expected[3]), table[3]
    assert table[4:] == expected[4:]
    (task, message), = run.failures()
    assert task == "Fail when an endpoint is not reachable"
    assert message.startswith("1 of 3 endpoints failed verification: %s: " % closed["name"]), message
    assert names_in(fresh_stack.admin("GET", "state")) == set(), "verify declared something"

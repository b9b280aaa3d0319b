# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The runbooks on fleets: 200 endpoints in one run (one list task per service, one batched test, a no-op re-run,
the JUnit report and workflow stats), and endpoints as inventory hosts in three parallel --limit slices."""

from __future__ import annotations

import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

from runbooks import endpoint_inventory, play_env, play_vars  # pylint: disable=import-error
from stack import ROOT, run_playbook  # pylint: disable=import-error

sys.path.insert(0, os.path.join(ROOT, "tests", "reliability"))
from playbooks import RUNBOOK, declared, endpoints, live_names  # noqa: E402  pylint: disable=import-error,wrong-import-position

WRITES = ("POST", "PUT", "DELETE")


def _recap(stdout: str) -> dict:
    recap = stdout.split("PLAY RECAP")[-1]
    return {host: (int(changed), int(failed)) for host, changed, failed in
            re.findall(r"^(\S+)\s+: ok=\d+\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)", recap, re.MULTILINE)}


def _api_log(stack) -> list:
    return [r for r in stack.admin("GET", "requests")["requests"] if not r["path"].startswith("/v3/auth")]


def test_two_hundred_endpoints_in_one_run_then_a_no_op(fresh_stack, tmp_path):
    entries = endpoints("fleet", mysql=120, mysql_dli=25, kafka=80, kafka_dli=15)
    report = tmp_path / "junit.xml"
    variables = play_vars(fresh_stack, hwcloud_endpoints=entries, hwcloud_report_junit=str(report))
    first = run_playbook(RUNBOOK, tmp_path, variables, env=play_env(fresh_stack), name="fleet-1")
    assert first.returncode == 0, first.stdout[-8000:]
    assert "200 of 200 endpoints verified ok" in first.stdout
    assert live_names(fresh_stack.admin("GET", "state")) == declared(entries)
    tasks = re.findall(r"^TASK \[(.*?)\]", first.stdout, re.MULTILINE)
    assert tasks.count("Declare the DRS connections of the MySQL endpoints") == 1  # one task per service, not per endpoint

    cases = ET.parse(report).getroot().findall("./testsuite/testcase")
    assert [case.get("name") for case in cases] == [entry["name"] for entry in entries]
    assert "rel-db-password" not in report.read_text()
    assert "hwcloud_verify_summary" in first.stdout.split("CUSTOM STATS")[-1]

    fresh_stack.admin("DELETE", "requests")
    second = run_playbook(RUNBOOK, tmp_path, variables, env=play_env(fresh_stack), name="fleet-2")
    assert second.returncode == 0, second.stdout[-8000:]
    assert _recap(second.stdout)["localhost"] == (0, 0)
    log = _api_log(fresh_stack)
    assert [r for r in log if r["method"] in WRITES and "/jobs/" not in r["path"]] == []
    tests = [r for r in log if r["path"].endswith("/jobs/batch-connection")]
    assert len(tests) == 20  # 200 endpoints, 10 per call


def test_three_parallel_slices_each_declare_and_verify_exactly_their_hosts(fresh_stack, tmp_path):
    entries = endpoints("slice", mysql=18, mysql_dli=6, kafka=12, kafka_dli=3)
    inventory = endpoint_inventory(tmp_path, entries)
    names = [entry["name"] for entry in entries]
    slices = [names[start::3] for start in range(3)]
    variables = play_vars(fresh_stack, hwcloud_hosts="endpoints")

    def run(index):
        return run_playbook(RUNBOOK, tmp_path, variables, env=play_env(fresh_stack), name="slice-%d" % index,
                            args=["-i", inventory, "--limit", ",".join(slices[index])])

    with ThreadPoolExecutor(3) as pool:
        runs = list(pool.map(run, range(3)))
    for index, result in enumerate(runs):
        assert result.returncode == 0, result.stdout[-8000:]
        assert "10 of 10 endpoints verified ok" in result.stdout
        table = result.stdout.split("TASK [Summary]")[-1].split("TASK [")[0]
        verified = set(re.findall(r"^\s*(?:- |\")(slice-\w+-\d+)\s", table, re.MULTILINE))
        assert verified == set(slices[index]), table  # exactly its slice, nothing of the others
    assert live_names(fresh_stack.admin("GET", "state")) == declared(entries)  # together: complete, one of each

    refused = run_playbook(RUNBOOK, tmp_path, dict(variables, hwcloud_purge=True, hwcloud_purge_patterns={"drs": "slice-.*"}),
                           env=play_env(fresh_stack), name="slice-purge", args=["-i", inventory, "--limit", ",".join(slices[0])])
    assert refused.returncode != 0
    assert "hwcloud_purge is refused in a sliced run" in refused.stdout
    assert live_names(fresh_stack.admin("GET", "state")) == declared(entries)


def test_purge_in_an_unsliced_run_deletes_only_what_the_pattern_owns(fresh_stack, tmp_path):
    entries = endpoints("own", mysql=4, mysql_dli=1, kafka=2, kafka_dli=0)
    variables = play_vars(fresh_stack, hwcloud_endpoints=entries)
    assert run_playbook(RUNBOOK, tmp_path, variables, env=play_env(fresh_stack), name="own-1").returncode == 0
    others = play_vars(fresh_stack, hwcloud_endpoints=endpoints("other", mysql=1, mysql_dli=0, kafka=1, kafka_dli=0))
    assert run_playbook(RUNBOOK, tmp_path, others, env=play_env(fresh_stack), name="other").returncode == 0
    kept = entries[:2] + entries[4:5]
    purge = dict(variables, hwcloud_endpoints=kept, hwcloud_purge=True,
                 hwcloud_purge_patterns={"drs": "own-mysql-.*", "eg": "own-kafka-.*", "dli": "own_.*"})
    result = run_playbook(RUNBOOK, tmp_path, purge, env=play_env(fresh_stack), name="own-purge")
    assert result.returncode == 0, result.stdout[-8000:]
    live = live_names(fresh_stack.admin("GET", "state"))
    assert live["drs"] == ["other-mysql-0", "own-mysql-0", "own-mysql-1"]
    assert live["eg"] == ["other-kafka-0", "own-kafka-0"]
    assert live["dli"] == ["own_mysql_dli_0"]
    assert json.dumps(live).count("own-mysql-2") == 0

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The drift runbook hwcloud.connections.drift against the emulator: endpoints declared by the endpoints runbook, then
changed, deleted and added out of band with the official SDK (never with the collection). In sync -> every connection
in_sync; exactly the changed endpoint drifted naming its field; deleted -> missing; an extra one matching the pattern
-> unmanaged; hwcloud_fail_on_drift; a sliced inventory run; zero writes, by the request log."""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET

from runbooks import endpoint_inventory, play_env, play_vars, results_after  # pylint: disable=import-error
from sdk_changes import Sdk  # pylint: disable=import-error
from stack import DEFAULTS, REGION, ROOT, run_playbook  # pylint: disable=import-error

sys.path.insert(0, os.path.join(ROOT, "tests", "reliability"))
from playbooks import RUNBOOK, endpoints  # noqa: E402  pylint: disable=import-error,wrong-import-position

DRIFT = "- name: Drift runbook\n  ansible.builtin.import_playbook: hwcloud.connections.drift\n"
PATTERNS = {"drs": "dr-mysql-.*", "eg": "dr-kafka-.*", "dli": "dr_.*"}
SECRETS = ("rel-db-password", "rel-kafka-password", "rel-trust-store")


def drift_table(stdout: str) -> list:
    task = stdout.split("TASK [Drift]")[-1].split("TASK [")[0]
    shown = results_after(task, "ok: [%s]" % task.split("ok: [", 1)[1].split("]", 1)[0]) if "ok: [" in task else []
    assert shown, "no drift table:\n" + stdout[-6000:]
    return shown[0]["msg"]


def statuses(table: list) -> dict:
    """{(endpoint, service, connection): (status, details)} of the table's rows."""
    rows = {}
    for line in table[1:-1]:
        endpoint, service, connection, status, *details = line.split(None, 4)
        rows[(endpoint, service, connection)] = (status, details[0] if details else "")
    return rows


def writes(stack) -> list:
    return [r for r in stack.admin("GET", "requests")["requests"] if r["method"] in ("POST", "PUT", "DELETE", "PATCH")]


def test_in_sync_then_sdk_changes_are_drifted_missing_and_unmanaged_with_zero_writes(fresh_stack, tmp_path):
    entries = endpoints("dr", mysql=3, mysql_dli=1, kafka=2, kafka_dli=1)
    declared = run_playbook(RUNBOOK, tmp_path, play_vars(fresh_stack, hwcloud_endpoints=entries), env=play_env(fresh_stack), name="declare")
    assert declared.returncode == 0, declared.stdout[-8000:]

    fresh_stack.admin("DELETE", "requests")
    variables = play_vars(fresh_stack, hwcloud_endpoints=entries, hwcloud_purge_patterns=PATTERNS, hwcloud_fail_on_drift=True)
    in_sync = run_playbook(DRIFT, tmp_path, variables, env=play_env(fresh_stack), name="drift-in-sync")
    assert in_sync.returncode == 0, in_sync.stdout[-8000:]
    table = drift_table(in_sync.stdout)
    assert {status for status, _details in statuses(table).values()} == {"in_sync"}
    assert table[-1] == "7 connections: 7 in sync, 0 drifted, 0 missing, 0 unmanaged, 0 errors"
    log = fresh_stack.admin("GET", "requests")["requests"]
    assert writes(fresh_stack) == []
    assert sorted({(r["method"], r["service"]) for r in log}) == [("GET", "dli"), ("GET", "drs"), ("GET", "eg")]  # the listings only
    assert len(log) == 3, log  # one page set per service (each fits one page here), no per-endpoint read

    project = DEFAULTS["projects"][REGION]
    sdk = Sdk(fresh_stack.url, project)
    sdk.move_mysql("dr-mysql-1", "192.168.10.99", "rel-db-password")
    sdk.delete_mysql("dr-mysql-2")
    sdk.delete_eg("dr-kafka-1")
    sdk.set_dli_hosts("dr_mysql_dli_0", {"db0.internal": "192.168.10.77"})
    sdk.create_mysql("dr-mysql-extra", "192.168.10.50", "someone-elses-password")
    sdk.create_mysql("other-team-mysql", "192.168.10.51", "someone-elses-password")  # outside the pattern: not ours
    fresh_stack.admin("DELETE", "requests")

    report = tmp_path / "drift.xml"
    drifted = run_playbook(DRIFT, tmp_path, dict(variables, hwcloud_fail_on_drift=False, hwcloud_report_junit=str(report)),
                           env=play_env(fresh_stack), name="drift-changed")
    assert drifted.returncode == 0, drifted.stdout[-8000:]
    rows = statuses(drift_table(drifted.stdout))
    assert {key: status for key, (status, _details) in rows.items() if status != "in_sync"} == {
        ("dr-mysql-1", "drs", "dr-mysql-1"): "drifted",
        ("dr-mysql-2", "drs", "dr-mysql-2"): "missing",
        ("dr-kafka-1", "eg", "dr-kafka-1"): "missing",
        ("dr-mysql-0", "dli", "dr_mysql_dli_0"): "drifted",
        ("-", "drs", "dr-mysql-extra"): "unmanaged",
    }
    assert rows[("dr-mysql-1", "drs", "dr-mysql-1")][1] == "endpoint.ip: '192.168.10.99' -> '192.168.10.2'"
    assert rows[("dr-mysql-0", "dli", "dr_mysql_dli_0")][1].startswith("hosts: ")
    assert writes(fresh_stack) == []

    stats = drifted.stdout.split("CUSTOM STATS")[-1]
    assert '"hwcloud_drift_summary"' in stats and '"drifted": 2' in stats and '"missing": 2' in stats and '"unmanaged": 1' in stats
    cases = {case.get("name"): case for case in ET.parse(report).getroot().iter("testcase")}
    assert cases["dr-mysql-1/dr-mysql-1"].find("failure").get("message") == "endpoint.ip: '192.168.10.99' -> '192.168.10.2'"
    assert cases["dr-kafka-1/dr-kafka-1"].find("failure").get("type") == "missing"
    assert cases["dr-mysql-0/dr-mysql-0"].find("failure") is None
    everything = drifted.stdout + drifted.stderr + report.read_text()
    for secret in SECRETS + ("someone-elses-password",):
        assert secret not in everything

    failing = run_playbook(DRIFT, tmp_path, variables, env=play_env(fresh_stack), name="drift-fails")
    assert failing.returncode != 0
    message = failing.stdout.split("TASK [Fail on drift]")[-1]
    assert ("5 of 8 connections are not in sync: dr-mysql-0 (dli dr_mysql_dli_0): drifted: hosts; dr-mysql-1 (drs dr-mysql-1): "
            "drifted: endpoint.ip; dr-mysql-2 (drs dr-mysql-2): missing; dr-kafka-1 (eg dr-kafka-1): missing; drs dr-mysql-extra: "
            "unmanaged") in message, message[-3000:]
    assert writes(fresh_stack) == []


def test_a_sliced_run_compares_exactly_its_hosts_and_looks_for_no_unmanaged_connection(fresh_stack, tmp_path):
    entries = endpoints("sl", mysql=4, mysql_dli=0, kafka=2, kafka_dli=0)
    inventory = endpoint_inventory(tmp_path, entries)
    declared = run_playbook(RUNBOOK, tmp_path, play_vars(fresh_stack, hwcloud_hosts="endpoints"), env=play_env(fresh_stack), name="declare",
                            args=["-i", inventory])
    assert declared.returncode == 0, declared.stdout[-8000:]
    sdk = Sdk(fresh_stack.url, DEFAULTS["projects"][REGION])
    sdk.move_mysql("sl-mysql-0", "192.168.10.98", "rel-db-password")  # in the slice
    sdk.move_mysql("sl-mysql-1", "192.168.10.97", "rel-db-password")  # in the other slice
    sdk.create_mysql("sl-mysql-extra", "192.168.10.50", "someone-elses-password")
    fresh_stack.admin("DELETE", "requests")

    variables = play_vars(fresh_stack, hwcloud_hosts="endpoints", hwcloud_purge_patterns={"drs": "sl-mysql-.*"})
    sliced = run_playbook(DRIFT, tmp_path, variables, env=play_env(fresh_stack), name="drift-slice",
                          args=["-i", inventory, "--limit", "sl-mysql-0,sl-mysql-2,sl-kafka-0"])
    assert sliced.returncode == 0, sliced.stdout[-8000:]
    table = drift_table(sliced.stdout)
    assert {key: status for key, (status, _d) in statuses(table).items()} == {
        ("sl-mysql-0", "drs", "sl-mysql-0"): "drifted", ("sl-mysql-2", "drs", "sl-mysql-2"): "in_sync",
        ("sl-kafka-0", "eg", "sl-kafka-0"): "in_sync"}
    assert table[-1] == "3 connections: 2 in sync, 1 drifted, 0 missing, 0 unmanaged, 0 errors (unmanaged not checked: a sliced run)"
    assert writes(fresh_stack) == []

    whole = run_playbook(DRIFT, tmp_path, variables, env=play_env(fresh_stack), name="drift-whole", args=["-i", inventory])
    assert whole.returncode == 0, whole.stdout[-8000:]
    rows = statuses(drift_table(whole.stdout))
    assert sorted(key for key, (status, _d) in rows.items() if status != "in_sync") == [
        ("-", "drs", "sl-mysql-extra"), ("sl-mysql-0", "drs", "sl-mysql-0"), ("sl-mysql-1", "drs", "sl-mysql-1")]
    for secret in SECRETS + ("someone-elses-password",):
        assert secret not in whole.stdout + whole.stderr + sliced.stdout + sliced.stderr

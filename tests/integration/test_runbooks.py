# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The runbooks hwcloud.connections.endpoints, verify and teardown, called by FQCN as a user calls them, on the
ansible-core under test (the matrix runs this file on every core it covers): declare, re-run unchanged, the
summary table, a failed verification naming its endpoint, teardown. Credentials only in the environment."""

from __future__ import annotations

import json
import os
import re
import subprocess

from stack import ANSIBLE_BIN, DEFAULTS, JOB_NAME, REGION, ROOT, ansible_env  # pylint: disable=import-error

VPC = {"vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11", "subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529"}
UNSUPPORTED = "does not support Ansible version"


def endpoints(stack, suffix: str) -> list:
    """A MySQL endpoint with a DLI connection, one without (the demo's billing case) and a Kafka endpoint."""
    db = {"host": stack.mariadb.host, "port": stack.mariadb.port, "user": stack.mariadb.user, "password": stack.mariadb.password}
    host, port = stack.kafka.rsplit(":", 1)
    return [
        dict(db, **VPC, name="rb-orders-mysql-" + suffix, kind="mysql", dli_connection={"name": "rb_orders_" + suffix, "queues": ["rb_queue"]}),
        dict(db, name="rb-billing-" + suffix, kind="mysql", description="no DLI connection, no VPC"),
        dict(VPC, name="rb-events-kafka-" + suffix, kind="kafka", instance_id="6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d",
             bootstrap_servers=["kafka-0.rb.internal:" + port], broker_hosts={"kafka-0.rb.internal": host}),
    ]


RECAP = re.compile(r"^localhost\s+: ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=(\d+)", re.MULTILINE)


def results_after(text: str, marker: str) -> list:
    """The results the default callback prints as JSON after ``<marker> =>``, in order."""
    found, decoder, position = [], json.JSONDecoder(), 0
    while (position := text.find(marker + " =>", position)) >= 0:
        start = position + len(marker) + 3
        value, position = decoder.raw_decode(text, start + len(text[start:]) - len(text[start:].lstrip()))
        found.append(value)
    return found


class Run:
    """One ansible-playbook run as the default callback shows it."""

    def __init__(self, result: subprocess.CompletedProcess):
        self.rc, self.stdout, self.stderr = result.returncode, result.stdout, result.stderr
        recap = RECAP.findall(self.stdout)
        assert recap, "no PLAY RECAP:\n" + self.explain()
        self.changed, self.failed = (int(count) for count in recap[-1])

    def summary(self) -> list:
        """The lines of the Summary task's table."""
        tasks = self.stdout.split("TASK [Summary]")
        shown = results_after(tasks[-1], "ok: [localhost]") if len(tasks) == 2 else []
        assert shown, "no Summary table:\n" + self.explain()
        return shown[0]["msg"]

    def failures(self) -> list:
        """(task name, message) of every failed task."""
        tasks = self.stdout.split("TASK [")[1:]
        return [(task.split("]", 1)[0], result.get("msg")) for task in tasks for result in results_after(task, "fatal: [localhost]: FAILED!")]

    def explain(self) -> str:
        return "exit %d\n%s\n%s" % (self.rc, self.stdout[-12000:], self.stderr[-4000:])


def runbook(name: str, stack, tmp_path, variables: dict) -> Run:
    """Run hwcloud.connections.<name> with the collection's example inventory, AK/SK only in the environment."""
    varfile = tmp_path / ("%s-%d.json" % (name, len(list(tmp_path.iterdir()))))
    varfile.write_text(json.dumps(dict(variables, hwcloud_job_name=JOB_NAME, hwcloud_endpoint_url=stack.url)))
    credentials = DEFAULTS["credentials"]["permanent"]
    env = ansible_env(tmp_path, {"HW_ACCESS_KEY": credentials["ak"], "HW_SECRET_KEY": credentials["sk"],
                                 "HW_REGION_NAME": REGION, "HW_PROJECT_ID": DEFAULTS["projects"][REGION]})
    command = [os.path.join(ANSIBLE_BIN, "ansible-playbook"), "hwcloud.connections." + name,
               "-i", os.path.join(ROOT, "playbooks", "inventory", "localhost.yml"), "-e", "@%s" % varfile]
    return Run(subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False))


def expected_table(rows: list, total: int, succeeded: int) -> list:
    """The summary table verify.yml promises: columns padded to the longest name and address."""
    width = max([8] + [len(name) for name, _kind, _address, _result in rows])
    address_width = max([7] + [len(address) for _name, _kind, address, _result in rows])
    lines = ["%s  KIND   %s  RESULT  REASON" % ("ENDPOINT".ljust(width), "ADDRESS".ljust(address_width))]
    lines += ["%s  %s  %s  %s" % (name.ljust(width), kind.ljust(5), address.ljust(address_width), result) for name, kind, address, result in rows]
    return lines + ["%d of %d endpoints verified ok" % (succeeded, total)]


def names_in(state: dict) -> set:
    """Names of the live connections (a deleted DLI connection stays listed with status DELETED, as in DLI)."""
    return {item["name"] for kind in ("drs_connections", "dli_connections", "eg_connections") for item in state[kind]
            if item.get("status") != "DELETED"}


def test_endpoints_runbook_declares_verifies_and_teardown_removes(fresh_stack, tmp_path):
    entries = endpoints(fresh_stack, fresh_stack.target_vars()["it_suffix"])
    mysql_address = "%s:%d" % (fresh_stack.mariadb.host, fresh_stack.mariadb.port)
    table = expected_table([(entries[0]["name"], "mysql", mysql_address, "ok"), (entries[1]["name"], "mysql", mysql_address, "ok"),
                            (entries[2]["name"], "kafka", fresh_stack.kafka, "ok")], 3, 3)
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

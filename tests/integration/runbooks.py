# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Running the runbooks (hwcloud.connections.endpoints, verify, teardown) by FQCN as a user does, with the example
inventory and AK/SK only in the environment, and reading what they print (summary table, recap, failures)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import yaml
from stack import ANSIBLE_BIN, DEFAULTS, JOB_ID, JOB_NAME, REGION, ROOT, ansible_env  # pylint: disable=import-error

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


RECAP = r"^%s\s+: ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=(\d+)"


def results_after(text: str, marker: str) -> list:
    """The results the default callback prints as JSON after ``<marker> =>``, in order."""
    found, decoder, position = [], json.JSONDecoder(), 0
    while (position := text.find(marker + " =>", position)) >= 0:
        start = position + len(marker) + 3
        value, position = decoder.raw_decode(text, start + len(text[start:]) - len(text[start:].lstrip()))
        found.append(value)
    return found


class Run:
    """One ansible-playbook run as the default callback shows it (the runbook's first host: localhost unless an
    inventory says otherwise)."""

    def __init__(self, result: subprocess.CompletedProcess, host: str = "localhost"):
        self.rc, self.stdout, self.stderr = result.returncode, result.stdout, result.stderr
        self.host = host
        recap = re.findall(RECAP % re.escape(host), self.stdout, re.MULTILINE)
        assert recap, "no PLAY RECAP:\n" + self.explain()
        self.changed, self.failed = (int(count) for count in recap[-1])

    def summary(self) -> list:
        """The lines of the Summary task's table."""
        tasks = self.stdout.split("TASK [Summary]")
        shown = results_after(tasks[-1], "ok: [%s]" % self.host) if len(tasks) == 2 else []
        assert shown, "no Summary table:\n" + self.explain()
        return shown[0]["msg"]

    def failures(self) -> list:
        """(task name, message) of every failed task."""
        tasks = self.stdout.split("TASK [")[1:]
        return [(task.split("]", 1)[0], result.get("msg")) for task in tasks for result in results_after(task, "fatal: [%s]: FAILED!" % self.host)]

    def explain(self) -> str:
        return "exit %d\n%s\n%s" % (self.rc, self.stdout[-12000:], self.stderr[-4000:])


def runbook(name: str, stack, tmp_path, variables: dict, collections_root: str | None = None, args=(), host: str = "localhost",
            env_extra=None) -> Run:
    """Run hwcloud.connections.<name> with the collection's example inventory, AK/SK only in the environment.
    collections_root: run the collection installed there (and only there) instead of this tree; host: the host whose
    results are read (with an inventory in ``args``); env_extra: more environment variables."""
    varfile = tmp_path / ("%s-%d.json" % (name, len(list(tmp_path.iterdir()))))
    varfile.write_text(json.dumps(dict(variables, hwcloud_job_name=JOB_NAME, hwcloud_endpoint_url=stack.url)))
    credentials = DEFAULTS["credentials"]["permanent"]
    env = ansible_env(tmp_path, {"HW_ACCESS_KEY": credentials["ak"], "HW_SECRET_KEY": credentials["sk"],
                                 "HW_REGION_NAME": REGION, "HW_PROJECT_ID": DEFAULTS["projects"][REGION]})
    env.update(env_extra or {})
    collection = ROOT
    if collections_root:
        env["ANSIBLE_COLLECTIONS_PATH"] = collections_root
        env.pop("PYTHONPATH", None)  # ansible finds collections on sys.path too, and the tests put this tree there
        collection = os.path.join(collections_root, "ansible_collections", "hwcloud", "connections")
    command = [os.path.join(ANSIBLE_BIN, "ansible-playbook"), "hwcloud.connections." + name,
               "-i", os.path.join(collection, "playbooks", "inventory", "localhost.yml"), "-e", "@%s" % varfile] + list(args)
    return Run(subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False), host)


def expected_table(rows: list, total: int, succeeded: int) -> list:
    """The summary table verify.yml promises: columns padded to the longest name and address."""
    width = max([8] + [len(name) for name, _kind, _address, _result in rows])
    address_width = max([7] + [len(address) for _name, _kind, address, _result in rows])
    lines = ["%s  KIND   %s  RESULT  REASON" % ("ENDPOINT".ljust(width), "ADDRESS".ljust(address_width))]
    lines += ["%s  %s  %s  %s" % (name.ljust(width), kind.ljust(5), address.ljust(address_width), result) for name, kind, address, result in rows]
    return lines + ["%d of %d endpoints verified ok" % (succeeded, total)]


def verified_table(stack, entries: list) -> list:
    """The summary table of a run where the endpoints() entries all verified ok."""
    mysql = "%s:%d" % (stack.mariadb.host, stack.mariadb.port)
    return expected_table([(entries[0]["name"], "mysql", mysql, "ok"), (entries[1]["name"], "mysql", mysql, "ok"),
                           (entries[2]["name"], "kafka", stack.kafka, "ok")], 3, 3)


def names_in(state: dict) -> set:
    """Names of the live connections (a deleted DLI connection stays listed with status DELETED, as in DLI)."""
    return {item["name"] for kind in ("drs_connections", "dli_connections", "eg_connections") for item in state[kind]
            if item.get("status") != "DELETED"}


def play_vars(stack, **extra) -> dict:
    """Variables of a runbook run through run_playbook: the seeded job, the emulator's URL, region and project."""
    target = stack.target_vars()
    return dict({"hwcloud_job_id": JOB_ID, "hwcloud_endpoint_url": target["emulator_url"], "hwcloud_region": target["hw_region"],
                 "hwcloud_project_id": target["hw_project_id"]}, **extra)


def play_env(stack) -> dict:
    """AK/SK in the environment, as AWX injects them, and the custom stats shown."""
    target = stack.target_vars()
    return {"ANSIBLE_SHOW_CUSTOM_STATS": "true", "HW_ACCESS_KEY": target["hw_access_key"], "HW_SECRET_KEY": target["hw_secret_key"]}


def endpoint_inventory(tmp_path, entries: list) -> str:
    """An inventory file whose group ``endpoints`` holds one local host per entry, its entry in ``hwcloud_endpoint``."""
    hosts = {}
    for entry in entries:
        entry = dict(entry)
        hosts[entry.pop("name")] = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                                    "hwcloud_endpoint": entry}
    path = tmp_path / "endpoints.yml"
    path.write_text(yaml.safe_dump({"endpoints": {"hosts": hosts}}))
    return str(path)

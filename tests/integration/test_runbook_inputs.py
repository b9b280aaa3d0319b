# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The runbooks' inputs (issue 20, point 8), as a user runs them: a typo in an endpoint entry (a list entry or an
inventory host's hwcloud_endpoint, also inside dli_connection) and an incomplete pair fail before any API call,
naming the entry, the key and the closest known key; a wrongly typed runbook variable fails naming it; and every
variable the runbooks read is documented where ansible-doc shows it (the role hwcloud.connections.runbooks)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from runbooks import endpoints, names_in, runbook  # pylint: disable=import-error
from stack import ANSIBLE_BIN, ROOT, ansible_env  # pylint: disable=import-error

WRITES = ("POST", "PUT", "DELETE")
RUNBOOKS = ("endpoints", "verify", "teardown", "drift", "rotate")


def _writes(stack) -> list:
    return [r for r in stack.admin("GET", "requests")["requests"] if r["method"] in WRITES and not r["path"].startswith("/v3/auth")]


def test_typos_in_list_entries_fail_naming_entry_key_and_close_match(fresh_stack, tmp_path):
    entries = endpoints(fresh_stack, fresh_stack.target_vars()["it_suffix"])
    entries[1]["decsription"] = entries[1].pop("description")
    entries[0]["dli_connection"]["queus"] = entries[0]["dli_connection"].pop("queues")
    fresh_stack.admin("DELETE", "requests")
    run = runbook("endpoints", fresh_stack, tmp_path, {"hwcloud_endpoints": entries})
    assert run.rc != 0, run.explain()
    (task, message), = run.failures()
    assert task == "hwcloud.connections.runbooks : Check the endpoints", task
    assert "%s: unknown key decsription (did you mean description?)" % entries[1]["name"] in message, message
    assert "%s: unknown key dli_connection.queus (did you mean queues?)" % entries[0]["name"] in message, message
    assert names_in(fresh_stack.admin("GET", "state")) == set() and _writes(fresh_stack) == []


def test_an_incomplete_pair_in_an_inventory_host_entry_fails_naming_both(fresh_stack, tmp_path):
    entry = dict(endpoints(fresh_stack, "x")[1], vpc_id="3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11")
    host = "inv-pair-" + fresh_stack.target_vars()["it_suffix"]
    entry.pop("name")
    inventory = tmp_path / "endpoints.yml"
    inventory.write_text(yaml.safe_dump({"endpoints": {"hosts": {host: {
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable, "hwcloud_endpoint": entry}}}}))
    fresh_stack.admin("DELETE", "requests")
    for name in ("endpoints", "verify"):
        run = runbook(name, fresh_stack, tmp_path, {"hwcloud_hosts": "endpoints"}, args=["-i", str(inventory)], host=host)
        assert run.rc != 0, run.explain()
        messages = [message for _task, message in run.failures()]
        assert messages and all("%s: vpc_id is set without subnet_id (they only work together)" % host in m for m in messages), messages
    assert _writes(fresh_stack) == []


def test_a_runbook_variable_of_the_wrong_kind_is_named(fresh_stack, tmp_path):
    entries = endpoints(fresh_stack, "y")
    run = runbook("verify", fresh_stack, tmp_path, {"hwcloud_endpoints": entries, "hwcloud_job_type": "migraton"})
    assert run.rc != 0, run.explain()
    (_task, message), = run.failures()
    assert "hwcloud_job_type" in message and "migration" in message, message


def _documented(tmp_path) -> dict:
    result = subprocess.run([os.path.join(ANSIBLE_BIN, "ansible-doc"), "-t", "role", "--json", "hwcloud.connections.runbooks"],
                            env=ansible_env(tmp_path), capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["hwcloud.connections.runbooks"]["entry_points"]


@pytest.mark.parametrize("name", RUNBOOKS)
def test_every_variable_a_runbook_reads_is_documented_for_ansible_doc(name, tmp_path):
    with open(os.path.join(ROOT, "playbooks", name + ".yml"), encoding="utf-8") as handle:
        text = handle.read()
    if name != "teardown":
        with open(os.path.join(ROOT, "playbooks", "verify.yml"), encoding="utf-8") as handle:
            text += handle.read()  # endpoints imports verify
    with open(os.path.join(ROOT, "playbooks", "vars", "runbook.yml"), encoding="utf-8") as handle:
        text += handle.read()
    outputs = {"hwcloud_%s_%s" % (runbook_name, kind) for runbook_name in ("verify", "drift", "rotate") for kind in ("summary", "results")}
    read = set(re.findall(r"\bhwcloud_[a-z][a-z_]*", text)) - outputs  # set_stats output
    entry_point = _documented(tmp_path)[name]
    assert read <= set(entry_point["options"]), sorted(read - set(entry_point["options"]))
    assert entry_point["short_description"]

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Canary secrets through BOTH roles (the endpoints runbook) at -vvv with --diff, in normal and check mode, with
ansible-playbook and through ansible-runner: zero occurrences in stdout, results, job events and emulator logs.

tests/integration/test_canary.py covers every module directly; tests/integration/test_runner_awx.py covers the
runbook through ansible-runner in normal mode at default verbosity. This adds the roles at -vvv, --diff and check mode.
"""

from __future__ import annotations

import json
import logging
import os
import sys

import ansible_runner
import pytest
from playbooks import RUNBOOK, credentials_env, endpoints, runbook_vars  # pylint: disable=import-error
from stack import JOB_ID, ROOT, run_playbook  # pylint: disable=import-error

CANARIES = {
    "db": "CANARY-roles-db-4b1e77",
    "cert_key": "CANARY-roles-certkey-90ac3d",
    "cert_password": "CANARY-roles-certpw-17f0be",
    "kafka": "CANARY-roles-kafka-e25d46",
    "trust_store": "CANARY-roles-truststore-6c03f9",
    "trust_store_password": "CANARY-roles-tspw-a81d52",
    "secret_key": "CANARY-roles-secretkey-3f9b0c0000000000000000",
}


def _entries():
    return endpoints("cnry", mysql=1, mysql_dli=1, kafka=1, kafka_dli=1, secrets=CANARIES)


@pytest.fixture
def canary_emulator(emulator):
    """The emulator accepting the canary secret key, its Python log captured."""
    emulator.admin("PUT", "config", {"credentials": {"permanent": {"sk": CANARIES["secret_key"]}}})
    records = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    logging.getLogger().addHandler(handler)
    emulator.records = records
    yield emulator
    logging.getLogger().removeHandler(handler)


def _leaks(emulator, texts: dict) -> list:
    texts = dict(texts, **{
        "request log": json.dumps(emulator.admin("GET", "requests")),
        "emulator state": json.dumps(emulator.state()),
        "emulator config": json.dumps(emulator.admin("GET", "config")),
        "emulator log": "\n".join(emulator.records),
    })
    return [(where, name) for where, text in texts.items() for name, value in CANARIES.items() if value in text]


def _playbook(emulator, tmp_path, check: bool):
    args = ["-vvv", "--diff"] + (["--check"] if check else [])
    entries = _entries()
    result = run_playbook(RUNBOOK, tmp_path, runbook_vars(emulator, entries, JOB_ID), args=args,
                          env=credentials_env(emulator, CANARIES["secret_key"]), name="secrets")
    assert result.returncode == 0, result.stdout[-10000:]
    assert "2 of 2 endpoints verified ok" in result.stdout
    assert "<127.0.0.1> EXEC" in result.stdout or "ESTABLISH LOCAL CONNECTION" in result.stdout  # really at -vvv
    return result


def test_roles_at_vvv_with_diff_never_print_secrets(canary_emulator, tmp_path):
    result = _playbook(canary_emulator, tmp_path, check=False)
    assert len(canary_emulator.state()["dli_connections"]) == 2  # both roles really declared their resources
    assert _leaks(canary_emulator, {"stdout": result.stdout, "stderr": result.stderr}) == []


@pytest.mark.soak
def test_roles_in_check_mode_at_vvv_with_diff_never_print_secrets(canary_emulator, tmp_path):
    result = _playbook(canary_emulator, tmp_path, check=True)
    assert canary_emulator.state()["drs_connections"] == []  # check mode created nothing
    assert _leaks(canary_emulator, {"stdout": result.stdout, "stderr": result.stderr}) == []


def test_runner_job_events_in_check_mode_at_vvv_never_carry_secrets(canary_emulator, tmp_path):
    data = tmp_path / "runner"
    (data / "project").mkdir(parents=True)
    (data / "inventory").mkdir()
    (data / "project" / "site.yml").write_text(RUNBOOK)
    (data / "inventory" / "hosts").write_text("localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable)
    env = dict(credentials_env(canary_emulator, CANARIES["secret_key"]), XDG_CACHE_HOME=str(tmp_path / "cache"))
    if ROOT.endswith(os.path.join("ansible_collections", "hwcloud", "connections")):
        env["ANSIBLE_COLLECTIONS_PATH"] = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
    runner = ansible_runner.run(private_data_dir=str(data), playbook="site.yml", inventory=str(data / "inventory" / "hosts"),
                                ident="secrets", envvars=env, extravars=runbook_vars(canary_emulator, _entries(), JOB_ID),
                                cmdline="--check --diff", verbosity=3, suppress_env_files=True, quiet=True, timeout=600)
    stdout = runner.stdout.read()
    assert runner.status == "successful", stdout[-8000:]
    events = list(runner.events)
    assert len(events) > 30 and "2 of 2 endpoints verified ok" in stdout
    event_files = "\n".join(path.read_text() for path in (data / "artifacts" / "secrets" / "job_events").glob("*.json"))
    assert _leaks(canary_emulator, {"stdout": stdout, "events": json.dumps(events), "job_events files": event_files}) == []

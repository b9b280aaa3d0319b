# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The documented example DRS jobs (--example-jobs / drs.example_jobs) and the standard-library-only entry point."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import requests

from hwcloud_emulator.server import EmulatorServer
from emulator_testlib import PROJECT

EMULATOR_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "emulator")
# What the docs name: the runbook example vars, the README's role snippets and the module EXAMPLES.
DOCUMENTED = {
    "example-orders-sync": ("migration", "mysql-to-mysql", None),
    "orders-to-kafka": ("sync", "mysql-to-kafka", None),
    "orders-migration": ("migration", "mysql-to-mysql", "140b5236-88ad-43c8-811c-1268453jb101"),
}


def jobs_by_name(base_url: str) -> dict:
    state = requests.get(base_url + "/_emulator/state", timeout=10).json()
    return {job["name"]: job for job in state["drs_jobs"]}


def assert_documented(jobs: dict) -> None:
    for name, (job_type, engine_type, job_id) in DOCUMENTED.items():
        assert name in jobs, sorted(jobs)
        job = jobs[name]
        assert (job["status"], job["job_type"], job["engine_type"], job["project_id"]) == (
            "CONFIGURATION", job_type, engine_type, PROJECT), job
        if job_id:
            assert job["id"] == job_id


def test_no_example_jobs_unless_asked() -> None:
    with EmulatorServer(port=0) as server:
        assert jobs_by_name(server.base_url) == {}


def test_config_key_seeds_the_example_jobs_and_reset_keeps_them() -> None:
    with EmulatorServer(config={"drs": {"example_jobs": True}}, port=0) as server:
        assert_documented(jobs_by_name(server.base_url))
        requests.post(server.base_url + "/_emulator/reset", timeout=10).raise_for_status()
        jobs = jobs_by_name(server.base_url)
        assert_documented(jobs)
        assert len(jobs) == len(DOCUMENTED)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_command_line_seeds_them_on_the_standard_library_alone(how) -> None:
    # -S: no site-packages at all (no requests, no PyYAML), as in a bare Python next to an installed collection.
    env = dict(os.environ, PYTHONPATH=EMULATOR_DIR)
    args = [sys.executable, "-S", "-m", "hwcloud_emulator", "--port", "0"]
    if how == "option":
        args.append("--example-jobs")
    else:
        env["HWCLOUD_EMULATOR_EXAMPLE_JOBS"] = "true"
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("hwcloud-emulator listening on http://127.0.0.1:"), (line, process.stderr.read())
        assert_documented(jobs_by_name(line.rsplit(" ", 1)[1]))
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "seeded DRS job orders-to-kafka" in err
    assert "Traceback" not in err

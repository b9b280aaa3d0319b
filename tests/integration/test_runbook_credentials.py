# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The runbooks take region and project from the same variables the modules read: with only Terraform's OS_* names in
the environment, an RDS endpoint gets the play's region and project as its instance's, and everything is signed by
an agency named by HW_ASSUME_ROLE_* (the runbooks have no credential variables of their own)."""

from __future__ import annotations

import json
import os
import subprocess

from runbooks import VPC, Run  # pylint: disable=import-error
from stack import ANSIBLE_BIN, DEFAULTS, RDS_INSTANCE_ID, RDS_JOB_ID, REGION, ROOT, ansible_env  # pylint: disable=import-error


def test_endpoints_runbook_with_terraform_variables_only(fresh_stack, tmp_path):
    suffix = fresh_stack.target_vars()["it_suffix"]
    entry = dict(VPC, name="rb-tf-rds-" + suffix, kind="mysql", type="rds", instance_id=RDS_INSTANCE_ID, host="192.168.30.12", user="drs_probe",
                 password="rb-tf-db-secret", job_id=RDS_JOB_ID)
    varfile = tmp_path / "vars.json"
    varfile.write_text(json.dumps({"hwcloud_endpoints": [entry], "hwcloud_endpoint_url": fresh_stack.url}))
    credentials = DEFAULTS["credentials"]["permanent"]
    env = ansible_env(tmp_path, {"OS_ACCESS_KEY": credentials["ak"], "OS_SECRET_KEY": credentials["sk"], "OS_REGION_NAME": REGION,
                                 "OS_PROJECT_ID": DEFAULTS["projects"][REGION], "HW_ASSUME_ROLE_AGENCY_NAME": "emulator-ops-agency",
                                 "HW_ASSUME_ROLE_DOMAIN_NAME": "emulator-domain"})
    for name in ("HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_REGION_NAME", "HW_PROJECT_ID"):
        env.pop(name, None)
    command = [os.path.join(ANSIBLE_BIN, "ansible-playbook"), "hwcloud.connections.endpoints",
               "-i", os.path.join(ROOT, "playbooks", "inventory", "localhost.yml"), "-e", "@%s" % varfile]
    run = Run(subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False))
    assert run.rc == 0, run.explain()
    assert run.summary()[-1] == "1 of 1 endpoints verified ok"
    stored = [c for c in fresh_stack.admin("GET", "state")["drs_connections"] if c["name"] == entry["name"]]
    assert [c["endpoint"]["endpoint_name"] for c in stored] == ["cloud_mysql"]
    log = fresh_stack.admin("GET", "requests")["requests"]
    assert {r["auth"] for r in log if r["service"] == "drs"} == {"agency"}

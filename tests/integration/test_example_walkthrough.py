# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The walkthrough in the header of playbooks/vars/emulator_example.yml, replayed as it is printed: an emulator with
its default configuration, the job the header's curl seeds, only the variables its export line sets (no project id:
the modules resolve it from IAM), then its ansible-playbook commands. RDS endpoints must not need a project id
(huawei-api.md section 11 #7)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess

import requests
from hwcloud_emulator.server import EmulatorServer  # pylint: disable=import-error
from stack import ANSIBLE_BIN, ROOT, ansible_env  # pylint: disable=import-error

EXAMPLE = os.path.join(ROOT, "playbooks", "vars", "emulator_example.yml")
PRINTED_URL = "http://127.0.0.1:8080"


def walkthrough() -> tuple:
    """(curl JSON body, exported variables, ansible-playbook argument lists) as the header prints them."""
    lines = []
    with open(EXAMPLE, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("---"):
                continue
            if not line.startswith("#"):
                break  # the header is the first comment block
            lines.append(line[1:].strip())
    header = " ".join(lines).replace("\\ ", "")
    body = json.loads(re.search(r"-d '(\{.*?\})'", header).group(1))
    exports = dict(pair.split("=", 1) for pair in shlex.split(re.search(r"export (.*?) ansible-playbook", header).group(1)))
    commands = [shlex.split("ansible-playbook" + part.split("#")[0].split("ansible-playbook")[0])
                for part in header.split("ansible-playbook")[1:]]
    return body, exports, [command[1:] for command in commands]


def test_the_example_header_walkthrough_passes_without_a_project_id(tmp_path):
    body, exports, commands = walkthrough()
    assert "HW_PROJECT_ID" not in exports and [command[0] for command in commands] == [
        "hwcloud.connections.endpoints", "hwcloud.connections.verify", "hwcloud.connections.teardown"]
    with EmulatorServer(config={}, port=0) as emulator:  # make emulator: the default configuration
        seeded = requests.post(emulator.base_url + "/_emulator/drs/jobs", json=body, timeout=10)
        assert seeded.status_code == 201, seeded.text
        env = ansible_env(tmp_path, {key: value.replace(PRINTED_URL, emulator.base_url) for key, value in exports.items()})
        for name in ("HW_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "HW_PROJECT_NAME"):
            env.pop(name, None)
        for command in commands:
            run = subprocess.run([os.path.join(ANSIBLE_BIN, "ansible-playbook")] + command, cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=600, check=False)
            assert run.returncode == 0, "%s failed:\n%s\n%s" % (command[0], run.stdout[-12000:], run.stderr[-3000:])
            assert "failed=0" in run.stdout

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection as users get it from Galaxy or Automation Hub: the built tarball holds what they need and none of
a developer's leftovers, installs into an empty path, and its endpoints runbook works from there."""

from __future__ import annotations

import os
import subprocess
import tarfile

from conftest import DEV_LEFTOVERS  # pylint: disable=import-error
from runbooks import UNSUPPORTED, endpoints, runbook, verified_table  # pylint: disable=import-error
from stack import ANSIBLE_BIN  # pylint: disable=import-error

SHIPPED = ["LICENSE", "README.md", "MANIFEST.json", "FILES.json", "meta/runtime.yml", "meta/execution-environment.yml",
           "requirements.txt", "bindep.txt", "changelogs/changelog.yaml", "plugins/modules/drs_connection.py",
           "plugins/module_utils/client.py", "roles/mysql_endpoint/meta/argument_specs.yml", "playbooks/endpoints.yml",
           "playbooks/inventory/localhost.yml", "emulator/hwcloud_emulator/server.py", "demo/run_demo.py",
           "docs/execution-environment.yml", "tests/config.yml"]
DEVELOPER_ONLY = ["Makefile", "requirements-dev.txt", "tests/harness", ".ci", ".ansible-lint", ".gitignore", "build", "bench/output"]


def test_tarball_ships_what_users_need_and_no_developer_files(collection_tarball):
    with tarfile.open(collection_tarball) as tarball:
        names = set(tarball.getnames())
    missing = [name for name in SHIPPED if name not in names]
    assert not missing, missing
    unwanted = sorted(name for name in names if any(name == bad or name.startswith(bad + "/") for bad in DEV_LEFTOVERS + DEVELOPER_ONLY))
    assert not unwanted, unwanted
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc") or "/.venv" in "/" + name], "caches or virtualenvs shipped"


def test_endpoints_runbook_runs_from_the_installed_tarball(collection_tarball, fresh_stack, tmp_path):
    install = tmp_path / "collections"
    install.mkdir()
    # As for a user without the collection: only the empty path, no PYTHONPATH (ansible also looks for collections there).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run([os.path.join(ANSIBLE_BIN, "ansible-galaxy"), "collection", "install", str(collection_tarball), "-p", str(install)],
                            env=dict(env, ANSIBLE_COLLECTIONS_PATH=str(install)), capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    installed = install / "ansible_collections" / "hwcloud" / "connections"
    assert (installed / "MANIFEST.json").is_file(), result.stdout + result.stderr

    entries = endpoints(fresh_stack, fresh_stack.target_vars()["it_suffix"])
    run = runbook("endpoints", fresh_stack, tmp_path, {"hwcloud_endpoints": entries}, collections_root=str(install), args=["-vv"])
    assert run.rc == 0, run.explain()
    assert UNSUPPORTED not in run.stderr
    assert run.summary() == verified_table(fresh_stack, entries)
    assert "task path: %s/playbooks/endpoints.yml" % installed in run.stdout, "the runbook did not come from the installed copy"

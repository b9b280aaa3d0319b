# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ansible-test integration, the conventional way: the targets' settings come from integration_config.yml (written
for the emulator by the harness, a documented template for a real account), and the targets that need the
emulator's admin API say so with the alias hwcloud_emulator."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import yaml
from stack import ANSIBLE_BIN, ROOT, TARGETS, write_integration_config  # pylint: disable=import-error

TEMPLATE = os.path.join(ROOT, "tests", "integration", "integration_config.yml.template")
EMULATOR_ONLY = "hwcloud_emulator"


def target_files(target: str) -> dict:
    found = {}
    for base, _dirs, names in os.walk(os.path.join(TARGETS, target)):
        for name in names:
            with open(os.path.join(base, name), encoding="utf-8") as handle:
                found[os.path.relpath(os.path.join(base, name), TARGETS)] = handle.read()
    return found


def test_targets_that_need_the_emulator_say_so():
    wrong = []
    for target in sorted(os.listdir(TARGETS)):
        files = target_files(target)
        aliases = files[os.path.join(target, "aliases")].split()
        admin = any("/_emulator/" in text for text in files.values())
        emulator_only = EMULATOR_ONLY in aliases
        if admin and not emulator_only:
            wrong.append("%s: uses the admin API but has no alias %s" % (target, EMULATOR_ONLY))
        if not emulator_only and any('"{{ emulator_url }}"' in text for text in files.values()):
            wrong.append("%s: runs against a real account but needs emulator_url (use emulator_url | default(omit))" % target)
    assert not wrong, wrong


def test_the_template_documents_every_setting_but_the_emulator_url(stack):
    with open(TEMPLATE, encoding="utf-8") as handle:
        template = yaml.safe_load(handle)
    assert sorted(template) == sorted(set(stack.target_vars()) - {"emulator_url"})
    assert "# emulator_url:" in open(TEMPLATE, encoding="utf-8").read()


def test_ansible_test_integration_reads_integration_config(stack, tmp_path):
    """In a copy of the collection (the tree is shared with other runs), as a user runs it."""
    collection = tmp_path / "ansible_collections" / "hwcloud" / "connections"
    shutil.copytree(ROOT, collection, ignore=shutil.ignore_patterns(".git", "output", "__pycache__"))
    subprocess.run(["git", "init", "-q", str(collection)], check=True)
    stack.admin("POST", "reset")
    write_integration_config(stack, collection / "tests" / "integration" / "integration_config.yml")
    env = {key: value for key, value in os.environ.items() if key not in ("ANSIBLE_COLLECTIONS_PATH", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join([ANSIBLE_BIN, env["PATH"]])
    python = "%d.%d" % sys.version_info[:2]
    result = subprocess.run([os.path.join(ANSIBLE_BIN, "ansible-test"), "integration", "--python", python, "--color", "no",
                             "drs_job_info"], cwd=collection, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-3000:]
    assert "Running drs_job_info integration test role" in result.stdout, result.stdout[-3000:]
    assert "failed=0" in result.stdout
    # What the template tells a user with a real account to run: every target without the alias.
    listed = subprocess.run([os.path.join(ANSIBLE_BIN, "ansible-test"), "integration", "--list-targets", "--exclude",
                             EMULATOR_ONLY + "/"], cwd=collection, env=env, capture_output=True, text=True, timeout=120, check=False)
    expected = sorted(target for target in os.listdir(TARGETS)
                      if EMULATOR_ONLY not in target_files(target)[os.path.join(target, "aliases")].split())
    assert expected and listed.stdout.split() == expected, listed.stdout + listed.stderr

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One integration stack per pytest worker; targets reset the emulator before they start."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from stack import ANSIBLE_BIN, ROOT, running_stack  # noqa: E402  pylint: disable=wrong-import-position,import-error

# What a developer checkout holds after make test and make demo; build_ignore in galaxy.yml must keep it out.
DEV_LEFTOVERS = [".venv/bin/python", "demo/.venv/bin/python", "build/collections/x.py", "bench/output/run.json",
                 "tests/output/junit/x.xml", "tests/integration/__pycache__/stack.cpython-313.pyc", ".pytest_cache/README.md"]


@pytest.fixture(scope="session")
def stack():
    with running_stack() as value:
        yield value


@pytest.fixture
def fresh_stack(stack):
    stack.admin("POST", "reset")
    return stack


@pytest.fixture(scope="session")
def collection_tarball(tmp_path_factory):
    """ansible-galaxy collection build (of the core under test) of a copy of this tree plus DEV_LEFTOVERS."""
    checkout = tmp_path_factory.mktemp("checkout") / "connections"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(".git", "output"))
    for leftover in DEV_LEFTOVERS:
        (checkout / leftover).parent.mkdir(parents=True, exist_ok=True)
        (checkout / leftover).write_text("left over by a developer run\n")
    out = tmp_path_factory.mktemp("galaxy")
    result = subprocess.run([os.path.join(ANSIBLE_BIN, "ansible-galaxy"), "collection", "build", str(checkout), "--output-path", str(out)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    with open(os.path.join(ROOT, "galaxy.yml"), encoding="utf-8") as handle:
        version = yaml.safe_load(handle)["version"]
    tarball = out / ("hwcloud-connections-%s.tar.gz" % version)
    assert tarball.is_file(), sorted(os.listdir(out))
    return tarball

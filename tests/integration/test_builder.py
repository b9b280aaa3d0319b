# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Execution environment readiness: ansible-builder accepts docs/execution-environment.yml and finds the
collection's dependencies through meta/execution-environment.yml. No container engine is needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from stack import ROOT  # pylint: disable=import-error

BIN = os.path.dirname(sys.executable)


def run(*command, cwd=None):
    result = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, "%s failed:\n%s\n%s" % (" ".join(command), result.stdout[-4000:], result.stderr[-4000:])
    return result.stdout


@pytest.mark.parametrize("definition", ["execution-environment.yml", "execution-environment-latest.yml"])
def test_builder_create_produces_a_build_context(definition, collection_tarball, tmp_path):
    shutil.copy(os.path.join(ROOT, "docs", definition), tmp_path)
    shutil.copy(collection_tarball, tmp_path)
    run(os.path.join(BIN, "ansible-builder"), "create", "-f", definition, "-c", "context",
        "--output-filename", "Containerfile", cwd=tmp_path)
    context = tmp_path / "context"
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-galaxy collection install" in containerfile
    assert (context / "_build" / "collections" / collection_tarball.name).is_file()
    requirements = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    assert requirements["collections"] == [{"name": "collections/" + collection_tarball.name, "type": "file"}]


def test_builder_introspect_finds_the_collection_dependencies(collection_tarball, tmp_path):
    run(os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--force", str(collection_tarball), "-p", str(tmp_path / "collections"))
    found = yaml.safe_load(run(os.path.join(BIN, "ansible-builder"), "introspect", "--sanitize", str(tmp_path / "collections")))
    python = " ".join(found["python"])
    system = " ".join(found["system"])
    assert "requests" in python and "pydantic" in python and "hwcloud.connections" in python
    assert "ca-certificates" in system and "hwcloud.connections" in system

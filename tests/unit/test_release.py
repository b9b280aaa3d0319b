# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Release metadata agrees with itself: versions, the claimed ansible-core range and the tested matrix."""

from __future__ import annotations

import os
import re

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = os.path.join(ROOT, "plugins", "modules")


def load(*path: str):
    with open(os.path.join(ROOT, *path), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def read(*path: str) -> str:
    with open(os.path.join(ROOT, *path), encoding="utf-8") as handle:
        return handle.read()


def minor(version: str) -> tuple:
    return tuple(int(part) for part in re.match(r"\D*(\d+)\.(\d+)", version).groups())


VERSION = load("galaxy.yml")["version"]
# Modules added after VERSION was released belong to the next minor release, which the pending fragments will make.
NEXT_MINOR = "%d.%d.0" % (minor(VERSION)[0], minor(VERSION)[1] + 1)


def pending_fragments() -> list:
    folder = os.path.join(ROOT, "changelogs", "fragments")
    return [name for name in os.listdir(folder) if name.endswith((".yml", ".yaml"))] if os.path.isdir(folder) else []


def test_galaxy_version_is_semver_and_has_no_placeholder_urls():
    galaxy = load("galaxy.yml")
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)
    for key in ("repository", "documentation", "homepage", "issues"):
        assert "example" not in str(galaxy.get(key, "")), key


@pytest.mark.parametrize("module", sorted(name for name in os.listdir(MODULES) if name.endswith(".py") and name != "__init__.py"))
def test_version_added_is_released_or_this_release(module):
    """antsibull-changelog lists a module as new only in the release named by its version_added."""
    released = set((load("changelogs", "changelog.yaml").get("releases") or {}).keys())
    found = re.findall(r"^version_added: (\S+)$", read("plugins", "modules", module), re.MULTILINE)
    assert found, "no version_added"
    allowed = released | {VERSION} | ({NEXT_MINOR} if pending_fragments() else set())
    assert found[0].strip("'\"") in allowed, "version_added %s: neither released (%s), %s nor the next minor release %s" % (
        found[0], sorted(released), VERSION, NEXT_MINOR)


def test_user_agent_names_this_release():
    assert re.search(r'^USER_AGENT = "hwcloud\.connections/%s"$' % re.escape(VERSION), read("plugins", "module_utils", "client.py"), re.MULTILINE)


def test_claimed_cores_are_the_tested_ones():
    """requires_ansible and the roles' min_ansible_version name the oldest core the matrix runs."""
    matrix = os.path.join(ROOT, "tests", "harness", "matrix.yml")
    if not os.path.exists(matrix):
        pytest.skip("tests/harness is not shipped in the built collection")
    with open(matrix, encoding="utf-8") as handle:
        oldest = min(minor(leg["core"]) for leg in yaml.safe_load(handle)["legs"])
    assert re.fullmatch(r">=%d\.%d\.0" % oldest, load("meta", "runtime.yml")["requires_ansible"])
    for role in ("mysql_endpoint", "kafka_endpoint"):
        assert minor(str(load("roles", role, "meta", "main.yml")["galaxy_info"]["min_ansible_version"])) == oldest, role


def test_this_version_is_released_in_the_changelog():
    """The version galaxy.yml builds is a release of changelogs/changelog.yaml and has its section in CHANGELOG.rst
    (made by ``antsibull-changelog release``), listing the modules whose version_added is this version."""
    release = (load("changelogs", "changelog.yaml").get("releases") or {}).get(VERSION)
    assert release, "%s is not released in changelogs/changelog.yaml" % VERSION
    rst = read("CHANGELOG.rst")
    assert re.search(r"^v%s\n=+$" % re.escape(VERSION), rst, re.MULTILINE), "no v%s section in CHANGELOG.rst" % VERSION
    introduced = {module["name"] for module in release.get("modules", [])}
    new = {name[:-3] for name in os.listdir(MODULES) if name.endswith(".py") and name != "__init__.py"
           and re.search(r"^version_added: ['\"]?%s['\"]?$" % re.escape(VERSION), read("plugins", "modules", name), re.MULTILINE)}
    assert new and introduced == new

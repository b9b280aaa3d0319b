# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a module process pays before its first request (bench/README.md, imports and no-op): no scan of every
installed distribution for pydantic plugins, and no import of code only other credential sources or listings use."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pydantic
import pytest
from ansible.module_utils.testing import patch_module_args
from pydantic.plugin import _loader

from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import STRICT, ValidationFailed, validate
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule

COLLECTION = "ansible_collections.hwcloud.connections.plugins"


@pytest.fixture
def entry_point_scans(monkeypatch):
    """Counts the scans pydantic makes for plugins (every installed distribution's entry points) from now on."""
    scans = []
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    monkeypatch.setattr(_loader, "_plugins", None)
    monkeypatch.setattr(_loader, "entry_points", lambda **kwargs: scans.append(kwargs) or [])
    return scans


def fresh_model():
    """A model not compiled yet (as every model of a module process is on its first validation)."""

    class Probe(pydantic.BaseModel):
        model_config = STRICT
        name: str = pydantic.Field(min_length=1)

    return Probe


def test_pydantic_looks_for_plugins_without_the_wrapper(entry_point_scans):
    """The reference: what a model's first validation costs in a process that did not start a module."""
    validate(fresh_model(), {"name": "a"})
    assert len(entry_point_scans) == 1


def test_a_module_process_validates_without_scanning_for_pydantic_plugins(entry_point_scans):
    with patch_module_args({"access_key": "a", "secret_key": "s", "region": "cn-north-4"}):
        HuaweiCloudModule({})
    probe = fresh_model()
    assert validate(probe, {"name": "a"}).name == "a"
    with pytest.raises(ValidationFailed, match="name: String should have at least 1 character"):
        validate(probe, {"name": ""})
    assert entry_point_scans == []


def test_a_plugin_setting_of_the_user_is_kept(entry_point_scans, monkeypatch):
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some_plugin")
    with patch_module_args({"access_key": "a", "secret_key": "s", "region": "cn-north-4"}):
        HuaweiCloudModule({})
    validate(fresh_model(), {"name": "a"})
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some_plugin" and len(entry_point_scans) == 1


def imported_by(module: str) -> set:
    """Modules a fresh interpreter has imported once ``module`` is imported and a module wrapper with AK/SK has built
    its client (what every module does before its first request)."""
    # The arguments as ansible-core hands them to a module (patch_module_args would import unittest, and with it most of
    # what is looked for here).
    args = json.dumps({"ANSIBLE_MODULE_ARGS": {"access_key": "a", "secret_key": "s", "region": "cn-north-4"}})
    code = ("import importlib, json, sys\n"
            "from ansible.module_utils import basic\n"
            "basic._ANSIBLE_ARGS, basic._ANSIBLE_PROFILE = %r.encode(), 'legacy'\n"
            "importlib.import_module(%r)\n"
            "from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule\n"
            "HuaweiCloudModule({}).client\n"
            "print(json.dumps(sorted(sys.modules)))" % (args, module))
    collections = os.path.dirname(os.path.dirname(os.path.dirname(collection_root())))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [collections, os.environ.get("PYTHONPATH")])))
    for name in ("HW_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"):
        env.pop(name, None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def collection_root() -> str:
    """The collection root of the code under test (``.../ansible_collections/hwcloud/connections``)."""
    import ansible_collections.hwcloud.connections.plugins.module_utils.module as wrapper  # pylint: disable=import-outside-toplevel
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(wrapper.__file__))))


# Imported only by the credential sources or listings that need them: a resource module with AK/SK does not.
ONLY_WHEN_USED = {
    COLLECTION + ".module_utils.temporary_credentials",  # agency and metadata credentials
    "configparser",  # the SDK credentials file
    "concurrent.futures",  # concurrent listings and batch waves
    "difflib",  # the "did you mean" hint of an unknown region
}


@pytest.mark.parametrize("module", ["drs_connection", "dli_enhanced_connection", "eg_connection", "drs_batch_connection_test"])
def test_a_module_imports_only_what_its_start_needs(module):
    assert imported_by(COLLECTION + ".modules." + module) & ONLY_WHEN_USED == set()

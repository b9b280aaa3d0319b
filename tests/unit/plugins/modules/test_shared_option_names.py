# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""No module has an option (or alias) named like a shared authentication option: the module's would replace the
shared one, so an IAM password (from module_defaults or the environment) would be taken for the module's own secret,
or the module's secret for the IAM password."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from ansible_collections.hwcloud.connections.plugins import modules
from ansible_collections.hwcloud.connections.plugins.module_utils.shared_options import auth_argument_spec

MODULES = sorted(info.name for info in pkgutil.iter_modules(modules.__path__))


class Captured(Exception):
    pass


def names(spec: dict) -> set:
    return {name for key, option in spec.items() for name in [key] + list(option.get("aliases") or [])}


def test_every_module_is_checked():
    assert "dli_datasource_auth" in MODULES and len(MODULES) >= 13


@pytest.mark.parametrize("name", MODULES)
def test_no_module_option_is_named_like_a_shared_authentication_option(name, monkeypatch):
    module = importlib.import_module("%s.%s" % (modules.__name__, name))
    seen = {}

    def capture(argument_spec, *args, **kwargs):
        seen.update(argument_spec)
        raise Captured()

    monkeypatch.setattr(module, "HuaweiCloudModule", capture)
    with pytest.raises(Captured):
        module.main()
    assert sorted(names(seen) & names(auth_argument_spec())) == []

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Property-based fuzzing of every module's arguments: each case is a valid call with exactly ONE field broken.

For at least 200 cases per module: the module fails (never a traceback), the message names the broken field, and
the emulator receives zero API requests (invalid input is rejected before any call).
"""

from __future__ import annotations

import copy
import importlib
import keyword

import pytest
from conftest import COLLECTION, run_module  # pylint: disable=import-error
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.hwcloud.connections.plugins.module_utils.module import auth_argument_spec

JOB_ID = "6d5ad0a7-3f7e-4a8e-9c41-2b0e1f3ajb101"
MYSQL_TEST = {"job_id": JOB_ID, "net_type": "eip", "db_type": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "u",
              "db_password": "fuzz-password"}
# A valid call of each module (only the module's own options; auth options are added from the emulator).
BASES = {
    "drs_connection": {"name": "fuzz-drs", "db_type": "mysql",
                       "endpoint": {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "drs", "db_password": "fuzz-password"}},
    "drs_connection_info": {"name": "fuzz-drs", "db_type": "mysql"},
    "dli_enhanced_connection": {"name": "fuzz_dli", "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1", "queues": ["q1"],
                                "hosts": [{"name": "db-host", "ip": "192.168.0.27"}], "routes": [{"name": "r1", "cidr": "10.0.0.0/16"}]},
    "dli_enhanced_connection_info": {"name": "fuzz_dli", "status": "ACTIVE"},
    "eg_connection": {"name": "fuzz-eg", "vpc_id": "vpc-1", "subnet_id": "subnet-1", "type": "kafka",
                      "kafka_detail": {"instance_id": "k1", "addr": "192.168.0.11:9092", "acks": "1"}},
    "eg_connection_info": {"name": "fuzz-eg"},
    "drs_batch_connection_test": {"test_endpoints": [MYSQL_TEST], "concurrency": 2},
    "drs_job_info": {"job_type": "migration", "status": "CONFIGURATION"},
}
# Values the API rules (pydantic models) reject although the argument spec accepts them: (path, value).
MODEL_BREAKS = {
    "drs_connection": [(("name",), "abc"), (("name",), "bad name!"), (("name",), "x" * 51), (("endpoint", "db_port"), 0),
                       (("endpoint", "db_port"), 70000), (("endpoint", "db_user"), "")],
    "dli_enhanced_connection": [(("name",), "bad-name"), (("name",), "x" * 65), (("hosts",), [{"name": "h", "ip": "not-an-ip"}]),
                                (("routes",), [{"name": "r1", "cidr": "10.0.0.0/99"}])],
    "eg_connection": [(("name",), "default"), (("name",), "-starts-with-hyphen"), (("name",), "x" * 129),
                      (("description",), "d" * 256), (("vpc_id",), "v" * 129)],
    "drs_batch_connection_test": [(("test_endpoints",), []), (("concurrency",), 0), (("test_endpoints", 0, "db_port"), -1),
                                  (("test_endpoints", 0, "db_port"), 65536)],
    "drs_job_info": [(("name",), ",".join("id%d" % n for n in range(11)))],
}
IDENT = st.from_regex(r"\A[a-z][a-z0-9_]{2,15}\Z").filter(lambda name: not keyword.iskeyword(name))
NOT_BOOL = st.sampled_from(["maybe", "tru", "2", "nope", "y e s", "on-ish"])
NOT_NUMBER = st.sampled_from(["abc", "1.2.3", "twelve", "0x", "--1", "1e"])


def argument_spec(module: str) -> dict:
    """The module's full argument spec (shared auth options included)."""
    spec = auth_argument_spec()
    target = importlib.import_module(COLLECTION + module)
    spec.update(getattr(target, "ARGUMENT_SPEC", None) or module_spec(target))
    return spec


def module_spec(target) -> dict:
    """The argument spec of modules that build it inside main(): captured with a stub module wrapper."""
    captured = {}

    class Stop(Exception):
        pass

    def capture(argument_spec, **kwargs):  # pylint: disable=unused-argument
        captured.update(argument_spec)
        raise Stop()

    original = target.HuaweiCloudModule
    target.HuaweiCloudModule = capture
    try:
        target.main()
    except Stop:
        pass
    finally:
        target.HuaweiCloudModule = original
    return captured


def breakable(spec: dict, path=()) -> list:
    """(path, option spec) of every option whose value can be made invalid by the argument spec alone."""
    found = []
    for name, option in spec.items():
        here = path + (name,)
        kind = option.get("type", "str")
        if option.get("choices") or kind in ("int", "float", "bool", "dict", "list"):
            found.append((here, option))
        if option.get("options"):
            inner = here + (0,) if kind == "list" else here
            found.extend(breakable(option["options"], inner))
    return found


def set_path(args: dict, path: tuple, value) -> bool:
    """Set ``value`` at ``path`` when the parents exist in ``args``; False otherwise."""
    node = args
    for key in path[:-1]:
        if isinstance(key, int):
            if not isinstance(node, list) or len(node) <= key:
                return False
        elif not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    if isinstance(path[-1], int):
        return False
    node[path[-1]] = value
    return True


def bad_value(option: dict):
    kind = option.get("type", "str")
    choices = option.get("choices")
    strategies = []
    if choices:
        strategies.append(st.text(alphabet="ABCXYZ_qwz-", min_size=1, max_size=8).filter(lambda v: v not in [str(c) for c in choices]))
    if kind == "bool":
        strategies.append(NOT_BOOL)
    elif kind in ("int", "float"):
        strategies.append(NOT_NUMBER)
    elif kind == "dict":
        strategies.append(st.sampled_from([["not", "a", "dict"], 42]))
    elif kind == "list":
        strategies.append(st.sampled_from([{"not": "a list"}]))
    return st.one_of(strategies)


def cases(module: str):
    """One broken field per case: a wrong type, a value outside the choices, an unknown option or sub-option, a
    missing required option, or a value the API rules reject."""
    base = BASES[module]
    spec = argument_spec(module)
    # Options of the call (top level, or inside a value the valid call sets) whose type or choices can be broken.
    targets = [(path, option) for path, option in breakable(spec) if len(path) == 1 or parent_exists(base, path)]
    strategies = [
        st.sampled_from(targets).flatmap(lambda target: st.tuples(st.just(target[0]), bad_value(target[1]))),
        IDENT.filter(lambda name: name not in spec).map(lambda name: (("zz_" + name,), "value")),
    ]
    containers = [(name,) if isinstance(base[name], dict) else (name, 0) for name in base
                  if spec[name].get("options") and isinstance(base[name], (dict, list))]
    if containers:
        strategies.append(st.tuples(st.sampled_from(containers), IDENT).map(lambda pair: (pair[0] + ("zz_" + pair[1],), "value")))
    required = [name for name in base if spec[name].get("required") or name in REQUIRED_IF.get(module, ())]
    if required:
        strategies.append(st.sampled_from(required).map(lambda name: ((name,), REMOVE)))
    if MODEL_BREAKS.get(module):
        strategies.append(st.sampled_from(MODEL_BREAKS[module]))
    return st.one_of(strategies)


def parent_exists(base: dict, path: tuple) -> bool:
    node = base
    for key in path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(node, dict)


REMOVE = object()
# Options required by required_if with the default state=present.
REQUIRED_IF = {
    "drs_connection": ("name", "db_type", "endpoint"),
    "dli_enhanced_connection": ("name", "dest_vpc_id", "dest_network_id"),
    "eg_connection": ("name", "vpc_id", "subnet_id"),
}


def broken_args(module, emulator, path, value) -> dict:
    args = emulator.auth_args(**copy.deepcopy(BASES[module]))
    if value is REMOVE:
        del args[path[0]]
    else:
        assert set_path(args, path, value), path
    return args


def field_name(path) -> str:
    return [part for part in path if not isinstance(part, int)][-1]


@pytest.mark.parametrize("module", sorted(BASES))
def test_invalid_input_fails_cleanly_without_api_calls(module, emulator):
    seen = []

    @settings(max_examples=250, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(case=cases(module))
    def check(case):
        path, value = case
        run = run_module(module, broken_args(module, emulator, path, value))
        seen.append(path)
        where = "%s: %s=%r" % (module, ".".join(map(str, path)), value if value is not REMOVE else "<removed>")
        assert run.error is None, "%s raised:\n%s" % (where, run.error)
        assert run.failed, "%s did not fail: %s" % (where, run.stdout[:500])
        assert "Traceback" not in run.stdout and "exception" not in run.result, where
        assert field_name(path) in run.msg, "%s: the message does not name %s: %s" % (where, field_name(path), run.msg)
        assert emulator.log() == [], "%s made API requests: %s" % (where, emulator.log())

    check()  # pylint: disable=no-value-for-parameter
    assert len(seen) >= 200, "only %d cases ran for %s" % (len(seen), module)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Emulator configuration: documented defaults, a JSON/YAML file and environment variables."""

from __future__ import annotations

import copy
import json
import os
from typing import Any

ENV_CONFIG = "HWCLOUD_EMULATOR_CONFIG"
ENV_PORT = "HWCLOUD_EMULATOR_PORT"
ENV_STATE_FILE = "HWCLOUD_EMULATOR_STATE_FILE"
ENV_SEED = "HWCLOUD_EMULATOR_SEED"
ENV_EXAMPLE_JOBS = "HWCLOUD_EMULATOR_EXAMPLE_JOBS"
TRUE_WORDS = ("1", "true", "yes", "on")

DEFAULTS: dict[str, Any] = {
    "host": "127.0.0.1",
    "port": 0,
    "state_file": None,
    "state_flush_interval": 0.2,
    "seed": 0,
    "credentials": {
        "permanent": {
            "ak": "EMULATORACCESSKEY001",
            "sk": "EMULATORSECRETKEY00000000000000000000001",
        },
        "temporary": {
            "ak": "EMULATORTEMPKEY00001",
            "sk": "EMULATORTEMPSECRET000000000000000000001",
            "security_token": "EMULATOR-SECURITY-TOKEN-0001",
        },
    },
    "iam": {
        "domain_name": "emulator-domain",
        "domain_id": "d0c1a2b3c4d5e6f7a8b9c0d1e2f3a4d1",
        "user_name": "emulator-user",
        "user_id": "a0c1a2b3c4d5e6f7a8b9c0d1e2f3a4u1",
        "password": "emulator-password",
        "token_ttl": 86400,
        # Agencies callers may assume (POST /v3.0/OS-CREDENTIAL/securitytokens, method assume_role); refuse: true
        # answers 403, as an agency that does not trust the caller does.
        "agencies": [
            {"agency_name": "emulator-ops-agency", "domain_name": "emulator-domain",
             "domain_id": "d0c1a2b3c4d5e6f7a8b9c0d1e2f3a4d1"},
        ],
    },
    "projects": {
        "cn-north-4": "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01",
        "cn-east-3": "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a02",
        "ap-southeast-1": "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a03",
        "eu-west-101": "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a04",
        "cn-north-4_dev": "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a05",  # an IAM sub-project: <region>_<name>, its own id
    },
    # The ECS metadata server (/meta-data/latest/api/token, /openstack/latest/securitykey) on the same port.
    "metadata": {
        "agency": "emulator-ecs-agency",  # the agency bound to the server; null: none (the securitykey call fails)
        "credential_ttl": 86400,          # seconds the temporary credentials it hands out live
        "token_required": True,           # securitykey needs the X-Metadata-Token of the token call
    },
    "delays": {
        "drs_job_configuration": 1.0,
        "dli_peer_active": 1.0,
        "eg_connection_created": 1.0,
    },
    "delay_multiplier": 1.0,
    "drs": {"jobs": [], "example_jobs": False},
    "dli": {"failing_queues": [], "queues": {}, "unconfigured_queues": "own_pool"},
    "eg": {"failing_names": []},
    "probe": {"timeout": 5.0, "table": {}},
    "faults": [],
    "request_log": {"max_entries": 200000},
    # Key of the stand-in for KMS that keeps CSMS values and DLI datasource passwords sealed in the state.
    "sealing_key": "emulator-sealing-key-0001",
}


def merge_patch(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Return base updated with patch (RFC 7386 style: dicts merge, null deletes, the rest replaces)."""
    result = copy.deepcopy(base)
    for key, value in patch.items():
        if value is None and key in result and isinstance(result[key], dict):
            del result[key]
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge_patch(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def read_config_file(path: str) -> dict[str, Any]:
    """Read a JSON or (if PyYAML is installed) YAML config file."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if path.endswith((".yml", ".yaml")):
        import yaml  # pylint: disable=import-outside-toplevel  # optional dependency

        data = yaml.safe_load(text) or {}
    else:
        data = json.loads(text) if text.strip() else {}
    if not isinstance(data, dict):
        raise ValueError("emulator config file %s must contain a mapping" % path)
    return data


def load_config(overrides: dict[str, Any] | None = None, path: str | None = None,
                environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Defaults, then the config file (argument or env), then env vars, then explicit overrides."""
    env = os.environ if environ is None else environ
    config = copy.deepcopy(DEFAULTS)
    file_path = path or env.get(ENV_CONFIG)
    if file_path:
        config = merge_patch(config, read_config_file(file_path))
    if env.get(ENV_PORT):
        config["port"] = int(env[ENV_PORT])
    if env.get(ENV_STATE_FILE):
        config["state_file"] = env[ENV_STATE_FILE]
    if env.get(ENV_SEED):
        config["seed"] = int(env[ENV_SEED])
    if env.get(ENV_EXAMPLE_JOBS):
        config["drs"]["example_jobs"] = env[ENV_EXAMPLE_JOBS].strip().lower() in TRUE_WORDS
    if overrides:
        config = merge_patch(config, overrides)
    return config


def delay_seconds(config: dict[str, Any], name: str) -> float:
    """A state-transition delay, scaled by delay_multiplier (slower transitions as a fault)."""
    return float(config["delays"].get(name, 1.0)) * float(config.get("delay_multiplier", 1.0))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The inventory plugin hwcloud.connections.connections as ansible-inventory and the runbooks use it, against the
emulator: connections the official SDK made in two regions, three services, keyed groups, compose, a shared name,
the cache (a hit makes no API call), no secret at -vvv, and the teardown runbook aimed at inventory hosts."""

from __future__ import annotations

import json
import os
import subprocess

import ansible_runner
import pytest
import yaml
from sdk_changes import CREDENTIALS, Sdk  # pylint: disable=import-error
from stack import ANSIBLE_BIN, DEFAULTS, ansible_env  # pylint: disable=import-error

NORTH, EAST = "cn-north-4", "cn-east-3"
VPC = {"vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11", "subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529"}
KAFKA_INSTANCE = "6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d"
DB_PASSWORD = "inv-db-password-7f3a"
KAFKA_PASSWORD = "inv-kafka-password-91c2"
WRITES = ("POST", "PUT", "DELETE")


@pytest.fixture
def estate(fresh_stack):
    """Connections the collection did not make: DRS, EG (Kafka and webhook) and DLI in cn-north-4, a DRS connection of
    the same name and a DLI one in cn-east-3, and a deleted DLI connection (DLI keeps listing it)."""
    north = Sdk(fresh_stack.url, DEFAULTS["projects"][NORTH])
    east = Sdk(fresh_stack.url, DEFAULTS["projects"][EAST])
    north.create_mysql("inv-orders-mysql", "192.168.0.27", DB_PASSWORD, vpc=VPC)
    north.create_kafka("inv-events-kafka", VPC["vpc_id"], VPC["subnet_id"], KAFKA_INSTANCE, "192.168.0.11:9092,192.168.0.12:9092",
                       user="producer", password=KAFKA_PASSWORD, protocol="SASL_PLAINTEXT")
    north.create_webhook("inv-hook", VPC["vpc_id"], VPC["subnet_id"])
    north.create_dli("inv_orders_dli", VPC["vpc_id"], VPC["subnet_id"])
    north.create_dli("inv_gone_dli", VPC["vpc_id"], VPC["subnet_id"])
    north.delete_dli("inv_gone_dli")
    east.create_mysql("inv-orders-mysql", "10.1.0.5", DB_PASSWORD)
    east.create_dli("inv_reports_dli", VPC["vpc_id"], VPC["subnet_id"])
    fresh_stack.admin("DELETE", "requests")
    return fresh_stack


def source(tmp_path, stack, name="estate.hwcloud.yml", **options) -> str:
    config = {"plugin": "hwcloud.connections.connections", "endpoint_url": stack.url,
              "regions": [{"name": NORTH, "project_id": DEFAULTS["projects"][NORTH]}, {"name": EAST}]}
    config.update(options)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(config))
    return str(path)


def plain(value):
    """``value`` without the ``{"__ansible_unsafe": ...}`` wrapping ansible-inventory gives values that are no template."""
    if isinstance(value, dict):
        return value["__ansible_unsafe"] if set(value) == {"__ansible_unsafe"} else {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def inventory(tmp_path, path: str, *args) -> tuple:
    """(JSON of --list, or None; the whole console text; the exit code) of ansible-inventory, AK/SK in the environment."""
    out = tmp_path / ("inventory-%d.json" % len(list(tmp_path.glob("inventory-*.json"))))
    env = ansible_env(tmp_path, {"HW_ACCESS_KEY": CREDENTIALS["ak"], "HW_SECRET_KEY": CREDENTIALS["sk"]})
    command = [os.path.join(ANSIBLE_BIN, "ansible-inventory"), "-i", path, "--output", str(out)] + list(args or ["--list"])
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    text = out.read_text() if out.exists() else ""
    listed = json.loads(text) if text and "--graph" not in args else text or None
    return listed, result.stdout + result.stderr, result.returncode


def shows(text: str, console: str) -> bool:
    """Whether the console shows ``text``; older cores wrap warnings at 80 columns, also after hyphens."""
    return "".join(text.split()) in "".join(console.split())


def api_calls(stack) -> list:
    return stack.admin("GET", "requests")["requests"]


def test_every_connection_of_two_regions_and_three_services_is_a_host(estate, tmp_path):
    path = source(tmp_path, estate, keyed_groups=[{"key": "hwcloud_connection.db_type", "prefix": "db"},
                                                  {"key": "hwcloud_connection.type | default(omit)", "prefix": "eg_type"}],
                  compose={"inv_address": "hwcloud_endpoint.host | default(hwcloud_endpoint.bootstrap_servers | default([]) | first)"},
                  groups={"team_orders": "'orders' in hwcloud_connection.name"})
    listed, console, rc = inventory(tmp_path, path, "--list", "-vvv")
    assert rc == 0, console
    assert listed["_meta"]["hostvars"]["eg_inv-hook"]["hwcloud_connection"]["name"] == {"__ansible_unsafe": "inv-hook"}  # never a template
    hostvars = plain(listed["_meta"]["hostvars"])
    assert sorted(hostvars) == ["dli_inv_orders_dli", "dli_inv_reports_dli", "drs_inv-orders-mysql", "drs_inv-orders-mysql_cn-east-3",
                                "eg_inv-events-kafka", "eg_inv-hook"]  # the DELETED DLI connection is left out
    groups = {name: sorted(group.get("hosts", [])) for name, group in listed.items() if name != "_meta"}
    assert groups["hwcloud_drs"] == ["drs_inv-orders-mysql", "drs_inv-orders-mysql_cn-east-3"]
    assert groups["hwcloud_eg"] == ["eg_inv-events-kafka", "eg_inv-hook"]
    assert groups["hwcloud_dli"] == ["dli_inv_orders_dli", "dli_inv_reports_dli"]
    assert groups["hwcloud_cn_north_4"] == ["dli_inv_orders_dli", "drs_inv-orders-mysql", "eg_inv-events-kafka", "eg_inv-hook"]
    assert groups["hwcloud_cn_east_3"] == ["dli_inv_reports_dli", "drs_inv-orders-mysql_cn-east-3"]
    assert groups["db_mysql"] == ["drs_inv-orders-mysql", "drs_inv-orders-mysql_cn-east-3"]
    assert groups["eg_type_KAFKA"] == ["eg_inv-events-kafka"] and groups["eg_type_WEBHOOK"] == ["eg_inv-hook"]
    assert groups["team_orders"] == ["dli_inv_orders_dli", "drs_inv-orders-mysql", "drs_inv-orders-mysql_cn-east-3"]

    north = hostvars["drs_inv-orders-mysql"]
    assert (north["hwcloud_service"], north["hwcloud_region"], north["hwcloud_project_id"]) == ("drs", NORTH, DEFAULTS["projects"][NORTH])
    assert north["hwcloud_connection"]["endpoint"]["ip"] == "192.168.0.27" and north["inv_address"] == "192.168.0.27"
    assert north["hwcloud_endpoint"] == dict(VPC, name="inv-orders-mysql", kind="mysql", type="self_built", host="192.168.0.27",
                                             port=3306, user="drs_probe")
    east = hostvars["drs_inv-orders-mysql_cn-east-3"]
    assert east["hwcloud_project_id"] == DEFAULTS["projects"][EAST] and east["inv_address"] == "10.1.0.5"  # looked up through IAM
    kafka = hostvars["eg_inv-events-kafka"]
    assert kafka["hwcloud_endpoint"] == dict(VPC, name="inv-events-kafka", kind="kafka", instance_id=KAFKA_INSTANCE, acks="1",
                                             bootstrap_servers=["192.168.0.11:9092", "192.168.0.12:9092"],
                                             security_protocol="SASL_PLAINTEXT", user="producer")
    assert kafka["inv_address"] == "192.168.0.11:9092"
    assert "hwcloud_endpoint" not in hostvars["eg_inv-hook"] and "hwcloud_endpoint" not in hostvars["dli_inv_orders_dli"]
    assert hostvars["dli_inv_orders_dli"]["hwcloud_connection"]["status"] == "ACTIVE"
    assert {host["ansible_connection"] for host in hostvars.values()} == {"local"}

    text = json.dumps(listed) + console
    for secret in (DB_PASSWORD, KAFKA_PASSWORD, CREDENTIALS["sk"]):
        assert secret not in text
    log = api_calls(estate)
    assert [r for r in log if r["method"] in WRITES and r["path"] != "/v3/auth/tokens"] == []
    listings = sorted((r["service"], r["path"].split("/")[2]) for r in log if r["method"] == "GET" and r["path"].endswith("connections"))
    assert listings == sorted((service, DEFAULTS["projects"][region]) for service in ("drs", "eg", "dli") for region in (NORTH, EAST))


def test_graph_filters_and_hostnames(estate, tmp_path):
    path = source(tmp_path, estate, services=["drs", "eg"], name_pattern="inv-.*s-.*", hostnames=["{region}.{name}"])
    graph, console, rc = inventory(tmp_path, path, "--graph")
    assert rc == 0, console
    assert graph.splitlines() == ["@all:", "  |--@ungrouped:", "  |--@hwcloud_drs:", "  |  |--cn-north-4.inv-orders-mysql",
                                  "  |  |--cn-east-3.inv-orders-mysql", "  |--@hwcloud_eg:", "  |  |--cn-north-4.inv-events-kafka",
                                  "  |--@hwcloud_cn_north_4:", "  |  |--cn-north-4.inv-orders-mysql", "  |  |--cn-north-4.inv-events-kafka",
                                  "  |--@hwcloud_cn_east_3:", "  |  |--cn-east-3.inv-orders-mysql"], graph
    listed, console, rc = inventory(tmp_path, path)
    assert rc == 0, console
    assert sorted(listed["_meta"]["hostvars"]) == ["cn-east-3.inv-orders-mysql", "cn-north-4.inv-events-kafka", "cn-north-4.inv-orders-mysql"]
    filtered, console, rc = inventory(tmp_path, source(tmp_path, estate, name="db.hwcloud.yaml", db_types=["oracle"], statuses=["deleted"],
                                                       exclude_deleted=False, services=["drs", "dli"]))
    assert rc == 0, console
    assert sorted(filtered["_meta"]["hostvars"]) == ["dli_inv_gone_dli"]


def test_a_cache_hit_makes_no_api_call_and_the_cache_holds_no_secret(estate, tmp_path):
    cache = tmp_path / "inventory-cache"
    path = source(tmp_path, estate, cache=True, cache_plugin="ansible.builtin.jsonfile", cache_connection=str(cache), cache_timeout=600)
    first, console, rc = inventory(tmp_path, path)
    assert rc == 0, console
    assert api_calls(estate), "the first run listed nothing"
    estate.admin("DELETE", "requests")
    second, console, rc = inventory(tmp_path, path)
    assert rc == 0, console
    assert api_calls(estate) == []
    assert second == first
    stored = "".join(entry.read_text() for entry in cache.iterdir())
    assert "inv-orders-mysql" in stored
    for secret in (DB_PASSWORD, KAFKA_PASSWORD, CREDENTIALS["sk"]):
        assert secret not in stored
    playbook = tmp_path / "noop.yml"  # ansible-inventory has no --flush-cache before ansible-core 2.18: a playbook has
    playbook.write_text("- hosts: localhost\n  gather_facts: false\n  tasks: []\n")
    env = ansible_env(tmp_path, {"HW_ACCESS_KEY": CREDENTIALS["ak"], "HW_SECRET_KEY": CREDENTIALS["sk"]})
    flushed = subprocess.run([os.path.join(ANSIBLE_BIN, "ansible-playbook"), "-i", path, "--flush-cache", str(playbook)], env=env,
                             capture_output=True, text=True, timeout=300, check=False)
    assert flushed.returncode == 0, flushed.stdout + flushed.stderr
    assert api_calls(estate), "--flush-cache did not list again"
    for entry in cache.iterdir():  # a cache file that is not what the plugin stores is a miss, never hosts made of it
        entry.write_text(json.dumps([{"region": NORTH, "project_id": "x", "service": "drs", "connections": ["junk"]}]))
    estate.admin("DELETE", "requests")
    recovered, console, rc = inventory(tmp_path, path)
    assert rc == 0 and plain(recovered["_meta"]["hostvars"]) == plain(first["_meta"]["hostvars"]), console
    assert api_calls(estate), "a corrupt cache was used"


def test_bad_options_fail_before_any_call_naming_the_option_and_other_files_are_not_read(estate, tmp_path):
    bad = source(tmp_path, estate, name="bad.hwcloud.yml", regions=[{"name": NORTH}, {"name": "cn-north-4/../x", "zone": "a"}],
                 hostnames=["{name.__class__}"])
    listed, console, rc = inventory(tmp_path, bad, "--list")
    assert shows("hwcloud.connections.connections: Invalid input: regions[1]: unknown key zone", console), console
    assert shows("regions[1].name: must be a region ID", console) and shows("hostnames[0]: {name.__class__}: only plain fields", console)
    services = source(tmp_path, estate, name="services.hwcloud.yml", services=["drs", "rds"])
    listed, console, rc = inventory(tmp_path, services, "--list")
    assert shows("['drs', 'rds']", console) and shows("services", console) and shows("drs, eg, dli", console), console  # ansible-core's check
    assert api_calls(estate) == []
    other = source(tmp_path, estate, name="estate.yml")  # right content, but not a *.hwcloud.yml file
    listed, console, rc = inventory(tmp_path, other, "--list")
    assert "hwcloud.connections.connections" not in json.dumps(listed or {}) and "drs_inv-orders-mysql" not in json.dumps(listed or {})
    assert api_calls(estate) == []


def test_a_secret_key_in_the_source_never_shows_and_api_errors_are_named(estate, tmp_path):
    wrong = "inv-Wr0ng-SK-9f8e7d6c5b4a39281700000000"
    path = source(tmp_path, estate, name="wrong.hwcloud.yml", secret_key=wrong, access_key=CREDENTIALS["ak"], max_retries=0)
    listed, console, rc = inventory(tmp_path, path, "--list", "-vvv")
    assert shows("HTTP 401 APIGW.0301: Incorrect IAM authentication information", console) and shows("(region cn-", console), console
    assert shows("check access_key/secret_key", console)
    assert wrong not in console
    assert listed is None or listed["_meta"]["hostvars"] == {}


def test_the_teardown_runbook_removes_what_an_inventory_group_holds(estate, tmp_path):
    path = source(tmp_path, estate, services=["eg"], regions=[{"name": NORTH, "project_id": DEFAULTS["projects"][NORTH]}])
    env = ansible_env(tmp_path, {"HW_ACCESS_KEY": CREDENTIALS["ak"], "HW_SECRET_KEY": CREDENTIALS["sk"], "HW_REGION_NAME": NORTH,
                                 "HW_PROJECT_ID": DEFAULTS["projects"][NORTH], "HUAWEICLOUD_ENDPOINT_URL": estate.url})
    command = [os.path.join(ANSIBLE_BIN, "ansible-playbook"), "hwcloud.connections.teardown", "-i", path, "-e", "hwcloud_hosts=hwcloud_eg"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    live = sorted(c["name"] for c in estate.admin("GET", "state")["eg_connections"])
    assert live == ["inv-hook"]  # the Kafka connection had an endpoint entry; the webhook has none and stays


def test_an_awx_inventory_sync_through_ansible_runner_gets_every_host_and_no_secret(estate, tmp_path, monkeypatch):
    """As AWX syncs an inventory source: ansible-inventory --list --export through ansible-runner, the credential only
    as injected environment variables (suppress_env_files), the source file from the project."""
    data = tmp_path / "awx-inventory-update"
    (data / "project" / "inventories").mkdir(parents=True)
    source_file = data / "project" / "inventories" / "estate.hwcloud.yml"
    source_file.write_text(yaml.safe_dump({"plugin": "hwcloud.connections.connections", "regions": [NORTH, EAST]}))
    envvars = {"HW_ACCESS_KEY": CREDENTIALS["ak"], "HW_SECRET_KEY": CREDENTIALS["sk"], "HW_SECURITY_TOKEN": "", "HW_REGION_NAME": NORTH,
               "HUAWEICLOUD_ENDPOINT_URL": estate.url, "XDG_CACHE_HOME": str(tmp_path / "cache"),
               "ANSIBLE_COLLECTIONS_PATH": ansible_env(tmp_path).get("ANSIBLE_COLLECTIONS_PATH", ""),
               "PATH": ANSIBLE_BIN + os.pathsep + os.environ.get("PATH", "")}  # the ansible-inventory of the core under test
    monkeypatch.setenv("PATH", envvars["PATH"])  # ansible-runner looks the command up on this process's PATH
    out, err = ansible_runner.get_inventory("list", [str(source_file)], response_format="json", export=True, private_data_dir=str(data),
                                            envvars=envvars, suppress_env_files=True, quiet=True)
    listed = json.loads(out) if isinstance(out, str) else out
    assert sorted(listed["_meta"]["hostvars"]) == ["dli_inv_orders_dli", "dli_inv_reports_dli", "drs_inv-orders-mysql",
                                                   "drs_inv-orders-mysql_cn-east-3", "eg_inv-events-kafka", "eg_inv-hook"], err
    assert plain(listed["_meta"]["hostvars"]["eg_inv-events-kafka"]["hwcloud_endpoint"])["kind"] == "kafka"
    artifacts = [path.read_text(errors="replace") for path in data.rglob("*") if path.is_file() and path.name != "command"]
    everything = json.dumps(listed) + str(err) + "".join(artifacts)
    for secret in (DB_PASSWORD, KAFKA_PASSWORD, CREDENTIALS["sk"]):
        assert secret not in everything

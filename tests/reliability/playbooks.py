# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Endpoint lists for the endpoints runbook and the environment that points it at the emulator."""

from __future__ import annotations

RUNBOOK = "- name: Endpoints runbook\n  ansible.builtin.import_playbook: hwcloud.connections.endpoints\n"
VPC = {"vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11", "subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529"}


def endpoints(prefix: str, mysql: int, mysql_dli: int, kafka: int, kafka_dli: int, secrets=None) -> list:
    """``mysql`` MySQL and ``kafka`` Kafka endpoints on documentation addresses (simulated by the emulator); the
    first ``mysql_dli``/``kafka_dli`` of each also get a DLI enhanced connection. Resources: mysql + kafka + DLIs."""
    secrets = secrets or {}
    entries = []
    for n in range(mysql):
        entry = dict(VPC, name="%s-mysql-%d" % (prefix, n), kind="mysql", host="192.168.10.%d" % (n + 1), port=3306, user="probe",
                     password=secrets.get("db", "rel-db-password"))
        if "cert_key" in secrets:
            entry.update(ssl=True, ssl_cert_name="ca.pem", ssl_cert_key=secrets["cert_key"], ssl_cert_check_sum="abc123",
                         ssl_cert_password=secrets["cert_password"])
        if n < mysql_dli:
            entry["dli_connection"] = {"name": "%s_mysql_dli_%d" % (prefix.replace("-", "_"), n),
                                       "hosts": [{"name": "db%d.internal" % n, "ip": "192.168.10.%d" % (n + 1)}]}
        entries.append(entry)
    for n in range(kafka):
        entry = dict(VPC, name="%s-kafka-%d" % (prefix, n), kind="kafka", instance_id="6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d",
                     bootstrap_servers=["192.168.20.%d:9093" % (n + 1)], security_protocol="SASL_SSL", sasl_mechanism="PLAIN",
                     user="producer", password=secrets.get("kafka", "rel-kafka-password"), trust_store_key_name="ts.pem",
                     trust_store_key=secrets.get("trust_store", "rel-trust-store"),
                     trust_store_password=secrets.get("trust_store_password", "rel-trust-store-password"))
        if n < kafka_dli:
            entry["dli_connection"] = {"name": "%s_kafka_dli_%d" % (prefix.replace("-", "_"), n),
                                       "hosts": [{"name": "broker%d.internal" % n, "ip": "192.168.20.%d" % (n + 1)}]}
        entries.append(entry)
    return entries


def runbook_vars(emulator, entries: list, job_id: str) -> dict:
    return {"hwcloud_endpoints": entries, "hwcloud_job_id": job_id, "hwcloud_endpoint_url": emulator.url,
            "hwcloud_region": emulator.play_vars()["hw_region"], "hwcloud_project_id": emulator.play_vars()["hw_project_id"]}


def credentials_env(emulator, secret_key=None) -> dict:
    play = emulator.play_vars()
    return {"HW_ACCESS_KEY": play["hw_access_key"], "HW_SECRET_KEY": secret_key or play["hw_secret_key"]}


def declared(entries: list) -> dict:
    """Names the emulator must hold afterwards, per resource type."""
    dli = [e["dli_connection"]["name"] for e in entries if "dli_connection" in e]
    return {"drs": sorted(e["name"] for e in entries if e["kind"] == "mysql"),
            "eg": sorted(e["name"] for e in entries if e["kind"] == "kafka"), "dli": sorted(dli)}


def live_names(state: dict) -> dict:
    return {"drs": sorted(c["name"] for c in state["drs_connections"]),
            "eg": sorted(c["name"] for c in state["eg_connections"]),
            "dli": sorted(c["name"] for c in state["dli_connections"] if c.get("status") != "DELETED")}

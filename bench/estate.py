# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The estate section of bench/run.py: the inventory plugin and the drift runbook at scale.

* Inventory: ``--estate-count`` (default 5,000) connections of each service seeded in one admin call
  (``POST /_emulator/seed/connections``), then ``ansible-inventory`` on a ``*.hwcloud.yml`` source: ``--graph`` (the
  inventory a playbook gets: every host, group and variable built) against the target of 10 s, and ``--list`` (the
  same plus ansible-core's JSON of every host variable) for information; API requests from the emulator's log.
* Drift: ``--drift-count`` (default 1,000) endpoints of ``fleet.endpoints()`` declared with the endpoints runbook, then
  the drift runbook (``bench/playbooks/drift.yml``) on them: wall time against 10 s (next to the endpoints runbook's
  no-op of the same endpoints, run just before), zero writes, and its reads against the pages of one complete listing
  per service (``fleet.reference_pages``): no per-endpoint read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import fleet
from benchlib import PROJECT_ID, REGION

KAFKA_INSTANCE = fleet.KAFKA_INSTANCE
TARGET_SECONDS = 10


def seed_bodies(count: int) -> dict:
    """Create bodies of ``count`` connections per service, named as a fleet names them (a prefix and a number)."""
    endpoint = {"endpoint_name": "mysql", "db_port": "3306", "db_user": "probe", "db_password": "bench-seed-password"}
    kafka = {"instance_id": KAFKA_INSTANCE, "addr": "192.168.100.1:9093", "security_protocol": "PLAINTEXT", "enable_sasl_ssl": False}
    return {
        "project_id": PROJECT_ID,
        "drs": [{"name": "estate-mysql-%d" % n, "db_type": "mysql", "endpoint": dict(endpoint, ip="192.168.%d.%d" % (10 + n // 250, n % 250 + 1)),
                 "vpc": dict(fleet.VPC)} for n in range(count)],
        "eg": [dict(fleet.VPC, name="estate-kafka-%d" % n, type="KAFKA", kafka_detail=kafka) for n in range(count)],
        "dli": [{"name": "estate_dli_%d" % n, "dest_vpc_id": fleet.VPC["vpc_id"], "dest_network_id": fleet.VPC["subnet_id"]}
                for n in range(count)],
    }


def run_inventory(runner, source: str, mode: str, output: str) -> tuple:
    """(wall seconds, peak RSS MiB) of one ansible-inventory run; a failed run is an error with its output."""
    env = runner.env()
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-inventory"), "-i", source, mode, "--output", output]
    started = time.monotonic()
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
        out = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    if process.returncode != 0 or "[WARNING]" in out:
        raise RuntimeError("ansible-inventory %s failed (rc %s):\n%s" % (mode, process.returncode, out[-4000:]))
    return wall, usage.ru_maxrss / 1024.0


def bench_inventory(emulator, runner, results, count: int, command: str) -> None:
    emulator.admin("POST", "reset")
    started = time.monotonic()
    emulator.admin("POST", "seed/connections", seed_bodies(count))
    seeded = time.monotonic() - started
    source = os.path.join(runner.workdir, "estate.hwcloud.yml")
    with open(source, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"plugin": "hwcloud.connections.connections", "regions": [{"name": REGION, "project_id": PROJECT_ID}]}) + "\n")
    results.note("Estate: %d connections per service seeded in %.1f s (one admin call)" % (count, seeded))
    emulator.admin("DELETE", "requests")
    graph = os.path.join(runner.workdir, "estate-graph.txt")
    wall, rss = run_inventory(runner, source, "--graph", graph)
    log = emulator.log()
    with open(graph, encoding="utf-8") as handle:
        hosts = sum(1 for line in handle if line.strip().startswith("|  |--"))
    kinds = fleet.classify(log)
    expected = 3 * count
    results.add("estate", "inventory plugin: %d connections per service (%d hosts) built, ansible-inventory --graph wall time"
                % (count, expected), "%.1f s (%d hosts, %.0f MiB)" % (wall, hosts // 2, rss), "<= %d s" % TARGET_SECONDS,
                wall <= TARGET_SECONDS and hosts // 2 == expected, command)
    results.add("estate", "inventory plugin: API requests (DRS / EG / DLI list calls, other)", "%d (%d / %d / %d, %d)" % (
        len(log), kinds["drs"], kinds["eg"], kinds["dli"], kinds["other_reads"] + kinds["writes"]), "list calls only",
        kinds["writes"] == 0 and kinds["other_reads"] == 0, command)
    listed = os.path.join(runner.workdir, "estate-list.json")
    wall, rss = run_inventory(runner, source, "--list", listed)
    results.add("estate", "inventory plugin: ansible-inventory --list wall time (the JSON of every host's variables, %.0f MB)"
                % (os.path.getsize(listed) / 1e6), "%.1f s (%.0f MiB)" % (wall, rss), "", None, command)


def bench_drift(emulator, runner, results, count: int, command: str) -> None:
    emulator.admin("POST", "reset")
    entries = fleet.endpoints("drift", count)
    variables = fleet.runbook_vars(emulator, entries)
    runner.run("fleet.yml", variables)
    _tasks, noop_wall, _rss = runner.run("fleet.yml", variables)  # the endpoints runbook's no-op: the same load, side by side
    emulator.admin("DELETE", "requests")
    _tasks, wall, rss = runner.run("drift.yml", variables)
    log = emulator.log()
    kinds = fleet.classify(log)
    changed = runner.recap()[1]
    pages, errors = fleet.reference_pages(emulator.url)
    figure = "drift runbook: %d endpoints in sync, wall time (the endpoints runbook's no-op of them: %.1f s)" % (count, noop_wall)
    results.add("estate", figure, "%.1f s (changed=%d, %.0f MiB)" % (wall, changed, rss), "<= %d s, changed=0" % TARGET_SECONDS,
                wall <= TARGET_SECONDS and changed == 0, command)
    if None in pages.values():
        results.add("estate", "drift runbook: reads vs one listing per service", "%d" % len(log), "bound not computable", False, command)
        results.note("Estate drift: a reference listing failed: %s" % "; ".join("%s: %s" % item for item in sorted(errors.items())))
        return
    bound = sum(pages.values())
    results.add("estate", "drift runbook: writes; reads vs the pages of one listing per service", "%d; %d vs %d (DRS %d, EG %d, DLI %d, other %d)"
                % (kinds["writes"], len(log) - kinds["writes"], bound, kinds["drs"], kinds["eg"], kinds["dli"], kinds["other_reads"]),
                "0; <= bound", kinds["writes"] == 0 and len(log) - kinds["writes"] <= bound, command)


def bench_estate(emulator, runner, results, args, command: str) -> None:
    bench_inventory(emulator, runner, results, args.estate_count, command)
    bench_drift(emulator, runner, results, args.drift_count, command)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Load test of the emulator: a fleet's API traffic from parallel threads through the collection's own client.

Run from the collection root of a built tree (``<dir>/ansible_collections/hwcloud/connections``)::

    python bench/emulator_load.py [--threads 8,32] [--drs 1000] [--eg 500] [--dli 300] [--lists 5]
                                  [--batch-calls 100] [--latency-ms 50] [--profile FILE.svg]

For every thread count: a fresh emulator subprocess (fault rule ``latency_ms`` on every API route), then phases
run by a pool of that many threads sharing one ``HuaweiCloudClient`` (AK/SK signed, as a list module would):
DRS creates, EG (Kafka) creates, DLI creates, repeated full listings of each service (DRS ``fetch_all``, EG through
the collection's ``ConnectionLister``, DLI through ``paginate``) and batched connection tests (10 entries per call).
Each phase prints requests, throughput and latency percentiles as the client saw them, and the errors (an
``api_timeout`` is a stall). ``--profile`` samples the emulator with py-spy (when installed) during the first run.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from benchlib import ACCESS_KEY, COLLECTIONS_PATH, IN_TREE, JOB_ID, PROJECT_ID, REGION, SECRET_KEY, Emulator

if IN_TREE:
    sys.path.insert(0, COLLECTIONS_PATH)

# pylint: disable=wrong-import-position,import-error
from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth  # noqa: E402
from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient  # noqa: E402
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError  # noqa: E402
from ansible_collections.hwcloud.connections.plugins.module_utils.eg import list_all  # noqa: E402
from ansible_collections.hwcloud.connections.plugins.module_utils.retries import RetryPolicy  # noqa: E402

VPC = {"vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11", "subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529"}
DRS = "/v5/{project_id}/connections"
EG = "/v1/{project_id}/connections"
DLI = "/v2.0/{project_id}/datasource/enhanced-connections"
BATCH = "/v3/{project_id}/jobs/batch-connection"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else 0.0


class Load:
    """Runs calls on a thread pool and records each call's latency and errors."""

    def __init__(self, url, threads, timeout):
        self.threads = threads
        self.client = HuaweiCloudClient(REGION, AkSkAuth(ACCESS_KEY, SECRET_KEY), project_id=PROJECT_ID, endpoint_url=url,
                                        timeout=timeout, retry=RetryPolicy(max_retries=0))
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = []

    def timed(self, call):
        started = time.perf_counter()
        try:
            return call()
        except HuaweiCloudError as error:
            with self.lock:
                self.errors.append(str(error)[:200])
            return None
        finally:
            with self.lock:
                self.latencies.append(time.perf_counter() - started)

    def phase(self, title, calls, emulator):
        """Run ``calls`` (callables) on the pool; print one line of figures."""
        self.latencies, self.errors = [], []
        cpu, own = emulator.cpu_seconds(), time.process_time()
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.threads) as pool:
            results = list(pool.map(self.timed, calls))
        wall = time.perf_counter() - started
        cpu, own = emulator.cpu_seconds() - cpu, time.process_time() - own
        lat = self.latencies
        row = {"phase": title, "threads": self.threads, "calls": len(calls), "wall_s": round(wall, 2),
               "calls_per_s": round(len(calls) / wall, 1), "p50_ms": round(1000 * statistics.median(lat), 1),
               "p95_ms": round(1000 * percentile(lat, 0.95), 1), "max_ms": round(1000 * max(lat), 1),
               "emulator_cpu_s": round(cpu, 2), "client_cpu_s": round(own, 2), "errors": len(self.errors)}
        print("%-34s threads %2d  calls %5d  %6.1f s  %7.1f/s  p50 %7.1f ms  p95 %7.1f ms  max %8.1f ms  cpu %5.1f s (client %5.1f s)  errors %d"
              % (title, self.threads, len(calls), wall, row["calls_per_s"], row["p50_ms"], row["p95_ms"], row["max_ms"], cpu,
                 own, len(self.errors)), flush=True)
        for error in sorted(set(self.errors))[:3]:
            print("    error: %s" % error, flush=True)
        return row, results


def drs_body(n):
    return {"name": "load-drs-%d" % n, "db_type": "mysql", "endpoint": {
        "endpoint_name": "mysql", "ip": "192.168.%d.%d" % (n // 250, n % 250 + 1), "db_port": 3306, "db_user": "probe",
        "db_password": "load-db-password"}}


def eg_body(n):
    return dict(VPC, name="load-kafka-%d" % n, type="KAFKA", description="load", kafka_detail={
        "instance_id": "6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d", "addr": "192.168.20.%d:9093" % (n % 250 + 1),
        "security_protocol": "SASL_SSL", "enable_sasl_ssl": True, "user_name": "producer", "password": "load-kafka-password"})


def dli_body(n):
    return {"name": "load_dli_%d" % n, "dest_vpc_id": VPC["vpc_id"], "dest_network_id": VPC["subnet_id"],
            "hosts": [{"name": "db%d.internal" % n, "ip": "192.168.10.%d" % (n % 250 + 1)}]}


def test_entry(n):
    return {"id": JOB_ID, "net_type": "eip", "db_type": "mysql", "ip": "192.168.%d.%d" % (n // 250, n % 250 + 1),
            "db_port": 3306, "db_user": "probe", "db_password": "load-db-password", "end_point_type": "so"}


def run_once(args, threads, workdir, profile):
    emulator = Emulator(workdir, args.latency_ms).start()
    spy = None
    try:
        if profile:
            command = ["py-spy", "record", "--pid", str(emulator.process.pid), "--rate", "100", "--nonblocking",
                       "--format", "raw" if profile.endswith(".txt") else "flamegraph", "-o", profile]
            spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # pylint: disable=consider-using-with
            time.sleep(1.0)
        load = Load(emulator.url, threads, args.api_timeout)
        client = load.client
        rows = []
        rows.append(load.phase("DRS create", [lambda n=n: client.request("drs", "POST", DRS, body=drs_body(n))
                                              for n in range(args.drs)], emulator)[0])
        rows.append(load.phase("EG create (Kafka)", [lambda n=n: client.request("eg", "POST", EG, body=eg_body(n))
                                                     for n in range(args.eg)], emulator)[0])
        rows.append(load.phase("DLI create", [lambda n=n: client.request("dli", "POST", DLI, body=dli_body(n))
                                              for n in range(args.dli)], emulator)[0])
        row, found = load.phase("DRS list (fetch_all) x%d" % args.lists, [
            lambda: client.get("drs", DRS, {"fetch_all": True}).items("connections", "connection_id")] * args.lists, emulator)
        rows.append(row)
        check(found, args.drs, "DRS")
        eg_calls = []

        def eg_page(query):
            eg_calls.append(1)
            return client.get("eg", EG, query).body

        def eg_list():
            return list_all(eg_page, {}, "GET " + EG)

        row, found = load.phase("EG list (ConnectionLister) x%d" % args.lists, [eg_list] * args.lists, emulator)
        row["list_calls_per_listing"] = len(eg_calls) // max(1, args.lists)
        print("    EG: %d API calls per full listing of %d connections" % (row["list_calls_per_listing"], args.eg))
        rows.append(row)
        check(found, args.eg, "EG")
        row, found = load.phase("DLI list (paginate) x%d" % args.lists, [
            lambda: client.paginate("dli", DLI, "connections", id_key="id")] * args.lists, emulator)
        rows.append(row)
        check(found, args.dli, "DLI")
        rows.append(load.phase("batch connection test (10/call)", [
            lambda c=c: client.request("drs", "POST", BATCH, body={"jobs": [test_entry(10 * c + i) for i in range(10)]},
                                       idempotent=True) for c in range(args.batch_calls)], emulator)[0])
        return rows
    finally:
        if spy is not None:
            spy.send_signal(2)
            spy.wait(timeout=60)
        emulator.stop()


def check(listings, expected, what):
    for listing in listings:
        if listing is not None and len(listing) != expected:
            print("    %s listing returned %d of %d" % (what, len(listing), expected))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--threads", default="8,32", help="comma-separated thread counts, one emulator run each")
    parser.add_argument("--drs", type=int, default=1000)
    parser.add_argument("--eg", type=int, default=500)
    parser.add_argument("--dli", type=int, default=300)
    parser.add_argument("--lists", type=int, default=5, help="full listings of each service")
    parser.add_argument("--batch-calls", type=int, default=100)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--api-timeout", type=float, default=30.0)
    parser.add_argument("--profile", default=None, help="py-spy output (.svg flame graph or .txt collapsed stacks) of the first run")
    parser.add_argument("--json", default=None, help="write every phase's figures to this file")
    args = parser.parse_args(argv)
    if args.profile and not shutil.which("py-spy"):
        raise SystemExit("--profile needs py-spy on PATH")
    rows = []
    for index, threads in enumerate(int(t) for t in args.threads.split(",")):
        workdir = tempfile.mkdtemp(prefix="hwcloud-load-")
        try:
            rows.extend(run_once(args, threads, workdir, args.profile if index == 0 else None))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(rows, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

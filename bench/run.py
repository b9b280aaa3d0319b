# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmarks of hwcloud.connections against the emulator with a fixed injected API latency (``make bench``).

Run from the collection root of a built tree (``<dir>/ansible_collections/hwcloud/connections``)::

    python bench/run.py [--only create,noop,password,batch,imports,scale,fleet,estate] [--repeat 2] [--latency-ms 50]
                        [--scale-count 500] [--fleet-sizes 100,1000,5000] [--fleet-role-sample 20]
                        [--estate-count 5000] [--drift-count 1000]
                        [--output bench/results.md]

Starts the emulator (a subprocess, so its CPU time can be read) with ``faults: [{latency_ms: 50}]`` on every API
route, runs the playbooks in bench/playbooks with ansible-playbook, reads the emulator's request log, prints a
table and writes bench/results.md: every figure with its target, met/missed and the command that reproduces it.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import shutil
import subprocess
import sys
import time

import estate
import fleet
from benchlib import HERE, JOB_ID, PROJECT_ID, ROOT, Emulator, Results, Runner, median, parse_time, per_item

FLEET_SIZES = "100,1000,10000"
SECTIONS = ("create", "noop", "password", "batch", "imports", "scale", "fleet", "estate")
TYPES = ("drs", "dli", "eg")
SERVICE_PATHS = {"drs": "/v5/", "dli": "/v2.0/", "eg": "/v1/"}
COLLECTION = "ansible_collections.hwcloud.connections"
# What each module imports when it starts: the module file, plus the client it builds on first use.
MODULES = ("drs_connection", "drs_connection_info", "dli_enhanced_connection", "dli_enhanced_connection_info", "eg_connection",
           "eg_connection_info", "drs_batch_connection_test", "drs_job_info")
CLIENT = COLLECTION + ".plugins.module_utils.client"
URI_IMPORTS = ("ansible.modules.uri",)
SDK_IMPORTS = ("huaweicloudsdkcore.auth.credentials", "huaweicloudsdkdrs.v5")


def by_service(log, service, auth=None):
    prefix = SERVICE_PATHS[service]
    return [r for r in log if r["path"].startswith(prefix) and (auth is None or r["auth"] == auth)]


def iam_tokens(log):
    return [r for r in log if r["method"] == "POST" and r["path"] == "/v3/auth/tokens"]


def command_for(section, args):
    extra = []
    if section == "scale" and args.scale_count != 500:
        extra.append("--scale-count %d" % args.scale_count)
    if section == "fleet" and args.fleet_sizes != FLEET_SIZES:
        extra.append("--fleet-sizes %s" % args.fleet_sizes)
    if section == "fleet" and args.fleet_role_sample != 20:
        extra.append("--fleet-role-sample %d" % args.fleet_role_sample)
    if section == "estate" and (args.estate_count, args.drift_count) != (5000, 1000):
        extra.append("--estate-count %d --drift-count %d" % (args.estate_count, args.drift_count))
    if args.latency_ms != 50:
        extra.append("--latency-ms %d" % args.latency_ms)
    if section in ("noop",) and args.repeat != 2:
        extra.append("--repeat %d" % args.repeat)
    return "`python bench/run.py --only %s%s`" % (section, "".join(" " + e for e in extra))


# -- sections ----------------------------------------------------------------------------------------


def bench_create(emulator, runner, results, args, count):
    emulator.admin("POST", "reset")
    tasks, _wall, _rss = runner.run("connections.yml", {"bench_count": count})
    log = emulator.log()
    cmd = command_for("create", args)
    names = {"drs": "DRS connections", "dli": "DLI enhanced connections", "eg": "EG connections"}
    for kind in TYPES:
        calls = by_service(log, kind)
        reads = [r for r in calls if r["method"] == "GET"]
        creates = [r for r in calls if r["method"] == "POST"]
        lookups = [r for r in reads if r["path"].rstrip("/").endswith(("connections", "enhanced-connections"))]
        others = len(reads) - len(lookups)
        task = tasks[names[kind]]
        per = len(calls) / float(count)
        results.add("create", "%s: API requests per create (lookup+create+other reads)" % kind.upper(),
                    "%.2f (%.2f+%.2f+%.2f)" % (per, len(lookups) / float(count), len(creates) / float(count), others / float(count)),
                    "1 lookup + 1 create" + (" + polls" if kind == "eg" else ""),
                    len(lookups) == count and len(creates) == count and (kind == "eg" or others == 0), cmd)
        if kind == "eg":
            results.note("EG creations are asynchronous (CREATING for %.1f s in the emulator); the %.2f extra reads per create are "
                         "the wait's polls." % (0.2, others / float(count)))
        results.add("create", "%s: wall time per create task (median item)" % kind.upper(), "%.3f s" % per_item(task), "", None, cmd)
        if task["changed"] != count:
            raise RuntimeError("%s: expected %d changed items, got %d" % (names[kind], count, task["changed"]))


def bench_noop(emulator, runner, results, args, count):
    state = emulator.admin("GET", "state")["counts"]
    if not all(state.get(key, 0) >= count for key in ("drs_connections", "dli_connections", "eg_connections")):
        runner.run("connections.yml", {"bench_count": count})
    token = emulator.token()
    cmd = command_for("noop", args)
    variables = {"bench_count": count, "bench_token": token, "bench_url": emulator.url, "bench_project_id": PROJECT_ID}
    samples = {kind: {"ours": [], "uri": [], "reads": [], "iam": []} for kind in TYPES}
    for _run in range(args.repeat):
        emulator.admin("DELETE", "requests")
        tasks, _wall, _rss = runner.run("noop.yml", variables)
        log = emulator.log()
        for kind, name, uri_name in (("drs", "DRS connections", "DRS list URL with ansible.builtin.uri"),
                                     ("dli", "DLI enhanced connections", "DLI list URL with ansible.builtin.uri"),
                                     ("eg", "EG connections", "EG list URL with ansible.builtin.uri")):
            if tasks[name]["changed"]:
                raise RuntimeError("no-op run changed %d %s" % (tasks[name]["changed"], name))
            samples[kind]["ours"].append(per_item(tasks[name]))
            samples[kind]["uri"].append(per_item(tasks[uri_name]))
            samples[kind]["reads"].append(len(by_service(log, kind, auth="aksk")) / float(count))
        samples["drs"]["iam"].append(len(iam_tokens(log)))
    for kind in TYPES:
        reads = max(samples[kind]["reads"])
        results.add("noop", "%s: API requests per no-op resource (AK/SK)" % kind.upper(), "%.2f" % reads, "exactly 1 read",
                    reads == 1.0, cmd)
        ours, uri = median(samples[kind]["ours"]), median(samples[kind]["uri"])
        results.add("noop", "%s: wall time per no-op task vs uri GET (median item, %d runs)" % (kind.upper(), args.repeat),
                    "%.3f s / %.3f s = %.2fx" % (ours, uri, ours / uri), "<= 1.10x", ours / uri <= 1.10, cmd)
    results.add("noop", "IAM token requests in a no-op run with AK/SK", "%d" % max(samples["drs"]["iam"]), "0",
                max(samples["drs"]["iam"]) == 0, cmd)


def bench_password(emulator, runner, results, args, count):
    state = emulator.admin("GET", "state")["counts"]
    if not all(state.get(key, 0) >= count for key in ("drs_connections", "dli_connections", "eg_connections")):
        runner.run("connections.yml", {"bench_count": count})
    emulator.admin("DELETE", "requests")
    tasks, _wall, _rss = runner.run("connections.yml", {"bench_count": count}, auth="password")
    log = emulator.log()
    total = sum(task["items"] for task in tasks.values())
    results.add("noop", "IAM token requests in a no-op run with password auth (%d tasks)" % total, "%d" % len(iam_tokens(log)),
                "<= 1 per run", len(iam_tokens(log)) <= 1, command_for("password", args))


def bench_batch(emulator, runner, results, args, count=100, concurrency=4):
    emulator.admin("POST", "reset")
    # Warm-up: the emulator's first connection test starts its probe machinery (~90 ms once); not the module's cost.
    runner.run("batch.yml", {"bench_job_id": JOB_ID, "bench_count": 10, "bench_per_endpoint": False})
    emulator.admin("DELETE", "requests")
    tasks, _wall, _rss = runner.run("batch.yml", {"bench_job_id": JOB_ID, "bench_count": count, "bench_concurrency": concurrency})
    log = emulator.log()
    cmd = command_for("batch", args)
    batch = tasks["All endpoints in one batched task"]
    single = tasks["One task per endpoint"]
    batch_time = batch["end"] - batch["start"]
    single_time = single["end"] - single["start"]
    results.add("batch", "%d endpoints: one batched task vs one task per endpoint" % count,
                "%.2f s vs %.1f s = %.0fx faster" % (batch_time, single_time, single_time / batch_time), ">= 20x faster",
                single_time / batch_time >= 20, cmd)
    first = log[:1 + int(math.ceil(count / 10.0))]  # the batched task's requests: the job status check + the test requests
    tests = [r for r in first if r["path"].endswith("/batch-connection")]
    if len(tests) != int(math.ceil(count / 10.0)):
        raise RuntimeError("expected %d batch requests first in the log, got %d" % (math.ceil(count / 10.0), len(tests)))
    starts = [parse_time(r["time"]) - r["duration_ms"] / 1000.0 for r in first]
    ends = [parse_time(r["time"]) for r in first]
    span = max(ends) - min(starts)
    round_trip = median([r["duration_ms"] / 1000.0 for r in tests])
    ideal_rounds = math.ceil(count / 10.0) / float(concurrency)
    ideal = ideal_rounds * round_trip
    results.add("batch", "API time of the batched task vs ideal ceil(%d/10)/%d = %.1f round trips" % (count, concurrency, ideal_rounds),
                "%.3f s / %.3f s = %.2fx" % (span, ideal, span / ideal), "<= 1.5x", span / ideal <= 1.5, cmd)
    results.add("batch", "requests of the batched task (status pre-check + tests)", "%d + %d" % (len(first) - len(tests), len(tests)),
                "", None, cmd)
    results.add("batch", "batched task wall time incl. module start (%d endpoints)" % count, "%.2f s" % batch_time, "", None, cmd)
    results.note("Batch verification: the module first asks the job status of every distinct job (one request) and then sends the "
                 "tests in waves of `concurrency` requests of 10 endpoints, so %d endpoints take 1 + ceil(%d/%d) = %d sequential "
                 "round trips against the ideal %.1f." % (count, int(math.ceil(count / 10.0)), concurrency,
                                                          1 + int(math.ceil(math.ceil(count / 10.0) / concurrency)), ideal_rounds))


def import_time(modules, runs):
    """Median seconds to import ``modules`` in a fresh interpreter (interpreter start-up excluded)."""
    code = ("import importlib, time\nstarted = time.perf_counter()\nfor name in %r:\n    importlib.import_module(name)\n"
            "print(time.perf_counter() - started)" % (list(modules),))
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    if ROOT.endswith(os.path.join("ansible_collections", "hwcloud", "connections")):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [os.path.dirname(os.path.dirname(os.path.dirname(ROOT))), env.get("PYTHONPATH")]))
    values = []
    for _run in range(runs):
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        values.append(float(out.stdout.strip()))
    return median(values)


def heavy_imports(modules):
    """Cumulative import time (ms) of pydantic, requests and our model modules, from ``-X importtime``."""
    env = dict(os.environ)
    if ROOT.endswith(os.path.join("ansible_collections", "hwcloud", "connections")):
        env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "; ".join("import %s" % m for m in modules)], env=env,
                         capture_output=True, text=True, check=True)
    found = {}
    for line in out.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].strip()
            if name in ("pydantic", "requests", "ansible.module_utils.basic") or ".models." in name:
                found[name] = max(found.get(name, 0), int(parts[1].strip()) / 1000.0)
    return found


def bench_imports(results, args, runs=9):
    cmd = command_for("imports", args)
    # Each candidate: `runs` fresh interpreters, median; uri first, then the SDK, then our modules.
    uri = import_time(URI_IMPORTS, runs)
    sdk = import_time(SDK_IMPORTS, runs)
    results.add("imports", "ansible.builtin.uri imports (basic + urls)", "%.0f ms" % (uri * 1000), "baseline", None, cmd)
    for name in MODULES:
        ours = import_time((COLLECTION + ".plugins.modules." + name, CLIENT), runs)
        results.add("imports", "%s imports (module + client) vs uri" % name, "%.0f ms = %.2fx" % (ours * 1000, ours / uri), "<= 1.25x",
                    ours / uri <= 1.25, cmd)
    results.add("imports", "official SDK DRS v5 client (huaweicloudsdkdrs.v5 + core credentials)", "%.0f ms = %.2fx uri" % (sdk * 1000, sdk / uri),
                "reported", None, cmd)
    parts = heavy_imports((COLLECTION + ".plugins.modules.drs_connection", CLIENT))
    results.note("Where drs_connection's import time goes (cumulative, one `python -X importtime` run): "
                 + ", ".join("%s %.0f ms" % (k, v) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])) + ".")


def bench_scale(emulator, runner, results, args):
    count = args.scale_count
    emulator.admin("POST", "reset")
    cpu_before = emulator.cpu_seconds()
    tasks, wall, rss = runner.run("scale.yml", {"bench_job_id": JOB_ID, "bench_count": count})
    cpu = emulator.cpu_seconds() - cpu_before
    cmd = command_for("scale", args)
    state = emulator.admin("GET", "state")
    names = [c["name"] for c in state["drs_connections"] if c["name"].startswith("scale-drs-")]
    if len(names) != count or len(set(names)) != count:
        raise RuntimeError("scale: expected %d connections, found %d" % (count, len(names)))
    create, verify, noop = (tasks["Create the DRS connections"], tasks["Verify every endpoint in one batched task"],
                            tasks["Declare the DRS connections again (no-op)"])
    if create["changed"] != count or noop["changed"] != 0:
        raise RuntimeError("scale: %d created, %d changed on the re-run" % (create["changed"], noop["changed"]))
    results.add("scale", "%d endpoints: total playbook wall time (create + verify + no-op)" % count, "%.0f s" % wall, "", None, cmd)
    results.add("scale", "create: total / per item (median)", "%.0f s / %.3f s" % (create["end"] - create["start"], per_item(create)), "",
                None, cmd)
    results.add("scale", "verify all %d in one batched task" % count, "%.2f s" % (verify["end"] - verify["start"]), "", None, cmd)
    results.add("scale", "no-op re-run: total / per item (median)", "%.0f s / %.3f s" % (noop["end"] - noop["start"], per_item(noop)), "",
                None, cmd)
    results.add("scale", "emulator CPU time for the whole playbook", "%.1f s (%.1f ms per API request)" % (
        cpu, 1000 * cpu / max(1, len(emulator.log()))), "", None, cmd)
    results.add("scale", "peak RSS of the controller (ansible-playbook)", "%.0f MiB" % rss, "", None, cmd)


# -- report ------------------------------------------------------------------------------------------


def write_report(path, results, args, elapsed):
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python bench/run.py`) on %s: Python %s, %s, %d CPUs; ansible-playbook against the emulator "
        "with a fixed injected API latency of %d ms on every API route (emulator fault rule `latency_ms`). "
        "Every comparison is made side by side in the same run; times are medians (of loop items within a run and of %d runs "
        "for the no-op comparison). Total benchmark time: %.0f s." % (
            datetime.date.today().isoformat(), platform.python_version(), platform.platform(terse=True), os.cpu_count() or 0,
            args.latency_ms, args.repeat, elapsed),
        "",
        "| Section | Figure | Value | Target | Status | Reproduce |",
        "|---|---|---|---|---|---|",
    ]
    for row in results.rows:
        lines.append("| %(section)s | %(figure)s | %(value)s | %(target)s | %(status)s | %(command)s |" % row)
    for title, header, rows in results.tables:
        lines += ["", "### " + title, "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += ["", "## Notes", ""] + ["- " + note for note in results.notes]
    lines += ["", "Run from the built collection tree (`make bench` does it: `make tree`, then `bench/run.py` inside "
              "`build/collections/ansible_collections/hwcloud/connections`). See bench/README.md for what each figure measures "
              "and the analysis of every missed target.", ""]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections: %s" % ", ".join(SECTIONS))
    parser.add_argument("--repeat", type=int, default=2, help="runs of the no-op comparison (median)")
    parser.add_argument("--count", type=int, default=50, help="resources per type for create/no-op")
    parser.add_argument("--scale-count", type=int, default=500)
    parser.add_argument("--fleet-sizes", default=FLEET_SIZES, help="endpoint counts of the fleet section, comma-separated")
    parser.add_argument("--fleet-role-sample", type=int, default=20, help="endpoints run through the per-endpoint roles")
    parser.add_argument("--estate-count", type=int, default=5000, help="connections per service the inventory plugin lists")
    parser.add_argument("--drift-count", type=int, default=1000, help="endpoints the drift runbook compares")
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--output", default=None, help="report file (default: bench/results.md with every section, else none)")
    parser.add_argument("--workdir", default=os.path.join(HERE, "output"))
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise SystemExit("unknown sections: %s" % ", ".join(sorted(unknown)))
    output = args.output or (os.path.join(HERE, "results.md") if set(sections) == set(SECTIONS) else None)
    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    started = time.monotonic()
    results = Results()
    emulator = Emulator(args.workdir, args.latency_ms).start()
    try:
        runner = Runner(emulator, args.workdir)
        if "create" in sections:
            bench_create(emulator, runner, results, args, args.count)
        if "noop" in sections:
            bench_noop(emulator, runner, results, args, args.count)
        if "password" in sections:
            bench_password(emulator, runner, results, args, args.count)
        if "batch" in sections:
            bench_batch(emulator, runner, results, args)
        if "imports" in sections:
            bench_imports(results, args)
        if "scale" in sections:
            bench_scale(emulator, runner, results, args)
        if "fleet" in sections:
            fleet.bench_fleet(emulator, runner, results, args, command_for("fleet", args))
        if "estate" in sections:
            estate.bench_estate(emulator, runner, results, args, command_for("estate", args))
    finally:
        emulator.stop()
    elapsed = time.monotonic() - started
    print("\nbenchmarks took %.0f s" % elapsed)
    for note in results.notes:
        print("note: " + note)
    if output:
        write_report(output, results, args, elapsed)
        print("wrote %s" % output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

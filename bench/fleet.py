# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fleet section of bench/run.py: a whole fleet of endpoints declared and verified by the endpoints runbook.

For every size of ``--fleet-sizes`` (default 100,1000,10000) on a reset emulator: the runbook
``hwcloud.connections.endpoints`` once on an empty emulator (creates) and once more (a no-op), each a separate
``ansible-playbook`` run: wall time, API requests (emulator request log), writes and reads of the no-op run against
the bound "one listing per service + the batch connection test calls", ``changed`` from the play recap and the
controller's peak RSS (``wait4``). Then, in the same run, a sample of ``--fleet-role-sample`` endpoints through the
per-endpoint role path (one ``mysql_endpoint``/``kafka_endpoint`` role run per endpoint) for the per-endpoint
comparison. Wall-time targets apply at 1,000 endpoints (and their own at 10,000); the controller's CPU time
(``ansible-playbook`` and its children: the modules) and the emulator's CPU per request are reported next to them,
since they do not depend on the machine's load as wall time does.
"""

from __future__ import annotations

import math
import sys

from benchlib import COLLECTIONS_PATH, IN_TREE, JOB_ID, PROJECT_ID, REGION, ACCESS_KEY, SECRET_KEY

HEADLINE = 1000
LARGE = 10000
# Targets (issue 21): wall seconds at HEADLINE and at LARGE, controller peak RSS at LARGE.
TARGETS = {HEADLINE: {"create": 10.0, "noop": 4.0}, LARGE: {"create": 60.0, "noop": 25.0}}
RSS_LIMIT_MIB = 400
VPC = {"vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11", "subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529"}
KAFKA_INSTANCE = "6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d"
LISTS = {"drs": "/v5/%s/connections" % PROJECT_ID, "eg": "/v1/%s/connections" % PROJECT_ID,
         "dli": "/v2.0/%s/datasource/enhanced-connections" % PROJECT_ID}
BATCH_CALLS = ("/jobs/batch-connection", "/jobs/batch-status")
READ_ONLY_POSTS = BATCH_CALLS + ("/v3/%s/jobs" % PROJECT_ID, "/v3/auth/tokens")
BATCH_SIZE = 10  # connection tests per batch-connection call (the API's maximum)


def endpoints(prefix, count):
    """``count`` endpoint entries in the format of playbooks/vars/emulator_example.yml: 60 % MySQL (a DRS connection),
    40 % Kafka (an EG connection), 20 % of all with a DLI enhanced connection (spread over both kinds in the same
    proportion). Addresses are documentation-style private addresses the emulator simulates and never dials. Each
    endpoint has passwords of its own, as a real fleet has (every one is a no_log value Ansible and the modules mask);
    the Kafka endpoints share one trust store (one CA)."""
    mysql = int(round(count * 0.6))
    kafka = count - mysql
    dli = int(round(count * 0.2))
    mysql_dli = int(round(dli * 0.6))
    kafka_dli = dli - mysql_dli
    dli_prefix = prefix.replace("-", "_")
    entries = []
    for n in range(mysql):
        host = "192.168.%d.%d" % (10 + n // 250, n % 250 + 1)
        entry = dict(VPC, name="%s-mysql-%d" % (prefix, n), kind="mysql", host=host, port=3306, user="probe",
                     password="bench-db-%05d-password" % n)
        if n < mysql_dli:
            entry["dli_connection"] = {"name": "%s_mysql_dli_%d" % (dli_prefix, n), "hosts": [{"name": "db%d.internal" % n, "ip": host}]}
        entries.append(entry)
    for n in range(kafka):
        host = "192.168.%d.%d" % (100 + n // 250, n % 250 + 1)
        entry = dict(VPC, name="%s-kafka-%d" % (prefix, n), kind="kafka", instance_id=KAFKA_INSTANCE,
                     bootstrap_servers=["%s:9093" % host], security_protocol="SASL_SSL", sasl_mechanism="PLAIN", user="producer",
                     password="bench-kafka-%05d-password" % n, trust_store_key_name="ts.pem", trust_store_key="bench-trust-store",
                     trust_store_password="bench-ts-%05d-password" % n)
        if n < kafka_dli:
            entry["dli_connection"] = {"name": "%s_kafka_dli_%d" % (dli_prefix, n),
                                       "hosts": [{"name": "broker%d.internal" % n, "ip": host}]}
        entries.append(entry)
    return entries


def expected_counts(entries):
    return {"drs_connections": sum(1 for e in entries if e["kind"] == "mysql"),
            "eg_connections": sum(1 for e in entries if e["kind"] == "kafka"),
            "dli_connections": sum(1 for e in entries if "dli_connection" in e)}


def runbook_vars(emulator, entries):
    """Runbook variables; the credentials stay in the environment (HW_ACCESS_KEY/HW_SECRET_KEY, set by the Runner)."""
    return {"hwcloud_endpoints": entries, "hwcloud_job_id": JOB_ID, "hwcloud_endpoint_url": emulator.url,
            "hwcloud_region": REGION, "hwcloud_project_id": PROJECT_ID}


def is_write(entry):
    return entry["method"] in ("POST", "PUT", "DELETE", "PATCH") and not entry["path"].endswith(READ_ONLY_POSTS)


def classify(log):
    """Requests of one run: list pages per service, batch test calls, other reads, writes."""
    kinds = {"drs": 0, "eg": 0, "dli": 0, "batch": 0, "other_reads": 0, "writes": 0}
    for entry in log:
        path = entry["path"].rstrip("/")
        if is_write(entry):
            kinds["writes"] += 1
        elif entry["method"] == "GET" and path in LISTS.values():
            kinds[next(kind for kind, list_path in LISTS.items() if list_path == path)] += 1
        elif path.endswith(BATCH_CALLS):
            kinds["batch"] += 1
        else:
            kinds["other_reads"] += 1
    return kinds


def reference_pages(url):
    """Pages of ONE complete listing per service, read with the collection's own client and listing helpers (DRS
    ``fetch_all``, DLI ``paginate``, EG ``ConnectionLister``): the list part of the no-op bound. A listing that cannot
    complete is reported as None with its error."""
    if IN_TREE and COLLECTIONS_PATH not in sys.path:
        sys.path.insert(0, COLLECTIONS_PATH)
    # pylint: disable=import-outside-toplevel,import-error
    from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth
    from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient
    from ansible_collections.hwcloud.connections.plugins.module_utils.eg import list_all
    from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError

    client = HuaweiCloudClient(REGION, AkSkAuth(ACCESS_KEY, SECRET_KEY), project_id=PROJECT_ID, endpoint_url=url)
    pages, errors = {}, {}
    calls = []
    original = client.get

    def counted(service, path, query=None):
        calls.append(service)
        return original(service, path, query)

    client.get = counted
    for kind, listing in (("drs", lambda: client.get("drs", "/v5/{project_id}/connections", {"fetch_all": True})),
                          ("dli", lambda: client.paginate("dli", "/v2.0/{project_id}/datasource/enhanced-connections",
                                                          "connections", id_key="id")),
                          ("eg", lambda: list_all(lambda query: client.get("eg", "/v1/{project_id}/connections", query).body,
                                                  {}, "GET /v1/{project_id}/connections"))):
        del calls[:]
        try:
            listing()
            pages[kind] = len(calls)
        except HuaweiCloudError as error:
            pages[kind], errors[kind] = None, str(error)[:200]
    return pages, errors


def task_spans(records) -> list:
    """(seconds, task name) per task name, summed over its runs (the runbooks share task names), longest first."""
    spans = {}
    for record in records:
        spans[record["name"]] = spans.get(record["name"], 0.0) + (record["end"] or record["start"]) - record["start"]
    return sorted(((span, name) for name, span in spans.items()), reverse=True)


def run_size(emulator, runner, count):
    """First run and no-op re-run of the endpoints runbook for ``count`` endpoints on a reset emulator."""
    emulator.admin("POST", "reset")
    entries = endpoints("fleet", count)
    variables = runbook_vars(emulator, entries)
    figures = {"count": count}
    for run in ("create", "noop"):
        emulator.admin("DELETE", "requests")
        emulator_cpu = emulator.cpu_seconds()
        tasks, wall, rss = runner.run("fleet.yml", variables)
        emulator_cpu = emulator.cpu_seconds() - emulator_cpu
        log = emulator.log()
        recap = runner.recap()
        figures[run] = {"wall": wall, "rss": rss, "requests": len(log), "kinds": classify(log), "changed": recap[1],
                        "tasks": len(tasks), "cpu": runner.last_cpu, "emulator_cpu": emulator_cpu,
                        "spans": task_spans(runner.last_records)}
    counts = emulator.admin("GET", "state")["counts"]
    for key, wanted in expected_counts(entries).items():
        if counts[key] != wanted:
            raise RuntimeError("fleet %d: %d %s in the emulator, expected %d" % (count, counts[key], key, wanted))
    figures["pages"], figures["page_errors"] = reference_pages(emulator.url)
    return figures


def run_roles(emulator, runner, sample):
    """The per-endpoint role path for ``sample`` endpoints (declared and verified, one role run each)."""
    entries = endpoints("roles", sample)
    emulator.admin("DELETE", "requests")
    _tasks, wall, _rss = runner.run("fleet_roles.yml", runbook_vars(emulator, entries))
    return {"count": sample, "wall": wall, "requests": len(emulator.log())}


def bench_fleet(emulator, runner, results, args, command):
    sizes = [int(size) for size in args.fleet_sizes.split(",") if size.strip()]
    measured = [run_size(emulator, runner, count) for count in sizes]
    headline = next((f for f in measured if f["count"] == HEADLINE), measured[-1])
    roles = run_roles(emulator, runner, args.fleet_role_sample)
    report(results, measured, headline, roles, command)


def report(results, measured, headline, roles, command):
    by_size = {figures["count"]: figures for figures in measured}
    for size in sorted(TARGETS):
        if size in by_size:
            wall_rows(results, by_size[size], command)
    if HEADLINE not in by_size:  # the wall-time targets are set for 1,000 and 10,000 endpoints: report the largest
        wall_rows(results, headline, command)
    if HEADLINE in by_size and LARGE in by_size:
        small, large = by_size[HEADLINE], by_size[LARGE]
        for run, what in (("create", "first run"), ("noop", "no-op")):
            ratio = (large[run]["wall"] / LARGE) / (small[run]["wall"] / HEADLINE)
            cpu = (large[run]["cpu"] / LARGE) / (small[run]["cpu"] / HEADLINE)
            results.add("fleet", "per-endpoint wall time (controller CPU), %d vs %d endpoints, %s" % (LARGE, HEADLINE, what),
                        "%.1f ms vs %.1f ms = %.2fx (CPU %.1f ms vs %.1f ms = %.2fx)" % (
                            1000 * large[run]["wall"] / LARGE, 1000 * small[run]["wall"] / HEADLINE, ratio,
                            1000 * large[run]["cpu"] / LARGE, 1000 * small[run]["cpu"] / HEADLINE, cpu),
                        "<= 1.00x (not rising)", ratio <= 1.0, command)
    for figures in measured:
        bound_rows(results, figures, command)
    n = headline["count"]
    runbook_per = headline["create"]["wall"] / n
    role_per = roles["wall"] / roles["count"]
    results.add("fleet", "per endpoint: runbook (%d, first run) vs per-endpoint roles (%d, one role run each)" % (n, roles["count"]),
                "%.3f s vs %.2f s = %.0fx less" % (runbook_per, role_per, role_per / runbook_per), ">= 20x less",
                role_per / runbook_per >= 20, command)
    results.add("fleet", "per-endpoint role path: API requests per endpoint", "%.1f" % (roles["requests"] / float(roles["count"])), "",
                None, command)
    largest = max(measured, key=lambda f: f["count"])
    rss = max(largest["create"]["rss"], largest["noop"]["rss"])
    results.add("fleet", "peak RSS of the controller (ansible-playbook) at %d endpoints, first run / no-op" % largest["count"],
                "%.0f MiB / %.0f MiB" % (largest["create"]["rss"], largest["noop"]["rss"]),
                "<= %d MiB" % RSS_LIMIT_MIB if largest["count"] == LARGE else "stated (%d MiB at 10,000)" % RSS_LIMIT_MIB,
                rss <= RSS_LIMIT_MIB if largest["count"] == LARGE else None, command)
    for run, what in (("create", "first run"), ("noop", "no-op")):
        figures = largest[run]
        results.add("fleet", "emulator CPU per API request at %d endpoints, %s" % (largest["count"], what), "%.2f ms (%.1f s for %d requests)" % (
            1000 * figures["emulator_cpu"] / max(1, figures["requests"]), figures["emulator_cpu"], figures["requests"]), "reported", None,
            command)
    for figures in measured:
        if figures["count"] in (HEADLINE, largest["count"]):
            spans = ", ".join("%s %.2f s" % (name, span) for span, name in figures["noop"]["spans"][:6])
            results.note("Fleet %d, where the %.1f s of the no-op run go: the six longest tasks (wall spans, each summed over the "
                         "runs of the same task name): %s; the rest is the other tasks and ansible-playbook's start."
                         % (figures["count"], figures["noop"]["wall"], spans))
    results.table("Fleet scaling: endpoints runbook, emulator with injected latency (`%s`)" % command.strip("`"),
                  ["endpoints", "create wall", "create per endpoint", "create requests (per endpoint)", "create controller CPU",
                   "no-op wall", "no-op per endpoint", "no-op requests (per endpoint)", "no-op controller CPU", "controller peak RSS",
                   "emulator CPU per request (create / no-op)"], [scaling_row(figures) for figures in measured])


def scaling_row(figures) -> list:
    size = figures["count"]
    row = ["%d" % size]
    for run in ("create", "noop"):
        row += ["%.1f s" % figures[run]["wall"], "%.1f ms" % (1000 * figures[run]["wall"] / size),
                "%d (%.2f)" % (figures[run]["requests"], figures[run]["requests"] / float(size)), "%.1f s" % figures[run]["cpu"]]
    row.append("%.0f MiB" % max(figures["create"]["rss"], figures["noop"]["rss"]))
    row.append(" / ".join("%.2f ms" % (1000 * figures[run]["emulator_cpu"] / max(1, figures[run]["requests"])) for run in ("create", "noop")))
    return row


def wall_rows(results, figures, command):
    """First run and no-op wall time against the targets of that size (1,000 or 10,000 endpoints), else reported."""
    n = figures["count"]
    create, noop = figures["create"], figures["noop"]
    target = TARGETS.get(n)
    results.add("fleet", "%d endpoints through the endpoints runbook: first run wall time (controller CPU)" % n,
                "%.1f s (%.1f s)" % (create["wall"], create["cpu"]), "<= %.0f s" % target["create"] if target else "(10 s at 1,000)",
                create["wall"] <= target["create"] if target else None, command)
    results.add("fleet", "%d endpoints: no-op re-run wall time (controller CPU), changed" % n,
                "%.1f s (%.1f s), changed=%d" % (noop["wall"], noop["cpu"], noop["changed"]),
                "<= %.0f s, changed=0" % target["noop"] if target else "changed=0 (4 s at 1,000)",
                (noop["wall"] <= target["noop"] if target else True) and noop["changed"] == 0, command)


def bound_rows(results, figures, command):
    """Writes (0) and reads of the no-op re-run against one listing per service plus the batch test calls."""
    kinds, pages = figures["noop"]["kinds"], figures["pages"]
    size = figures["count"]
    results.add("fleet", "%d endpoints: writes in the no-op re-run" % size, "%d" % kinds["writes"], "0", kinds["writes"] == 0, command)
    reads = figures["noop"]["requests"] - kinds["writes"]
    batch = int(math.ceil(size / float(BATCH_SIZE))) + 1  # the tests, plus the job status pre-check
    if None in pages.values():
        results.add("fleet", "%d endpoints: reads in the no-op re-run vs list pages + batch calls" % size,
                    "%d (lists %d/%d/%d DRS/EG/DLI, batch %d, other %d)" % (
                        reads, kinds["drs"], kinds["eg"], kinds["dli"], kinds["batch"], kinds["other_reads"]),
                    "bound not computable", False, command)
        results.note("Fleet %d: a reference listing failed, so the no-op read bound could not be computed: %s"
                     % (size, "; ".join("%s: %s" % item for item in sorted(figures["page_errors"].items()))))
        return
    bound = sum(pages.values()) + batch
    results.add("fleet", "%d endpoints: reads in the no-op re-run vs list pages + batch calls" % size,
                "%d vs %d (lists %d/%d/%d of %d/%d/%d DRS/EG/DLI pages, batch %d of %d, other %d)" % (
                    reads, bound, kinds["drs"], kinds["eg"], kinds["dli"], pages["drs"], pages["eg"], pages["dli"],
                    kinds["batch"], batch, kinds["other_reads"]),
                "<= bound", reads <= bound, command)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make demo`: the endpoints runbook against the embedded emulator and real protocol peers on 127.0.0.1.

Starts two MySQL-protocol servers (mysql-mimic), a Kafka broker (librdkafka mock cluster) and the Huawei
Cloud API emulator, seeds a DRS job in CONFIGURATION, runs ``hwcloud.connections.endpoints`` twice (the
second run must report changed=0) and stops everything it started, whatever happens. No root, no cloud
account. Needs the collection on ANSIBLE_COLLECTIONS_PATH (the Makefile builds it) and the venv's packages.

Usage: python demo/run_demo.py [--quiet-second-run]
Exit status: 0 when every endpoint verified ok and the second run changed nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(ROOT, "emulator"), os.path.join(ROOT, "tests", "support")]

from hwcloud_emulator.config import DEFAULTS  # noqa: E402  pylint: disable=wrong-import-position,import-error
from hwcloud_emulator.server import EmulatorServer  # noqa: E402  pylint: disable=wrong-import-position,import-error

# The protocol peers of the demo come from test packages a user's controller does not have (requirements-dev.txt).
DEMO_PACKAGES = ("pymysql", "mysql-mimic", "confluent-kafka")
MISSING = ""
try:
    import loopback  # noqa: E402  pylint: disable=wrong-import-position,import-error
except ImportError as missing:
    loopback = None
    MISSING = getattr(missing, "name", None) or str(missing)

REGION = "cn-north-4"
JOB = {"name": "demo-orders-to-kafka", "status": "CONFIGURATION", "job_type": "migration", "engine_type": "mysql-to-kafka"}
EMULATOR_CONFIG = {"delays": {"dli_peer_active": 0.5, "eg_connection_created": 0.5}}
RECAP = re.compile(r"^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


class Stopped(Exception):
    """SIGTERM/SIGHUP: unwind so every context manager stops what it started."""


def _raise_stopped(signum, _frame):
    raise Stopped(signal.Signals(signum).name)


def ansible_env(emulator_url: str) -> dict:
    """Credentials only as environment variables, the way an AWX credential injects them."""
    credentials = DEFAULTS["credentials"]["permanent"]
    env = dict(os.environ)
    env.update(
        HW_ACCESS_KEY=credentials["ak"],
        HW_SECRET_KEY=credentials["sk"],
        HW_REGION_NAME=REGION,
        HW_PROJECT_ID=DEFAULTS["projects"][REGION],
        HUAWEICLOUD_ENDPOINT_URL=emulator_url,
        ANSIBLE_CALLBACK_RESULT_FORMAT="yaml",
        ANSIBLE_DISPLAY_SKIPPED_HOSTS="false",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_RETRY_FILES_ENABLED="false",
    )
    if "ANSIBLE_COLLECTIONS_PATH" not in env and ROOT.endswith(os.path.join("ansible_collections", "hwcloud", "connections")):
        env["ANSIBLE_COLLECTIONS_PATH"] = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
    return env


def run_playbook(args: list, env: dict, echo) -> tuple[int, str]:
    """Run ansible-playbook, passing each output line to ``echo``; the child never outlives us."""
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook")] + args
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        for line in process.stdout:
            lines.append(line)
            echo(line)
        return process.wait(), "".join(lines)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()


def summary_and_recap(output: str) -> str:
    """The summary task and the PLAY RECAP of a run: what the second run shows."""
    start = output.find("TASK [Summary]")
    recap = output.find("PLAY RECAP")
    return (output[start:recap] if start >= 0 else "") + output[recap:]


def recap_counts(output: str) -> dict:
    found = RECAP.findall(output)
    if not found:
        raise RuntimeError("ansible-playbook printed no PLAY RECAP")
    _host, ok, changed, unreachable, failed = found[-1]
    return {"ok": int(ok), "changed": int(changed), "unreachable": int(unreachable), "failed": int(failed)}


def say(text: str) -> None:
    print("\n=== %s" % text, flush=True)


def demo(workdir: str, quiet_second_run: bool) -> int:
    with contextlib.ExitStack() as stack:
        say("Starting local protocol peers on 127.0.0.1 (no root needed)")
        orders = stack.enter_context(loopback.mysql_mimic_server("drs_orders", secrets.token_urlsafe(12)))
        billing = stack.enter_context(loopback.mysql_mimic_server("drs_billing", secrets.token_urlsafe(12)))
        kafka = stack.enter_context(loopback.kafka_broker())
        emulator = stack.enter_context(EmulatorServer(config=EMULATOR_CONFIG, port=0))
        print("MySQL (mysql-mimic)  orders  %s:%d" % (orders.host, orders.port))
        print("MySQL (mysql-mimic)  billing %s:%d" % (billing.host, billing.port))
        print("Kafka (librdkafka mock broker) %s" % kafka)
        print("Huawei Cloud API emulator      %s" % emulator.base_url)

        response = requests.post(emulator.base_url + "/_emulator/drs/jobs", json=JOB, timeout=10)
        response.raise_for_status()
        job = response.json()["job"]
        print("Seeded DRS job %s (%s) in status %s" % (job["name"], job["id"], job["status"]))

        runtime = os.path.join(workdir, "runtime-vars.json")
        with open(os.open(runtime, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as handle:
            json.dump({
                "demo_orders_mysql": {"host": orders.host, "port": orders.port, "user": orders.user, "password": orders.password},
                "demo_billing_mysql": {"host": billing.host, "port": billing.port, "user": billing.user, "password": billing.password},
                "demo_kafka_bootstrap": kafka,
            }, handle)
        env = ansible_env(emulator.base_url)
        args = ["hwcloud.connections.endpoints", "-i", os.path.join(ROOT, "playbooks", "inventory", "localhost.yml"),
                "-e", "@" + os.path.join(ROOT, "demo", "vars.yml"), "-e", "@" + runtime]

        say("Run 1: ansible-playbook %s" % " ".join(args[:1] + ["-i playbooks/inventory/localhost.yml", "-e @demo/vars.yml"]))
        rc, first = run_playbook(args, env, lambda line: print(line, end="", flush=True))
        counts = recap_counts(first)
        if rc != 0 or counts["failed"]:
            print("\nmake demo: the first run failed (exit %d)" % rc, file=sys.stderr)
            return 1

        say("Run 2: the same command again; nothing may change")
        rc, second = run_playbook(args, env, (lambda line: None) if quiet_second_run else (lambda line: print(line, end="", flush=True)))
        if quiet_second_run:
            print(summary_and_recap(second), end="", flush=True)
        counts = recap_counts(second)
        if rc != 0 or counts["failed"] or counts["changed"]:
            print("\nmake demo: the second run was not idempotent or failed (exit %d, %s)" % (rc, counts), file=sys.stderr)
            return 1
        say("Done: every endpoint verified ok, second run changed=0. Stopping the emulator, brokers and servers.")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet-second-run", action="store_true", help="show only the summary and recap of run 2")
    options = parser.parse_args()
    if loopback is None:
        print("The demo starts MySQL and Kafka protocol servers on 127.0.0.1 with the packages %s, which are test "
              "packages, not the collection's requirements (missing here: %s). It is meant for a source checkout: run "
              "`make demo` there (it installs them into its .venv), or `pip install %s` first. Without them, start the "
              "emulator alone: PYTHONPATH=<collection>/emulator python3 -m hwcloud_emulator --port 8080 --example-jobs"
              % (", ".join(DEMO_PACKAGES), MISSING, " ".join(DEMO_PACKAGES)), file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _raise_stopped)
    signal.signal(signal.SIGHUP, _raise_stopped)
    try:
        with tempfile.TemporaryDirectory(prefix="hwc-demo-") as workdir:
            return demo(workdir, options.quiet_second_run)
    except (Stopped, KeyboardInterrupt) as exc:
        print("\nmake demo: interrupted (%s); everything it started is stopped." % (exc or "SIGINT"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

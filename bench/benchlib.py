# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmark harness shared by bench/run.py, bench/fleet.py and bench/emulator_load.py: the emulator as a
subprocess, the ansible-playbook runner with its per-task timer and peak RSS, and the rows of the report."""

from __future__ import annotations

import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PLAYBOOKS = os.path.join(HERE, "playbooks")
REGION = "cn-north-4"
PROJECT_ID = "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01"
ACCESS_KEY = "EMULATORACCESSKEY001"
SECRET_KEY = "EMULATORSECRETKEY00000000000000000000001"
IAM_USER = {"HW_DOMAIN_NAME": "emulator-domain", "HW_USER_NAME": "emulator-user", "HW_PASSWORD": "emulator-password"}
JOB_ID = "b3c4d5e6-0000-4000-8000-0000bench001"
IN_TREE = ROOT.endswith(os.path.join("ansible_collections", "hwcloud", "connections"))
COLLECTIONS_PATH = os.path.dirname(os.path.dirname(os.path.dirname(ROOT))) if IN_TREE else None
RECAP = re.compile(r"^\S+\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


class Results:
    """Rows of the report: section, figure, value, target, status (met / MISSED / info), command."""

    def __init__(self):
        self.rows = []
        self.notes = []
        self.tables = []  # (title, header, rows): extra tables of the report (the fleet's scaling table)

    def add(self, section, figure, value, target="", met=None, command=""):
        status = "info" if met is None else ("met" if met else "MISSED")
        self.rows.append({"section": section, "figure": figure, "value": value, "target": target, "status": status,
                          "command": command})
        print("%-8s %-62s %-22s %-16s %s" % (section, figure[:62], value, target, status), flush=True)

    def note(self, text):
        self.notes.append(text)

    def table(self, title, header, rows):
        self.tables.append((title, header, rows))
        print("\n" + title)
        for row in [header] + rows:
            print("  " + " | ".join(str(cell) for cell in row))


class Emulator:
    """The emulator as a subprocess with a config file; admin API helpers."""

    def __init__(self, workdir, latency_ms):
        self.workdir = workdir
        config = {
            "delays": {"drs_job_configuration": 0.05, "dli_peer_active": 0.2, "eg_connection_created": 0.2},
            "drs": {"jobs": [{"id": JOB_ID, "name": "bench-job", "status": "CONFIGURATION", "job_type": "migration",
                              "engine_type": "mysql-to-mysql"}]},
            "faults": [{"latency_ms": latency_ms}] if latency_ms else [],
        }
        self.config_file = os.path.join(workdir, "emulator.json")
        with open(self.config_file, "w", encoding="utf-8") as handle:
            json.dump(config, handle)
        self.process = None
        self.url = None

    def start(self):
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "emulator"))
        with open(os.path.join(self.workdir, "emulator.log"), "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(  # pylint: disable=consider-using-with
                [sys.executable, "-m", "hwcloud_emulator", "--port", "0", "--config", self.config_file, "--log-level", "WARNING"],
                env=env, stdout=subprocess.PIPE, stderr=log, text=True)
        line = self.process.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError("the emulator did not start: %r" % line)
        self.url = line.rsplit(" ", 1)[-1].strip()
        return self

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process.stdout.close()

    def admin(self, method, path, body=None):
        response = requests.request(method, self.url + "/_emulator/" + path, json=body, timeout=30)
        response.raise_for_status()
        return response.json()

    def log(self):
        """The whole request log since it was last cleared; a log that dropped entries would give wrong counts."""
        answer = self.admin("GET", "requests")
        if answer.get("dropped"):
            raise RuntimeError("the emulator's request log dropped %d entries; counts would be wrong" % answer["dropped"])
        return answer["requests"]

    def cpu_seconds(self):
        with open("/proc/%d/stat" % self.process.pid, encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def token(self):
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "domain": {"name": IAM_USER["HW_DOMAIN_NAME"]}, "name": IAM_USER["HW_USER_NAME"], "password": IAM_USER["HW_PASSWORD"]}}},
            "scope": {"project": {"name": REGION}}}}
        response = requests.post(self.url + "/v3/auth/tokens", json=body, timeout=30)
        response.raise_for_status()
        return response.headers["X-Subject-Token"]


class Runner:
    """Runs the benchmark playbooks with a per-task timer and records peak RSS of ansible-playbook."""

    def __init__(self, emulator, workdir):
        self.emulator = emulator
        self.workdir = workdir
        self.counter = 0
        self.last_log = None
        self.last_records = None  # the timer's records of the last run (one per task run)
        self.last_cpu = None  # CPU seconds (user + system) of the last ansible-playbook and its waited-for children

    def env(self, auth="aksk"):
        env = dict(os.environ)
        for key in ("HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_SECURITY_TOKEN", "HW_DOMAIN_NAME", "HW_USER_NAME", "HW_PASSWORD",
                    "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"):
            env.pop(key, None)
        self.counter += 1
        env.update(
            HW_REGION_NAME=REGION, HW_PROJECT_ID=PROJECT_ID, HUAWEICLOUD_ENDPOINT_URL=self.emulator.url,
            ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"), ANSIBLE_CALLBACKS_ENABLED="bench_timer",
            ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_HOST_KEY_CHECKING="False", ANSIBLE_RETRY_FILES_ENABLED="False",
            ANSIBLE_NOCOLOR="1", ANSIBLE_LOCAL_TEMP=os.path.join(self.workdir, "ansible-tmp"),
            XDG_CACHE_HOME=os.path.join(self.workdir, "cache-%d" % self.counter),  # a fresh token cache per run
        )
        if IN_TREE:
            env["ANSIBLE_COLLECTIONS_PATH"] = COLLECTIONS_PATH
        if auth == "aksk":
            env.update(HW_ACCESS_KEY=ACCESS_KEY, HW_SECRET_KEY=SECRET_KEY)
        else:
            env.update(IAM_USER)
        return env

    def run(self, playbook, variables, auth="aksk"):
        """(tasks, wall seconds, peak RSS MiB of ansible-playbook and its waited-for children)."""
        timer = os.path.join(self.workdir, "timer-%d.json" % (self.counter + 1))
        env = self.env(auth)
        env["BENCH_TIMER_OUTPUT"] = timer
        varfile = os.path.join(self.workdir, "vars-%d.json" % self.counter)  # not on the command line: it may hold a token
        with open(varfile, "w", encoding="utf-8") as handle:
            json.dump(variables, handle)
        os.chmod(varfile, 0o600)
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
                   os.path.join(PLAYBOOKS, playbook), "-e", "@" + varfile]
        log = os.path.join(self.workdir, "%s-%d.log" % (playbook, self.counter))
        self.last_log = log
        started = time.monotonic()
        with open(log, "w", encoding="utf-8") as out:
            process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
            _pid, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - started
        self.last_cpu = usage.ru_utime + usage.ru_stime
        if process.returncode != 0:
            with open(log, encoding="utf-8") as handle:
                tail = handle.read()[-4000:]
            raise RuntimeError("%s failed (rc %s), see %s:\n%s" % (playbook, process.returncode, log, tail))
        with open(timer, encoding="utf-8") as handle:
            self.last_records = json.load(handle)["tasks"]
        return merge_tasks(self.last_records), wall, usage.ru_maxrss / 1024.0

    def recap(self):
        """(ok, changed, unreachable, failed) summed over the PLAY RECAP lines of the last run."""
        with open(self.last_log, encoding="utf-8") as handle:
            rows = RECAP.findall(handle.read())
        if not rows:
            raise RuntimeError("no PLAY RECAP in %s" % self.last_log)
        return tuple(sum(int(row[i]) for row in rows) for i in range(4))


def merge_tasks(records):
    """Task name -> totals over every time it ran (included task files run once per chunk)."""
    tasks = {}
    for record in records:
        task = tasks.setdefault(record["name"], {"start": record["start"], "end": record["end"], "items": 0, "changed": 0, "gaps": []})
        task["end"] = max(task["end"], record["end"] or record["start"])
        task["items"] += record["items"]
        task["changed"] += record["changed"]
        ends = [record["start"]] + record["item_ends"]
        task["gaps"].extend(b - a for a, b in zip(ends, ends[1:]))
    return tasks


def per_item(task):
    """Median wall time of one loop item (gaps between consecutive item results, over every run of the task)."""
    return median(task["gaps"])


def parse_time(text):
    return datetime.datetime.strptime(text.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()

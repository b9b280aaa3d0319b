# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ansible-core matrix of make test: every leg of tests/harness/matrix.yml in its own cached virtualenv.

Usage: python tests/harness/matrix.py --tree-root build/collections --cache build/matrix [--jobs 2]

Run with the .venv's Python (the emulator, MariaDB and Kafka stack of the integration tests runs there; only
ansible-playbook and the modules come from the leg's virtualenv). A virtualenv is reused while its key (core
version, exact interpreter version, pinned packages) is unchanged. One line per finished run, a table at the end;
each run's full output is in <cache>/logs/. Exit status 1 when a run that blocks failed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

import yaml
from packaging.version import InvalidVersion, Version

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODULE_PYTHONS = ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14")
# test_drift.py runs only on the suite's core: what it adds to test_targets and test_runbooks (list modules in check
# mode with diff, a runbook) is core-independent classification, and the matrix is the suite's longest part.
INTEGRATION_TESTS = ["tests/integration/test_targets.py", "tests/integration/test_runbooks.py", "tests/integration/test_galaxy.py",
                     "tests/integration/test_inventory.py", "tests/integration/test_canary_refused.py"]
PYTEST_SUMMARY = re.compile(r"^=*\s*(\d+ (?:passed|failed|error|skipped).*?) in [\d.]+s", re.MULTILINE)


@dataclasses.dataclass
class Run:
    core: str
    part: str
    pythons: list
    module_python: str | None = None
    module_pins: dict | None = None
    blocking: bool = True
    result: str = "not run"
    detail: str = ""
    seconds: float = 0.0
    controller: str = "-"
    modules: str = "-"

    @property
    def name(self) -> str:
        return "%s-%s" % (self.core, self.part)


def log(text: str) -> None:
    print("matrix: " + text, flush=True)


def minutes(seconds: float) -> str:
    return "%dm%02ds" % divmod(int(round(seconds)), 60)


def command(args: list, logfile: str | None = None, timeout: float = 3600, **kwargs) -> subprocess.CompletedProcess:
    """Run args; output goes to logfile (appended) when given, else is returned."""
    if logfile is None:
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False, **kwargs)
    with open(logfile, "a", encoding="utf-8") as handle:
        handle.write("$ %s\n" % " ".join(args))
        handle.flush()
        return subprocess.run(args, stdout=handle, stderr=subprocess.STDOUT, text=True, timeout=timeout, check=False, **kwargs)


def find_python(version: str) -> str | None:
    result = command([os.path.join(HERE, "find-python"), version], timeout=120)
    return result.stdout.strip() if result.returncode == 0 else None


def full_version(python: str) -> str:
    return command([python, "-c", "import platform; print(platform.python_version())"], timeout=60).stdout.strip()


def runtime_packages(overrides: dict | None = None) -> list:
    """requirements.txt, each narrowed to the version requirements-dev.txt (or overrides) pins, so the range is checked too."""
    pins = {}
    with open(os.path.join(ROOT, "requirements-dev.txt"), encoding="utf-8") as handle:
        for line in handle:
            match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line.strip())
            if match:
                pins[match.group(1).lower()] = match.group(2)
    pins.update({name.lower(): str(version) for name, version in (overrides or {}).items()})
    packages = []
    with open(os.path.join(ROOT, "requirements.txt"), encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                pin = pins.get(re.match(r"^[A-Za-z0-9_.-]+", line).group(0).lower())
                if pin:
                    line += ("," if re.search(r"[<>=!~]", line) else "") + "==" + pin
                packages.append(line)
    return packages


class Venvs:
    """Cached virtualenvs keyed by interpreter version and packages; each is built once, by one thread."""

    def __init__(self, cache: str):
        self.cache = cache
        self.locks = {}
        self.guard = threading.Lock()
        self.used = set()

    def get(self, python: str, packages: list, label: str, logfile: str) -> str:
        version = full_version(python)
        key = hashlib.sha256(json.dumps([version, packages]).encode()).hexdigest()[:10]
        path = os.path.join(self.cache, "venv-%s-py%s-%s" % (label, version, key))
        with self.guard:
            lock = self.locks.setdefault(path, threading.Lock())
            self.used.add(path)
        with lock:
            if os.path.exists(os.path.join(path, ".ready")):
                return path
            shutil.rmtree(path, ignore_errors=True)
            steps = [[python, "-m", "venv", path],
                     [os.path.join(path, "bin", "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + packages]
            for step in steps:
                if command(step, logfile, timeout=1200).returncode != 0:
                    shutil.rmtree(path, ignore_errors=True)
                    raise RuntimeError("could not build the virtualenv (%s); see %s" % (" ".join(packages), logfile))
            with open(os.path.join(path, ".ready"), "w", encoding="utf-8") as handle:
                handle.write(json.dumps({"python": version, "packages": packages}) + "\n")
            return path


def newest_release(newer_than: Version) -> str | None:
    """The newest ansible-core on the index (pre-releases too) of a minor after newer_than's, if there is one."""
    result = command([sys.executable, "-m", "pip", "index", "versions", "--pre", "--disable-pip-version-check", "ansible-core"], timeout=180)
    match = re.search(r"Available versions: (.*)", result.stdout)
    if result.returncode != 0 or not match:
        raise RuntimeError("pip index versions ansible-core failed: %s" % (result.stderr.strip().splitlines() or ["no output"])[-1])
    versions = []
    for text in match.group(1).split(","):
        try:
            versions.append(Version(text.strip()))
        except InvalidVersion:
            continue
    later = [version for version in versions if version.release[:2] > newer_than.release[:2]]
    return str(max(later)) if later else None


def pytest_summary(logfile: str) -> str:
    with open(logfile, encoding="utf-8", errors="replace") as handle:
        found = PYTEST_SUMMARY.findall(handle.read())
    return found[-1] if found else "no pytest summary"


def tail(logfile: str, lines: int = 40) -> str:
    with open(logfile, encoding="utf-8", errors="replace") as handle:
        return "".join(handle.readlines()[-lines:])


class Matrix:
    def __init__(self, args):
        self.args = args
        self.cache = os.path.abspath(args.cache)
        self.tree_root = os.path.abspath(args.tree_root)
        self.tree = os.path.join(self.tree_root, "ansible_collections", "hwcloud", "connections")
        self.venvs = Venvs(self.cache)
        self.python_bin = os.path.join(self.cache, "python-bin")
        os.makedirs(os.path.join(self.cache, "logs"), exist_ok=True)

    def plan(self) -> list:
        with open(self.args.spec, encoding="utf-8") as handle:
            spec = yaml.safe_load(handle)
        runs = [Run(leg["core"], part, leg["python"], leg.get("module_python"), leg.get("module_pins"))
                for leg in spec["legs"] for part in leg["parts"]]
        newest = max(Version(leg["core"]) for leg in spec["legs"])
        if "next" not in spec:
            return runs
        try:
            upcoming = newest_release(newest)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            log("next core: not checked (%s)" % exc)
            upcoming = None
        if upcoming:
            runs += [Run(upcoming, part, spec["next"]["python"], blocking=False) for part in spec["next"]["parts"]]
        else:
            log("next core: PyPI has no ansible-core newer than %d.%d" % newest.release[:2])
        return runs

    def link_pythons(self) -> None:
        """pythonX.Y links to every working interpreter, first on PATH for ansible-test (pyenv shims can fail)."""
        os.makedirs(self.python_bin, exist_ok=True)
        for version in MODULE_PYTHONS:
            link = os.path.join(self.python_bin, "python" + version)
            found = find_python(version)
            if os.path.lexists(link):
                os.unlink(link)
            if found:
                os.symlink(found, link)

    def interpreter(self, run: Run) -> str:
        for version in run.pythons:
            found = find_python(version)
            if found:
                return found
        raise RuntimeError("no working Python among %s for ansible-core %s" % (", ".join(run.pythons), run.core))

    def execute(self, run: Run) -> Run:
        logfile = os.path.join(self.cache, "logs", run.name + ".log")
        if os.path.exists(logfile):
            os.unlink(logfile)
        start = time.monotonic()
        try:
            python = self.interpreter(run)
            venv = self.venvs.get(python, ["ansible-core==" + run.core] + runtime_packages(), "core%s" % run.core, logfile)
            run.controller = run.modules = full_version(python)
            if run.part == "sanity":
                ok = self.sanity(run, venv, logfile)
            else:
                ok = self.integration(run, venv, logfile)
            run.result = "passed" if ok else "failed"
            if run.part == "integration":
                run.detail = pytest_summary(logfile)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            run.result, run.detail = "failed", str(exc)
        run.seconds = time.monotonic() - start
        blocking = "" if run.blocking else ", not blocking"
        log("ansible-core %s on Python %s (modules %s) %s: %s%s%s in %s" % (
            run.core, run.controller, run.modules, run.part, run.result, blocking,
            " (%s)" % run.detail if run.detail else "", minutes(run.seconds)))
        if run.result != "passed":
            print("---- last lines of %s ----\n%s----" % (logfile, tail(logfile)), flush=True)
        return run

    def sanity(self, run: Run, venv: str, logfile: str) -> bool:
        """ansible-test sanity of that core in a tree of its own (the full suite's sanity may run at the same time)."""
        tree_root = os.path.join(self.cache, "tree-" + run.core)
        self.venvs.used.add(tree_root)
        tree = os.path.join(tree_root, "ansible_collections", "hwcloud", "connections")
        if command([sys.executable, os.path.join(HERE, "build_tree.py"), ROOT, tree_root], logfile).returncode != 0:
            return False
        if not os.path.isdir(os.path.join(tree, ".git")) and command(["git", "init", "-q", tree], logfile).returncode != 0:
            return False
        bin_dir = os.path.join(venv, "bin")
        if command([os.path.join(bin_dir, "python"), os.path.join(HERE, "prepare_ansible_test.py")], logfile).returncode != 0:
            return False
        supported = command([os.path.join(bin_dir, "python"), "-c", "from ansible_test._util.target.common.constants import "
                             "REMOTE_ONLY_PYTHON_VERSIONS as r, CONTROLLER_PYTHON_VERSIONS as c; print(' '.join(r + c))"]).stdout.split()
        run.modules = ",".join(version for version in supported if os.path.exists(os.path.join(self.python_bin, "python" + version)))
        env = dict(os.environ, PATH=os.pathsep.join([self.python_bin, bin_dir, os.environ["PATH"]]))
        env.pop("ANSIBLE_COLLECTIONS_PATH", None)
        return command([os.path.join(bin_dir, "ansible-test"), "sanity", "--color", "no"], logfile, cwd=tree, env=env).returncode == 0

    def integration(self, run: Run, venv: str, logfile: str) -> bool:
        """The targets and runbook tests with this core's ansible-playbook; the stack itself runs in this Python."""
        env = dict(os.environ, HWCLOUD_TEST_ANSIBLE_BIN=os.path.join(venv, "bin"), ANSIBLE_COLLECTIONS_PATH=self.tree_root,
                   PYTHONPATH=os.pathsep.join([self.tree_root, os.path.join(ROOT, "emulator"), os.path.join(ROOT, "tests", "support")]))
        if run.module_python:
            python = find_python(run.module_python)
            if not python:
                raise RuntimeError("module Python %s not found" % run.module_python)
            modules = self.venvs.get(python, runtime_packages(run.module_pins), "modules", logfile)
            env["HWCLOUD_TEST_MODULE_PYTHON"] = os.path.join(modules, "bin", "python")
            run.modules = full_version(python)
        basetemp = os.path.join(self.cache, "tmp", run.name)
        os.makedirs(os.path.dirname(basetemp), exist_ok=True)
        args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", basetemp] + INTEGRATION_TESTS
        if self.args.workers > 1:
            args[3:3] = ["-n", str(self.args.workers)]
        return command(args, logfile, cwd=self.tree, env=env).returncode == 0

    def prune(self) -> None:
        """Remove the virtualenvs and trees no run used (older keys), so build/matrix does not grow."""
        for name in sorted(os.listdir(self.cache)):
            path = os.path.join(self.cache, name)
            if name.startswith(("venv-", "tree-")) and path not in self.venvs.used:
                log("removing unused %s" % name)
                shutil.rmtree(path, ignore_errors=True)

    def report(self, runs: list, seconds: float) -> str:
        lines = ["ansible-core matrix: %d runs in %s (jobs=%d)" % (len(runs), minutes(seconds), self.args.jobs),
                 "  %-11s %-11s %-19s %-12s %-8s %-8s %s" % ("core", "controller", "modules", "part", "result", "time", "detail")]
        for run in runs:
            lines.append("  %-11s %-11s %-19s %-12s %-8s %-8s %s" % (
                run.core, run.controller, run.modules, run.part, run.result, minutes(run.seconds),
                run.detail + ("" if run.blocking else " [next core: reported, not blocking]")))
        return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree-root", required=True, help="the directory holding ansible_collections/hwcloud/connections")
    parser.add_argument("--cache", required=True, help="where the virtualenvs, logs and report live")
    parser.add_argument("--spec", default=os.path.join(HERE, "matrix.yml"), help="the matrix definition (default: matrix.yml here)")
    parser.add_argument("--jobs", type=int, default=2, help="runs at the same time")
    parser.add_argument("--workers", type=int, default=1, help="pytest-xdist workers per integration run")
    parser.add_argument("--only", action="append", default=[], help="run only the runs named CORE-PART (repeatable)")
    args = parser.parse_args()
    start = time.monotonic()
    matrix = Matrix(args)
    runs = matrix.plan()
    if args.only:
        runs = [run for run in runs if run.name in args.only]
    matrix.link_pythons()
    # Longest first; the next core last, it never blocks.
    runs.sort(key=lambda run: (not run.blocking, run.part != "integration"))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        list(pool.map(matrix.execute, runs))
    if not args.only:
        matrix.prune()
    report = matrix.report(runs, time.monotonic() - start)
    with open(os.path.join(matrix.cache, "report.txt"), "w", encoding="utf-8") as handle:
        handle.write(report)
    print(report, end="", flush=True)
    failed = [run.name for run in runs if run.blocking and run.result != "passed"]
    if failed:
        log("FAILED: %s" % ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The first hour, replayed: the README's and the example vars header's commands, exactly as printed, in a shell
whose only tools are a fresh virtualenv with ansible-core and requirements.txt (cached under build/replay/), on the
built tarball, with a new HOME and nothing of this checkout on any path. The shell runs in a network namespace of
its own (only its loopback exists), so the documented port 8080 is the shell's own and nothing else can be dialled."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys

import pytest
from documented import header_commands, joined, readme_blocks  # pylint: disable=import-error
from stack import ROOT  # pylint: disable=import-error

sys.path.insert(0, os.path.join(ROOT, "tests", "harness"))
from matrix import Venvs, runtime_packages  # noqa: E402  pylint: disable=wrong-import-position,import-error

TREE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
CACHE = os.path.join(os.path.dirname(TREE_ROOT), "replay") if ROOT.endswith(
    os.path.join("ansible_collections", "hwcloud", "connections")) else os.path.join(ROOT, "build", "replay")
VARS_HEADER = "playbooks/vars/emulator_example.yml"
INVENTORY_HEADER = "playbooks/inventory/endpoints_example.yml"
# The machine's pip configuration (its package index) is not something the docs tell a user to set.
PASSED_ENV = ("LANG", "LC_ALL", "TERM", "PIP_FIND_LINKS", "PIP_CERT", "PIP_DEFAULT_TIMEOUT", "PIP_DISABLE_PIP_VERSION_CHECK")


def read(path: str) -> str:
    with open(os.path.join(ROOT, path), encoding="utf-8") as handle:
        return handle.read()


def ansible_core_pin() -> str:
    return re.search(r"^ansible-core==(\S+)", read("requirements-dev.txt"), re.MULTILINE).group(1)


@pytest.fixture(scope="module")
def fresh_venv():
    """ansible-core and requirements.txt only, on the interpreter this suite runs on; built once, then reused."""
    os.makedirs(CACHE, exist_ok=True)
    packages = ["ansible-core==" + ansible_core_pin()] + runtime_packages()
    with open(os.path.join(CACHE, ".lock"), "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # pytest-xdist workers share the cache
        venvs = Venvs(CACHE)
        return venvs.get(getattr(sys, "_base_executable", sys.executable), packages, "user", os.path.join(CACHE, "build.log"))


def own_network() -> list:
    """The prefix that runs a command in a new network namespace with its loopback up, if this machine allows it."""
    probe = subprocess.run(["unshare", "--net", "ip", "link", "set", "lo", "up"], capture_output=True, check=False)
    return ["unshare", "--net", "bash", "-c", 'ip link set lo up && exec bash "$0"'] if probe.returncode == 0 else []


def script(commands: list) -> str:
    """One shell session: each command echoed, then run; a background command is waited for until its port answers."""
    lines = ["set -e -o pipefail", "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT"]
    for command in commands:
        lines.append("echo %s" % shlex_quote("+++ " + command.replace("\\\n", " ")))
        lines.append(command)
        port = re.search(r"--port[ =](\d+)", command)
        if command.rstrip().endswith("&") and port:
            lines.append("for _ in $(seq 150); do (exec 3<>/dev/tcp/127.0.0.1/%s) 2>/dev/null && break; sleep 0.1; done"
                         % port.group(1))
    return "\n".join(lines) + "\n"


def shlex_quote(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"


def replay(commands: list, saved: dict, fresh_venv: str, tarball, tmp_path) -> subprocess.CompletedProcess:
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    shutil.copy(tarball, work / os.path.basename(tarball))
    for name, text in saved.items():
        (work / name).write_text(text + "\n")
    (tmp_path / "replay.sh").write_text(script(commands))
    env = {key: os.environ[key] for key in PASSED_ENV if key in os.environ}
    env.update(HOME=str(home), PATH=os.pathsep.join([os.path.join(fresh_venv, "bin"), "/usr/local/bin", "/usr/bin", "/bin"]),
               VIRTUAL_ENV=fresh_venv, PYTHONDONTWRITEBYTECODE="1", ANSIBLE_NOCOLOR="1")
    prefix = own_network()  # without one (not root), the documented port is the machine's: 8080 must be free
    return subprocess.run(prefix + [str(tmp_path / "replay.sh")] if prefix else ["bash", str(tmp_path / "replay.sh")],
                          cwd=work, env=env, capture_output=True, text=True, timeout=900, check=False)


def explain(result: subprocess.CompletedProcess) -> str:
    output = result.stdout + result.stderr
    failed = output.rsplit("+++ ", 1)[-1] if "+++ " in output else output
    return "exit %d; last command and its output:\n+++ %s\n\n(whole output: %d characters)\n%s" % (
        result.returncode, failed[-12000:], len(output), result.stderr[-3000:])


def readme() -> tuple:
    blocks, problems = readme_blocks(read("README.md"))
    return blocks, problems


def test_every_console_block_of_the_readme_is_replayed_or_says_why_not():
    blocks, problems = readme()
    assert not problems, problems
    assert [block for block in blocks if block.kind == "install"], "no installation steps marked <!-- replay: install -->"
    for block in blocks:
        if block.kind == "no-replay":
            assert block.argument, "README.md line %d: no-replay without a reason" % block.line
        if block.kind == "vars-header":
            assert block.commands() and set(block.commands()) <= set(header_commands(read(VARS_HEADER))), (
                "README.md line %d: not the commands of the header of %s" % (block.line, VARS_HEADER))


def rst_blocks(text: str, language: str) -> list:
    """The bodies of the `.. code-block:: <language>` blocks of an RST page, unindented."""
    found = []
    for match in re.finditer(r"^\.\. code-block:: %s\n\n((?:   .*\n|\n)+)" % language, text, re.MULTILINE):
        found.append("\n".join(line[3:] for line in match.group(1).rstrip("\n").split("\n")))
    return found


def test_the_docsite_guide_prints_only_what_is_replayed():
    """The scenario guide repeats the README's commands and role playbook: they must stay the replayed ones."""
    blocks, _problems = readme()
    guide = read(os.path.join("docs", "docsite", "rst", "guide_fleet.rst"))
    replayed = set(install_commands(blocks) + header_commands(read(VARS_HEADER)) + header_commands(read(INVENTORY_HEADER)))
    replayed |= {command for block in blocks if block.kind == "replay" for command in block.commands()}
    printed = [command for body in rst_blocks(guide, "console") for command in joined(body)]
    assert printed and not [command for command in printed if command not in replayed], printed
    assert set(rst_blocks(guide, "yaml")) <= set(saved_files(blocks).values())


def install_commands(blocks: list) -> list:
    return [command for block in blocks if block.kind == "install" for command in block.commands()]


def saved_files(blocks: list) -> dict:
    """The files the README tells a user to save (requirements.yml, playbooks), by name."""
    return {block.argument: block.text for block in blocks if block.kind == "save"}


def test_readme_commands_run_on_the_installed_tarball(fresh_venv, collection_tarball, tmp_path):
    blocks, _problems = readme()
    saved = saved_files(blocks)
    commands = install_commands(blocks) + [command for block in blocks if block.kind == "replay" for command in block.commands()]
    assert any("hwcloud_emulator" in command for command in commands), "the README starts no emulator"
    result = replay(commands, saved, fresh_venv, collection_tarball, tmp_path)
    assert result.returncode == 0, explain(result)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-8000:]
    assert re.findall(r"failed=0", output), output[-8000:]


def test_example_vars_walkthrough_runs_as_its_header_prints_it(fresh_venv, collection_tarball, tmp_path):
    """Also: the header sets no project id (the modules resolve it from IAM), and its RDS endpoint needs none
    (huawei-api.md section 11 #7)."""
    blocks, _problems = readme()
    header = header_commands(read(VARS_HEADER))
    assert [command for command in header if "hwcloud.connections.endpoints" in command], header
    assert not [command for command in header if "PROJECT_ID" in command], header
    assert "type: rds" in read(VARS_HEADER), "the example no longer has the RDS endpoint this test is also about"
    # The inventory example's header runs against the emulator the vars header started: before the teardown.
    header[-1:-1] = header_commands(read(INVENTORY_HEADER))
    result = replay(install_commands(blocks) + header, saved_files(blocks), fresh_venv, collection_tarball, tmp_path)
    assert result.returncode == 0, explain(result)
    output = result.stdout + result.stderr
    assert "3 of 3 endpoints verified ok" in output, output[-8000:]
    assert "Traceback" not in output


def test_demo_in_an_install_says_what_it_needs(fresh_venv, collection_tarball, tmp_path):
    """The demo needs the test servers' packages; in an install without them it says so, without a traceback."""
    blocks, _problems = readme()
    commands = install_commands(blocks) + ["python3 $HWC/demo/run_demo.py || echo demo-exit=$?"]
    result = replay(commands, saved_files(blocks), fresh_venv, collection_tarball, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, explain(result)
    assert "demo-exit=2" in output and "Traceback" not in output, output[-4000:]
    assert "pymysql" in output and "make demo" in output, output[-4000:]


def test_make_emulator_builds_no_virtualenv(tmp_path):
    """`make emulator` runs the emulator on the standard library: no .venv, no pip."""
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(os.path.join(ROOT, name), tmp_path / name)
    shutil.copytree(os.path.join(ROOT, "tests", "harness"), tmp_path / "tests" / "harness")
    result = subprocess.run(["make", "-n", "emulator"], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "hwcloud_emulator" in result.stdout
    assert "pip" not in result.stdout and "-m venv" not in result.stdout, result.stdout

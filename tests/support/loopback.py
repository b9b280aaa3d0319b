# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Throw-away database and broker servers on 127.0.0.1 for tests and the demo.

Each context manager binds 127.0.0.1 on a free port, yields where to connect, and on exit stops
everything it started and removes its temporary files:

* ``mariadb_server()`` - Debian's MariaDB server with a temporary datadir
  (install it with ``tests/support/install-system-deps.sh``);
* ``mysql_mimic_server(user, password)`` - a pure-Python MySQL protocol server (mysql-mimic);
* ``kafka_broker()`` - a librdkafka mock cluster in a child process.

Child processes get SIGTERM when the process that started them dies (Linux), so even a killed
test run leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import dataclasses
import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pymysql
from mysql_mimic import IdentityProvider, MysqlServer, NativePasswordAuthPlugin, User

HOST = "127.0.0.1"
MARIADB_START_TIMEOUT = 30.0
KAFKA_START_TIMEOUT = 15.0
_SBIN_PATH = "/usr/sbin:/usr/local/sbin:/usr/bin:/usr/local/bin"
_PR_SET_PDEATHSIG = 1


@dataclasses.dataclass(frozen=True)
class DatabaseServer:
    """Where a test database listens and the account created on it."""

    host: str
    port: int
    user: str
    password: str


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# --- MariaDB -------------------------------------------------------------------------------------

@contextlib.contextmanager
def mariadb_server(user: str = "hwc_probe", password: str | None = None) -> Iterator[DatabaseServer]:
    """Run a private mariadbd on 127.0.0.1 with one password-protected account (all privileges)."""
    server_binary = _find_binary("mariadbd", "mysqld")
    install_db = _find_binary("mariadb-install-db", "mysql_install_db")
    password = password or secrets.token_urlsafe(12)
    workdir = Path(tempfile.mkdtemp(prefix="hwc-mariadb-"))
    process = None
    try:
        _install_datadir(install_db, workdir)
        (workdir / "init.sql").write_text(_init_sql(user, password), encoding="utf-8")
        server = DatabaseServer(HOST, free_port(), user, password)
        process = _spawn(_mariadbd_command(server_binary, workdir, server.port), stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for_mariadb(process, server, workdir / "error.log")
        yield server
    finally:
        if process is not None:
            _stop(process, grace=30.0)
        shutil.rmtree(workdir, ignore_errors=True)


def _find_binary(*names: str) -> str:
    for name in names:
        found = shutil.which(name, path=_SBIN_PATH)
        if found:
            return found
    raise RuntimeError(
        f"None of {', '.join(names)} is installed: MariaDB server is missing. "
        "Run tests/support/install-system-deps.sh (as root) or apt-get install mariadb-server."
    )


def _run_as() -> list[str]:
    # mariadbd refuses to run as root unless told to; for other users --user only warns.
    return ["--user=root"] if os.geteuid() == 0 else []


def _install_datadir(install_db: str, workdir: Path) -> None:
    # A private tmpdir: the bootstrap's temporary tables collide in /tmp when two servers are set up at once.
    command = [install_db, "--no-defaults", f"--datadir={workdir / 'data'}", "--auth-root-authentication-method=normal",
               "--skip-test-db", f"--tmpdir={workdir}", *_run_as()]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"mariadb-install-db failed ({result.returncode}):\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def _init_sql(user: str, password: str) -> str:
    name, secret = _sql_string(user), _sql_string(password)
    # skip-name-resolve makes TCP clients '127.0.0.1'; 'localhost' covers the unix socket.
    return "".join(
        f"CREATE USER {name}@'{host}' IDENTIFIED BY {secret};\nGRANT ALL PRIVILEGES ON *.* TO {name}@'{host}';\n"
        for host in ("127.0.0.1", "localhost")
    )


def _sql_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _mariadbd_command(binary: str, workdir: Path, port: int) -> list[str]:
    return [
        binary, "--no-defaults", *_run_as(),
        f"--datadir={workdir / 'data'}", f"--socket={workdir / 'mysqld.sock'}", f"--pid-file={workdir / 'mysqld.pid'}",
        f"--log-error={workdir / 'error.log'}", f"--init-file={workdir / 'init.sql'}", f"--tmpdir={workdir}",
        "--skip-networking=0", f"--bind-address={HOST}", f"--port={port}", "--skip-name-resolve",
        "--innodb-buffer-pool-size=16M",
    ]


def _wait_for_mariadb(process: subprocess.Popen, server: DatabaseServer, error_log: Path) -> None:
    deadline = time.monotonic() + MARIADB_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mariadbd exited with {process.returncode} while starting:\n{_tail(error_log)}")
        try:
            pymysql.connect(host=server.host, port=server.port, user=server.user, password=server.password,
                            connect_timeout=1).close()
            return
        except pymysql.err.OperationalError:
            time.sleep(0.1)
    raise RuntimeError(f"mariadbd did not accept connections within {MARIADB_START_TIMEOUT:.0f} s:\n{_tail(error_log)}")


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no error log)"


# --- Kafka ---------------------------------------------------------------------------------------

@contextlib.contextmanager
def kafka_broker() -> Iterator[str]:
    """Run a one-broker librdkafka mock cluster in a child process; yield ``"127.0.0.1:PORT"``."""
    script = Path(__file__).with_name("kafka_mock.py")
    process = _spawn([sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        bootstrap = _read_line(process, KAFKA_START_TIMEOUT)
        if not bootstrap.startswith(HOST + ":"):
            raise RuntimeError(f"Kafka mock cluster did not announce a 127.0.0.1 broker (got {bootstrap!r}).")
        yield bootstrap
    finally:
        _stop(process, grace=5.0)


def _read_line(process: subprocess.Popen, timeout: float) -> str:
    ready, _unused, _unused = select.select([process.stdout], [], [], timeout)
    if not ready:
        raise RuntimeError(f"{process.args} printed nothing within {timeout:.0f} s.")
    return process.stdout.readline().strip()


# --- mysql-mimic ---------------------------------------------------------------------------------

class _OneUser(IdentityProvider):
    """Accept exactly one user and check its password with mysql_native_password."""

    def __init__(self, user: str, password: str) -> None:
        self._user = User(name=user, auth_string=NativePasswordAuthPlugin.create_auth_string(password),
                          auth_plugin=NativePasswordAuthPlugin.name)

    def get_plugins(self) -> list:
        return [NativePasswordAuthPlugin()]

    async def get_user(self, username: str) -> User | None:
        return self._user if username == self._user.name else None


@contextlib.contextmanager
def mysql_mimic_server(user: str, password: str) -> Iterator[DatabaseServer]:
    """Serve the MySQL protocol from a thread of this process (no root, no MariaDB needed)."""
    server = MysqlServer(identity_provider=_OneUser(user, password))
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="mysql-mimic", daemon=True)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(server.start_server(host=HOST, port=0), loop).result(timeout=10)
        yield DatabaseServer(HOST, server.sockets()[0].getsockname()[1], user, password)
    finally:
        with contextlib.suppress(Exception):  # the loop must stop even if closing fails
            asyncio.run_coroutine_threadsafe(_close_mimic(server), loop).result(timeout=5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        loop.close()


async def _close_mimic(server: MysqlServer) -> None:
    server.close()
    # wait_closed() also waits for open client connections; a probe never leaves one open.
    await asyncio.wait_for(server.wait_closed(), timeout=3)


# --- processes -----------------------------------------------------------------------------------

def _spawn(command: list[str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen(command, preexec_fn=_die_with_parent, **kwargs)  # pylint: disable=subprocess-popen-preexec-fn


def _die_with_parent() -> None:
    # Runs in the child before exec: ask Linux to SIGTERM it when the parent dies.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _stop(process: subprocess.Popen, grace: float) -> None:
    """SIGTERM (a clean shutdown for mariadbd), SIGKILL after the grace period; always reap."""
    if process.stdin:
        with contextlib.suppress(OSError):
            process.stdin.close()
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout:
        process.stdout.close()

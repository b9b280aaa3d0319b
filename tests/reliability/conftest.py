# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reliability suite: one in-process emulator per session (the integration stack's config), helpers to run modules
in-process and playbooks with ansible-playbook. Tests marked ``soak`` run in ``make soak`` only."""

from __future__ import annotations

import contextlib
import datetime
import importlib
import io
import ipaddress
import json
import os
import socket
import ssl
import sys
import traceback

import pytest
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "integration"))

from stack import REGION, emulator_config  # noqa: E402  pylint: disable=wrong-import-position,import-error
from hwcloud_emulator.config import DEFAULTS  # noqa: E402  pylint: disable=wrong-import-position,import-error
from hwcloud_emulator.server import EmulatorServer  # noqa: E402  pylint: disable=wrong-import-position,import-error

from hostile import HostileServer, Reply  # noqa: E402  pylint: disable=wrong-import-position,import-error

from ansible.module_utils.testing import patch_module_args  # noqa: E402  pylint: disable=wrong-import-position

COLLECTION = "ansible_collections.hwcloud.connections.plugins.modules."


def pytest_configure(config):
    config.addinivalue_line("markers", "soak: long-running reliability test, run by `make soak` (excluded from `make test`)")


class Emulator:
    """The running emulator and its admin API."""

    def __init__(self, server):
        self.server = server
        self.url = server.base_url

    def admin(self, method: str, path: str, body=None):
        response = requests.request(method, self.url + "/_emulator/" + path, json=body, timeout=10)
        response.raise_for_status()
        return response.json()

    def log(self) -> list:
        return self.admin("GET", "requests")["requests"]

    def state(self) -> dict:
        return self.admin("GET", "state")

    def auth_args(self, **overrides) -> dict:
        """Module arguments that reach the emulator with the permanent AK/SK."""
        args = {"endpoint_url": self.url, "region": REGION, "project_id": DEFAULTS["projects"][REGION],
                "access_key": DEFAULTS["credentials"]["permanent"]["ak"], "secret_key": DEFAULTS["credentials"]["permanent"]["sk"],
                "token_cache": False}
        args.update(overrides)
        return args

    def play_vars(self) -> dict:
        """Variables the reliability playbooks use for module_defaults."""
        return {"emulator_url": self.url, "hw_region": REGION, "hw_project_id": DEFAULTS["projects"][REGION],
                "hw_access_key": DEFAULTS["credentials"]["permanent"]["ak"],
                "hw_secret_key": DEFAULTS["credentials"]["permanent"]["sk"]}


def _loopback(host) -> bool:
    if host in ("localhost", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%", maxsplit=1)[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """In-process module runs may resolve and dial loopback only: a hostile value must never reach the internet,
    not even before the fix it tests."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if not _loopback(host):
            raise AssertionError("resolving non-loopback name %r" % (host,))
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(sock, address):
        if isinstance(address, tuple) and not _loopback(address[0]):
            raise AssertionError("connecting to non-loopback %r" % (address,))
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(scope="session")
def emulator_server():
    with EmulatorServer(config=emulator_config(), port=0) as server:
        yield Emulator(server)


@pytest.fixture
def emulator(emulator_server):
    emulator_server.admin("POST", "reset")
    return emulator_server


@pytest.fixture
def hostile(emulator):
    """A hostile server in front of the (reset) emulator; ``hostile.args(**options)`` points a module at it."""
    with HostileServer(emulator.url) as server:
        server.args = lambda **options: emulator.auth_args(endpoint_url=server.url, **options)
        yield server


@pytest.fixture
def sink():
    """A server that must never be reached (where a redirect or a hostile value would send a request)."""
    with HostileServer() as server:
        server.respond = lambda request: Reply(200, {})
        yield server


def _self_signed(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def tls_server(emulator, tmp_path):
    """A hostile server speaking TLS with a self-signed certificate (``server.cert``) in front of the emulator."""
    cert_file, key_file = _self_signed(tmp_path)
    with HostileServer(emulator.url) as server:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(cert_file), str(key_file))
        httpd = server._httpd  # pylint: disable=protected-access
        # Handshake in the handler thread, so every TCP connection is counted (a retry would be a second one).
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True, do_handshake_on_connect=False)
        httpd.handle_error = lambda *args: None
        server.url = server.url.replace("http://", "https://")
        server.cert = cert_file
        server.args = lambda **options: emulator.auth_args(endpoint_url=server.url, **options)
        yield server


class ModuleRun:
    """The outcome of one in-process module run: the JSON it printed, or the traceback of an uncaught exception."""

    def __init__(self, result, stdout, error):
        self.result = result
        self.stdout = stdout
        self.error = error

    @property
    def failed(self) -> bool:
        return bool(self.result and self.result.get("failed"))

    @property
    def msg(self) -> str:
        return str((self.result or {}).get("msg", ""))

    @property
    def warnings(self) -> list:
        """Warning texts (plain strings on older cores, structured events on 2.19+)."""
        texts = []
        for warning in (self.result or {}).get("warnings", []):
            if isinstance(warning, dict):
                warning = (warning.get("event") or {}).get("msg") or json.dumps(warning)
            texts.append(str(warning))
        return texts


def run_module(name: str, args: dict) -> ModuleRun:
    """Run ``plugins/modules/<name>.py``'s main() in this process with ``args``, as Ansible would."""
    module = importlib.import_module(COLLECTION + name)
    out = io.StringIO()
    error = None
    with patch_module_args(args), contextlib.redirect_stdout(out):
        try:
            module.main()
        except SystemExit:
            pass
        except Exception:  # pylint: disable=broad-exception-caught  # the test reports it as a traceback
            error = traceback.format_exc()
    text = out.getvalue()
    try:
        result = json.loads(text) if text.strip() else None
    except ValueError:
        result = None
        error = error or "output is not JSON: %r" % text[:500]
    return ModuleRun(result, text, error)

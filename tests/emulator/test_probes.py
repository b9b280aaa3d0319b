# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The DRS connection-test probes against real loopback servers, and the no-network rule."""

from __future__ import annotations

import base64
import datetime
import ipaddress
import os
import socket
import sys
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

# Standalone: works without a conftest or PYTHONPATH (equivalent to PYTHONPATH=emulator:tests/support).
_ROOT = Path(__file__).resolve().parents[2]
for _path in (_ROOT / "emulator", _ROOT / "tests" / "support"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

# pylint: disable=wrong-import-position
import loopback  # noqa: E402
from hwcloud_emulator import probes  # noqa: E402
from hwcloud_emulator.probes import probe_endpoint  # noqa: E402

TIMEOUT = 3.0
SETTINGS = {"timeout": TIMEOUT, "table": {}}
SUCCESS = {"success": True, "error_code": None, "error_msg": None}
P12_PASSWORD = "p12-S3cret"
KEY_STORE_PASSWORD = "keystore-S3cret"


def _probe(entry: dict, settings: dict | None = None) -> dict:
    """Probe and check what every result must satisfy: its shape and no secret in the message."""
    result = probe_endpoint(entry, settings or SETTINGS)
    assert set(result) == {"success", "error_code", "error_msg"}
    security = entry.get("kafka_security_config") or {}
    secrets = [security.get(key) for key in ("trust_store_password", "key_store_password", "key_password")]
    for secret in [entry.get("db_password"), *secrets]:
        if secret:
            assert secret not in (result["error_msg"] or "")
    return result


def _mysql_entry(server, password: str | None = None, db_type: str = "mysql") -> dict:
    return {"id": "job-1", "net_type": "eip", "db_type": db_type, "ip": server.host, "db_port": server.port,
            "db_user": server.user, "db_password": server.password if password is None else password,
            "ssl_link": False, "end_point_type": "so"}


def _kafka_entry(bootstrap: str, **security) -> dict:
    return {"id": "job-1", "net_type": "eip", "db_type": "kafka", "ip": bootstrap, "end_point_type": "ta",
            "kafka_security_config": security or {"type": "PLAINTEXT"}}


def _is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    return host == "localhost" or ipaddress.ip_address(host).is_loopback


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Fail the test if Python code connects anywhere but loopback."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(sock, address):
        assert _is_loopback(address), f"socket opened to {address}"
        return real_connect(sock, address)

    def connect_ex(sock, address):
        assert _is_loopback(address), f"socket opened to {address}"
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture(scope="module")
def mariadb():
    with loopback.mariadb_server() as server:
        yield server


@pytest.fixture(scope="module")
def mimic():
    with loopback.mysql_mimic_server("drs_user", "mimic-S3cret") as server:
        yield server


@pytest.fixture(scope="module")
def kafka():
    with loopback.kafka_broker() as bootstrap:
        yield bootstrap


def _self_signed(common_name: str, ca: bool):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True).sign(key, hashes.SHA256()))
    return key, cert


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.fixture(name="ca_stores", scope="module")
def fixture_ca_stores() -> dict:
    """A self-signed CA as base64 PEM and as base64 PKCS#12, the two formats the probes read."""
    key, cert = _self_signed("probe-test-ca", ca=True)
    p12 = pkcs12.serialize_key_and_certificates(b"ca", key, cert, None, serialization.BestAvailableEncryption(P12_PASSWORD.encode()))
    return {"pem": _b64(cert.public_bytes(serialization.Encoding.PEM)), "pkcs12": _b64(p12)}


@pytest.fixture(name="key_stores", scope="module")
def fixture_key_stores() -> dict:
    """A client certificate with its key (base64 PEM, base64 PKCS#12), and the certificate alone."""
    key, cert = _self_signed("probe-test-client", ca=False)
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    p12 = pkcs12.serialize_key_and_certificates(b"client", key, cert, None,
                                                serialization.BestAvailableEncryption(KEY_STORE_PASSWORD.encode()))
    return {"pem": _b64(cert_pem + key_pem), "pkcs12": _b64(p12), "cert_only": _b64(cert_pem)}


@pytest.fixture(name="closed_port")
def fixture_closed_port() -> int:
    return loopback.free_port()


# --- MySQL protocol ------------------------------------------------------------------------------

@pytest.mark.parametrize("db_type", ["mysql", "taurus"])
def test_mariadb_right_password_succeeds(mariadb, db_type):
    assert _probe(_mysql_entry(mariadb, db_type=db_type)) == SUCCESS


def test_mariadb_wrong_password_is_authentication_failure(mariadb):
    result = _probe(_mysql_entry(mariadb, password="Wrong-Pa55word"))
    assert result["success"] is False
    assert result["error_code"] == probes.ERR_AUTH_FAILED
    assert "authentication failed" in result["error_msg"]
    assert mariadb.user in result["error_msg"]
    assert mariadb.password not in result["error_msg"]


def test_mysql_closed_port_is_connection_refused(mariadb, closed_port):
    entry = {**_mysql_entry(mariadb), "db_port": closed_port}
    result = _probe(entry)
    assert result == {"success": False, "error_code": probes.ERR_CONNECTION_REFUSED,
                      "error_msg": f"Connection refused: 127.0.0.1:{closed_port}"}


def test_mysql_silent_server_times_out(mariadb):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # accepts the TCP handshake but never sends the MySQL greeting
        entry = {**_mysql_entry(mariadb), "db_port": silent.getsockname()[1]}
        started = time.monotonic()
        result = _probe(entry, {"timeout": 1.0})
    assert time.monotonic() - started < 3.0
    assert result["error_code"] == probes.ERR_TIMEOUT
    assert "timed out" in result["error_msg"]


def test_mysql_ssl_link_needs_tls_on_the_server(mariadb, ca_stores):
    # The test MariaDB has no TLS configured, so an ssl_link probe must fail rather than fall back.
    result = _probe(_mysql_entry(mariadb) | {"ssl_link": True, "ssl_cert_key": ca_stores["pem"]})
    assert result["error_code"] == probes.ERR_TLS


def test_mimic_right_password_succeeds_and_wrong_fails(mimic):
    assert _probe(_mysql_entry(mimic, db_type="mysql") | {"ip": "localhost"}) == SUCCESS
    result = _probe(_mysql_entry(mimic, password="not-it"))
    assert result["error_code"] == probes.ERR_AUTH_FAILED
    assert "authentication failed for user 'drs_user'" in result["error_msg"]


# --- Kafka ---------------------------------------------------------------------------------------

def _native_threads() -> int:
    return len(os.listdir(f"/proc/{os.getpid()}/task"))


def test_kafka_plaintext_succeeds_and_leaves_no_thread(kafka):
    before = _native_threads()
    assert _probe(_kafka_entry(kafka)) == SUCCESS
    assert _native_threads() == before


def test_kafka_closed_port_is_refused_quickly(closed_port):
    before = _native_threads()
    started = time.monotonic()
    result = _probe(_kafka_entry(f"127.0.0.1:{closed_port}"))
    assert time.monotonic() - started < TIMEOUT + 2
    assert result["error_code"] == probes.ERR_CONNECTION_REFUSED
    assert "Connection refused" in result["error_msg"]
    assert _native_threads() == before


def test_kafka_sasl_credentials_are_sent_but_never_returned(kafka):
    # The mock broker has no SASL: the failure proves the SASL settings reached librdkafka.
    entry = _kafka_entry(kafka, type="SASL_PLAINTEXT", sasl_mechanism="SCRAM-SHA-512") | {
        "db_user": "kafka_user", "db_password": "kafka-S3cret"}
    result = _probe(entry)
    assert result["error_code"] == probes.ERR_AUTH_FAILED
    assert "'kafka_user'" in result["error_msg"]


@pytest.mark.parametrize("store_format", ["pem", "pkcs12"])
def test_kafka_ssl_reads_pem_and_pkcs12_trust_stores(kafka, ca_stores, store_format):
    # The mock broker speaks plaintext: failing in the TLS handshake proves librdkafka took the CA.
    entry = _kafka_entry(kafka, type="SSL", trust_store_key=ca_stores[store_format], trust_store_password=P12_PASSWORD)
    result = _probe(entry)
    assert result["error_code"] == probes.ERR_TLS
    assert "TLS handshake" in result["error_msg"]


def test_kafka_pkcs12_with_wrong_password_is_a_tls_error(kafka, ca_stores):
    entry = _kafka_entry(kafka, type="SSL", trust_store_key=ca_stores["pkcs12"], trust_store_password="not-it")
    result = _probe(entry)
    assert result["error_code"] == probes.ERR_TLS
    assert "trust_store_key" in result["error_msg"]


def _key_store_entry(kafka, ca_stores, key_store_key: str, password: str = KEY_STORE_PASSWORD) -> dict:
    return _kafka_entry(kafka, type="SSL", trust_store_key=ca_stores["pem"], trust_store_key_name="ca.pem",
                        enable_key_store=True, key_store_key=key_store_key, key_store_key_name="client.p12",
                        key_store_password=password)


@pytest.mark.parametrize("store_format", ["pem", "pkcs12"])
def test_kafka_key_store_is_presented_to_a_loopback_broker(kafka, ca_stores, key_stores, store_format, monkeypatch):
    # librdkafka accepts the client certificate and key (it refuses a pair that does not match), and the
    # probe gets as far as the TLS handshake, which the plaintext mock broker fails.
    configs: list[dict] = []
    real_client = probes.AdminClient
    monkeypatch.setattr(probes, "AdminClient", lambda config: configs.append(config) or real_client(config))
    result = _probe(_key_store_entry(kafka, ca_stores, key_stores[store_format]))
    assert result["error_code"] == probes.ERR_TLS
    assert "TLS handshake" in result["error_msg"]
    (config,) = configs
    assert "BEGIN CERTIFICATE" in config["ssl.certificate.pem"] and "PRIVATE KEY" in config["ssl.key.pem"]


@pytest.mark.parametrize(("store", "password", "message"), [
    ("cert_only", KEY_STORE_PASSWORD, "key_store_key holds no private key."),
    ("pkcs12", "not-it", "key_store_key is neither PEM nor a PKCS#12 store this password opens"),
], ids=["no-private-key", "wrong-password"])
def test_kafka_unusable_key_store_is_a_tls_error(kafka, ca_stores, key_stores, store, password, message):
    result = _probe(_key_store_entry(kafka, ca_stores, key_stores[store], password))
    assert result["error_code"] == probes.ERR_TLS
    assert result["error_msg"].startswith(message)
    assert password not in result["error_msg"]


def test_kafka_jks_trust_store_is_reported_as_unsupported(kafka):
    jks = "/u3+7QAAAAIAAAAA"  # base64 of the JKS magic number and version
    result = _probe(_kafka_entry(kafka, type="SSL", trust_store_key=jks, trust_store_password="store-S3cret"))
    assert result["error_code"] == probes.ERR_TLS
    assert "JKS" in result["error_msg"]


# --- other engines -------------------------------------------------------------------------------

def test_tcp_probe_checks_every_mongodb_member(mariadb, closed_port):
    members = f"127.0.0.1:{mariadb.port},localhost:{mariadb.port}"
    assert _probe({"db_type": "mongodb", "ip": members, "db_port": 0}) == SUCCESS
    result = _probe({"db_type": "mongodb", "ip": f"{members},127.0.0.1:{closed_port}", "db_port": 0})
    assert result["error_code"] == probes.ERR_CONNECTION_REFUSED


def test_loopback_target_without_port_is_invalid():
    result = _probe({"db_type": "postgresql", "ip": "127.0.0.1"})
    assert result["error_code"] == probes.ERR_INVALID_ENDPOINT


# --- non-loopback targets: table only, never a socket ----------------------------------------------

@pytest.fixture(name="no_network")
def fixture_no_network(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, forbidden)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, forbidden)
    monkeypatch.setattr(probes, "AdminClient", forbidden)
    monkeypatch.setattr(probes.pymysql, "connect", forbidden)


TABLE = {
    "192.168.0.27:3306": {"success": False, "error_code": "DRS.10020001", "error_msg": "Connection refused: 192.168.0.27:3306"},
    "10.0.0.9": {"success": False, "error_code": "DRS.10020003", "error_msg": "authentication failed for user 'root'"},
}


@pytest.mark.parametrize(("entry", "expected"), [
    ({"db_type": "mysql", "ip": "192.168.0.27", "db_port": 3306}, TABLE["192.168.0.27:3306"]),
    ({"db_type": "mysql", "ip": "192.168.0.27", "db_port": 3307}, SUCCESS),
    ({"db_type": "postgresql", "ip": "10.0.0.9", "db_port": 5432}, TABLE["10.0.0.9"]),
    ({"db_type": "kafka", "ip": "10.0.0.8:9092,10.0.0.9:9092"}, TABLE["10.0.0.9"]),
    ({"db_type": "mongodb", "ip": "192.168.4.66:8635,192.168.4.83:8635", "db_port": 0}, SUCCESS),
    ({"db_type": "mysql", "ip": "db.example.com", "db_port": 3306}, SUCCESS),
    ({"db_type": "kafka", "ip": "localhost.example.com:9092"}, SUCCESS),
], ids=["table-ip-port", "default-success", "table-ip", "kafka-broker-list", "mongodb", "hostname", "localhost-lookalike"])
def test_non_loopback_comes_from_table(no_network, entry, expected):  # pylint: disable=unused-argument
    entry = {"db_user": "root", "db_password": "Remote-S3cret", **entry}
    assert _probe(entry, {"timeout": TIMEOUT, "table": TABLE}) == expected


def test_table_message_never_echoes_the_password(no_network):  # pylint: disable=unused-argument
    table = {"192.168.0.5": {"success": False, "error_code": "DRS.X", "error_msg": "bad password Remote-S3cret"}}
    result = _probe({"db_type": "mysql", "ip": "192.168.0.5", "db_port": 3306, "db_password": "Remote-S3cret"},
                    {"table": table})
    assert result["error_msg"] == "bad password ******"

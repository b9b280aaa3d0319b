# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Connectivity probes behind the emulated DRS batch connection test.

Only loopback targets (127.0.0.0/8, ::1, ``localhost``) are really contacted:

* MySQL-protocol types (``mysql``, ``taurus``, ``mariadb``): handshake and login with PyMySQL.
* ``kafka``: a metadata request with confluent-kafka's ``AdminClient``.
* anything else (postgresql, mongodb, oracle, gaussdbv5, ...): a TCP connect to every ``host:port``.

Any other address, including every host name except ``localhost``, is never resolved or
connected to: its result comes from the ``probe.table`` setting (``"ip:port"``, IPv6 as
``"[ip]:port"``, first, then ``"ip"``) and defaults to success. When an endpoint lists several addresses (MongoDB replica
members, Kafka brokers) every part must succeed; the first failure is returned. The loopback
Kafka brokers of one endpoint are probed together, as one cluster.

Endpoints on Huawei Cloud (an RDS instance, MySQL on ECS; see drs_endpoints) go to ``simulate_endpoint``
and are never contacted, not even on loopback: ``probe.instance_table`` keyed by instance id answers
first, then ``probe.table`` by address, and the default is success.

The error codes below are chosen by the emulator; they are UNCONFIRMED against the real service,
which only documents the ``DRS.XXXXXX`` format:

* ``DRS.10020001`` the TCP connection could not be established (refused, unreachable)
* ``DRS.10020002`` the connection or the login timed out
* ``DRS.10020003`` authentication failed (MySQL error 1045, Kafka SASL failure)
* ``DRS.10020004`` TLS failure, or a certificate the emulator cannot use
* ``DRS.10020005`` any other error reported by the database, broker or driver
* ``DRS.10020006`` the endpoint address or port is invalid

Kafka security (``kafka_security_config``) honoured on loopback: ``type`` as
``security.protocol``; ``sasl_mechanism`` with ``db_user``/``db_password``; ``trust_store_key``
as the CA when it is base64 PEM or PKCS#12 (with ``trust_store_password``); ``endpoint_algorithm``
(blank disables host name checks, as documented); ``enable_key_store`` with a PEM or PKCS#12
``key_store_key`` (``key_store_password``/``key_password``). Not honoured: JKS stores (librdkafka
cannot read them; the probe fails with a TLS error saying so) and ``delegation_tokens``.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import logging
import re
import socket
import ssl
import time

try:
    import pymysql
    HAS_PYMYSQL = True
except ImportError:  # the emulator still answers from the table without drivers
    HAS_PYMYSQL = False

try:
    from confluent_kafka import KafkaException
    from confluent_kafka.admin import AdminClient
    HAS_CONFLUENT_KAFKA = True
except ImportError:
    HAS_CONFLUENT_KAFKA = False

try:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    HAS_CRYPTOGRAPHY = True
except ImportError:
    HAS_CRYPTOGRAPHY = False

ERR_CONNECTION_REFUSED = "DRS.10020001"
ERR_TIMEOUT = "DRS.10020002"
ERR_AUTH_FAILED = "DRS.10020003"
ERR_TLS = "DRS.10020004"
ERR_DRIVER = "DRS.10020005"
ERR_INVALID_ENDPOINT = "DRS.10020006"

DEFAULT_TIMEOUT = 5.0
MYSQL_PROTOCOL_TYPES = frozenset({"mysql", "taurus", "mariadb"})
SECRET_MASK = "******"

_MYSQL_ACCESS_DENIED = 1045
_MYSQL_SSL_CONNECTION_ERROR = 2026
# list_topics() blocks for its whole timeout when no broker answers, so the Kafka probe asks in
# short slices and reads librdkafka's error events in between to fail fast.
_KAFKA_SLICE = 0.25
_SECRET_KEYS = ("db_password", "ssl_cert_key", "ssl_cert_password", "trust_store_key", "trust_store_password",
                "key_store_key", "key_store_password", "key_password")
_PEM_BLOCK = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----.+?-----END \1-----", re.DOTALL)

# librdkafka logs every failed connect attempt; the probe reports errors itself.
_RDKAFKA_LOG = logging.getLogger(__name__ + ".rdkafka")
_RDKAFKA_LOG.addHandler(logging.NullHandler())
_RDKAFKA_LOG.propagate = False


class ProbeFailure(Exception):
    """A classified probe failure: an error code and a message free of secrets."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def probe_endpoint(entry: dict, settings: dict) -> dict:
    """Test one TestEndPoint of a batch connection test and return its result.

    Returns ``{"success": bool, "error_code": str | None, "error_msg": str | None}``.
    Sockets are only ever opened to loopback addresses; see the module docstring.
    """
    timeout = float(settings.get("timeout") or DEFAULT_TIMEOUT)
    try:
        targets = _targets(entry)
        failed = _first_table_failure(settings, [target for target in targets if not _is_loopback(target[0])])
        if failed:
            return _redact(failed, entry)
        local = [(_loopback_address(host), port) for host, port in targets if _is_loopback(host)]
        if local:
            _probe_loopback(entry, local, timeout)
    except ProbeFailure as failure:
        return _redact(_result(False, failure.code, failure.message), entry)
    return _result(True)


def simulate_endpoint(entry: dict, settings: dict, instance_id: str | None) -> dict:
    """The result for an endpoint on Huawei Cloud (RDS instance, MySQL on ECS), which is never dialled, loopback
    address or not: ``probe.instance_table[instance_id]``, else ``probe.table`` by address, else success."""
    instances = settings.get("instance_table") or {}
    if instance_id and instance_id in instances:
        return _redact(_configured_result(instances[instance_id]), entry)
    try:
        failed = _first_table_failure(settings, _targets(entry))
    except ProbeFailure as failure:
        return _redact(_result(False, failure.code, failure.message), entry)
    return _redact(failed, entry) if failed else _result(True)


def _result(success: bool, code: str | None = None, message: str | None = None) -> dict:
    return {"success": success, "error_code": code, "error_msg": message}


def _redact(result: dict, entry: dict) -> dict:
    """Mask every secret of the entry wherever a driver may have echoed it."""
    message = result.get("error_msg")
    if message:
        for secret in _secrets(entry):
            message = message.replace(secret, SECRET_MASK)
    return {**result, "error_msg": message}


def _secrets(entry: dict) -> list[str]:
    security = entry.get("kafka_security_config") or {}
    values = [entry.get(key) for key in _SECRET_KEYS] + [security.get(key) for key in _SECRET_KEYS]
    return [str(value) for value in values if value]


def _first_table_failure(settings: dict, targets: list[tuple[str, int | None]]) -> dict | None:
    """The first failure ``probe.table`` configures for these addresses (none is contacted), else None."""
    table = settings.get("table") or {}
    for host, port in targets:
        for key in [host] if port is None else [_join(host, port), host]:
            if key in table:
                result = _configured_result(table[key])
                if not result["success"]:
                    return result
                break
    return None


def _configured_result(value: dict | None) -> dict:
    """A table value {success?, error_code?, error_msg?}: failed when it says so or carries an error code."""
    value = value or {}
    success = bool(value.get("success", not value.get("error_code")))
    return _result(success, value.get("error_code"), value.get("error_msg"))


# --- addresses -----------------------------------------------------------------------------------

def _targets(entry: dict) -> list[tuple[str, int | None]]:
    """Split ``ip`` (``host``, ``host:port`` or a comma-separated list) into (host, port) pairs."""
    raw = str(entry.get("ip") or "").strip()
    if not raw:
        raise ProbeFailure(ERR_INVALID_ENDPOINT, "The database IP address is empty.")
    default_port = entry.get("db_port") or None
    return [_split_host_port(part.strip(), default_port) for part in raw.split(",") if part.strip()]


def _split_host_port(text: str, default_port: int | None) -> tuple[str, int | None]:
    host, port = text, default_port
    if text.startswith("["):  # [v6]:port
        host, _sep, rest = text[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else default_port
    elif text.count(":") == 1:
        host, port = text.split(":")
    try:
        port = None if port in (None, "") else int(port)
    except ValueError as exc:
        raise ProbeFailure(ERR_INVALID_ENDPOINT, f"Invalid port in address: {text}") from exc
    if port is not None and not 0 < port < 65536:
        raise ProbeFailure(ERR_INVALID_ENDPOINT, f"Invalid port in address: {text}")
    return host, port


def _is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``; other names are never resolved."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _loopback_address(host: str) -> str:
    # Never let a resolver decide where "localhost" goes.
    return "127.0.0.1" if host.lower() == "localhost" else host


def _join(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


# --- loopback probes -----------------------------------------------------------------------------

def _probe_loopback(entry: dict, targets: list[tuple[str, int | None]], timeout: float) -> None:
    """Contact the loopback targets for real; raise ProbeFailure on the first failure."""
    for host, port in targets:
        if port is None:
            raise ProbeFailure(ERR_INVALID_ENDPOINT, f"No port given for {host} (set db_port or use host:port).")
    db_type = str(entry.get("db_type") or "").lower()
    if db_type == "kafka":
        _probe_kafka(entry, targets, timeout)
        return
    for host, port in targets:
        if db_type in MYSQL_PROTOCOL_TYPES:
            _probe_mysql(entry, host, port, timeout)
        else:
            _probe_tcp(host, port, timeout)


def _probe_tcp(host: str, port: int, timeout: float) -> None:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        raise _network_failure(exc, _join(host, port)) from None


def _network_failure(exc: BaseException, address: str) -> ProbeFailure:
    """Classify a socket-level error the way every probe reports it."""
    if isinstance(exc, ConnectionRefusedError):
        return ProbeFailure(ERR_CONNECTION_REFUSED, f"Connection refused: {address}")
    if isinstance(exc, TimeoutError):
        return ProbeFailure(ERR_TIMEOUT, f"Connection to {address} timed out")
    if isinstance(exc, ssl.SSLError):
        return ProbeFailure(ERR_TLS, f"TLS handshake with {address} failed: {exc}")
    if isinstance(exc, OSError) and exc.strerror:
        return ProbeFailure(ERR_CONNECTION_REFUSED, f"Cannot connect to {address}: {exc.strerror}")
    return ProbeFailure(ERR_DRIVER, f"Cannot connect to {address}: {exc}")


def _probe_mysql(entry: dict, host: str, port: int, timeout: float) -> None:
    if not HAS_PYMYSQL:
        raise ProbeFailure(ERR_DRIVER, "The emulator cannot test MySQL endpoints: PyMySQL is not installed.")
    user = str(entry.get("db_user") or "")
    try:
        connection = pymysql.connect(
            host=host, port=port, user=user, password=str(entry.get("db_password") or ""),
            connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout, ssl=_mysql_tls(entry),
        )
    except pymysql.err.MySQLError as exc:
        raise _mysql_failure(exc, user, _join(host, port)) from None
    connection.close()


def _mysql_failure(exc: Exception, user: str, address: str) -> ProbeFailure:
    code = exc.args[0] if exc.args else None
    if code == _MYSQL_ACCESS_DENIED:
        return ProbeFailure(ERR_AUTH_FAILED, f"Database authentication failed for user '{user}' on {address}: {exc.args[1]}")
    # PyMySQL wraps socket errors (2003/2013) and keeps the original exception.
    original = getattr(exc, "original_exception", None)
    if original is not None:
        return _network_failure(original, address)
    message = exc.args[1] if len(exc.args) > 1 else str(exc)
    if code == _MYSQL_SSL_CONNECTION_ERROR:
        return ProbeFailure(ERR_TLS, f"TLS connection to {address} failed: {message}")
    if "timed out" in str(message):
        return ProbeFailure(ERR_TIMEOUT, f"Connection to {address} timed out")
    return ProbeFailure(ERR_DRIVER, f"MySQL error {code} from {address}: {message}")


def _mysql_tls(entry: dict) -> ssl.SSLContext | None:
    """TLS context from ssl_cert_key (base64 PEM or PKCS#12 CA) when ssl_link is set."""
    if not entry.get("ssl_link"):
        return None
    context = ssl.create_default_context()
    # The service verifies the server certificate against the uploaded CA only (UNCONFIRMED);
    # the IP the user typed rarely matches the certificate's name.
    context.check_hostname = False
    if entry.get("ssl_cert_key"):
        certificates, _key = _load_store(entry["ssl_cert_key"], entry.get("ssl_cert_password"), "ssl_cert_key")
        try:
            context.load_verify_locations(cadata=certificates)
        except ssl.SSLError as exc:
            raise ProbeFailure(ERR_TLS, f"ssl_cert_key does not hold a usable CA certificate: {exc}") from None
    return context


# --- Kafka ---------------------------------------------------------------------------------------

def _probe_kafka(entry: dict, targets: list[tuple[str, int | None]], timeout: float) -> None:
    if not HAS_CONFLUENT_KAFKA:
        raise ProbeFailure(ERR_DRIVER, "The emulator cannot test Kafka endpoints: confluent-kafka is not installed.")
    bootstrap = ",".join(_join(host, port) for host, port in targets)
    errors: list = []
    config = {
        "bootstrap.servers": bootstrap,
        "error_cb": errors.append,
        "logger": _RDKAFKA_LOG,
        "socket.connection.setup.timeout.ms": max(1000, int(timeout * 1000)),
        **_kafka_security(entry),
    }
    try:
        client = AdminClient(config)
    except KafkaException as exc:
        raise ProbeFailure(ERR_DRIVER, f"Invalid Kafka client settings: {exc.args[0].str()}") from None
    try:
        tls = str(config.get("security.protocol", "")).upper().endswith("SSL")
        _await_metadata(client, errors, bootstrap, str(entry.get("db_user") or ""), timeout, tls)
    finally:
        # AdminClient has no close(): dropping the last reference destroys it and joins
        # librdkafka's threads, even while a raised ProbeFailure still holds this frame.
        del client


def _await_metadata(client, errors: list, bootstrap: str, user: str, timeout: float, tls: bool) -> None:
    deadline = time.monotonic() + timeout
    while (remaining := deadline - time.monotonic()) > 0:
        try:
            client.list_topics(timeout=min(_KAFKA_SLICE, remaining))
            return
        except KafkaException:
            client.poll(0)  # delivers the queued error events to error_cb
            _raise_kafka_failure(errors, bootstrap, user, tls)
    raise ProbeFailure(ERR_TIMEOUT, f"Kafka metadata request to {bootstrap} timed out")


def _raise_kafka_failure(errors: list, bootstrap: str, user: str, tls: bool) -> None:
    """Raise for errors that will not heal by waiting; transient ones are left to the deadline."""
    events = [(error.name(), _rdkafka_detail(error.str())) for error in errors]
    for name, detail in events:
        if name == "_AUTHENTICATION":
            raise ProbeFailure(ERR_AUTH_FAILED, f"Kafka authentication failed for user '{user}': {detail}")
    for name, detail in events:
        if name == "_SSL" or (name == "_TRANSPORT" and "SSL" in detail):
            raise ProbeFailure(ERR_TLS, f"Kafka TLS handshake with {bootstrap} failed: {detail}")
    if any(name == "_ALL_BROKERS_DOWN" for name, _detail in events):
        transport = [detail for name, detail in events if name == "_TRANSPORT"]
        if any("Connection refused" in detail for detail in transport):
            raise ProbeFailure(ERR_CONNECTION_REFUSED, f"Connection refused: {bootstrap} (no Kafka broker reachable)")
        last = transport[-1] if transport else "all brokers are down"
        if tls and transport:
            # A broker that accepts TCP but drops the connection during a TLS client's first
            # exchange is a TLS mismatch; librdkafka does not always label it as SSL.
            raise ProbeFailure(ERR_TLS, f"Kafka TLS handshake with {bootstrap} failed: {last}")
        raise ProbeFailure(ERR_CONNECTION_REFUSED, f"Kafka broker unreachable: {bootstrap}: {last}")


def _rdkafka_detail(text: str) -> str:
    # "sasl_plaintext://127.0.0.1:1/bootstrap: <detail> (after 0ms in state X)" -> "<detail>"
    text = re.sub(r"^\S+/(?:bootstrap|\d+): ", "", text)
    return re.sub(r" \(after \d+ms in state \w+\)$", "", text)


def _kafka_security(entry: dict) -> dict:
    """librdkafka settings for kafka_security_config (see the module docstring)."""
    security = entry.get("kafka_security_config") or {}
    protocol = str(security.get("type") or "PLAINTEXT").upper()
    config = {"security.protocol": protocol}
    if protocol.startswith("SASL_"):
        config.update({
            "sasl.mechanism": security.get("sasl_mechanism") or "PLAIN",
            "sasl.username": str(entry.get("db_user") or ""),
            "sasl.password": str(entry.get("db_password") or ""),
        })
    if protocol.endswith("SSL"):
        config.update(_kafka_tls(security))
    return config


def _kafka_tls(security: dict) -> dict:
    algorithm = str(security.get("endpoint_algorithm") or "").lower()
    # Documented: a blank endpoint_algorithm disables host name verification.
    config = {"ssl.endpoint.identification.algorithm": algorithm or "none"}
    if security.get("trust_store_key"):
        certificates, _key = _load_store(security["trust_store_key"], security.get("trust_store_password"), "trust_store_key")
        config["ssl.ca.pem"] = certificates
    if security.get("enable_key_store") and security.get("key_store_key"):
        password = security.get("key_store_password") or security.get("key_password")
        certificates, key = _load_store(security["key_store_key"], password, "key_store_key")
        if not key:
            raise ProbeFailure(ERR_TLS, "key_store_key holds no private key.")
        config.update({"ssl.certificate.pem": certificates, "ssl.key.pem": key})
        if security.get("key_password") and "ENCRYPTED" in key:
            config["ssl.key.password"] = security["key_password"]
    return config


# --- certificate stores --------------------------------------------------------------------------

def _load_store(encoded: str, password: str | None, field: str) -> tuple[str, str | None]:
    """Decode a base64 certificate store into (PEM certificates, PEM private key or None).

    PEM and PKCS#12 are understood; JKS is not (neither librdkafka nor Python can read it).
    """
    try:
        raw = base64.b64decode(encoded, validate=False)
    except (binascii.Error, ValueError):
        raise ProbeFailure(ERR_TLS, f"{field} is not valid base64.") from None
    if b"-----BEGIN" in raw:
        return _split_pem(raw.decode("ascii", "replace"), field)
    if raw[:4] == b"\xfe\xed\xfe\xed":
        raise ProbeFailure(ERR_TLS, f"{field} is a JKS store, which the emulator cannot use; supply PEM or PKCS#12.")
    return _read_pkcs12(raw, password, field)


def _split_pem(text: str, field: str) -> tuple[str, str | None]:
    blocks = [(match.group(1), match.group(0)) for match in _PEM_BLOCK.finditer(text)]
    certificates = "\n".join(block for kind, block in blocks if kind == "CERTIFICATE")
    keys = [block for kind, block in blocks if kind.endswith("PRIVATE KEY")]
    if not certificates:
        raise ProbeFailure(ERR_TLS, f"{field} holds no PEM certificate.")
    return certificates + "\n", (keys[0] + "\n") if keys else None


def _read_pkcs12(raw: bytes, password: str | None, field: str) -> tuple[str, str | None]:
    if not HAS_CRYPTOGRAPHY:
        raise ProbeFailure(ERR_TLS, f"{field} looks like PKCS#12, which needs the cryptography package.")
    try:
        store = pkcs12.load_pkcs12(raw, password.encode() if password else None)
    except ValueError:
        raise ProbeFailure(ERR_TLS, f"{field} is neither PEM nor a PKCS#12 store this password opens (JKS is not supported).") from None
    certificates = [store.cert.certificate] if store.cert else []
    certificates += [extra.certificate for extra in store.additional_certs]
    if not certificates:
        raise ProbeFailure(ERR_TLS, f"{field} holds no certificate.")
    pem = "".join(cert.public_bytes(serialization.Encoding.PEM).decode() for cert in certificates)
    key = None
    if store.key is not None:
        key = store.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
    return pem, key

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How an endpoint entry becomes module options: the one mapping the runbooks and the endpoint roles share.

An entry (an element of ``hwcloud_endpoints``, the host vars of an endpoint host, or a role's inputs without their
``mysql_endpoint_``/``kafka_endpoint_`` prefix) has a ``name``, a ``kind`` (mysql or kafka) and the role options.
From it come the element of ``drs_connections`` (mysql) or ``eg_connections`` (kafka), the element of
``dli_enhanced_connections`` when it has a ``dli_connection``, and the ``drs_batch_connection_test`` entry that
verifies it. Everything here is plain data in, plain data out, so it is unit-tested without Ansible.
"""

from __future__ import annotations

import difflib

KINDS = ("mysql", "kafka")
SASL = ("SASL_PLAINTEXT", "SASL_SSL")
TLS = ("SSL", "SASL_SSL")
# MySQL endpoint types -> DRS scenario (endpoint_name): a database of your own, MySQL on ECS, RDS for MySQL.
MYSQL_TYPES = {"self_built": "mysql", "ecs": "ecs_mysql", "rds": "cloud_mysql"}
KEY_STORE_FIELDS = ("key_store_key", "key_store_key_name", "key_store_password", "key_password")
SSL_FIELDS = ("ssl_cert_name", "ssl_cert_key", "ssl_cert_check_sum", "ssl_cert_password")
# The keys an entry may have: the inputs of the mysql_endpoint / kafka_endpoint role without their prefix (each
# role's vars/main.yml passes exactly these; a unit test holds the three together). A new input is added here, to the
# roles' entry and to their argument specs; runbooks that take the same entries need nothing more.
COMMON_KEYS = ("name", "kind", "description", "vpc_id", "subnet_id", "instance_id", "user", "password", "update_password",
               "dli_connection", "job_id", "job_name", "job_type", "end_point_type", "net_type")
ENTRY_KEYS = {
    "mysql": COMMON_KEYS + ("type", "instance_region", "instance_project_id", "host", "port", "security_group_id", "ssl") + SSL_FIELDS,
    "kafka": COMMON_KEYS + ("bootstrap_servers", "broker_hosts", "security_protocol", "sasl_mechanism", "acks", "trust_store_key",
                            "trust_store_key_name", "trust_store_password", "endpoint_algorithm") + KEY_STORE_FIELDS,
}
# The keys of dli_connection: the dli_enhanced_connection options an endpoint's DLI connection takes.
DLI_CONNECTION_KEYS = ("name", "dest_vpc_id", "dest_network_id", "routetable_id", "queues", "elastic_resource_pools", "hosts",
                       "routes", "tags")
# The runbooks' entries also take dli_connection.datasource_auth; the roles (which call plan() with their prefix) do not
# declare datasource authentications, so there it is an unknown key.
RUNBOOK_DLI_CONNECTION_KEYS = DLI_CONNECTION_KEYS + ("datasource_auth",)
# Keys that only work together (one set without the other is refused, not dropped), and keys that need others.
PAIRS = (("vpc_id", "subnet_id"),)
DLI_PAIRS = (("dest_vpc_id", "dest_network_id"),)
NEEDS = {"security_group_id": ("vpc_id", "subnet_id")}
DEFAULTS = {
    "mysql": {"type": "self_built", "port": 3306, "ssl": False, "update_password": "on_create", "end_point_type": "so",
              "job_type": "migration"},
    "kafka": {"security_protocol": "PLAINTEXT", "sasl_mechanism": "PLAIN", "update_password": "on_create", "acks": "1",
              "broker_hosts": {}, "end_point_type": "ta", "job_type": "migration"},
}
JOB_KEYS = ("job_id", "job_name", "job_type")
# The keys of a dli_connection block's optional datasource_auth (dli_datasource_auth options; true = the endpoint's own
# user and password as a passwd authentication).
AUTH_KEYS = ("auth_info_name", "datasource_type", "username", "datasource_password", "certificate_location", "krb5_conf", "keytab",
             "truststore_location", "truststore_password", "keystore_location", "keystore_password", "key_password")


class EndpointError(ValueError):
    """An entry that cannot be mapped; the message names the entry and what is wrong, never a value."""


def _set(value) -> bool:
    return value not in (None, "", [], {})


def _pick(source: dict, *keys) -> dict:
    return {key: source[key] for key in keys if _set(source.get(key))}


def normalize(entry, job: dict = None, cloud: dict = None) -> dict:
    """The entry with the role defaults filled in, the runbook's job (``job_id``/``job_name``/``job_type``) as
    fallback when the entry names no job of its own, and the play's region and project (``cloud``), when the play has
    them, as those of an ECS or RDS instance that names none."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry.get("name"):
        raise EndpointError("every endpoint needs a name")
    if entry.get("kind") not in KINDS:
        raise EndpointError("endpoint %s: kind must be one of %s" % (entry["name"], ", ".join(KINDS)))
    result = dict(DEFAULTS[entry["kind"]])
    result.update({key: value for key, value in entry.items() if value is not None})
    if not (_set(entry.get("job_id")) or _set(entry.get("job_name"))):
        for key in JOB_KEYS:
            if _set((job or {}).get(key)) and not (key == "job_type" and _set(entry.get("job_type"))):
                result[key] = job[key]
    for key in ("dli_connection", "broker_hosts"):
        if not _set(result.get(key)):
            result[key] = {} if key == "broker_hosts" else None
    if entry["kind"] == "mysql" and result["type"] not in MYSQL_TYPES:
        raise EndpointError("endpoint %s: type must be one of %s" % (entry["name"], ", ".join(MYSQL_TYPES)))
    for key, default in (("instance_region", "region"), ("instance_project_id", "project_id")):
        if not _set(result.get(key)) and _set((cloud or {}).get(default)):
            result[key] = cloud[default]
    return result


def _unknown(keys, known, elsewhere: dict, label: str) -> list:
    """``unknown key <label><key>`` for each key not in ``known``, with the closest known key, or the kind that has it
    (``elsewhere``: {key: kind})."""
    problems = []
    for key in keys:
        if key in known:
            continue
        key = str(key)
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
        if key in elsewhere:
            hint = " (a key of kind %s, not %s)" % (elsewhere[key][0], elsewhere[key][1])
        else:
            hint = " (did you mean %s?)" % close[0] if close else ""
        problems.append("unknown key %s%s%s" % (label, key, hint))
    return problems


def key_problems(entry: dict, prefix: str = "") -> list:
    """The keys of ``entry`` as written (and of its ``dli_connection``) that its kind does not have: typos are
    refused, never ignored. Names only keys, never values."""
    kind = entry["kind"]
    elsewhere = {key: (other, kind) for other, keys in ENTRY_KEYS.items() if other != kind for key in keys if key not in ENTRY_KEYS[kind]}
    problems = _unknown(entry, ENTRY_KEYS[kind], elsewhere, prefix)
    if isinstance(entry.get("dli_connection"), dict):
        dli_keys = DLI_CONNECTION_KEYS if prefix else RUNBOOK_DLI_CONNECTION_KEYS
        problems += _unknown(entry["dli_connection"], dli_keys, {}, prefix + "dli_connection.")
    return problems


def pair_problems(entry: dict, prefix: str = "") -> list:
    """``(message, keys)`` for each key set without the key(s) it only works with (see PAIRS and NEEDS)."""
    found = []
    dli = entry.get("dli_connection") if isinstance(entry.get("dli_connection"), dict) else {}
    for values, pairs, label in ((entry, PAIRS, prefix), (dli, DLI_PAIRS, prefix + "dli_connection.")):
        for first, second in pairs:
            for present, absent in ((first, second), (second, first)):
                if _set(values.get(present)) and not _set(values.get(absent)):
                    found.append(("%s%s is set without %s%s (they only work together)" % (label, present, label, absent), [absent]))
    for key, needed in NEEDS.items():
        lacking = [other for other in needed if not _set(entry.get(other))]
        if _set(entry.get(key)) and lacking:
            found.append(("%s%s needs %s" % (prefix, key, " and ".join(prefix + other for other in needed)), lacking))
    return found


def has_vpc(entry: dict) -> bool:
    return _set(entry.get("vpc_id")) and _set(entry.get("subnet_id"))


def net_type(entry: dict) -> str:
    return entry.get("net_type") or ("vpc" if has_vpc(entry) else "eip")


def kafka_addresses(entry: dict) -> str:
    """Bootstrap servers with broker host names replaced by the IPs of ``broker_hosts`` (what DRS can dial)."""
    hosts = entry.get("broker_hosts") or {}
    servers = []
    for server in entry.get("bootstrap_servers") or []:
        host, _sep, port = str(server).rpartition(":")
        servers.append("%s:%s" % (hosts.get(host, host), port))
    return ",".join(servers)


def address(entry: dict) -> str:
    if entry["kind"] == "kafka":
        return kafka_addresses(entry)
    return "%s:%s" % (entry.get("host") or "?", entry.get("port"))


def missing(entry: dict, declares: bool = True, needs_job: bool = True) -> list:
    """The inputs a present endpoint lacks (role option names without prefix)."""
    if entry["kind"] == "mysql":
        required = ["host", "user", "password"] + (["ssl_cert_name", "ssl_cert_key", "ssl_cert_check_sum"] if entry.get("ssl") else [])
        # No region or project id is demanded (huawei-api.md section 11 #7): the connection needs no cloud block, and
        # drs_batch_connection_test fills the test's region and project from its own authenticated context.
        required += ["instance_id"] if entry["type"] == "rds" else []
    else:
        protocol = entry.get("security_protocol")
        required = (["vpc_id", "subnet_id", "instance_id"] if declares else []) + (["user", "password"] if protocol in SASL else [])
        required += ["trust_store_key", "trust_store_key_name"] if protocol in TLS and needs_job else []
        required += [] if entry.get("bootstrap_servers") else ["bootstrap_servers"]
        if any(_set(entry.get(key)) for key in KEY_STORE_FIELDS):
            required += ["key_store_key", "key_store_key_name"]
    lacking = [key for key in required if not _set(entry.get(key))]
    if needs_job and not (_set(entry.get("job_id")) or _set(entry.get("job_name"))):
        lacking.append("job_id or job_name")
    dli = entry.get("dli_connection")
    if dli is not None and not (isinstance(dli, dict) and _set(dli.get("name"))):
        lacking.append("dli_connection.name")
    auth = dli.get("datasource_auth") if isinstance(dli, dict) else None
    if auth is not None and not (auth is True or auth is False or isinstance(auth, dict)):
        lacking.append("dli_connection.datasource_auth (a dictionary, or true)")
    if entry["kind"] == "kafka" and entry.get("security_protocol") not in TLS and any(_set(entry.get(k)) for k in KEY_STORE_FIELDS):
        lacking.append("security_protocol SSL or SASL_SSL (a client certificate needs TLS)")
    return lacking


def _renamed(entry: dict, names: dict) -> dict:
    """The set values of ``entry`` under other names: ``{entry key: option name}``."""
    return {option: entry[key] for key, option in names.items() if _set(entry.get(key))}


def drs_connection(entry: dict) -> dict:
    """The ``drs_connection`` options (one ``drs_connections`` element) of a MySQL endpoint."""
    endpoint = dict({"endpoint_name": MYSQL_TYPES[entry["type"]], "ip": entry.get("host"), "db_port": entry.get("port"),
                     "db_user": entry.get("user")}, **_renamed(entry, {"password": "db_password", "instance_id": "instance_id"}))
    options = {"name": entry["name"], "db_type": "mysql", "update_password": entry["update_password"], "endpoint": endpoint,
               "ssl": dict({"ssl_link": bool(entry.get("ssl"))}, **_pick(entry, *SSL_FIELDS))}
    options.update(_pick(entry, "description"))
    if has_vpc(entry):
        options["vpc"] = _pick(entry, "vpc_id", "subnet_id", "security_group_id")
    cloud = _renamed(entry, {"instance_region": "region", "instance_project_id": "project_id"})
    if entry["type"] != "self_built" and len(cloud) == 2:  # a cloud block only when complete; it is optional (11 #7)
        options["cloud"] = cloud
    return options


def eg_connection(entry: dict) -> dict:
    """The ``eg_connection`` options (one ``eg_connections`` element) of a Kafka endpoint."""
    protocol = entry["security_protocol"]
    detail = {"instance_id": entry.get("instance_id"), "addr": ",".join(entry.get("bootstrap_servers") or []),
              "security_protocol": protocol, "enable_sasl_ssl": protocol == "SASL_SSL", "acks": str(entry["acks"])}
    if protocol in SASL:
        detail.update(user_name=entry.get("user"), password=entry.get("password"))
    options = {"name": entry["name"], "vpc_id": entry.get("vpc_id"), "subnet_id": entry.get("subnet_id"), "type": "kafka",
               "kafka_detail": detail, "update_password": entry["update_password"]}
    options.update(_pick(entry, "description"))
    return options


def dli_connection(entry: dict):
    """The ``dli_enhanced_connection`` options of the endpoint's DLI connection, or None when it has none."""
    dli = entry.get("dli_connection")
    if not dli:
        return None
    options = {"name": dli.get("name"), "dest_vpc_id": dli.get("dest_vpc_id") or entry.get("vpc_id"),
               "dest_network_id": dli.get("dest_network_id") or entry.get("subnet_id")}
    options.update(_pick(dli, "routetable_id", "queues", "elastic_resource_pools", "hosts", "routes", "tags"))
    if "hosts" not in options and entry["kind"] == "kafka" and entry.get("broker_hosts"):
        options["hosts"] = [{"name": name, "ip": ip} for name, ip in sorted(entry["broker_hosts"].items())]
    return options


def dli_datasource_auth(entry: dict):
    """The ``dli_datasource_auth`` options of the endpoint's ``dli_connection.datasource_auth``, or None. A passwd
    (default) or CSS authentication takes the endpoint's own ``user`` and ``password`` unless it names others."""
    dli = entry.get("dli_connection") or {}
    auth = dli.get("datasource_auth")
    if not auth:
        return None
    auth = {} if auth is True else auth
    options = {"auth_info_name": auth.get("auth_info_name") or dli.get("name"), "datasource_type": auth.get("datasource_type") or "passwd"}
    if options["datasource_type"] in ("passwd", "CSS"):
        options.update(_renamed(entry, {"user": "username", "password": "datasource_password"}))
    options.update(_pick(auth, *AUTH_KEYS[2:]))
    options["update_password"] = entry["update_password"]
    options["endpoint"] = entry["name"]  # not an option: which endpoint the authentication belongs to (rotation)
    return options


def _kafka_security(entry: dict) -> dict:
    protocol = entry["security_protocol"]
    config = {"type": protocol}
    if protocol in SASL:
        config["sasl_mechanism"] = entry["sasl_mechanism"]
    if protocol in TLS:
        config.update(trust_store_key=entry.get("trust_store_key") or "", trust_store_key_name=entry.get("trust_store_key_name") or "")
        config.update(_pick(entry, "trust_store_password", "endpoint_algorithm"))
        if _set(entry.get("key_store_key")):  # a client certificate (two-way TLS)
            config.update(enable_key_store=True, **_pick(entry, "key_store_key", "key_store_key_name", "key_store_password"))
            if _set(entry.get("key_password")):
                config.update(set_private_key_password=True, key_password=entry["key_password"])
    return config


def connection_test(entry: dict) -> dict:
    """The ``drs_batch_connection_test`` entry that verifies the endpoint."""
    test = dict(_pick(entry, "job_id", "job_name"), job_type=entry["job_type"], end_point_type=entry["end_point_type"],
                net_type=net_type(entry), db_type=entry["kind"])
    if test["net_type"] == "vpc":
        test.update(_pick(entry, "vpc_id", "subnet_id"))
    if entry["kind"] == "mysql":
        test.update(ip=entry.get("host"), db_port=entry.get("port"), db_user=entry.get("user"), ssl_link=bool(entry.get("ssl")))
        test.update(_renamed(entry, {"password": "db_password"}), **_pick(entry, *SSL_FIELDS))
        if entry["type"] != "self_built":  # the instance's region and project when known (the module fills the rest)
            test.update(_renamed(entry, {"instance_region": "region", "instance_project_id": "project_id"}))
        if entry["type"] == "rds":
            test.update(_renamed(entry, {"instance_id": "inst_id"}))
    else:
        test.update(ip=kafka_addresses(entry), kafka_security_config=_kafka_security(entry))
        if entry["security_protocol"] in SASL:
            test.update(_renamed(entry, {"user": "db_user", "password": "db_password"}))
    return test


def _absent(entry: dict) -> dict:
    """The elements that remove what ``entry`` declared (a DLI connection first, then the connection)."""
    dli = entry.get("dli_connection")
    named = isinstance(dli, dict) and _set(dli.get("name"))
    auth = dli_datasource_auth(entry) if named and isinstance(dli.get("datasource_auth"), (dict, bool)) else None
    return {"drs" if entry["kind"] == "mysql" else "eg": {"name": entry["name"], "state": "absent"},
            "dli": {"name": dli["name"], "state": "absent"} if named else None,
            "dli_auth": {"auth_info_name": auth["auth_info_name"], "state": "absent"} if auth else None}


def plan(endpoints, job: dict = None, declares: bool = True, needs_job: bool = True, state: str = "present", prefix: str = "",
         cloud: dict = None) -> dict:
    """Everything a runbook or role sends for ``endpoints``: the elements of each list module, the connection tests, one
    row per endpoint for the summary, and ``problems`` (incomplete or invalid entries, which are left out of the rest;
    their input names get ``prefix``, as a role calls them). With ``state=absent`` the elements remove the endpoints,
    and only names are needed. ``cloud`` (``region``, ``project_id``) is the play's, for ECS and RDS instances."""
    if not isinstance(endpoints, list):
        raise EndpointError("the endpoints must be a list")
    result = {"drs": [], "eg": [], "dli": [], "dli_auth": [], "tests": [], "rows": [], "problems": []}
    seen = set()
    for index, raw in enumerate(endpoints):
        try:
            entry = normalize(raw, job, cloud)
        except EndpointError as exc:
            result["problems"].append("endpoint %d: %s" % (index, exc))
            continue
        if entry["name"] in seen:
            result["problems"].append("endpoint %s is listed twice" % entry["name"])
            continue
        seen.add(entry["name"])
        problems = key_problems(raw, prefix)  # as written: normalize() adds defaults
        if state != "absent":
            paired = pair_problems(entry, prefix)
            named = {key for _text, keys in paired for key in keys}
            lacking = [prefix + name.replace(" or ", " or " + prefix) for name in missing(entry, declares, needs_job) if name not in named]
            problems += [text for text, _keys in paired] + (["set %s" % ", ".join(lacking)] if lacking else [])
        if problems:
            result["problems"].extend("%s: %s" % (entry["name"], problem) for problem in problems)
            continue
        if state == "absent":
            for service, element in _absent(entry).items():
                if element:
                    result[service].append(element)
            continue
        if entry["kind"] == "mysql":
            result["drs"].append(drs_connection(entry))
        else:
            result["eg"].append(eg_connection(entry))
        dli = dli_connection(entry)
        if dli:
            result["dli"].append(dli)
        auth = dli_datasource_auth(entry)
        if auth:
            result["dli_auth"].append(auth)
        result["tests"].append(connection_test(entry))
        result["rows"].append({"name": entry["name"], "kind": entry["kind"], "address": address(entry)})
    return result

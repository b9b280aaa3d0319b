# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Existing connections as inventory hosts (the ``hwcloud.connections.connections`` inventory plugin): the plugin's
own options checked, listing rows filtered, host names made unique and stable, host variables without any secret,
and the runbooks' endpoint entry of a connection where one can be derived. Plain data in, plain data out."""

from __future__ import annotations

import functools
import re
import string

from ansible_collections.hwcloud.connections.plugins.module_utils.endpoints import region_problem
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import project_id_problem
from ansible_collections.hwcloud.connections.plugins.module_utils.redact import Redactor, shown_secrets

SERVICES = ("drs", "eg", "dli")
ID_KEYS = {"drs": "connection_id", "eg": "id", "dli": "id"}
DEFAULT_HOSTNAMES = ("{service}_{name}",)
# Keys whose value is a secret wherever they appear: passwords, keys and tokens of every kind an API may echo
# (DRS endpoint.db_password, ssl.ssl_cert_key/ssl_cert_password, EG kafka_detail.password, key and trust stores ...).
SECRET_KEY = re.compile(r"password|passwd|secret|token|credential|private|(^|_)key$|^(ak|sk)$", re.IGNORECASE)
# What a host name may contain; anything else a server sends in a name becomes "_".
UNSAFE_HOST_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]")
REGION_KEYS = ("name", "project_id")
# DRS scenario (endpoint_name) -> the runbook entry's MySQL type (the inverse of endpoints.MYSQL_TYPES).
MYSQL_TYPES = {"mysql": "self_built", "ecs_mysql": "ecs", "cloud_mysql": "rds"}


# -- options ----------------------------------------------------------------------------------------------------------

def _region_name(region):
    return region.get("name") if isinstance(region, dict) else region


def _format_problem(text) -> str:
    """Why ``text`` cannot name hosts ("" when it can): only plain ``{field}`` references, at least one."""
    if not isinstance(text, str) or not text:
        return "must be a non-empty string such as {service}_{name}"
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        return "%s is not a format string (%s)" % (text, exc)
    fields = [field for _literal, field, spec, conversion in parsed if field is not None]
    if not fields:
        return "%s names no field; use fields such as {service}, {region} and {name}" % text
    for _literal, field, spec, conversion in parsed:
        if field is not None and (not re.fullmatch(r"[a-z_][a-z0-9_]*", field) or spec or conversion):
            return "%s: only plain fields such as {name} are allowed, without attributes, indexes, conversions or formats" % text
    return ""


def option_problems(regions_option, services, hostnames, name_pattern, default_region=None) -> list:
    """``<option>: <rule>`` for each of the plugin's own options that cannot work; values are named only where they
    are not secret (none of these is)."""
    problems = []
    if regions_option is None and not default_region or regions_option == []:
        problems.append("regions: list at least one region (or set region or HW_REGION_NAME)")
    seen = {}
    for index, region in enumerate(regions_option or []):
        where = "regions[%d]" % index
        if isinstance(region, dict):
            unknown = sorted(str(key) for key in region if key not in REGION_KEYS)
            if unknown:
                problems.append("%s: unknown key %s (each region has name and optionally project_id)" % (where, ", ".join(unknown)))
            if region.get("project_id") is not None and project_id_problem(region["project_id"]):
                problems.append("%s.project_id: %s" % (where, project_id_problem(region["project_id"])))
        elif not isinstance(region, str):
            problems.append("%s: must be a region name or a dictionary with name and optionally project_id" % where)
            continue
        name = _region_name(region)
        if region_problem(name):
            problems.append("%s.name: %s" % (where, region_problem(name)))
            continue
        key = (name, region.get("project_id") if isinstance(region, dict) else None)
        if key in seen:
            problems.append("%s: %s is listed twice (also regions[%d])" % (where, name, seen[key]))
        seen.setdefault(key, index)
    for service in services or []:
        if service not in SERVICES:
            problems.append("services: %s is not one of %s" % (service, ", ".join(SERVICES)))
    if not services:
        problems.append("services: list at least one of %s" % ", ".join(SERVICES))
    for index, text in enumerate(hostnames or []):
        problem = _format_problem(text)
        if problem:
            problems.append("hostnames[%d]: %s" % (index, problem))
    if not hostnames:
        problems.append("hostnames: list at least one format such as {service}_{name}")
    if name_pattern is not None:
        try:
            re.compile(name_pattern)
        except (re.error, TypeError) as exc:
            problems.append("name_pattern: not a valid regular expression (%s)" % exc)
    return problems


def regions(regions_option, default_region) -> list:
    """[(region name, project id or None)] of checked options: ``regions``, else the shared ``region`` alone."""
    if not regions_option:
        return [(default_region, None)]
    return [(_region_name(region), region.get("project_id") if isinstance(region, dict) else None) for region in regions_option]


# -- host variables -----------------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1024)
def _is_secret_key(key: str) -> bool:
    return bool(SECRET_KEY.search(key))


def _without_secret_keys(value):
    if isinstance(value, dict):
        return {key: _without_secret_keys(item) for key, item in value.items() if not (isinstance(key, str) and _is_secret_key(key))}
    if isinstance(value, list):
        return [_without_secret_keys(item) for item in value]
    return value


def _masked(value, redact):
    if isinstance(value, dict):
        return {key: _masked(item, redact) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item, redact) for item in value]
    if isinstance(value, str):
        return redact(value, 4 * len(value) + 64)
    return value


def safe_view(value, secrets=()):
    """A copy of API objects (one, or a listing) fit for host variables and the inventory cache: every secret-named
    field removed at any depth, and the caller's own ``secrets`` (credentials) masked wherever a server echoed one."""
    view = _without_secret_keys(value)
    if secrets and shown_secrets(secrets, view):
        view = _masked(view, Redactor(set(secrets)))
    return view


def _text(value):
    return value if isinstance(value, str) and value else None


def _port(value):
    text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    return int(text) if text.isdigit() and 1 <= int(text) <= 65535 else None


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _set(entry: dict, **values) -> None:
    entry.update((key, value) for key, value in values.items() if value is not None)


def _network(entry: dict, vpc_id, subnet_id, security_group_id=None) -> None:
    """vpc_id and subnet_id only work together (and a security group only with them)."""
    if _text(vpc_id) and _text(subnet_id):
        _set(entry, vpc_id=vpc_id, subnet_id=subnet_id, security_group_id=_text(security_group_id))


def _mysql_entry(connection: dict):
    endpoint = _dict(connection.get("endpoint"))
    mysql_type = MYSQL_TYPES.get(endpoint.get("endpoint_name"))
    if connection.get("db_type") != "mysql" or mysql_type is None:
        return None
    entry = {"name": connection["name"], "kind": "mysql", "type": mysql_type}
    _set(entry, host=_text(endpoint.get("ip")), port=_port(endpoint.get("db_port")), user=_text(endpoint.get("db_user")))
    if mysql_type != "self_built":
        _set(entry, instance_id=_text(endpoint.get("instance_id")))
    vpc = _dict(connection.get("vpc"))
    _network(entry, vpc.get("vpc_id"), vpc.get("subnet_id"), vpc.get("security_group_id"))
    ssl = _dict(connection.get("ssl"))
    if isinstance(ssl.get("ssl_link"), bool):
        entry["ssl"] = ssl["ssl_link"]
        if ssl["ssl_link"]:
            _set(entry, ssl_cert_name=_text(ssl.get("ssl_cert_name")), ssl_cert_check_sum=_text(ssl.get("ssl_cert_check_sum")))
    _set(entry, description=_text(connection.get("description")))
    return entry


def _kafka_entry(connection: dict):
    detail = connection.get("kafka_detail")
    if str(connection.get("type") or "").upper() != "KAFKA" or not isinstance(detail, dict):
        return None
    entry = {"name": connection["name"], "kind": "kafka"}
    _network(entry, connection.get("vpc_id"), connection.get("subnet_id"))
    servers = [server.strip() for server in (_text(detail.get("addr")) or "").split(",") if server.strip()]
    protocol = _text(detail.get("security_protocol")) or ("SASL_SSL" if detail.get("enable_sasl_ssl") is True else "PLAINTEXT")
    _set(entry, instance_id=_text(detail.get("instance_id")), bootstrap_servers=servers or None, security_protocol=protocol,
         user=_text(detail.get("user_name")), acks=_text(detail.get("acks")), description=_text(connection.get("description")))
    return entry


def endpoint_entry(service: str, connection: dict):
    """The runbooks' endpoint entry of a connection (``kind``, address, network, instance), or None when the connection is
    no runbook endpoint (a non-MySQL DRS connection, a webhook, a DLI connection). Only fields the server sent in the
    expected type are used; no secret is ever part of it (the runbooks take passwords from elsewhere)."""
    if not isinstance(connection.get("name"), str):
        return None
    if service == "drs":
        return _mysql_entry(connection)
    if service == "eg":
        return _kafka_entry(connection)
    return None


# -- filters and host names -----------------------------------------------------------------------------------------------

class Filters:
    """Which listed connections become hosts: ``name_pattern`` must match the whole name; ``db_types`` applies to DRS
    connections, ``statuses`` to EG and DLI ones (DRS connections have no status); DELETED DLI rows are left out
    unless ``exclude_deleted`` is false."""

    def __init__(self, name_pattern: str = None, db_types=None, statuses=None, exclude_deleted: bool = True):
        self.name_pattern = re.compile(name_pattern) if name_pattern else None
        self.db_types = {str(value).lower() for value in db_types} if db_types else None
        self.statuses = {str(value).upper() for value in statuses} if statuses else None
        self.exclude_deleted = exclude_deleted

    def keeps(self, service: str, connection: dict) -> bool:
        name = connection.get("name")
        if not isinstance(name, str) or not name:
            return False
        if self.name_pattern is not None and not self.name_pattern.fullmatch(name):
            return False
        if service == "drs":
            return self.db_types is None or str(connection.get("db_type") or "").lower() in self.db_types
        status = str(connection.get("status") or "").upper()
        if service == "dli" and self.exclude_deleted and status == "DELETED":
            return False
        return self.statuses is None or status in self.statuses


def _fields(region: str, project_id: str, service: str, connection: dict) -> dict:
    """What a host name format may use: the connection's scalar top-level fields, and service, region, project_id, id."""
    fields = {key: str(value) for key, value in connection.items()
              if isinstance(key, str) and isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) != ""}
    fields.update(service=service, region=region, project_id=project_id or "")
    connection_id = connection.get(ID_KEYS[service])
    if isinstance(connection_id, str) and connection_id:
        fields["id"] = connection_id
    return fields


def host_name(formats, fields: dict):
    """The first format whose fields are all there, with unsafe characters replaced; None when none fits."""
    for text in formats:
        try:
            name = text.format_map(fields)
        except (KeyError, ValueError, IndexError, AttributeError):
            continue
        if name:
            return UNSAFE_HOST_CHARACTERS.sub("_", name)
    return None


class UniqueNames:
    """Host names that stay stable: the first connection with a name keeps it (regions in the order configured, then the
    API's order); a later one gets ``_<region>``, then ``_<connection id>``, then a counter."""

    def __init__(self):
        self.taken = set()

    def claim(self, name: str, region: str, connection_id) -> str:
        candidates = [name, "%s_%s" % (name, region)] + (["%s_%s" % (name, connection_id)] if connection_id else [])
        for candidate in candidates:
            candidate = UNSAFE_HOST_CHARACTERS.sub("_", candidate)
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        number = 2
        while "%s_%d" % (candidates[-1], number) in self.taken:
            number += 1
        self.taken.add("%s_%d" % (candidates[-1], number))
        return "%s_%d" % (candidates[-1], number)


def group_name(value: str) -> str:
    return "hwcloud_" + re.sub(r"[^A-Za-z0-9_]", "_", value)


def build_hosts(listings: list, hostname_formats, filters: Filters) -> list:
    """One host per kept connection of ``listings`` ([{region, project_id, service, connections}], already without
    secrets): ``{name, groups, vars}`` in listing order. A connection no format can name is left out."""
    names = UniqueNames()
    hosts = []
    for listing in listings:
        region, project_id, service = listing["region"], listing["project_id"], listing["service"]
        for connection in listing["connections"]:
            if not filters.keeps(service, connection):
                continue
            fields = _fields(region, project_id, service, connection)
            name = host_name(hostname_formats, fields)
            if name is None:
                continue
            variables = {"hwcloud_service": service, "hwcloud_region": region, "hwcloud_project_id": project_id,
                         "hwcloud_connection": connection}
            entry = endpoint_entry(service, connection)
            if entry is not None:
                variables["hwcloud_endpoint"] = entry
            hosts.append({"name": names.claim(name, region, fields.get("id")), "groups": [group_name(service), group_name(region)],
                          "vars": variables})
    return hosts

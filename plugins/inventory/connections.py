# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: connections
short_description: Existing DRS, EventGrid and DLI connections as inventory hosts
version_added: 1.1.0
description:
  - Lists the DRS v5 connections, EventGrid (EG) connections and DLI enhanced datasource connections of one or more
    regions and makes one inventory host of each, whoever created them (by hand, Terraform, other teams, this collection).
  - It calls the APIs through the collection's own client, with the same signing, retries, bounded paging and
    credential options and environment variables as the modules; the listing of each service is the one the list
    modules read (DRS C(fetch_all), all DLI pages, the EG lister that never pages past offset 100). The services and
    regions are listed side by side.
  - The inventory source is a YAML file whose name ends in C(.hwcloud.yml) or C(.hwcloud.yaml) and that says
    C(plugin=hwcloud.connections.connections) (in YAML syntax); other files are not read by this plugin.
  - Every host gets the variables C(hwcloud_service) (V(drs), V(eg) or V(dli)), C(hwcloud_region),
    C(hwcloud_project_id), C(hwcloud_connection) (the connection as the API returns it, without any secret; every
    field named like a password, key, token or secret is removed at any depth, and the plugin's own credentials are
    masked wherever a server echoes them) and, where one can be derived, C(hwcloud_endpoint), the connection as an
    entry of the endpoints, verify, teardown and drift runbooks (for MySQL DRS connections and Kafka EG connections,
    with C(name), C(kind), address, network and instance, never a password), so those runbooks can target inventory
    hosts (C(-e hwcloud_hosts=hwcloud_drs)).
  - The service groups set C(ansible_connection=local) and C(ansible_python_interpreter={{ ansible_playbook_python }})
    for their hosts, because a connection is no machine and the modules that manage it run on the controller.
    O(compose) can set other values per host.
  - Hosts are in the groups C(hwcloud_drs), C(hwcloud_eg) and C(hwcloud_dli), and in one group per region,
    C(hwcloud_<region>) with C(-) as C(_) (C(hwcloud_cn_north_4)); O(groups) and O(keyed_groups) add more.
  - Values a server sent are never templates (they are marked unsafe), and host names contain only letters, digits,
    C(.), C(_) and C(-) (anything else becomes C(_)).
  - With O(cache=true) the listings (already without secrets) are kept in the inventory cache, and a run that finds
    them there makes no API call.
author:
  - hwcloud.connections contributors (!UNKNOWN)
extends_documentation_fragment:
  - hwcloud.connections.auth
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
options:
  plugin:
    description: Marks the file as a source of this plugin.
    type: str
    required: true
    choices: [hwcloud.connections.connections]
  region:
    description:
      - The one region to list when O(regions) is not set; otherwise not used.
      - If not set, the value of the environment variable E(HW_REGION_NAME) is used, as by the modules.
    type: str
    required: false
  regions:
    description:
      - The regions to list, in this order (the order decides which connection keeps a shared host name, see
        O(hostnames)). Each is a dictionary with C(name) and optionally C(project_id), or just the region name.
      - Every other option (credentials, O(endpoint_url), O(cloud_domain) ...) applies to every region.
      - Defaults to the single region O(region).
    type: list
    elements: dict
    suboptions:
      name:
        description: Region name, for example V(cn-north-4).
        type: str
        required: true
      project_id:
        description:
          - ID of the region's project. Defaults to O(project_id), else it is looked up like the modules look it up.
        type: str
  services:
    description: The services whose connections become hosts.
    type: list
    elements: str
    choices: [drs, eg, dli]
    default: [drs, eg, dli]
  hostnames:
    description:
      - How hosts are named, as Python format strings of the fields C({service}), C({region}), C({project_id}), C({id})
        (the connection ID) and any top-level text or number field of the connection (C({name}), C({db_type}),
        C({status}), C({type}) ...). The first format whose fields a connection has names it; a connection no format
        can name is not a host.
      - Names are unique and stable. When a name is taken, the first connection keeps it (in the order of O(regions),
        then the API's order) and a later one gets C(_<region>) appended, or C(_<connection id>) if that is taken too,
        so adding a connection in another region never renames an existing host.
    type: list
    elements: str
    default: ['{service}_{name}']
  name_pattern:
    description: Only connections whose whole name matches this regular expression (Python syntax), for example V(team-a-.*).
    type: str
  db_types:
    description: Only DRS connections of these database types (V(mysql), V(postgresql), V(mongodb), V(oracle)); other services are not filtered by it.
    type: list
    elements: str
  statuses:
    description:
      - Only EG and DLI connections with one of these statuses, in any letter case (EG V(CREATING), V(CREATED),
        V(CREATE_FAILED); DLI V(ACTIVE), V(DELETED)). DRS connections have no status and are not filtered by it.
    type: list
    elements: str
  exclude_deleted:
    description:
      - Leave out DLI connections in status V(DELETED) (DLI keeps deleted connections listed). Then the DLI listing
        asks for C(status=ACTIVE) only.
    type: bool
    default: true
notes:
  - The plugin fails before any API call, naming the option, when an option cannot work (a region that is no region ID,
    an unknown service, a host name format without fields or with attributes, an invalid O(name_pattern)).
  - API failures fail the inventory source with the HTTP status, C(error_code), C(error_msg) and request ID, with every
    secret masked; a partial inventory is never returned.
  - In AWX or Automation Platform, use the file as an inventory source C(Sourced from a Project) and attach the same
    Huawei Cloud credential as to the job templates (it injects the environment variables); see C(docs/awx.md).
seealso:
  - module: hwcloud.connections.drs_connections
  - module: hwcloud.connections.eg_connections
  - module: hwcloud.connections.dli_enhanced_connections
"""

EXAMPLES = r"""
# estate.hwcloud.yml: every connection of two regions. Credentials (and endpoint_url) come from the environment as for
# the modules: HW_ACCESS_KEY, HW_SECRET_KEY, ... (an AWX credential injects them).
plugin: hwcloud.connections.connections
regions:
  - name: cn-north-4
  - name: cn-east-3
    project_id: e8a2f1c0d4b94e5f9a7c3b2d1e0f4a02

# team-a.hwcloud.yml: team A's MySQL connections only, grouped by database type, named by region, cached for an hour:
#
# plugin: hwcloud.connections.connections
# region: cn-north-4
# services: [drs]
# name_pattern: team-a-.*
# db_types: [mysql]
# hostnames: ['{region}_{name}']
# keyed_groups:
#   - key: hwcloud_connection.db_type
#     prefix: db
# compose:
#   ansible_host: hwcloud_connection.endpoint.ip
# cache: true
# cache_plugin: ansible.builtin.jsonfile
# cache_connection: ~/.cache/hwcloud-inventory
# cache_timeout: 3600

# What estate.hwcloud.yml shows against the emulator (a DRS connection of the same name in both regions):
#
# $ ansible-inventory -i estate.hwcloud.yml --graph
# @all:
#   |--@ungrouped:
#   |--@hwcloud_drs:
#   |  |--drs_orders-mysql
#   |  |--drs_orders-mysql_cn-east-3
#   |--@hwcloud_eg:
#   |  |--eg_events-kafka
#   |--@hwcloud_dli:
#   |  |--dli_orders_dli
#   |--@hwcloud_cn_north_4:
#   |  |--drs_orders-mysql
#   |  |--eg_events-kafka
#   |  |--dli_orders_dli
#   |--@hwcloud_cn_east_3:
#   |  |--drs_orders-mysql_cn-east-3
#
# $ ansible-inventory -i estate.hwcloud.yml --host drs_orders-mysql
# {
#     "ansible_connection": "local",
#     "ansible_python_interpreter": "{{ ansible_playbook_python }}",
#     "hwcloud_connection": {
#         "connection_id": "37e386ed-6cba-4326-9f78-078108747786",
#         "create_time": 1796213462787,
#         "db_type": "mysql",
#         "endpoint": {"db_port": "3306", "db_user": "drs_probe", "endpoint_name": "mysql", "ip": "192.168.0.27"},
#         "name": "orders-mysql",
#         "vpc": {"subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529", "vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11"}
#     },
#     "hwcloud_endpoint": {"host": "192.168.0.27", "kind": "mysql", "name": "orders-mysql", "port": 3306,
#                          "subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529", "type": "self_built", "user": "drs_probe",
#                          "vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11"},
#     "hwcloud_project_id": "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01",
#     "hwcloud_region": "cn-north-4",
#     "hwcloud_service": "drs"
# }
#
# $ ansible-inventory -i estate.hwcloud.yml --list     # the same hosts and variables as JSON, for AWX and scripts
#
# Remove every Kafka connection the inventory's EG group holds (the teardown runbook needs only the names):
# $ ansible-playbook hwcloud.connections.teardown -i estate.hwcloud.yml -e hwcloud_hosts=hwcloud_eg
"""

from ansible.errors import AnsibleError
from ansible.module_utils.errors import AnsibleFallbackNotFound
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.hwcloud.connections.plugins.module_utils.concurrency import map_bounded
from ansible_collections.hwcloud.connections.plugins.module_utils.dli import DliEnhancedConnections
from ansible_collections.hwcloud.connections.plugins.module_utils.drs import DrsConnections
from ansible_collections.hwcloud.connections.plugins.module_utils.eg import EgConnections
from ansible_collections.hwcloud.connections.plugins.module_utils.redact import Redactor
from ansible_collections.hwcloud.connections.plugins.module_utils.shared_options import auth_argument_spec
from ansible_collections.hwcloud.connections.plugins.plugin_utils import connection_hosts as hosts
from ansible_collections.hwcloud.connections.plugins.plugin_utils.api_client import PluginApi

try:  # ansible-core 2.19+ templates only strings marked as trusted: what a plugin sets is no template by itself
    from ansible.template import trust_as_template

    def untrusted(value):
        return value
except ImportError:  # ansible-core < 2.19: every plain string is a template unless it is wrapped as unsafe
    untrusted = wrap_var

    def trust_as_template(value):
        return value

NAME = "hwcloud.connections.connections"
SUFFIXES = (".hwcloud.yml", ".hwcloud.yaml")
OWN_OPTIONS = ("plugin", "regions", "services", "hostnames", "name_pattern", "db_types", "statuses", "exclude_deleted")
# Services and regions are listed side by side, at most this many listings at once (and as many EG partitions or DLI
# pages of each).
LISTING_CONCURRENCY = 8


def _default_region():
    """The region the modules would use when none is given: the shared option's environment fallback."""
    fallback, names = auth_argument_spec()["region"]["fallback"]
    try:
        return fallback(*names)
    except AnsibleFallbackNotFound:
        return None


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    """Connections of the configured regions and services, one host each."""

    NAME = NAME

    def verify_file(self, path):
        return super().verify_file(path) and path.endswith(SUFFIXES)

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)
        regions = self._checked_regions()
        cache_key = self.get_cache_key(path)
        read_cache = self.get_option("cache") and cache
        update_cache = self.get_option("cache") and not cache
        listings = None
        if read_cache:
            listings = self._cached(cache_key)
            update_cache = listings is None
        if listings is None:
            listings = self._fetch(regions)
        if update_cache:
            self._cache[cache_key] = listings
        self._populate(hosts.build_hosts(listings, self.get_option("hostnames"), hosts.Filters(
            self.get_option("name_pattern"), self.get_option("db_types"), self.get_option("statuses"),
            self.get_option("exclude_deleted"))))

    def _checked_regions(self) -> list:
        """The regions to list; every option of this plugin is checked first, naming the option."""
        default_region = self.get_option("region") or _default_region()
        problems = hosts.option_problems(self.get_option("regions"), self.get_option("services"), self.get_option("hostnames"),
                                         self.get_option("name_pattern"), default_region=default_region)
        if problems:
            raise AnsibleError("%s: Invalid input: %s" % (NAME, "; ".join(problems)))
        return hosts.regions(self.get_option("regions"), default_region)

    def _shared_options(self) -> dict:
        """The options the modules share (credentials, endpoints, TLS, retries), as given; the client applies the
        environment fallbacks."""
        return {name: value for name, value in self.get_options().items() if name not in OWN_OPTIONS}

    def _cached(self, cache_key: str):
        """The cached listings, or None when there are none, they cannot be read or they are not what this plugin stores."""
        try:
            listings = self._cache[cache_key]
        except KeyError:
            return None
        except Exception as exc:  # pylint: disable=broad-exception-caught  # an unreadable entry is a miss, listed again
            self.display.warning("%s: the inventory cache entry could not be read (%s); listing again" % (NAME, type(exc).__name__))
            return None

        def usable(item) -> bool:
            return (isinstance(item, dict) and set(item) == {"region", "project_id", "service", "connections"}
                    and item["service"] in hosts.SERVICES and isinstance(item["region"], str) and isinstance(item["connections"], list)
                    and all(isinstance(row, dict) for row in item["connections"]))

        return listings if isinstance(listings, list) and all(usable(item) for item in listings) else None

    def _fetch(self, regions: list) -> list:
        """Every listing ({region, project_id, service, connections}), in the order of regions and services."""
        shared = self._shared_options()
        apis = []
        for region, project_id in regions:
            options = dict(shared, region=region, project_id=project_id or shared.get("project_id"))
            apis.append(PluginApi(options, self.display.warning, what="%s (region %s)" % (NAME, region)))
        active_only = self.get_option("exclude_deleted")
        listers = {"drs": lambda api: DrsConnections(api).list(), "eg": lambda api: EgConnections(api).list(concurrency=LISTING_CONCURRENCY),
                   "dli": lambda api: DliEnhancedConnections(api).list(status="ACTIVE" if active_only else None,
                                                                       concurrency=LISTING_CONCURRENCY)}
        try:
            project_ids = map_bounded(self._project_id, apis, LISTING_CONCURRENCY)  # authenticate once per region
            work = [(api, project_id, service) for api, project_id in zip(apis, project_ids) for service in self.get_option("services")]
            return map_bounded(lambda item: self._listing(item, listers), work, LISTING_CONCURRENCY)
        except AnsibleError:
            raise
        except Exception as exc:  # pylint: disable=broad-exception-caught  # no traceback ever reaches the user
            secrets = set().union(*(api.secrets for api in apis))
            raise AnsibleError("%s: unexpected error (%s: %s): an API answer this collection does not understand, or a bug in "
                               "hwcloud.connections" % (NAME, type(exc).__name__, Redactor(secrets)(str(exc), 300))) from None

    @staticmethod
    def _project_id(api) -> str:
        with api.errors():
            return api.client.project_id

    @staticmethod
    def _listing(item: tuple, listers: dict) -> dict:
        api, project_id, service = item
        with api.errors():
            rows = listers[service](api)
        return {"region": api.params["region"], "project_id": project_id, "service": service,
                "connections": hosts.safe_view(rows, api.secrets)}

    def _populate(self, found: list) -> None:
        strict, compose, groups, keyed_groups = (self.get_option(name) for name in ("strict", "compose", "groups", "keyed_groups"))
        local = {"ansible_connection": "local", "ansible_python_interpreter": trust_as_template("{{ ansible_playbook_python }}")}
        for service in self.get_option("services"):  # every host is in exactly one service group: set these once there
            group = self.inventory.add_group(hosts.group_name(service))
            for key, value in local.items():
                self.inventory.set_variable(group, key, value)
        for host in found:
            name = self.inventory.add_host(host["name"])
            for group in host["groups"]:
                self.inventory.add_child(self.inventory.add_group(group), name)
            variables = untrusted(host["vars"])  # what a server sent is never a template
            for key, value in variables.items():
                self.inventory.set_variable(name, key, value)
            if compose or groups or keyed_groups:
                variables = dict(variables, **local)
                self._set_composite_vars(compose, variables, name, strict=strict)
                self._add_host_to_composed_groups(groups, variables, name, strict=strict)
                self._add_host_to_keyed_groups(keyed_groups, variables, name, strict=strict)

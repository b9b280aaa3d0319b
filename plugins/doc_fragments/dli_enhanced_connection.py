# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The options of one DLI enhanced connection: top-level in dli_enhanced_connection (DOCUMENTATION), elements of dli_enhanced_connections (LIST).
The argument spec they document is module_utils/dli_enhanced_connection.py OPTIONS."""

from __future__ import annotations

from ansible_collections.hwcloud.connections.plugins.doc_fragments.list_module import list_options


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  name:
    description:
      - Connection name, 1 to 64 letters, digits or underscores.
      - Required with O(state=present).
    type: str
  dest_vpc_id:
    description: ID of the VPC of the data source. Required with O(state=present). Replace-only.
    type: str
  dest_network_id:
    description: ID of the subnet of the data source. Required with O(state=present). Replace-only.
    type: str
  routetable_id:
    description:
      - Route table of the subnet. Sent on create only; not returned by the API, so never compared.
      - Set for an existing connection, it produces a warning (see the description); replace-only.
    type: str
  queues:
    description:
      - Names of the dedicated DLI queues that use the connection. Missing ones are bound (associated).
      - B(How queues are verified.) Binding a queue attaches the queue's elastic resource pool, and the API then lists
        the pool, never the queue. So the module reads each listed queue's pool once per run
        (C(GET /v1.0/{project_id}/queues/{queue_name}), field C(elastic_resource_pool_name)) and counts the queue as
        bound when its pool is listed in the connection's C(elastic_resource_pools). Queues of a pool that is already
        bound cost no write. The result shows the pools, and check and diff mode predict them.
      - A queue whose answer names no pool (an old-style queue; what the API does for it is not documented,
        UNCONFIRMED) is compared by its own name with the connection's C(available_queue_info).
      - A queue that cannot be read (for example one that does not exist) fails the task before any change, naming
        C(queues[i]) and the API's error.
      - Bound queues that are not listed are unbound only with O(purge_queues=true).
    type: list
    elements: str
  purge_queues:
    description:
      - Unbind what no listed queue needs. Ignored when O(queues) is not set.
      - Because queues are bound through their pools, this unbinds every bound elastic resource pool that no queue of
        O(queues) runs in and that O(elastic_resource_pools) does not list, and every old-style queue not listed. The
        API does not say whether a pool was bound through a queue or by its name, so a pool bound by name elsewhere
        is unbound too unless it is in O(elastic_resource_pools).
      - Defaults to V(false) because unbinding a queue breaks the jobs running on it.
    type: bool
    default: false
  elastic_resource_pools:
    description:
      - Names of the elastic resource pools that use the connection. Missing ones are bound (associated).
      - Bound pools that are not listed are unbound only with O(purge_elastic_resource_pools=true).
    type: list
    elements: str
  purge_elastic_resource_pools:
    description:
      - Unbind pools that are bound but not listed in O(elastic_resource_pools). Ignored when
        O(elastic_resource_pools) is not set.
      - A pool that a queue of O(queues) runs in is kept.
      - Defaults to V(false) because unbinding a pool breaks the jobs running on it.
    type: bool
    default: false
  hosts:
    description:
      - Custom host name to IP mappings, at most 20,000. Compared as a set; when it differs the whole list is
        replaced with one C(PUT). V([]) removes every host (sent as C({"hosts":[]}); the API requires the field).
    type: list
    elements: dict
    suboptions:
      name:
        description: Host name, at most 128 letters, digits, C(_), C(-) or C(.), starting with a letter.
        type: str
        required: true
      ip:
        description: IPv4 address of the host.
        type: str
        required: true
  routes:
    description:
      - Routes of the connection, identified by name. Missing routes are added; a route whose CIDR differs is
        deleted and added again.
      - Routes that exist but are not listed are deleted only with O(purge_routes=true).
    type: list
    elements: dict
    suboptions:
      name:
        description: Route name, 1 to 64 characters, unique within the connection.
        type: str
        required: true
      cidr:
        description: Destination network in CIDR notation, for example V(172.16.0.0/16).
        type: str
        required: true
  purge_routes:
    description:
      - Delete routes that exist but are not listed in O(routes). Ignored when O(routes) is not set.
      - Defaults to V(false), like the other C(purge_*) options, so routes added outside Ansible survive.
    type: bool
    default: false
  tags:
    description:
      - Tags set when the connection is created. Not returned by the API, so never compared or updated.
      - Set for an existing connection, they produce a warning (see the description); replace-only.
    type: list
    elements: dict
    suboptions:
      key:
        description:
          - Tag key, 1 to 128 characters; must not start with C(_sys_) (in any case, reserved by the system).
          - Keys and values may contain letters of any language, digits, spaces and the characters C(_.:=+-@), and must not start
            or end with a space. These rules are checked before any API call, naming O(tags[].key) or
            O(tags[].value) of the tag at fault, because tags cannot be changed later.
        type: str
        required: true
      value:
        description: Tag value, 1 to 255 characters (an empty value is refused by the API), with the characters of O(tags[].key).
        type: str
        required: true
  recreate:
    description:
      - When O(name), O(dest_vpc_id) or O(dest_network_id) differ from the existing connection, delete it and
        create it again (new ID; bound queues and pools are peered again). Otherwise the module fails.
      - The delete waits for peerings still C(CREATING), as O(state=absent) does (see the description).
    type: bool
    default: false
"""

    # The same options as the elements of the list module, derived from the text above so that there is one. The
    # annotation keeps ansible-test's yamllint, which expects literal documentation strings, to DOCUMENTATION.
    LIST: str = list_options(DOCUMENTATION, "DLI enhanced connection", "dli_enhanced_connection")

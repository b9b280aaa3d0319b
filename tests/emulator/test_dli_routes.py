# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""huawei-api.md section 11 #2: the v2.0 route API is deprecated, the v3 one is current; the emulator serves both
(SDK referee: the deprecated and the current SDK methods) and marks the v2.0 calls deprecated."""

from __future__ import annotations

import logging

from huaweicloudsdkdli.v1 import (CreateEnhancedConnectionRequest, CreateEnhancedConnectionRequestBody,
                                  CreateEnhancedConnectionRoutesRequest, CreateEnhancedConnectionRoutesRequestBody,
                                  CreateRouteToEnhancedConnectionRequest, CreateRouteToEnhancedConnectionRequestBody,
                                  DeleteRouteFromEnhancedConnectionRequest, DliClient, ShowEnhancedConnectionRequest)

from emulator_testlib import PROJECT, sdk_client, signed_call


def test_v3_routes_work_with_the_sdk_and_v2_routes_are_marked_deprecated(emulator, caplog) -> None:
    client = sdk_client(DliClient, emulator.base_url)
    body = CreateEnhancedConnectionRequestBody(name="routed", dest_vpc_id="vpc-1", dest_network_id="net-1")
    connection_id = client.create_enhanced_connection(CreateEnhancedConnectionRequest(body=body)).connection_id
    added = client.create_route_to_enhanced_connection(CreateRouteToEnhancedConnectionRequest(
        connection_id=connection_id, body=CreateRouteToEnhancedConnectionRequestBody(name="r3", cidr="10.3.0.0/16")))
    assert added.is_success is True
    with caplog.at_level(logging.WARNING, logger="hwcloud_emulator"):
        old = client.create_enhanced_connection_routes(CreateEnhancedConnectionRoutesRequest(
            connection_id=connection_id, body=CreateEnhancedConnectionRoutesRequestBody(name="r2", cidr="10.2.0.0/16")))
    assert old.is_success is True
    warnings = [record.getMessage() for record in caplog.records if "deprecated" in record.getMessage()]
    assert warnings == ["deprecated API called: POST /v2.0/{project_id}/datasource/enhanced-connections/{connection_id}/routes; "
                        "use POST /v3/{project_id}/datasource/enhanced-connections/{connection_id}/routes"]
    shown = client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=connection_id))
    assert shown.is_success is True
    assert client.delete_route_from_enhanced_connection(DeleteRouteFromEnhancedConnectionRequest(
        connection_id=connection_id, name="r3")).message == "Deleted"

    base = "%s/%%s/%s/datasource/enhanced-connections/%s/routes" % (emulator.base_url, PROJECT, connection_id)
    v2 = signed_call("DELETE", base % "v2.0" + "/r2")
    v3 = signed_call("POST", base % "v3", {"name": "r4", "cidr": "10.4.0.0/16"})
    missing = signed_call("DELETE", base % "v2.0" + "/nope")
    assert (v2.status_code, v2.headers.get("Deprecation")) == (200, "true")
    assert (v3.status_code, v3.headers.get("Deprecation")) == (200, None)
    assert (missing.status_code, missing.headers.get("Deprecation")) == (404, "true")  # errors are marked too

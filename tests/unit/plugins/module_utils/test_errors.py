# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Error bodies of every service shape, including the v3 batch answers whose only codes are per result
(huawei-api.md section 11 #6)."""

from __future__ import annotations

import json

from ansible_collections.hwcloud.connections.plugins.module_utils.errors import MAX_RESULTS, error_from_response
from ansible_collections.hwcloud.connections.plugins.module_utils.redact import Redactor

GONE = {"id": "5f1c9e7a-jb199", "status": "", "error_code": "DRS.M00289", "error_message": "The job does not exist."}


def error(body, redact=None):
    return error_from_response("POST", "/v3/p/jobs/batch-status", 400, {"X-Request-Id": "rid-1"}, json.dumps(body).encode(), redact=redact)


def test_per_result_codes_are_read_when_there_is_no_top_level_code():
    found = error({"results": [{"id": "ok-1", "status": "CONFIGURATION"}, GONE], "count": 2})
    assert (found.status, found.error_code, found.request_id) == (400, "DRS.M00289", "rid-1")
    assert found.error_msg == "results[1] (id 5f1c9e7a-jb199): DRS.M00289 The job does not exist."
    assert found.message == ("POST /v3/p/jobs/batch-status failed: HTTP 400 DRS.M00289: results[1] (id 5f1c9e7a-jb199): DRS.M00289 "
                             "The job does not exist. (request id rid-1)")
    assert found.results == [{"id": "ok-1", "status": "CONFIGURATION", "error_code": None, "error_msg": None},
                             {"id": "5f1c9e7a-jb199", "status": "", "error_code": "DRS.M00289", "error_msg": "The job does not exist."}]


def test_every_failed_result_is_named_and_a_top_level_code_wins():
    deleted = dict(GONE, id="j2", error_code="DRS.M05004", error_message="The job has been deleted.")
    found = error({"results": [GONE, deleted]})
    assert found.error_msg == ("results[0] (id 5f1c9e7a-jb199): DRS.M00289 The job does not exist.; "
                               "results[1] (id j2): DRS.M05004 The job has been deleted.")
    top = error({"error_code": "DRS.10000001", "error_msg": "Invalid parameter jobs.", "results": [GONE]})
    assert (top.error_code, top.error_msg) == ("DRS.10000001", "Invalid parameter jobs.")
    assert error({"results": [{"id": "x", "status": "CONFIGURATION"}]}).error_code is None


def test_results_are_masked_capped_and_never_more_than_their_known_fields():
    secret = "pa55-w0rd-canary"
    body = {"results": [dict(GONE, error_message="login failed for " + secret, db_password=secret)] * (MAX_RESULTS + 5)}
    found = error(body, Redactor({secret}))
    assert len(found.results) == MAX_RESULTS and secret not in json.dumps(found.results) + found.message
    assert set(found.results[0]) == {"id", "status", "error_code", "error_msg"}
    assert error({"results": "not a list"}).results == [] and error({"results": [7, None]}).results == []


def test_result_ids_stay_matchable_while_the_message_masks_them():
    secret = "000000-leaky"
    found = error({"results": [dict(GONE, id="5f1c-%s" % secret)]}, Redactor({secret}))
    assert found.results[0]["id"] == "5f1c-" + secret  # compared with the ids the request sent, never printed as such
    assert secret not in found.message and secret not in found.error_msg

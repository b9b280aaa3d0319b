# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Requests that get no answer: the error names the host and port, the cause and where the URL came from; a refused
connection or a failed DNS lookup is retried once at most, timeouts keep their retries. DNS is simulated in-process
(socket.getaddrinfo refuses every name but loopback), so nothing but 127.0.0.1 is ever resolved or dialled."""

from __future__ import annotations

import socket

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient
from ansible_collections.hwcloud.connections.plugins.module_utils.endpoints import REGIONS, endpoint_origin, unknown_region_hint
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.retries import RetryPolicy
from ansible_collections.hwcloud.connections.plugins.module_utils.shared_options import auth_argument_spec, build_client

PROJECT = "0123456789abcdef0123456789abcdef"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@pytest.fixture
def dns(monkeypatch):
    """Names resolved by the code under test; every name but loopback fails as a name that does not exist."""
    real = socket.getaddrinfo
    asked = []

    def getaddrinfo(host, *args, **kwargs):
        asked.append(host)
        if host not in LOOPBACK:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.delenv("HUAWEICLOUD_ENDPOINT_URL", raising=False)
    return asked


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def client(sleeps, **kwargs):
    kwargs.setdefault("project_id", PROJECT)
    kwargs.setdefault("retry", RetryPolicy(max_retries=5, base_delay=0.5, max_delay=20))
    return HuaweiCloudClient(region=kwargs.pop("region", "cn-north-4"), auth=AkSkAuth("AK", "SK"), sleep=sleeps.append, **kwargs)


def failure(call) -> HuaweiCloudError:
    with pytest.raises(HuaweiCloudError) as err:
        call()
    return err.value


def test_a_refused_connection_names_host_port_cause_and_option_and_is_retried_once(dns, closed_port):
    sleeps = []
    error = failure(lambda: client(sleeps, endpoint_url="http://127.0.0.1:%d" % closed_port).get("drs", "/v5/{project_id}/connections"))
    assert "connection refused by 127.0.0.1:%d" % closed_port in error.message
    assert "the option endpoint_url" in error.message
    assert "ConnectionError" not in error.message
    assert len(sleeps) == 1 and sleeps[0] <= 0.5, sleeps
    assert "gave up after 2 attempts" in error.message


def test_the_environment_variable_is_named_when_the_url_came_from_it(dns, closed_port, monkeypatch):
    url = "http://127.0.0.1:%d" % closed_port
    monkeypatch.setenv("HUAWEICLOUD_ENDPOINT_URL", url)
    error = failure(lambda: client([], endpoint_url=url).get("drs", "/x"))
    assert "the environment variable HUAWEICLOUD_ENDPOINT_URL" in error.message


def test_a_per_service_endpoint_is_named(dns, closed_port):
    error = failure(lambda: client([], endpoints={"dli": "http://127.0.0.1:%d" % closed_port}).get("dli", "/x"))
    assert "connection refused by 127.0.0.1:%d" % closed_port in error.message and "the option endpoints.dli" in error.message


def test_max_retries_zero_means_no_retry_even_for_a_refused_connection(dns, closed_port):
    sleeps = []
    error = failure(lambda: client(sleeps, endpoint_url="http://127.0.0.1:%d" % closed_port, retry=RetryPolicy(max_retries=0)).get("drs", "/x"))
    assert sleeps == [] and "gave up after 1 attempt)" in error.message


def test_a_dns_failure_for_an_unknown_region_says_the_region_does_not_exist(dns):
    sleeps = []
    error = failure(lambda: client(sleeps, region="xx-nowhere-1", project_id=None).get("drs", "/v5/{project_id}/connections"))
    text = error.message
    assert text.startswith("GET /v3/projects failed: DNS lookup of iam.xx-nowhere-1.myhuaweicloud.com failed"), text
    assert "the default for region xx-nowhere-1" in text
    assert "xx-nowhere-1 is not one of Huawei Cloud's regions" in text
    assert "endpoint_url" in text and "endpoints.iam" in text
    assert "project_id" not in text
    assert dns.count("iam.xx-nowhere-1.myhuaweicloud.com") == 2 and len(sleeps) == 1


def test_a_dns_failure_for_a_known_region_names_the_host_without_blaming_the_region(dns):
    error = failure(lambda: client([]).get("drs", "/v5/{project_id}/connections"))
    assert "DNS lookup of drs.cn-north-4.myhuaweicloud.com failed" in error.message
    assert "the default for region cn-north-4" in error.message
    assert "not one of Huawei Cloud's regions" not in error.message


def test_a_timeout_keeps_its_retries_and_names_host_and_port(dns, server):
    for _attempt in range(3):
        server.queue(200, {}, delay=1.0)
    sleeps = []
    error = failure(lambda: client(sleeps, endpoint_url=server.url, timeout=0.3,
                                   retry=RetryPolicy(max_retries=2, base_delay=0.01, max_delay=0.01)).get("drs", "/x"))
    assert "no complete answer from %s within api_timeout (0.3s)" % server.url[len("http://"):] in error.message
    assert "the option endpoint_url" in error.message and "gave up after 3 attempts" in error.message
    assert len(server.requests) == 3 and len(sleeps) == 2


def test_an_unknown_region_without_projects_in_iam_is_named_not_project_id(dns, server):
    server.queue(200, {"projects": [], "links": {}})
    error = failure(lambda: client([], region="cn-nort-4", project_id=None, endpoint_url=server.url).get("drs", "/v5/{project_id}/x"))
    assert "cn-nort-4 is not one of Huawei Cloud's regions (did you mean cn-north-4?)" in error.message
    assert "set project_id" not in error.message


def test_a_known_region_without_projects_in_iam_still_suggests_project_id(dns, server):
    server.queue(200, {"projects": [], "links": {}})
    error = failure(lambda: client([], project_id=None, endpoint_url=server.url).get("drs", "/v5/{project_id}/x"))
    assert "set project_id" in error.message and "not one of" not in error.message


# -- pure parts ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("service, endpoints, endpoint_url, environ, expected", [
    ("drs", {"drs": "http://a:1"}, "http://b:2", {"HUAWEICLOUD_ENDPOINT_URL": "http://b:2"}, "the option endpoints.drs"),
    ("dli", {"drs": "http://a:1"}, "http://b:2", {}, "the option endpoint_url"),
    ("dli", {}, "http://b:2", {"HUAWEICLOUD_ENDPOINT_URL": "http://b:2"}, "the environment variable HUAWEICLOUD_ENDPOINT_URL"),
    ("iam", {}, None, {"HUAWEICLOUD_ENDPOINT_URL": "http://b:2"}, "the default for region cn-north-4"),
])
def test_endpoint_origin(service, endpoints, endpoint_url, environ, expected):
    assert endpoint_origin(service, "cn-north-4", None, endpoints, endpoint_url, environ) == expected


def test_endpoint_origin_names_the_cloud_domain_when_set():
    assert endpoint_origin("eg", "cn-north-4", "example.com", {}, None, {}) == "the default for region cn-north-4 and cloud_domain example.com"


@pytest.mark.parametrize("region, hint", [
    ("cn-north-4", ""),
    ("eu-west-101", ""),
    ("cn-nort-4", "cn-nort-4 is not one of Huawei Cloud's regions (did you mean cn-north-4?)"),
    ("xx-nowhere-1", "xx-nowhere-1 is not one of Huawei Cloud's regions"),
])
def test_unknown_region_hint(region, hint):
    assert unknown_region_hint(region) == hint


def test_the_known_regions_are_the_official_sdks():
    """Referee: the regions of the official SDK's IAM, DRS, DLI and EG clients (huawei-api.md section 6)."""
    sdk = {}
    for module, name in (("huaweicloudsdkiam.v3.region.iam_region", "IamRegion"), ("huaweicloudsdkdrs.v5.region.drs_region", "DrsRegion"),
                         ("huaweicloudsdkdli.v1.region.dli_region", "DliRegion"), ("huaweicloudsdkeg.v1.region.eg_region", "EgRegion")):
        sdk.update(getattr(pytest.importorskip(module), name).static_fields)
    assert REGIONS == frozenset(sdk)


@pytest.mark.parametrize("auth_url", ["http://127.0.0.1:%d", "http://127.0.0.1:%d/v3"])
def test_an_iam_url_from_auth_url_is_named_as_auth_url(dns, closed_port, auth_url, monkeypatch):
    """Terraform's auth_url (HW_AUTH_URL) is the IAM endpoint; a failure names it, not endpoints.iam it was turned into."""
    for name in ("HW_AUTH_URL", "OS_AUTH_URL", "HUAWEICLOUD_SDK_IAM_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    params = {name: option.get("default") for name, option in auth_argument_spec().items()}
    params.update(region="cn-north-4", access_key="AK", secret_key="SK", auth_url=auth_url % closed_port, max_retries=0,
                  token_cache=False)
    built = build_client(params, warn=lambda message: None, secrets=set())
    built._sleep = lambda seconds: None  # pylint: disable=protected-access
    error = failure(lambda: built.get("iam", "/v3/projects"))
    assert "connection refused by 127.0.0.1:%d" % closed_port in error.message
    assert "the URL comes from the option auth_url" in error.message, error.message

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Authentication and endpoint options shared by every module."""

from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  region:
    description:
      - Huawei Cloud region, for example V(cn-north-4) or V(eu-west-101).
      - If not set, the value of the environment variable E(HW_REGION_NAME) is used.
    type: str
    required: true
  project_id:
    description:
      - ID of the region's project.
      - When absent it is looked up once through IAM (C(GET /v3/projects?name=<region>)) and cached.
      - If not set, the value of E(HW_PROJECT_ID) or E(HUAWEICLOUD_SDK_PROJECT_ID) is used.
    type: str
  access_key:
    description:
      - Access key (AK) for AK/SK request signing.
      - If not set, the value of E(HW_ACCESS_KEY) or E(HUAWEICLOUD_SDK_AK) is used.
      - AK/SK is used when both O(access_key) and O(secret_key) are set; otherwise password authentication.
    type: str
  secret_key:
    description:
      - Secret key (SK) for AK/SK request signing.
      - If not set, the value of E(HW_SECRET_KEY) or E(HUAWEICLOUD_SDK_SK) is used.
    type: str
  security_token:
    description:
      - Security token of temporary AK/SK credentials; sent as C(X-Security-Token).
      - If not set, the value of E(HW_SECURITY_TOKEN) or E(HUAWEICLOUD_SDK_SECURITY_TOKEN) is used.
    type: str
  domain_name:
    description:
      - Account (domain) name for IAM password authentication.
      - If not set, the value of E(HW_DOMAIN_NAME) is used.
    type: str
  user_name:
    description:
      - IAM user name for password authentication.
      - If not set, the value of E(HW_USER_NAME) is used.
    type: str
  password:
    description:
      - IAM user password. The module obtains an IAM token (C(POST /v3/auth/tokens)) and caches the token,
        never the password, see O(token_cache).
      - If not set, the value of E(HW_PASSWORD) is used.
    type: str
  token_cache:
    description:
      - Cache IAM tokens and looked-up project IDs in a per-user file (mode 0600) under
        C($XDG_CACHE_HOME/hwcloud.connections), default C(~/.cache/hwcloud.connections), so a playbook run
        asks IAM at most once per identity. Entries are reused until 15 minutes before the token expires.
      - If not set, the value of E(HUAWEICLOUD_TOKEN_CACHE) is used.
    type: bool
    default: true
  cloud:
    description:
      - Domain of the service endpoints.
      - Defaults to V(myhuaweicloud.com), and to V(myhuaweicloud.eu) for region V(eu-west-101).
      - If not set, the value of E(HW_CLOUD) is used.
    type: str
  endpoints:
    description:
      - Per-service base URL overrides. They win over O(endpoint_url) and the region pattern
        C(https://<service>.<region>.<cloud>).
    type: dict
    suboptions:
      drs:
        description: Base URL of DRS.
        type: str
      dli:
        description: Base URL of DLI.
        type: str
      eg:
        description: Base URL of EventGrid.
        type: str
      iam:
        description: Base URL of IAM.
        type: str
  endpoint_url:
    description:
      - One base URL for every service, for example a local emulator C(http://127.0.0.1:8080).
      - If not set, the value of E(HUAWEICLOUD_ENDPOINT_URL) is used.
    type: str
  validate_certs:
    description:
      - Verify TLS certificates. Only disable it against a test endpoint you control.
    type: bool
    default: true
  ca_bundle:
    description:
      - Path to a CA bundle used to verify TLS certificates.
      - If not set, the value of E(HUAWEICLOUD_CA_BUNDLE) is used.
    type: path
  api_timeout:
    description:
      - Timeout in seconds of one HTTP request.
    type: float
    default: 30
  max_retries:
    description:
      - How many times a failed (5xx) or unreachable request is retried, with exponential backoff and jitter.
      - Throttled requests (HTTP 429 C(APIGW.0308)) were not processed, so they are retried, honouring
        C(Retry-After), until the total retry time of 120 seconds is used up, whatever this number.
      - Requests that create something are retried only when they were certainly not applied; after an ambiguous
        failure the module looks the resource up by name before creating again.
    type: int
    default: 5
notes:
  - Credentials come from module options or the environment; both the Terraform provider's C(HW_*) names and
    the official SDK's C(HUAWEICLOUD_SDK_*) names are read.
requirements:
  - requests
  - pydantic >= 2
"""

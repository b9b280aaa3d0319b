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
      - Huawei Cloud region, for example V(cn-north-4) or V(eu-west-101), that is lower-case letters and digits
        joined by hyphens. It becomes part of the service host names, so anything else is refused before any request.
      - If not set, the value of the environment variable E(HW_REGION_NAME) is used.
    type: str
    required: true
  project_id:
    description:
      - ID of the region's project, 32 hexadecimal characters (a project ID that IAM returns is checked the same way).
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
      - An entry is keyed by the identity and by a keyed hash of the password (or secret key) that proves it, so a
        wrong password never finds the right one's token.
      - The directory is created with mode 0700. A directory owned by another user or writable by others is not used
        (the module warns), and cache files are never read or locked through symbolic links.
      - If not set, the value of E(HUAWEICLOUD_TOKEN_CACHE) is used.
    type: bool
    default: true
  cloud_domain:
    description:
      - Domain of the service endpoints, a DNS domain name such as V(myhuaweicloud.com). (Not C(cloud), which
        M(hwcloud.connections.drs_connection) uses for the region and project of a database instance.)
      - Defaults to V(myhuaweicloud.com), and to V(myhuaweicloud.eu) for region V(eu-west-101).
      - If not set, the value of E(HW_CLOUD) is used.
    type: str
  endpoints:
    description:
      - Per-service base URL overrides. They win over O(endpoint_url) and the region pattern
        C(https://<service>.<region>.<cloud>).
      - Each is checked like O(endpoint_url).
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
      csms:
        description:
          - Base URL of CSMS (Cloud Secret Management Service), which the P(hwcloud.connections.csms_secret#lookup)
            lookup reads. Its public host is C(kms.<region>.<cloud>), the DEW (KMS) endpoint, as in the official SDK.
        type: str
  endpoint_url:
    description:
      - One base URL for every service, for example a local emulator C(http://127.0.0.1:8080).
      - Must be an C(http://) or C(https://) URL with a well-formed host, without credentials (C(user:password@)),
        query or fragment.
      - Redirects are never followed; an answer with HTTP 3xx fails the module, naming the status and the host it
        pointed to.
      - If not set, the value of E(HUAWEICLOUD_ENDPOINT_URL) is used.
    type: str
  validate_certs:
    description:
      - Verify TLS certificates. Only disable it against a test endpoint you control.
      - V(false) together with O(ca_bundle) is an error, not a silent choice.
      - A failed certificate check is not retried; the message names O(ca_bundle) and O(validate_certs).
    type: bool
    default: true
  ca_bundle:
    description:
      - Path to a CA bundle used to verify TLS certificates; it must be a readable file.
      - If not set, the value of E(HUAWEICLOUD_CA_BUNDLE) is used.
    type: path
  api_timeout:
    description:
      - Timeout in seconds of one HTTP request in all, from connecting to the last byte of the answer (a server
        that sends its answer slowly is cut off). Must be a finite number greater than 0.
    type: float
    default: 30
  max_retries:
    description:
      - How many times a failed (5xx) or unreachable request is retried, with exponential backoff and jitter. At least 0.
      - Throttled requests (HTTP 429 C(APIGW.0308)) were not processed, so they are retried, honouring
        C(Retry-After), until the total retry time of 120 seconds is used up, whatever this number.
      - Requests that create something are retried only when they were certainly not applied; after an ambiguous
        failure the module looks the resource up by name before creating again.
    type: int
    default: 5
notes:
  - Credentials come from module options or the environment; both the Terraform provider's C(HW_*) names and
    the official SDK's C(HUAWEICLOUD_SDK_*) names are read.
  - Server answers are not trusted. An answer that is not the JSON object a call expects, or lacks a field it needs
    (such as an ID), fails the module naming the call; it is never taken for "nothing exists". IDs a server returns
    must look like IDs before they are used in a URL, listings stop with an error on a page that repeats earlier
    items or after 1,000 pages, answers over 64 MiB are refused and error bodies are read to 1 MiB at most.
  - Error messages show the HTTP status, C(error_code), C(error_msg) (at most 1,024 characters) and the request ID,
    never request bodies or headers. Every known secret is masked in them in every form a server may echo it (raw,
    JSON-escaped, URL-encoded, or cut short), before the text is cut.
requirements:
  - requests
  - pydantic >= 2
"""

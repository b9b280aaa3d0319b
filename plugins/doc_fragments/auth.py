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
      - If not set, the value of the environment variable E(HW_REGION_NAME) or E(OS_REGION_NAME) is used.
    type: str
    required: true
  project_id:
    description:
      - ID of the project the calls act in, 32 hexadecimal characters (a project ID that IAM returns is checked the
        same way). It wins over O(project_name); a password token is then scoped to this project.
      - When absent it is the project the password token is scoped to, or it is looked up once through IAM
        (C(GET /v3/projects?name=<project_name or region>)) and cached.
      - If not set, the value of E(HW_PROJECT_ID), E(OS_PROJECT_ID) or E(HUAWEICLOUD_SDK_PROJECT_ID) is used, else the
        C(project_id) of the SDK credentials file when that file supplies the credentials.
    type: str
  project_name:
    description:
      - Name of the IAM project the calls act in, the region's own project (V(cn-north-4)) or one of its
        sub-projects (V(cn-north-4_dev), always C(<region>_<name>)). Defaults to the region.
      - A password token is scoped to this project and the project's ID is used in the URLs; with AK/SK the ID is
        looked up by this name instead of the region's.
      - The alias O(project) is the name community.general's C(hwc_*) modules use.
      - If not set, the value of E(HW_PROJECT_NAME) or E(OS_PROJECT_NAME) is used.
    type: str
    aliases: [project]
  access_key:
    description:
      - Access key (AK) for AK/SK request signing.
      - If not set, the value of E(HW_ACCESS_KEY), E(OS_ACCESS_KEY) or E(HUAWEICLOUD_SDK_AK) is used.
      - AK/SK comes first in the resolution order (see the notes), before a password login.
    type: str
  secret_key:
    description:
      - Secret key (SK) for AK/SK request signing.
      - If not set, the value of E(HW_SECRET_KEY), E(OS_SECRET_KEY) or E(HUAWEICLOUD_SDK_SK) is used.
    type: str
  security_token:
    description:
      - Security token of temporary AK/SK credentials; sent as C(X-Security-Token).
      - If not set, the value of E(HW_SECURITY_TOKEN) or E(HUAWEICLOUD_SDK_SECURITY_TOKEN) is used.
    type: str
  domain_name:
    description:
      - Account (domain) name for IAM password authentication.
      - The alias O(domain) is the name community.general's C(hwc_*) modules use.
      - If not set, the value of E(HW_DOMAIN_NAME), E(OS_DOMAIN_NAME), E(OS_USER_DOMAIN_NAME) or
        E(OS_PROJECT_DOMAIN_NAME) is used.
    type: str
    aliases: [domain]
  domain_id:
    description:
      - Account (domain) ID for IAM password authentication, instead of O(domain_name).
      - If not set, the value of E(HW_DOMAIN_ID), E(OS_DOMAIN_ID), E(OS_USER_DOMAIN_ID) or E(OS_PROJECT_DOMAIN_ID) is used.
    type: str
  user_name:
    description:
      - IAM user name for password authentication.
      - The alias O(user) is the name community.general's C(hwc_*) modules use.
      - If not set, the value of E(HW_USER_NAME) or E(OS_USERNAME) is used.
    type: str
    aliases: [user]
  password:
    description:
      - IAM user password. The module obtains an IAM token (C(POST /v3/auth/tokens)) scoped to O(project_id), else to
        O(project_name), else to the region, and caches the token, never the password, see O(token_cache).
      - If not set, the value of E(HW_USER_PASSWORD) or E(OS_PASSWORD) is used (the Terraform provider's names).
      - The environment variable E(HW_PASSWORD) that earlier releases read is still read when neither is set, with a
        deprecation warning; it will be removed in release 2.0.0.
    type: str
  auth_url:
    description:
      - The IAM endpoint, with or without Terraform's trailing C(/v3), for example
        C(https://iam.cn-north-4.myhuaweicloud.com/v3). O(endpoints.iam) wins over it; it wins over O(endpoint_url)
        for IAM. Checked like O(endpoint_url).
      - The alias O(identity_endpoint) is the name community.general's C(hwc_*) modules use.
      - If not set, the value of E(HW_AUTH_URL), E(OS_AUTH_URL) or E(HUAWEICLOUD_SDK_IAM_ENDPOINT) is used, else the
        C(iam_endpoint) of the SDK credentials file when that file supplies the credentials.
    type: str
    aliases: [identity_endpoint]
  assume_role:
    description:
      - Assume an IAM agency. Temporary AK/SK are asked from IAM (C(POST /v3.0/OS-CREDENTIAL/securitytokens), method
        C(assume_role)) with the credentials found by the resolution order, and every call is signed with them
        (C(X-Security-Token)). They are asked again before they expire, and never cached on disk.
      - When the assume fails the task fails; nothing is ever done with the base credentials instead.
      - Each suboption falls back to its environment variable, the Terraform provider's names, also when O(assume_role)
        itself is not given.
    type: dict
    suboptions:
      agency_name:
        description:
          - Name of the agency. The agency is assumed only when this is set.
          - If not set, the value of E(HW_ASSUME_ROLE_AGENCY_NAME) is used.
        type: str
      domain_name:
        description:
          - Name of the account that created the agency (the delegating account).
          - Defaults to O(domain_name) (or O(domain_id)) of the user, when neither this nor O(assume_role.domain_id)
            is set.
          - If not set, the value of E(HW_ASSUME_ROLE_DOMAIN_NAME) is used.
        type: str
      domain_id:
        description:
          - ID of the account that created the agency, instead of O(assume_role.domain_name).
          - If not set, the value of E(HW_ASSUME_ROLE_DOMAIN_ID) is used.
        type: str
      duration:
        description:
          - Lifetime of the temporary credentials in seconds, 900 to 86400. Defaults to 900, IAM's default.
          - If not set, the value of E(HW_ASSUME_ROLE_DURATION) is used.
        type: int
  use_metadata:
    description:
      - Take temporary credentials from the ECS/BMS metadata service (the agency bound to the server the module runs
        on), fetched as the official SDK does (C(PUT /meta-data/latest/api/token), then
        C(GET /openstack/latest/securitykey)) and fetched again before they expire, also within one long task.
      - Last in the resolution order and never tried unless asked by this option or O(metadata_url), so a machine that
        is not an ECS never contacts the link-local address unasked. Each metadata call has 5 seconds at most; off an
        ECS the task fails saying so.
      - Metadata calls never go through a proxy (E(HTTPS_PROXY), E(HTTP_PROXY)), so the credentials it hands out never
        pass one; the API calls made with them do use the proxy.
      - If not set, the value of E(HUAWEICLOUD_USE_METADATA) is used.
    type: bool
    default: false
  metadata_url:
    description:
      - Base URL of the metadata service, default C(http://169.254.169.254). Setting it implies O(use_metadata).
      - Checked like O(endpoint_url).
      - If not set, the value of E(HUAWEICLOUD_METADATA_URL) is used.
    type: str
  token_cache:
    description:
      - Cache IAM password tokens and looked-up project IDs in a per-user file (mode 0600) under
        C($XDG_CACHE_HOME/hwcloud.connections), default C(~/.cache/hwcloud.connections), so a playbook run
        asks IAM at most once per identity. Entries are reused until 15 minutes before the token expires.
      - An entry is keyed by the identity, the project the token is scoped to, and a keyed hash of the password (or
        secret key) that proves it, so a wrong password never finds the right one's token.
      - Temporary credentials (metadata, assumed agencies) are never written to it.
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
      - A refused connection or a failed DNS lookup is retried once only, after at most half a second (it means a wrong
        URL far more often than a server back within seconds); timeouts and 5xx answers use every retry. The error names
        the host and port, the cause and where the URL came from (O(endpoints), O(endpoint_url), E(HUAWEICLOUD_ENDPOINT_URL)
        or the default for O(region)).
      - Throttled requests (HTTP 429 C(APIGW.0308)) were not processed, so they are retried, honouring
        C(Retry-After), until the total retry time of 120 seconds is used up, whatever this number.
      - Requests that create something are retried only when they were certainly not applied; after an ambiguous
        failure the module looks the resource up by name before creating again.
    type: int
    default: 5
notes:
  - "Credentials are resolved in one order, the same for every module, role, runbook and plugin of the collection.
    Each option is its own value, else its environment variables (listed with the option; an empty variable counts
    as unset). Then the first complete source wins: (1) O(access_key) and O(secret_key) (with O(security_token));
    (2) O(user_name), O(password) and O(domain_name) or O(domain_id), for an IAM token; (3) the official SDK's
    credentials file, E(HUAWEICLOUD_SDK_CREDENTIALS_FILE) or C(~/.huaweicloud/credentials) on the host the module
    runs on, INI section C([basic]) with C(ak), C(sk) and optionally C(security_token), C(project_id) and
    C(iam_endpoint); (4) the ECS/BMS metadata service, only with O(use_metadata) or O(metadata_url). O(assume_role)
    then assumes the agency with what was found."
  - When no source is complete, one given only in part (an access key without its secret key, a password without a
    user name) fails naming what is missing, instead of falling through to the credentials file or metadata. When both AK/SK and a password are set,
    or metadata is asked for but an earlier source is found, the module warns which one it used.
  - The SDK credentials file is never printed. A file that others may read or write is used with a warning
    (C(chmod 600)); a file named by E(HUAWEICLOUD_SDK_CREDENTIALS_FILE) must exist. Federated identities of that
    file (C(idp_id), C(id_token_file)) are not supported.
  - Coming from the Terraform provider (C(huaweicloud/huaweicloud)), its option names and environment variables
    work unchanged; C(auth_url) may keep its C(/v3). Coming from community.general's C(hwc_*) modules, the
    option names O(identity_endpoint), O(user), O(domain) and O(project) are aliases (also in C(module_defaults));
    their C(ANSIBLE_HWC_*) variables are not read (AWX reserves C(ANSIBLE_*)), set the C(HW_*) ones. Coming from the
    SDK, C(HUAWEICLOUD_SDK_AK), C(HUAWEICLOUD_SDK_SK), C(HUAWEICLOUD_SDK_SECURITY_TOKEN),
    C(HUAWEICLOUD_SDK_PROJECT_ID), C(HUAWEICLOUD_SDK_IAM_ENDPOINT) and its credentials file are read.
  - HTTP(S) proxies are read from the environment as C(requests) reads them, E(HTTPS_PROXY) for C(https://) URLs,
    E(HTTP_PROXY) for C(http://) URLs and E(NO_PROXY) for hosts reached directly (lower-case names too). HTTPS goes
    through a C(CONNECT) tunnel, so O(validate_certs) and O(ca_bundle) check the API's certificate, not the proxy's,
    and O(api_timeout) bounds the whole exchange through the proxy. A failing proxy is named in the error as the proxy.
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

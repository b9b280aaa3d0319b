# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which credentials a run uses: the one resolution order of every module and plugin (documented in the
``hwcloud.connections.auth`` doc fragment).

Each option is its own value or else its environment variables (the argument spec's fallbacks). Then the first
complete source wins:

1. ``access_key`` + ``secret_key`` (+ ``security_token``);
2. ``user_name`` + ``password`` + ``domain_name`` or ``domain_id``: an IAM token (``HW_PASSWORD`` is read, deprecated,
   when no password is set);
3. the official SDK's credentials file: ``HUAWEICLOUD_SDK_CREDENTIALS_FILE`` or ``~/.huaweicloud/credentials``,
   section ``[basic]``;
4. the ECS/BMS metadata server, only when asked (``use_metadata`` or ``metadata_url``).

``assume_role`` (an agency) then wraps whichever source was found.
"""

from __future__ import annotations

import os
import stat

from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth, PasswordAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.endpoints import base_url_problem
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import project_id_problem

PROFILE_ENV = "HUAWEICLOUD_SDK_CREDENTIALS_FILE"
DEFAULT_PROFILE = os.path.join("~", ".huaweicloud", "credentials")
PROFILE_SECTION = "basic"
PROFILE_LIMIT = 64 * 1024
DEPRECATED_PASSWORD_ENV = "HW_PASSWORD"
DEFAULT_ASSUME_DURATION = 900  # IAM's own default for temporary credentials
NO_CREDENTIALS = (
    "No credentials: set access_key and secret_key (or HW_ACCESS_KEY/HW_SECRET_KEY, OS_ACCESS_KEY/OS_SECRET_KEY, "
    "HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK), or user_name, password and domain_name (or HW_USER_NAME, HW_USER_PASSWORD "
    "and HW_DOMAIN_NAME; OS_USERNAME, OS_PASSWORD and OS_DOMAIN_NAME), or put ak and sk in the [basic] section of the "
    "SDK credentials file (HUAWEICLOUD_SDK_CREDENTIALS_FILE, default ~/.huaweicloud/credentials), or on an ECS/BMS "
    "server with an agency set use_metadata: true"
)


class Resolved:
    """The credential source of a run and what it brings besides: a project id and an IAM endpoint."""

    def __init__(self, auth, project_id: str = None, iam_endpoint: str = None):
        self.auth = auth
        self.project_id = project_id
        self.iam_endpoint = iam_endpoint


def _deprecated_password(p: dict, environ, warn, deprecate, secrets: set):
    value = environ.get(DEPRECATED_PASSWORD_ENV)
    if p.get("password") or not value:
        return p.get("password")
    secrets.add(value)
    message = ("The environment variable HW_PASSWORD is deprecated: set HW_USER_PASSWORD (the Terraform provider's name) or "
               "OS_PASSWORD instead")
    if deprecate is not None:
        deprecate(message, version="2.0.0", collection_name="hwcloud.connections")
    else:
        warn("[DEPRECATED] " + message)
    return value


def _incomplete(given: dict, what: str) -> None:
    """Fail naming what is missing when only part of a set is given (a typo, not a choice of another source)."""
    if any(given.values()) and not all(given.values()):
        missing = " and ".join(name for name, value in given.items() if not value)
        raise ValidationFailed("%s is set but %s is not: set %s, or remove the rest" % (
            ", ".join(name for name, value in given.items() if value), missing, what))


def _static_sources(p: dict, password) -> list:
    """The complete option sources in resolution order, as (name, auth). When there is none, a set given in part
    fails naming what it lacks (a typo, not a choice of the file or metadata)."""
    keys = {"access_key": p["access_key"], "secret_key": p["secret_key"]}
    login = {"user_name": p["user_name"], "password": password, "domain_name or domain_id": p["domain_name"] or p["domain_id"]}
    sources = []
    if all(keys.values()):
        sources.append(("access_key/secret_key", AkSkAuth(p["access_key"], p["secret_key"], p["security_token"])))
    if all(login.values()):
        login_auth = PasswordAuth(p["domain_name"], p["user_name"], password, domain_id=p["domain_id"],
                                  project_name=p["project_name"], project_id=p["project_id"])
        sources.append(("a password login", login_auth))
    if not sources:
        _incomplete(keys, "both access_key and secret_key")
        _incomplete(login, "user_name, password and domain_name (or domain_id)")
    return sources


def _profile_path(environ):
    """(path, named): the file HUAWEICLOUD_SDK_CREDENTIALS_FILE names, else the default one."""
    named = environ.get(PROFILE_ENV)
    return (named, True) if named else (os.path.expanduser(DEFAULT_PROFILE), False)


def _profile_error(path: str, why: str) -> ValidationFailed:
    return ValidationFailed("The SDK credentials file %s %s" % (path, why))


def _parse_profile(path: str, text: str) -> dict:
    import configparser  # pylint: disable=import-outside-toplevel  # only the SDK credentials file needs it

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=path)
    except configparser.Error as exc:  # the message would quote the line (a secret key): only its number is shown
        lineno = getattr(exc, "lineno", None) or next((line for line, _text in getattr(exc, "errors", [])), None)
        raise _profile_error(path, "is not an INI file (line %s)" % (lineno or "?")) from None
    return dict(parser.items(PROFILE_SECTION)) if parser.has_section(PROFILE_SECTION) else None


def read_profile(environ, warn, secrets: set):
    """The ``[basic]`` section of the SDK credentials file as a Resolved, or None when there is none to read.

    A file HUAWEICLOUD_SDK_CREDENTIALS_FILE names must exist and be usable; the default one is skipped when absent.
    Its content is never shown; a file other users may read or write is used with a warning.
    """
    path, named = _profile_path(environ)
    try:
        info = os.stat(path)
        with open(path, "rb") as handle:
            data = handle.read(PROFILE_LIMIT + 1)
    except OSError as exc:
        if named:
            raise ValidationFailed("%s names %s, which cannot be read (%s)" % (PROFILE_ENV, path, exc.strerror)) from None
        return None
    if not stat.S_ISREG(info.st_mode) or len(data) > PROFILE_LIMIT:
        raise _profile_error(path, "is not a regular file of at most 64 KiB")
    if info.st_mode & 0o077:
        warn("The SDK credentials file %s can be read or written by other users (mode %o): chmod 600 %s"
             % (path, stat.S_IMODE(info.st_mode), path))
    section = _parse_profile(path, data.decode("utf-8", "replace"))
    if section is None:
        if named:
            raise _profile_error(path, "has no [basic] section")
        return None
    for secret in (section.get("sk"), section.get("security_token")):
        if secret:
            secrets.add(secret)
    if not (section.get("ak") and section.get("sk")):
        if section.get("idp_id") or section.get("id_token_file"):
            raise _profile_error(path, "names a federated identity (idp_id, id_token_file), which this collection does not "
                                       "support: put ak and sk in its [basic] section")
        raise _profile_error(path, "needs both ak and sk in its [basic] section")
    project_id, iam_endpoint = section.get("project_id") or None, section.get("iam_endpoint") or None
    if project_id and project_id_problem(project_id):
        raise _profile_error(path, "has a project_id that is not 32 hexadecimal characters")
    if iam_endpoint and base_url_problem(iam_endpoint):
        raise _profile_error(path, "has an iam_endpoint which %s" % base_url_problem(iam_endpoint))
    return Resolved(AkSkAuth(section["ak"], section["sk"], section.get("security_token") or None), project_id, iam_endpoint)


def _assumed(p: dict, resolved: Resolved) -> Resolved:
    role = p.get("assume_role") or {}
    if not role.get("agency_name"):
        return resolved
    domain_name, domain_id = role.get("domain_name"), role.get("domain_id")
    if not (domain_name or domain_id):  # the agency of the user's own account
        domain_name, domain_id = p.get("domain_name"), p.get("domain_id")
    from ansible_collections.hwcloud.connections.plugins.module_utils import temporary_credentials  # pylint: disable=import-outside-toplevel

    agency = temporary_credentials.AgencyAuth(resolved.auth, role["agency_name"], domain_name=domain_name,
                                              domain_id=None if domain_name else domain_id,
                                              duration=role.get("duration") or DEFAULT_ASSUME_DURATION)
    return Resolved(agency, resolved.project_id, resolved.iam_endpoint)


def resolve_credentials(p: dict, warn, secrets: set, deprecate=None, environ=None) -> Resolved:
    """The credential source for validated shared options ``p``, in the documented order.

    ``secrets`` receives every secret read besides the options (a deprecated variable, the file's keys); ``warn`` and
    ``deprecate`` report choices the user should know about. Nothing is fetched here: metadata and agency credentials
    are fetched by the first request.
    """
    environ = os.environ if environ is None else environ
    metadata_asked = bool(p.get("use_metadata") or p.get("metadata_url"))
    sources = _static_sources(p, _deprecated_password(p, environ, warn, deprecate, secrets))
    if len(sources) > 1:
        warn("Both access_key/secret_key and a password login (user_name, password) are set: access_key/secret_key is used "
             "(see the resolution order of the hwcloud.connections.auth options)")
    resolved = Resolved(sources[0][1]) if sources else read_profile(environ, warn, secrets)
    if resolved is not None and metadata_asked:
        warn("use_metadata/metadata_url is set, but %s came first in the resolution order: the ECS metadata credentials are "
             "not used" % (sources[0][0] if sources else "the SDK credentials file"))
    if resolved is None and metadata_asked:
        from ansible_collections.hwcloud.connections.plugins.module_utils import temporary_credentials  # pylint: disable=import-outside-toplevel

        resolved = Resolved(temporary_credentials.MetadataAuth(p.get("metadata_url")))
    if resolved is None:
        raise ValidationFailed(NO_CREDENTIALS)
    return _assumed(p, resolved)

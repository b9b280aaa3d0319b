# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulated network for the processes of one test run (ansible-playbook and the modules it starts), active when
HWCLOUD_TEST_NETLOG names a file: every name but loopback fails to resolve as a name that does not exist, dialling
anything but loopback is refused, and each lookup and connection is appended to that file ("resolve <name>",
"connect <host>:<port>"). Put this directory first on PYTHONPATH; Python imports sitecustomize at start-up."""

from __future__ import annotations

import ipaddress
import os
import socket

LOG = os.environ.get("HWCLOUD_TEST_NETLOG")


def _loopback(host) -> bool:
    if host in ("localhost", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%", maxsplit=1)[0]).is_loopback
    except ValueError:
        return False


def _log(line: str) -> None:
    with open(LOG, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


if LOG:
    _real_getaddrinfo = socket.getaddrinfo
    _real_connect = socket.socket.connect

    def _getaddrinfo(host, *args, **kwargs):
        _log("resolve %s" % (host,))
        if not _loopback(host):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return _real_getaddrinfo(host, *args, **kwargs)

    def _connect(sock, address):
        if isinstance(address, tuple):
            _log("connect %s:%s" % address[:2])
            if not _loopback(address[0]):
                raise PermissionError("the test network refuses %s" % (address[0],))
        return _real_connect(sock, address)

    socket.getaddrinfo = _getaddrinfo
    socket.socket.connect = _connect

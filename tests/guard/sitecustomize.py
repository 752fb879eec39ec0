"""Loaded by every Python process started with this folder on PYTHONPATH (tests/test_offline.py): records each
connection and name lookup aimed past this machine in $CHRONOMAP_CONNECT_LOG, and refuses it."""

import os
import socket

_LOG = os.environ.get("CHRONOMAP_CONNECT_LOG")
_LOCAL = ("127.", "localhost", "::1", "0.0.0.0", "::")


def _local(host) -> bool:
    return not isinstance(host, str) or host.startswith(_LOCAL) or host.startswith("/") or host == ""


def _record(what: str) -> None:
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(what + "\n")


if _LOG:
    _connect, _getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def _guarded_connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if not _local(host):
            _record(f"connect {address}")
            raise OSError(f"refused by the test's guard: {address}")
        return _connect(self, address)

    def _guarded_getaddrinfo(host, *args, **kwargs):
        if not _local(host):
            _record(f"lookup {host}")
            raise socket.gaierror(f"refused by the test's guard: {host}")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = _guarded_connect
    socket.getaddrinfo = _guarded_getaddrinfo

"""Socket guard: while installed, any network attempt (GX analytics, version check, CDN)
is blocked and recorded.  conftest installs it around every quality test only, so other
test folders sharing the session keep their sockets."""
from __future__ import annotations

import socket
from contextlib import contextmanager
from typing import Iterator

NETWORK_ATTEMPTS: list[str] = []
_REAL = {"connect": socket.socket.connect, "connect_ex": socket.socket.connect_ex,
         "getaddrinfo": socket.getaddrinfo}


def _blocked(what: str, detail) -> OSError:
    NETWORK_ATTEMPTS.append(f"{what} {detail!r}")
    return OSError(f"network access blocked in tests: {what} {detail!r}")


def _connect(self, address):
    if self.family == socket.AF_UNIX:
        return _REAL["connect"](self, address)
    raise _blocked("connect", address)


def _connect_ex(self, address):
    if self.family == socket.AF_UNIX:
        return _REAL["connect_ex"](self, address)
    raise _blocked("connect_ex", address)


def _getaddrinfo(host, *args, **kwargs):
    raise _blocked("getaddrinfo", host)


@contextmanager
def guarded() -> Iterator[None]:
    """Block the network inside the block (attempts land in NETWORK_ATTEMPTS)."""
    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = _connect, _connect_ex, _getaddrinfo
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex = _REAL["connect"], _REAL["connect_ex"]
        socket.getaddrinfo = _REAL["getaddrinfo"]

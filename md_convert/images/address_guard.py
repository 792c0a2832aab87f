"""Refuse private addresses where the connection is made, not only where the URL is read.

Checking a host name and then letting the HTTP client resolve it again leaves a window (DNS
rebinding): the check sees a public address, the socket goes to 127.0.0.1 or a cloud metadata
service. The transport built here resolves each host once, at connect time, checks every address
the resolver returned, and connects to the address it checked. TLS still verifies the certificate
against the host name: httpcore passes the URL's host as the server name, not the address.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import httpcore
import httpx


def resolve(host: str) -> list[str]:
    """Every address `host` resolves to (OSError when it does not)."""
    return list(dict.fromkeys(str(info[4][0]) for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)))


def first_private(addresses: list[str]) -> str | None:
    """The first loopback, private, link-local, multicast or reserved address, if any."""
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if any((ip.is_loopback, ip.is_private, ip.is_link_local, ip.is_multicast, ip.is_reserved, ip.is_unspecified)):
            return str(ip)
    return None


class RefusedAddress(Exception):
    """A host that does not resolve, or resolves to an address that is not fetched."""


def public_addresses(host: str) -> list[str]:
    """Every address `host` resolves to; RefusedAddress, saying why, if any of them is private."""
    try:
        addresses = resolve(host)
    except OSError as error:
        raise RefusedAddress(f"cannot resolve {host}: {error.strerror or error}") from None
    refused = first_private(addresses)
    if refused is not None:
        raise RefusedAddress(f"{host} is a private address ({refused}); use --allow-private-hosts to fetch it")
    return addresses


def guarded_transport() -> httpx.HTTPTransport:
    """httpx's own transport, with its connection pool opening sockets only to checked addresses."""
    transport = httpx.HTTPTransport()
    # httpx has no public knob for httpcore's network backend; its pool is rebuilt with ours.
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=_CheckedBackend())
    return transport


class _CheckedBackend(httpcore.NetworkBackend):
    """httpcore's plain sockets, opened only to addresses that passed the check."""

    def __init__(self) -> None:
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        try:
            addresses = public_addresses(host)  # resolved once: the addresses checked are the addresses used
        except RefusedAddress as refusal:
            raise httpcore.ConnectError(str(refusal)) from None
        failure: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:  # in the resolver's order, as socket.create_connection tries them
            try:
                return self._sockets.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._sockets.sleep(seconds)

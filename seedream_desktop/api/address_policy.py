"""Which addresses an image download may connect to — checked on every address a name resolves to.

A result link comes from the server, so a hostile or broken one could aim the app at the cloud
metadata service (169.254.169.254), the user's router or another service on this computer. The
check runs where the connection is made, on the resolved addresses of every hop (redirects
included), and the socket goes to the very address that passed: a name that answers differently
the second time it is looked up (DNS rebinding) cannot slip past.

httpx 0.28 has no public parameter for httpcore's network backend (encode/httpx#3749 is still
open), so :class:`_GuardedHTTPTransport` swaps the connection pool httpx built for one that
connects through :class:`GuardedBackend`; httpx's own request and error mapping stays in use.
tests/api/test_address_policy.py fails should a new httpx stop honouring the swap.

A configured proxy (``HTTPS_PROXY``, the system's settings) keeps working: the proxy may well be
on a private address, and the rule is about the image's host. Through a proxy the name is
resolved by the proxy, so here it is only checked when it resolves locally as well.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

import httpcore
import httpx
from httpx._utils import get_environment_proxies  # httpx's reading of *_PROXY and system settings

from seedream_desktop.api.errors import UnsafeUrlError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

_KEEPALIVE_SECONDS = 5.0  # httpx's own default


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Public internet addresses only; loopback too when the API itself is on this computer."""

    allow_loopback: bool = False

    def refuses(self, address: IPAddress) -> bool:
        if address.is_loopback:
            return not self.allow_loopback
        mapped = getattr(address, "ipv4_mapped", None)
        if mapped is not None:
            return self.refuses(mapped)
        return (
            not address.is_global
            or address.is_private
            or address.is_link_local
            or address.is_multicast
            or address.is_reserved
            or address.is_unspecified
        )

    def check_addresses(self, host: str, addresses: Iterable[str]) -> None:
        """Raise :class:`UnsafeUrlError` if any of ``host``'s addresses is refused.

        One refused address refuses the host: which of several a connection would use is
        chosen by the network, not by this check.
        """
        for text in addresses:
            address = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone id
            if self.refuses(address):
                where = text if text == host else f"{host} ({text})"
                raise UnsafeUrlError(
                    f"The server gave an image link to a private or local network address "
                    f"{where} — it was not fetched."
                )

    def check_literal(self, host: str) -> None:
        """Refuse a host that is itself a refused IP address (no look-up needed)."""
        name = host.strip("[]")
        try:
            ipaddress.ip_address(name.split("%", 1)[0])
        except ValueError:
            return
        self.check_addresses(name, [name])


async def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the operating system gives for ``host``, in its order of preference."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks every address, then connects to an address that passed."""

    def __init__(self, policy: AddressPolicy, resolve: Resolver = system_resolver) -> None:
        self._policy = policy
        self._resolve = resolve
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                addresses = await self._resolve(host, port)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"looking up {host} timed out") from None
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot look up {host}: {exc}") from None
        if not addresses:
            raise httpcore.ConnectError(f"{host} has no address")
        self._policy.check_addresses(host, addresses)
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("image downloads never use a local socket")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _GuardedHTTPTransport(httpx.AsyncHTTPTransport):
    """httpx's transport, connecting through ``backend`` (see the module docstring)."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        super().__init__()
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            keepalive_expiry=_KEEPALIVE_SECONDS,
            network_backend=backend,
        )


class _ProxiedTransport(httpx.AsyncBaseTransport):
    """A proxy connection, the image host checked as far as this computer can resolve it."""

    def __init__(
        self, proxy: str, policy: AddressPolicy, resolve: Resolver = system_resolver
    ) -> None:
        self._inner = httpx.AsyncHTTPTransport(proxy=proxy)
        self._policy = policy
        self._resolve = resolve

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        try:
            addresses = await self._resolve(host, request.url.port or 0)
        except OSError:
            addresses = []  # only the proxy can resolve it: that is what proxies are for
        self._policy.check_addresses(host, addresses)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def guarded_transports(
    policy: AddressPolicy, resolve: Resolver = system_resolver
) -> tuple[httpx.AsyncBaseTransport, dict[str, httpx.AsyncBaseTransport]]:
    """The direct transport and the proxy mounts for ``httpx.AsyncClient(transport, mounts)``.

    Mirrors what httpx does with ``trust_env`` (which it turns off once a transport is given),
    except that hosts not going through a proxy connect through :class:`GuardedBackend`.
    """
    direct = _GuardedHTTPTransport(GuardedBackend(policy, resolve))
    mounts: dict[str, httpx.AsyncBaseTransport] = {
        pattern: direct if proxy is None else _ProxiedTransport(proxy, policy, resolve)
        for pattern, proxy in get_environment_proxies().items()
    }
    return direct, mounts

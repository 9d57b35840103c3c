"""The address rule of image downloads: checked on resolved addresses, proxies kept working.

Nothing here sends traffic anywhere but 127.0.0.1 / 127.0.0.2: names are resolved by fakes, and a
refused address is refused before any connect (a recording backend proves it).
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
from collections.abc import AsyncIterator
from typing import NoReturn

import httpcore
import httpx
import pytest

from seedream_desktop.api.address_policy import AddressPolicy, GuardedBackend, guarded_transports
from seedream_desktop.api.client import ClientTimeouts
from seedream_desktop.api.download import new_download_client
from seedream_desktop.api.errors import UnsafeUrlError

from .conftest import png_bytes

METADATA = "169.254.169.254"
REFUSED = [
    "169.254.169.254",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "::",
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
]
PUBLIC = ["93.184.216.34", "151.101.1.69", "2606:4700::6810:85e5"]
LOOPBACK = ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"]


@pytest.mark.parametrize("address", REFUSED)
def test_private_link_local_multicast_and_reserved_addresses_are_refused(address: str) -> None:
    for policy in (AddressPolicy(), AddressPolicy(allow_loopback=True)):
        assert policy.refuses(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address: str) -> None:
    assert not AddressPolicy().refuses(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", LOOPBACK)
def test_loopback_only_when_the_api_itself_is_on_loopback(address: str) -> None:
    assert AddressPolicy().refuses(ipaddress.ip_address(address))
    assert not AddressPolicy(allow_loopback=True).refuses(ipaddress.ip_address(address))


class RecordingBackend(httpcore.AsyncNetworkBackend):
    """Stands in for the real network: records each connect and refuses it."""

    def __init__(self) -> None:
        self.connects: list[str] = []

    async def connect_tcp(self, host: str, port: int, *rest: object, **named: object) -> NoReturn:
        self.connects.append(host)
        raise httpcore.ConnectError("the test network goes nowhere")


def resolver(*answers: list[str]):  # type: ignore[no-untyped-def]
    """A fake DNS that gives each answer in turn (the last one again once they run out)."""
    asked: list[str] = []
    given = list(answers)

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return given.pop(0) if len(given) > 1 else given[0]

    resolve.asked = asked  # type: ignore[attr-defined]
    return resolve


@pytest.mark.parametrize(
    "addresses", [["169.254.169.254"], ["93.184.216.34", "10.0.0.1"], ["fd00::1"]]
)
async def test_a_name_resolving_to_a_refused_address_is_refused_before_any_connect(
    addresses: list[str],
) -> None:
    backend = GuardedBackend(AddressPolicy(), resolver(addresses))
    recording = RecordingBackend()
    backend._inner = recording  # type: ignore[assignment]
    with pytest.raises(UnsafeUrlError, match="private or local network address"):
        await backend.connect_tcp("images.example.test", 443)
    assert recording.connects == []


async def test_the_connection_goes_to_the_address_that_passed_not_a_second_look_up() -> None:
    # A name that answers differently on a second look-up (DNS rebinding) gets no second one.
    resolve = resolver(["93.184.216.34"], ["169.254.169.254"])
    backend = GuardedBackend(AddressPolicy(), resolve)
    recording = RecordingBackend()
    backend._inner = recording  # type: ignore[assignment]
    with pytest.raises(httpcore.ConnectError):
        await backend.connect_tcp("images.example.test", 443)
    assert recording.connects == ["93.184.216.34"]
    assert resolve.asked == ["images.example.test"]  # type: ignore[attr-defined]


class FakeProxy:
    """A loopback HTTP proxy: records each request line, answers with a PNG (or hangs up)."""

    def __init__(self, *, answer: bytes | None) -> None:
        self.lines: list[str] = []
        self._answer = answer
        self.url = ""
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> FakeProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        self.lines.append(head.split(b"\r\n", 1)[0].decode())
        if self._answer is not None:
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                + f"Content-Length: {len(self._answer)}\r\n\r\n".encode()
                + self._answer
            )
            await writer.drain()
        writer.close()


@pytest.fixture
def no_proxy_settings(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


@pytest.fixture
async def proxy() -> AsyncIterator[FakeProxy]:
    async with FakeProxy(answer=png_bytes()) as served:
        yield served


async def test_a_configured_proxy_carries_the_image_downloads(
    no_proxy_settings: pytest.MonkeyPatch, proxy: FakeProxy
) -> None:
    no_proxy_settings.setenv("HTTP_PROXY", proxy.url)
    client = new_download_client(
        timeout=ClientTimeouts().to_httpx(), policy=AddressPolicy(allow_loopback=True)
    )
    async with client:
        response = await client.get("http://127.0.0.2:9/out/0.png")
    assert response.content == png_bytes()
    assert proxy.lines == ["GET http://127.0.0.2:9/out/0.png HTTP/1.1"]


async def test_a_proxy_on_a_refused_address_still_works_the_rule_is_about_the_image_host(
    no_proxy_settings: pytest.MonkeyPatch,
) -> None:
    """Loopback is refused for images here, yet the loopback proxy is used: its address is
    the user's choice. The image host does not resolve here, so only the proxy can judge it."""
    async with FakeProxy(answer=None) as proxy:
        no_proxy_settings.setenv("HTTPS_PROXY", proxy.url)

        async def unresolvable(host: str, port: int) -> list[str]:
            raise OSError("not resolvable here")

        direct, mounts = guarded_transports(AddressPolicy(), unresolvable)
        async with httpx.AsyncClient(transport=direct, mounts=mounts) as client:
            with pytest.raises(httpx.HTTPError):  # the fake proxy hangs up after the CONNECT
                await client.get("https://images.example.test/0.png")
    assert proxy.lines == ["CONNECT images.example.test:443 HTTP/1.1"]


async def test_through_a_proxy_a_name_resolving_here_to_a_refused_address_is_refused(
    no_proxy_settings: pytest.MonkeyPatch, proxy: FakeProxy
) -> None:
    no_proxy_settings.setenv("HTTPS_PROXY", proxy.url)
    direct, mounts = guarded_transports(AddressPolicy(), resolver(["169.254.169.254"]))
    async with httpx.AsyncClient(transport=direct, mounts=mounts) as client:
        with pytest.raises(UnsafeUrlError):
            await client.get("https://metadata.example.test/latest")
    assert proxy.lines == []


async def test_a_literal_refused_address_is_refused_even_through_a_proxy(
    no_proxy_settings: pytest.MonkeyPatch, proxy: FakeProxy
) -> None:
    no_proxy_settings.setenv("HTTPS_PROXY", proxy.url)
    client = new_download_client(timeout=ClientTimeouts().to_httpx(), policy=AddressPolicy())
    async with client:
        with pytest.raises(UnsafeUrlError, match=re.escape("169.254.169.254")):
            await client.get("https://169.254.169.254/latest/meta-data/")
    assert proxy.lines == []


async def test_direct_downloads_resolve_and_connect_through_the_guarded_backend(
    no_proxy_settings: pytest.MonkeyPatch, proxy: FakeProxy
) -> None:
    """The pool httpx built is swapped for the guarded one: a name is looked up by the guard
    and the socket goes to the address it let through (here the fake server on 127.0.0.1)."""
    port = proxy.url.rsplit(":", 1)[1]
    resolve = resolver(["127.0.0.1"])
    direct, mounts = guarded_transports(AddressPolicy(allow_loopback=True), resolve)
    assert mounts == {}
    async with httpx.AsyncClient(transport=direct) as client:
        response = await client.get(f"http://images.local.test:{port}/0.png")
    assert response.content == png_bytes()
    assert resolve.asked == ["images.local.test"]  # type: ignore[attr-defined]
    assert proxy.lines == ["GET /0.png HTTP/1.1"]


async def test_direct_downloads_to_a_name_resolving_to_metadata_never_connect(
    no_proxy_settings: pytest.MonkeyPatch, proxy: FakeProxy
) -> None:
    direct, _ = guarded_transports(AddressPolicy(allow_loopback=True), resolver([METADATA]))
    async with httpx.AsyncClient(transport=direct) as client:
        with pytest.raises(UnsafeUrlError, match=re.escape(f"metadata.example.test ({METADATA})")):
            await client.get("https://metadata.example.test/latest/meta-data/")

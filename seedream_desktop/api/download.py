"""Fetching one result image from the CDN into the library folder, checked and atomic.

The file appears under its final name only when it is complete, is a PNG, JPEG or WebP, and is
within the size cap; on any failure or cancellation the temporary ``.part`` file is removed.
Both names are the :class:`DownloadTarget`'s.
The download client carries no credentials: result links are public or pre-signed. It connects
only to addresses the :class:`AddressPolicy` allows, and asks for bodies uncompressed: an image
is compressed already, and a gzip body could inflate a few KB into gigabytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
from pathlib import Path
from typing import BinaryIO

import httpx

from seedream_desktop.api.address_policy import AddressPolicy, guarded_transports
from seedream_desktop.api.download_target import DownloadTarget
from seedream_desktop.api.errors import (
    DownloadError,
    DownloadExpiredError,
    ImageTooLargeError,
    NetworkError,
    NotAnImageError,
    RateLimitedError,
    ServerError,
    UnsafeUrlError,
)
from seedream_desktop.api.image_format import SNIFF_BYTES, sniff_format
from seedream_desktop.api.models import DownloadedImage, ImageFormat
from seedream_desktop.api.network import NetworkMessages, network_error
from seedream_desktop.api.responses import header, parse_retry_after
from seedream_desktop.api.retry import RetryPolicy, Sleep, with_retries
from seedream_desktop.api.urls import is_loopback_host

logger = logging.getLogger(__name__)

MSG_EXPIRED = "The image link has expired on the server — the image can no longer be fetched."
MSG_NOT_IMAGE = "The server sent something that is not a PNG, JPEG or WebP image."
MSG_CUT_SHORT = "The image arrived cut short — the download was incomplete."
MSG_COMPRESSED = "The image server sent a compressed answer although none was asked for."

_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_JPEG_END = b"\xff\xd9"
# Encoders and editors may append bytes after a JPEG's end marker, so it is looked for in the last
# KiB: entropy-coded data byte-stuffs every 0xFF, so an FFD9 there is the real end marker.
_TAIL_BYTES = 1024
_NETWORK_MESSAGES = NetworkMessages(
    unreachable="Cannot reach the image server.",
    timed_out="The image server stopped answering.",
    broke_off="The image download broke off.",
)


def check_image_url(url: str, policy: AddressPolicy) -> httpx.URL:
    """The parsed URL if it may be fetched: https, or http between loopback hosts.

    A host that is a refused IP address is refused here, before any look-up or temp file; a
    name is checked on the addresses it resolves to when the connection is made.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        raise UnsafeUrlError("The server gave an image link that is not a valid address.") from None
    if parsed.userinfo:
        raise UnsafeUrlError("The server gave an image link with a user name or password in it.")
    secure = parsed.scheme == "https" and bool(parsed.host)
    local = parsed.scheme == "http" and policy.allow_loopback and is_loopback_host(parsed.host)
    if not (secure or local):
        raise UnsafeUrlError("The server gave an image link that is not a secure https address.")
    policy.check_literal(parsed.host)
    return parsed


def looks_complete(fmt: ImageFormat, head: bytes, tail: bytes, size: int) -> bool:
    """A cheap end-of-file check that catches a transfer cut short without decoding.

    ``tail`` is the end of the file; its last ``_TAIL_BYTES`` bytes are looked at.
    """
    if fmt is ImageFormat.PNG:
        return tail.endswith(_PNG_END)
    if fmt is ImageFormat.JPEG:
        return _JPEG_END in tail[-_TAIL_BYTES:]
    return int.from_bytes(head[4:8], "little") + 8 == size


def new_download_client(
    *,
    timeout: httpx.Timeout,
    policy: AddressPolicy,
    transport: httpx.AsyncBaseTransport | None = None,
    max_redirects: int = 5,
) -> httpx.AsyncClient:
    """A client without auth whose every hop, redirects too, is checked against ``policy``.

    ``transport`` replaces the network (the in-process emulator, tests); without it, direct
    connections go through the policy's resolver check and proxies are honoured.
    """

    async def check_hop(request: httpx.Request) -> None:
        check_image_url(str(request.url), policy)

    mounts: dict[str, httpx.AsyncBaseTransport] | None = None
    if transport is None:
        transport, mounts = guarded_transports(policy)
    return httpx.AsyncClient(
        timeout=timeout,
        transport=transport,
        mounts=mounts,
        follow_redirects=True,
        max_redirects=max_redirects,
        headers={"Accept-Encoding": "identity"},
        event_hooks={"request": [check_hop]},
    )


async def download_image(
    client: httpx.AsyncClient,
    url: str,
    target: DownloadTarget,
    *,
    policy: AddressPolicy,
    max_bytes: int,
    deadline: float,
    retry: RetryPolicy,
    sleep: Sleep,
) -> DownloadedImage:
    """Download with retries of transient failures, all within ``deadline`` seconds."""
    # The client's hook checks every hop too; checking here first refuses before any temp file.
    check_image_url(url, policy)
    try:
        async with asyncio.timeout(deadline):
            return await with_retries(
                lambda: fetch_image(client, url, target, max_bytes=max_bytes),
                policy=retry,
                sleep=sleep,
                what="GET image",
            )
    except TimeoutError:
        raise NetworkError(
            f"The image download did not finish within {deadline:g} seconds."
        ) from None


async def fetch_image(
    client: httpx.AsyncClient, url: str, target: DownloadTarget, *, max_bytes: int
) -> DownloadedImage:
    """One download attempt into ``target``; the caller sets the deadline."""
    out, temp = target.open_temp()
    try:
        with out:
            fmt, size, digest = await _stream_into(client, url, out, max_bytes=max_bytes)
            final = target.final_path(fmt)
            await _commit_off_loop(out, temp, final)
    except BaseException:
        _remove(temp)
        raise
    logger.info("Downloaded %s image (%d bytes) to %s", fmt.value, size, final.name)
    return DownloadedImage(path=final, format=fmt, byte_size=size, sha256=digest)


async def _stream_into(
    client: httpx.AsyncClient, url: str, out: BinaryIO, *, max_bytes: int
) -> tuple[ImageFormat, int, str]:
    digest = hashlib.sha256()
    head = b""
    tail = b""
    size = 0
    fmt: ImageFormat | None = None
    try:
        async with client.stream("GET", url) as response:
            _check_response(response, max_bytes)
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise _too_large(max_bytes)
                digest.update(chunk)
                out.write(chunk)
                tail = (tail + chunk[-_TAIL_BYTES:])[-_TAIL_BYTES:]
                if fmt is None:
                    head = (head + chunk)[:SNIFF_BYTES]
                    fmt = _sniff_early(head)
    except httpx.TooManyRedirects:
        raise DownloadError("The image link redirected too many times.") from None
    except httpx.HTTPError as exc:
        raise network_error(exc, _NETWORK_MESSAGES) from exc
    fmt = fmt or sniff_format(head)
    if fmt is None:
        raise NotAnImageError(MSG_NOT_IMAGE)
    if not looks_complete(fmt, head, tail, size):
        raise NotAnImageError(MSG_CUT_SHORT)
    return fmt, size, digest.hexdigest()


def _sniff_early(head: bytes) -> ImageFormat | None:
    """Refuse a non-image as soon as its first bytes arrive, not after the whole body."""
    if len(head) < SNIFF_BYTES:
        return None
    fmt = sniff_format(head)
    if fmt is None:
        raise NotAnImageError(MSG_NOT_IMAGE)
    return fmt


def _check_response(response: httpx.Response, max_bytes: int) -> None:
    status = response.status_code
    if status in (403, 404, 410):
        raise DownloadExpiredError(MSG_EXPIRED, status_code=status)
    if status == 429:
        raise RateLimitedError(
            "The image server is receiving too many requests — try again in a moment.",
            retry_after=parse_retry_after(header(response.headers, "Retry-After")),
            status_code=status,
        )
    if 500 <= status <= 599:
        raise ServerError(
            f"The image server had a problem (HTTP {status}) — try again in a moment.",
            status_code=status,
        )
    if not 200 <= status <= 299:
        raise DownloadError(f"The image server answered HTTP {status}.", status_code=status)
    # Never asked for: inflating it is how a decompression bomb gets in. Refused before a byte
    # of the body is read, so what is read next passes through undecoded.
    encoding = (header(response.headers, "Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise NotAnImageError(MSG_COMPRESSED)
    length = (header(response.headers, "Content-Length") or "").strip()
    if length.isascii() and length.isdigit() and (len(length) > 18 or int(length) > max_bytes):
        raise _too_large(max_bytes)


def _too_large(max_bytes: int) -> ImageTooLargeError:
    return ImageTooLargeError(
        f"The image is larger than the {max_bytes / 1_048_576:g} MB limit — it was not saved."
    )


async def _commit_off_loop(out: BinaryIO, temp: Path, final: Path) -> None:
    """fsync and rename in a worker thread: on a slow disk they stalled the GUI thread.

    A cancellation, however often repeated, waits for the commit to finish before the caller
    cleans up, so either the whole image is in place or only the temp file existed (and is
    removed); the cancellation is then passed on.
    """
    commit = asyncio.get_running_loop().run_in_executor(None, _commit, out, temp, final)
    try:
        await asyncio.shield(commit)
    except asyncio.CancelledError:
        while not commit.done():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait([commit])
        raise


def _commit(out: BinaryIO, temp: Path, final: Path) -> None:
    out.flush()
    os.fsync(out.fileno())
    out.close()
    temp.replace(final)
    _sync_directory(final.parent)


def _remove(temp: Path) -> None:
    temp.unlink(missing_ok=True)


def _sync_directory(directory: Path) -> None:
    """Make the rename durable: on POSIX the directory entry needs its own fsync."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)

"""The image origin (the CDN): serves result files without auth, and refuses any that has it.

Real result URLs are public or pre-signed; a request carrying ``Authorization`` means the client
leaked its API token to a third party. The origin refuses it (like S3 does) and the journal keeps
a record, so tests can assert that it never happens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.emulator.faults import Endpoint, Fault, FaultSpec
from seedream_desktop.emulator.jobs import Job, Phase
from seedream_desktop.emulator.journal import Origin, RequestRecord
from seedream_desktop.emulator.responses import DroppedResponse, apply_fault

if TYPE_CHECKING:
    from seedream_desktop.emulator.emulator import Emulator

# Neither PNG, JPEG nor WebP: what a client sees when a proxy hands it an error page.
CORRUPT_MAGIC = b"<html>\x00\x00"
_MEDIA_TYPES = {ImageFormat.PNG: "image/png", ImageFormat.JPEG: "image/jpeg"}


def build_image_app(emulator: Emulator) -> Starlette:
    files = _Files(emulator)
    return Starlette(routes=[Route("/files/{request_id}/{name}", files.serve)])


class _Files:
    def __init__(self, emulator: Emulator) -> None:
        self._emu = emulator

    async def serve(self, request: Request) -> Response:
        had_auth = "authorization" in request.headers
        spec: FaultSpec | None = None
        if had_auth:
            response: Response = PlainTextResponse(
                "Only one auth mechanism allowed; this URL is pre-signed.", status_code=401
            )
        else:
            located = self._locate(request)
            spec = self._emu.faults.take(Endpoint.IMAGE)
            if spec is None and located is not None:
                spec = located[0].image_fault
            response = await self._answer(located, spec)
        self._emu.journal.record(
            RequestRecord(
                Origin.IMAGE,
                request.method,
                request.url.path,
                had_auth=had_auth,
                status=response.status_code,
                fault=None if spec is None else spec.fault,
            )
        )
        return response

    def _locate(self, request: Request) -> tuple[Job, int] | None:
        """The finished job and image index the URL names, if it names one that exists."""
        stem, _, extension = request.path_params["name"].partition(".")
        if not stem.isdigit() or f".{extension}" != self._emu.config.image_format.extension:
            return None
        job = self._emu.queue.get(request.path_params["request_id"])
        if job is None or job.outcome.failed or int(stem) >= job.outcome.images:
            return None
        if self._emu.observe(job).phase is not Phase.FINISHED:
            return None
        return job, int(stem)

    async def _answer(self, located: tuple[Job, int] | None, spec: FaultSpec | None) -> Response:
        replaced = await apply_fault(spec)
        if replaced is not None:
            return replaced
        if located is None:
            return PlainTextResponse("NoSuchKey", status_code=404)
        data = await self._emu.image_bytes(*located)
        fault = None if spec is None else spec.fault
        if fault is Fault.TRUNCATED_IMAGE:
            data = data[: len(data) // 2]
        elif fault is Fault.CORRUPT_IMAGE:
            data = CORRUPT_MAGIC + data[len(CORRUPT_MAGIC) :]
        response = Response(data, media_type=_MEDIA_TYPES[self._emu.config.image_format])
        return DroppedResponse(response) if fault is Fault.DROP else response

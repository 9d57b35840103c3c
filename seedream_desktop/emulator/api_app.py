"""The API origin (submit, status, result, cancel, the catalog entry, ``/__emulator`` admin routes
for tests) and the balance origin (``/prod/v2/balance``), which share the token check."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from seedream_desktop.api.params import MODEL_ID, SEED_MAX, GenerationParams, ParamsError
from seedream_desktop.emulator.auth import bearer_token, token_digest
from seedream_desktop.emulator.bodies import ErrorCode
from seedream_desktop.emulator.faults import Endpoint, Fault, FaultSpec
from seedream_desktop.emulator.jobs import Job, JobView, Phase, planned_outcome
from seedream_desktop.emulator.journal import Origin, RequestRecord
from seedream_desktop.emulator.money import (
    LooseJSONResponse,
    insufficient_balance,
    put_amount,
)
from seedream_desktop.emulator.responses import DroppedResponse, apply_fault, error_response

if TYPE_CHECKING:
    from seedream_desktop.emulator.emulator import Emulator

Handler = Callable[[Request, str, FaultSpec | None], Awaitable[Response]]

UNKNOWN_STATUS = "warming_up"
#: Where the balance lives on its origin, as on api.runcomfy.net.
BALANCE_PREFIX = "/prod/v2"
# ParamsError names fields as designers know them; a 422 names the body's fields.
_BODY_FIELDS = {
    "prompt": "text",
    "count": "sequential_image_generation_options",
    "aspect": "image_size",
    "mode": "optimize_prompt_options",
}


def build_api_app(emulator: Emulator) -> Starlette:
    api = _Api(emulator)
    return Starlette(
        routes=[
            Route(
                "/v1/models/{model_id:path}",
                api.endpoint(Endpoint.SUBMIT, api.submit),
                methods=["POST"],
            ),
            Route(
                "/v1/models/{model_id:path}",
                api.endpoint(Endpoint.CATALOG, api.catalog),
                methods=["GET"],
            ),
            Route("/v1/requests/{request_id}/status", api.endpoint(Endpoint.STATUS, api.status)),
            Route("/v1/requests/{request_id}/result", api.endpoint(Endpoint.RESULT, api.result)),
            Route(
                "/v1/requests/{request_id}/cancel",
                api.endpoint(Endpoint.CANCEL, api.cancel),
                methods=["POST"],
            ),
            Route("/__emulator/faults", api.admin_faults, methods=["GET", "POST", "DELETE"]),
            Route("/__emulator/requests", api.admin_requests),
            Route("/__emulator/auth-violations", api.admin_auth_violations),
            Route("/__emulator/jobs", api.admin_jobs),
        ]
    )


def build_balance_app(emulator: Emulator) -> Starlette:
    """The account host's one route this app uses; it has no admin routes of its own."""
    api = _Api(emulator)
    serve = api.endpoint(Endpoint.BALANCE, api.balance, origin=Origin.BALANCE)
    return Starlette(routes=[Route(f"{BALANCE_PREFIX}/balance", serve)])


class _Api:
    def __init__(self, emulator: Emulator) -> None:
        self._emu = emulator

    def endpoint(
        self, endpoint: Endpoint, handler: Handler, *, origin: Origin = Origin.API
    ) -> Callable[[Request], Awaitable[Response]]:
        """Wrap a handler with the journal, fault injection and the token check."""

        async def serve(request: Request) -> Response:
            token = bearer_token(request.headers)
            spec = self._emu.faults.take(endpoint, token)
            response = await self._answer(request, token, spec, handler)
            if spec is not None and spec.fault is Fault.DROP:
                response = DroppedResponse(response)
            self._emu.journal.record(
                RequestRecord(
                    origin,
                    request.method,
                    request.url.path,
                    had_auth="authorization" in request.headers,
                    status=response.status_code,
                    fault=None if spec is None else spec.fault,
                )
            )
            return response

        return serve

    async def _answer(
        self, request: Request, token: str | None, spec: FaultSpec | None, handler: Handler
    ) -> Response:
        replaced = await apply_fault(spec)
        if replaced is not None:
            return replaced
        if token is None or not self._emu.accepts(token):
            return error_response(ErrorCode.USER_ACCOUNT_ERROR, status=401)
        return await handler(request, token, spec)

    # -- the four endpoints ------------------------------------------------------------------

    async def submit(self, request: Request, token: str, spec: FaultSpec | None) -> Response:
        if request.path_params["model_id"] != MODEL_ID:
            return error_response(ErrorCode.INVALID_RESOURCE_IDENTIFIER)
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _unprocessable("body", "The body must be JSON.")
        if not isinstance(body, dict):
            return _unprocessable("body", "The body must be a JSON object.")
        if body.get("sequential_image_generation", "auto") != "auto":
            return _unprocessable("sequential_image_generation", "Only 'auto' is supported.")
        try:
            params = GenerationParams.from_json(body)
        except ParamsError as exc:
            return _unprocessable(_BODY_FIELDS.get(exc.field, exc.field), exc.message)
        image_fault = self._emu.faults.token_fault(token)
        outcome = planned_outcome(params.count, spec)
        job = Job(
            request_id=uuid.uuid4().hex,
            owner=token_digest(token),
            params=params,
            seed=random.randint(0, SEED_MAX) if params.seed is None else params.seed,
            submitted_at=self._emu.clock.now(),
            run_time=self._emu.config.run_time(params.count),
            outcome=outcome,
            image_fault=image_fault if _applies(image_fault, Endpoint.IMAGE) else None,
        )
        price = self._emu.config.job_price(params.count)
        # A run that is going to fail is not charged, but the service cannot know that up front.
        if not self._emu.wallet.charge(
            job.request_id, Decimal(0) if outcome.failed else price, need=price
        ):
            return insufficient_balance(self._emu.config.refusal)
        self._emu.queue.add(job)
        urls = self._urls(request, job, ("status", "result", "cancel"))
        return JSONResponse({"request_id": job.request_id, **urls})

    async def status(self, request: Request, token: str, spec: FaultSpec | None) -> Response:
        job = self._owned_job(request, token)
        if isinstance(job, Response):
            return job
        view = self._emu.observe(job)
        body: dict[str, Any] = {"request_id": job.request_id, "status": view.phase.value}
        if view.queue_position is not None:
            body["queue_position"] = view.queue_position
        body.update(self._urls(request, job, ("status", "result")))
        if spec is not None and spec.fault is Fault.UNKNOWN_STATUS:
            body["status"] = spec.text or UNKNOWN_STATUS
        return JSONResponse(body)

    async def result(self, request: Request, token: str, spec: FaultSpec | None) -> Response:
        job = self._owned_job(request, token)
        if isinstance(job, Response):
            return job
        view = self._emu.observe(job)
        body: dict[str, Any] = {
            "request_id": job.request_id,
            "status": _result_status(job, view),
            "created_at": self._emu.wall_time(job.submitted_at),
        }
        if view.finished_at is not None:
            body["finished_at"] = self._emu.wall_time(view.finished_at)
        if view.phase is Phase.FINISHED and job.outcome.failed:
            body["error"] = job.outcome.error
        elif view.phase is Phase.FINISHED:
            body["output"] = {"images": self._emu.image_urls(job)}
        include_cost = request.query_params.get("include_cost", "").lower() == "true"
        if include_cost and view.finished_at is not None:
            cost = self._emu.wallet.charged(job.request_id)
            put_amount(body, "cost", cost, self._emu.config.cost_report)
        if spec is not None and spec.fault is Fault.UNKNOWN_STATUS:
            body["status"] = spec.text or UNKNOWN_STATUS
        return LooseJSONResponse(body)

    async def cancel(self, request: Request, token: str, spec: FaultSpec | None) -> Response:
        job = self._owned_job(request, token)
        if isinstance(job, Response):
            return job
        self._emu.queue.cancel(job)
        view = self._emu.queue.view(job)
        outcome = "cancelled" if view.phase is Phase.CANCELLED else "not_cancellable"
        if view.phase is Phase.CANCELLED:
            self._emu.wallet.refund(job.request_id)
        return JSONResponse(
            {"request_id": job.request_id, "status": view.phase.value, "outcome": outcome},
            status_code=202,
        )

    async def catalog(self, request: Request, token: str, spec: FaultSpec | None) -> Response:
        model_id = request.path_params["model_id"]
        if model_id != MODEL_ID:
            return error_response(ErrorCode.INVALID_RESOURCE_IDENTIFIER)
        config = self._emu.config
        body: dict[str, Any] = {
            "model_id": model_id,
            "display_name": "Seedream 4.0 Sequential",
            "categories": ["text-to-image"],
        }
        put_amount(body, "base_price_usd", config.price_per_image, config.catalog_price)
        if config.price_unit is not None:
            body["price_unit"] = config.price_unit
        return LooseJSONResponse(body)

    async def balance(self, request: Request, token: str, spec: FaultSpec | None) -> Response:
        return JSONResponse({"balance_usd": float(self._emu.wallet.balance), "currency": "USD"})

    def _owned_job(self, request: Request, token: str) -> Job | Response:
        job = self._emu.queue.get(request.path_params["request_id"])
        if job is None:
            return error_response(ErrorCode.RESOURCE_NOT_FOUND)
        if job.owner != token_digest(token):
            return error_response(ErrorCode.PERMISSION_DENIED)
        return job

    def _urls(self, request: Request, job: Job, actions: tuple[str, ...]) -> dict[str, str]:
        """``{"status_url": …}``: absolute, on the origin the client called."""
        base = f"{str(request.base_url).rstrip('/')}/v1/requests/{job.request_id}"
        return {f"{action}_url": f"{base}/{action}" for action in actions}

    # -- admin --------------------------------------------------------------------------------

    async def admin_faults(self, request: Request) -> Response:
        faults = self._emu.faults
        if request.method == "DELETE":
            faults.clear()
        elif request.method == "POST":
            try:
                body = await request.json()
                spec = FaultSpec.from_json(body)
                if "token" in body:
                    faults.bind_token(str(body["token"]), spec)
                else:
                    faults.arm(Endpoint(body["endpoint"]), spec, int(body.get("times", 1)))
            except (ValueError, KeyError, TypeError) as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"pending": faults.pending()})

    async def admin_requests(self, request: Request) -> Response:
        return JSONResponse([r.to_json() for r in self._emu.journal.requests()])

    async def admin_auth_violations(self, request: Request) -> Response:
        return JSONResponse([r.to_json() for r in self._emu.journal.auth_violations()])

    async def admin_jobs(self, request: Request) -> Response:
        return JSONResponse([s.to_json() for s in self._emu.jobs()])


def _applies(spec: FaultSpec | None, endpoint: Endpoint) -> bool:
    return spec is not None and endpoint in spec.fault.endpoints


def _result_status(job: Job, view: JobView) -> str:
    if view.phase is Phase.FINISHED:
        return "failed" if job.outcome.failed else "succeeded"
    return view.phase.value


def _unprocessable(field: str, message: str) -> JSONResponse:
    """FastAPI's 422 shape, which RunComfy's own clients handle."""
    detail = [{"loc": ["body", field], "msg": message, "type": "value_error"}]
    return JSONResponse({"detail": detail}, status_code=422)

"""A local emulator of RunComfy's Model API for ``bytedance/seedream-4-0/sequential``.

Three ASGI apps share one ``Emulator`` (config + state):

* ``api_app`` — the API origin: ``POST /v1/models/{model_id}``, ``GET /v1/requests/{id}/status``,
  ``GET /v1/requests/{id}/result[?include_cost=true]``, ``POST /v1/requests/{id}/cancel``, and
  the catalog entry ``GET /v1/models/{model_id}``, with the shapes RunComfy's Model API
  documentation gives. Bearer tokens are checked (``EmulatorConfig.tokens``); jobs share one
  FIFO queue whose state follows a controllable clock.
* ``balance_app`` — the account host: ``GET /prod/v2/balance``. ``Emulator.wallet`` starts at
  ``EmulatorConfig.balance_usd`` (US$5.00), pays for each job at submit (count asked × price per
  image), refuses a job it cannot pay for (``refusal``: 400002, or a bare HTTP 402) and gives a
  cancelled job's price back; a result's ``cost`` is what the wallet took. ``catalog_price`` and
  ``cost_report`` write those amounts exactly, leave them out, or send NaN or a negative number.
* ``image_app`` — the CDN: ``GET /files/{request_id}/{index}.png|.jpg``. It refuses any request
  carrying ``Authorization`` (401) and records it in ``Emulator.auth_violations()``.

In-process (the app's demo mode: no port opened) use ``Emulator.api_transport()`` with base URL
``http://127.0.0.1``, ``Emulator.balance_transport()`` for the balance host and
``Emulator.image_transport()`` for downloads; result URLs point at ``http://127.0.0.2``. Over
real sockets (the balance on another port of the API's address) use ``EmulatorServer`` or
``python -m seedream_desktop.emulator --port N``.

Fault injection
---------------
``Fault`` lists every fault, ``FaultSpec`` adds its knobs (body shape, seconds, status, …).
A fault reaches a request in one of two ways, the queued one first:

* queued for the next N requests to one ``Endpoint`` (submit, status, result, cancel, image):
  ``emulator.faults.arm(Endpoint.STATUS, Fault.UNAVAILABLE, times=2)``, or from another process
  ``POST /__emulator/faults {"endpoint": "status", "fault": "unavailable", "times": 2}``;
* bound to a token: ``emulator.faults.bind_token(token, Fault.BALANCE)``, ``POST /__emulator/faults
  {"token": "…", "fault": "balance"}``, or a token named ``fault-<fault>[-anything]`` such as
  ``fault-balance`` or ``fault-expired-url-2``, always accepted. It then applies wherever it fits:
  error faults to every API call, run faults (``failed-run``, ``failed-run-object``,
  ``fewer-images``) to each submit, image faults to every image of the token's jobs.

Error faults answer at once (a faulted submit creates no job). ``slow`` delays the normal answer;
``drop`` processes the request (a submit does create the job), sends half the body and closes the
connection. ``unknown-status`` replaces the status value. Error-code faults answer with HTTP
status = the code's first three digits unless ``status`` is given; the token check itself answers
401 with 400004.

Introspection (loopback only, no auth): ``GET /__emulator/requests`` (method, path, whether an
Authorization header came — never its value), ``/__emulator/jobs``, ``/__emulator/auth-violations``,
``GET``/``DELETE /__emulator/faults``. The emulator never stores a token, only its SHA-256.
"""

from typing import TYPE_CHECKING

from seedream_desktop.emulator.bodies import ErrorCode, ErrorShape
from seedream_desktop.emulator.clock import Clock, ManualClock, MonotonicClock
from seedream_desktop.emulator.config import DEMO_TOKEN, EmulatorConfig
from seedream_desktop.emulator.emulator import Emulator
from seedream_desktop.emulator.faults import Endpoint, Fault, FaultPlan, FaultSpec
from seedream_desktop.emulator.jobs import JobSnapshot, Phase
from seedream_desktop.emulator.journal import Origin, RequestRecord

if TYPE_CHECKING:
    from seedream_desktop.emulator.server import EmulatorServer

__all__ = [
    "DEMO_TOKEN",
    "Clock",
    "Emulator",
    "EmulatorConfig",
    "EmulatorServer",
    "Endpoint",
    "ErrorCode",
    "ErrorShape",
    "Fault",
    "FaultPlan",
    "FaultSpec",
    "JobSnapshot",
    "ManualClock",
    "MonotonicClock",
    "Origin",
    "Phase",
    "RequestRecord",
]


def __getattr__(name: str) -> object:
    # Imported on first use: the server needs uvicorn, which the app's in-process demo mode
    # never loads.
    if name == "EmulatorServer":
        from seedream_desktop.emulator.server import EmulatorServer

        return EmulatorServer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The API origin, in-process: documented shapes, token checks, cancel, faults, admin."""

from __future__ import annotations

import re

import httpx
import pytest

from seedream_desktop.emulator import (
    Emulator,
    Endpoint,
    ErrorShape,
    Fault,
    FaultSpec,
    ManualClock,
)
from tests.emulator.conftest import AUTH, OTHER_TOKEN, QUEUE_SECONDS, RUN_SECONDS, SUBMIT_PATH, body

FINISH = QUEUE_SECONDS + RUN_SECONDS


async def submit(api: httpx.AsyncClient, headers: dict[str, str] = AUTH, **extra: object) -> str:
    response = await api.post(SUBMIT_PATH, json=body(**extra), headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["request_id"]


async def test_submit_answers_with_absolute_urls_on_the_api_origin(api: httpx.AsyncClient) -> None:
    response = await api.post(SUBMIT_PATH, json=body(), headers=AUTH)

    data = response.json()
    rid = data["request_id"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    assert data == {
        "request_id": rid,
        "status_url": f"http://127.0.0.1/v1/requests/{rid}/status",
        "result_url": f"http://127.0.0.1/v1/requests/{rid}/result",
        "cancel_url": f"http://127.0.0.1/v1/requests/{rid}/cancel",
    }


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": "Generate 3 images of a cat.", "sequential_image_generation_options": 2}, "text"),
        (body(image_size="999:999 (1:1)"), "image_size"),
        (body(optimize_prompt_options="turbo"), "optimize_prompt_options"),
        ({"text": "Generate 16 images of a cat.", "sequential_image_generation_options": 16}, None),
        (body(sequential_image_generation="disabled"), "sequential_image_generation"),
        ([1, 2], "body"),
    ],
)
async def test_invalid_bodies_are_refused_with_422_naming_the_field(
    api: httpx.AsyncClient, manual_emulator: Emulator, payload: object, field: str | None
) -> None:
    response = await api.post(SUBMIT_PATH, json=payload, headers=AUTH)

    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["msg"]
    if field is not None:
        assert detail["loc"][-1] == field
    assert manual_emulator.jobs() == []


async def test_another_model_id_is_400001(api: httpx.AsyncClient) -> None:
    response = await api.post("/v1/models/bytedance/seedream-3-0/t2i", json=body(), headers=AUTH)
    assert response.status_code == 400
    assert response.json()["error_code"] == 400001


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "x"}])
async def test_missing_or_wrong_token_is_401_with_400004(
    api: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    for response in (
        await api.post(SUBMIT_PATH, json=body(), headers=headers),
        await api.get("/v1/requests/abc/status", headers=headers),
    ):
        assert response.status_code == 401
        assert response.json()["error_code"] == 400004


async def test_a_job_of_another_token_is_403001_and_an_unknown_id_404001(
    api: httpx.AsyncClient,
) -> None:
    rid = await submit(api)
    other = {"Authorization": f"Bearer {OTHER_TOKEN}"}
    foreign = await api.get(f"/v1/requests/{rid}/result", headers=other)
    missing = await api.get("/v1/requests/0123abc/status", headers=AUTH)

    assert (foreign.status_code, foreign.json()["error_code"]) == (403, 403001)
    assert (missing.status_code, missing.json()["error_code"]) == (404, 404001)


async def test_status_and_result_follow_the_job_through_its_life(
    api: httpx.AsyncClient, clock: ManualClock
) -> None:
    rid = await submit(api, count=3)
    status_path, result_path = f"/v1/requests/{rid}/status", f"/v1/requests/{rid}/result"

    queued = (await api.get(status_path, headers=AUTH)).json()
    early = (await api.get(result_path, headers=AUTH)).json()
    clock.advance(QUEUE_SECONDS)
    running = (await api.get(status_path, headers=AUTH)).json()
    clock.advance(RUN_SECONDS)
    done = (await api.get(status_path, headers=AUTH)).json()
    result = (await api.get(result_path, params={"include_cost": "true"}, headers=AUTH)).json()

    assert (queued["status"], queued["queue_position"]) == ("in_queue", 0)
    assert queued["status_url"].endswith(status_path)
    assert (early["status"], "output" in early) == ("in_queue", False)
    assert (running["status"], "queue_position" in running) == ("in_progress", False)
    assert done["status"] == "completed"
    assert result["status"] == "succeeded"
    assert result["cost"] == pytest.approx(0.09)
    assert result["output"]["images"] == [f"http://127.0.0.2/files/{rid}/{i}.png" for i in range(3)]
    assert result["created_at"] < result["finished_at"]


async def test_cost_only_when_asked(api: httpx.AsyncClient, clock: ManualClock) -> None:
    rid = await submit(api)
    clock.advance(FINISH)
    result = (await api.get(f"/v1/requests/{rid}/result", headers=AUTH)).json()
    assert "cost" not in result


async def test_cancel_succeeds_only_while_queued(
    api: httpx.AsyncClient, clock: ManualClock
) -> None:
    first, second = await submit(api), await submit(api)
    clock.advance(QUEUE_SECONDS)  # first runs, second waits for the single worker

    refused = await api.post(f"/v1/requests/{first}/cancel", headers=AUTH)
    accepted = await api.post(f"/v1/requests/{second}/cancel", headers=AUTH)
    status = await api.get(f"/v1/requests/{second}/status", headers=AUTH)
    result = await api.get(f"/v1/requests/{second}/result", headers=AUTH)
    clock.advance(RUN_SECONDS)
    too_late = await api.post(f"/v1/requests/{first}/cancel", headers=AUTH)

    assert refused.status_code == accepted.status_code == 202
    assert refused.json() == {
        "request_id": first,
        "status": "in_progress",
        "outcome": "not_cancellable",
    }
    assert accepted.json() == {"request_id": second, "status": "cancelled", "outcome": "cancelled"}
    assert status.json()["status"] == result.json()["status"] == "cancelled"
    assert too_late.json()["outcome"] == "not_cancellable"


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.FAILED_RUN, "Generation failed: the model could not produce images."),
        (
            Fault.FAILED_RUN_OBJECT,
            {
                "type": "ModelError",
                "message": "Content policy violation detected in the prompt.",
                "code": "content_policy",
            },
        ),
    ],
)
async def test_a_failed_run_is_completed_on_status_and_failed_on_result(
    api: httpx.AsyncClient,
    manual_emulator: Emulator,
    clock: ManualClock,
    fault: Fault,
    error: object,
) -> None:
    manual_emulator.faults.arm(Endpoint.SUBMIT, fault)
    rid = await submit(api)
    clock.advance(FINISH)

    status = (await api.get(f"/v1/requests/{rid}/status", headers=AUTH)).json()
    result = (await api.get(f"/v1/requests/{rid}/result", headers=AUTH)).json()

    assert status["status"] == "completed"
    assert (result["status"], result["error"], "output" in result) == ("failed", error, False)


async def test_fewer_images_than_asked(
    api: httpx.AsyncClient, manual_emulator: Emulator, clock: ManualClock
) -> None:
    manual_emulator.faults.arm(Endpoint.SUBMIT, FaultSpec(Fault.FEWER_IMAGES, images=1))
    rid = await submit(api, count=4)
    clock.advance(FINISH)
    result = (await api.get(f"/v1/requests/{rid}/result", headers=AUTH)).json()
    assert len(result["output"]["images"]) == 1


async def test_queued_faults_hit_the_next_requests_in_order_then_stop(
    api: httpx.AsyncClient, manual_emulator: Emulator
) -> None:
    rid = await submit(api)
    manual_emulator.faults.arm(Endpoint.STATUS, FaultSpec(Fault.RATE_LIMITED, seconds=7))
    manual_emulator.faults.arm(Endpoint.STATUS, Fault.UNAVAILABLE, times=2)

    answers = [await api.get(f"/v1/requests/{rid}/status", headers=AUTH) for _ in range(4)]

    assert [a.status_code for a in answers] == [429, 503, 503, 200]
    assert answers[0].headers["Retry-After"] == "7"
    assert manual_emulator.faults.pending() == {}


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        (ErrorShape.ERROR_CODE, {"error_code", "error_message"}),
        (ErrorShape.ERROR_CODE_MESSAGE, {"error_code", "message", "detail"}),
        (ErrorShape.CODE, {"code", "error"}),
    ],
)
async def test_error_bodies_come_in_every_shape(
    api: httpx.AsyncClient, manual_emulator: Emulator, shape: ErrorShape, expected: set[str]
) -> None:
    manual_emulator.faults.arm(Endpoint.SUBMIT, FaultSpec(Fault.BALANCE, shape=shape))
    response = await api.post(SUBMIT_PATH, json=body(), headers=AUTH)

    assert response.status_code == 400
    data = response.json()
    assert set(data) == expected
    assert 400002 in data.values()
    assert manual_emulator.jobs() == []  # a refused submit creates no job


async def test_ok_with_error_code_and_unknown_status(
    api: httpx.AsyncClient, manual_emulator: Emulator
) -> None:
    rid = await submit(api)
    manual_emulator.faults.arm(
        Endpoint.STATUS, FaultSpec(Fault.OK_WITH_ERROR_CODE, error_code=400004)
    )
    manual_emulator.faults.arm(Endpoint.STATUS, Fault.UNKNOWN_STATUS)

    error = await api.get(f"/v1/requests/{rid}/status", headers=AUTH)
    odd = await api.get(f"/v1/requests/{rid}/status", headers=AUTH)

    assert (error.status_code, error.json()["error_code"]) == (200, 400004)
    assert (odd.status_code, odd.json()["status"]) == (200, "warming_up")


async def test_fault_tokens_are_accepted_and_always_fault(api: httpx.AsyncClient) -> None:
    headers = {"Authorization": "Bearer fault-balance-alice"}
    answers = [await api.post(SUBMIT_PATH, json=body(), headers=headers) for _ in range(2)]
    assert [(a.status_code, a.json()["error_code"]) for a in answers] == [(400, 400002)] * 2


async def test_a_bound_token_gets_its_fault(
    api: httpx.AsyncClient, manual_emulator: Emulator
) -> None:
    manual_emulator.faults.bind_token("rc-test-Zq8Xw2Lk5Vn7", Fault.TOKEN_REJECTED)
    response = await api.post(SUBMIT_PATH, json=body(), headers=AUTH)
    assert response.json()["error_code"] == 400004


async def test_drop_processes_the_submit_then_breaks_the_connection(
    api: httpx.AsyncClient, manual_emulator: Emulator
) -> None:
    manual_emulator.faults.arm(Endpoint.SUBMIT, Fault.DROP)
    with pytest.raises(httpx.RemoteProtocolError):
        await api.post(SUBMIT_PATH, json=body(), headers=AUTH)
    assert len(manual_emulator.jobs()) == 1  # the job exists: the client must not re-send


def test_faults_cannot_be_armed_where_they_make_no_sense(manual_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="cannot be armed"):
        manual_emulator.faults.arm(Endpoint.STATUS, Fault.CORRUPT_IMAGE)
    with pytest.raises(ValueError, match="cannot be armed"):
        manual_emulator.faults.arm(Endpoint.IMAGE, Fault.BALANCE)


async def test_admin_routes_arm_faults_and_report_without_tokens(
    api: httpx.AsyncClient, manual_emulator: Emulator
) -> None:
    armed = await api.post(
        "/__emulator/faults",
        json={"endpoint": "submit", "fault": "server-error", "times": 1},
    )
    bad = await api.post(
        "/__emulator/faults", json={"endpoint": "status", "fault": "corrupt-image"}
    )
    failed = await api.post(SUBMIT_PATH, json=body(), headers=AUTH)
    rid = await submit(api)
    requests = (await api.get("/__emulator/requests")).json()
    jobs = (await api.get("/__emulator/jobs")).json()

    assert armed.json() == {"pending": {"submit": ["server-error"]}}
    assert bad.status_code == 400
    assert failed.status_code == 500
    assert [(r["method"], r["status"], r["fault"], r["had_auth"]) for r in requests] == [
        ("POST", 500, "server-error", True),
        ("POST", 200, None, True),
    ]
    assert [(j["request_id"], j["phase"], j["count"]) for j in jobs] == [(rid, "in_queue", 2)]
    assert "rc-test" not in str(requests) + str(jobs) + repr(manual_emulator.jobs())

"""The shared queue: positions count down, jobs run and finish on the clock, cancels free slots."""

from __future__ import annotations

from seedream_desktop.api.params import GenerationParams
from seedream_desktop.emulator.clock import ManualClock
from seedream_desktop.emulator.jobs import Job, JobQueue, Outcome, Phase

PARAMS = GenerationParams("Generate 2 images of a fox.", count=2)


def make_queue(clock: ManualClock, workers: int = 1) -> JobQueue:
    return JobQueue(clock, queue_seconds=1.0, workers=workers)


def submit(queue: JobQueue, clock: ManualClock, name: str, run_time: float = 2.0) -> Job:
    job = Job(name, "owner", PARAMS, 1, clock.now(), run_time, Outcome(2))
    queue.add(job)
    return job


def states(queue: JobQueue, *jobs: Job) -> list[tuple[str, int | None]]:
    return [(queue.view(j).phase.value, queue.view(j).queue_position) for j in jobs]


def test_positions_count_down_as_jobs_ahead_start() -> None:
    clock = ManualClock()
    queue = make_queue(clock)
    a, b, c = (submit(queue, clock, name) for name in "abc")

    assert states(queue, a, b, c) == [("in_queue", 0), ("in_queue", 1), ("in_queue", 2)]
    clock.advance(1.0)  # a leaves the queue after the minimum wait
    assert states(queue, a, b, c) == [("in_progress", None), ("in_queue", 0), ("in_queue", 1)]
    clock.advance(2.0)  # a done, b starts
    assert states(queue, a, b, c) == [("completed", None), ("in_progress", None), ("in_queue", 0)]
    clock.advance(4.0)
    assert states(queue, a, b, c) == [("completed", None)] * 3


def test_two_workers_run_two_jobs_at_once() -> None:
    clock = ManualClock()
    queue = make_queue(clock, workers=2)
    a, b, c = (submit(queue, clock, name) for name in "abc")
    clock.advance(1.0)
    assert states(queue, a, b, c) == [("in_progress", None), ("in_progress", None), ("in_queue", 0)]


def test_a_lone_job_still_waits_the_minimum_queue_time() -> None:
    clock = ManualClock()
    queue = make_queue(clock)
    job = submit(queue, clock, "a")
    clock.advance(0.99)
    assert queue.view(job).phase is Phase.QUEUED
    clock.advance(0.01)
    assert queue.view(job).phase is Phase.RUNNING


def test_only_a_queued_job_can_be_cancelled() -> None:
    clock = ManualClock()
    queue = make_queue(clock)
    a, b = submit(queue, clock, "a"), submit(queue, clock, "b")
    clock.advance(1.5)  # a runs, b waits

    assert queue.cancel(a) is False
    assert queue.cancel(b) is True
    assert queue.cancel(b) is False
    assert [queue.view(j).phase for j in (a, b)] == [Phase.RUNNING, Phase.CANCELLED]


def test_cancelling_frees_the_slot_without_rewriting_the_past() -> None:
    clock = ManualClock()
    queue = make_queue(clock)
    a, b, c = (submit(queue, clock, name) for name in "abc")
    clock.advance(1.0)  # a runs until t+3; b would run until t+5, c until t+7
    clock.advance(1.0)
    assert queue.cancel(b)

    # c was queued until now, so it cannot have started earlier; it starts when a finishes.
    assert states(queue, c) == [("in_queue", 0)]
    clock.advance(1.0)
    assert states(queue, a, c) == [("completed", None), ("in_progress", None)]
    assert queue.view(c).started_at == queue.view(a).finished_at

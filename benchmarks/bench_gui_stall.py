"""How long the GUI thread stalls while a 15 × 2560×1440 PNG job downloads, against idle.

A real ``MainWindow`` is shown (offscreen) on the app's qasync loop and talks to the emulator
over loopback sockets. The emulator runs in a subprocess (``python -m seedream_desktop.emulator``)
so its pure-Python image rendering never holds this process's GIL, and every image the measured
jobs will ask for is rendered and cached there before measuring: the figures are the app's, not
the emulator's. A heartbeat ``QTimer`` (5 ms, precise) on the GUI thread records the gap between
beats; a stall is a gap minus the 5 ms interval.

Phases: the same idle window for 3 s (baseline), then three jobs one after another, each
submitted through the generate panel and measured from the click until its 15 thumbnails are
ready in the grid and the runner is idle. Job 1 is the app's first job, so it carries first-use
costs (thread pools, Qt plugins) that a user meets too.

Landing, per job: from the moment the job's result is known (it turns DOWNLOADING) until its 15
thumbnails are shown, against a bare baseline in the same run and on the same thumbnail pool:
the same 15 links downloaded 4 at once with plain httpx, each followed by one scaled decode.

Every stall over 50 ms is printed with how the GUI thread spent it (running code, ready but
waiting for a core, or blocked on the GIL or the disk: Linux schedstat) and where its Python
stack was (a watchdog thread samples it while a beat is late). Prints figures only; there is no
pass or fail.

    .venv/bin/python benchmarks/bench_gui_stall.py
"""

from __future__ import annotations

import asyncio
import faulthandler
import math
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, Qt, QTimer
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QApplication

from benchmarks.qt_warnings import watch_qt_warnings
from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.params import AspectRatio, GenerationParams
from seedream_desktop.core import thumbnails
from seedream_desktop.core.jobs.downloads import PARALLEL_DOWNLOADS
from seedream_desktop.core.models import JobRecord, JobState
from seedream_desktop.core.settings import SettingsStore
from seedream_desktop.ui.event_loop import ClosingEventLoop
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.wiring import EngineConfig, open_engine
from tests.support.fixtures import TEST_TOKEN
from tests.window.conftest import FAST_RUNNER
from tests.window.test_main_window import thumbs_ready

ROOT = Path(__file__).resolve().parents[1]
COUNT = 15
ASPECT = AspectRatio.WIDE_16_9
JOBS = 3
SEEDS = [1001 + job for job in range(JOBS)]  # one per job: no thumbnail is found already made
BEAT_MS = 5
BASELINE_SECONDS = 3.0
STALL_LIMIT = 0.050
#: The watchdog samples the GUI thread's stack once a beat is this late (stall so far).
SAMPLE_AFTER = 0.025
SAMPLE_EVERY = 0.005
JOB_TIMEOUT = 60.0
EMULATOR_ARGS = ["--queue-seconds", "0.05", "--run-seconds", "0.1", "--per-image-seconds", "0"]


class ThreadClock:
    """The calling thread's seconds on a CPU and waiting in the run queue for one.

    Splits a stall three ways: running code, waiting for a free core, or blocked (on the GIL or
    the disk). The run-queue time comes from Linux's schedstat; elsewhere it is NaN.
    """

    def __init__(self) -> None:
        try:
            self._fd: int | None = os.open(
                f"/proc/self/task/{threading.get_native_id()}/schedstat", os.O_RDONLY
            )
        except OSError:
            self._fd = None

    def read(self) -> tuple[float, float]:
        if self._fd is None:
            return time.thread_time(), math.nan
        on_cpu, waiting, _ = os.pread(self._fd, 128, 0).split()
        return int(on_cpu) / 1e9, int(waiting) / 1e9

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)


class Heartbeat:
    """A precise timer on the GUI thread; each beat's time shows how late the thread was."""

    def __init__(self, interval_ms: int) -> None:
        self.interval = interval_ms / 1000
        self.beats: list[float] = []
        #: ``ThreadClock`` readings at each beat, to tell a busy GUI thread from a waiting one.
        self.clock = ThreadClock()
        self.times: list[tuple[float, float]] = []
        #: Read by the watchdog thread; ``None`` while stopped.
        self.last: float | None = None
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self.beats = [time.perf_counter()]
        self.times = [self.clock.read()]
        self.last = self.beats[0]
        self._timer.start()

    def stop(self) -> list[float]:
        """The stalls (gap − interval, seconds) seen since ``start()``."""
        self._timer.stop()
        self.last = None
        self.beats.append(time.perf_counter())  # a stall still open at the end counts too
        self.times.append(self.clock.read())
        return [
            max(0.0, later - earlier - self.interval)
            for earlier, later in zip(self.beats, self.beats[1:], strict=False)
        ]

    def _beat(self) -> None:
        now = time.perf_counter()
        self.beats.append(now)
        self.times.append(self.clock.read())
        self.last = now


class StackSampler(threading.Thread):
    """While a beat is late, records where the GUI thread's Python code is.

    Uses ``faulthandler``, which reads the interpreter's frames without creating frame objects:
    walking another thread's frames through ``sys._current_frames()`` is not safe on CPython
    3.11 (a run of this benchmark that did so crashed once in the GUI thread's paint code).
    Samples are keyed by the beat the stall began after, so each long gap gets its own. A stall
    inside C++ that keeps the GIL cannot be sampled until it ends; one that releases it shows the
    Python frame that called into Qt.
    """

    def __init__(self, heartbeat: Heartbeat) -> None:
        super().__init__(name="stall-sampler", daemon=True)
        self._heartbeat = heartbeat
        self._header = f"Thread 0x{threading.main_thread().ident:016x} "
        self._stop_event = threading.Event()
        self.samples: dict[float, list[tuple[str, ...]]] = {}

    def run(self) -> None:
        with tempfile.TemporaryFile("w+") as dump:
            while not self._stop_event.wait(SAMPLE_EVERY):
                last = self._heartbeat.last
                if last is None or time.perf_counter() - last < SAMPLE_AFTER:
                    continue
                dump.seek(0)
                dump.truncate()
                faulthandler.dump_traceback(dump, all_threads=True)
                dump.seek(0)
                stack = self._gui_stack(dump.read())
                if stack:
                    self.samples.setdefault(last, []).append(stack)

    def _gui_stack(self, text: str) -> tuple[str, ...]:
        """The GUI thread's frames, outermost first, from a faulthandler dump of every thread."""
        _, found, rest = text.partition(self._header)
        if not found:
            return ()
        frames = []
        for line in rest.splitlines()[1:]:
            match = _FRAME_LINE.match(line)
            if match is None:
                break
            frames.append(_describe(match["path"], match["line"], match["name"]))
        return tuple(reversed(frames))

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


_FRAME_LINE = re.compile(r'\s+File "(?P<path>.*)", line (?P<line>\d+) in (?P<name>.*)')


def _describe(path: str, line: str, name: str) -> str:
    _, packages, inside = path.partition("site-packages/")
    if packages:
        shown = inside
    elif path.startswith(f"{ROOT.as_posix()}/"):
        shown = path.removeprefix(f"{ROOT.as_posix()}/")
    else:
        shown = Path(path).name
    return f"{shown}:{line} {name}"


@dataclass(frozen=True, slots=True)
class LongStall:
    offset: float  # seconds from the phase start
    stall: float
    gap: float  # stall + the heartbeat interval
    on_cpu: float  # the GUI thread ran code
    run_queue: float  # the GUI thread was ready but every core was busy
    samples: list[tuple[str, ...]]

    @property
    def blocked(self) -> float:
        """Neither running nor ready: waiting for the GIL or the disk (or the idle interval)."""
        waiting = 0.0 if math.isnan(self.run_queue) else self.run_queue
        return max(0.0, self.gap - self.on_cpu - waiting)  # schedstat ticks are coarser

    def places(self) -> Counter[str]:
        """Per sample, the innermost app frame (or the innermost frame, outside app code)."""
        return Counter(_innermost_app_frame(stack) for stack in self.samples)


def _innermost_app_frame(stack: tuple[str, ...]) -> str:
    return next((f for f in reversed(stack) if f.startswith("seedream_desktop/")), stack[-1])


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    stalls: list[float]
    seconds: float
    long_stalls: list[LongStall]
    landing: float = math.nan  # result known → thumbnails shown

    def worst(self) -> float:
        return max(self.stalls, default=0.0)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.stalls)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0

    def over_limit(self) -> int:
        return sum(stall > STALL_LIMIT for stall in self.stalls)


def measure(
    name: str,
    heartbeat: Heartbeat,
    sampler: StackSampler,
    started: float,
    seconds: float,
    landing: float = math.nan,
) -> Phase:
    stalls = heartbeat.stop()
    beats, times = heartbeat.beats, heartbeat.times
    long_stalls = [
        LongStall(
            offset=beats[i] - started,
            stall=stall,
            gap=beats[i + 1] - beats[i],
            on_cpu=times[i + 1][0] - times[i][0],
            run_queue=times[i + 1][1] - times[i][1],
            samples=sampler.samples.get(beats[i], []),
        )
        for i, stall in enumerate(stalls)
        if stall > STALL_LIMIT
    ]
    return Phase(name, stalls, seconds, long_stalls, landing)


# ---- the emulator, in its own process ---------------------------------------------------------


def start_emulator() -> tuple[subprocess.Popen[str], str, str]:
    """The emulator subprocess, its API origin and its balance origin (every origin listens once
    the last is printed), so that nothing the window asks leaves loopback."""
    command = [sys.executable, "-m", "seedream_desktop.emulator", "--token", TEST_TOKEN]
    process = subprocess.Popen(
        [*command, *EMULATOR_ARGS], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    api = ""
    for line in process.stdout:
        if line.startswith("RunComfy emulator API:"):
            api = line.split(":", 1)[1].strip()
        if line.startswith("Balance:"):
            return process, api, line.split(":", 1)[1].strip()
    raise RuntimeError(f"the emulator exited early (code {process.wait()})")


def stop_emulator(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


def job_params(seed: int) -> GenerationParams:
    return GenerationParams.from_description("a lighthouse at dusk", COUNT, ASPECT, seed=seed)


async def prerender(base_url: str) -> float:
    """Run every measured job's seed once and fetch its images, so the emulator has them cached
    (its cache holds 48 images; the three jobs need 45)."""
    started = time.perf_counter()
    async with (
        RunComfyClient(lambda: TEST_TOKEN, base_url=base_url) as client,
        # Idle connections are dropped before the server's 5 s keep-alive closes them: reusing
        # one just as the server closed it failed the run ("Server disconnected").
        httpx.AsyncClient(timeout=JOB_TIMEOUT, limits=httpx.Limits(keepalive_expiry=2.0)) as cdn,
    ):
        for seed in SEEDS:
            submitted = await client.submit(job_params(seed))
            # Polling is the API's contract: the service pushes nothing.
            while not (await client.status(submitted.request_id)).status.is_terminal:  # noqa: ASYNC110
                await asyncio.sleep(0.05)
            result = await client.result(submitted.request_id)
            answers = await asyncio.gather(*(cdn.get(url) for url in result.image_urls))
            if len(answers) != COUNT or any(a.status_code != 200 for a in answers):
                raise RuntimeError("the emulator did not serve every image")
    return time.perf_counter() - started


# ---- the app ----------------------------------------------------------------------------------


async def run_job(window: MainWindow, seed: int, rows: int) -> tuple[float, float]:
    """Submit like a designer; seconds until ``rows`` thumbnails are ready in the grid, from the
    click and from the moment the job's result was known.

    Checked on every image and thumbnail signal (not by polling, which would load the loop and
    blur the time); the check asks for every row's thumbnail as a visible grid would.
    """
    loop = asyncio.get_running_loop()
    done: asyncio.Future[float] = loop.create_future()
    result_known: list[float] = []

    def check(*_: object) -> None:
        if not done.done() and thumbs_ready(window, rows):
            done.set_result(time.perf_counter())

    def job_changed(job: JobRecord) -> None:
        if job.state is JobState.DOWNLOADING and not result_known:
            result_known.append(time.perf_counter())

    window._signals.jobChanged.connect(job_changed)
    window._signals.imageAdded.connect(check)
    window.grid_model.loader.thumbnailReady.connect(check)
    panel = window.generate_panel
    panel.set_controls(seed=seed, seed_fixed=True)
    started = time.perf_counter()
    panel.generate.click()
    try:
        finished = await asyncio.wait_for(done, JOB_TIMEOUT)
    finally:
        window._signals.jobChanged.disconnect(job_changed)
        window._signals.imageAdded.disconnect(check)
        window.grid_model.loader.thumbnailReady.disconnect(check)
    # Whatever the runner still does (its own thumbnail copies, the last row update) is measured.
    await window.engine.runner.wait_idle()
    return finished - started, finished - result_known[0]


async def bare_landing(urls: tuple[str, ...]) -> float:
    """The bound for landing: download every image (4 at once) and decode each once, scaled to
    the stored thumbnail's side, on the runner's own thumbnail pool."""
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(PARALLEL_DOWNLOADS)
    side = thumbnails.STORED_THUMBNAIL_SIDE

    def decode(body: bytes) -> None:
        data = QByteArray(body)
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setScaledSize(reader.size().scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
        if reader.read().isNull():
            raise RuntimeError(reader.errorString())

    async def one(cdn: httpx.AsyncClient, url: str) -> None:
        async with gate:
            answer = await cdn.get(url)
            answer.raise_for_status()
            await loop.run_in_executor(thumbnails._pool(), decode, answer.content)

    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=JOB_TIMEOUT) as cdn:
        await asyncio.gather(*(one(cdn, url) for url in urls))
    return time.perf_counter() - started


async def bench(base_url: str, balance_url: str, data: Path) -> tuple[list[Phase], list[float]]:
    settings_store = SettingsStore(
        QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    )
    engine = open_engine(
        EngineConfig(
            data_dir=data / "library",
            base_url=base_url,
            balance_url=balance_url,
            runner=FAST_RUNNER,
        ),
        lambda: TEST_TOKEN,
    )
    window = MainWindow(engine, settings_store, settings_store.load())
    panel = window.generate_panel
    panel.set_controls(aspect=ASPECT, count=COUNT, prompt="a lighthouse at dusk")
    window.show()
    window.activateWindow()
    await asyncio.sleep(0.5)  # first layout and paint are not part of any phase

    heartbeat = Heartbeat(BEAT_MS)
    sampler = StackSampler(heartbeat)
    sampler.start()
    phases = []
    try:
        started = time.perf_counter()
        heartbeat.start()
        await asyncio.sleep(BASELINE_SECONDS)
        phases.append(measure("idle (baseline)", heartbeat, sampler, started, BASELINE_SECONDS))
        for job, seed in enumerate(SEEDS, start=1):
            await asyncio.sleep(0.3)  # let the previous phase's repaint settle
            started = time.perf_counter()
            heartbeat.start()
            seconds, landing = await run_job(window, seed, COUNT * job)
            label = f"job {job}{' (first in app)' if job == 1 else ''}"
            phases.append(measure(label, heartbeat, sampler, started, seconds, landing))
        await asyncio.sleep(0.3)
        # The same jobs' links again, fetched bare, in the same order, while the window idles.
        jobs = sorted(engine.library.recent_jobs(JOBS), key=lambda job: job.id)
        bare = [await bare_landing(job.result_urls) for job in jobs]
    finally:
        sampler.stop()
        heartbeat.clock.close()
        window.close_without_asking()
        await engine.aclose()
    return phases, bare


def report(phases: list[Phase], bare: list[float], prerender_seconds: float) -> None:
    print(
        f"{COUNT} × {ASPECT.width}x{ASPECT.height} PNG per job from the emulator subprocess on "
        f"loopback; {os.cpu_count()} CPUs"
    )
    print(
        f"({COUNT * JOBS} images pre-rendered in the emulator in {prerender_seconds:.1f} s, "
        "before measuring)"
    )
    print(
        f"heartbeat: QTimer {BEAT_MS} ms (PreciseTimer) on the GUI thread; stall = gap − interval"
    )
    print(
        f"\n{'phase':20} {'beats':>6} {'worst':>9} {'p99':>8} {'p95':>8} {'>50ms':>6} {'time':>7}"
    )
    jobs = phases[1:]
    for phase in phases:
        print(
            f"{phase.name:20} {len(phase.stalls):6d} {_ms(phase.worst()):>9} "
            f"{_ms(phase.percentile(99)):>8} {_ms(phase.percentile(95)):>8} "
            f"{phase.over_limit():6d} {phase.seconds:6.2f}s"
        )
    print(
        f"{'worst of the jobs':20} {'':6} {_ms(max(p.worst() for p in jobs)):>9} "
        f"{_ms(max(p.percentile(99) for p in jobs)):>8} "
        f"{_ms(max(p.percentile(95) for p in jobs)):>8} "
        f"{max(p.over_limit() for p in jobs):6d} {max(p.seconds for p in jobs):6.2f}s"
    )
    print(f"(job time: click on Generate until its {COUNT} thumbnails are ready in the grid)")
    landing = [p.landing for p in jobs]
    print(
        f"\nlanding (result known → {COUNT} thumbnails shown): "
        f"{' '.join(f'{s:.2f}s' for s in landing)}; bare download ({PARALLEL_DOWNLOADS} at once) + "
        f"one scaled decode each, same pool: {' '.join(f'{s:.2f}s' for s in bare)}"
    )
    print(
        f"ratio: landing {statistics.median(landing) / statistics.median(bare):.2f}× the bare "
        f"(medians {statistics.median(landing):.2f}s / {statistics.median(bare):.2f}s); "
        f"worst stall {_ms(max(p.worst() for p in jobs))}, p99 "
        f"{_ms(max(p.percentile(99) for p in jobs))} (idle: {_ms(phases[0].worst())}, "
        f"{_ms(phases[0].percentile(99))})"
    )

    long_stalls = [(p.name, stall) for p in phases for stall in p.long_stalls]
    if not long_stalls:
        print(f"\nno stall over {_ms(STALL_LIMIT)}")
        return
    print(
        f"\nstalls over {_ms(STALL_LIMIT)}: how the GUI thread spent each gap (on a CPU, ready but "
        "waiting for a core, blocked on the GIL or the disk) and where its Python stack was "
        f"(sampled every {_ms(SAMPLE_EVERY)} once a beat is {_ms(SAMPLE_AFTER)} late)"
    )
    print(f"  {'phase':20} {'at':>6} {'stall':>7} {'cpu':>7} {'core':>7} {'blocked':>7}  places")
    everywhere: Counter[str] = Counter()
    for name, stall in long_stalls:
        places = stall.places()
        everywhere.update(places)
        where = ", ".join(f"{place} ×{n}" for place, n in places.most_common(2)) or "-"
        print(
            f"  {name:20} {stall.offset:5.2f}s {_ms(stall.stall):>7} {_ms(stall.on_cpu):>7} "
            f"{_ms(stall.run_queue):>7} {_ms(stall.blocked):>7}  {where}"
        )
    gaps = sum(stall.gap for _, stall in long_stalls)
    shares = (
        f"{label} {sum(part(stall) for _, stall in long_stalls) / gaps:.0%}"
        for label, part in (
            ("on a CPU", lambda stall: stall.on_cpu),
            ("waiting for a core", lambda stall: stall.run_queue),
            ("blocked", lambda stall: stall.blocked),
        )
    )
    print(f"all long stalls together: {', '.join(shares)}")
    print("stack samples per place (innermost app frame), all long stalls together:")
    for place, n in everywhere.most_common(10):
        print(f"  {n:4d}  {place}")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}ms"


def main() -> None:
    warnings = watch_qt_warnings()
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = ClosingEventLoop(app)  # the app's loop
    emulator, base_url, balance_url = start_emulator()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-gui-stall-") as tmp:
            prerender_seconds = loop.run_until_complete(prerender(base_url))
            phases, bare = loop.run_until_complete(bench(base_url, balance_url, Path(tmp)))
    finally:
        stop_emulator(emulator)
        loop.close()
    report(phases, bare, prerender_seconds)
    warnings.report()


if __name__ == "__main__":
    main()

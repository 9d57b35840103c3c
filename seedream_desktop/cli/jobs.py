"""``generate``, ``resume`` and ``balance``: the engine on asyncio, progress on stderr, paths
(or the balance) on stdout."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from pathlib import Path

from seedream_desktop.api.params import (
    AspectRatio,
    GenerationParams,
    ParamsError,
    PromptMode,
    new_request,
)
from seedream_desktop.cli import Command
from seedream_desktop.cli.money import check_funds, print_balance
from seedream_desktop.cli.output import ExitCode, say
from seedream_desktop.core.engine import Engine, LibraryBusyError, left_alone_message
from seedream_desktop.core.export.exporter import export_images
from seedream_desktop.core.export.options import ExportFormat, ExportOptions
from seedream_desktop.core.jobs.events import JobEvent
from seedream_desktop.core.jobs.wording import describe_job
from seedream_desktop.core.library import LibraryError
from seedream_desktop.core.models import ErrorKind, JobRecord, JobState
from seedream_desktop.core.pricing import setting_price
from seedream_desktop.core.settings import SettingsStore
from seedream_desktop.core.token_store import TokenStore
from seedream_desktop.wiring import EngineConfig, open_engine


def run_job_command(args: argparse.Namespace) -> int:
    """``generate``, ``resume`` or ``balance``, as parsed; the exit code."""
    return asyncio.run(_dispatch(args))


async def _dispatch(args: argparse.Namespace) -> int:
    params: GenerationParams | None = None
    if args.command == Command.GENERATE:
        try:
            params = new_request(
                args.prompt,
                count=args.count,
                aspect=AspectRatio.from_label(args.aspect),
                mode=PromptMode.parse(args.mode),
                seed=args.seed,
            )
        except ParamsError as exc:
            say(f"Error: {exc.message}")
            return ExitCode.BAD_INPUT
    store = TokenStore()
    if not args.demo and store.get() is None:
        say(
            "No API token. Set RUNCOMFY_API_TOKEN, or add the token in the app "
            "(Settings → Account). Try --demo to use the built-in emulator."
        )
        return ExitCode.TOKEN_REJECTED
    # The window's settings apply here too: a moved library and a changed base URL.
    settings = SettingsStore().load()
    try:
        engine = open_engine(
            EngineConfig.from_settings(
                settings,
                demo=args.demo,
                data_dir=args.data_dir,
                base_url=args.base_url,
                balance_url=args.balance_url,
            ),
            store.get,
        )
    except LibraryError as exc:
        say(f"Error: {exc}")
        return ExitCode.LIBRARY
    except ValueError as exc:  # a refused base URL
        say(f"Error: {exc}")
        return ExitCode.BAD_INPUT
    try:
        if args.command == Command.BALANCE:
            return await print_balance(engine.client)
        engine.runner.subscribe(_progress_printer())
        if args.command == Command.RESUME:
            return await _resume(engine)
        assert params is not None
        refused = await check_funds(
            engine.client,
            engine.prices,
            setting_price(settings.price_per_image),
            params.count,
            yes=args.yes,
        )
        if refused is not None:
            return refused
        return await _generate(engine, params, args.out)
    except LibraryBusyError as exc:
        say(f"Error: {exc}")
        return ExitCode.BUSY
    except LibraryError as exc:  # disk full or a damaged database while the job ran
        say(f"Error: {exc} The job stays in the library; `seedream-desktop resume` continues it.")
        return ExitCode.LIBRARY
    finally:
        await engine.aclose()


async def _generate(engine: Engine, params: GenerationParams, out: Path | None) -> int:
    job = engine.runner.enqueue(params)
    say(f"Job {job.id}: {params.prompt}")
    job = await engine.runner.wait_for(job.id)
    code = _exit_code(job)
    if job.state is JobState.DONE and not _print_images(engine, job, out):
        return ExitCode.LIBRARY
    return code


async def _resume(engine: Engine) -> int:
    jobs = engine.resume_unfinished()
    if engine.runner.left_alone:
        say(left_alone_message(engine.runner.left_alone))
    if not jobs:
        say("Nothing to resume: every job is finished.")
        return ExitCode.OK
    say(f"Resuming {len(jobs)} job(s).")
    await engine.runner.wait_idle()
    codes = []
    for job in jobs:
        final = engine.library.get_job(job.id)
        assert final is not None
        if final.state is JobState.DONE:
            _print_images(engine, final, None)
        codes.append(_exit_code(final))
    return max(codes, default=ExitCode.OK)


def _print_images(engine: Engine, job: JobRecord, out: Path | None) -> bool:
    """Print the image paths (copied into ``out`` first, if given); False if a copy failed."""
    images = engine.library.images_of_job(job.id)
    if out is None:
        for image in images:
            print(image.path, flush=True)
        return True
    # The original bytes with the metadata added; never overwrites what is already there.
    report = export_images(images, ExportOptions(destination=out, format=ExportFormat.ORIGINAL))
    for failure in report.errors:
        say(failure.message)
    for path in report.exported:
        print(path, flush=True)
    return not report.errors


# A job stopped by these may succeed when simply tried again later.
_NETWORK_KINDS = frozenset({ErrorKind.NETWORK, ErrorKind.SERVER, ErrorKind.RATE_LIMITED})


def _exit_code(job: JobRecord) -> ExitCode:
    """The process's answer for one job, from its state and the stored kind of what stopped it
    (its words were already printed by the progress lines)."""
    if job.state is JobState.DONE:
        return ExitCode.OK
    if job.error_kind is ErrorKind.TOKEN_REJECTED:
        return ExitCode.TOKEN_REJECTED
    if job.state is JobState.PAUSED:  # paused by an unexpected error, not by the token
        return ExitCode.UNEXPECTED
    if job.error_kind is ErrorKind.BALANCE:
        return ExitCode.BALANCE_EXHAUSTED
    if job.state is JobState.OUTCOME_UNKNOWN:
        return ExitCode.OUTCOME_UNKNOWN
    if job.state is JobState.DOWNLOAD_FAILED:
        return ExitCode.DOWNLOAD_FAILED
    if job.error_kind in _NETWORK_KINDS:
        return ExitCode.NETWORK
    return ExitCode.JOB_FAILED


def _progress_printer() -> Callable[[JobEvent], None]:
    """One line per change of what the window's jobs panel would say about a job."""
    last: dict[int, str] = {}

    def on_event(event: JobEvent) -> None:
        job = event.job
        line = f"Job {job.id}: {describe_job(job)}"
        if last.get(job.id) != line:
            last[job.id] = line
            say(line)

    return on_event

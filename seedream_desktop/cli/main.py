"""``seedream-desktop generate | history | resume | balance`` — the engine without a window.

Progress goes to stderr, saved file paths (one per line) to stdout, so the output can be piped.
Jobs land in the same library as the window's, and show in its history.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from seedream_desktop.api.params import (
    COUNT_MAX,
    COUNT_MIN,
    AspectRatio,
    GenerationParams,
    ParamsError,
    PromptMode,
    new_request,
)
from seedream_desktop.cli import Command, unknown_option
from seedream_desktop.cli.money import check_funds, print_balance
from seedream_desktop.cli.output import ExitCode, say
from seedream_desktop.core.engine import Engine, LibraryBusyError, left_alone_message
from seedream_desktop.core.export import ExportFormat, ExportOptions, export_images
from seedream_desktop.core.jobs import JobEvent
from seedream_desktop.core.jobs.wording import describe_job, elapsed_text, excerpt, job_problem
from seedream_desktop.core.library import LibraryError
from seedream_desktop.core.models import ErrorKind, JobRecord, JobState
from seedream_desktop.core.pricing import setting_price
from seedream_desktop.core.qt_messages import route_messages_to_logging
from seedream_desktop.core.settings import SettingsStore
from seedream_desktop.core.token_store import TokenStore
from seedream_desktop.wiring import EngineConfig, open_engine


def _parser() -> tuple[
    argparse.ArgumentParser, dict[str, tuple[argparse.ArgumentParser, list[str]]]
]:
    """The parser, and per command its own parser and option strings (for "did you mean")."""
    parser = argparse.ArgumentParser(prog="seedream-desktop", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    shared = [
        common.add_argument("--data-dir", type=Path, help="library folder (env SEEDREAM_DATA_DIR)"),
        common.add_argument("--base-url", help="API base URL (env SEEDREAM_API_BASE_URL)"),
        common.add_argument(
            "--balance-url", help="balance base URL (env SEEDREAM_BALANCE_BASE_URL)"
        ),
        common.add_argument("--demo", action="store_true", help="use the built-in API emulator"),
        common.add_argument("-v", "--verbose", action="store_true", help="log details to stderr"),
    ]
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser(Command.GENERATE, parents=[common], help="generate an image series")
    gen.add_argument("prompt", help="what to generate; the image count is stated for you")
    generate_options = [
        gen.add_argument(
            "--count", type=int, default=3, help=f"{COUNT_MIN}–{COUNT_MAX} (default 3)"
        ),
        gen.add_argument(
            "--aspect",
            default="16:9",
            help="one of " + ", ".join(r.label for r in AspectRatio) + " (default 16:9)",
        ),
        gen.add_argument("--mode", default="fast", help="fast or standard (default fast)"),
        gen.add_argument("--seed", type=int, help="fixed seed (default: a random one, recorded)"),
        gen.add_argument("--out", type=Path, help="also copy the images into this folder"),
        gen.add_argument(
            "--yes", action="store_true", help="send even when the estimate exceeds the balance"
        ),
    ]

    hist = sub.add_parser(Command.HISTORY, parents=[common], help="list jobs, newest first")
    history_options = [
        hist.add_argument("--json", action="store_true", help="machine-readable output"),
        hist.add_argument("--limit", type=int, default=50),
    ]

    resume = sub.add_parser(
        Command.RESUME, parents=[common], help="finish jobs a previous run left unfinished"
    )
    balance = sub.add_parser(
        Command.BALANCE, parents=[common], help="print the RunComfy account balance"
    )

    def strings(*groups: list[argparse.Action]) -> list[str]:
        return ["-h", "--help", *(o for group in groups for a in group for o in a.option_strings)]

    commands = {
        Command.GENERATE: (gen, strings(shared, generate_options)),
        Command.HISTORY: (hist, strings(shared, history_options)),
        Command.RESUME: (resume, strings(shared)),
        Command.BALANCE: (balance, strings(shared)),
    }
    return parser, commands


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments, or ``SystemExit`` after the usage (with a "did you mean")."""
    parser, commands = _parser()
    args, unknown = parser.parse_known_args(list(argv))
    if unknown:
        command, options = commands[args.command]
        command.error(
            unknown_option(unknown[0], options)
            if unknown[0].startswith("-")
            else f"unexpected argument {unknown[0]!r}"
        )
    return args


def run_cli(argv: Sequence[str]) -> int:
    try:
        args = _parse(argv)
    except SystemExit as stop:  # argparse already printed the usage problem
        return ExitCode.OK if stop.code == 0 else ExitCode.BAD_INPUT
    if os.name == "nt":  # Windows consoles default to a legacy code page: prompts hold any text
        sys.stderr.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    route_messages_to_logging()  # before logging is set up: it writes to the new sys.stderr
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return asyncio.run(_dispatch(args))
    except KeyboardInterrupt:
        say("Interrupted. Nothing is lost: `seedream-desktop resume` finishes the job.")
        return ExitCode.INTERRUPTED


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
    if args.command != Command.HISTORY and not args.demo and store.get() is None:
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
        if args.command == Command.HISTORY:
            return _history(engine, args.json, args.limit)
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


def _history(engine: Engine, as_json: bool, limit: int) -> int:
    jobs = engine.library.recent_jobs(limit)
    if as_json:
        json.dump([_job_json(engine, j) for j in jobs], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    now = datetime.now(UTC)
    for job in jobs:
        # The first line finds the job, the second says it in the window's words.
        print(
            f"{job.id:>5}  {job.created_at.astimezone():%Y-%m-%d %H:%M}  "
            f"{job.params.aspect.label:<5}  {excerpt(job.params.prompt, 60)}"
        )
        took = elapsed_text(job, now)
        print(f"       {describe_job(job)}" + (f" ({took})" if took else ""))
    return ExitCode.OK


def _job_json(engine: Engine, job: JobRecord) -> dict[str, object]:
    return {
        "id": job.id,
        "state": job.state.value,
        "prompt": job.params.prompt,
        "count": job.params.count,
        "aspect": job.params.aspect.label,
        "mode": job.params.mode.value,
        "seed": job.params.seed,
        "request_id": job.request_id,
        "error": job_problem(job) or None,
        "error_kind": job.error_kind.value if job.error_kind else None,
        "description": describe_job(job),
        "note": job.note,
        "cost": None if job.cost is None else float(job.cost),
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "images": [str(i.path) for i in engine.library.images_of_job(job.id)],
    }


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

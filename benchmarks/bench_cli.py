"""``seedream-desktop history --json`` against ``python -c pass``: 50-job and 10,000-job libraries.

Each library is generated as rows (4 images a job, as ``bench_library`` writes them); history
prints its newest 50 jobs with their image paths. ``history`` finds the library as a user's
does (the settings, which need QtCore, then ``SEEDREAM_DATA_DIR``); ``history --data-dir`` is
told where it is and reads no settings. The commands are spawned as fresh processes in turn,
several times, after one untimed run each (page cache); time is spawn to exit, memory the
child's peak RSS. Prints medians and the ratios; there is no pass or fail.

    .venv/bin/python benchmarks/bench_cli.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_library import build  # noqa: E402 (after the path)
from seedream_desktop.core.library import LibraryPaths  # noqa: E402

LIBRARIES = (50, 10_000)  # jobs
PER_JOB = 4


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_rss: int  # bytes


def run_once(command: Sequence[str], env: dict[str, str]) -> Run:
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}")
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Run(seconds, peak)


def measure(commands: dict[str, list[str]], env: dict[str, str], repeats: int) -> dict[str, Run]:
    """Median time and median peak RSS of each command, run in turn under the same load."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for command in commands.values():
        run_once(command, env)
    for _ in range(repeats):
        for name, command in commands.items():
            runs[name].append(run_once(command, env))
    return {
        name: Run(
            statistics.median(r.seconds for r in done),
            int(statistics.median(r.peak_rss for r in done)),
        )
        for name, done in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        env = {**os.environ, "XDG_CONFIG_HOME": str(Path(tmp) / "config")}  # default settings
        lines = []
        for jobs in LIBRARIES:
            data = Path(tmp) / f"data-{jobs}"
            build(LibraryPaths.in_data_dir(data), jobs=jobs, per_job=PER_JOB)
            history = [sys.executable, "-m", "seedream_desktop", "history", "--json"]
            commands = {
                "history --json": history,
                "history --json --data-dir": [*history, "--data-dir", str(data)],
                "python -c pass": [sys.executable, "-c", "pass"],
            }
            found = measure(commands, {**env, "SEEDREAM_DATA_DIR": str(data)}, args.repeats)
            bare = found["python -c pass"]
            print(f"{jobs:,} jobs, {args.repeats} runs each, medians:")
            for name, run in found.items():
                print(f"  {name:<26} {run.seconds:.3f} s  {run.peak_rss / 2**20:.0f} MiB peak RSS")
            lines += [
                f"{name} ({jobs:,}-job library): {run.seconds:.3f} s / "
                f"{run.peak_rss / 2**20:.0f} MiB, python -c pass {bare.seconds:.3f} s / "
                f"{bare.peak_rss / 2**20:.0f} MiB, ratio {run.seconds / bare.seconds:.1f}×"
                for name, run in found.items()
                if run is not bare
            ]
        print("\n".join(lines))


if __name__ == "__main__":
    main()

"""One holder per job lock; released locks free the job and leave no file behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from seedream_desktop.core.library.job_locks import JobLocks


def test_a_job_held_by_one_holder_is_refused_to_another_until_released(tmp_path: Path) -> None:
    first, second = JobLocks(tmp_path), JobLocks(tmp_path)
    assert first.claim(7)
    assert first.claim(7)  # holding it already
    assert not second.claim(7)
    assert second.claim(8)  # other jobs are free

    first.release(7)
    assert not (tmp_path / "job-7.lock").exists()
    assert second.claim(7)
    second.release_all()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_lock_held_by_a_killed_process_is_free_at_once(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from seedream_desktop.core.library.job_locks import JobLocks\n"
            f"assert JobLocks(Path({str(tmp_path)!r})).claim(3)\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert not JobLocks(tmp_path).claim(3)
    finally:
        holder.kill()
        holder.wait(10)
    # SIGKILL left the file behind; the kernel let go of its lock all the same.
    assert (tmp_path / "job-3.lock").exists()
    after = JobLocks(tmp_path)
    assert after.claim(3)
    after.release_all()

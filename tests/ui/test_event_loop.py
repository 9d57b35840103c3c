"""A closed qasync loop leaves no Qt timer pointing at freed memory.

The crash that held back deleting closed windows: a test's loop closed with a cancelled
``asyncio.timeout`` deadline still registered as a Qt timer, the garbage collector freed the
loop's timer object on a worker thread, and the deadline later fired into freed memory
(``QTimerInfoList::activateTimers``). Run in a child process, since the failure is a segfault.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = """
import asyncio, gc, sys, threading
import qasync
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from seedream_desktop.ui.event_loop import ClosingEventLoop

app = QApplication([])
DEADLINE = 1.5
make = {"closing": ClosingEventLoop, "plain": qasync.QEventLoop}[sys.argv[1]]

async def answer_before_the_deadline():
    # The deadline becomes a Qt timer, cancelled on exit; far enough off that a loaded machine
    # still answers before it (at 0.3 s a busy CI run once timed out here instead).
    async with asyncio.timeout(DEADLINE):
        await asyncio.sleep(0)

loop = make(app)
loop.run_until_complete(answer_before_the_deadline())
loop.close()
held = [loop]
del loop

def collect_elsewhere():  # what the cyclic GC does when a worker thread allocates
    held.clear()
    gc.collect()

worker = threading.Thread(target=collect_elsewhere)
worker.start()
worker.join()
wait = QEventLoop()
QTimer.singleShot(int(DEADLINE * 1000) + 400, wait.quit)  # past the old deadline
wait.exec()
print("alive")
"""


def run(kind: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", SCRIPT, kind],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_closed_loop_collected_on_a_worker_thread_leaves_no_timer_behind() -> None:
    result = run("closing")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "alive"
    assert "Timers cannot be stopped" not in result.stderr


@pytest.mark.parametrize("kind", ["plain"])
def test_the_plain_qasync_loop_does_crash_that_way(kind: str) -> None:
    """The reproduction itself: without the fix the process dies of SIGSEGV."""
    result = run(kind)
    assert result.returncode != 0
    assert "Timers cannot be stopped from another thread" in result.stderr

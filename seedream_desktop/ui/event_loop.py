"""A qasync event loop that takes its Qt timers with it when it closes.

qasync schedules every asyncio callback (``call_soon``, ``call_later``, the deadline of an
``asyncio.timeout``) as a Qt timer on one parentless ``QObject`` per loop. A cancelled callback
keeps its Qt timer until that fires, and ``close()`` only sets a flag, so a closed loop leaves
live timers behind on that object. Its C++ side is deleted whenever Python collects the loop,
and the cyclic garbage collector runs on whichever thread happens to allocate: a worker thread
(the emulator's server, an executor) deletes it there, Qt cannot unregister timers from another
thread ("QObject::~QObject: Timers cannot be stopped from another thread"), and when the timer
comes due ``QTimerInfoList::activateTimers`` delivers it to freed memory.

Here ``close()`` deletes that object at once, on the GUI thread, which unregisters its timers.
"""

from __future__ import annotations

import qasync
import shiboken6


class ClosingEventLoop(qasync.QEventLoop):
    def close(self) -> None:
        was_closed = self.is_closed()
        super().close()
        timer = self._timer
        if not was_closed and shiboken6.isValid(timer):
            shiboken6.delete(timer)

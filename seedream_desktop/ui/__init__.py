"""The desktop front end. How its Qt objects live and die (follow these in every widget):

Ownership
- Every widget, timer and helper QObject is created with a parent (``QTimer(self)``,
  ``QMenu(self)``, ``Dialog(..., window)``) or held by exactly one Python owner that deletes it.
  Python-owned parentless QObjects are the danger: the garbage collector may free them on any
  thread, and Qt cannot stop timers from another thread.
- The main window is owned by ``AppSession``; panels, the grid, viewers and dialogs are its
  children.

Closing = freed
- A viewer, dialog, message box or context menu is deleted once it is done:
  ``finished.connect(x.deleteLater)`` for dialogs and viewers, ``aboutToHide`` for menus (Qt
  triggers the chosen action after the menu hides, so the deletion is deferred). A closed viewer
  must not keep its decoded full-size pixmaps alive.
- Before a widget goes, whatever may still call it stops: its worker-thread decodes
  (``DecodePool.shutdown()`` in ``done``/``closeEvent`` waits for running ones, so no queued
  result targets a freed receiver: the viewer's full-size decodes, the grid's thumbnails and the
  main window's copy decoder, whose copy still decoding at close is dropped), threads it started
  (``ExportThread`` is cancelled and waited for in ``done``), and asyncio tasks started for it
  (a ``TaskSet`` cancelled from ``destroyed`` or on close; never a bare ``ensure_future``
  nobody keeps).
- Timers belong to the object they serve (``QTimer(self)``, ``QTimer.singleShot(ms, self, f)``
  with a context object), so they die with it.

The event loop
- One qasync loop, ``event_loop.ClosingEventLoop``: qasync keeps each asyncio callback as a Qt
  timer on one parentless QObject and leaves cancelled ones registered; closing the loop
  deletes that object on the GUI thread so no timer outlives it (this was the segfault in
  ``QTimerInfoList::activateTimers``). Tests use the same loop class.

Qt messages
- ``core.qt_messages.route_messages_to_logging`` (called first in ``launch``) routes Qt's
  messages and libpng's stderr into ``logging``; the tests fail on the kinds listed in
  ``tests/support/fixtures.py`` (``SERIOUS_QT_MESSAGES``, with the reasons).
"""

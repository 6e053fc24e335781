"""A time budget for one call, in any thread: clean(page, timeout=...) and Dask's clean_bag use it.

Threads cannot be killed, so when the budget runs out a timer thread raises an exception in the
working thread (PyThreadState_SetAsyncExc), which Python delivers at that thread's next function
call or loop step. Three consequences, each handled here:

  - A long call into C (lxml parsing a huge page, one regex over megabytes) finishes first, so
    the call overshoots its budget by the longest such step.
  - If the exception lands in a garbage-collector callback or a __del__, Python prints it as
    "Exception ignored" and drops it; the timer raises it again every 50 ms until the call stops.
  - A raise could still be pending, or on its way, when the call ends; the timer is disarmed by
    a plain attribute store (no point where Python delivers an exception), then the thread waits
    out a raise in flight under the timer's lock and absorbs what lands meanwhile (at most two:
    one pending, one in flight), and joins the timer. Nothing stray is left behind: no pending
    exception, no timer thread.

The exception raised into the thread is a BaseException subclass made for each call, so that the
`except Exception` of trafilatura or of our own catch-all cannot swallow it; the caller sees
PageTimeout. Budgets do not nest in one thread (_within_a_budget says why), and on CPython 3.11
work that starts threads of its own can lose one to a raise meant for it (the same cause).
"""

from __future__ import annotations

import ctypes
import math
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

from cleaner.errors import PageTimeout

T = TypeVar("T")
RETRY = 0.05  # seconds between raises, while a raise was dropped and the call goes on


class _OutOfTime(BaseException):
    """Raised into the working thread; never seen outside this module."""


def call_within(seconds: float | None, work: Callable[[], T]) -> T:
    """work(), or PageTimeout when it runs longer than `seconds`; None means no limit."""
    if seconds is None:
        return work()
    if not (seconds > 0 and math.isfinite(seconds)):
        raise ValueError(f"a time budget must be a positive number of seconds, not {seconds!r}")
    if _within_a_budget(sys._getframe(1)):
        raise ValueError("time budgets do not nest: this thread is already within one")
    return _call_timed(seconds, work)


def _call_timed(seconds: float, work: Callable[[], T]) -> T:
    timer = _Timer(seconds)
    out_of_time = False
    try:
        timer.thread.start()  # inside the try: with a tiny budget the raise can land while it starts
        return work()
    except timer.stop:
        out_of_time = True
    finally:
        timer.armed = False  # an attribute store: from here on, the timer raises nothing new
        try:
            timer.settle()
        except timer.stop:  # the raise that was pending
            try:
                timer.settle()
            except timer.stop:  # the raise that was in flight; none can follow it
                timer.settle()
        if timer.thread.ident is not None:  # unless it could not even start
            timer.thread.join()
    assert out_of_time  # the try returned otherwise
    raise PageTimeout(f"cleaning took longer than {seconds:g} s", seconds=seconds)


def _within_a_budget(frame: FrameType | None) -> bool:
    """True when a budget is running on this thread's stack (a _call_timed() frame).

    Nesting is refused because on CPython 3.11 a thread being started carries the id of the
    thread starting it until it runs, and a raise for that id can land in it instead: an outer
    budget running out while an inner one starts its timer would kill that timer at birth.
    """
    while frame is not None:
        if frame.f_code is _call_timed.__code__:
            return True
        frame = frame.f_back
    return False


class _Timer:
    """Raises `stop` in the thread that made it, `seconds` after its own thread starts, until disarmed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.stop: type[_OutOfTime] = type("_OutOfTime", (_OutOfTime,), {})
        self.armed = True
        self._target = ctypes.c_ulong(threading.get_ident())
        self._lock = threading.Lock()  # held while a raise is decided and made
        self._done = threading.Event()
        self.thread = threading.Thread(target=self._run, name="cleaner-time-budget", daemon=True)

    def _run(self) -> None:
        if self._done.wait(self.seconds):
            return
        while True:
            with self._lock:
                if not self.armed:
                    return
                _raise_in(self._target, self.stop)
            if self._done.wait(RETRY):
                return

    def settle(self) -> None:
        """After disarming: wait out a raise in flight, clear one pending, let the timer thread end.

        A raise that lands while this runs propagates; the caller calls settle() again.
        """
        with self._lock:
            pass
        _raise_in(self._target, None)
        self._done.set()


def _raise_in(thread: ctypes.c_ulong, exception: type[BaseException] | None) -> None:
    """Make `exception` pending in `thread`; None clears one pending."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(exception) if exception else None)

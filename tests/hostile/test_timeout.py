"""clean(page, timeout=...): a page that really takes long is stopped within its budget plus a
small margin, in the main thread or any other; a page under its budget is untouched; and the
thread is left clean: no timer thread, no exception still pending for later."""

from __future__ import annotations

import pickle
import random
import sys
import threading
import time

import pytest

from cleaner import DecodeError, PageTimeout, clean
from cleaner.budget import call_within
from tests.test_api import ARTICLE_HTML

# 20,000 paragraphs of prose (about 1.4 MB): the pipeline needs about 5 s for it on a quiet
# machine, and no single step of it runs long in C, so a budget stops it promptly.
SLOW_PAGE = "<html><body>" + "<div><p>Some sentence of prose that goes on, with words.</p></div>\n" * 20_000
MARGIN = 1.0  # measured overshoot is 20-90 ms; the rest is for a machine shared with other work


def busy(seconds: float) -> int:
    """Python steps for `seconds`: a raise still pending or on its way would land here."""
    steps = 0
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        steps += 1
    return steps


def timers() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "cleaner-time-budget"]


def stopped_in_time(budget: float) -> float:
    """Seconds that clean(SLOW_PAGE, timeout=budget) took to raise PageTimeout."""
    started = time.perf_counter()
    with pytest.raises(PageTimeout, match=f"cleaning took longer than {budget:g} s") as caught:
        clean(SLOW_PAGE, timeout=budget)
    took = time.perf_counter() - started
    assert caught.value.seconds == budget
    return took


# An expiry that lands in a garbage-collector callback is reported by Python as unraisable and
# dropped (the timer raises again); pytest would turn that report into an error of the test.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_slow_page_is_stopped_within_its_budget_and_the_thread_is_left_clean() -> None:
    took = stopped_in_time(0.5)
    assert 0.5 <= took < 0.5 + MARGIN
    assert not timers()  # the timer thread has ended
    busy(0.3)  # six retry periods: nothing stray lands
    assert "The two foreign ministers" in clean(ARTICLE_HTML).text


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_slow_page_is_stopped_in_a_worker_thread_too() -> None:
    outcome: list[float | BaseException] = []

    def work() -> None:
        try:
            outcome.append(stopped_in_time(0.5))
            busy(0.3)
            outcome.append(len(clean(ARTICLE_HTML).text))
        except BaseException as error:  # anything stray must reach the assertion below
            outcome.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    took, length = outcome
    assert isinstance(took, float) and took < 0.5 + MARGIN
    assert isinstance(length, int) and length > 100


def test_a_page_under_its_budget_is_unaffected_and_its_errors_pass_through() -> None:
    assert clean(ARTICLE_HTML, timeout=60).to_dict(explain=True) == clean(ARTICLE_HTML).to_dict(explain=True)
    with pytest.raises(DecodeError):
        clean(b"%PDF-1.7 binary", timeout=60)
    assert not timers()


def test_budgets_that_run_out_just_as_the_work_ends_leave_nothing_behind() -> None:
    """The race the cleanup guards against: expiry at the very end of the call, hundreds of times."""
    rng = random.Random(7)
    stopped = 0
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns a thousand times as often: more interleavings
    try:
        for _ in range(300):
            budget = rng.uniform(0.001, 0.002)
            try:  # the work ends within 10% of its budget, either side
                call_within(budget, lambda: busy(budget * rng.uniform(0.9, 1.1)))  # noqa: B023
            except PageTimeout:
                stopped += 1
            busy(0.001)
        busy(0.1)
    finally:
        sys.setswitchinterval(switch)
    assert 0 < stopped < 300  # both endings happened
    assert not timers()


@pytest.mark.parametrize("seconds", [0, -1, float("nan"), float("inf")])
def test_a_budget_must_be_a_positive_number_of_seconds(seconds: float) -> None:
    with pytest.raises(ValueError, match="positive number of seconds"):
        clean(ARTICLE_HTML, timeout=seconds)


def test_budgets_do_not_nest_in_one_thread() -> None:
    with pytest.raises(ValueError, match="do not nest"):
        call_within(5, lambda: clean(ARTICLE_HTML, timeout=1))
    assert call_within(None, lambda: len(clean(ARTICLE_HTML, timeout=5).text)) > 100


def test_page_timeout_survives_a_trip_between_processes() -> None:
    error = pickle.loads(pickle.dumps(PageTimeout("cleaning took longer than 2 s", seconds=2.0)))
    assert (str(error), error.seconds) == ("cleaning took longer than 2 s", 2.0)

"""core/limits.py: render slots shared by forked workers, freed when a holder dies."""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager

import pytest

from core.limits import Busy, RenderSlots, run_politely


@contextmanager
def held_by_another_process(slots: RenderSlots):
    """A forked child (as a gunicorn worker is) takes one slot and waits.

    Yields the child's pid; the child is killed with SIGKILL afterwards, as
    gunicorn kills a worker past its timeout.
    """
    ready_read, ready_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            with slots.slot():
                os.write(ready_write, b"x")
                signal.pause()
        finally:
            os._exit(0)
    try:
        assert os.read(ready_read, 1) == b"x"
        yield pid
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(ready_read)
        os.close(ready_write)


def test_a_free_slot_is_taken_and_given_back():
    slots = RenderSlots(1)
    with slots.slot() as number:
        assert number == 0
    with slots.slot() as number:
        assert number == 0


def test_a_slot_held_by_another_worker_makes_this_one_busy_after_a_moment():
    slots = RenderSlots(1, queue=1, wait=0.2, retry_after=3)
    with held_by_another_process(slots):
        began = time.monotonic()
        with pytest.raises(Busy) as caught, slots.slot():
            pass
        waited = time.monotonic() - began
        assert caught.value.retry_after == 3
    assert 0.2 <= waited < 1.0


def test_with_the_queue_full_a_request_is_refused_at_once():
    slots = RenderSlots(1, queue=1, wait=5)
    waiter = threading.Thread(target=lambda: hold(slots, 0))
    with held_by_another_process(slots):
        waiter.start()  # takes the queue's one place, waiting for the slot
        time.sleep(0.2)
        began = time.monotonic()
        with pytest.raises(Busy), slots.slot():
            pass
        assert time.monotonic() - began < 0.5
    waiter.join()  # the slot came free when the other worker died: it got it


def test_a_slot_given_back_while_waiting_is_taken():
    slots = RenderSlots(1, wait=5)
    holder = threading.Thread(target=lambda: hold(slots, 0.3))
    holder.start()
    time.sleep(0.1)
    began = time.monotonic()
    with slots.slot() as number:
        assert number == 0
    assert time.monotonic() - began < 2
    holder.join()


def hold(slots: RenderSlots, seconds: float) -> None:
    try:
        with slots.slot():
            time.sleep(seconds)
    except Busy:
        pass


def test_a_second_slot_is_free_while_one_is_held():
    slots = RenderSlots(2, queue=0)
    with held_by_another_process(slots), slots.slot() as number:
        assert number == 1


def test_a_worker_killed_while_rendering_frees_its_slot():
    slots = RenderSlots(1, queue=0)
    with held_by_another_process(slots):
        with pytest.raises(Busy), slots.slot():
            pass
    # The child was killed with SIGKILL: no clean-up ran, the kernel released it.
    with slots.slot() as number:
        assert number == 0


def test_threads_of_one_worker_are_kept_apart():
    slots = RenderSlots(1, queue=0)
    inside, leave = threading.Event(), threading.Event()

    def render():
        with slots.slot():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=render)
    thread.start()
    try:
        assert inside.wait(5)
        with pytest.raises(Busy), slots.slot():
            pass
    finally:
        leave.set()
        thread.join()


def test_no_slot_is_no_limit_at_all():
    with pytest.raises(ValueError):
        RenderSlots(0)


# --- run_politely: the render's thread at a lower priority --------------------------


def _own_niceness() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_the_work_runs_ten_steps_nicer_and_the_caller_is_untouched():
    before = _own_niceness()
    seen = run_politely(lambda: (threading.get_native_id(), _own_niceness()))
    thread_id, niceness = seen
    assert thread_id != threading.get_native_id()  # another thread did the work
    assert niceness == min(before + 10, 19)  # 0 → 10; Linux caps nice at 19
    assert _own_niceness() == before


def test_the_answer_and_the_exception_come_back_as_they_were():
    assert run_politely(lambda: b"%PDF-1.7") == b"%PDF-1.7"

    class RenderFailed(Exception):
        pass

    def fail():
        raise RenderFailed("layout")

    with pytest.raises(RenderFailed, match="layout"):
        run_politely(fail)


def test_where_lowering_is_refused_the_work_still_runs(monkeypatch):
    def refuse(*args):
        raise PermissionError("not here")

    monkeypatch.setattr(os, "setpriority", refuse)
    assert run_politely(lambda: 7 * 6) == 42


def test_full_only_when_every_slot_and_queue_place_is_taken():
    slots = RenderSlots(1, queue=1, wait=5)
    assert not slots.full()
    waiter = threading.Thread(target=lambda: hold(slots, 0))
    with held_by_another_process(slots):
        assert not slots.full()  # the slot is taken, the queue's place is not
        waiter.start()
        time.sleep(0.2)
        assert slots.full()
    waiter.join()
    assert not slots.full()
    # A glance takes nothing: the slot is still there to be had.
    with slots.slot() as number:
        assert number == 0

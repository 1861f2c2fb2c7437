"""core/limits.py: render slots shared by forked workers, freed when a holder dies."""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager

import pytest

from core.limits import Busy, RenderSlots


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

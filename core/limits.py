"""A bound on expensive work shared by every worker of one server: render slots.

gunicorn's sync workers each answer one request at a time, so a burst of PDF
letters (about 0.1 s of CPU each, up to 1 s for the largest) can take every
worker and leave the other pages queueing behind them. ``RenderSlots(n)`` lets
at most ``n`` renders run at once across all the workers, and a short queue
of ``queue`` more (one by default) wait for a slot, each at most ``wait``
seconds (half a second: a usual PDF takes a tenth), so two people downloading
at the same moment both get their letter. A request that finds the slots and
the queue full, or waits in vain, is refused with ``Busy`` (a 503 page with
Retry-After, core/errors.py): at most ``n + queue`` workers are ever busy with
PDFs, and the others stay free for every other page.

The slots are byte-range locks (``fcntl.lockf``) on an anonymous in-memory file
(``memfd_create``) made when this module is first imported: in gunicorn's
master with ``preload_app`` (config/wsgi.py imports every view), so the forked
workers share it. Such a lock belongs to the process that holds it and is
released by the kernel when that process dies, so a worker killed in the middle
of a render (gunicorn's timeout) never leaves a slot taken. Nothing touches the
file system. Threads of one process are kept apart by a lock per slot.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class Busy(Exception):
    """Every render slot is taken; try again in ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"busy; retry after {retry_after} s")
        self.retry_after = retry_after


class RenderSlots:
    def __init__(
        self, count: int, *, queue: int = 1, wait: float = 0.5, retry_after: int = 2,
        name: str = "render-slots",
    ) -> None:
        if count < 1:
            raise ValueError("at least one slot")
        self.count = count
        self.queue = queue
        self.wait = wait
        self.retry_after = retry_after
        self._fd = os.memfd_create(name)
        # Locks 0 … count-1 are the render slots, count … count+queue-1 the queue's places.
        self._threads = [threading.Lock() for _ in range(count + queue)]

    def _take(self, numbers: range) -> int | None:
        for number in numbers:
            thread_lock = self._threads[number]
            if not thread_lock.acquire(blocking=False):
                continue
            try:
                fcntl.lockf(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, number)
            except OSError:  # another process holds it
                thread_lock.release()
                continue
            return number
        return None

    def _give_back(self, number: int) -> None:
        fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, number)
        self._threads[number].release()

    def _wait_in_queue(self) -> int | None:
        place = self._take(range(self.count, self.count + self.queue))
        if place is None:
            return None  # the queue is full too
        try:
            deadline = time.monotonic() + self.wait
            while time.monotonic() < deadline:
                time.sleep(0.02)
                number = self._take(range(self.count))
                if number is not None:
                    return number
            return None
        finally:
            self._give_back(place)

    def full(self) -> bool:
        """Every slot and every place in the queue taken, just now: a request that
        asks for a render can be refused before it does any other work. (Only a
        glance: ``slot()`` decides, since a slot may be freed a moment later.)"""
        number = self._take(range(self.count + self.queue))
        if number is None:
            return True
        self._give_back(number)
        return False

    @contextmanager
    def slot(self) -> Iterator[int]:
        """Hold a render slot for the ``with`` block, or raise ``Busy``."""
        number = self._take(range(self.count))
        if number is None:
            number = self._wait_in_queue()
        if number is None:
            raise Busy(self.retry_after)
        try:
            yield number
        finally:
            self._give_back(number)


# How far below the worker's own priority a render runs (nice 0 → 10): under load
# the scheduler gives the pages' requests the CPU first and the letter the rest.
RENDER_NICENESS = 10


def _lower_own_priority(niceness: int) -> None:
    """Run on the render thread as it starts: ``niceness`` steps lower than now."""
    me = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, me, os.getpriority(os.PRIO_PROCESS, me) + niceness)
    except OSError:  # not allowed here: render at the usual priority
        pass


def run_politely(work: Callable[[], T], *, niceness: int = RENDER_NICENESS) -> T:
    """``work()``'s answer (or its exception), worked out on a thread of its own
    whose scheduling priority is ``niceness`` lower than the worker's.

    On Linux a thread is scheduled on its own, so lowering this thread's priority
    (``setpriority`` on its thread id; any process may lower its own) leaves the
    worker's other threads as they were, and nothing has to raise it back, which
    needs privileges: the thread ends with the work. A PDF letter takes ~0.1 s of
    CPU; without this the other pages' requests would share the CPU with it
    equally and wait several times as long. The caller waits (sync workers
    answer one request at a time), so a render is as fast as before on an idle
    machine."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="polite-render",
                            initializer=_lower_own_priority, initargs=(niceness,)) as pool:
        return pool.submit(work).result()

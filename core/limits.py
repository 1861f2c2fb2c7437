"""A bound on expensive work shared by every worker of one server: render slots.

gunicorn's sync workers each answer one request at a time, so a burst of PDF
letters (about 0.1 s of CPU each, up to 1 s for the largest) can take every
worker and leave the other pages queueing behind them. ``RenderSlots(n)`` lets
at most ``n`` renders run at once across all the workers. A request that finds
every slot taken waits a moment (``wait``, half a second by default: a usual
PDF takes a tenth), then is refused with ``Busy`` (a 503 page with
Retry-After, core/errors.py) rather than holding its worker any longer.

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
from collections.abc import Iterator
from contextlib import contextmanager


class Busy(Exception):
    """Every render slot is taken; try again in ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"busy; retry after {retry_after} s")
        self.retry_after = retry_after


class RenderSlots:
    def __init__(
        self, count: int, *, wait: float = 0.5, retry_after: int = 2, name: str = "render-slots"
    ) -> None:
        if count < 1:
            raise ValueError("at least one slot")
        self.count = count
        self.wait = wait
        self.retry_after = retry_after
        self._fd = os.memfd_create(name)
        self._threads = [threading.Lock() for _ in range(count)]

    def _take(self) -> int | None:
        for number, thread_lock in enumerate(self._threads):
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

    @contextmanager
    def slot(self) -> Iterator[int]:
        """Hold one slot for the ``with`` block, or raise ``Busy`` after ``wait`` seconds."""
        deadline = time.monotonic() + self.wait
        number = self._take()
        while number is None:
            if time.monotonic() >= deadline:
                raise Busy(self.retry_after)
            time.sleep(0.02)
            number = self._take()
        try:
            yield number
        finally:
            self._give_back(number)

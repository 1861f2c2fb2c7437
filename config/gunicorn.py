"""Gunicorn settings used by `make run`, `make serve` and `make bench`.

The access log records the method, the path without its query string (the
figures people type travel in query strings), the status, size and duration.
No client address is logged, and gunicorn's own error log goes through
``config.logging.GunicornLogger``, which removes addresses and query strings.

Timeouts, with the PDF letter in mind: the PDF is the slowest response. Its work
is bounded by construction (a payment table of at most 60 rows, at most 10 other
debts, every text field at most 500 characters, a request body of at most 64 KB):
the largest letter the forms accept renders in under 1 s on one core, a usual one
in about 0.1 s. A worker that is silent for ``timeout`` seconds is killed and
replaced, so 15 s leaves that worst case a wide margin on a loaded machine while a
request that goes wrong, or a client that sends its request too slowly, holds a
worker for 15 s at most. In production, put a buffering proxy in front: sync
workers must not talk to slow clients directly. `make serve` is that shape
(nginx, deploy/).
"""

import gc
import multiprocessing
import os

workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "15"))
graceful_timeout = 10
keepalive = 5
# Request line (path and query: the figures) and headers: small and few.
limit_request_line = 8190
limit_request_fields = 60
limit_request_field_size = 8190
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# gunicorn's own error log names the client's address and, for a malformed
# request, repeats the request line with its query string: this logger class
# scrubs both (config/logging.py).
logger_class = "config.logging.GunicornLogger"
# Load the app once, before forking: the workers share its code and start at once.
preload_app = True
# No runtime control socket: nothing uses it, and two servers (make bench) would
# share its default path.
control_socket_disable = True


def pre_fork(server, worker):
    """In the master, before each worker is forked: move every object loaded so
    far (Django, the views, WeasyPrint: about 110 000) out of the garbage
    collector's reach. They live as long as the worker, yet without this each new
    worker's first full collection walks them all, a pause of about 70 ms, and
    writes to every page that holds them, so the forked copies stop sharing
    memory. Measured on the loan result with new figures, 4 workers, 8 connections:
    collection time 0.40-0.61 → 0.18-0.27 ms a request, no full collection, page
    faults per worker 10 900 → 4 700 (README, Performance)."""
    gc.freeze()

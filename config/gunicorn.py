"""Gunicorn settings used by `make run` and `make bench`.

The access log records the method, the path without its query string (the
figures people type travel in query strings), the status, size and duration.
No client address is logged.
"""

import multiprocessing
import os

workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "sync"
# A PDF letter takes well under a second; 30 s bounds any request that goes wrong.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 5
limit_request_line = 8190
limit_request_fields = 60
limit_request_field_size = 8190
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# Load the app once, before forking: the cached articles and templates are shared.
preload_app = True

"""The site under a real gunicorn (config/gunicorn.py): hostile requests are refused
with the site's own pages, and the logs keep no client address and no query string.

One gunicorn, one worker, its stdout and stderr in files the tests read.
"""

from __future__ import annotations

import gc
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from config import gunicorn as gunicorn_config
from config.logging import NoClientDetailsFilter, scrub
from config.tests.test_settings import clean_environ

BASE_DIR = Path(settings.BASE_DIR)
FIGURE = "73519"  # a principal that appears nowhere else


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def exchange(port: int, raw: bytes) -> bytes:
    """Send ``raw``, return everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(raw)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    return received


class Gunicorn:
    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.stdout = directory / "stdout.log"
        self.stderr = directory / "stderr.log"
        gunicorn = Path(sys.executable).parent / "gunicorn"
        with self.stdout.open("wb") as out, self.stderr.open("wb") as err:
            self.process = subprocess.Popen(
                [str(gunicorn), "--config", "config/gunicorn.py", "--workers", "1",
                 "--bind", f"127.0.0.1:{self.port}", "config.wsgi"],
                cwd=BASE_DIR, stdout=out, stderr=err,
                env=clean_environ(DJANGO_SETTINGS_MODULE="config.settings.test"),
            )

    def logs(self) -> str:
        time.sleep(0.3)  # let the worker flush its last lines
        return self.stdout.read_text(errors="replace") + self.stderr.read_text(errors="replace")

    def error_lines(self) -> int:
        return len(self.stderr.read_text(errors="replace").splitlines())


def answers(port: int) -> bool:
    try:
        return b" 200 " in exchange(port, b"GET /en/ HTTP/1.0\r\nHost: localhost\r\n\r\n")[:20]
    except OSError:
        return False


@contextmanager
def running_gunicorn(directory: Path):
    """The site under gunicorn (config/gunicorn.py, one worker), until the block ends."""
    site = Gunicorn(directory)
    try:
        deadline = time.monotonic() + 30
        while not answers(site.port):
            if time.monotonic() > deadline or site.process.poll() is not None:
                pytest.fail("gunicorn did not start:\n" + site.logs())
            time.sleep(0.2)
        yield site
    finally:
        site.process.terminate()
        site.process.wait(timeout=15)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_gunicorn(tmp_path_factory.mktemp("gunicorn")) as site:
        yield site


def gbk_post(path: str) -> bytes:
    body = b"full_name=%D5%C5%C8%FD&principal=" + FIGURE.encode()
    return (
        f"POST {path} HTTP/1.1\r\nHost: localhost\r\n"
        "Content-Type: application/x-www-form-urlencoded; charset=gbk\r\n"
        f"Content-Length: {len(body)}\r\nCookie: csrftoken={'a' * 32}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + body


@pytest.mark.parametrize(("path", "status"), [
    ("/zh-hans/", b"400"), ("/en/calculator/letter/", b"400"), ("/en/no-such-page/", b"404"),
])
def test_a_gbk_form_gets_the_sites_own_page_with_its_headers_and_one_log_line(
    server, path, status
):
    before = server.error_lines()
    answer = exchange(server.port, gbk_post(path))
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 " + status), head[:100]
    assert b"Content-Security-Policy:" in head
    assert b"X-Content-Type-Options: nosniff" in head
    assert b'class="site-nav"' in body
    # Was ~570 lines (three tracebacks nested). Now Django's one warning.
    assert server.error_lines() - before <= 1, server.logs()[-3000:]


MALFORMED = [
    # (request, what gunicorn answers)
    (f"GET /zh-hans/calculator/loan/?principal={FIGURE} HTTP/1.1 extra\r\nHost: x\r\n\r\n", b"400"),
    (f"GET /zh-hans/calculator/loan/?principal={FIGURE}\x01 HTTP/1.1\r\nHost: x\r\n\r\n", b"400"),
    (f"GET /zh-hans/calculator/loan/?principal={FIGURE} HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", b"400"),
    (f"G\x00T /zh-hans/calculator/loan/?principal={FIGURE} HTTP/1.1\r\nHost: x\r\n\r\n", b"400"),
    (f"GET /zh-hans/calculator/loan/?principal={FIGURE} HTTP/1.1\r\nHost: x\r\n"
     "Expect: 100-banana\r\n\r\n", b"417"),
    (f"POST /zh-hans/calculator/letter/?principal={FIGURE} HTTP/1.1\r\nHost: x\r\n"
     "Content-Length: 5\r\nContent-Length: 6\r\n\r\nabcde", b"400"),
    (f"GET /zh-hans/calculator/loan/?principal={FIGURE}{'9' * 9000} HTTP/1.1\r\nHost: x\r\n\r\n",
     b"414"),
]


def test_malformed_requests_leave_no_address_and_no_figures_in_the_logs(server):
    for request, status in MALFORMED:
        answer = exchange(server.port, request.encode("latin-1"))
        assert answer.split(b"\r\n", 1)[0].split()[1] == status, (request[:60], answer[:80])
    logs = server.logs()
    assert logs.count("Invalid request from ip=-") >= len(MALFORMED) - 1, logs
    assert FIGURE not in logs
    assert "principal" not in logs
    warnings = [line for line in logs.splitlines() if "[WARNING]" in line or "[ERROR]" in line]
    assert warnings
    assert not [line for line in warnings if "127.0.0.1" in line]


def test_the_access_log_has_paths_without_queries(server):
    request = f"GET /en/guidance/faq/?principal={FIGURE} HTTP/1.0\r\nHost: localhost\r\n\r\n"
    assert b" 200 " in exchange(server.port, request.encode())[:20]
    logs = server.logs()
    assert '"GET /en/guidance/faq/" 200' in logs
    assert FIGURE not in logs


# --- the filter itself -----------------------------------------------------------


def test_scrub_removes_queries_and_addresses():
    line = ("Invalid request from ip=203.0.113.9: Invalid HTTP request line: "
            "'GET /zh-hans/calculator/loan/?principal=10000&income=8000 HTTP/1.1'")
    assert scrub(line) == (
        "Invalid request from ip=-: Invalid HTTP request line: "
        "'GET /zh-hans/calculator/loan/ HTTP/1.1'"
    )
    assert scrub("Invalid request from ip=::1: Invalid HTTP method") == (
        "Invalid request from ip=-: Invalid HTTP method"
    )
    assert scrub("peer 10.0.0.7 closed") == "peer - closed"


def test_the_filter_scrubs_arguments_and_tracebacks():
    import logging

    try:
        raise ValueError("bad value in /en/calculator/plan/?monthly_income=8000 from 198.51.100.4")
    except ValueError:
        record = logging.LogRecord(
            "gunicorn.error", logging.ERROR, __file__, 1, "Error handling request %s %s",
            ("GET", "/en/calculator/plan/?monthly_income=8000"), sys.exc_info(),
        )
    assert NoClientDetailsFilter().filter(record) is True
    text = logging.Formatter().format(record)
    assert "8000" not in text and "198.51.100.4" not in text
    assert "Error handling request GET /en/calculator/plan/" in text
    assert "ValueError: bad value in /en/calculator/plan/ from -" in text


def test_gunicorn_uses_the_scrubbing_logger():
    from config import gunicorn

    assert gunicorn.logger_class == "config.logging.GunicornLogger"


def test_the_master_freezes_what_it_loaded_before_forking_a_worker():
    # config/gunicorn.py's pre_fork: the objects loaded before the fork are left out
    # of the workers' garbage collections (gc.freeze).
    gc.unfreeze()
    try:
        gunicorn_config.pre_fork(server=None, worker=None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()

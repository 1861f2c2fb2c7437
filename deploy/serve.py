#!/usr/bin/env python3
"""``make serve``: nginx in front of gunicorn, in the foreground, on one machine.

    deploy/serve.py [--host 127.0.0.1] [--port 8080]

Makes a private run folder (the gunicorn socket, nginx's pid and buffers),
writes ``deploy/nginx.conf.template`` into it with the port and paths, starts
gunicorn (``config/gunicorn.py``) on the unix socket and nginx on
``http://HOST:PORT``, and waits. Ctrl-C (SIGINT) or SIGTERM stops both and
removes the run folder; if either server stops by itself, the other is stopped
too and the exit status is 1.

Environment: ``DJANGO_SETTINGS_MODULE`` (default ``config.settings.dev``, as
``make run``), ``GUNICORN_WORKERS``, ``GUNICORN_TIMEOUT``, ``NGINX_WORKERS``
(default ``auto``: one per core).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
VENV_BIN = Path(sys.executable).parent


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise SystemExit("nginx is not installed: `make serve` installs it (apt-get install nginx)")
    return found


def render(template: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        template = template.replace(f"@@{name}@@", value)
    if "@@" in template:
        raise SystemExit(f"{TEMPLATE.name}: a placeholder was left unfilled")
    return template


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, wait: float = 15) -> None:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(path: Path, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("gunicorn did not start (see its messages above)")
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    options = parser.parse_args()

    nginx = nginx_binary()
    template = TEMPLATE.read_text()
    run_dir = Path(tempfile.mkdtemp(prefix="yuqi-serve-"))
    try:
        # nginx's workers run as an unprivileged user when started by root: they
        # must reach the socket inside this folder, but need not list it.
        run_dir.chmod(0o711)
        socket = run_dir / "gunicorn.sock"
        config = run_dir / "nginx.conf"
        config.write_text(render(template, {
            "HOST": options.host,
            "PORT": str(options.port),
            "RUN_DIR": str(run_dir),
            "SOCKET": str(socket),
            "WORKER_PROCESSES": os.environ.get("NGINX_WORKERS", "auto"),
        }))
    except BaseException:
        shutil.rmtree(run_dir, ignore_errors=True)
        raise

    env = {**os.environ}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    stopping = False

    def on_signal(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    gunicorn = proxy = None
    failed = True
    try:
        # Both in their own session: a Ctrl-C in the terminal reaches this script
        # only, which stops them in order (nginx first, then gunicorn).
        gunicorn = subprocess.Popen(  # noqa: S603 - our own paths
            [str(VENV_BIN / "gunicorn"), "--config", "config/gunicorn.py",
             "--bind", f"unix:{socket}", "config.wsgi"],
            cwd=ROOT, env=env, start_new_session=True,
        )
        wait_for(socket, gunicorn, seconds=60)
        check = subprocess.run([nginx, "-t", "-q", "-e", "stderr", "-c", str(config)])  # noqa: S603
        if check.returncode != 0:
            raise SystemExit("nginx refused its configuration")
        proxy = subprocess.Popen(  # noqa: S603
            [nginx, "-e", "stderr", "-c", str(config)], cwd=run_dir, start_new_session=True
        )
        print(f"Serving on http://{options.host}:{options.port}/ (nginx → gunicorn); "
              "Ctrl-C to stop.", flush=True)
        while not stopping and proxy.poll() is None and gunicorn.poll() is None:
            time.sleep(0.2)
        failed = not stopping
        if failed:
            print("A server stopped by itself; stopping the other.", file=sys.stderr, flush=True)
    finally:
        # nginx: SIGQUIT lets the requests in flight finish; gunicorn: SIGTERM is graceful.
        if proxy is not None:
            stop(proxy, signal.SIGQUIT)
        if gunicorn is not None:
            stop(gunicorn, signal.SIGTERM)
        shutil.rmtree(run_dir, ignore_errors=True)
        print("Stopped.", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

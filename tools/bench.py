#!/usr/bin/env python3
"""``make bench``: every page as users meet it, under gunicorn, against a baseline.

Starts two gunicorn servers on free loopback ports with the same configuration
as ``make run`` (``config/gunicorn.py``, ``config.settings.dev`` after
``collectstatic``): the site, and ``tools/baseline_app.py`` — the same settings,
middleware and template engine serving one view that renders a one-line
template. Then, with wrk at 8 connections (``wrk -t2 -c8``), every request
saying ``Accept-Encoding: gzip, deflate, br`` as a browser does:

1. every page in ``PAGES``, each between two runs of the baseline; each
   page's throughput as a ratio to the baseline's (the mean of the runs just
   before and after it), and its p50 and p99 latency. Every calculator page is measured with new
   figures on every request (the wrk script appends a number no earlier request
   used): nothing is kept, so every result is worked out afresh, as a visitor
   meets it. The article is the same address each time: it is the same for
   everyone and kept (guidance/views.py);
2. the PDF and DOCX letters: the median of 20 POSTs through the server;
3. a burst of PDF letters (8 clients posting back to back, each waiting the
   Retry-After of a 503 as the busy page asks) while wrk measures the loan
   result with new figures: its p99 must stay within the target, the PDFs
   beyond the render slots being refused with a 503 (core/limits.py);
4. the compressed bytes of a first visit to the article, and its 304;
5. (full run only) a 30 s soak at 32 connections over the article and new
   loan results and plans: no error, each worker's memory growing < 10 %.

The machine is shared (other engineers run their tests on it), so absolute
figures are noisy: the ratios, measured minutes apart in one run, are what to
compare. Prints a table, writes it to bench-results/latest.txt, and exits 1 if
a target is missed, naming it. ``--quick`` (2 s per page, no soak) takes under
a minute. Loopback only; every run is bounded (about 3 minutes in full).

Adding a page is one entry in ``PAGES``.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
RESULTS = ROOT / "bench-results" / "latest.txt"

LANG = "zh-hans"
ARTICLE = f"/{LANG}/guidance/grace-and-penalty/"
# calculations.md, "Check": the loan with paid_periods=2 on 2026-05-20.
LOAN_PARAMS = {
    "start_date": "2026-01-15",
    "periods": "6",
    "repayment_day": "10",
    "method": "interest_only",
    "daily_rate": "0.05",
    "penalty_multiplier": "1.5",
    "grace_days": "3",
    "paid_periods": "2",
    "as_of": "2026-05-20",
    "prepayment_fee": "3",
    "principal": "10000",
}
QUICK_PARAMS = {"due_date": "2026-03-10", "as_of": "2026-05-20", "daily_rate": "0.05",
                "penalty_multiplier": "1.5", "grace_days": "3", "overdue_amount": "3000"}
BUDGET_PARAMS = {"monthly_income": "4500", "monthly_expenses": "2800", "savings": "500"}
OFFER_PARAMS = {"offer_periods": "24", "offer_fee_rate": "0.6", "offer_down_payment": "10",
                "available": "1500", "owed": "20000"}
LETTER = f"/{LANG}/calculator/letter/"
LETTER_FIELDS = {
    "option": "installments",
    "full_name": "张三",
    "phone": "138 0013 8000",
    "lender_name": "重庆小米消费金融有限公司",
    "contract_number": "XM-2026-0001",
    "id_last4": "123X",
    "hardship": "job_loss",
    "hardship_detail": "2026年3月公司裁员，至今仍在求职。",
    "ask_penalty_waiver": "on",
}
BASELINE = "/zh-hans/baseline/"
# What a browser accepts: every request pays for the compression a visitor gets.
BROWSER_ENCODINGS = "gzip, deflate, br"


def new_figures(path: str, params: dict[str, str], varied: str) -> str:
    """``path?…&varied=``: the wrk script appends a new number to every request."""
    others = {name: value for name, value in params.items() if name != varied}
    return f"/{LANG}/calculator/{path}?{urlencode(others)}&{varied}="


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # the address; for new figures it ends in "name=" and a number is appended
    ratio_target: float | None  # req/s as a share of the baseline's (issue 14)
    new_figures: bool = True


PAGES = (
    Page("article", ARTICLE, 0.9, new_figures=False),
    Page("loan result", new_figures("loan/", LOAN_PARAMS, "principal"), 0.12),
    Page("quick estimate", new_figures("arrears/", QUICK_PARAMS, "overdue_amount"), None),
    Page("plan", new_figures("plan/", {**LOAN_PARAMS, **BUDGET_PARAMS}, "principal"), 0.10),
    Page("offer", new_figures("offer/", OFFER_PARAMS, "owed"), 0.15),
)
P99_TARGET_MS = 50.0
PDF_TARGET_MS = 150.0
PDF_BURST_CLIENTS = 8
FIRST_VISIT_TARGET_BYTES = 60 * 1024
RSS_GROWTH_TARGET = 0.10


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors and non-2xx/3xx responses


# --- servers -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn master, as `make run` starts it, on a free loopback port."""

    def __init__(self, name: str, app: str, log_dir: Path) -> None:
        self.name = name
        self.port = free_port()
        self.log = (log_dir / f"{name}.log").open("w")
        env = {
            key: value for key, value in os.environ.items()
            if not key.startswith("DJANGO_")
            or key in ("DJANGO_SETTINGS_MODULE", "DJANGO_PDF_RENDERS_AT_ONCE")
        }
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--config", "config/gunicorn.py",
             "--bind", f"{HOST}:{self.port}", app],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def wait_until_ready(self, path: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name}: gunicorn exited; see {self.log.name}")
            try:
                status, _headers, _body = fetch(self.port, path)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"{self.name}: no answer on port {self.port} within {timeout:.0f} s")

    def workers(self) -> list[int]:
        """The worker processes: the children of this gunicorn master."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.process.pid:
                found.append(int(entry.name))
        return sorted(found)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


# --- HTTP ----------------------------------------------------------------------


def fetch(port: int, path: str, *, method: str = "GET", body: bytes | None = None,
          headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request; the body as sent on the wire (not decompressed)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


class _Assets(HTMLParser):
    """The stylesheets and scripts a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "stylesheet" and attributes.get("href"):
            self.urls.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])


def first_visit(port: int, path: str) -> tuple[int, list[tuple[str, int, str, str]]]:
    """Bytes of the page and its CSS/JS as a browser accepting br and gzip gets them."""
    accept = {"Accept-Encoding": "br, gzip"}
    status, headers, html = fetch(port, path, headers=accept)
    if status != 200:
        raise SystemExit(f"first visit: {path} answered {status}")
    parser = _Assets()
    gzipped = headers.get("content-encoding") == "gzip"
    parser.feed((gzip.decompress(html) if gzipped else html).decode())
    rows = [(path, len(html), headers.get("content-encoding", "identity"),
             headers.get("cache-control", ""))]
    for url in parser.urls:
        status, asset_headers, body = fetch(port, url, headers=accept)
        if status != 200:
            raise SystemExit(f"first visit: {url} answered {status}")
        rows.append((url, len(body), asset_headers.get("content-encoding", "identity"),
                     asset_headers.get("cache-control", "")))
    return sum(row[1] for row in rows), rows


def _csrf(port: int) -> tuple[str, str]:
    """A CSRF cookie and token, from the letter form, as a browser gets them."""
    query = urlencode({**LOAN_PARAMS, **BUDGET_PARAMS, "option": "installments"})
    status, headers, body = fetch(port, f"{LETTER}?{query}")
    if status != 200:
        raise SystemExit(f"letter form answered {status}")
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not (cookie and token):
        raise SystemExit("the letter form gave no CSRF cookie or token")
    return cookie.group(1), token.group(1).decode()


def letter_timings(port: int, kind: str, runs: int, warm: int = 8) -> list[float]:
    """Milliseconds for whole POSTs of the letter, from request to last byte."""
    cookie, token = _csrf(port)
    body = urlencode({
        **LOAN_PARAMS, **BUDGET_PARAMS, **LETTER_FIELDS,
        "format": kind, "csrfmiddlewaretoken": token,
    }).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"}
    expected = {"pdf": b"%PDF-", "docx": b"PK"}[kind]
    timings = []
    # Every worker renders its first letter cold; warm them all before timing.
    for _ in range(warm):
        fetch(port, LETTER, method="POST", body=body, headers=headers)
    for _ in range(runs):
        began = time.perf_counter()
        status, _headers, content = fetch(port, LETTER, method="POST", body=body, headers=headers)
        timings.append((time.perf_counter() - began) * 1000)
        if status != 200 or not content.startswith(expected):
            raise SystemExit(f"letter {kind}: status {status}, {content[:80]!r}")
    return timings


def etag_revalidates(port: int, path: str) -> bool:
    _status, headers, _body = fetch(port, path)
    etag = headers.get("etag")
    if not etag:
        return False
    status, _headers, body = fetch(port, path, headers={"If-None-Match": etag})
    return status == 304 and not body


# --- wrk -------------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS_MS[unit]


def wrk(url: str, *, seconds: float, connections: int = 8, script: Path | None = None) -> WrkResult:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--latency", "--timeout", "5s",
               "-H", f"Accept-Encoding: {BROWSER_ENCODINGS}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=int(seconds) + 30
    ).stdout
    # Let the workers finish what the closed connections left queued, so the
    # next measurement starts from an idle server.
    time.sleep(1)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_milliseconds(latency["50"]),
        p99_ms=_milliseconds(latency["99"]),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        errors=errors + (int(non_2xx.group(1)) if non_2xx else 0),
    )


# Each wrk thread counts from its own million, so no figure is sent twice.
_COUNTER = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("first", threads * 1000000)
end
function init(args)
  n = first
end
"""

NEW_FIGURES_SCRIPT = _COUNTER + """
request = function()
  n = n + 1
  return wrk.format("GET", "%s" .. n)
end
"""

# The soak: the article, and new figures for the loan result and the plan.
MIX_SCRIPT = _COUNTER + """
request = function()
  n = n + 1
  if n %% 3 == 0 then
    return wrk.format("GET", "%s")
  elseif n %% 3 == 1 then
    return wrk.format("GET", "%s" .. n)
  end
  return wrk.format("GET", "%s" .. n)
end
"""


def measure(server: Server, page: Page, seconds: float, directory: Path) -> WrkResult:
    if not page.new_figures:
        return wrk(server.url(page.path), seconds=seconds)
    script = directory / f"new-{page.name.replace(' ', '-')}.lua"
    script.write_text(NEW_FIGURES_SCRIPT % page.path)
    return wrk(server.url("/"), seconds=seconds, script=script)


def check_page(port: int, page: Page) -> None:
    """Stop at once if the page does not show a result: a benchmark of an error
    page would measure nothing useful."""
    path = page.path + ("12345" if page.new_figures else "")
    status, _headers, body = fetch(port, path)
    if status != 200:
        raise SystemExit(f"{page.name}: {path} answered {status}")
    if page.new_figures and b'data-figure="' not in body:
        raise SystemExit(f"{page.name}: {path} shows no result")


def pdf_burst(port: int, stop: threading.Event) -> dict[int, int]:
    """PDF letters posted back to back by PDF_BURST_CLIENTS clients until ``stop``:
    eight people asking for a letter at the same moment, each asking again as soon
    as one comes, and, when refused with the busy page, pressing again after the
    Retry-After seconds it names (a client that ignores it is an attack, which the
    slots bound: core/limits.py)."""
    cookie, token = _csrf(port)
    body = urlencode({**LOAN_PARAMS, **BUDGET_PARAMS, **LETTER_FIELDS, "format": "pdf",
                      "csrfmiddlewaretoken": token}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"}
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def client() -> None:
        while not stop.is_set():
            try:
                status, answer_headers, _content = fetch(port, LETTER, method="POST", body=body,
                                                         headers=headers)
            except OSError:
                status, answer_headers = 0, {}
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
            if status == 503:
                # As a person does: the busy page says to press again in Retry-After seconds.
                stop.wait(float(answer_headers.get("retry-after", "2")))

    threads = [threading.Thread(target=client, daemon=True) for _ in range(PDF_BURST_CLIENTS)]
    for thread in threads:
        thread.start()
    stop.wait()
    for thread in threads:
        thread.join(timeout=30)
    return statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 s per page, no soak")
    options = parser.parse_args()
    seconds, letter_runs = (2, 8) if options.quick else (8, 20)

    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        raise SystemExit("No static manifest: run `make static` (or `make bench`) first.")

    lines: list[str] = []
    missed: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    def check(result: WrkResult, name: str, ratio: float | None, goal: float | None) -> str:
        verdicts = []
        if goal is not None:
            verdicts.append(f"≥ {goal}×")
            if ratio < goal:
                missed.append(f"{name}: {ratio:.2f}× the baseline, target ≥ {goal}×")
        verdicts.append(f"p99 ≤ {P99_TARGET_MS:.0f} ms")
        if result.p99_ms > P99_TARGET_MS:
            missed.append(f"{name}: p99 {result.p99_ms:.1f} ms, target ≤ {P99_TARGET_MS:.0f} ms")
        if result.errors:
            missed.append(f"{name}: {result.errors} errors")
        ok = not (goal is not None and ratio < goal) and result.p99_ms <= P99_TARGET_MS
        return f"{', '.join(verdicts)} {'ok' if ok and not result.errors else 'MISSED'}"

    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        directory = Path(temp)
        site = Server("site", "config.wsgi", directory)
        baseline = Server("baseline", "tools.baseline_app:application", directory)
        try:
            site.wait_until_ready(ARTICLE)
            baseline.wait_until_ready(BASELINE)
            pages = list(PAGES)
            for page in pages:
                check_page(site.port, page)

            load = os.getloadavg()[0]
            # gunicorn forks its workers one after another: count them once all are up.
            configured = int(os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) * 2))
            deadline = time.monotonic() + 10
            while len(site.workers()) < configured and time.monotonic() < deadline:
                time.sleep(0.1)
            say(f"# make bench — {time.strftime('%Y-%m-%d %H:%M')} — {os.cpu_count()} CPUs "
                f"(load {load:.1f} before the run), {len(site.workers())} gunicorn workers "
                f"each, wrk -t2 -c8 -d{seconds}s")
            say()
            # Warm every worker (templates, the kept article) before measuring.
            for number in range(12):
                fetch(baseline.port, BASELINE)
                for page in pages:
                    fetch(site.port, page.path + (str(number) if page.new_figures else ""))
            # Each page between two runs of the baseline: its ratio is to their mean,
            # so a machine whose load changes during the run (a shared one) skews
            # it as little as possible.
            baselines = [wrk(baseline.url(BASELINE), seconds=seconds)]
            results = {}
            for page in pages:
                results[page.name] = measure(site, page, seconds, directory)
                baselines.append(wrk(baseline.url(BASELINE), seconds=seconds))
            rates = [run.requests_per_second for run in baselines]
            base_rps = statistics.mean(rates)
            base = WrkResult(base_rps, max(run.p50_ms for run in baselines),
                             max(run.p99_ms for run in baselines),
                             sum(run.requests for run in baselines),
                             sum(run.errors for run in baselines))

            say(f"{'page':<34} {'req/s':>7} {'× base':>7} {'p50 ms':>7} {'p99 ms':>7}  target")
            say(f"{'baseline (one-line template)':<34} {base_rps:>7.0f} {1:>6.2f}× "
                f"{base.p50_ms:>7.1f} {base.p99_ms:>7.1f}  {check(base, 'baseline', None, None)}")
            for number, page in enumerate(pages):
                result = results[page.name]
                ratio = result.requests_per_second / statistics.mean(rates[number:number + 2])
                label = page.name + (", new figures" if page.new_figures else "")
                say(f"{label:<34} {result.requests_per_second:>7.0f} {ratio:>6.2f}× "
                    f"{result.p50_ms:>7.1f} {result.p99_ms:>7.1f}  "
                    f"{check(result, label, ratio, page.ratio_target)}")
            say("(baseline req/s around the pages: " + ", ".join(f"{rate:.0f}" for rate in rates)
                + "; each ratio is to the two runs around its page)")
            say()

            for kind in ("pdf", "docx"):
                timings = letter_timings(site.port, kind, letter_runs, 4 if options.quick else 8)
                median = statistics.median(timings)
                verdict = ""
                if kind == "pdf":
                    ok = median <= PDF_TARGET_MS
                    verdict = f"  target ≤ {PDF_TARGET_MS:.0f} ms {'ok' if ok else 'MISSED'}"
                    if not ok:
                        missed.append(f"PDF letter: median {median:.0f} ms, "
                                      f"target ≤ {PDF_TARGET_MS:.0f} ms")
                say(f"letter {kind:<5} median {median:6.1f} ms, max {max(timings):6.1f} ms "
                    f"({letter_runs} POSTs){verdict}")

            loan = next(page for page in pages if page.name == "loan result")
            stop = threading.Event()
            statuses: dict[int, int] = {}
            burst = threading.Thread(
                target=lambda: statuses.update(pdf_burst(site.port, stop)), daemon=True
            )
            burst.start()
            time.sleep(0.5)
            during = measure(site, loan, seconds, directory)
            stop.set()
            burst.join(timeout=60)
            label = f"loan result during a PDF burst ({PDF_BURST_CLIENTS} clients)"
            say(f"{label}: {during.requests_per_second:.0f} req/s, p50 {during.p50_ms:.1f} ms, "
                f"p99 {during.p99_ms:.1f} ms  {check(during, label, None, None)}")
            made, refused = statuses.get(200, 0), statuses.get(503, 0)
            other = sum(n for status, n in statuses.items() if status not in (200, 503))
            say(f"  PDFs meanwhile: {made} made, {refused} refused with 503 + Retry-After"
                f"{f', {other} other answers' if other else ''}")
            if other:
                missed.append(f"PDF burst: {other} answers neither 200 nor 503")
            say()

            total, rows = first_visit(site.port, ARTICLE)
            say(f"first visit to {ARTICLE} (Accept-Encoding: br, gzip):")
            for url, size, encoding, cache in rows:
                say(f"  {size:>7,} B  {encoding:<8} {url}  [{cache or 'no cache-control'}]")
            verdict = "ok" if total <= FIRST_VISIT_TARGET_BYTES else "MISSED"
            say(f"  {total:>7,} B  in all ({total / 1024:.1f} KB), target ≤ "
                f"{FIRST_VISIT_TARGET_BYTES // 1024} KB {verdict}")
            if total > FIRST_VISIT_TARGET_BYTES:
                missed.append(f"first visit: {total / 1024:.1f} KB, target ≤ 60 KB")
            revalidates = etag_revalidates(site.port, ARTICLE)
            say(f"  repeat visit with If-None-Match: {'304, no body' if revalidates else 'NO 304'}")
            if not revalidates:
                missed.append("article: no 304 for a repeat visit with its ETag")

            if not options.quick:
                say()
                plan = next(page for page in pages if page.name == "plan")
                script = directory / "mix.lua"
                script.write_text(MIX_SCRIPT % (ARTICLE, loan.path, plan.path))
                wrk(site.url("/"), seconds=5, connections=32, script=script)
                workers = site.workers()
                rss_before = {pid: rss_kib(pid) for pid in workers}
                soak = wrk(site.url("/"), seconds=30, connections=32, script=script)
                rss_after = {pid: rss_kib(pid) for pid in workers if Path(f"/proc/{pid}").exists()}
                growth = max((rss_after.get(pid, 0) - kib) / kib for pid, kib in rss_before.items())
                replaced = set(site.workers()) != set(workers)
                say(f"soak: 30 s at 32 connections, article + new loan results + new plans: "
                    f"{soak.requests:,} requests, {soak.requests_per_second:.0f} req/s, "
                    f"{soak.errors} errors, p99 {soak.p99_ms:.1f} ms")
                say("  worker VmRSS before → after: " + ", ".join(
                    f"{rss_before[pid] / 1024:.1f} → {rss_after.get(pid, 0) / 1024:.1f} MB"
                    for pid in workers
                ) + f"; largest growth {growth:+.1%} (target < {RSS_GROWTH_TARGET:.0%})")
                if soak.errors:
                    missed.append(f"soak: {soak.errors} errors")
                if replaced:
                    missed.append("soak: a worker died or was replaced")
                if growth >= RSS_GROWTH_TARGET:
                    missed.append(f"soak: worker memory grew {growth:.1%}, target < 10 %")
        finally:
            site.stop()
            baseline.stop()

    say()
    if missed:
        say("Targets missed:")
        for item in missed:
            say(f"- {item}")
    else:
        say("Every target met.")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"(written to {RESULTS.relative_to(ROOT)})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

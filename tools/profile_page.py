#!/usr/bin/env python3
"""Profile one calculator page with new figures on every request, in-process.

    .venv/bin/python tools/profile_page.py [loan|quick|plan|offer] [--requests 200] [--top 25]

Runs the page through Django's test client (the whole middleware stack, the
dev settings as `make run` uses them) with a different principal each time, as
`make bench` does, under cProfile; prints the milliseconds per request and the
functions that cost most, by their own time and with what they call.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import (  # noqa: E402
    BUDGET_PARAMS,
    LOAN_PARAMS,
    OFFER_PARAMS,
    QUICK_PARAMS,
    new_figures,
)

PAGES = {
    "loan": new_figures("loan/", LOAN_PARAMS, "principal"),
    "quick": new_figures("arrears/", QUICK_PARAMS, "overdue_amount"),
    "plan": new_figures("plan/", {**LOAN_PARAMS, **BUDGET_PARAMS}, "principal"),
    "offer": new_figures("offer/", OFFER_PARAMS, "owed"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", nargs="?", default="loan", choices=sorted(PAGES))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    options = parser.parse_args()
    client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    prefix = PAGES[options.page]
    for n in range(20):  # warm: templates compiled, translations loaded
        assert client.get(f"{prefix}{n + 50000}").status_code == 200
    began = time.process_time()
    for n in range(options.requests):
        client.get(f"{prefix}{n + 100000}")
    plain = (time.process_time() - began) / options.requests * 1000
    profile = cProfile.Profile()
    profile.enable()
    for n in range(options.requests):
        client.get(f"{prefix}{n + 200000}")
    profile.disable()
    print(f"{options.page}: {plain:.2f} ms of CPU per request with new figures "
          f"(without the profiler; {options.requests} requests)\n")
    stats = pstats.Stats(profile)
    stats.strip_dirs()
    print("By own time:")
    stats.sort_stats("tottime").print_stats(options.top)
    print("With what they call:")
    stats.sort_stats("cumulative").print_stats(options.top)


if __name__ == "__main__":
    main()

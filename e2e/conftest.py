"""Browser tests: headless Debian Chromium driven by Playwright against live_server.

Every test in this folder is marked ``browser``. One Chromium runs for the whole
session; each test gets a fresh context (cookies, viewport, JavaScript on or off)
and, usually, one page. When a test fails, the pages it opened are saved as
full-page screenshots at 360×740 and 1280×800 in ``test-artifacts/`` (git-ignored).

Without Chromium the tests skip with a clear message; under ``CI=true`` they fail.
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; Django's test database
# set-up would refuse to run beside it. Must be set before Django touches the DB.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import re  # noqa: E402
import shutil  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_MISSING = "Chromium not installed: apt-get install chromium fonts-wqy-microhei"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
TIMEOUT_MS = 15_000
# The calculators' "today" (calculator.views.today), for the default calculation
# date and the letter's date. live_server runs in this process, so patching works.
TODAY = date(2026, 5, 20)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can see a failure."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(live_server):
    """One Chromium for the session.

    It depends on ``live_server`` so that it closes first: its keep-alive
    connections end while the server (and its shared in-memory database
    connection) is still up.
    """
    executable = shutil.which("chromium")
    if executable is None:
        _unavailable(CHROMIUM_MISSING)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in requirements-dev.txt
        _unavailable("Playwright for Python is not installed: make install-dev")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:120]


def _save_screenshots(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for size in (PHONE, DESKTOP):
        try:
            page.set_viewport_size(size)
            page.screenshot(
                path=str(ARTIFACTS / f"{name}-{size['width']}x{size['height']}.png"),
                full_page=True,
            )
        except Exception as error:  # a failed screenshot must not hide the test's failure
            print(f"screenshot {name} at {size['width']} px failed: {error}")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("calculator.clock.today", lambda: TODAY)
    return TODAY


@pytest.fixture
def open_page(browser, live_server, request):
    """A factory: ``open_page(width=360, javascript=False)`` → a new Page.

    Relative URLs in ``page.goto`` resolve against the live server.
    """
    opened = []

    def factory(*, width: int = DESKTOP["width"], height: int | None = None,
                javascript: bool = True):
        if height is None:
            height = PHONE["height"] if width <= PHONE["width"] else DESKTOP["height"]
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        opened.append((context, page))
        return page

    yield factory

    report = getattr(request.node, "rep_call", None)
    failed = report is not None and report.failed
    for number, (context, page) in enumerate(opened):
        if failed and not page.is_closed():
            suffix = f"-{number}" if len(opened) > 1 else ""
            _save_screenshots(page, _artifact_name(request.node.nodeid) + suffix)
        context.close()


@pytest.fixture
def page(open_page):
    """A desktop-sized page (1280×800) with JavaScript on."""
    return open_page()


@pytest.fixture
def phone_page(open_page):
    """A phone-sized page (360×740) with JavaScript on."""
    return open_page(width=PHONE["width"])

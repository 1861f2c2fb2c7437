"""PDF letters in production: nothing left on disk, no temporary folder needed, and a
burst of PDFs bounded by render slots (calculator/letter/documents.py, core/limits.py).

A gunicorn worker killed by its timeout used to leave its 2 MB copy of the PDF
font in the temporary folder: WeasyPrint copies an ``@font-face`` font into a
``mkdtemp`` folder that only ``FontConfiguration.__del__`` removes, and the
worker kept one configuration per thread for its whole life; SIGKILL runs no
``__del__``. The font is now given to Fontconfig where it lies.
"""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from unittest import mock

import pypdf
import pytest
from django.conf import settings
from django.test import Client
from weasyprint.text.fonts import FontConfiguration

from calculator.letter import documents
from calculator.tests.loans import SPEC_LOAN_TERMS
from config.tests.test_settings import clean_environ
from core.limits import Busy, RenderSlots
from core.tests.test_limits import held_by_another_process

BASE_DIR = Path(settings.BASE_DIR)
TODAY = date(2026, 5, 20)
LETTER = {
    **SPEC_LOAN_TERMS, "monthly_income": "4500", "monthly_expenses": "2800", "savings": "500",
    "option": "installments", "full_name": "张三", "phone": "138 0013 8000",
    "lender_name": "重庆小米消费金融有限公司", "contract_number": "XM-2026-0001",
    "hardship": "job_loss", "format": "pdf",
}


@pytest.fixture(autouse=True)
def fixed_today():
    with mock.patch("calculator.clock.today", return_value=TODAY):
        yield


@pytest.fixture
def fresh_fonts(monkeypatch):
    """Each thread's font configuration made anew, as in a new worker."""
    monkeypatch.setattr(documents, "_local", threading.local())


def post_pdf(language: str = "zh-hans", **extra):
    return Client().post(f"/{language}/calculator/letter/", {**LETTER, **extra})


def fonts_and_text(pdf: bytes) -> tuple[set[str], str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    return fonts, "".join(page.extract_text() for page in reader.pages)


def assert_a_chinese_pdf(response) -> None:
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    fonts, text = fonts_and_text(response.content)
    # The subset font is embedded (WeasyPrint prefixes its own subset tag).
    assert [font for font in fonts if font.endswith("Noto-Sans-SC-Subset")], fonts
    assert "协商还款申请书" in text and "张三" in text


def test_a_pdf_leaves_nothing_in_the_temporary_folder(tmp_path, monkeypatch, fresh_fonts):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert_a_chinese_pdf(post_pdf())
    assert list(tmp_path.iterdir()) == []


def test_a_pdf_renders_without_a_temporary_folder(tmp_path, monkeypatch, fresh_fonts):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "does-not-exist"))
    assert_a_chinese_pdf(post_pdf())


def test_weasyprints_own_font_handling_would_need_one(tmp_path, monkeypatch, fresh_fonts):
    # Control for the two tests above: the plain FontConfiguration copies the
    # @font-face font into a new temporary folder.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(documents, "_font_config", FontConfiguration)
    assert post_pdf().status_code == 200
    assert [path.name[:11] for path in tmp_path.iterdir()] == ["weasyprint-"]


# A worker that renders a letter, says so, and waits to be killed.
WORKER = """
import sys
from datetime import date
import django
django.setup()
import calculator.clock
from django.test import Client
calculator.clock.today = lambda: date(2026, 5, 20)
if sys.argv[2] == "weasyprint":
    from calculator.letter import documents
    from weasyprint.text.fonts import FontConfiguration
    config = FontConfiguration()  # kept for the worker's life, as before
    documents._font_config = lambda: config
import json
response = Client().post("/zh-hans/calculator/letter/", json.loads(sys.argv[1]))
assert response.content.startswith(b"%PDF-"), response.status_code
print("rendered", flush=True)
sys.stdin.read()
"""


def killed_worker_leaves(tmp_path: Path, fonts: str) -> list[str]:
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, json.dumps(LETTER), fonts],
        cwd=BASE_DIR, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env=clean_environ(DJANGO_SETTINGS_MODULE="config.settings.test", TMPDIR=str(tmp_path)),
    )
    try:
        assert worker.stdout.readline().strip() == "rendered"
    finally:
        worker.send_signal(signal.SIGKILL)  # as gunicorn does after its timeout
        worker.wait(timeout=30)
    return sorted(path.name for path in tmp_path.iterdir())


def test_a_worker_killed_after_a_pdf_leaves_nothing_behind(tmp_path):
    assert killed_worker_leaves(tmp_path, "letter") == []


def test_weasyprints_own_font_handling_left_the_font_behind(tmp_path):
    # Control: the fault as it was, 2 MB per killed worker.
    (left,) = killed_worker_leaves(tmp_path, "weasyprint")
    assert left.startswith("weasyprint-")
    assert sum(f.stat().st_size for f in (tmp_path / left).iterdir()) > 2_000_000


# --- bounded: a burst of PDFs is refused at once, not queued behind the workers ----


def test_when_every_pdf_slot_is_taken_the_letter_gets_a_503_with_retry_after(monkeypatch):
    slots = RenderSlots(1, queue=1, wait=0.1, retry_after=2)
    monkeypatch.setattr(documents, "PDF_SLOTS", slots)
    with held_by_another_process(slots):
        english = post_pdf("en")
        chinese = post_pdf("zh-hans")
        word = Client().post("/en/calculator/letter/", {**LETTER, "format": "docx"})
    assert english.status_code == chinese.status_code == 503
    assert english["Retry-After"] == "2"
    html = english.content.decode()
    assert "<h1>Busy for a moment</h1>" in html
    assert "press the button again in 2 seconds" in html
    assert "Nothing you typed was kept." in html
    assert "张三" not in html and "XM-2026-0001" not in html
    assert "<h1>稍等片刻</h1>" in chinese.content.decode()
    assert chinese["Content-Security-Policy"]
    # Only the PDF is bounded: the Word letter still comes.
    assert word.status_code == 200 and word.content.startswith(b"PK")
    # Once the other worker is gone, the PDF comes again.
    assert_a_chinese_pdf(post_pdf())


def test_pdf_slots_are_half_the_cores_by_default():
    import os

    assert settings.PDF_RENDERS_AT_ONCE == max(1, (os.cpu_count() or 2) // 2)
    assert documents.PDF_SLOTS.count == settings.PDF_RENDERS_AT_ONCE


def test_the_layout_runs_on_a_thread_ten_steps_nicer(monkeypatch):
    # WeasyPrint's write_pdf, the letter's ~0.1 s of CPU, runs at nice +10 so that
    # under load the other pages' requests get the CPU first (core.limits.run_politely).
    import os
    import threading

    from weasyprint import HTML

    seen = []
    write_pdf = HTML.write_pdf

    def noting_priority(self, *args, **kwargs):
        me = threading.get_native_id()
        seen.append((me, os.getpriority(os.PRIO_PROCESS, me)))
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", noting_priority)
    caller = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert_a_chinese_pdf(post_pdf())
    ((thread_id, niceness),) = seen
    assert thread_id != threading.get_native_id()
    assert niceness == min(caller + 10, 19)


def test_with_slots_and_queue_full_the_letter_is_not_even_worked_out(monkeypatch):
    # RenderSlots(1, queue=1): another worker holds the slot and this one's queue
    # place is taken too. The PDF is refused before the plan is drafted (drafting
    # would fail loudly here); the Word letter, never bounded, is still made.
    slots = RenderSlots(1, queue=1, wait=5, retry_after=2)
    monkeypatch.setattr(documents, "PDF_SLOTS", slots)
    waiting = threading.Thread(target=lambda: _hold_queue_place(slots))
    with held_by_another_process(slots):
        waiting.start()
        time.sleep(0.2)
        assert slots.full()
        with mock.patch("calculator.letter.views.bind_and_draft", side_effect=AssertionError("drafted")):
            refused = post_pdf("en")
        assert refused.status_code == 503 and refused["Retry-After"] == "2"
        word = Client().post("/en/calculator/letter/", {**LETTER, "format": "docx"})
        assert word.status_code == 200 and word.content.startswith(b"PK")
    waiting.join()


def _hold_queue_place(slots: RenderSlots) -> None:
    try:
        with slots.slot():
            pass
    except Busy:
        pass

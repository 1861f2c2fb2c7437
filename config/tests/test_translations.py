"""The zh_Hans catalog is complete and up to date (English is the source language)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOG = BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]")


def _messages(path: Path):
    with path.open("rb") as handle:
        return [message for message in read_po(handle, locale="zh_Hans") if message.id]


def _first(value) -> str:
    return value if isinstance(value, str) else value[0]


def test_every_message_has_a_chinese_translation_and_none_is_fuzzy():
    untranslated = [_first(m.id) for m in _messages(CATALOG) if not _first(m.string or "")]
    fuzzy = [_first(m.id) for m in _messages(CATALOG) if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_every_placeholder():
    broken = []
    for message in _messages(CATALOG):
        wanted = set(PLACEHOLDER.findall(_first(message.id)))
        if isinstance(message.id, tuple):
            wanted |= set(PLACEHOLDER.findall(message.id[1]))
        if not wanted <= set(PLACEHOLDER.findall(_first(message.string))):
            broken.append(_first(message.id))
    assert broken == []


def test_translations_are_chinese():
    # A translation that merely repeats the English is a missed entry; names of
    # languages and a few symbols-only strings are the exceptions.
    allowed = {"English", "PDF", "%(count)s"}
    cjk = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
    english_only = [
        _first(m.id) for m in _messages(CATALOG)
        if _first(m.id) not in allowed and not cjk.search(_first(m.string))
    ]
    assert english_only == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext not installed")
def test_catalog_has_every_string_in_the_code_and_templates(tmp_path):
    # Extract into a copy of the project so the real catalog is untouched.
    copy = tmp_path / "project"
    shutil.copytree(
        BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "staticfiles", "node_modules", "test-artifacts", "bench-results",
            "__pycache__", ".hypothesis", "*.mo",
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "zh_Hans", "--no-obsolete",
         "--no-location", "--ignore", "e2e/*", "--ignore", "tools/*"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
    )
    extracted = {_first(m.id) for m in _messages(copy / CATALOG.relative_to(BASE_DIR))}
    translated = {_first(m.id) for m in _messages(CATALOG) if _first(m.string)}
    assert sorted(extracted - translated) == []

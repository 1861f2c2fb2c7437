import importlib
import io
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

import config.env
from config.env import env_bool, env_int, env_list, env_str, local_secret_key
from config.logging import PathOnlyFilter, strip_query

BASE_DIR = Path(settings.BASE_DIR)
MANAGE = BASE_DIR / "manage.py"
# Long and varied enough for Django's deploy check (security.W009).
PROD_SECRET = "prod-test-" + "Zx9!q2#Lm4$Rt7&Wp1^Vb8*Nc3(Hd6)Jf5_Gs0+Ky" * 2
REQUEST_LINE = '"GET /zh-hans/calculator/loan/?principal=10000 HTTP/1.1" 200'


def clean_environ(**extra: str) -> dict[str, str]:
    """The current environment without any setting this project reads, plus ``extra``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_")) and key != "DATABASE_URL"
    }
    return {**env, **extra}


def manage(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    # A temporary working directory: the result must not depend on where it runs.
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        cwd=tmp_path,
        env=clean_environ(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def fresh_settings(name: str, monkeypatch):
    """Import ``config.settings.<name>`` anew under the current (patched) environment."""
    module = f"config.settings.{name}"
    monkeypatch.delitem(sys.modules, module, raising=False)
    return importlib.import_module(module)


@pytest.fixture
def no_project_env(monkeypatch):
    for key in list(os.environ):
        if key.startswith("DJANGO_") and key != "DJANGO_SETTINGS_MODULE" or key == "DATABASE_URL":
            monkeypatch.delenv(key)
    # The dev settings would otherwise create .secret_key in the project.
    monkeypatch.setattr(config.env, "local_secret_key", lambda path: "dev-key-for-tests")


# --- manage.py check in every settings module ------------------------------


def test_check_is_clean_with_the_test_settings():
    call_command("check", fail_level="WARNING")


def test_check_is_clean_with_the_dev_settings_and_no_environment(tmp_path):
    result = manage(
        tmp_path, "check", "--fail-level", "WARNING", DJANGO_SETTINGS_MODULE="config.settings.dev"
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_is_clean_with_the_prod_settings_and_its_secrets(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY=PROD_SECRET,
        DJANGO_ALLOWED_HOSTS="example.org,www.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_is_clean_in_production_with_only_the_required_variables(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY=PROD_SECRET,
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "env"),
    [
        ("DJANGO_SECRET_KEY", {"DJANGO_ALLOWED_HOSTS": "example.org"}),
        ("DJANGO_ALLOWED_HOSTS", {"DJANGO_SECRET_KEY": PROD_SECRET}),
    ],
)
def test_prod_refuses_to_start_without_a_required_variable(tmp_path, missing, env):
    result = manage(tmp_path, "check", DJANGO_SETTINGS_MODULE="config.settings.prod", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


# --- the settings modules --------------------------------------------------


def test_base_settings_hold_no_secret_and_no_debug(no_project_env, monkeypatch):
    base = fresh_settings("base", monkeypatch)
    assert base.DEBUG is False
    assert not hasattr(base, "SECRET_KEY")
    assert base.ALLOWED_HOSTS == []


def test_dev_settings_have_debug_off_with_no_environment(no_project_env, monkeypatch):
    dev = fresh_settings("dev", monkeypatch)
    assert dev.DEBUG is False
    assert dev.SECRET_KEY == "dev-key-for-tests"
    assert dev.ALLOWED_HOSTS == ["localhost", "127.0.0.1", "[::1]"]


def test_dev_settings_turn_debug_on_only_when_asked(no_project_env, monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "true")
    assert fresh_settings("dev", monkeypatch).DEBUG is True


def test_dev_settings_reject_an_unclear_debug_value(no_project_env, monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        fresh_settings("dev", monkeypatch)


DUMMY = "django.core.cache.backends.dummy.DummyCache"
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


def test_only_the_guidance_pages_have_a_cache(no_project_env, monkeypatch):
    # Nothing else may keep anything: the default cache is a dummy.
    caches = fresh_settings("base", monkeypatch).CACHES
    assert set(caches) == {"default", "pages"}
    assert caches["default"]["BACKEND"] == DUMMY
    assert caches["pages"]["BACKEND"] == LOCMEM
    assert caches["pages"]["OPTIONS"]["MAX_ENTRIES"] == 128


def test_with_debug_on_no_guidance_page_is_kept(no_project_env, monkeypatch):
    assert fresh_settings("dev", monkeypatch).CACHES["pages"]["BACKEND"] == LOCMEM
    monkeypatch.setenv("DJANGO_DEBUG", "true")
    assert fresh_settings("dev", monkeypatch).CACHES["pages"]["BACKEND"] == DUMMY


def test_no_setting_keeps_calculator_pages(no_project_env, monkeypatch):
    base = fresh_settings("base", monkeypatch)
    assert not hasattr(base, "RESULT_CACHE_SECONDS")
    assert "results" not in base.CACHES


def test_the_csrf_cookie_lives_for_the_browser_session(no_project_env, monkeypatch):
    base = fresh_settings("base", monkeypatch)
    assert base.CSRF_COOKIE_AGE is None
    assert base.CSRF_FAILURE_VIEW == "core.errors.csrf_failure"


MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_dev_settings_collect_static_files_hashed_and_compressed(no_project_env, monkeypatch):
    # collectstatic writes the manifest, so it must use the manifest storage even
    # before one exists: `make run` then serves hashed, brotli-compressed files.
    monkeypatch.setattr(sys, "argv", ["manage.py", "collectstatic", "--noinput"])
    dev = fresh_settings("dev", monkeypatch)
    assert dev.STORAGES["staticfiles"]["BACKEND"] == MANIFEST_STORAGE


def test_dev_settings_with_debug_serve_the_source_static_files(no_project_env, monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "true")
    monkeypatch.setattr(sys, "argv", ["manage.py", "runserver"])
    dev = fresh_settings("dev", monkeypatch)
    assert dev.STORAGES["staticfiles"]["BACKEND"] != MANIFEST_STORAGE
    assert dev.WHITENOISE_USE_FINDERS is True


def test_prod_settings_read_secret_and_hosts_and_secure_by_default(no_project_env, monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", PROD_SECRET)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "example.org, www.example.org")
    prod = fresh_settings("prod", monkeypatch)
    assert prod.DEBUG is False
    assert prod.SECRET_KEY == PROD_SECRET
    assert prod.ALLOWED_HOSTS == ["example.org", "www.example.org"]
    assert prod.SECURE_SSL_REDIRECT is True
    assert prod.SECURE_HSTS_SECONDS == 365 * 24 * 60 * 60
    assert prod.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    assert prod.SECURE_HSTS_PRELOAD is False
    assert prod.SESSION_COOKIE_SECURE is True
    assert prod.CSRF_COOKIE_SECURE is True
    assert prod.STORAGES["staticfiles"]["BACKEND"] == MANIFEST_STORAGE


def test_prod_settings_without_the_secret_key_name_it(no_project_env, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "example.org")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        fresh_settings("prod", monkeypatch)


@pytest.mark.parametrize("name", ["base", "dev"])
def test_no_database_is_configured(no_project_env, monkeypatch, name):
    module = fresh_settings(name, monkeypatch)
    assert not hasattr(module, "DATABASES")


def test_no_database_in_production_either(no_project_env, monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", PROD_SECRET)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "example.org")
    assert not hasattr(fresh_settings("prod", monkeypatch), "DATABASES")


# --- environment helpers ---------------------------------------------------


@pytest.mark.parametrize("word", ["1", "true", "TRUE", "yes", "on", " True "])
def test_env_bool_reads_true_words(monkeypatch, word):
    monkeypatch.setenv("X_FLAG", word)
    assert env_bool("X_FLAG") is True


@pytest.mark.parametrize("word", ["0", "false", "No", "off", ""])
def test_env_bool_reads_false_words(monkeypatch, word):
    monkeypatch.setenv("X_FLAG", word)
    assert env_bool("X_FLAG", default=True) is False


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("X_FLAG", raising=False)
    assert env_bool("X_FLAG") is False
    assert env_bool("X_FLAG", default=True) is True


def test_env_bool_raises_on_maybe_naming_the_variable(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG.*'maybe'"):
        env_bool("X_FLAG")


def test_env_list_splits_commas_and_trims(monkeypatch):
    monkeypatch.setenv("X_HOSTS", "a.example, b.example,,c.example ")
    assert env_list("X_HOSTS") == ["a.example", "b.example", "c.example"]


def test_env_list_default_and_required(monkeypatch):
    monkeypatch.delenv("X_HOSTS", raising=False)
    assert env_list("X_HOSTS", ["localhost"]) == ["localhost"]
    with pytest.raises(ImproperlyConfigured, match="X_HOSTS"):
        env_list("X_HOSTS")


def test_env_list_rejects_a_list_of_nothing(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " , ")
    with pytest.raises(ImproperlyConfigured, match="X_HOSTS"):
        env_list("X_HOSTS", ["localhost"])


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv("X_SECONDS", "3600")
    assert env_int("X_SECONDS", 0) == 3600
    monkeypatch.delenv("X_SECONDS")
    assert env_int("X_SECONDS", 7) == 7


def test_env_int_raises_on_x_naming_the_variable(monkeypatch):
    monkeypatch.setenv("X_SECONDS", "x")
    with pytest.raises(ImproperlyConfigured, match="X_SECONDS.*'x'"):
        env_int("X_SECONDS", 0)


def test_env_str_requires_a_value_without_default(monkeypatch):
    monkeypatch.delenv("X_NAME", raising=False)
    assert env_str("X_NAME", "fallback") == "fallback"
    with pytest.raises(ImproperlyConfigured, match="X_NAME"):
        env_str("X_NAME")


def test_local_secret_key_is_created_private_and_then_reused(tmp_path):
    path = tmp_path / ".secret_key"
    first = local_secret_key(path)
    assert len(first) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert local_secret_key(path) == first
    assert local_secret_key(tmp_path / "other") != first


# --- logging ---------------------------------------------------------------


def make_record(msg, args=(), **extra) -> logging.LogRecord:
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, msg, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_strip_query_removes_the_query_from_a_request_line():
    assert strip_query(REQUEST_LINE) == '"GET /zh-hans/calculator/loan/ HTTP/1.1" 200'
    assert strip_query("/zh-hans/calculator/plan/?income=8000") == "/zh-hans/calculator/plan/"
    assert strip_query("/zh-hans/guidance/faq/") == "/zh-hans/guidance/faq/"


def test_path_only_filter_strips_the_query_from_the_message():
    record = make_record(REQUEST_LINE)
    assert PathOnlyFilter().filter(record) is True
    message = record.getMessage()
    assert "principal" not in message
    assert "10000" not in message
    assert message == '"GET /zh-hans/calculator/loan/ HTTP/1.1" 200'


def test_path_only_filter_strips_the_query_from_the_arguments():
    # django.server logs '"%s" %s %s' with the request line as an argument.
    record = make_record(
        '"%s" %s %s', ("GET /en/calculator/loan/?principal=10000 HTTP/1.1", 200, 512)
    )
    PathOnlyFilter().filter(record)
    assert record.getMessage() == '"GET /en/calculator/loan/ HTTP/1.1" 200 512'


def test_path_only_filter_drops_the_request():
    record = make_record("Internal Server Error: %s", ("/en/calculator/letter/",), request=object())
    PathOnlyFilter().filter(record)
    assert record.request is None


def test_every_log_handler_uses_the_path_only_filter():
    assert settings.LOGGING["filters"]["path_only"]["()"] == "config.logging.PathOnlyFilter"
    for handler in settings.LOGGING["handlers"].values():
        assert "path_only" in handler["filters"]


def test_server_log_line_has_no_query_string():
    logger = logging.getLogger("django.server")
    # The console handler from settings.LOGGING (pytest adds its own capture handlers).
    (handler,) = [
        h for h in logger.handlers if any(isinstance(f, PathOnlyFilter) for f in h.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logger.info('"%s" %s %s', "GET /zh-hans/calculator/loan/?principal=10000 HTTP/1.1", 200, 99)
    finally:
        handler.setStream(previous)
    assert stream.getvalue() == '"GET /zh-hans/calculator/loan/ HTTP/1.1" 200 99\n'


# --- gunicorn --------------------------------------------------------------


def test_gunicorn_access_log_has_the_path_only_and_no_client_details():
    from config import gunicorn

    log_format = gunicorn.access_log_format
    assert "%(U)s" in log_format  # path without the query string
    for forbidden in ("%(r)s", "%(h)s", "%(q)s", "%(f)s"):
        # request line (with query), client address, query string, referer (a full URL)
        assert forbidden not in log_format, forbidden

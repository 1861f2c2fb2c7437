"""config/wsgi.py loads the views before gunicorn forks (preload_app)."""

import subprocess
import sys

from django.conf import settings

from config.tests.test_settings import clean_environ

LOADED = "import sys; print('calculator.letter.views' in sys.modules, 'weasyprint' in sys.modules)"


def python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=clean_environ(DJANGO_SETTINGS_MODULE="config.settings.test"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_the_wsgi_module_imports_every_view_up_front():
    assert python(f"import config.wsgi; {LOADED}") == "True True"


def test_django_alone_would_leave_them_for_the_first_request():
    # Control for the test above.
    plain = "from django.core.wsgi import get_wsgi_application; get_wsgi_application(); "
    assert python(plain + LOADED) == "False False"

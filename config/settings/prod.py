"""Production: refuses to start without its secrets.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS (comma-separated).
Optional: DJANGO_HSTS_SECONDS (default one year; 0 turns HSTS off),
DJANGO_HSTS_INCLUDE_SUBDOMAINS (default true), DJANGO_HSTS_PRELOAD (default
false: ``preload`` asks browsers to hard-code HTTPS for the domain and every
subdomain, which is slow to undo; turn it on only when submitting the domain to
hstspreload.org), DJANGO_SECURE_SSL_REDIRECT (default true).

``manage.py check --deploy --fail-level WARNING`` is clean with the defaults.
"""

from config.env import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
# security.W021 asks for preload; it is off on purpose (see above).
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

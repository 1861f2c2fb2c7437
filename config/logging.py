"""Log filters that keep figures, personal details and client addresses out of the logs."""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger as _GunicornLogger


def strip_query(text: str) -> str:
    """``GET /a/?x=1 HTTP/1.1`` → ``GET /a/ HTTP/1.1``; paths pass unchanged."""
    head, sep, tail = text.partition("?")
    if not sep:
        return text
    _, space, rest = tail.partition(" ")
    return head + (space + rest if space else "")


class PathOnlyFilter(logging.Filter):
    """Drop the query string from every logged request line or path."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = strip_query(str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(
                strip_query(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        # Django attaches the request to error records; keep only what a
        # maintainer needs, never its body or query string.
        if hasattr(record, "request"):
            record.request = None
        # A refused request (4xx) is the client's doing: one line says which
        # path, and no traceback follows it.
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True


# A query string: from "?" to the end of the word (a space, a quote or the end).
_QUERY = re.compile(r"\?[^\s'\"]*")
# gunicorn's "Invalid request from ip=203.0.113.9: ..." (IPv4 or IPv6).
_IP_FIELD = re.compile(r"\bip=\S*?(?=:\s|\s|$)")
_IPV4 = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])")


def scrub(text: str) -> str:
    """``text`` without query strings or client addresses."""
    return _IPV4.sub("-", _IP_FIELD.sub("ip=-", _QUERY.sub("", text)))


class NoClientDetailsFilter(logging.Filter):
    """For gunicorn's error log: no query string (the figures) and no client address.

    gunicorn writes "Invalid request from ip=…: Invalid HTTP request line: 'GET
    /…?principal=10000 …'" for a malformed request, and the request line with its
    query string above the traceback when an application error escapes. The
    message, its arguments and any traceback are formatted here and scrubbed.
    Addresses are scrubbed from warnings and worse only: the startup lines
    ("Listening at: http://127.0.0.1:8000") name our own address.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = _QUERY.sub("", record.getMessage())
        if record.levelno >= logging.WARNING:
            message = scrub(message)
        record.msg, record.args = message, ()
        if record.exc_info:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


class GunicornLogger(_GunicornLogger):
    """gunicorn's logger with ``NoClientDetailsFilter`` on its error log.

    Used by ``config/gunicorn.py`` (``logger_class``); the access log's format
    there already leaves out the address and the query string.
    """

    def setup(self, cfg) -> None:
        super().setup(cfg)
        if not any(isinstance(f, NoClientDetailsFilter) for f in self.error_log.filters):
            self.error_log.addFilter(NoClientDetailsFilter())

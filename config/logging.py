"""Log filters that keep figures and personal details out of the logs."""

from __future__ import annotations

import logging


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
        return True

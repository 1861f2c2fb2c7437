"""Escaping for markup written in Python, shared by the frame, the timeline and the
calculators' inputs and tables."""

from __future__ import annotations

from html import escape as _html_escape


def esc(value) -> str:
    """``conditional_escape`` for text: HTML already marked safe is kept, anything
    else is escaped as Django's ``escape`` does (``&<>"'``), without the lazy-string
    wrapper ``conditional_escape`` puts around every call."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return _html_escape(str(value), quote=True)

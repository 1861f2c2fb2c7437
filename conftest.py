"""Fixtures shared by the apps' tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def count_renders(monkeypatch):
    """``count_renders(views_module)``: the templates that module's views render, in order.

    Wraps the module's ``render`` (django.shortcuts.render as imported there), so a
    page answered from memory shows up as no render at all.
    """

    def counting(module) -> list[str]:
        rendered: list[str] = []
        original = module.render

        def render(request, template_name, *args, **kwargs):
            rendered.append(template_name)
            return original(request, template_name, *args, **kwargs)

        monkeypatch.setattr(module, "render", render)
        return rendered

    return counting

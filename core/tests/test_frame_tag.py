"""``{% fixed %}``: parts of the page frame rendered once per language, with nothing
of the request or the page in them (core/templatetags/frame.py)."""

from __future__ import annotations

import pytest
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.utils import translation

FIXED = (
    "{% load i18n static frame %}{% fixed %}"
    "<a href=\"{% url 'guidance:privacy' %}\">{% translate 'Search' %}</a>"
    "{{ secret }}{{ request.path }}{{ frame.html_lang }}{% endfixed %}"
)


def test_a_fixed_part_is_what_its_tags_give_in_each_language(rf):
    template = Template(FIXED)
    request = rf.get("/en/guidance/?q=1")
    for language, words in (("zh-hans", "搜索"), ("en", "Search"), ("zh-hans", "搜索")):
        with translation.override(language):
            html = template.render(RequestContext(request, {"secret": "98765"}))
        assert html == f'<a href="/{language}/privacy/">{words}</a>'


def test_nothing_of_the_request_or_the_page_reaches_a_fixed_part(rf):
    # Rendered with an empty context: the page's variables, the request and the
    # context processors' values all render as nothing, the first time and after.
    template = Template(FIXED)
    with translation.override("en"):
        first = template.render(RequestContext(rf.get("/en/a/?principal=12345"), {"secret": "98765"}))
        second = template.render(Context({"secret": "other"}))
    assert first == second == '<a href="/en/privacy/">Search</a>'


def test_a_fixed_part_is_rendered_once_per_language():
    template = Template("{% load frame %}{% fixed %}{{ n }}{% now 'u' %}{% endfixed %}")
    with translation.override("en"):
        first = template.render(Context())
        # {% now %} changes every microsecond: the same text means it was not rendered again.
        assert all(template.render(Context()) == first for _ in range(3))
    with translation.override("zh-hans"):
        assert template.render(Context()) != first


def test_fixed_takes_no_arguments():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load frame %}{% fixed secret %}x{% endfixed %}")

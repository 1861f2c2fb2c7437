"""``{% timeline %}`` (core/templatetags/timeline.py): the steps as the include wrote them."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

TAG = Template('{% load timeline %}{% timeline events "t-title" %}')

EVENTS = [
    {"when": "2026年3月10日", "datetime": "2026-03-10", "title": "到期", "text": "还款日", "passed": True},
    {"when": "第 30 天", "title": "<b>征信</b>", "text": "A & B", "certain": True},
]


def test_each_step_with_its_state_date_and_words():
    with translation.override("zh-hans"):
        html = TAG.render(Context({"events": EVENTS}))
    assert html == (
        '<ol class="timeline" aria-labelledby="t-title">'
        '\n  <li class="timeline__step timeline__step--passed">'
        '\n    <p class="timeline__when"><time datetime="2026-03-10">2026年3月10日</time>'
        ' <span class="timeline__state">（已过）</span></p>'
        '\n    <p class="timeline__title">到期</p>'
        '\n    <p class="timeline__text">还款日</p>'
        "\n  </li>"
        '\n  <li class="timeline__step timeline__step--certain">'
        '\n    <p class="timeline__when">第 30 天</p>'
        # Text is escaped: a title can never add markup.
        '\n    <p class="timeline__title">&lt;b&gt;征信&lt;/b&gt;</p>'
        '\n    <p class="timeline__text">A &amp; B</p>'
        "\n  </li>"
        "\n</ol>"
    )


def test_the_passed_mark_in_english_and_no_steps():
    with translation.override("en"):
        html = TAG.render(Context({"events": EVENTS[:1]}))
        empty = TAG.render(Context({"events": []}))
    assert '<span class="timeline__state">(passed)</span>' in html
    assert empty == '<ol class="timeline" aria-labelledby="t-title">\n</ol>'

"""The letter: GET shows the form, POST renders the letter. Never stored or logged.

Every letter response is ``private``: no shared cache may keep it. The letter
page itself may stay in the browser's own cache (``no-cache``, not ``no-store``),
so that the Back button from "Change details" shows it again instead of an error.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from calculator.letter.documents import refuse_pdf_when_busy
from calculator.letter.forms import letter_form
from calculator.letter.presenters import addressable, form_context, letter_output, start_context
from calculator.plan.views import bind_and_draft


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_cache=True, max_age=0)
    return response


@require_http_methods(["GET", "POST"])
@refuse_pdf_when_busy
def letter(request: HttpRequest) -> HttpResponse:
    post = request.POST if request.method == "POST" else None
    params, forms, plan = bind_and_draft(request.GET if post is None else post)
    if not addressable(plan, params):
        status = forms.status if plan is None else 400
        return _private(render(request, "letter/letter_start.html", start_context(params, forms, plan), status=status))
    form = letter_form(post, params=params, plan=plan)
    proposal = form.proposal(plan) if form.is_bound else None
    if proposal is None:
        return _private(render(request, "letter/letter_form.html", form_context(params, plan, form), status=form.status))
    output = letter_output(params, plan, form, proposal, post)
    if isinstance(output, HttpResponse):
        return _private(output)
    return _private(render(request, "letter/letter.html", output))

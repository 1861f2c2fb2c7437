"""The offer page: bind the form, check the offer, render. GET only; nothing kept."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from calculator import clock
from calculator.engine.offer import check_offer
from calculator.offer.forms import offer_form_for
from calculator.offer.presenters import offer_page


@require_safe
def offer(request: HttpRequest) -> HttpResponse:
    """The lender's offer: its real cost, whether it fits, and what to answer.

    Every error is a typing error in a text field: the page answers 200 with the
    message beside the field, never 400 or 500.
    """
    form = offer_form_for(request.GET, today=clock.today())
    check = None
    if form.is_bound and form.is_valid():
        check = check_offer(offer=form.offer(), available=form.available_money())
    context = offer_page(form=form, check=check, path=request.path, language=get_language())
    return render(request, "offer/offer.html", context)

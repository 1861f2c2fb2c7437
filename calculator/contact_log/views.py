"""The contact log: a page to print, or its PDF. GET only; nothing kept."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from calculator import clock
from calculator.contact_log.document import build_contact_log, log_document
from calculator.contact_log.forms import ContactLogForm
from calculator.contact_log.presenters import contact_log_page
from calculator.letter.documents import attachment_response


@require_safe
def contact_log(request: HttpRequest) -> HttpResponse:
    """The log to print, prefilled from ``?lender=…&owed=…``; ``format=pdf`` downloads it."""
    form = ContactLogForm(request.GET or None)
    prefill = form.prefill()
    log = build_contact_log(lender=prefill.lender, owed=prefill.owed, language=get_language(),
                            made_on=clock.today())
    if form.wants_pdf():
        return attachment_response(log_document(log), "pdf")
    context = contact_log_page(form=form, log=log)
    return render(request, "contact_log/contact_log.html", context, status=form.status())

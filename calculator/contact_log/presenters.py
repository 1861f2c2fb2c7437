"""The contact log page's context: the log, the form and the link to the guidance."""

from __future__ import annotations

from django.urls import reverse

from calculator.contact_log.document import ContactLog
from calculator.contact_log.forms import ContactLogForm, contact_log_helper

# The negotiation article's section on the lender's reply and the contact log.
GUIDANCE_SECTION = "reply-and-contact-log"


def contact_log_page(*, form: ContactLogForm, log: ContactLog) -> dict:
    """Everything the contact log page shows."""
    return {
        "form": form,
        "helper": contact_log_helper(),
        "error_forms": [form] if form.is_bound and form.errors else [],
        "log": log,
        "blank_rows": range(1, log.rows + 1),
        "guidance_url": (
            f"{reverse('guidance:article', args=['negotiation'])}#{GUIDANCE_SECTION}"
        ),
    }

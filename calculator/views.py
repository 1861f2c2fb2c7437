from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("coming soon")


quick_estimate = loan = plan = plan_calendar = letter = _todo

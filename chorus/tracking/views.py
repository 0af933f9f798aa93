"""`/s/<code>` through Django, for the development server and tests; production answers it in
front of Django (chorus.tracking.redirect.RedirectApp in config/wsgi.py) with the same code."""

from django.http import HttpResponse

from chorus.tracking.redirect import answer


def link_redirect(request, code):
    status, headers, body = answer(code, request.META)
    response = HttpResponse(body, status=int(status.split()[0]))
    for name, value in headers:
        response[name] = value
    return response

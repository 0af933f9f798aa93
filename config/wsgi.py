"""WSGI entry point (granian or gunicorn: config.wsgi:application).

Tracked links (`/s/<code>`) are the hot path: a small WSGI app answers them in front of Django's
request handling; every other path goes to Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

from chorus.tracking.redirect import RedirectApp  # noqa: E402 - needs Django set up first

application = RedirectApp(django_application, flusher=True)

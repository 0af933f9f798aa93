"""Who may open what: one place for the role rules of every page."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def owner_required(view):
    """Pages for the people who run the program."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_owner:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def curator_required(view):
    """Pages for the people who stock the hub (curators and owners)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_curator:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper

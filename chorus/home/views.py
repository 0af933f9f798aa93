from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from chorus.accounts.selectors import membership_active_for
from chorus.core.languages import CONTENT_LANGUAGES
from chorus.home import selectors
from chorus.notifications.selectors import announcements_recent
from chorus.program.selectors import pulse_pending_for


@login_required
def index(request):
    """Each role's start page: advocates their path, curators their audience, owners the program."""
    user = request.user
    membership = membership_active_for(user=user)
    context = {
        "membership": membership,
        "announcements": announcements_recent(limit=2, user=user) if membership else [],
        "profile_checklist": selectors.profile_checklist(user=user),
        "pulse": pulse_pending_for(user=user),
        "learning": selectors.learning_next(user=user) if membership else None,
    }
    if user.is_curator:
        names = dict(CONTENT_LANGUAGES)
        context["departments"] = selectors.advocates_by_department()
        context["languages"] = [
            (names.get(code, code), count) for code, count in selectors.advocate_languages()
        ]
    if user.is_owner:
        context["overview"] = selectors.owner_overview()
    return render(request, "home/index.html", context)

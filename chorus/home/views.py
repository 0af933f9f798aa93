from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from chorus.accounts.selectors import membership_active_for
from chorus.core.languages import CONTENT_LANGUAGES
from chorus.home import selectors


@login_required
def index(request):
    """Each role's start page: advocates their path, curators their audience, owners the program."""
    user = request.user
    context = {
        "membership": membership_active_for(user=user),
        "profile_checklist": selectors.profile_checklist(user=user),
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

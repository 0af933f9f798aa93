"""The owners' pages of the digest: its settings with the latest runs, and a preview."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from chorus.accounts.models import User
from chorus.accounts.permissions import owner_required
from chorus.core.errors import ChorusError
from chorus.digests.forms import DigestSettingsForm
from chorus.digests.selectors import (
    digest_failures_recent,
    digest_preview_people,
    digest_runs_recent,
    digest_settings_get,
)
from chorus.digests.services import digest_preview, digest_settings_update


@owner_required
def digest_settings(request):
    """When the digest goes out and what it says first; how the latest periods went."""
    config = digest_settings_get()
    form = DigestSettingsForm(request.POST or None, config=config)
    if request.method == "POST" and form.is_valid():
        try:
            digest_settings_update(
                by=request.user,
                intro=form.intro(),
                weekday=form.cleaned_data["weekday"],
                hour=form.cleaned_data["hour"],
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The digest settings are saved."))
            return redirect("digests:settings")
    return render(
        request,
        "digests/settings.html",
        {
            "form": form,
            "config": config,
            "runs": digest_runs_recent(),
            "failures": digest_failures_recent(),
        },
    )


def _preview_for(request) -> tuple[User, str | None]:
    """The person (`?user=`, the owner by default) and language (`?lang=`) of a preview."""
    raw = request.GET.get("user", "")
    user = request.user
    if raw:
        if not (raw.isascii() and raw.isdecimal() and len(raw) < 19):
            raise Http404
        user = User.objects.filter(pk=int(raw), is_active=True).first()
        if user is None:
            raise Http404
    language = request.GET.get("lang", "")
    return user, (language if language in dict(settings.LANGUAGES) else None)


@owner_required
@require_GET
def preview(request):
    """The digest a chosen person would get now: its HTML part in a frame, its text below."""
    user, language = _preview_for(request)
    made = digest_preview(user=user, language=language)
    query = {"user": user.pk} | ({"lang": language} if language else {})
    people = list(digest_preview_people())
    if user not in people:
        people.insert(0, user)
    return render(
        request,
        "digests/preview.html",
        {
            "person": user,
            "language": language or "",
            "languages": settings.LANGUAGES,
            "people": people,
            "preview": made,
            "frame_url": f"{reverse('digests:preview-html')}?{urlencode(query)}",
        },
    )


def _email_frame_policy() -> dict:
    """The policy of the raw e-mail: its inline styles (as mail clients need) and images from
    here; no scripts, no forms, and only our own preview page may frame it."""
    base = urlsplit(settings.CHORUS_BASE_URL)
    return {
        "default-src": [CSP.NONE],
        "style-src": [CSP.UNSAFE_INLINE],
        "img-src": [CSP.SELF, "data:", f"{base.scheme}://{base.netloc}"],
        "base-uri": [CSP.NONE],
        "form-action": [CSP.NONE],
        "frame-ancestors": [CSP.SELF],
        "sandbox": ["allow-popups", "allow-popups-to-escape-sandbox"],
    }


@owner_required
@require_GET
@xframe_options_sameorigin
@csp_override(_email_frame_policy())
def preview_html(request):
    """The HTML part exactly as sent; only links open in a new tab, out of the frame."""
    user, language = _preview_for(request)
    html = digest_preview(user=user, language=language).html
    return HttpResponse(html.replace("<head>", '<head>\n<base target="_blank">', 1))

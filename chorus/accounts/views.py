"""Pages about people: invitations, the people list, profile, advocacy membership, API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chorus.accounts import selectors, services
from chorus.accounts.forms import (
    ApiTokenForm,
    InvitationAcceptForm,
    InvitationForm,
    InvitationImportForm,
    ProfileForm,
    RoleForm,
)
from chorus.accounts.models import Invitation, User
from chorus.accounts.permissions import owner_required
from chorus.core.errors import ChorusError
from chorus.core.htmx import render_partial
from chorus.core.http import safe_next


def invitation_accept(request, key):
    """The link in an invitation: choose a name and password, once, before it expires."""
    invitation = selectors.invitation_get_by_key(key=key)
    if invitation is None:
        return render(
            request, "accounts/invitation_invalid.html", {"reason": "unknown"}, status=404
        )
    if invitation.accepted_at:
        return render(request, "accounts/invitation_invalid.html", {"reason": "used"}, status=410)
    if invitation.revoked_at:
        return render(
            request, "accounts/invitation_invalid.html", {"reason": "revoked"}, status=410
        )
    if invitation.is_expired:
        return render(
            request, "accounts/invitation_invalid.html", {"reason": "expired"}, status=410
        )
    if invitation.language and not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        # The owner chose the invitee's language; the switcher on the page still overrides it.
        translation.activate(invitation.language)
        request.LANGUAGE_CODE = invitation.language
    form = InvitationAcceptForm(
        request.POST or None, initial={"display_name": invitation.display_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"],
            )
        except ChorusError as error:
            if error.code in ("invitation_used", "invitation_expired", "invitation_revoked"):
                reason = error.code.removeprefix("invitation_")
                return render(
                    request, "accounts/invitation_invalid.html", {"reason": reason}, status=410
                )
            error.add_to(form)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome to %(program)s!") % {"program": get_current_site(request).name}
            )
            return redirect("home:index")
    return render(
        request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form}
    )


@owner_required
def people(request):
    """Everyone in Chorus, who takes part in the program, and inviting more people."""
    query = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    role = role if role in User.Role.values else ""
    advocates_only = request.GET.get("advocates") == "1"
    page = Paginator(
        selectors.people_list(query=query, role=role, advocates_only=advocates_only), 50
    ).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "role": role,
        "advocates_only": advocates_only,
        "roles": User.Role.choices,
        "counts": selectors.people_counts(),
        "invite_form": InvitationForm(),
        "import_form": InvitationImportForm(),
        "invitations": selectors.invitations_pending()[:100],
    }
    return render_partial(request, "accounts/people.html", "people-table", context)


@owner_required
def invitation_create(request):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(invited_by=request.user, **form.cleaned_data)
        except ChorusError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:people")
    return render(request, "accounts/invitation_form.html", {"form": form})


@owner_required
def invitation_import(request):
    """Invite many people from a CSV; valid rows are invited, invalid ones reported by line."""
    form = InvitationImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.invitations_import_csv(
                invited_by=request.user, data=form.cleaned_data["file"].read()
            )
        except ChorusError as error:
            form.add_error("file", error.message)
    return render(request, "accounts/invitation_import.html", {"form": form, "report": report})


@owner_required
@require_POST
def invitation_resend(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        services.invitation_resend(invitation=invitation)
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    except ChorusError as error:
        messages.error(request, error.message)
    return redirect("accounts:people")


@owner_required
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        services.invitation_revoke(invitation=invitation)
        messages.success(
            request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email}
        )
    except ChorusError as error:
        messages.error(request, error.message)
    return redirect("accounts:people")


@owner_required
@require_POST
def person_role(request, pk):
    person = get_object_or_404(User, pk=pk, is_active=True)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.user_set_role(actor=request.user, user=person, role=form.cleaned_data["role"])
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {"name": person.name, "role": person.get_role_display()},
            )
        except ChorusError as error:
            messages.error(request, error.message)
    return redirect(request.POST.get("next") or reverse("accounts:people"))


@owner_required
def advocacy_history(request):
    """Who chose to join the program, when, and who left: never a way to enrol anyone."""
    page = Paginator(selectors.membership_history(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/advocacy_history.html",
        {"page": page, "counts": selectors.people_counts()},
    )


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(
                user=request.user,
                **{name: form.cleaned_data[name] for name in services.PROFILE_FIELDS},
            )
        except ChorusError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "membership": selectors.membership_active_for(user=request.user)},
    )


@login_required
def advocacy_join(request):
    """The opt-in page: what taking part means, what is measured, who sees it, how much time."""
    membership = selectors.membership_active_for(user=request.user)
    if request.method == "POST":
        if request.POST.get("consent") != "yes":
            messages.error(request, _("Please tick the box to confirm that you want to take part."))
        else:
            services.membership_join(user=request.user)
            messages.success(request, _("You have joined the advocacy program. Thank you!"))
            return redirect("home:onboarding")
    return render(request, "accounts/advocacy_join.html", {"membership": membership})


@login_required
@require_POST
def advocacy_leave(request):
    """One click, honoured at once."""
    services.membership_leave(user=request.user)
    messages.success(
        request, _("You have left the advocacy program. You are welcome back at any time.")
    )
    return redirect("accounts:profile")


@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _row, new_token = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ChorusError as error:
            form.add_error("name", error.message)
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "tokens": selectors.api_tokens_for(user=request.user),
        "new_token": new_token,
    }
    return render_partial(request, "accounts/api_tokens.html", "token-panel", context)


@login_required
@require_POST
def api_token_revoke(request, pk):
    try:
        services.api_token_revoke(user=request.user, token_id=pk)
    except ChorusError as error:
        raise Http404(error.message) from None
    context = {"form": ApiTokenForm(), "tokens": selectors.api_tokens_for(user=request.user)}
    if request.htmx:
        return render_partial(request, "accounts/api_tokens.html", "token-panel", context)
    messages.success(request, _("The token is revoked."))
    return redirect("accounts:api-tokens")


@require_POST
def language_set(request):
    """The language switcher: remembered in a cookie, and on the person's profile if signed in."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next(request, "/"))
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    return response

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chorus.accounts.permissions import owner_required
from chorus.core.errors import ChorusError
from chorus.core.htmx import render_partial
from chorus.notifications.choices import EMAIL_OFF_BY_DEFAULT, Kind
from chorus.notifications.forms import AnnouncementForm, NotificationPreferencesForm
from chorus.notifications.selectors import (
    announcements_published,
    notification_choices_of,
    notifications_all_off,
    notifications_of,
    notifications_unread_count,
)
from chorus.notifications.services import (
    announcement_create,
    notification_preferences_set,
    notification_unsubscribe,
    notifications_mark_read,
    unsubscribe_token_read,
)

LISTED = 50
PAGE_SIZE = 30


@owner_required
def announcements(request):
    """Write a message to every advocate, and see the ones sent before."""
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            announcement_create(by=request.user, **form.cleaned_data)
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(
                request, _("The announcement is published and on its way to the advocates.")
            )
            return redirect("notifications:announcements")
    return render(
        request,
        "notifications/announcements.html",
        {
            "form": form,
            "announcements": announcements_published().prefetch_related("departments", "locations")[
                :LISTED
            ],
        },
    )


@login_required
def notification_list(request):
    """A person's notifications, newest first; unread ones stand out."""
    page = Paginator(notifications_of(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": notifications_unread_count(user=request.user)},
    )


@login_required
@require_GET
def bell(request):
    """The top bar's bell with the unread count; base.html loads it lazily and every minute."""
    return render_partial(
        request,
        "notifications/bell.html",
        "bell",
        {"unread": notifications_unread_count(user=request.user)},
    )


@login_required
@require_POST
def mark_read(request):
    """Mark all (or the listed `ids`) as read, then back to the list."""
    ids = [
        int(i) for i in request.POST.getlist("ids") if i.isascii() and i.isdecimal() and len(i) < 19
    ] or None
    notifications_mark_read(user=request.user, ids=ids)
    return redirect("notifications:list")


@login_required
def notification_settings(request):
    """Which notifications a person gets, per kind and channel, or none at all."""
    form = NotificationPreferencesForm(
        request.POST or None,
        choices=notification_choices_of(user=request.user),
        initial={"all_off": notifications_all_off(user=request.user)},
    )
    if request.method == "POST" and form.is_valid():
        notification_preferences_set(
            user=request.user, choices=form.choices(), all_off=form.cleaned_data["all_off"]
        )
        messages.success(request, _("Your notification choices are saved."))
        return redirect("notifications:settings")
    email_off = [kind.label for kind in Kind if kind in EMAIL_OFF_BY_DEFAULT]
    return render(
        request, "notifications/settings.html", {"form": form, "email_off_by_default": email_off}
    )


@csrf_exempt  # the mail client's one-click POST (RFC 8058) carries no CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a button (link scanners fetch links: never unsubscribe on GET); POST, from that
    button or straight from the mail client, turns these e-mails off."""
    try:
        if request.method == "POST":
            user, kind = notification_unsubscribe(token=token)
        else:
            user, kind = unsubscribe_token_read(token=token)
    except ChorusError as error:
        return render(request, "notifications/unsubscribe.html", {"error": error}, status=400)
    context = {"kind": Kind(kind).label, "done": request.method == "POST", "email": user.email}
    return render(request, "notifications/unsubscribe.html", context)

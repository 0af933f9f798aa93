from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chorus.accounts.permissions import owner_required
from chorus.core.errors import ChorusError
from chorus.core.htmx import render_partial
from chorus.notifications.choices import EMAIL_OFF_BY_DEFAULT, Kind
from chorus.notifications.forms import (
    AnnouncementForm,
    ChatWebhookForm,
    NotificationPreferencesForm,
)
from chorus.notifications.models import ChatWebhook
from chorus.notifications.selectors import (
    announcements_published,
    chat_deliveries_troubled,
    chat_deliveries_waiting,
    chat_webhooks,
    notification_choices_of,
    notification_digest_of,
    notifications_all_off,
    notifications_of,
    notifications_unread_count,
)
from chorus.notifications.services import (
    announcement_create,
    chat_webhook_delete,
    chat_webhook_pause,
    chat_webhook_save,
    chat_webhook_test,
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
        initial={
            "all_off": notifications_all_off(user=request.user),
            "digest": notification_digest_of(user=request.user),
        },
    )
    if request.method == "POST" and form.is_valid():
        notification_preferences_set(
            user=request.user,
            choices=form.choices(),
            all_off=form.cleaned_data["all_off"],
            digest=form.cleaned_data["digest"] or None,
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


# Chat webhooks ---------------------------------------------------------------------------------


def _chat_context(form: ChatWebhookForm) -> dict:
    return {
        "form": form,
        "webhooks": list(chat_webhooks()),
        "troubled": chat_deliveries_troubled(),
        "waiting": chat_deliveries_waiting(),
    }


@owner_required
def chat(request):
    """The Slack and Teams channels news is posted to, how they are doing, and a form to add
    one. htmx refreshes the status part while messages are on their way."""
    form = ChatWebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            chat_webhook_save(by=request.user, **form.cleaned_data)
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The channel is added. Send a test message to check it."))
            return redirect("notifications:chat")
    return render_partial(request, "notifications/chat.html", "status", _chat_context(form))


@owner_required
def chat_edit(request, pk):
    webhook = get_object_or_404(ChatWebhook, pk=pk)
    form = ChatWebhookForm(request.POST or None, webhook=webhook)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            chat_webhook_save(
                by=request.user, webhook=webhook, **{**data, "url": data["url"] or webhook.url}
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The channel is saved."))
            return redirect("notifications:chat")
    return render(request, "notifications/chat_edit.html", {"form": form, "webhook": webhook})


@owner_required
@require_POST
def chat_action(request, pk, action):
    """Pause, turn on, delete or test a webhook. A test is only queued: the page never waits
    for the channel to answer."""
    webhook = get_object_or_404(ChatWebhook, pk=pk)
    try:
        if action == "pause":
            chat_webhook_pause(by=request.user, webhook=webhook, active=False)
            messages.success(
                request, _("Paused: nothing is posted to %(name)s.") % {"name": webhook.name}
            )
        elif action == "resume":
            chat_webhook_pause(by=request.user, webhook=webhook, active=True)
            messages.success(request, _("%(name)s is on again.") % {"name": webhook.name})
        elif action == "delete":
            chat_webhook_delete(by=request.user, webhook=webhook)
            messages.success(request, _("%(name)s is removed.") % {"name": webhook.name})
        elif action == "test":
            chat_webhook_test(by=request.user, webhook=webhook)
            messages.success(
                request,
                _("A test message is on its way to %(name)s. Its status shows below.")
                % {"name": webhook.name},
            )
        else:
            raise Http404
    except ChorusError as error:
        messages.error(request, error.message)
    return redirect("notifications:chat")

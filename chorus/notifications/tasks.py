"""Background work for notifications: doors into the services."""

import smtplib

from django.conf import settings
from django.contrib.sites.models import Site
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from chorus.accounts.models import User
from chorus.core.fetch import FetchError
from chorus.core.mail import NotificationEmail
from chorus.core.tasks import retry_later
from chorus.notifications.choices import Channel
from chorus.notifications.selectors import notification_channels_for
from chorus.notifications.services import (
    chat_delivery_send,
    notification_language,
    unsubscribe_token,
)


def _absolute(url: str) -> str:
    return settings.CHORUS_BASE_URL + url if url.startswith("/") else url


@task()
def notification_email_task(
    user_id: int, kind: str, title: str, body: str, url: str, attempt: int = 1
) -> bool:
    """E-mail one notice, already worded in the person's language, with a one-click unsubscribe
    (RFC 8058). Their choices are read again: an unsubscribe in between is honoured."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    if Channel.EMAIL not in notification_channels_for(user_ids=[user_id], kind=kind).get(
        user_id, set()
    ):
        return False
    token = unsubscribe_token(user_id=user_id, kind=kind)
    unsubscribe = _absolute(reverse("notifications:unsubscribe", args=[token]))
    with translation.override(notification_language(user)):
        context = {
            "user": user,
            "title": title,
            "body": body,
            "url": _absolute(url) if url else "",
            "program_name": Site.objects.get_current().name,
            "settings_url": _absolute(reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe,
        }
        text = render_to_string("notifications/email/notification_message.txt", context)
        html = render_to_string("notifications/email/notification_message.html", context)
    message = NotificationEmail(
        " ".join(title.split()),  # a subject is one line, whatever the title held
        text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        retry_later(
            notification_email_task, user_id, kind, title, body, url, attempt=attempt, error=error
        )
        raise
    return True


@task()
def chat_delivery_task(delivery_id: int, attempt: int = 1) -> bool:
    """Post one chat message. A failure is recorded by the service and retried later with
    back-off; after the last attempt the delivery stays failed."""
    try:
        delivery = chat_delivery_send(delivery_id=delivery_id, attempt=attempt)
    except FetchError as error:
        retry_later(chat_delivery_task, delivery_id, attempt=attempt, error=error)
        raise
    return delivery is not None

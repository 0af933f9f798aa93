"""Background work of the sharing app: doors into its services and mails."""

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from chorus.accounts.models import User
from chorus.core.tasks import retry_later
from chorus.notifications.services import notification_language
from chorus.program.selectors import program_settings_get
from chorus.sharing.models import ReactionFlag
from chorus.sharing.networks import REGISTRY


def _team_for(flag: ReactionFlag) -> list[int]:
    """Every active owner and curator but the reporter (they know already)."""
    return list(
        User.objects.filter(is_active=True, role__in=[User.Role.CURATOR, User.Role.OWNER])
        .exclude(pk=flag.reported_by_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@task()
def reaction_flag_alert_task(flag_id: int) -> int:
    """Alert the communications team to a hostile reaction: one e-mail per person, each sent
    and retried on its own, so a failure never mails the others twice."""
    flag = ReactionFlag.objects.filter(pk=flag_id).first()
    if flag is None or flag.resolved_at:
        return 0
    team = _team_for(flag)
    for user_id in team:
        reaction_flag_mail_task.enqueue(flag_id, user_id)
    return len(team)


@task()
def reaction_flag_mail_task(flag_id: int, user_id: int, attempt: int = 1) -> bool:
    """E-mail one owner or curator about a report, in their language; retries."""
    flag = (
        ReactionFlag.objects.select_related("share", "share__item", "reported_by")
        .filter(pk=flag_id)
        .first()
    )
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if flag is None or flag.resolved_at or user is None or not user.is_curator:
        return False
    program = program_settings_get()
    language = notification_language(user)
    network = REGISTRY.get(flag.share.network)
    with translation.override(language):
        context = {
            "flag": flag,
            "share": flag.share,
            "advocate": flag.reported_by.name,
            "network": network.name if network else flag.share.network,
            "recipient": user,
            "program_name": program.name,
            "url": settings.CHORUS_BASE_URL + reverse("sharing:flag-detail", args=[flag.pk]),
        }
        subject = render_to_string("sharing/email/reaction_flag_subject.txt", context)
        text = render_to_string("sharing/email/reaction_flag_message.txt", context)
        html = render_to_string("sharing/email/reaction_flag_message.html", context)
    subject = " ".join(subject.split())  # one line, whatever the advocate's name holds
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        retry_later(reaction_flag_mail_task, flag_id, user_id, attempt=attempt, error=error)
        raise
    return True

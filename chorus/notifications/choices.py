"""What a person can be notified about, and how: importable by the apps that send them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("A message from the program team")
    NEW_CONTENT = "new_content", _("New content in topics I follow")
    CAMPAIGN = "campaign", _("A campaign for me")
    SUGGESTION_DECIDED = "suggestion_decided", _("My suggestion approved or declined")
    QUESTION_ANSWERED = "question_answered", _("My question answered")
    FLAG_REPLY = "flag_reply", _("A reply to a reaction I reported")
    MILESTONE = "milestone", _("A milestone I reached")
    DIGEST = "digest", _("The digest of new content")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("E-mail")


class DigestFrequency(models.TextChoices):
    """How often a person gets the digest (chorus.digests) of the best new content."""

    WEEKLY = "weekly", _("Weekly")
    DAILY = "daily", _("Daily")
    OFF = "off", _("Never")


# Kinds that are only ever e-mailed: the digest is switched by its frequency, not per channel.
EMAIL_ONLY = frozenset({Kind.DIGEST})

# With no choice of their own, people get every kind in the app, and e-mails only about what
# concerns them personally: frequent kinds (new content, milestones) would flood the inbox.
EMAIL_OFF_BY_DEFAULT = frozenset({Kind.NEW_CONTENT, Kind.MILESTONE})


def enabled_by_default(kind: str, channel: str) -> bool:
    if kind in EMAIL_ONLY:
        return channel == Channel.EMAIL
    return channel == Channel.IN_APP or kind not in EMAIL_OFF_BY_DEFAULT

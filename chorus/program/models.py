"""The program as a whole."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import IsNull
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chorus.core.models import BaseModel
from chorus.program.choices import DEFAULT_NETWORKS, NETWORKS


def _default_networks():
    return list(DEFAULT_NETWORKS)


class ProgramSettings(BaseModel):
    """The one row of program-wide settings that owners edit (see program_settings_get)."""

    class Recognition(models.TextChoices):
        OFF = "off", _("Off")
        MILESTONES = "milestones", _("Milestones")
        LEADERBOARD = "leaderboard", _("Opt-in leaderboard")

    name = models.CharField(_("program name"), max_length=100, default="Chorus")
    logo = models.ImageField(_("logo"), upload_to="program/", blank=True)
    networks = models.JSONField(_("networks offered"), default=_default_networks)
    allowed_signup_domains = models.JSONField(
        _("e-mail domains that may sign up"), default=list, blank=True
    )
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    disclosure_tag = models.CharField(
        _("disclosure tag"),
        max_length=60,
        blank=True,
        help_text=_("Appended to every share of company content, e.g. #iworkatACME."),
    )
    company_domains = models.JSONField(
        _("company web domains"),
        default=list,
        blank=True,
        help_text=_("Links to these domains in advocates' own posts get a tracked link."),
    )

    individual_figures = models.BooleanField(
        _("individual figures visible to owners"),
        default=False,
        help_text=_("Off: dashboards show groups only, and hide any group of fewer than 5 people."),
    )
    emv_rates = models.JSONField(
        _("earned media value rates"),
        default=dict,
        blank=True,
        help_text=_("Per network: what a click and a thousand impressions would cost as ads."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    headcount = models.PositiveIntegerField(
        _("number of employees"),
        null=True,
        blank=True,
        help_text=_("The top of the participation funnel. Empty: the people Chorus knows."),
    )
    readiness_checklist = models.JSONField(
        _("readiness checklist"),
        default=dict,
        blank=True,
        help_text=_("The owner's answers to the readiness checklist, item key → ticked."),
    )
    recognition = models.CharField(
        _("recognition"), max_length=16, choices=Recognition.choices, default=Recognition.OFF
    )

    class Meta:
        verbose_name = _("program settings")
        verbose_name_plural = _("program settings")

    def __str__(self):
        return self.name

    @property
    def network_labels(self) -> list[str]:
        """The offered networks' names, in the registry's order."""
        return [label for key, label in NETWORKS if key in self.networks]


class PulseSurvey(BaseModel):
    """One round of the anonymous readiness pulse survey; at most one is open at a time."""

    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("pulse survey")
        verbose_name_plural = _("pulse surveys")
        constraints = [
            # Every open survey indexes the same value (true), so a second open one is refused.
            models.UniqueConstraint(
                IsNull(F("closed_at"), True),
                condition=Q(closed_at__isnull=True),
                name="one_open_pulse_survey",
            )
        ]

    def __str__(self):
        return f"{self.opened_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PulseResponse(models.Model):
    """One anonymous answer: no person, no time, a random key, so nothing points back to anyone.

    Department and location are copies of their names when answering, never links.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="responses")
    department = models.CharField(_("department"), max_length=120, blank=True)
    location = models.CharField(_("location"), max_length=120, blank=True)
    enps = models.PositiveSmallIntegerField(
        _("likelihood to recommend"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    answers = models.JSONField(_("answers"), default=dict)

    class Meta:
        # By the random key: rows never come back in the order people answered.
        ordering = ["id"]
        verbose_name = _("pulse response")
        verbose_name_plural = _("pulse responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(enps__gte=0, enps__lte=10), name="pulse_response_enps_0_to_10"
            )
        ]

    def __str__(self):
        return str(self.id)


class PulseParticipation(models.Model):
    """That a person answered a survey (not what, not when): it only stops a second answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pulse_participations"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("pulse participation")
        verbose_name_plural = _("pulse participations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_pulse_answer_per_person")
        ]

    def __str__(self):
        return f"{self.user} · {self.survey}"

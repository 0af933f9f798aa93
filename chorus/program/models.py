"""The program as a whole."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chorus.core.models import BaseModel
from chorus.program.choices import DEFAULT_NETWORKS, NETWORKS


def _default_networks():
    return list(DEFAULT_NETWORKS)


class ProgramSettings(BaseModel):
    """The one row of program-wide settings that owners edit (see program_settings_get)."""

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

    class Meta:
        verbose_name = _("program settings")
        verbose_name_plural = _("program settings")

    def __str__(self):
        return self.name

    @property
    def network_labels(self) -> list[str]:
        """The offered networks' names, in the registry's order."""
        return [label for key, label in NETWORKS if key in self.networks]

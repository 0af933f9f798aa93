"""Writes about the program."""

import re
from decimal import Decimal, InvalidOperation

from django.conf import settings as django_settings
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chorus.core.errors import ChorusError
from chorus.core.images import image_reencode
from chorus.program.choices import NETWORK_KEYS
from chorus.program.models import (
    ProgramSettings,
    PulseParticipation,
    PulseResponse,
    PulseSurvey,
)
from chorus.program.readiness import CHECKLIST_KEYS, QUESTION_KEYS
from chorus.program.selectors import CACHE_KEY, program_settings_get

DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def domains_parse(text: str, *, field: str = "allowed_signup_domains") -> list[str]:
    """Read one domain a line (or separated by commas), as people paste them; refuse nonsense."""
    domains = []
    for raw in re.split(r"[\s,;]+", text or ""):
        domain = raw.strip().lower().removeprefix("@")
        if not domain:
            continue
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            domain = ""
        if not DOMAIN_RE.match(domain):
            raise ChorusError(
                _("“%(domain)s” is not a domain name like example.com.") % {"domain": raw},
                code="domain_invalid",
                field=field,
            )
        if domain not in domains:
            domains.append(domain)
    return domains


def disclosure_tag_clean(text: str) -> str:
    """One short line; a bare word becomes a hashtag, as networks expect."""
    tag = " ".join((text or "").split())
    if len(tag) > 60:
        raise ChorusError(
            _("The disclosure tag can be at most 60 characters long."),
            code="disclosure_too_long",
            field="disclosure_tag",
        )
    if tag and " " not in tag and not tag.startswith("#"):
        tag = "#" + tag
    return tag


@transaction.atomic
def program_settings_update(
    *,
    name: str,
    networks: list[str],
    allowed_signup_domains: list[str],
    default_language: str,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
    disclosure_tag: str | None = None,
    company_domains: list[str] | None = None,
) -> ProgramSettings:
    """Change the program's settings; the program name also names the site in e-mails."""
    program = ProgramSettings.objects.select_for_update().get(pk=program_settings_get().pk)
    name = name.strip()
    if not name:
        raise ChorusError(_("The program needs a name."), code="name_missing", field="name")
    unknown = [network for network in networks if network not in NETWORK_KEYS]
    if unknown:
        raise ChorusError(_("Unknown network."), code="network_invalid", field="networks")
    if not networks:
        raise ChorusError(
            _("Offer at least one network."), code="networks_missing", field="networks"
        )
    if default_language not in dict(django_settings.LANGUAGES):
        raise ChorusError(_("Unknown language."), code="language_invalid", field="default_language")
    program.name = name[:100]
    program.networks = [key for key in NETWORK_KEYS if key in networks]
    program.allowed_signup_domains = allowed_signup_domains
    program.default_language = default_language
    if disclosure_tag is not None:
        program.disclosure_tag = disclosure_tag_clean(disclosure_tag)
    if company_domains is not None:
        program.company_domains = company_domains
    if remove_logo and program.logo:
        program.logo.delete(save=False)
    if logo is not None:
        try:
            reencoded = image_reencode(logo, max_side=512, name="logo")
        except ChorusError as error:
            error.field = "logo"
            raise
        program.logo.save(reencoded.name, reencoded, save=False)
    program.save()
    Site.objects.update_or_create(pk=django_settings.SITE_ID, defaults={"name": program.name})
    _settings_saved()
    return program


@transaction.atomic
def program_analytics_update(
    *,
    individual_figures: bool,
    emv_rates: dict,
    currency: str,
    headcount: int | None,
) -> ProgramSettings:
    """The dashboards' privacy, the earned-media-value rates per network and the headcount."""
    program = ProgramSettings.objects.select_for_update().get(pk=program_settings_get().pk)
    currency = currency.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise ChorusError(
            _("A currency is three letters, like EUR."), code="currency_invalid", field="currency"
        )
    if headcount is not None and headcount < 1:
        raise ChorusError(
            _("The number of employees is at least 1."), code="headcount_invalid", field="headcount"
        )
    rates = {}
    for key, pair in emv_rates.items():
        if key not in NETWORK_KEYS:
            raise ChorusError(_("Unknown network."), code="network_invalid")
        clean = {}
        for name in ("cpc", "cpm"):
            value = pair.get(name)
            if value in (None, ""):
                continue
            try:
                amount = Decimal(str(value))
            except InvalidOperation:
                amount = Decimal(-1)
            if not amount.is_finite() or amount < 0 or amount > 100_000:
                raise ChorusError(
                    _("A rate is an amount from 0 to 100,000."),
                    code="rate_invalid",
                    field=f"{name}_{key}",
                )
            clean[name] = str(amount.quantize(Decimal("0.01")))
        if clean:
            rates[key] = clean
    program.individual_figures = individual_figures
    program.emv_rates = rates
    program.currency = currency
    program.headcount = headcount
    program.save()
    _settings_saved()
    return program


def _settings_saved() -> None:
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    cache.delete(CACHE_KEY)


@transaction.atomic
def program_recognition_update(*, recognition: str) -> ProgramSettings:
    """Off, milestones, or an opt-in leaderboard."""
    if recognition not in ProgramSettings.Recognition.values:
        raise ChorusError(
            _("Choose off, milestones or the leaderboard."),
            code="recognition_invalid",
            field="recognition",
        )
    program = ProgramSettings.objects.select_for_update().get(pk=program_settings_get().pk)
    program.recognition = recognition
    program.save(update_fields=["recognition", "updated_at"])
    _settings_saved()
    return program


# The readiness check.


@transaction.atomic
def readiness_checklist_update(*, checklist: dict[str, bool]) -> ProgramSettings:
    """The owner's four ticks; items left out count as not ticked."""
    unknown = set(checklist) - set(CHECKLIST_KEYS)
    if unknown:
        raise ChorusError(_("Unknown checklist item."), code="checklist_invalid")
    program = ProgramSettings.objects.select_for_update().get(pk=program_settings_get().pk)
    program.readiness_checklist = {key: bool(checklist.get(key)) for key in CHECKLIST_KEYS}
    program.save(update_fields=["readiness_checklist", "updated_at"])
    _settings_saved()
    return program


@transaction.atomic
def pulse_survey_open(*, by) -> PulseSurvey:
    """Open a new round of the pulse survey; only one is open at a time."""
    if PulseSurvey.objects.filter(closed_at__isnull=True).exists():
        raise ChorusError(_("A pulse survey is already open."), code="survey_open")
    try:
        with transaction.atomic():
            return PulseSurvey.objects.create(opened_by=by)
    except IntegrityError:
        raise ChorusError(_("A pulse survey is already open."), code="survey_open") from None


@transaction.atomic
def pulse_survey_close(*, survey: PulseSurvey) -> PulseSurvey:
    """Stop taking answers; from now on the results show (for groups of 5 or more)."""
    survey = PulseSurvey.objects.select_for_update().get(pk=survey.pk)
    if survey.closed_at is not None:
        raise ChorusError(_("This survey is already closed."), code="survey_closed")
    survey.closed_at = timezone.now()
    survey.save(update_fields=["closed_at", "updated_at"])
    return survey


def _score(value, *, low: int, high: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ChorusError(
            _("Choose an answer from %(low)s to %(high)s.") % {"low": low, "high": high},
            code="answer_invalid",
            field=field,
        )
    return value


@transaction.atomic
def pulse_response_submit(
    *, survey: PulseSurvey, user, enps: int, answers: dict[str, int]
) -> PulseParticipation:
    """Record one anonymous answer and, apart from it, that this person has answered.

    The answer keeps the department's and location's names, never the person or the time.
    """
    survey = PulseSurvey.objects.select_for_update().get(pk=survey.pk)
    if survey.closed_at is not None:
        raise ChorusError(_("This survey is closed."), code="survey_closed")
    if survey.participations.filter(user=user).exists():
        raise ChorusError(_("You have already answered this survey."), code="already_answered")
    enps = _score(enps, low=0, high=10, field="enps")
    if set(answers) != set(QUESTION_KEYS):
        raise ChorusError(_("Please answer every question."), code="answer_missing")
    clean = {key: _score(answers[key], low=1, high=5, field=key) for key in QUESTION_KEYS}
    try:
        with transaction.atomic():
            participation = PulseParticipation.objects.create(survey=survey, user=user)
    except IntegrityError:
        raise ChorusError(
            _("You have already answered this survey."), code="already_answered"
        ) from None
    PulseResponse.objects.create(
        survey=survey,
        department=user.department.name if user.department_id else "",
        location=user.location.name if user.location_id else "",
        enps=enps,
        answers=clean,
    )
    return participation

"""Writes of campaigns: creating and changing them, and telling their audience they started."""

import datetime as dt
import re
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chorus.accounts.models import Department, Location, User
from chorus.campaigns.models import (
    GOAL_MAX,
    INTRO_MAX,
    LABEL_MAX,
    NAME_MAX,
    Campaign,
    program_today,
)
from chorus.campaigns.selectors import campaign_audience
from chorus.content.models import ContentItem
from chorus.core.errors import ChorusError, ForbiddenError
from chorus.core.markdown import plain_text
from chorus.notifications.choices import Kind
from chorus.notifications.services import Notice, chat_post, notify_each
from chorus.program.selectors import program_settings_get
from chorus.tracking.models import TrackedLink

LABEL_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


def _check_manager(by: User | None) -> None:
    if by is None or not (by.is_active and by.is_curator):
        raise ForbiddenError(
            _("Only curators and the program's owners manage campaigns."), code="forbidden"
        )


def label_default(*, pk: int, name: str) -> str:
    """`c7-march-jobs`: the campaign's number keeps it unique, the name keeps it readable."""
    words = slugify(name)[: LABEL_MAX - 10].strip("-")
    return f"c{pk}-{words}" if words else f"c{pk}"


def _check_label(label: str, *, campaign: Campaign | None) -> str:
    """A clean, unused utm_campaign value; a label stays once links carry it, so that all of a
    campaign's clicks stay under one name."""
    label = label.strip().lower()
    if campaign is not None and campaign.pk and label == campaign.utm_label:
        return label
    if not LABEL_RE.fullmatch(label) or len(label) > LABEL_MAX:
        raise ChorusError(
            _(
                "A label uses small letters a to z, digits and hyphens only (like "
                "march-jobs), at most %(count)d characters."
            )
            % {"count": LABEL_MAX},
            code="label_invalid",
            field="utm_label",
        )
    taken = Campaign.objects.filter(utm_label=label)
    if campaign is not None and campaign.pk:
        if TrackedLink.objects.filter(campaign=campaign.utm_label).exists():
            raise ChorusError(
                _("The label cannot change any more: shared links already carry it."),
                code="label_in_use",
                field="utm_label",
            )
        taken = taken.exclude(pk=campaign.pk)
    # Links already labelled so (an item's own label, or own posts) would mix their clicks in.
    if taken.exists() or TrackedLink.objects.filter(campaign=label).exists():
        raise ChorusError(
            _("This label is taken already: choose another."), code="label_taken", field="utm_label"
        )
    return label


def _check_fields(campaign: Campaign, items: list[ContentItem] | None) -> None:
    campaign.name = " ".join((campaign.name or "").split())
    campaign.intro = (campaign.intro or "").replace("\r\n", "\n").strip()
    if not campaign.name:
        raise ChorusError(_("Give the campaign a name."), code="name_missing", field="name")
    if len(campaign.name) > NAME_MAX:
        raise ChorusError(_("The name is too long."), code="name_too_long", field="name")
    if len(campaign.intro) > INTRO_MAX:
        raise ChorusError(
            _("The message is too long: at most %(count)d characters.") % {"count": INTRO_MAX},
            code="intro_too_long",
            field="intro",
        )
    if campaign.goal_metric not in Campaign.Metric.values:
        raise ChorusError(
            _("Choose what the goal counts."), code="metric_invalid", field="goal_metric"
        )
    target = campaign.goal_target
    if isinstance(target, bool) or not isinstance(target, int) or not 0 < target <= GOAL_MAX:
        raise ChorusError(
            _("The target is a whole number from 1 to %(max)s.") % {"max": f"{GOAL_MAX:,}"},
            code="target_invalid",
            field="goal_target",
        )
    if not isinstance(campaign.starts_on, dt.date) or not isinstance(campaign.ends_on, dt.date):
        raise ChorusError(
            _("Give the first and the last day."), code="dates_missing", field="starts_on"
        )
    if campaign.ends_on < campaign.starts_on:
        raise ChorusError(
            _("The last day cannot come before the first."),
            code="ends_before_start",
            field="ends_on",
        )
    if items is not None:
        if not items:
            raise ChorusError(
                _("Choose at least one item to share."), code="items_missing", field="items"
            )
        if any(not item.shareable for item in items):
            raise ChorusError(
                _("Internal items cannot be shared: leave them out."),
                code="item_not_shareable",
                field="items",
            )


def _save(campaign: Campaign) -> None:
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError:  # the same label saved meanwhile by someone else
        raise ChorusError(
            _("This label is taken already: choose another."), code="label_taken", field="utm_label"
        ) from None


@transaction.atomic
def campaign_create(
    *,
    by: User,
    name: str,
    goal_target: int,
    starts_on: dt.date,
    ends_on: dt.date,
    items: Iterable[ContentItem],
    goal_metric: str = Campaign.Metric.CLICKS,
    intro: str = "",
    departments: Iterable[Department] = (),
    locations: Iterable[Location] = (),
    utm_label: str = "",
) -> Campaign:
    """A new campaign; without a label of its own it gets one from its number and name. Its
    audience hears of it on its first day (campaigns_start_due)."""
    _check_manager(by)
    items = list(items)
    campaign = Campaign(
        name=name,
        intro=intro,
        goal_metric=goal_metric,
        goal_target=goal_target,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
    )
    _check_fields(campaign, items)
    if campaign.ends_on < program_today():
        raise ChorusError(
            _("The last day has passed already."), code="ends_in_past", field="ends_on"
        )
    label = (utm_label or "").strip()
    if label:
        campaign.utm_label = _check_label(label, campaign=None)
        _save(campaign)
    else:
        # The default label needs the number: a unique placeholder first, then the real one.
        campaign.utm_label = f"new-{uuid.uuid4().hex}"
        _save(campaign)
        try:
            label = _check_label(label_default(pk=campaign.pk, name=campaign.name), campaign=None)
        except ChorusError:  # someone chose this very label by hand: keep it readable anyway
            label = f"c{campaign.pk}-{uuid.uuid4().hex[:6]}"
        campaign.utm_label = label
        Campaign.objects.filter(pk=campaign.pk).update(utm_label=label)
    campaign.items.set(items)
    campaign.departments.set(departments)
    campaign.locations.set(locations)
    return campaign


CAMPAIGN_FIELDS = ("name", "intro", "goal_metric", "goal_target", "starts_on", "ends_on")


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    by: User,
    items: Iterable[ContentItem] | None = None,
    departments: Iterable[Department] | None = None,
    locations: Iterable[Location] | None = None,
    utm_label: str | None = None,
    **fields,
) -> Campaign:
    """Change a campaign. Its label may change only until links carry it."""
    _check_manager(by)
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"unknown campaign fields: {sorted(unknown)}")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    for name, value in fields.items():
        setattr(campaign, name, value)
    items = list(items) if items is not None else None
    _check_fields(campaign, items)
    if utm_label is not None:
        campaign.utm_label = _check_label(utm_label, campaign=campaign)
    _save(campaign)
    if items is not None:
        campaign.items.set(items)
    if departments is not None:
        campaign.departments.set(departments)
    if locations is not None:
        campaign.locations.set(locations)
    return campaign


# The start notice ---------------------------------------------------------------------------


def campaign_url(campaign: Campaign) -> str:
    return reverse("campaigns:detail", args=[campaign.pk])


def _start_notices(campaign: Campaign) -> list[Notice]:
    intro = Truncator(plain_text(campaign.intro)).chars(300)
    url = campaign_url(campaign)
    return [
        Notice(
            user_id=user_id,
            title=gettext_lazy("A campaign for you: %(name)s"),
            body="%(intro)s",  # the owners' words as they wrote them, whatever their % signs
            params={"name": campaign.name, "intro": intro},
            url=url,
            key=f"campaign:{campaign.pk}:{user_id}",
        )
        for user_id in campaign_audience(campaign=campaign).values_list("pk", flat=True)
    ]


def _chat_post_start(campaign: Campaign) -> int:
    """The campaign's start in the chat channels, worded in the program's language."""
    with translation.override(program_settings_get().default_language):
        title = _("A campaign starts: %(name)s") % {"name": campaign.name}
        goal = _("Goal: %(target)s %(metric)s by %(day)s.") % {
            "target": f"{campaign.goal_target:,}",
            "metric": Campaign.Metric(campaign.goal_metric).label.lower(),
            "day": campaign.ends_on.isoformat(),
        }
    intro = Truncator(plain_text(campaign.intro)).chars(600)
    return chat_post(
        event="campaign",
        title=title,
        text=f"{intro}\n\n{goal}" if intro else goal,
        url=settings.CHORUS_BASE_URL + campaign_url(campaign),
        key=f"campaign:{campaign.pk}",
    )


def campaigns_start_due(*, today: dt.date | None = None) -> int:
    """Tell the audience of each campaign that has begun (and not ended) that it is on, in the
    app and by e-mail as each chose, and post it to the chat channels; returns how many
    campaigns were announced. A campaign is announced once: the first run that marks it does
    it, and each notice and chat post has its own once-only key besides."""
    today = today or program_today()
    due = Campaign.objects.filter(
        start_noticed_at__isnull=True, starts_on__lte=today, ends_on__gte=today
    ).order_by("starts_on", "pk")
    announced = 0
    for campaign in due:
        with transaction.atomic():  # the mark, the notices and the chat posts commit together
            marked = Campaign.objects.filter(pk=campaign.pk, start_noticed_at__isnull=True).update(
                start_noticed_at=timezone.now()
            )
            if not marked:
                continue
            notify_each(kind=Kind.CAMPAIGN, notices=_start_notices(campaign))
            _chat_post_start(campaign)
            announced += 1
    return announced

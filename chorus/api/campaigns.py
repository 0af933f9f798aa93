"""/api/v1/campaigns: campaigns with their progress; every one for curators and owners, the
running ones meant for them for advocates."""

import datetime as dt

from ninja import Router, Schema

from chorus.accounts.selectors import user_is_advocate
from chorus.campaigns import selectors
from chorus.campaigns.models import Campaign
from chorus.campaigns.selectors import Progress

router = Router(tags=["campaigns"])

LISTED = 200


class GoalOut(Schema):
    metric: str  # clicks or shares
    target: int
    total: int
    percent: int
    reached: bool


class CampaignOut(Schema):
    id: int
    name: str
    intro: str
    status: str  # upcoming, running or ended
    starts_on: dt.date
    ends_on: dt.date
    utm_label: str
    goal: GoalOut


class DayOut(Schema):
    day: dt.date
    total: int  # the running total up to and including this day


class CampaignItemOut(Schema):
    id: int
    title: str
    url: str


class CampaignDetailOut(CampaignOut):
    departments: list[str]
    locations: list[str]
    items: list[CampaignItemOut]
    progress: list[DayOut]


def _goal(campaign: Campaign, progress: Progress) -> GoalOut:
    return GoalOut(
        metric=campaign.goal_metric,
        target=campaign.goal_target,
        total=progress.total,
        percent=progress.percent,
        reached=progress.reached,
    )


def _out(campaign: Campaign, progress: Progress) -> dict:
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "intro": campaign.intro,
        "status": campaign.status,
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "utm_label": campaign.utm_label,
        "goal": _goal(campaign, progress),
    }


@router.get("/campaigns", response=list[CampaignOut], summary="Campaigns and their progress")
def campaign_list(request, status: str = ""):
    """Curators and owners: every campaign (`status` = upcoming, running or ended narrows it).
    Advocates: the campaigns running now that are meant for them."""
    user = request.auth
    if user.is_curator:
        campaigns = selectors.campaigns_for_managers(status=status)[:LISTED]
    elif user_is_advocate(user=user):
        campaigns = selectors.campaigns_running_for(user=user)
    else:
        return []
    campaigns = selectors.campaigns_with_progress(campaigns)
    return [CampaignOut(**_out(c, c.progress)) for c in campaigns]


@router.get("/campaigns/{campaign_id}", response=CampaignDetailOut, summary="One campaign")
def campaign_get(request, campaign_id: int):
    """The campaign, its items (those in your feed, for advocates) and its running total day
    by day from its first day."""
    campaign = selectors.campaign_get_for_user(user=request.auth, pk=campaign_id)
    progress = selectors.campaign_progress(campaign=campaign)
    items = selectors.campaign_items_for(campaign=campaign, user=request.auth)
    return CampaignDetailOut(
        **_out(campaign, progress),
        departments=[d.name for d in campaign.departments.all()],
        locations=[location.name for location in campaign.locations.all()],
        items=[CampaignItemOut(id=i.pk, title=i.title, url=i.url) for i in items],
        progress=[DayOut(day=day, total=total) for day, total in progress.days],
    )

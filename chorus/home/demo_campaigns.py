"""The demo's campaigns: a hiring push that has been running for a week (500 clicks on the job
openings), so that its progress chart shows something, and the graduate programme's campaign,
which starts when that item is published.

The demo's shares are made first, at their invented times; the shares of the job openings made
since the push began are then counted for it, as they would have been (their links get its
label, and the dashboards are rebuilt to match). Loading it twice changes nothing: nothing
happens once any campaign exists."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from chorus.accounts.models import Location, User
from chorus.analytics.services import analytics_rebuild
from chorus.campaigns.models import Campaign, program_today
from chorus.campaigns.services import campaign_create
from chorus.content.models import ContentItem
from chorus.sharing.models import Share
from chorus.tracking.services import tracked_link_update

OWNER = "owner@example.com"
GRADUATES_URL = "https://careers.acme.example/graduates-2027"
HIRING_INTRO = (
    "We are growing, and the best people come through people we know. This month, let's get "
    "**500 people** to look at our open roles.\n\n"
    "Share the openings that fit your network, and say in a sentence what it is like to work "
    "with us. Referrals still earn the referral bonus."
)
GRADUATES_INTRO = (
    "Applications for the graduate programme are open. If you know someone finishing "
    "university, or studied somewhere with an alumni group, **this is the moment to pass it "
    "on**."
)


@transaction.atomic
def demo_campaigns_load() -> dict[str, int]:
    """Create the two demo campaigns once; returns how many campaigns and shares it counted."""
    created = {"campaigns": 0, "campaign_shares": 0}
    owner = User.objects.filter(email=OWNER).first()
    if owner is None or Campaign.objects.exists():
        return created
    today = program_today()
    jobs = list(
        ContentItem.objects.live()
        .filter(category=ContentItem.Category.JOB, shareable=True)
        .order_by("publish_at", "pk")
    )
    if jobs:
        hiring = campaign_create(
            by=owner,
            name="Hiring push: our open roles",
            intro=HIRING_INTRO,
            goal_metric=Campaign.Metric.CLICKS,
            goal_target=500,
            starts_on=today - dt.timedelta(days=7),
            ends_on=today + dt.timedelta(days=21),
            items=jobs,
            utm_label="hiring-push",
        )
        created["campaigns"] += 1
        created["campaign_shares"] = _count_for(hiring)
    graduates = ContentItem.objects.filter(url=GRADUATES_URL, publish_at__isnull=False).first()
    if graduates is not None:
        zone = timezone.get_default_timezone()
        first = max(timezone.localdate(graduates.publish_at, zone), today)
        campaign_create(
            by=owner,
            name="Graduate programme 2027",
            intro=GRADUATES_INTRO,
            goal_metric=Campaign.Metric.SHARES,
            goal_target=60,
            starts_on=first,
            ends_on=first + dt.timedelta(days=27),
            items=[graduates],
            locations=Location.objects.filter(name__in=["London", "Warsaw", "Bangkok"]),
        )
        created["campaigns"] += 1
    return created


def _count_for(campaign: Campaign) -> int:
    """Count the demo's shares of the campaign's items since its first day for it, as
    share_create would have at the time; returns how many."""
    start = dt.datetime.combine(
        campaign.starts_on, dt.time.min, tzinfo=timezone.get_default_timezone()
    )
    shares = list(
        Share.objects.filter(
            item__in=campaign.items.all(), created_at__gte=start, link__created_at__gte=start
        ).select_related("link")
    )
    for link in {share.link for share in shares if share.link_id}:
        tracked_link_update(link=link, campaign=campaign.utm_label)
    Share.objects.filter(pk__in=[share.pk for share in shares]).update(campaign=campaign)
    if shares:
        analytics_rebuild()  # the campaign dimension now reads the campaign's label
    return len(shares)

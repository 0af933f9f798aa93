"""The campaign breakdown names a campaign's shares by the campaign, other shares by their item."""

import datetime as dt

import pytest

from chorus.analytics.models import Dim
from chorus.analytics.selectors import Period, breakdown
from chorus.analytics.services import analytics_update_all
from chorus.campaigns.models import program_today
from chorus.campaigns.services import campaign_create
from chorus.content.tests.factories import ContentItemFactory
from chorus.sharing.services import share_create

pytestmark = pytest.mark.django_db


def test_the_campaign_breakdown_shows_the_campaigns_name(advocate, owner):
    job = ContentItemFactory(title="Senior Backend Engineer")
    news = ContentItemFactory(title="Our new office")
    today = program_today()
    campaign_create(
        by=owner,
        name="Job openings in March",
        goal_target=100,
        starts_on=today,
        ends_on=today + dt.timedelta(days=5),
        items=[job],
        utm_label="march-jobs",
    )
    share_create(advocate=advocate, item=job, network="x", text="We are hiring!")
    share_create(advocate=advocate, item=news, network="x", text="Look!")
    analytics_update_all()
    rows = breakdown(Dim.CAMPAIGN, Period.last(7), individuals=True)
    assert {row.key: row.label for row in rows} == {
        "march-jobs": "Job openings in March",
        news.slug: "Our new office",
    }

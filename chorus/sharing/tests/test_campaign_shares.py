"""A share of a campaign's item by an advocate of its audience during its dates counts for it:
the share names the campaign and its link carries the campaign's label as utm_campaign."""

import datetime as dt

import pytest

from chorus.accounts.tests.factories import DepartmentFactory
from chorus.campaigns.models import Campaign, program_today
from chorus.campaigns.services import campaign_create
from chorus.content.tests.factories import ContentItemFactory
from chorus.sharing.services import share_create

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _campaign(owner, item, *, start=0, end=13, **fields) -> Campaign:
    today = program_today()
    values = {
        "name": "Job openings in March",
        "goal_target": 500,
        "starts_on": today + start * DAY,
        "ends_on": today + end * DAY,
        "items": [item],
        "utm_label": "march-jobs",
    }
    return campaign_create(by=owner, **(values | fields))


def test_a_share_during_a_campaign_carries_its_label(advocate, owner, item):
    campaign = _campaign(owner, item)
    share = share_create(advocate=advocate, item=item, network="x", text="We are hiring!")
    assert share.campaign == campaign
    assert share.link.campaign == "march-jobs"
    assert "utm_campaign=march-jobs" in share.link.target_url
    assert "utm_source=x" in share.link.target_url
    assert f"utm_content={share.pk}" in share.link.target_url


def test_a_share_before_or_after_a_campaign_keeps_the_items_label(advocate, owner, item):
    upcoming = _campaign(owner, item, start=1)
    share = share_create(advocate=advocate, item=item, network="x", text="We are hiring!")
    assert share.campaign is None
    assert share.link.campaign == item.slug
    assert "utm_campaign=march-jobs" not in share.link.target_url
    Campaign.objects.filter(pk=upcoming.pk).update(
        starts_on=program_today() - 9 * DAY, ends_on=program_today() - DAY
    )
    again = share_create(advocate=advocate, item=item, network="x", text="Still hiring!")
    assert again.campaign is None
    assert again.link_id == share.link_id


def test_a_share_outside_the_audience_or_of_another_item_does_not_count(advocate, owner, item):
    _campaign(owner, item, departments=[DepartmentFactory(name="Sales")])
    share = share_create(advocate=advocate, item=item, network="x", text="We are hiring!")
    assert share.campaign is None
    assert share.link.campaign == item.slug
    other = ContentItemFactory(title="Our new office")
    elsewhere = share_create(advocate=advocate, item=other, network="x", text="Look!")
    assert elsewhere.campaign is None
    assert elsewhere.link.campaign == other.slug


def test_the_campaign_gets_its_own_link_and_keeps_it(advocate, owner, item):
    before = share_create(advocate=advocate, item=item, network="linkedin", text="Hiring")
    campaign = _campaign(owner, item)
    during = share_create(advocate=advocate, item=item, network="linkedin", text="Hiring!")
    again = share_create(advocate=advocate, item=item, network="linkedin", text="Hiring!!")
    assert during.link_id != before.link_id
    assert again.link_id == during.link_id
    assert (during.campaign, again.campaign) == (campaign, campaign)
    assert before.link.campaign == item.slug
    assert during.link.campaign == "march-jobs"

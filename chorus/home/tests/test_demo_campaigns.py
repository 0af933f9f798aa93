"""The demo's campaigns: a hiring push a week in, whose progress equals a direct count of its
links' clicks, and a campaign that has not started yet."""

import pytest
from django.db import transaction
from django.urls import reverse

from chorus.accounts.models import User
from chorus.analytics.models import Dim
from chorus.analytics.selectors import Period, totals
from chorus.campaigns.models import Campaign
from chorus.campaigns.selectors import campaign_progress
from chorus.home.demo import demo_load
from chorus.sharing.models import Share
from chorus.tracking.models import Click, LinkDay

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_load()
        transaction.set_rollback(True)


def test_the_demo_has_a_running_and_an_upcoming_campaign(demo):
    assert demo["campaigns"] == 2
    statuses = {c.utm_label: c.status for c in Campaign.objects.all()}
    assert statuses["hiring-push"] == Campaign.Status.RUNNING
    assert sorted(statuses.values()) == [Campaign.Status.RUNNING, Campaign.Status.UPCOMING]


def test_the_hiring_push_has_shares_and_clicks_over_several_days(demo):
    hiring = Campaign.objects.get(utm_label="hiring-push")
    shares = Share.objects.filter(campaign=hiring).select_related("link")
    assert demo["campaign_shares"] == shares.count() >= 5
    assert all(share.link.campaign == "hiring-push" for share in shares)
    assert all("utm_campaign=hiring-push" in share.link.target_url for share in shares)
    progress = campaign_progress(campaign=hiring)
    counted = Click.objects.filter(link__campaign="hiring-push", counted=True, kind="human")
    assert progress.total == counted.count() > 50
    days = LinkDay.objects.filter(link__campaign="hiring-push")
    assert progress.total == sum(day.clicks for day in days)
    assert len(progress.days) == 8
    assert len({total for _day, total in progress.days}) >= 3  # it grows over the days
    # The dashboards were rebuilt: the campaign dimension knows the label.
    figures = totals(Period.last(30), dim=Dim.CAMPAIGN, key="hiring-push")
    assert (figures.shares, figures.clicks) == (shares.count(), progress.total)


def test_the_demo_owner_sees_the_campaign_pages(demo, client):
    client.force_login(User.objects.get(email="owner@example.com"))
    hiring = Campaign.objects.get(utm_label="hiring-push")
    assert "Hiring push" in client.get(reverse("campaigns:list")).content.decode()
    page = client.get(reverse("campaigns:detail", args=[hiring.pk])).content.decode()
    assert "campaignchart__now" in page

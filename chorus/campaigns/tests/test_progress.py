"""Progress over time equals a direct count of the campaign's links and their daily clicks."""

import datetime as dt

import pytest
from django.utils import timezone

from chorus.campaigns.charts import progress_chart
from chorus.campaigns.models import Campaign, program_today
from chorus.campaigns.selectors import campaign_progress, campaigns_progress
from chorus.campaigns.tests.factories import campaign_make
from chorus.tracking.models import LinkDay, TrackedLink
from chorus.tracking.services import tracked_link_create

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def link(label: str, *, made: dt.date | None = None) -> TrackedLink:
    link = tracked_link_create(
        destination="https://careers.acme.test/7", source="x", campaign=label
    )
    if made is not None:
        at = dt.datetime.combine(made, dt.time(12), tzinfo=timezone.get_default_timezone())
        TrackedLink.objects.filter(pk=link.pk).update(created_at=at)
    return link


def clicks(link: TrackedLink, day: dt.date, count: int) -> None:
    LinkDay.objects.create(link=link, day=day, clicks=count, previews=3, bots=2)


def test_clicks_add_up_day_by_day_from_the_rollups(owner, item):
    today = program_today()
    campaign = campaign_make(by=owner, items=[item], days_ago=4, days=10, utm_label="jobs")
    first, second = link("jobs"), link("jobs")
    other = link("something-else")
    clicks(first, today - 4 * DAY, 5)
    clicks(first, today - 2 * DAY, 7)
    clicks(second, today - 2 * DAY, 1)
    clicks(second, today, 4)
    clicks(other, today - 2 * DAY, 100)
    progress = campaign_progress(campaign=campaign)
    assert progress.days == [
        (today - 4 * DAY, 5),
        (today - 3 * DAY, 5),
        (today - 2 * DAY, 13),
        (today - DAY, 13),
        (today, 17),
    ]
    direct = sum(
        d.clicks for d in LinkDay.objects.filter(link__campaign="jobs", day__lte=campaign.ends_on)
    )
    assert progress.total == direct == 17
    assert progress.rows[2] == (today - 2 * DAY, 8, 13)
    assert (progress.percent, progress.reached) == (3, False)


def test_only_the_campaigns_dates_count(owner, item):
    today = program_today()
    campaign = campaign_make(by=owner, items=[item], days_ago=6, days=7, utm_label="jobs")
    Campaign.objects.filter(pk=campaign.pk).update(ends_on=today - 4 * DAY)  # ended since
    campaign.refresh_from_db()
    shared = link("jobs")
    clicks(shared, today - 7 * DAY, 2)  # the evening before in UTC: counts on the first day
    clicks(shared, today - 5 * DAY, 3)
    clicks(shared, today - 3 * DAY, 50)  # after the last day
    progress = campaign_progress(campaign=campaign)
    assert progress.days == [(today - 6 * DAY, 2), (today - 5 * DAY, 5), (today - 4 * DAY, 5)]
    assert progress.total == 5
    assert campaign.status == Campaign.Status.ENDED


def test_an_upcoming_campaign_has_no_progress_yet(owner, item):
    campaign = campaign_make(by=owner, items=[item], days_ago=-2, utm_label="soon")
    clicks(link("soon"), program_today(), 9)
    progress = campaign_progress(campaign=campaign)
    assert (progress.days, progress.total) == ([], 0)


def test_shares_are_the_links_made_each_day(owner, item):
    today = program_today()
    campaign = campaign_make(
        by=owner,
        items=[item],
        days_ago=2,
        goal_metric=Campaign.Metric.SHARES,
        goal_target=3,
        utm_label="jobs",
    )
    link("jobs", made=today - 2 * DAY)
    link("jobs", made=today)
    link("jobs", made=today)
    link("other", made=today)
    progress = campaign_progress(campaign=campaign)
    assert progress.days == [(today - 2 * DAY, 1), (today - DAY, 1), (today, 3)]
    assert progress.total == TrackedLink.objects.filter(campaign="jobs").count() == 3
    assert (progress.percent, progress.reached) == (100, True)


def test_the_progress_of_many_campaigns_takes_a_query_per_metric(
    owner, item, django_assert_num_queries
):
    today = program_today()
    campaigns = [
        campaign_make(by=owner, items=[item], days_ago=n, utm_label=f"c-{n}") for n in range(4)
    ]
    shares = campaign_make(
        by=owner, items=[item], goal_metric=Campaign.Metric.SHARES, utm_label="s"
    )
    for n, campaign in enumerate(campaigns):
        clicks(link(campaign.utm_label), today, n + 1)
    link("s")
    with django_assert_num_queries(2):
        found = campaigns_progress([*campaigns, shares])
    for campaign in [*campaigns, shares]:
        assert found[campaign.pk] == campaign_progress(campaign=campaign)
    assert [found[c.pk].total for c in campaigns] == [1, 2, 3, 4]
    assert found[shares.pk].total == 1


def test_the_chart_spans_the_whole_campaign_and_marks_the_goal(owner, item):
    today = program_today()
    campaign = campaign_make(by=owner, items=[item], days_ago=2, days=5, goal_target=10)
    shared = link(campaign.utm_label)
    clicks(shared, today - DAY, 4)
    clicks(shared, today, 4)
    chart = progress_chart(campaign, campaign_progress(campaign=campaign))
    points = [p.split(",") for p in chart.line.removeprefix("M").split(" L")]
    assert len(points) == 3  # the first day, yesterday, today: the days to come stay empty
    xs = [float(x) for x, _y in points]
    ys = [float(y) for _x, y in points]
    assert xs == sorted(xs)
    assert xs[0] == chart.plot_left
    assert ys[0] == chart.plot_bottom  # nothing on the first day
    assert ys[1] > ys[2] > chart.goal_y  # rising, still below the goal (SVG y grows downwards)
    end_x, end_y = chart.pace.rsplit(" L", 1)[1].split(",")
    assert (float(end_x), float(end_y)) == (chart.plot_right, chart.goal_y)
    assert chart.xlabels[0].x == chart.plot_left

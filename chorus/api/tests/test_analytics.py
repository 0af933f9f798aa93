"""/api/v1/analytics: the same figures as the dashboards, for the same filters."""

import datetime as dt

import pytest

from chorus.accounts import services
from chorus.analytics.models import Dim
from chorus.analytics.selectors import Period, today
from chorus.analytics.tests import conftest as analytics_fixtures
from chorus.analytics.tests.raw import Raw

# The analytics tests' world (a program alive for 100 days) and its local click journal.
world = analytics_fixtures.world
_links = analytics_fixtures._links

PROGRAM = "/api/v1/analytics/program"
ME = "/api/v1/analytics/me"
METRICS = ("shares", "clicks", "previews", "reach")


def bearer(user) -> dict:
    _row, token = services.api_token_create(user=user, name="analytics")
    return {"Authorization": f"Bearer {token}"}


def filters() -> list[tuple[dict, Period]]:
    start, end = today() - dt.timedelta(days=60), today() - dt.timedelta(days=20)
    return [
        ({}, Period.last(30)),
        ({"days": "7"}, Period.last(7)),
        ({"days": "30"}, Period.last(30)),
        ({"days": "90"}, Period.last(90)),
        (
            {"days": "custom", "start": start.isoformat(), "end": end.isoformat()},
            Period(start, end),
        ),
    ]


def figures(answer: dict) -> tuple:
    return tuple(answer[metric] for metric in METRICS)


def test_an_advocate_and_a_curator_are_refused_the_programs_figures(
    client, login, advocate, curator
):
    response = client.get(PROGRAM, headers=bearer(advocate))
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only the program's owners see its figures.",
        "code": "forbidden",
    }
    assert login(curator).get(PROGRAM).status_code == 403


def test_without_a_token_the_analytics_answer_401(client, db):
    for url in (PROGRAM, ME):
        for headers in ({}, {"Authorization": "Bearer chorus_wrong"}):
            response = client.get(url, headers=headers)
            assert response.status_code == 401, url
            assert response.json()["code"] == "unauthorized"


def test_both_answers_equal_a_direct_count_for_the_same_filters(world, client, login, owner):
    raw = Raw()
    me = world.advocates[0]
    owner_headers = bearer(owner)
    mine = login(me)  # the session works as well as a token
    for params, period in filters():
        before = period.previous()
        answer = client.get(PROGRAM, params, headers=owner_headers)
        assert answer.status_code == 200, params
        program = answer.json()
        assert program["period"] == {"start": str(period.start), "end": str(period.end)}
        assert figures(program) == raw.figures(period.start, period.end), params
        assert figures(program["previous"]) == raw.figures(before.start, before.end), params
        assert program["advocates_active"] == raw.active(period.start, period.end)
        assert [(d["day"], figures(d)) for d in program["days"]] == [
            (day.isoformat(), counted) for day, counted in raw.day_by_day(period.start, period.end)
        ]
        networks = {row["key"]: figures(row) for row in program["breakdowns"]["network"]}
        people = raw.people(Dim.NETWORK)
        assert networks == {
            key: counted
            for key, counted in raw.by(Dim.NETWORK, period.start, period.end).items()
            if people[key] >= 5
        }
        shares = program["shares"]
        assert program["clicks_per_share"] == (program["clicks"] / shares if shares else None)

        key = str(me.pk)
        answer = mine.get(ME, params)
        assert answer.status_code == 200, params
        personal = answer.json()
        assert personal["period"] == program["period"]
        assert figures(personal) == raw.figures(period.start, period.end, Dim.ADVOCATE, key)
        assert figures(personal["previous"]) == raw.figures(
            before.start, before.end, Dim.ADVOCATE, key
        )
        assert sum(hour["clicks"] for hour in personal["hours"]) == personal["clicks"]
        mine_only = {share.pk for share in raw.shares if share.advocate_id == me.pk}
        assert {post["share_id"] for post in personal["best_posts"]} <= mine_only


@pytest.mark.parametrize("url", [PROGRAM, ME])
@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"days": "custom", "start": "2025-03-10", "end": "2025-03-01"}, "before the first"),
        ({"days": "custom", "start": "2025-03-10"}, "both a first and a last day"),
        ({"days": "custom", "start": "2025-03-10", "end": "2999-01-01"}, "in the future"),
        ({"days": "custom", "start": "2023-01-01", "end": "2025-01-01"}, "at most 366 days"),
        ({"days": "12"}, "12"),
    ],
)
def test_a_bad_period_answers_400_with_a_reason(client, owner, url, params, reason):
    response = client.get(url, params, headers=bearer(owner))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_period"
    assert reason in body["detail"]

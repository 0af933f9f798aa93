"""Recognition: milestones reached once each at real steps of progress, and the opt-in
leaderboard, both only when the owner turned recognition on."""

import datetime as dt
import itertools
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chorus.academy.models import Course, Lesson, LessonProgress, Onboarding
from chorus.academy.services.guidelines import guidelines_accept
from chorus.accounts import services as accounts_services
from chorus.accounts.models import AdvocacyMembership, Department
from chorus.accounts.services import membership_join
from chorus.accounts.tests.factories import UserFactory
from chorus.analytics.choices import MILESTONES, MilestoneKey
from chorus.analytics.models import Milestone, RecognitionPreference
from chorus.analytics.selectors import Period, leaderboard, milestones_of
from chorus.analytics.services import (
    analytics_update_all,
    leaderboard_visibility_set,
    milestones_update,
)
from chorus.analytics.tasks import milestones_update_task
from chorus.analytics.tests.conftest import program_set
from chorus.content.services import suggestion_approve, suggestion_create
from chorus.content.tests.factories import ContentItemFactory
from chorus.sharing.models import Share
from chorus.sharing.services import share_create
from chorus.tracking.models import Click
from chorus.tracking.services import clicks_store
from chorus.tracking.tests.helpers import CHROME

ME = reverse("analytics:me")
BOARD = reverse("analytics:leaderboard")
VISIBILITY = reverse("analytics:leaderboard-visibility")
OFF, MILESTONES_ONLY, LEADERBOARD = "off", "milestones", "leaderboard"
_visitors = itertools.count()


def shared(user, *, days_ago: float = 10, network: str = "linkedin") -> Share:
    share = share_create(advocate=user, item=ContentItemFactory(), network=network, text="Mine.")
    at = timezone.now() - dt.timedelta(days=days_ago)
    Share.objects.filter(pk=share.pk).update(created_at=at)
    share.created_at = at
    return share


def clicked(share: Share, count: int, *, days_ago: float = 1) -> None:
    """`count` people (each a new visitor) open the share's link, then the rollups catch up."""
    at = timezone.now() - dt.timedelta(days=days_ago)
    rows = [
        (at + dt.timedelta(seconds=n % 600), share.link_id, f"v{next(_visitors)}", "", CHROME)
        for n in range(count)
    ]
    with transaction.atomic():
        clicks_store(rows)
    analytics_update_all(share_lookback=None)


def counted() -> None:
    analytics_update_all(share_lookback=None)


def reached(user) -> set[str]:
    return set(Milestone.objects.filter(user=user).values_list("key", flat=True))


def member(name: str, department: Department | None = None):
    user = UserFactory(display_name=name, department=department)
    guidelines_accept(user=user)
    membership_join(user=user)
    return user


def bearer(user) -> dict:
    _row, token = accounts_services.api_token_create(user=user, name="recognition")
    return {"Authorization": f"Bearer {token}"}


# --- milestones ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "threshold"),
    [(MilestoneKey.FIRST_SHARE, 1), (MilestoneKey.SHARES_10, 10)],
)
def test_a_share_milestone_is_reached_at_its_threshold_and_not_one_share_before(
    advocate, key, threshold
):
    for _n in range(threshold - 1):
        shared(advocate)
    counted()
    milestones_update()
    assert key not in reached(advocate)
    shared(advocate)
    counted()
    milestones_update()
    assert key in reached(advocate)


@pytest.mark.parametrize(
    ("key", "threshold"),
    [
        (MilestoneKey.FIRST_CLICK, 1),
        (MilestoneKey.CLICKS_100, 100),
        (MilestoneKey.CLICKS_1000, 1000),
    ],
)
def test_a_click_milestone_is_reached_at_its_threshold_and_not_one_click_before(
    advocate, key, threshold
):
    share = shared(advocate)
    counted()
    milestones_update()
    assert reached(advocate) == {MilestoneKey.FIRST_SHARE}
    if threshold > 1:
        clicked(share, threshold - 1)
        milestones_update()
        assert key not in reached(advocate)
    clicked(share, 1)
    milestones_update()
    assert key in reached(advocate)


def test_previews_and_repeat_clicks_by_the_same_person_do_not_count_towards_clicks(advocate):
    share = shared(advocate)
    at = timezone.now() - dt.timedelta(days=1)
    rows = [(at, share.link_id, "same", "", CHROME)] * 3
    rows += [(at, share.link_id, "bot", "", "LinkedInBot/1.0 (compatible; Mozilla/5.0)")] * 5
    with transaction.atomic():
        clicks_store(rows)
    counted()
    assert Click.objects.filter(link_id=share.link_id).count() == 8
    milestones_update()
    assert MilestoneKey.FIRST_CLICK in reached(advocate)
    assert milestones_of(user=advocate).next[0].value == 1  # 1 of 100 clicks


def test_a_click_milestone_is_dated_by_the_day_the_running_total_crossed_it(advocate):
    share = shared(advocate, days_ago=10)
    clicked(share, 60, days_ago=5)
    clicked(share, 40, days_ago=2)
    milestones_update()
    dates = dict(Milestone.objects.filter(user=advocate).values_list("key", "reached_at"))
    now = timezone.now()
    assert dates[MilestoneKey.FIRST_SHARE].date() == (now - dt.timedelta(days=10)).date()
    assert dates[MilestoneKey.FIRST_CLICK].date() == (now - dt.timedelta(days=5)).date()
    assert dates[MilestoneKey.CLICKS_100].date() == (now - dt.timedelta(days=2)).date()


def _course(*, lessons: int, hidden: int = 0, required: int = 0) -> list[Lesson]:
    course = Course.objects.create(key=f"course-{next(_visitors)}", position=99)
    made = [
        Lesson.objects.create(course=course, key=f"l{n}", position=n, required=n < required)
        for n in range(lessons)
    ]
    for n in range(hidden):  # unpublished: not part of finishing the course
        Lesson.objects.create(course=course, key=f"hidden{n}", is_published=False)
    return made


def _done(user, lesson, *, days_ago: float = 0):
    LessonProgress.objects.create(
        user=user, lesson=lesson, completed_at=timezone.now() - dt.timedelta(days=days_ago)
    )


def test_the_first_course_milestone_comes_with_the_last_lesson_of_a_whole_course(advocate):
    first, second = _course(lessons=2, hidden=1)
    other = _course(lessons=3)
    _done(advocate, first, days_ago=4)
    _done(advocate, other[0], days_ago=4)
    milestones_update()
    assert MilestoneKey.FIRST_COURSE not in reached(advocate)
    state = {m.key: m for m in milestones_of(user=advocate).next}[MilestoneKey.FIRST_COURSE]
    assert (state.value, state.target) == (1, 2)
    _done(advocate, second, days_ago=3)
    milestones_update()
    milestone = Milestone.objects.get(user=advocate, key=MilestoneKey.FIRST_COURSE)
    assert milestone.reached_at.date() == (timezone.now() - dt.timedelta(days=3)).date()


def test_onboarding_done_is_reached_when_onboarding_is_complete(advocate):
    onboarding = Onboarding.objects.create(user=advocate)
    milestones_update()
    assert MilestoneKey.ONBOARDING_DONE not in reached(advocate)
    onboarding.completed_at = timezone.now() - dt.timedelta(hours=5)
    onboarding.save()
    milestones_update()
    milestone = Milestone.objects.get(user=advocate, key=MilestoneKey.ONBOARDING_DONE)
    assert milestone.reached_at == onboarding.completed_at


def test_a_suggestion_counts_once_its_item_is_published_not_when_approved(advocate, curator):
    suggestion = suggestion_create(
        suggested_by=advocate, url="https://acme.test/story", text="Our team's story."
    )
    milestones_update()
    assert reached(advocate) == set()
    item = suggestion_approve(suggestion=suggestion, by=curator)  # a draft for the curator
    milestones_update()
    assert reached(advocate) == set()
    item.publish_at = timezone.now() + dt.timedelta(days=1)
    item.save()
    milestones_update()
    assert reached(advocate) == set()
    item.publish_at = timezone.now() - dt.timedelta(minutes=1)
    item.save()
    milestones_update()
    assert reached(advocate) == {MilestoneKey.FIRST_SUGGESTION_PUBLISHED}


def test_updating_twice_records_nothing_new_and_keeps_what_was_seen(advocate):
    share = shared(advocate)
    clicked(share, 5)
    assert milestones_update() == 2
    Milestone.objects.filter(user=advocate).update(seen_at=timezone.now())
    rows = list(Milestone.objects.order_by("pk").values_list("pk", "key", "reached_at", "seen_at"))
    assert milestones_update() == 0
    assert milestones_update(users=[advocate]) == 0
    assert (
        list(Milestone.objects.order_by("pk").values_list("pk", "key", "reached_at", "seen_at"))
        == rows
    )


def test_only_people_in_the_program_reach_milestones_and_users_narrows_the_update(advocate):
    other = member("Olga Other")
    left = member("Leo Left")
    for person in (advocate, other, left):
        shared(person)
    counted()
    AdvocacyMembership.objects.filter(user=left).update(left_at=timezone.now())
    assert milestones_update(users=[other]) == 1
    assert reached(advocate) == set()
    assert milestones_update() == 1
    assert reached(advocate) == reached(other) == {MilestoneKey.FIRST_SHARE}
    assert reached(left) == set()


def test_the_next_milestones_follow_each_other_with_progress(advocate):
    share = shared(advocate)
    clicked(share, 63)
    milestones_update()
    board = milestones_of(user=advocate)
    assert [m.key for m in board.reached] == [MilestoneKey.FIRST_SHARE, MilestoneKey.FIRST_CLICK]
    ahead = {m.key: (m.value, m.target) for m in board.next}
    assert ahead[MilestoneKey.CLICKS_100] == (63, 100)
    assert ahead[MilestoneKey.SHARES_10] == (1, 10)
    assert MilestoneKey.CLICKS_1000 not in ahead  # not before the first hundred
    assert board.next[0].key == MilestoneKey.CLICKS_100  # the closest first


def test_every_milestone_has_a_label_and_a_warm_line():
    assert len(MILESTONES) == len(MilestoneKey.choices) == 8
    for kind in MILESTONES:
        assert kind.label
        assert len(str(kind.text)) > 20


# --- the periodic job ---------------------------------------------------------------------


def test_the_job_records_nothing_while_recognition_is_off(advocate):
    shared(advocate)
    counted()
    out = call_command_out("update_milestones")
    assert "off" in out
    assert milestones_update_task.call() == 0
    assert not Milestone.objects.exists()
    program_set(recognition=MILESTONES_ONLY)
    assert "1 milestones reached" in call_command_out("update_milestones")
    assert milestones_update_task.call() == 0
    assert reached(advocate) == {MilestoneKey.FIRST_SHARE}


def call_command_out(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_job_runs_every_five_minutes(settings):
    assert settings.CHORUS_PERIODIC_JOBS["update_milestones"] == 300


# --- the card on My influence -------------------------------------------------------------


def test_with_recognition_off_my_influence_shows_no_milestones_and_computes_none(login, advocate):
    shared(advocate)
    counted()
    milestones_update()
    client = login(advocate)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(ME).content.decode()
    assert "Milestones" not in page
    assert not [q for q in queries if "analytics_milestone" in q["sql"]]
    assert "First share" not in page


def test_new_milestones_are_highlighted_once_then_marked_seen(login, advocate):
    program_set(recognition=MILESTONES_ONLY)
    share = shared(advocate)
    clicked(share, 63)
    milestones_update()
    client = login(advocate)
    page = client.get(ME).content.decode()
    assert "Milestones" in page
    assert page.count("milestone--new") == 2
    assert "You reached 2 new milestones" in page
    assert "63 of 100" in page
    assert not Milestone.objects.filter(seen_at__isnull=True).exists()
    again = client.get(ME).content.decode()
    assert "milestone--new" not in again
    assert "First share" in again
    assert "First click" in again
    assert BOARD not in again  # no leaderboard with milestones only


# --- the leaderboard ----------------------------------------------------------------------


@pytest.fixture
def ranked(db):
    """Five advocates with clicks in the last days; Hana hides herself."""
    sales = Department.objects.create(name="Sales")
    people = {}
    for name, clicks in [("Ann", 50), ("Bob", 30), ("Cid", 30), ("Dee", 10), ("Hana", 40)]:
        people[name] = member(name, sales if name != "Dee" else None)
        clicked(shared(people[name]), clicks, days_ago=3)
    leaderboard_visibility_set(user=people["Hana"], hidden=True)
    return people


def test_the_leaderboard_ranks_by_clicks_with_ties_and_without_those_who_hid(ranked):
    board = leaderboard(period=Period.last(30), viewer=ranked["Dee"])
    assert [(r.rank, r.name, r.department, r.clicks) for r in board.rows] == [
        (1, "Ann", "Sales", 50),
        (2, "Bob", "Sales", 30),
        (2, "Cid", "Sales", 30),
        (4, "Dee", "", 10),
    ]
    assert [r.is_viewer for r in board.rows] == [False, False, False, True]
    assert (board.viewer_rank, board.people, board.viewer_hidden) == (4, 4, False)


def test_someone_outside_the_top_still_learns_their_rank(ranked):
    board = leaderboard(period=Period.last(30), limit=2, viewer=ranked["Dee"])
    assert [r.name for r in board.rows] == ["Ann", "Bob"]
    assert (board.viewer_rank, board.viewer_clicks) == (4, 10)


def test_a_hidden_advocate_is_absent_for_everyone_but_still_sees_their_own_rank(ranked):
    board = leaderboard(period=Period.last(30), viewer=ranked["Hana"])
    assert "Hana" not in [r.name for r in board.rows]
    assert (board.viewer_rank, board.viewer_hidden, board.viewer_clicks) == (2, True, 40)


def test_the_period_decides_which_clicks_count(ranked):
    old = member("Olaf")
    clicked(shared(old, days_ago=80), 500, days_ago=60)
    assert "Olaf" not in [r.name for r in leaderboard(period=Period.last(30)).rows]
    assert leaderboard(period=Period.last(90)).rows[0].name == "Olaf"


def test_someone_who_left_the_program_is_not_on_the_leaderboard(ranked):
    AdvocacyMembership.objects.filter(user=ranked["Ann"]).update(left_at=timezone.now())
    board = leaderboard(period=Period.last(30), viewer=ranked["Ann"])
    assert [r.name for r in board.rows] == ["Bob", "Cid", "Dee"]
    assert board.viewer_rank is None


def test_the_leaderboard_page_shows_the_top_and_my_rank(login, ranked):
    program_set(recognition=LEADERBOARD)
    client = login(ranked["Dee"])
    page = client.get(BOARD).content.decode()
    assert re.search(r"You are #4 of 4", page)
    assert "Ann" in page
    assert "Hana" not in page
    assert "Hide me from the leaderboard" in page
    home = client.get(ME).content.decode()
    assert f'href="{BOARD}"' in home  # in the navigation and on the milestones card
    assert client.get(BOARD + "?days=90").status_code == 200
    assert client.get(BOARD + "?days=nonsense").status_code == 200


def test_an_advocate_hides_and_shows_themselves_on_the_leaderboard(login, ranked):
    program_set(recognition=LEADERBOARD)
    ann = ranked["Ann"]
    client = login(ann)
    response = client.post(VISIBILITY, {"hidden": "1", "days": "90"})
    assert response.status_code == 302
    assert response["Location"] == BOARD + "?days=90"
    assert RecognitionPreference.objects.get(user=ann).leaderboard_hidden is True
    mine = client.get(BOARD).content.decode()
    assert "You are #1 of 3" in mine
    assert "Show me on the leaderboard" in mine
    others = login(ranked["Bob"]).get(BOARD).content.decode()
    assert "Ann" not in others
    login(ann).post(VISIBILITY, {"hidden": "0"})
    assert RecognitionPreference.objects.get(user=ann).leaderboard_hidden is False
    assert "Ann" in login(ranked["Bob"]).get(BOARD).content.decode()


@pytest.mark.parametrize("level", [OFF, MILESTONES_ONLY])
def test_without_the_leaderboard_setting_its_pages_answer_404_and_the_nav_has_no_link(
    login, advocate, level
):
    program_set(recognition=level)
    client = login(advocate)
    assert client.get(BOARD).status_code == 404
    assert client.post(VISIBILITY, {"hidden": "1"}).status_code == 404
    assert not RecognitionPreference.objects.exists()
    assert f'href="{BOARD}"' not in client.get(reverse("home:index")).content.decode()


def test_the_leaderboard_needs_a_signed_in_person(db, outsider):
    program_set(recognition=LEADERBOARD)
    assert outsider.get(BOARD).status_code == 302


def test_the_leaderboard_page_needs_the_same_queries_for_many_advocates(
    login, ranked, django_assert_max_num_queries
):
    program_set(recognition=LEADERBOARD)
    client = login(ranked["Dee"])
    client.get(BOARD)  # warm the settings cache
    with CaptureQueriesContext(connection) as few:
        client.get(BOARD)
    for n in range(25):
        clicked(shared(member(f"More {n}")), n + 1, days_ago=2)
    with django_assert_max_num_queries(len(few)):
        page = client.get(BOARD).content.decode()
    assert page.count("<tr") == 21  # a header and the top 20


# --- the API ------------------------------------------------------------------------------


def test_the_api_answers_404_with_a_reason_when_recognition_is_off(client, advocate):
    headers = bearer(advocate)
    response = client.get("/api/v1/leaderboard", headers=headers)
    assert response.status_code == 404
    assert response.json()["code"] == "leaderboard_off"
    response = client.get("/api/v1/me/milestones", headers=headers)
    assert response.status_code == 404
    assert response.json()["code"] == "recognition_off"
    program_set(recognition=MILESTONES_ONLY)
    assert client.get("/api/v1/me/milestones", headers=headers).status_code == 200
    assert client.get("/api/v1/leaderboard", headers=headers).json()["code"] == "leaderboard_off"


def test_the_api_gives_my_milestones_without_marking_them_seen(client, advocate):
    program_set(recognition=MILESTONES_ONLY)
    clicked(shared(advocate), 63)
    milestones_update()
    answer = client.get("/api/v1/me/milestones", headers=bearer(advocate)).json()
    assert [(m["key"], m["new"]) for m in answer["reached"]] == [
        ("first_share", True),
        ("first_click", True),
    ]
    assert answer["next"][0] | {"text": ""} == {
        "key": "clicks_100",
        "label": "100 clicks",
        "text": "",
        "reached_at": None,
        "new": False,
        "progress": 63,
        "target": 100,
    }
    assert Milestone.objects.filter(seen_at__isnull=True).count() == 2


def test_the_api_gives_the_leaderboard_and_lets_me_hide(client, ranked):
    program_set(recognition=LEADERBOARD)
    headers = bearer(ranked["Dee"])
    answer = client.get("/api/v1/leaderboard?days=90", headers=headers).json()
    assert [(a["rank"], a["name"], a["is_you"]) for a in answer["advocates"]] == [
        (1, "Ann", False),
        (2, "Bob", False),
        (2, "Cid", False),
        (4, "Dee", True),
    ]
    assert (answer["your_rank"], answer["ranked"], answer["you_are_hidden"]) == (4, 4, False)
    assert client.get("/api/v1/leaderboard?days=7", headers=headers).status_code == 400
    response = client.put(
        "/api/v1/leaderboard/visibility",
        {"hidden": True},
        content_type="application/json",
        headers=headers,
    )
    assert response.json() == {"hidden": True}
    answer = client.get("/api/v1/leaderboard", headers=headers).json()
    assert "Dee" not in [a["name"] for a in answer["advocates"]]
    assert (answer["your_rank"], answer["you_are_hidden"]) == (4, True)

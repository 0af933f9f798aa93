"""With the demo data, the health page shows every colour, and each signal's numbers equal a
direct count written here, independently of chorus.analytics.health."""

import datetime as dt
import math
from collections import Counter

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from chorus.academy.models import (
    Guidelines,
    GuidelinesAcceptance,
    Lesson,
    LessonProgress,
    Onboarding,
    Question,
)
from chorus.accounts.models import AdvocacyMembership, User
from chorus.analytics.health import program_health
from chorus.content.models import ContentItem
from chorus.home.demo import demo_load
from chorus.home.demo_academy import demo_academy_load
from chorus.notifications.models import Announcement
from chorus.sharing.models import ReactionFlag, Share

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo company, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_load()
        transaction.set_rollback(True)


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def signals(demo, now):
    return {signal.key: signal for signal in program_health(now=now)}


def members(now) -> list[AdvocacyMembership]:
    return [
        m
        for m in AdvocacyMembership.objects.select_related("user")
        if m.left_at is None and m.user.is_active and m.joined_at <= now
    ]


def sharers(since, now) -> set[int]:
    return {s.advocate_id for s in Share.objects.all() if since < s.created_at <= now}


def test_the_demo_health_page_shows_green_amber_and_red(signals):
    levels = Counter(signal.level for signal in signals.values())
    assert levels["green"] >= 1
    assert levels["amber"] >= 1
    assert levels["red"] >= 1
    # The signals the demo sets on purpose (the others follow from its random shares).
    assert signals["content_stock"].level == "green"
    assert signals["last_message"].level == "amber"
    assert signals["onboarding_stuck"].level == "amber"
    assert signals["questions"].level == "amber"
    assert signals["flags"].level == "red"


def test_leaders_sharing_matches_a_direct_count(signals, now):
    leaders = [u for u in User.objects.all() if u.is_active and u.role in ("owner", "curator")]
    shared = [u for u in leaders if u.pk in sharers(now - 30 * DAY, now)]
    assert signals["leaders_sharing"].numbers == {"shared": len(shared), "leaders": len(leaders)}
    assert len(leaders) == 2


def test_content_stock_matches_a_direct_count(signals, now):
    items = [
        i
        for i in ContentItem.objects.all()
        if i.shareable
        and i.publish_at is not None
        and now - 14 * DAY < i.publish_at <= now + 14 * DAY
        and (i.expires_at is None or i.expires_at > now + 3 * DAY)
    ]
    advocates = len(members(now))
    needed = max(2, math.ceil(3.5 * advocates / 100 * 2))
    assert signals["content_stock"].numbers == {
        "items": len(items),
        "needed": needed,
        "advocates": advocates,
    }
    assert signals["content_stock"].value == len(items) >= needed


def test_company_only_matches_a_direct_count(signals, now):
    published = [
        i
        for i in ContentItem.objects.all()
        if i.shareable and i.publish_at is not None and now - 30 * DAY < i.publish_at <= now
    ]
    company = [i for i in published if i.category in ("news", "job")]
    assert signals["company_only"].numbers == {
        "company": len(company),
        "published": len(published),
    }
    assert published


def test_quiet_matches_a_direct_count(signals, now):
    settled = [m.user_id for m in members(now) if m.joined_at <= now - 30 * DAY]
    active = sharers(now - 30 * DAY, now)
    quiet = [pk for pk in settled if pk not in active]
    assert signals["quiet"].numbers == {"quiet": len(quiet), "advocates": len(settled)}
    stopped = User.objects.filter(
        email__in=["anna.kowalczyk@example.com", "oliver.hughes@example.com"]
    )
    assert {u.pk for u in stopped} <= set(quiet)


def test_onboarding_stuck_matches_a_direct_count(signals, now):
    done = {o.user_id for o in Onboarding.objects.all() if o.completed_at is not None}
    due = [m.user_id for m in members(now) if m.joined_at < now - 7 * DAY]
    stuck = [pk for pk in due if pk not in done]
    assert signals["onboarding_stuck"].numbers == {"stuck": len(stuck), "advocates": len(due)}
    assert 2 <= len(stuck) < len(due) / 3


def test_questions_match_a_direct_count(signals, now):
    still_open = [
        q for q in Question.objects.all() if q.answered_at is None and q.closed_at is None
    ]
    # Two working days lie between two and four calendar days: the demo's open questions are
    # either clearly overdue or clearly not, so a count by calendar days is exact here.
    assert all(q.created_at <= now - 4 * DAY or q.created_at > now - 2 * DAY for q in still_open)
    overdue = [q for q in still_open if q.created_at <= now - 4 * DAY]
    assert signals["questions"].numbers == {"overdue": len(overdue)}
    assert len(still_open) > len(overdue)
    assert Question.objects.filter(in_faq=True, answered_at__isnull=False).count() >= 3


def test_last_message_matches_a_direct_count(signals, now):
    last = max(a.published_at for a in Announcement.objects.all() if a.published_at <= now)
    assert signals["last_message"].numbers == {"days": (now - last).days}
    assert 18 <= (now - last).days <= 24  # about three weeks
    assert Announcement.objects.count() >= 3


def test_flags_match_a_direct_count(signals, now):
    still_open = [f for f in ReactionFlag.objects.all() if f.resolved_at is None]
    waiting = [f for f in still_open if f.replied_at is None and f.created_at <= now - DAY]
    assert signals["flags"].numbers == {"open": len(still_open), "waiting": len(waiting)}
    assert len(still_open) == len(waiting) == 1
    flag = still_open[0]
    assert flag.share.advocate == flag.reported_by
    assert flag.share.created_at < flag.created_at


def test_the_demo_owner_sees_every_colour_on_the_health_page(demo, client):
    client.force_login(User.objects.get(email="owner@example.com"))
    html = client.get(reverse("analytics:health")).content.decode()
    for word in ("Good", "Watch", "Act now"):
        assert word in html
    for level in ("green", "amber", "red"):
        assert f"signal signal--{level}" in html
    assert reverse("sharing:flag-detail", args=[ReactionFlag.objects.get().pk]) in html


def test_the_demo_login_finished_onboarding_with_one_optional_lesson_left(demo):
    user = User.objects.get(email="advocate@example.com")
    assert Onboarding.objects.get(user=user).completed_at is not None
    lessons = Lesson.objects.filter(is_published=True, course__is_published=True)
    left = lessons.exclude(progress__user=user)
    assert left.count() == 1
    assert not left.get().required
    current = Guidelines.objects.order_by("-version").first()
    assert GuidelinesAcceptance.objects.filter(user=user, guidelines=current).exists()


def test_most_advocates_accepted_the_current_guidelines(demo, now):
    current = Guidelines.objects.order_by("-version").first()
    assert current.version == 2
    people = [m.user_id for m in members(now)]
    accepted = set(
        GuidelinesAcceptance.objects.filter(guidelines=current).values_list("user_id", flat=True)
    )
    assert len(people) * 2 // 3 < len(accepted & set(people)) < len(people)
    for acceptance in GuidelinesAcceptance.objects.select_related("guidelines"):
        assert acceptance.created_at >= acceptance.guidelines.created_at
    # Nobody shared under a version of the guidelines they had not accepted.
    for share in Share.objects.filter(created_at__gte=current.created_at):
        accepted_at = GuidelinesAcceptance.objects.get(
            user_id=share.advocate_id, guidelines=current
        ).created_at
        assert accepted_at <= share.created_at


def test_lesson_progress_follows_joining(demo):
    joined = {m.user_id: m.joined_at for m in AdvocacyMembership.objects.filter(left_at=None)}
    rows = list(LessonProgress.objects.all())
    assert len(rows) > 50
    for row in rows:
        assert joined[row.user_id] < row.completed_at <= timezone.now()


def test_loading_the_academy_demo_twice_creates_nothing_more(demo):
    assert demo["onboardings"] >= 15
    assert demo["announcements"] == 4
    assert demo["reaction_flags"] == 1
    assert all(count == 0 for count in demo_academy_load().values())

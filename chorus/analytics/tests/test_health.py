"""Program health: each signal's number equals a direct count, and its thresholds hold."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from chorus.academy.models import Onboarding, Question
from chorus.accounts.models import AdvocacyMembership, User
from chorus.accounts.tests.factories import UserFactory
from chorus.analytics import health
from chorus.analytics.health import Level, program_health, stock_needed
from chorus.content.models import ContentItem
from chorus.content.tests.factories import ContentItemFactory
from chorus.notifications.models import Announcement
from chorus.scheduler.models import ScheduledRun
from chorus.sharing.models import ReactionFlag, Share

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
KEYS = [
    "leaders_sharing",
    "content_stock",
    "company_only",
    "quiet",
    "onboarding_stuck",
    "questions",
    "last_message",
    "flags",
    "background",
]


@pytest.fixture
def now():
    return timezone.now()


def signal(key: str, now):
    return {s.key: s for s in program_health(now=now)}[key]


def person(now, *, role="advocate", joined_days=None, left=False, active=True) -> User:
    user = UserFactory(role=role, is_active=active)
    if joined_days is not None:
        AdvocacyMembership.objects.create(
            user=user,
            joined_at=now - joined_days * DAY,
            left_at=now - DAY if left else None,
        )
    return user


def share(user, now, *, days_ago: float) -> Share:
    row = Share.objects.create(advocate=user, network="linkedin", text="Worth a read.")
    Share.objects.filter(pk=row.pk).update(created_at=now - days_ago * DAY)
    return row


def shared_within(user, now, days: int) -> bool:
    return any(now - days * DAY < s.created_at <= now for s in Share.objects.filter(advocate=user))


def active_members(now) -> list[User]:
    """People with a membership that has not ended, whose account is active (counted in Python)."""
    return [
        m.user
        for m in AdvocacyMembership.objects.select_related("user")
        if m.left_at is None and m.user.is_active and m.joined_at <= now
    ]


def test_every_signal_is_there_in_a_fixed_order_with_a_level_and_advice(now):
    signals = program_health(now=now)
    assert [s.key for s in signals] == KEYS
    for s in signals:
        assert s.level in set(Level)
        assert s.label
        assert s.explanation
        assert s.advice


@pytest.mark.parametrize(("part", "whole", "percent"), [(1, 3, 33), (2, 3, 67), (1, 8, 13)])
def test_percentages_are_rounded_half_up(part, whole, percent):
    assert health._percent(part, whole) == percent
    assert health._percent(part, 0) is None


# --- leaders_sharing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sharing", "level"), [(2, Level.GREEN), (4, Level.GREEN), (1, Level.AMBER), (0, Level.RED)]
)
def test_leaders_sharing_counts_owners_and_curators_who_shared_in_30_days(now, sharing, level):
    leaders = [person(now, role="owner")] + [person(now, role="curator") for _n in range(3)]
    for leader in leaders[:sharing]:
        share(leader, now, days_ago=29.5)
    share(leaders[-1], now, days_ago=31)  # too long ago
    gone = person(now, role="curator", active=False)  # an account switched off: not a leader
    share(gone, now, days_ago=1)
    share(person(now, joined_days=50), now, days_ago=1)  # an advocate is not a leader

    found = signal("leaders_sharing", now)
    leaders_now = [u for u in User.objects.all() if u.is_active and u.role in ("owner", "curator")]
    shared = [u for u in leaders_now if shared_within(u, now, 30)]
    assert found.numbers == {"shared": len(shared), "leaders": len(leaders_now)}
    assert (len(shared), len(leaders_now)) == (sharing, 4)
    assert found.value == round(100 * sharing / 4)
    assert found.level == level


# --- content_stock -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("advocates", "needed"), [(0, 2), (10, 2), (30, 3), (100, 7), (200, 14), (1000, 70)]
)
def test_the_stock_needed_follows_the_rule_of_thumb_with_a_floor_of_two(advocates, needed):
    assert stock_needed(advocates) == needed


def _stock_items(now, fresh: int):
    """`fresh` items that count, and one of each kind that does not."""
    # (published, expires) in days from now; the third ends after the three days' margin.
    counted = [(-13, None), (10, None), (-1, 5), (3, None), (-6, None), (12, 20)][:fresh]
    for days, ends in counted:
        ContentItemFactory(
            publish_at=now + days * DAY, expires_at=None if ends is None else now + ends * DAY
        )
    ContentItemFactory(publish_at=now - 15 * DAY)  # too old
    ContentItemFactory(publish_at=now + 15 * DAY)  # too far ahead
    ContentItemFactory(publish_at=now - DAY, expires_at=now + 2 * DAY)  # about to end
    ContentItemFactory(publish_at=now - DAY, expires_at=now - DAY / 2)  # over
    ContentItemFactory(publish_at=now - DAY, shareable=False)  # internal news
    ContentItemFactory(publish_at=None)  # a draft


def _stock_direct(now) -> int:
    return sum(
        1
        for item in ContentItem.objects.all()
        if item.shareable
        and item.publish_at is not None
        and now - 14 * DAY < item.publish_at <= now + 14 * DAY
        and (item.expires_at is None or item.expires_at > now + 3 * DAY)
    )


@pytest.mark.parametrize(
    ("fresh", "level"), [(3, Level.GREEN), (4, Level.GREEN), (2, Level.AMBER), (1, Level.RED)]
)
def test_content_stock_counts_fresh_shareable_items_against_the_advocates_need(now, fresh, level):
    for n in range(30):
        person(now, joined_days=n + 1)
    person(now, joined_days=40, left=True)
    person(now, joined_days=40, active=False)
    _stock_items(now, fresh)

    found = signal("content_stock", now)
    members = len(active_members(now))
    assert members == 30
    assert found.numbers == {"items": _stock_direct(now), "needed": 3, "advocates": members}
    assert found.value == fresh
    assert found.level == level


# --- company_only --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("company", "other", "level"),
    [
        (2, 2, Level.GREEN),
        (0, 3, Level.GREEN),
        (3, 2, Level.AMBER),
        (7, 3, Level.AMBER),
        (3, 1, Level.RED),
    ],
)
def test_company_only_is_the_share_of_news_and_jobs_published_in_30_days(
    now, company, other, level
):
    for n in range(company):
        category = ContentItem.Category.NEWS if n % 2 else ContentItem.Category.JOB
        ContentItemFactory(category=category, publish_at=now - (n + 1) * DAY)
    for n in range(other):
        category = [ContentItem.Category.EXPERTISE, "article", "event"][n % 3]
        ContentItemFactory(category=category, publish_at=now - (n + 2) * DAY)
    ContentItemFactory(category="news", publish_at=now - 31 * DAY)  # too old
    ContentItemFactory(category="news", publish_at=now + DAY)  # not out yet
    ContentItemFactory(category="news", publish_at=now - DAY, shareable=False)  # internal

    found = signal("company_only", now)
    published = [
        i
        for i in ContentItem.objects.all()
        if i.shareable and i.publish_at and now - 30 * DAY < i.publish_at <= now
    ]
    about_company = [i for i in published if i.category in ("news", "job")]
    assert found.numbers == {"company": len(about_company), "published": len(published)}
    assert (len(about_company), len(published)) == (company, company + other)
    assert found.value == health._percent(company, company + other)
    assert found.level == level
    assert "Counted by category" in found.explanation


def test_company_only_without_any_item_is_not_an_alarm(now):
    found = signal("company_only", now)
    assert found.numbers == {"company": 0, "published": 0}
    assert found.value is None
    assert found.level == Level.GREEN


# --- quiet ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("silent", "settled_count", "level"),
    [
        (0, 5, Level.GREEN),
        (1, 3, Level.GREEN),  # 33 %
        (2, 5, Level.AMBER),  # 40 %
        (2, 3, Level.AMBER),  # 67 %
        (7, 10, Level.RED),  # 70 %
    ],
)
def test_quiet_counts_settled_advocates_without_a_share_in_30_days(
    now, silent, settled_count, level
):
    settled = [person(now, joined_days=30 + n) for n in range(settled_count)]
    for n, advocate in enumerate(settled[silent:]):
        share(advocate, now, days_ago=n + 0.5)
    for advocate in settled[:silent]:
        share(advocate, now, days_ago=30.5)  # shared, but before the window
    person(now, joined_days=29)  # too new to be quiet
    person(now, joined_days=60, left=True)  # left the program
    person(now, joined_days=60, active=False)  # account switched off

    found = signal("quiet", now)
    eligible = [u for u in active_members(now) if u.memberships.get().joined_at <= now - 30 * DAY]
    quiet = [u for u in eligible if not shared_within(u, now, 30)]
    assert found.numbers == {"quiet": len(quiet), "advocates": len(eligible)}
    assert (len(quiet), len(eligible)) == (silent, settled_count)
    assert found.value == health._percent(silent, settled_count)
    assert found.level == level


# --- onboarding_stuck ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stuck", "level"),
    [(0, Level.GREEN), (1, Level.GREEN), (2, Level.AMBER), (3, Level.RED), (10, Level.RED)],
)
def test_onboarding_stuck_counts_advocates_a_week_in_without_completed_onboarding(
    now, stuck, level
):
    due = [person(now, joined_days=8 + n) for n in range(10)]
    for n, advocate in enumerate(due[stuck:]):
        Onboarding.objects.create(user=advocate, completed_at=now - n * DAY)
    for advocate in due[:stuck:2]:
        Onboarding.objects.create(user=advocate, topics_at=now - DAY)  # started, not done
    new = person(now, joined_days=6)  # still in their first week
    gone = person(now, joined_days=60, left=True)
    for advocate in (new, gone):
        Onboarding.objects.create(user=advocate)

    found = signal("onboarding_stuck", now)
    done = {o.user_id for o in Onboarding.objects.all() if o.completed_at is not None}
    eligible = [u for u in active_members(now) if u.memberships.get().joined_at < now - 7 * DAY]
    stuck_now = [u for u in eligible if u.pk not in done]
    assert found.numbers == {"stuck": len(stuck_now), "advocates": len(eligible)}
    assert (len(stuck_now), len(eligible)) == (stuck, 10)
    assert found.value == 10 * stuck
    assert found.level == level


# --- questions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("late", "level"), [(0, Level.GREEN), (1, Level.AMBER), (2, Level.AMBER), (3, Level.RED)]
)
def test_questions_counts_open_questions_older_than_two_working_days(now, late, level):
    asker = person(now, joined_days=20)

    def ask(days_ago: float, **fields) -> Question:
        question = Question.objects.create(asked_by=asker, text="How do I…?", **fields)
        Question.objects.filter(pk=question.pk).update(created_at=now - days_ago * DAY)
        return question

    for n in range(late):
        ask(6 + n)  # a week is more than two working days, whatever the weekday
    ask(0.1)  # asked just now
    ask(10, answer="Like this.", answered_at=now - 8 * DAY)  # answered
    ask(10, closed_at=now - 9 * DAY)  # closed without answer

    found = signal("questions", now)
    open_late = [
        q
        for q in Question.objects.all()
        if q.answered_at is None and q.closed_at is None and q.created_at <= now - 4 * DAY
    ]
    assert found.numbers == {"overdue": len(open_late)}
    assert found.value == late == len(open_late)
    assert found.level == level


# --- last_message --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "level"),
    [(0, Level.GREEN), (14, Level.GREEN), (15, Level.AMBER), (30, Level.AMBER), (31, Level.RED)],
)
def test_last_message_is_the_days_since_the_last_announcement(now, owner, days, level):
    Announcement.objects.create(
        title="Older", body="…", created_by=owner, published_at=now - (days + 20.5) * DAY
    )
    Announcement.objects.create(
        title="Last", body="…", created_by=owner, published_at=now - (days + 0.5) * DAY
    )
    Announcement.objects.create(title="Planned", body="…", created_by=owner, published_at=now + DAY)

    found = signal("last_message", now)
    last = max(a.published_at for a in Announcement.objects.all() if a.published_at <= now)
    assert found.numbers == {"days": (now - last).days}
    assert found.value == days
    assert found.level == level


def test_without_any_announcement_the_last_message_is_red(now):
    found = signal("last_message", now)
    assert found.value is None
    assert found.numbers == {}
    assert found.level == Level.RED
    assert found.explanation == "No announcement has gone out yet."


# --- flags ---------------------------------------------------------------------------------------


def flag(advocate, now, *, hours_ago: float, replied=False, resolved=False) -> ReactionFlag:
    row = ReactionFlag.objects.create(
        share=share(advocate, now, days_ago=3),
        reported_by=advocate,
        note="Someone called me a corporate puppet.",
        replied_at=now - dt.timedelta(hours=hours_ago / 2) if replied else None,
        resolved_at=now - dt.timedelta(hours=hours_ago / 3) if resolved else None,
    )
    ReactionFlag.objects.filter(pk=row.pk).update(created_at=now - dt.timedelta(hours=hours_ago))
    return row


@pytest.mark.parametrize(
    ("flags", "level"),
    [
        ([], Level.GREEN),
        ([{"hours_ago": 90, "replied": True, "resolved": True}], Level.GREEN),
        ([{"hours_ago": 2}], Level.AMBER),
        ([{"hours_ago": 23.5}, {"hours_ago": 60, "replied": True}], Level.AMBER),
        ([{"hours_ago": 2}, {"hours_ago": 24.5}], Level.RED),
        ([{"hours_ago": 50}, {"hours_ago": 30}, {"hours_ago": 1, "resolved": True}], Level.RED),
    ],
)
def test_flags_count_open_hostile_reactions_and_those_waiting_a_day(now, flags, level):
    advocate = person(now, joined_days=40)
    for spec in flags:
        flag(advocate, now, **spec)

    found = signal("flags", now)
    still_open = [f for f in ReactionFlag.objects.all() if f.resolved_at is None]
    waiting = [f for f in still_open if f.replied_at is None and f.created_at <= now - DAY]
    assert found.numbers == {"open": len(still_open), "waiting": len(waiting)}
    assert found.value == len(still_open) == sum(not f.get("resolved") for f in flags)
    assert found.level == level


def test_owners_see_the_open_flags_on_the_health_page_with_a_link_to_each(login, owner):
    now = timezone.now()
    advocate = person(now, joined_days=40)
    late = flag(advocate, now, hours_ago=30)
    fresh = flag(advocate, now, hours_ago=1, replied=True)
    done = flag(advocate, now, hours_ago=80, resolved=True)
    html = login(owner).get(reverse("analytics:health")).content.decode()
    assert reverse("sharing:flag-detail", args=[late.pk]) in html
    assert reverse("sharing:flag-detail", args=[fresh.pk]) in html
    assert reverse("sharing:flag-detail", args=[done.pk]) not in html
    assert reverse("sharing:flags") in html
    assert html.count("No reply for a day or more") == 1
    assert "Answered, not resolved" in html


# --- the page ------------------------------------------------------------------------------------


def test_an_owner_sees_every_signal_with_its_status_in_words_and_where_to_act(
    login, owner, django_assert_max_num_queries
):
    person(timezone.now(), joined_days=40)
    client = login(owner)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("analytics:health"))
    assert response.status_code == 200
    html = response.content.decode()
    signals = {s.key: s for s, _links in response.context["signals"]}
    assert list(signals) == KEYS
    for s in signals.values():
        assert f'id="signal-{s.key}"' in html
        assert s.explanation in html.replace("&#x27;", "'")
    # Never colour alone: each card says its status in words, with its own mark.
    assert f"signal signal--{signals['last_message'].level}" in html
    assert "Act now" in html
    assert "Good" in html
    assert reverse("notifications:announcements") in html
    assert reverse("academy:questions-team") in html
    assert reverse("content:calendar") in html
    counts = response.context["counts"]
    assert sum(counts.values()) == len(KEYS)
    assert counts["red"] == sum(s.level == "red" for s in signals.values())


@pytest.mark.parametrize("persona", ["advocate", "curator"])
def test_only_owners_may_open_the_health_page(request, login, persona):
    response = login(request.getfixturevalue(persona)).get(reverse("analytics:health"))
    assert response.status_code == 403


def test_owners_find_the_health_page_in_the_navigation_after_analytics(login, owner, curator):
    html = login(owner).get(reverse("home:index")).content.decode()
    analytics, page = (
        html.index(reverse("analytics:program")),
        html.index(reverse("analytics:health")),
    )
    assert analytics < page
    html = login(curator).get(reverse("home:index")).content.decode()
    assert reverse("analytics:health") not in html


# --- background ----------------------------------------------------------------------------------


@override_settings(CHORUS_PERIODIC_JOBS={"update_analytics": 30, "send_digests": 600})
def test_background_jobs_are_green_then_amber_while_retried_then_red_when_given_up(now):
    ScheduledRun.objects.create(job="update_analytics", slot=now, state="done", attempts=1)
    assert signal("background", now).level == Level.GREEN
    run = ScheduledRun.objects.create(
        job="send_digests", slot=now, state="retrying", attempts=2, error="SMTP down"
    )
    found = signal("background", now)
    assert (found.level, found.numbers["retrying"], found.numbers["failed"]) == (Level.AMBER, 1, 0)
    ScheduledRun.objects.filter(pk=run.pk).update(state="failed", attempts=5)
    found = signal("background", now)
    assert (found.level, found.value, found.numbers["jobs"]) == (Level.RED, 1, 2)
    # A later success of that job makes it green again: only the latest run counts.
    ScheduledRun.objects.create(
        job="send_digests", slot=now + dt.timedelta(minutes=10), state="done", attempts=1
    )
    assert signal("background", now).level == Level.GREEN


@override_settings(CHORUS_PERIODIC_JOBS={"update_analytics": 30}, CHORUS_RUN_STALE_SECONDS=60)
def test_background_jobs_waiting_for_a_worker_are_amber(now):
    run = ScheduledRun.objects.create(job="update_analytics", slot=now)
    ScheduledRun.objects.filter(pk=run.pk).update(created_at=now - dt.timedelta(minutes=5))
    found = signal("background", now)
    assert (found.level, found.numbers["silent"]) == (Level.AMBER, 1)
    assert "no worker" in found.explanation

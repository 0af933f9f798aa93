"""Who is due for a digest, when, and for which period: time zones, weekly and daily."""

import zoneinfo
from datetime import UTC, datetime, timedelta

from chorus.accounts.models import AdvocacyMembership, User
from chorus.digests.models import DigestSend
from chorus.digests.selectors import digest_period, digest_settings_get, digests_due
from chorus.notifications.choices import DigestFrequency
from chorus.notifications.models import NotificationSettings

from .helpers import member

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")  # UTC+7, no daylight saving
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")  # UTC-5 in November


def _due(now):
    return {(due.user.email, due.period.key) for due in digests_due(now=now)}


def test_a_weekly_period_is_the_iso_week_of_the_persons_own_date():
    # Monday 23 November 2026, 02:00 UTC: already Monday 09:00 in Bangkok, still Sunday 21:00
    # (of the week before) in New York.
    now = datetime(2026, 11, 23, 2, tzinfo=UTC)
    bangkok = digest_period(frequency="weekly", now=now, zone=BANGKOK, weekday=0, hour=8)
    new_york = digest_period(frequency="weekly", now=now, zone=NEW_YORK, weekday=0, hour=8)
    assert bangkok.key == "w:2026-W48"
    assert bangkok.due_at == datetime(2026, 11, 23, 1, tzinfo=UTC)  # 08:00 in Bangkok
    assert new_york.key == "w:2026-W47"
    assert new_york.due_at == datetime(2026, 11, 16, 13, tzinfo=UTC)  # last Monday 08:00 there


def test_a_daily_period_is_the_persons_local_day():
    now = datetime(2026, 11, 24, 3, 30, tzinfo=UTC)
    bangkok = digest_period(frequency="daily", now=now, zone=BANGKOK, weekday=0, hour=8)
    new_york = digest_period(frequency="daily", now=now, zone=NEW_YORK, weekday=0, hour=8)
    assert (bangkok.key, bangkok.due_at) == ("d:2026-11-24", datetime(2026, 11, 24, 1, tzinfo=UTC))
    assert (new_york.key, new_york.due_at) == (
        "d:2026-11-23",
        datetime(2026, 11, 23, 13, tzinfo=UTC),
    )


def test_the_digest_is_due_at_the_owners_hour_in_each_persons_time_zone(db):
    config = digest_settings_get()
    config.weekday, config.hour = 0, 8  # Monday 08:00 (the defaults)
    config.save()
    member(email="somchai@acme.test", time_zone="Asia/Bangkok")
    member(email="jane@acme.test", time_zone="America/New_York")
    # Both had last week's digest.
    for person in ("somchai@acme.test", "jane@acme.test"):
        DigestSend.objects.create(
            user_id=_user(person), period="w:2026-W47", state=DigestSend.State.SENT
        )
    sunday_evening_utc = datetime(2026, 11, 22, 23, 59, tzinfo=UTC)  # Monday 06:59 in Bangkok
    assert _due(sunday_evening_utc) == set()
    bangkok_eight = datetime(2026, 11, 23, 1, tzinfo=UTC)
    assert _due(bangkok_eight) == {("somchai@acme.test", "w:2026-W48")}
    new_york_seven_fiftynine = datetime(2026, 11, 23, 12, 59, tzinfo=UTC)
    assert _due(new_york_seven_fiftynine) == {("somchai@acme.test", "w:2026-W48")}
    new_york_eight = datetime(2026, 11, 23, 13, tzinfo=UTC)
    assert _due(new_york_eight) == {
        ("somchai@acme.test", "w:2026-W48"),
        ("jane@acme.test", "w:2026-W48"),
    }
    # A worker that was down at 08:00 still sends it later in the week...
    thursday = datetime(2026, 11, 26, 15, tzinfo=UTC)
    assert len(_due(thursday)) == 2
    # ...and once it is sent (or skipped, or failed) it is not due again that week.
    DigestSend.objects.create(
        user_id=_user("somchai@acme.test"), period="w:2026-W48", state=DigestSend.State.SENT
    )
    DigestSend.objects.create(
        user_id=_user("jane@acme.test"), period="w:2026-W48", state=DigestSend.State.SKIPPED
    )
    assert _due(thursday) == set()
    # The next Monday starts the next period, in each zone.
    assert _due(datetime(2026, 11, 30, 1, tzinfo=UTC)) == {("somchai@acme.test", "w:2026-W49")}


def test_a_digest_left_half_done_stays_due(db):
    config = digest_settings_get()
    config.weekday, config.hour = 0, 8
    config.save()
    member(email="ada@acme.test", time_zone="UTC")
    now = datetime(2026, 11, 24, 9, tzinfo=UTC)
    for state in (DigestSend.State.PENDING, DigestSend.State.SENDING):
        DigestSend.objects.update_or_create(
            user_id=_user("ada@acme.test"), period="w:2026-W48", defaults={"state": state}
        )
        assert _due(now) == {("ada@acme.test", "w:2026-W48")}


def test_daily_and_weekly_people_are_due_for_their_own_periods(db):
    config = digest_settings_get()
    config.weekday, config.hour = 3, 8  # Thursday 08:00
    config.save()
    daily = member(email="daily@acme.test", time_zone="Europe/Warsaw")
    NotificationSettings.objects.create(user=daily, digest=DigestFrequency.DAILY)
    member(email="weekly@acme.test", time_zone="Europe/Warsaw")
    tuesday_nine_in_warsaw = datetime(2026, 11, 24, 8, tzinfo=UTC)
    assert _due(tuesday_nine_in_warsaw) == {("daily@acme.test", "d:2026-11-24")}
    thursday_nine_in_warsaw = datetime(2026, 11, 26, 8, tzinfo=UTC)
    assert _due(thursday_nine_in_warsaw) == {
        ("daily@acme.test", "d:2026-11-26"),
        ("weekly@acme.test", "w:2026-W48"),
    }


def test_nobody_is_due_who_turned_it_off_left_or_never_joined(db, employee):
    member(email="keeps@acme.test")
    off = member(email="off@acme.test")
    NotificationSettings.objects.create(user=off, digest=DigestFrequency.OFF)
    silent = member(email="silent@acme.test")
    NotificationSettings.objects.create(user=silent, all_off=True)
    left = member(email="left@acme.test")
    AdvocacyMembership.objects.filter(user=left).update(left_at=datetime(2026, 1, 1, tzinfo=UTC))
    member(email="gone@acme.test", is_active=False)
    config = digest_settings_get()
    config.weekday, config.hour = 0, 0
    config.save()
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert _due(now) == {("keeps@acme.test", "w:2026-W48")}
    # Someone who left and joined again gets it again.
    AdvocacyMembership.objects.create(user=left, joined_at=now - timedelta(days=1))
    assert {email for email, _period in _due(now)} == {"keeps@acme.test", "left@acme.test"}


def _user(email):
    return User.objects.get(email=email).pk

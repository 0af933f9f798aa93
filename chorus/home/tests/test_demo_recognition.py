"""The demo and recognition: the demo leaves recognition off (the settings page explains why),
but an owner who turns it on finds milestones that match what the demo's people did."""

import datetime as dt
from collections import Counter

from django.utils import timezone

from chorus.accounts.models import AdvocacyMembership
from chorus.analytics.choices import MilestoneKey
from chorus.analytics.models import Dim, Milestone
from chorus.analytics.services import milestones_update
from chorus.analytics.tests.conftest import _links  # noqa: F401 - a local click journal
from chorus.analytics.tests.raw import Raw
from chorus.home.demo import demo_load
from chorus.program.selectors import program_settings_get

OFF = "off"


def test_the_demo_advocates_get_sensible_milestones(db):
    """The demo leaves recognition off, but turned on it celebrates what its people did."""
    demo_load()
    assert program_settings_get().recognition == OFF
    milestones_update()
    members = set(AdvocacyMembership.objects.active().values_list("user_id", flat=True))
    everything = Raw().by(Dim.ADVOCATE, dt.date.min, dt.date.max)
    figures = {int(key): values for key, values in everything.items()}
    expected = {
        MilestoneKey.FIRST_SHARE: lambda f: f[0] >= 1,
        MilestoneKey.SHARES_10: lambda f: f[0] >= 10,
        MilestoneKey.FIRST_CLICK: lambda f: f[1] >= 1,
        MilestoneKey.CLICKS_100: lambda f: f[1] >= 100,
        MilestoneKey.CLICKS_1000: lambda f: f[1] >= 1000,
    }
    keys = Counter()
    for key, rule in expected.items():
        people = set(Milestone.objects.filter(key=key).values_list("user_id", flat=True))
        assert people == {u for u, f in figures.items() if u in members and rule(f)}, key
        keys[key] = len(people)
    assert keys[MilestoneKey.FIRST_SHARE] > 10
    assert 0 < keys[MilestoneKey.SHARES_10] < keys[MilestoneKey.FIRST_SHARE]
    assert 0 < keys[MilestoneKey.CLICKS_100] < keys[MilestoneKey.FIRST_CLICK]
    assert not Milestone.objects.exclude(user_id__in=members).exists()
    assert Milestone.objects.filter(reached_at__gt=timezone.now()).count() == 0
    assert milestones_update() == 0

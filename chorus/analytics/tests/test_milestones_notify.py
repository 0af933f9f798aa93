"""A reached milestone is told once to its person, and only while recognition is on."""

from chorus.analytics.services import milestones_update
from chorus.analytics.tests.conftest import program_set
from chorus.analytics.tests.test_recognition import counted, shared
from chorus.notifications.choices import Kind
from chorus.notifications.models import Notification
from chorus.notifications.services import Notice, notify_each


def test_a_new_milestone_is_told_once_in_the_app(advocate, mailoutbox):
    program_set(recognition="milestones")
    shared(advocate)
    counted()
    assert milestones_update() == 1
    notice = Notification.objects.get()
    assert (notice.user, notice.kind) == (advocate, Kind.MILESTONE)
    assert notice.title == "Milestone reached: First share"
    assert "first time" in notice.body
    assert notice.url == "/analytics/me/"
    assert mailoutbox == []  # milestones come by e-mail only if one chooses so
    assert milestones_update() == 0
    # Even a run that computed the same milestone at the same time tells nobody twice.
    twin = Notice(user_id=advocate.pk, title="x", key=f"milestone:{advocate.pk}:first_share")
    assert notify_each(kind=Kind.MILESTONE, notices=[twin]) == []
    assert Notification.objects.count() == 1


def test_with_recognition_off_milestones_tell_nobody(advocate):
    shared(advocate)
    counted()
    milestones_update()
    assert not Notification.objects.exists()

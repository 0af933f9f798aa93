"""The advocate hears about the team's reply to the hostile reaction they reported."""

import pytest

from chorus.notifications.choices import Kind
from chorus.notifications.models import Notification
from chorus.sharing.models import Share
from chorus.sharing.services import reaction_flag_create, reaction_flag_reply


@pytest.fixture
def flag(advocate):
    share = Share.objects.create(advocate=advocate, network="linkedin", text="We are hiring!")
    return reaction_flag_create(share=share, user=advocate, url="", note="A troll under my post.")


def test_the_reporter_is_notified_of_the_first_reply(
    flag, advocate, curator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reaction_flag_reply(flag=flag, by=curator, reply="We are on it; do not answer.")
    notice = Notification.objects.get()
    assert (notice.user, notice.kind) == (advocate, Kind.FLAG_REPLY)
    assert notice.url == f"/flags/{flag.pk}/"
    assert [m.to for m in mailoutbox] == [[advocate.email]]
    reaction_flag_reply(flag=flag, by=curator, reply="We are on it; please do not answer.")
    assert Notification.objects.count() == 1

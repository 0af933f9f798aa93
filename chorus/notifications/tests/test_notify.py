"""notify(): each person's choices per kind and channel, their language, once-only keys."""

import pytest
from django.utils.translation import gettext_lazy

from chorus.accounts.tests.factories import UserFactory
from chorus.notifications.choices import Channel, Kind
from chorus.notifications.models import Notification, NotificationPreference
from chorus.notifications.selectors import (
    notification_choices_of,
    notifications_of,
    notifications_unread_count,
)
from chorus.notifications.services import (
    Notice,
    notification_keys_claim,
    notification_preferences_set,
    notifications_mark_read,
    notify,
    notify_each,
)
from chorus.program.selectors import program_settings_get


def _notify(user, kind=Kind.QUESTION_ANSWERED, **extra):
    return notify(
        user=user, kind=kind, title="Your question has an answer", url="/questions/", **extra
    )


def test_by_default_a_personal_notice_arrives_in_the_app_and_by_email(
    advocate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notify(advocate, body="You asked: where is the guide?")
    assert notice.user == advocate
    assert notice.read_at is None
    assert [m.to for m in mailoutbox] == [[advocate.email]]
    assert mailoutbox[0].subject == "Your question has an answer"
    assert "You asked: where is the guide?" in mailoutbox[0].body


def test_by_default_new_content_and_milestones_come_only_in_the_app(
    advocate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(advocate, kind=Kind.NEW_CONTENT) is not None
        assert _notify(advocate, kind=Kind.MILESTONE) is not None
    assert mailoutbox == []


def test_the_defaults_cover_every_kind_and_channel(advocate):
    choices = notification_choices_of(user=advocate)
    assert len(choices) == len(Kind) * len(Channel) == 16
    # The digest is e-mail only (chorus.digests); every other kind shows in the app.
    assert {kind for kind in Kind if not choices[kind, Channel.IN_APP]} == {Kind.DIGEST}
    assert {kind for kind in Kind if not choices[kind, Channel.EMAIL]} == {
        Kind.NEW_CONTENT,
        Kind.MILESTONE,
    }
    assert choices[Kind.CAMPAIGN, Channel.EMAIL]
    assert choices[Kind.FLAG_REPLY, Channel.EMAIL]


def test_choices_per_kind_and_channel_are_respected(
    advocate, mailoutbox, django_capture_on_commit_callbacks
):
    notification_preferences_set(
        user=advocate,
        choices={
            (Kind.QUESTION_ANSWERED, Channel.IN_APP): False,
            (Kind.QUESTION_ANSWERED, Channel.EMAIL): True,
            (Kind.NEW_CONTENT, Channel.EMAIL): True,
        },
        all_off=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(advocate) is None  # e-mail only
        assert _notify(advocate, kind=Kind.NEW_CONTENT) is not None  # both
    assert len(mailoutbox) == 2
    assert list(Notification.objects.values_list("kind", flat=True)) == [Kind.NEW_CONTENT]


def test_setting_choices_twice_updates_them(advocate):
    key = (Kind.FLAG_REPLY, Channel.EMAIL)
    notification_preferences_set(user=advocate, choices={key: False}, all_off=False)
    notification_preferences_set(user=advocate, choices={key: True}, all_off=False)
    assert NotificationPreference.objects.get(user=advocate, kind=Kind.FLAG_REPLY).enabled
    assert notification_choices_of(user=advocate)[key] is True


def test_everything_off_silences_every_kind_and_channel(
    advocate, mailoutbox, django_capture_on_commit_callbacks
):
    notification_preferences_set(
        user=advocate, choices={(Kind.QUESTION_ANSWERED, Channel.EMAIL): True}, all_off=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        for kind in Kind:
            assert _notify(advocate, kind=kind) is None
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_an_unknown_kind_or_choice_is_refused(advocate):
    from chorus.core.errors import ChorusError

    with pytest.raises(ChorusError):
        _notify(advocate, kind="gossip")
    with pytest.raises(ChorusError):
        notification_preferences_set(
            user=advocate, choices={("gossip", "email"): True}, all_off=False
        )


def test_the_text_is_written_in_the_recipients_language(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    polish = UserFactory(language="pl")
    with django_capture_on_commit_callbacks(execute=True):
        notice = notify(
            user=polish,
            kind=Kind.QUESTION_ANSWERED,
            title=gettext_lazy("Notifications"),
            body=gettext_lazy("Title"),
        )
    assert notice.title == "Powiadomienia"
    assert mailoutbox[0].subject == "Powiadomienia"


def test_without_a_language_of_their_own_people_read_the_programs_default(db):
    from chorus.program.models import ProgramSettings

    ProgramSettings.objects.update_or_create(pk=1, defaults={"default_language": "pl"})
    notice = notify(
        user=UserFactory(language=""), kind=Kind.MILESTONE, title=gettext_lazy("Notifications")
    )
    assert notice.title == "Powiadomienia"


def test_params_fill_the_translated_text(advocate):
    notice = notify(
        user=advocate,
        kind=Kind.MILESTONE,
        title=gettext_lazy("%(name)s reached 100%%"),
        params={"name": "Ada"},
    )
    assert notice.title == "Ada reached 100%"


def test_a_deactivated_person_gets_nothing(db, mailoutbox, django_capture_on_commit_callbacks):
    gone = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(gone) is None
    assert mailoutbox == []


def test_notify_each_reaches_many_people_in_a_few_queries(
    db, mailoutbox, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    people = UserFactory.create_batch(30)
    program_settings_get()  # created on first use, then cached: not part of the budget
    with django_capture_on_commit_callbacks(execute=False), django_assert_max_num_queries(8):
        rows = notify_each(
            kind=Kind.NEW_CONTENT,
            notices=[Notice(user_id=p.pk, title="New", key=f"t:{p.pk}") for p in people],
        )
    assert len(rows) == 30


def test_a_once_only_key_is_delivered_once(advocate):
    notice = Notice(user_id=advocate.pk, title="Milestone", key="milestone:x")
    assert len(notify_each(kind=Kind.MILESTONE, notices=[notice])) == 1
    assert notify_each(kind=Kind.MILESTONE, notices=[notice]) == []
    assert notification_keys_claim(keys=["milestone:x", "milestone:y"]) == {"milestone:y"}


def test_marking_read_counts_down_the_unread(advocate, employee):
    first, second, third = (_notify(advocate) for _ in range(3))
    other = _notify(employee)
    assert notifications_unread_count(user=advocate) == 3
    assert notifications_mark_read(user=advocate, ids=[first.pk, other.pk]) == 1
    assert notifications_unread_count(user=advocate) == 2
    assert notifications_mark_read(user=advocate) == 2
    assert notifications_unread_count(user=advocate) == 0
    assert notifications_unread_count(user=employee) == 1
    assert list(notifications_of(user=advocate)) == [third, second, first]


def test_a_title_with_line_breaks_still_makes_a_one_line_subject(
    advocate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=advocate, kind=Kind.QUESTION_ANSWERED, title="Line one\nline two\r\nthree")
    assert mailoutbox[0].subject == "Line one line two three"

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from chorus.accounts import services
from chorus.accounts.models import Department, Invitation, User
from chorus.core.errors import ChorusError


def _invite(owner, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.invitation_create(invited_by=owner, **kwargs)


def test_an_invitation_emails_a_link_in_the_invitees_language(
    owner, django_capture_on_commit_callbacks
):
    invitation = _invite(
        owner,
        django_capture_on_commit_callbacks,
        email="Nowa@Acme.test",
        language="pl",
        display_name="Nowa Osoba",
    )
    assert invitation.email == "nowa@acme.test"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nowa@acme.test"]
    assert f"/invitations/{invitation.key}/" in message.body
    assert "Nowa Osoba" in message.body
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_an_address_with_an_account_cannot_be_invited(owner, advocate):
    with pytest.raises(ChorusError) as error:
        services.invitation_create(invited_by=owner, email=advocate.email)
    assert error.value.code == "already_member"


def test_an_address_is_invited_only_once_while_the_invitation_is_open(owner):
    services.invitation_create(invited_by=owner, email="x@acme.test", send=False)
    with pytest.raises(ChorusError) as error:
        services.invitation_create(invited_by=owner, email="X@acme.test", send=False)
    assert error.value.code == "already_invited"


def test_an_expired_invitation_makes_room_for_a_new_one(owner):
    old = services.invitation_create(invited_by=owner, email="x@acme.test", send=False)
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    new = services.invitation_create(invited_by=owner, email="x@acme.test", send=False)
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert new.pk != old.pk


def test_accepting_creates_a_verified_account_that_is_not_enrolled(owner):
    dept = Department.objects.create(name="Sales")
    invitation = services.invitation_create(
        invited_by=owner,
        email="new@acme.test",
        department=dept,
        language="th",
        role="curator",
        send=False,
    )
    user = services.invitation_accept(invitation=invitation, password="correct-horse-battery-9")
    assert user.check_password("correct-horse-battery-9")
    assert (user.department, user.language, user.role) == (dept, "th", "curator")
    assert user.emailaddress_set.get().verified
    assert not user.memberships.exists()


def test_an_invitation_works_only_once(owner):
    invitation = services.invitation_create(invited_by=owner, email="new@acme.test", send=False)
    services.invitation_accept(invitation=invitation, password="correct-horse-battery-9")
    with pytest.raises(ChorusError) as error:
        services.invitation_accept(invitation=invitation, password="another-horse-battery-9")
    assert error.value.code == "invitation_used"
    assert User.objects.filter(email="new@acme.test").count() == 1


def test_an_expired_invitation_cannot_be_accepted(owner):
    invitation = services.invitation_create(invited_by=owner, email="new@acme.test", send=False)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    with pytest.raises(ChorusError) as error:
        services.invitation_accept(invitation=invitation, password="correct-horse-battery-9")
    assert error.value.code == "invitation_expired"


def test_a_weak_password_is_refused_with_the_reason(owner):
    invitation = services.invitation_create(invited_by=owner, email="new@acme.test", send=False)
    with pytest.raises(ChorusError) as error:
        services.invitation_accept(invitation=invitation, password="123")
    assert "short" in error.value.message
    assert not User.objects.filter(email="new@acme.test").exists()


def test_a_withdrawn_invitation_is_not_mailed(owner, django_capture_on_commit_callbacks):
    invitation = services.invitation_create(invited_by=owner, email="new@acme.test", send=False)
    services.invitation_revoke(invitation=invitation)
    from chorus.accounts.tasks import invitation_send_task

    result = invitation_send_task.enqueue(invitation.pk)
    assert result.return_value is False
    assert mail.outbox == []


CSV = (
    "name,email,department,location,language\n"
    "Anna Kowalska,anna@acme.test,Marketing,Warsaw,pl\n"
    "Broken Row,not-an-email,Sales,London,en\n"
    "Somchai Srisuk,somchai@acme.test,Engineering,Bangkok,th\n"
    "No Language,nolang@acme.test,Sales,London,klingon\n"
    ",,,,\n"
    "Anna Again,anna@acme.test,Marketing,Warsaw,pl\n"
    "Jane Doe,jane@acme.test,,,\n"
)


def test_csv_import_invites_valid_rows_and_reports_invalid_ones_by_line(
    owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.invitations_import_csv(invited_by=owner, data=CSV.encode())
    assert sorted(i.email for i in report.invited) == [
        "anna@acme.test",
        "jane@acme.test",
        "somchai@acme.test",
    ]
    lines = dict(report.errors)
    assert set(lines) == {3, 5, 7}
    assert "not-an-email" in lines[3]
    assert "klingon" in lines[5]
    assert "already been invited" in lines[7]
    anna = Invitation.objects.get(email="anna@acme.test")
    assert (anna.department.name, anna.location.name, anna.language) == (
        "Marketing",
        "Warsaw",
        "pl",
    )
    assert len(mail.outbox) == 3


def test_csv_import_reads_semicolons_without_header_and_windows_encoding(owner):
    data = "Łucja Żak;lucja@acme.test;Księgowość;Kraków;polski\n".encode("cp1250")
    report = services.invitations_import_csv(invited_by=owner, data=data)
    # "polski" is not one of the language names we know, so that row is reported, not guessed.
    assert [line for line, _reason in report.errors] == [1]
    data = "Łucja Żak;lucja@acme.test;Księgowość;Kraków;pl\n".encode("cp1250")
    report = services.invitations_import_csv(invited_by=owner, data=data)
    assert report.errors == []
    invitation = report.invited[0]
    assert (invitation.display_name, invitation.department.name) == ("Łucja Żak", "Księgowość")


def test_an_empty_csv_is_refused(owner):
    with pytest.raises(ChorusError):
        services.invitations_import_csv(invited_by=owner, data=b"")

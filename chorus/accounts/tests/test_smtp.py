"""The invitation e-mail through a real SMTP server on loopback (aiosmtpd)."""

import socket

from django.test import override_settings

from chorus.accounts import services


def test_the_invitation_travels_over_smtp(owner, smtp_server, django_capture_on_commit_callbacks):
    port, inbox = smtp_server
    smtp = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": port},
    }
    with (
        override_settings(MAILERS={"default": smtp}),
        django_capture_on_commit_callbacks(execute=True),
    ):
        invitation = services.invitation_create(
            invited_by=owner, email="smtp@acme.test", language="th"
        )
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "smtp@acme.test"
    assert invitation.key in message.get_payload(0).get_payload(decode=True).decode()


def test_an_unreachable_mail_server_is_retried_and_reported(owner, caplog):
    from django.tasks import TaskResultStatus

    from chorus.accounts.tasks import invitation_send_task

    invitation = services.invitation_create(invited_by=owner, email="retry@acme.test", send=False)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    smtp = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 2},
    }
    with override_settings(MAILERS={"default": smtp}):
        result = invitation_send_task.enqueue(invitation.pk)
    # The immediate backend runs each retry at once: five attempts, each failure logged.
    assert result.status == TaskResultStatus.FAILED
    assert "retrying" in caplog.text
    assert "gave up after 5 attempts" in caplog.text
    invitation.refresh_from_db()
    assert invitation.sent_at is None

"""chorus.core.mail.send_once with mailers that are not SMTP (tests, console): the commit
decides, and failures say whether they came after it. Over SMTP: chorus/digests/tests."""

import smtplib

import pytest
from django.core.mail import EmailMessage

from chorus.core.mail import MailError, NotificationEmail, send_once


def test_without_smtp_the_commit_still_decides(mailoutbox):
    message = EmailMessage("Hello", "Body", to=["ada@acme.test"])
    assert send_once(message, commit=lambda: False) is False
    assert mailoutbox == []
    assert send_once(message, commit=lambda: True) is True
    assert len(mailoutbox) == 1


def test_a_long_unsubscribe_url_stays_on_one_line():
    url = "https://chorus.acme.test/notifications/unsubscribe/" + "x" * 300 + "/"
    message = NotificationEmail(
        "Hello", "Body", to=["ada@acme.test"], headers={"List-Unsubscribe": f"<{url}>"}
    )
    assert f"List-Unsubscribe: <{url}>\n" in message.message().as_string()


@pytest.mark.parametrize(
    ("error", "code", "permanent", "reason"),
    [
        (smtplib.SMTPDataError(554, b"Spam"), 554, True, "554 Spam"),
        (smtplib.SMTPDataError(451, b"Later"), 451, False, "451 Later"),
        (smtplib.SMTPRecipientsRefused({"a@b": (550, b"No")}), 550, True, "550 No"),
        (ConnectionRefusedError(111, "refused"), None, False, "ConnectionRefusedError"),
    ],
)
def test_mail_errors_tell_what_the_server_said(error, code, permanent, reason):
    failure = MailError(error, committed=False)
    assert (failure.code, failure.permanent) == (code, permanent)
    assert failure.reason.startswith(reason)

"""A notification e-mail through a real SMTP server on loopback (aiosmtpd), headers and all."""

from django.test import override_settings

from chorus.accounts.tests.factories import UserFactory
from chorus.notifications.choices import Kind
from chorus.notifications.services import notify


def test_a_notification_travels_over_smtp_with_its_one_click_unsubscribe(
    db, client, smtp_server, django_capture_on_commit_callbacks
):
    port, inbox = smtp_server
    person = UserFactory(email="smtp@acme.test", language="pl")
    smtp = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": port},
    }
    with (
        override_settings(MAILERS={"default": smtp}),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(
            user=person,
            kind=Kind.SUGGESTION_DECIDED,
            title="Twoja propozycja została przyjęta",
            body="Zespół przygotowuje ją do publikacji.",
            url="/content/suggest/",
        )
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "smtp@acme.test"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"]
    assert link.startswith("<http")
    assert link.endswith(">")
    assert "/notifications/unsubscribe/" in link
    parts = {part.get_content_type(): part for part in message.walk()}
    text = parts["text/plain"].get_payload(decode=True).decode()
    html = parts["text/html"].get_payload(decode=True).decode()
    assert "Zespół przygotowuje ją do publikacji." in text
    assert "/content/suggest/" in html
    # What the mail client does with the header: one POST, and the kind is off.
    path = "/" + link.strip("<>").split("://", 1)[1].split("/", 1)[1]
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    with (
        override_settings(MAILERS={"default": smtp}),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(user=person, kind=Kind.SUGGESTION_DECIDED, title="Jeszcze jedna")
    assert len(inbox.messages) == 1

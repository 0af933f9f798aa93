"""The digest over a real SMTP server on loopback (aiosmtpd): the whole message, one connection
for many people, refusals, and the commit point that keeps two senders from both sending."""

import socket
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import EmailMessage
from django.test import override_settings
from django.utils import timezone

from chorus.content.tests.factories import ContentItemFactory
from chorus.core.mail import Mailer, send_once
from chorus.digests.models import DigestSend
from chorus.digests.selectors import digests_due
from chorus.digests.services import digest_send, digests_send_due

from .helpers import due_all_week, member


def _smtp(port):
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }


class Picky:
    """An SMTP server's handler that counts sessions and answers some recipients with a
    refusal: at RCPT (before the commit point) or after DATA (after it)."""

    def __init__(self):
        self.messages = []
        self.sessions = 0
        self.at_rcpt: dict[str, str] = {}
        self.after_data: dict[str, str] = {}

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.at_rcpt:
            return self.at_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if envelope.rcpt_tos[0] in self.after_data:
            return self.after_data[envelope.rcpt_tos[0]]
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def picky():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Picky()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, handler
    controller.stop()


def test_digests_travel_over_smtp_in_one_connection_with_their_headers(db, client, picky):
    port, server = picky
    due_all_week()
    people = [member(email=f"p{n}@acme.test", language="pl") for n in range(3)]
    ContentItemFactory(title="Nowe biuro", language="en")
    with override_settings(MAILERS=_smtp(port)):
        assert digests_send_due()["sent"] == 3
    assert server.sessions == 1
    assert sorted(m["To"] for m in server.messages) == [p.email for p in people]
    message = server.messages[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"]
    assert link.startswith("<http")
    assert "/notifications/unsubscribe/" in link
    parts = {part.get_content_type(): part for part in message.walk()}
    assert "Nowe biuro" in parts["text/plain"].get_content()
    assert 'lang="pl"' in parts["text/html"].get_content()
    assert set(DigestSend.objects.values_list("state", flat=True)) == {DigestSend.State.SENT}
    # The mail client's one click, then the next run: nothing more for that person.
    path = "/" + link.strip("<>").split("://", 1)[1].split("/", 1)[1]
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    DigestSend.objects.all().delete()
    with override_settings(MAILERS=_smtp(port)):
        assert digests_send_due()["sent"] == 2
    assert len(server.messages) == 5


def test_the_root_smtp_server_receives_a_digest(db, smtp_server):
    port, inbox = smtp_server
    due_all_week()
    member(email="ada@acme.test")
    ContentItemFactory(title="Our new office")
    with override_settings(MAILERS=_smtp(port)):
        digests_send_due()
    assert [m["To"] for m in inbox.messages] == ["ada@acme.test"]
    assert inbox.messages[0]["Subject"] == "Your week at Chorus: 1 new post to share"


def test_a_refused_commit_sends_nothing_and_the_next_message_still_goes(db, picky):
    port, server = picky
    message = EmailMessage("Hello", "Body", to=["ada@acme.test"])
    with override_settings(MAILERS=_smtp(port)), Mailer() as mailer:
        assert send_once(message, commit=lambda: False, mailer=mailer) is False
        assert server.messages == []  # the server never saw the final dot
        assert send_once(message, commit=lambda: True, mailer=mailer) is True
    assert len(server.messages) == 1
    assert server.sessions == 2  # the half-sent message's connection was dropped


def test_a_commit_that_fails_leaves_nothing_delivered(db, picky):
    port, server = picky

    def broken():
        raise RuntimeError("the database went away")

    with override_settings(MAILERS=_smtp(port)), pytest.raises(RuntimeError):
        send_once(EmailMessage("Hello", "Body", to=["ada@acme.test"]), commit=broken)
    assert server.messages == []


def test_two_senders_of_one_digest_cannot_both_send_it(db, picky):
    """Sender A is at its commit point (the whole message sent but the final dot) when sender B
    takes the digest over and sends it: A's commit fails, A drops its connection, and the
    server delivers only B's."""
    port, server = picky
    due_all_week()
    member(email="ada@acme.test")
    ContentItemFactory(title="News")
    now = timezone.now()
    (due,) = digests_due(now=now)
    config = due_all_week()
    outcomes = {}

    class SenderA(Mailer):
        def send_once(self, message, *, commit):
            def b_then_a():
                with Mailer() as b:
                    outcomes["B"] = digest_send(due=due, now=now, mailer=b, config=config)
                return commit()

            return super().send_once(message, commit=b_then_a)

    with override_settings(MAILERS=_smtp(port)), SenderA() as a:
        outcomes["A"] = digest_send(due=due, now=now, mailer=a, config=config)
    assert outcomes == {"B": "sent", "A": "done"}
    assert [m["To"] for m in server.messages] == ["ada@acme.test"]
    row = DigestSend.objects.get()
    assert (row.state, row.attempts) == (DigestSend.State.SENT, 2)


def test_refusals_before_and_after_the_commit_point_are_recorded(db, picky):
    port, server = picky
    due_all_week()
    for name in ("gone", "busy", "spam", "later", "fine"):
        member(email=f"{name}@acme.test")
    server.at_rcpt = {"gone@acme.test": "550 No such user", "busy@acme.test": "450 Mailbox busy"}
    server.after_data = {"spam@acme.test": "554 Looks like spam", "later@acme.test": "451 Later"}
    ContentItemFactory(title="News")
    with override_settings(MAILERS=_smtp(port)):
        counts = digests_send_due()
    assert (counts["sent"], counts["failed"], counts["retry"]) == (1, 2, 2)
    rows = {row.user.email: row for row in DigestSend.objects.select_related("user")}
    assert rows["gone@acme.test"].state == DigestSend.State.FAILED
    assert rows["gone@acme.test"].error == "550 No such user"
    assert rows["spam@acme.test"].state == DigestSend.State.FAILED
    assert rows["spam@acme.test"].sent_at is None
    assert rows["busy@acme.test"].state == DigestSend.State.PENDING
    assert rows["later@acme.test"].state == DigestSend.State.PENDING
    assert rows["later@acme.test"].error == "451 Later"
    assert [m["To"] for m in server.messages] == ["fine@acme.test"]
    # The next run tries the passing refusals again, and only those.
    server.at_rcpt, server.after_data = {}, {}
    with override_settings(MAILERS=_smtp(port)):
        assert digests_send_due()["sent"] == 2
    assert sorted(m["To"] for m in server.messages) == [
        "busy@acme.test",
        "fine@acme.test",
        "later@acme.test",
    ]


def test_a_mail_server_that_is_down_stops_the_run_and_leaves_it_for_the_next(db):
    due_all_week()
    for n in range(5):
        member(email=f"p{n}@acme.test")
    ContentItemFactory(title="News")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with override_settings(MAILERS=_smtp(port)):
        counts = digests_send_due()
    assert counts["retry"] == 3
    assert counts.get("stopped") == 1
    states = list(DigestSend.objects.values_list("state", flat=True))
    assert states == [DigestSend.State.PENDING] * 3
